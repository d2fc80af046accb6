"""The synchronous client: one DEALER socket, many requests in flight."""
import os
import time

import zmq
from zmq.utils.monitor import recv_monitor_message

from ._engine import (DEFAULT_ENDPOINT, MONITOR_EVENTS, Engine, grade_body,
                      resolve_keys)
from .errors import InvalidRequest, error_from_reply
from .types import BatchResult, GradeRequest, Health, Question, Stats, Verdict


class Client:
    """A client of assayd (docs/protocol.md).

    ``endpoint`` is "tcp://host:port", a comma-separated list of them (the
    requests spread over the instances, and one that times out is resent to
    another), or "mdp+tcp://host:port" for a Majordomo broker. Default:
    $ASSAY_ENDPOINT, else tcp://127.0.0.1:5555.

    Reliability: a ``busy`` reply is retried with exponential backoff within
    the request's budget (timeout_ms x (retries + 1)); a request with no
    reply for ``timeout_ms`` makes the client reopen its socket and resend
    what is in flight (Lazy Pirate), up to ``retries`` times. When nothing
    listens, or the service refuses the CURVE key, Unreachable is raised at
    once.

    CURVE: ``curve_key_file`` (NAME.key from `assay keygen`) and
    ``server_key_file`` (the service's NAME.pub), or the keys as Z85 text
    (``curve_secret_key``, ``curve_server_key``).

    ``require_model``: a model hash (or a prefix of 12+ lowercase hex
    digits) every request requires; a service grading with another model
    answers ModelMismatch instead of a verdict (docs/reliability.md).

    Not thread-safe: one client per thread. Use as a context manager or
    call close().
    """

    def __init__(self, endpoint=None, *, timeout_ms=3000, retries=3,
                 curve_key_file=None, server_key_file=None,
                 curve_secret_key=None, curve_server_key=None,
                 service="assay", context=None, require_model=None):
        endpoint = endpoint or os.environ.get("ASSAY_ENDPOINT") or DEFAULT_ENDPOINT
        self._engine = Engine(endpoint, timeout_ms, retries, service,
                              require_model)
        self._keys = resolve_keys(curve_key_file, server_key_file,
                                  curve_secret_key, curve_server_key)
        self._ctx = context or zmq.Context.instance()
        self._sock = None
        self._mon = None
        self._open()

    @property
    def endpoint(self):
        return self._engine.endpoint

    # socket ---------------------------------------------------------------
    def _open(self):
        s = self._ctx.socket(zmq.DEALER)
        s.setsockopt(zmq.LINGER, 0)
        s.setsockopt(zmq.SNDHWM, 0)
        s.setsockopt(zmq.RCVHWM, 0)
        if len(self._engine.endpoints) > 1:
            s.setsockopt(zmq.IMMEDIATE, 1)  # queue only to live instances
        if self._keys is not None:
            public, secret, server = self._keys
            s.curve_publickey = public.encode()
            s.curve_secretkey = secret.encode()
            s.curve_serverkey = server.encode()
        self._mon = s.get_monitor_socket(MONITOR_EVENTS)
        for ep in self._engine.endpoints:
            s.connect(ep)
        self._sock = s

    def _close_socket(self):
        if self._sock is not None:
            try:
                self._sock.disable_monitor()
            except zmq.ZMQError:
                pass
            self._sock.close(0)
            self._sock = None
        if self._mon is not None:
            self._mon.close(0)
            self._mon = None

    def close(self):
        self._close_socket()
        self._engine.pending.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _send(self, p):
        try:
            self._sock.send_multipart(self._engine.frames(p), zmq.NOBLOCK)
            self._engine.sent(p, True)
        except zmq.Again:
            self._engine.sent(p, False)  # no instance up yet

    # the loop -------------------------------------------------------------
    def _pipeline(self, bodies, window, backlog=lambda: 0):
        """Sends (key, body) pairs from the iterable, at most ``window`` in
        flight (counting ``backlog()`` results the caller holds), and
        yields (key, reply dict) as replies arrive."""
        eng = self._engine
        try:
            yield from self._pipeline_loop(eng, iter(bodies), window, backlog)
        finally:
            # abandoned early (or failed): forget what is in flight, so its
            # late replies are dropped instead of answering the next call
            eng.pending.clear()

    def _pipeline_loop(self, eng, it, window, backlog):
        exhausted = False
        while True:
            while not exhausted and len(eng.pending) + backlog() < window:
                try:
                    key, body = next(it)
                except StopIteration:
                    exhausted = True
                    break
                self._send(eng.add(key, body))
            if not eng.pending:
                return
            now = time.monotonic()
            for p in eng.backoff_due(now):
                self._send(p)
            due = eng.check(now)
            if due is not None and due[0] == "fail":
                raise due[1][1]
            if due is not None:
                self._close_socket()
                self._open()
                for p in eng.resend_all():
                    self._send(p)
                continue
            poller = zmq.Poller()
            unsent = eng.unsent()
            poller.register(self._sock,
                            zmq.POLLIN | (zmq.POLLOUT if unsent else 0))
            poller.register(self._mon, zmq.POLLIN)
            ready = dict(poller.poll(max(1, int(eng.wait(now) * 1000) + 1)))
            if self._mon in ready:
                while self._mon.poll(0):
                    ev = recv_monitor_message(self._mon)
                    addr = ev.get("endpoint", b"")
                    if isinstance(addr, bytes):
                        addr = addr.decode("utf-8", "replace")
                    eng.on_event(ev["event"], addr)
            ev = ready.get(self._sock, 0)
            if unsent and ev & zmq.POLLOUT:
                for p in unsent:
                    self._send(p)
            if ev & zmq.POLLIN:
                while self._sock.poll(0, zmq.POLLIN):
                    got = eng.on_reply(self._sock.recv_multipart())
                    if got is not None:
                        yield got[0].key, got[1]

    def call(self, body):
        """Sends one request (a dict with "op" and its fields; "v" and "id"
        are added) and returns the reply dict, ok or not."""
        for _, reply in self._pipeline([(0, body)], 1):
            return reply
        raise AssertionError("unreachable")  # pragma: no cover

    def _ok(self, body):
        reply = self.call(body)
        if reply.get("ok") is not True:
            raise error_from_reply(reply)
        return reply

    # operations -----------------------------------------------------------
    def grade(self, answer, question_id=None, *, question=None,
              reference=None):
        """Grades answer against a bank question (question_id) or an inline
        question and reference; returns a Verdict or raises ServiceError."""
        return Verdict.from_json(self._ok(grade_body(answer, question_id,
                                                     question, reference)))

    def questions(self):
        return [Question(q.get("id"), q.get("question"), q.get("bank"))
                for q in self._ok({"op": "questions"}).get("questions", [])]

    def health(self):
        return Health.from_json(self._ok({"op": "health"}))

    def stats(self):
        return Stats.from_json(self._ok({"op": "stats"}))

    def grade_many(self, items, window=64):
        """Grades an iterable of GradeRequest (or dicts with the same keys)
        with up to ``window`` requests in flight; yields a BatchResult per
        item, in input order. An error reply becomes the result's error;
        Unreachable/Timeout end the iteration (raised)."""
        if window < 1:
            raise ValueError("window must be >= 1")

        done = {}

        def bodies():
            for i, item in enumerate(items):
                try:
                    if isinstance(item, dict):
                        item = GradeRequest(**item)
                    body = grade_body(item.answer, item.question_id,
                                      item.question, item.reference)
                except (TypeError, ValueError) as e:
                    done[i] = BatchResult(i, getattr(item, "tag", None),
                                          error=InvalidRequest(str(e)))
                    continue
                yield (i, item.tag), body

        next_out = 0
        for (i, tag), reply in self._pipeline(bodies(), window,
                                              lambda: len(done)):
            if reply.get("ok") is True:
                done[i] = BatchResult(i, tag, verdict=Verdict.from_json(reply))
            else:
                done[i] = BatchResult(i, tag, error=error_from_reply(reply))
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
        for i in sorted(done):
            yield done.pop(i)
