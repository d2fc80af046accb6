"""The transport logic shared by the sync and asyncio clients, without any
I/O: endpoints, keys, request ids and encoding, matching replies, the busy
backoff and the Lazy Pirate retry decisions. The clients only move bytes."""
import itertools
import json
import os
import re
import time
import uuid

from .errors import ConfigError, Timeout, Unreachable

DEFAULT_ENDPOINT = "tcp://127.0.0.1:5555"
MDP_PREFIX = "mdp+"
MDP_CLIENT = b"MDPC01"
BUSY_FIRST_S = 0.02
BUSY_MAX_S = 1.0

# socket monitor events (libzmq values, also zmq.EVENT_*)
EVENT_CONNECTED = 0x0001
EVENT_CONNECT_RETRIED = 0x0004
EVENT_HANDSHAKE_FAILED_NO_DETAIL = 0x0800
EVENT_HANDSHAKE_SUCCEEDED = 0x1000
EVENT_HANDSHAKE_FAILED_PROTOCOL = 0x2000
EVENT_HANDSHAKE_FAILED_AUTH = 0x4000
MONITOR_EVENTS = (EVENT_CONNECTED | EVENT_CONNECT_RETRIED
                  | EVENT_HANDSHAKE_FAILED_NO_DETAIL | EVENT_HANDSHAKE_SUCCEEDED
                  | EVENT_HANDSHAKE_FAILED_PROTOCOL | EVENT_HANDSHAKE_FAILED_AUTH)

_Z85 = re.compile(r'^[0-9a-zA-Z.\-:+=^!/*?&<>()\[\]{}@%$#]{40}$')
_KEYLINE = re.compile(r'^\s*(public|secret)-key\s*=\s*"([^"]*)"\s*$')


# A required model: its SHA-256 in lowercase hex, or a prefix of 12+ digits.
_MODEL_HASH = re.compile(r"[0-9a-f]{12,64}")

def parse_endpoints(endpoint):
    """"EP" or "EP1,EP2,..." (each may start with "mdp+", all alike) ->
    (list of ZeroMQ endpoints, majordomo?)."""
    if not isinstance(endpoint, str) or not endpoint.strip():
        raise ConfigError("endpoint: empty", code="invalid_argument")
    items = [e.strip() for e in endpoint.split(",")]
    if any(not e for e in items):
        raise ConfigError(f"endpoint list {endpoint!r} has an empty item",
                          code="invalid_argument")
    mdp = [e.startswith(MDP_PREFIX) for e in items]
    if any(mdp) and not all(mdp):
        raise ConfigError(f"endpoint list {endpoint!r} mixes mdp+ and direct "
                          "endpoints", code="invalid_argument")
    eps = [e[len(MDP_PREFIX):] if m else e for e, m in zip(items, mdp)]
    return eps, all(mdp)


