"""The asyncio client: the same protocol, reliability and options as
Client, on zmq.asyncio. Any number of tasks may await it at once; one
background task reads the replies and drives retries."""
import asyncio
import os
import time

import zmq
import zmq.asyncio
from zmq.utils.monitor import parse_monitor_message

from ._engine import (DEFAULT_ENDPOINT, MONITOR_EVENTS, Engine, grade_body,
                      resolve_keys)
from .errors import InvalidRequest, error_from_reply
from .types import BatchResult, GradeRequest, Health, Question, Stats, Verdict


class AsyncClient:
    """asyncio twin of Client (see its documentation for the options).

        async with AsyncClient("tcp://127.0.0.1:5555") as c:
            v = await c.grade("The GIL ...", "gil")
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
        self._ctx = context or zmq.asyncio.Context.instance()
        self._sock = None
        self._mon = None
        self._task = None
        self._wake = None
        self._open()

    @property
    def endpoint(self):
        return self._engine.endpoint

    def _open(self):
        s = self._ctx.socket(zmq.DEALER)
        s.setsockopt(zmq.LINGER, 0)
        s.setsockopt(zmq.SNDHWM, 0)
        s.setsockopt(zmq.RCVHWM, 0)
        if len(self._engine.endpoints) > 1:
            s.setsockopt(zmq.IMMEDIATE, 1)
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

    async def close(self):
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):
                pass
            self._task = None
        for p in list(self._engine.pending.values()):
            if not p.key.done():
                p.key.cancel()
        self._engine.pending.clear()
        self._close_socket()

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.close()

    def _send(self, p):
        try:
            self._sock.send_multipart(self._engine.frames(p), zmq.NOBLOCK)
            self._engine.sent(p, True)
        except zmq.Again:
            self._engine.sent(p, False)

    async def _run(self):
        try:
            await self._loop()
        except asyncio.CancelledError:
            raise
        except Exception as e:  # a socket error: no request may hang on it
            for p in list(self._engine.pending.values()):
                if not p.key.done():
                    p.key.set_exception(e)
            self._engine.pending.clear()

    async def _loop(self):
        eng = self._engine
        while True:
            if not eng.pending:
                self._wake.clear()
                await self._wake.wait()
                continue
            now = time.monotonic()
            for p in eng.backoff_due(now):
                self._send(p)
            due = eng.check(now)
            if due is not None and due[0] == "fail":
                p, exc = due[1]
                if not p.key.done():
                    p.key.set_exception(exc)
                continue
            if due is not None:
                self._close_socket()
                self._open()
                for p in eng.resend_all():
                    self._send(p)
                continue
            unsent = eng.unsent()
            poller = zmq.asyncio.Poller()
            poller.register(self._sock,
                            zmq.POLLIN | (zmq.POLLOUT if unsent else 0))
            poller.register(self._mon, zmq.POLLIN)
            # new requests are sent by call() itself; wake up at least every
            # 50 ms to see their timers
            wait_ms = min(50, max(1, int(eng.wait(now) * 1000) + 1))
            ready = dict(await poller.poll(wait_ms))
            if self._mon in ready:
                while await self._mon.poll(0):
                    ev = parse_monitor_message(await self._mon.recv_multipart())
                    addr = ev.get("endpoint", b"")
                    if isinstance(addr, bytes):
                        addr = addr.decode("utf-8", "replace")
                    eng.on_event(ev["event"], addr)
            ev = ready.get(self._sock, 0)
            if unsent and ev & zmq.POLLOUT:
                for p in unsent:
                    self._send(p)
            if ev & zmq.POLLIN:
                while await self._sock.poll(0, zmq.POLLIN):
                    got = eng.on_reply(await self._sock.recv_multipart())
                    if got is not None and not got[0].key.done():
                        got[0].key.set_result(got[1])

    async def call(self, body):
        """One request (a dict with "op" and its fields) -> the reply dict,
        ok or not; raises Unreachable/Timeout."""
        if self._task is None or self._task.done():
            self._wake = asyncio.Event()
            self._task = asyncio.get_running_loop().create_task(self._run())
        fut = asyncio.get_running_loop().create_future()
        self._send(self._engine.add(fut, body))
        self._wake.set()
        return await fut

    async def _ok(self, body):
        reply = await self.call(body)
        if reply.get("ok") is not True:
            raise error_from_reply(reply)
        return reply

    async def grade(self, answer, question_id=None, *, question=None,
                    reference=None):
        return Verdict.from_json(await self._ok(
            grade_body(answer, question_id, question, reference)))

    async def questions(self):
        reply = await self._ok({"op": "questions"})
        return [Question(q.get("id"), q.get("question"), q.get("bank"))
                for q in reply.get("questions", [])]

    async def health(self):
        return Health.from_json(await self._ok({"op": "health"}))

    async def stats(self):
        return Stats.from_json(await self._ok({"op": "stats"}))

    async def grade_many(self, items, window=64):
        """Grades GradeRequests (or dicts) with up to ``window`` in flight;
        returns the BatchResults in input order."""
        if window < 1:
            raise ValueError("window must be >= 1")
        sem = asyncio.Semaphore(window)

        async def one(i, item):
            try:
                if isinstance(item, dict):
                    item = GradeRequest(**item)
                body = grade_body(item.answer, item.question_id,
                                  item.question, item.reference)
            except (TypeError, ValueError) as e:
                return BatchResult(i, getattr(item, "tag", None),
                                   error=InvalidRequest(str(e)))
            async with sem:
                reply = await self.call(body)
            if reply.get("ok") is True:
                return BatchResult(i, item.tag, verdict=Verdict.from_json(reply))
            return BatchResult(i, item.tag, error=error_from_reply(reply))

        return list(await asyncio.gather(*(one(i, it)
                                           for i, it in enumerate(items))))