def load_keyfile(path, need_secret):
    """Reads a key file `assay keygen` wrote (zcert text form) ->
    (public, secret or None)."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror}",
                          code="io_error") from None
    keys = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        m = _KEYLINE.match(line)
        if m:
            if not _Z85.match(m.group(2)):
                raise ConfigError(f"{path}:{lineno}: {m.group(1)}-key is not "
                                  "a 40-character Z85 key")
            keys[m.group(1)] = m.group(2)
    if "public" not in keys or (need_secret and "secret" not in keys):
        want = "secret-key" if need_secret else "public-key"
        raise ConfigError(f"{path}: no {want} (a NAME.key from `assay "
                          "keygen` holds both keys, NAME.pub the public one)")
    if need_secret and os.name == "posix" and os.stat(path).st_mode & 0o077:
        raise ConfigError(f"{path}: the secret key file may be read by "
                          "others; chmod 600 it")
    return keys["public"], keys.get("secret")


def resolve_keys(curve_key_file=None, server_key_file=None,
                 curve_secret_key=None, curve_server_key=None):
    """-> None (no CURVE) or (client public, client secret, server public),
    from files or Z85 text. The client's public key is derived with
    zmq.curve_public."""
    mine = curve_key_file is not None or curve_secret_key is not None
    theirs = server_key_file is not None or curve_server_key is not None
    if not mine and not theirs:
        return None
    if not (mine and theirs):
        raise ConfigError("CURVE needs both this client's key and the "
                          "service's public key", code="invalid_argument")
    if curve_key_file is not None and curve_secret_key is not None:
        raise ConfigError("give the client key as a file or as text, not both",
                          code="invalid_argument")
    if server_key_file is not None and curve_server_key is not None:
        raise ConfigError("give the server key as a file or as text, not both",
                          code="invalid_argument")
    import zmq
    if not zmq.has("curve"):
        raise ConfigError("this libzmq was built without CURVE")
    if curve_key_file is not None:
        public, secret = load_keyfile(curve_key_file, True)
    else:
        if not _Z85.match(curve_secret_key or ""):
            raise ConfigError("the CURVE secret key is not a 40-character "
                              "Z85 key", code="invalid_argument")
        secret = curve_secret_key
        public = zmq.curve_public(secret.encode()).decode()
    if server_key_file is not None:
        server, _ = load_keyfile(server_key_file, False)
    else:
        if not _Z85.match(curve_server_key or ""):
            raise ConfigError("the server's CURVE key is not a 40-character "
                              "Z85 key", code="invalid_argument")
        server = curve_server_key
    return public, secret, server


def grade_body(answer, question_id=None, question=None, reference=None):
    if not isinstance(answer, str):
        raise TypeError("answer must be a str")
    if question_id is not None:
        if question is not None or reference is not None:
            raise ValueError("give question_id, or question and reference, "
                             "not both")
        return {"op": "grade", "question_id": question_id, "answer": answer}
    if question is None or reference is None:
        raise ValueError("grade needs question_id, or question and reference")
    return {"op": "grade", "question": question, "reference": reference,
            "answer": answer}


class Pending:
    __slots__ = ("key", "id", "data", "tries", "sent", "first", "busy",
                 "resend_at", "unsent")

    def __init__(self, key, rid, data, now):
        self.key = key
        self.id = rid
        self.data = data
        self.tries = 1
        self.sent = now
        self.first = now
        self.busy = 0
        self.resend_at = None
        self.unsent = False


class Engine:
    """Requests in flight and what to do about them. Times are
    time.monotonic() seconds."""

    def __init__(self, endpoint, timeout_ms, retries, service="assay",
                 require_model=None):
        if timeout_ms <= 0 or retries < 0:
            raise ConfigError(f"timeout_ms must be > 0 and retries >= 0 "
                              f"(got {timeout_ms}, {retries})",
                              code="invalid_argument")
        if require_model is not None and (
                not isinstance(require_model, str) or
                not _MODEL_HASH.fullmatch(require_model)):
            raise ConfigError(f"require_model must be 12 to 64 lowercase "
                              f"hex digits (a model hash or a prefix of it), "
                              f"got {require_model!r:.80}",
                              code="invalid_argument")
        self.require_model = require_model
        self.endpoint = endpoint
        self.endpoints, self.mdp = parse_endpoints(endpoint)
        self.timeout = timeout_ms / 1000.0
        self.timeout_ms = timeout_ms
        self.retries = retries
        self.service = service.encode()
        self.pending = {}
        self.heard = False
        self.note = ""
        self.state = {e: "unknown" for e in self.endpoints}
        self._session = uuid.uuid4().hex[:8]
        self._seq = itertools.count(1)

    # requests -------------------------------------------------------------
    def add(self, key, body, now=None):
        rid = f"{self._session}-{next(self._seq)}"
        req = {"v": 1, "id": rid}
        if self.require_model is not None:
            req["model_hash"] = self.require_model
        req.update(body)
        data = json.dumps(req, separators=(",", ":"),
                          ensure_ascii=False).encode("utf-8")
        p = Pending(key, rid, data, time.monotonic() if now is None else now)
        self.pending[rid] = p
        return p

    def frames(self, p):
        if self.mdp:
            return [b"", MDP_CLIENT, self.service, p.data]
        return [b"", p.data]

    def on_reply(self, frames, now=None):
        """A message from the socket -> (Pending, reply dict) to deliver,
        or None (dropped, or a busy reply being backed off)."""
        want = 4 if self.mdp else 2
        if len(frames) != want or frames[0] != b"":
            return None
        if self.mdp and (frames[1] != MDP_CLIENT or frames[2] != self.service):
            return None
        try:
            reply = json.loads(frames[-1].decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None
        if not isinstance(reply, dict):
            return None
        p = self.pending.get(reply.get("id"))
        if p is None or p.resend_at is not None:
            return None  # answered already, or waiting out a backoff
        self.heard = True
        err = reply.get("error")
        if (reply.get("ok") is False and isinstance(err, dict)
                and err.get("code") == "busy"
                and self._backoff(p, time.monotonic() if now is None else now)):
            return None
        del self.pending[p.id]
        return p, reply

    def _backoff(self, p, now):
        delay = min(BUSY_FIRST_S * (2 ** p.busy), BUSY_MAX_S)
        delay *= 1 + (int(p.id.rsplit("-", 1)[1]) % 25) / 100.0  # spread
        if now + delay > p.first + self.timeout * (self.retries + 1):
            return False
        p.busy += 1
        p.resend_at = now + delay
        return True

    # timing ---------------------------------------------------------------
    def _oldest(self):
        waiting = [p for p in self.pending.values() if p.resend_at is None]
        return min(waiting, key=lambda p: p.sent) if waiting else None

    def backoff_due(self, now):
        return [p for p in self.pending.values()
                if p.resend_at is not None and p.resend_at <= now]

    def unsent(self):
        return [p for p in self.pending.values()
                if p.unsent and p.resend_at is None]

    def wait(self, now):
        """Seconds until something is due."""
        times = [p.resend_at for p in self.pending.values()
                 if p.resend_at is not None]
        old = self._oldest()
        if old is not None:
            times.append(old.sent + self.timeout)
        return max(0.0, min(times) - now) if times else 3600.0

    def check(self, now):
        """-> ("reconnect", None) when the oldest request timed out with
        tries left; ("fail", (Pending, Unreachable|Timeout)) after dropping
        it when it has none, or at once when every endpoint refused; None
        when nothing is due."""
        old = self._oldest()
        if old is None:
            return None
        if self.refused() or (old.sent + self.timeout <= now
                              and old.tries > self.retries):
            del self.pending[old.id]
            return "fail", (old, self._failure(old))
        if old.sent + self.timeout <= now:
            return "reconnect", None
        return None

    def resend_all(self):
        """After a reconnect: everything not backing off goes again."""
        out = []
        for p in self.pending.values():
            if p.resend_at is None:
                p.tries += 1
                out.append(p)
        return out

    def sent(self, p, ok, now=None):
        p.sent = time.monotonic() if now is None else now
        p.resend_at = None
        p.unsent = not ok

    # monitor --------------------------------------------------------------
    def on_event(self, event, addr):
        ep = addr if addr in self.state else (
            self.endpoints[0] if len(self.endpoints) == 1 else None)
        if event in (EVENT_CONNECTED, EVENT_HANDSHAKE_SUCCEEDED):
            if ep and self.state[ep] != "denied":
                self.state[ep] = "up"
        elif event == EVENT_CONNECT_RETRIED:
            if ep and self.state[ep] not in ("up", "denied"):
                self.state[ep] = "refused"
        elif event & (EVENT_HANDSHAKE_FAILED_AUTH | EVENT_HANDSHAKE_FAILED_PROTOCOL
                      | EVENT_HANDSHAKE_FAILED_NO_DETAIL):
            if ep:
                self.state[ep] = "denied"
            if event == EVENT_HANDSHAKE_FAILED_AUTH:
                self.note = "the service refused this client's key"
            else:
                self.note = ("the handshake with the service failed (CURVE "
                             "on one side only, or the wrong server key?)")

    def refused(self):
        return not self.heard and all(
            s in ("refused", "denied") for s in self.state.values())

    def _failure(self, p):
        tries = "try" if p.tries == 1 else "tries"
        if not self.heard:
            if self.refused():
                if self.note:
                    return Unreachable(f"{self.endpoint}: {self.note}")
                return Unreachable(f"nothing is listening at {self.endpoint} "
                                   "- is assayd running?")
            note = f"; {self.note}" if self.note else ""
            return Unreachable(f"{self.endpoint}: no reply after {p.tries} "
                               f"{tries} of {self.timeout_ms} ms{note}")
        return Timeout(f"{self.endpoint}: request {p.id!r} got no reply after "
                       f"{p.tries} {tries} of {self.timeout_ms} ms")
