"""Exceptions. Every error the service can reply with has a class, named
after its wire code (docs/protocol.md); transport failures have their own.

    AssayError                      base: .code (wire name), .message
    ├── ServiceError                the service answered "ok": false
    │   ├── InvalidRequest          invalid_json, invalid_utf8, missing_field,
    │   │                           invalid_field, unknown_op,
    │   │                           unsupported_version
    │   ├── UnknownQuestion         unknown_question
    │   ├── MessageTooLarge         message_too_large
    │   ├── Busy                    busy (after the backoff budget)
    │   ├── ModelMismatch           model_mismatch (require_model differs)
    │   └── InternalError           internal
    ├── Unreachable                 no reply ever came (nothing listening,
    │                               key refused, or no reply within retries)
    ├── Timeout                     the service answered before, not now
    └── ConfigError                 a bad endpoint, key or option
"""


class AssayError(Exception):
    """Base of every assay_client error: ``code`` is the wire name."""

    code = "internal"

    def __init__(self, message, code=None, reply=None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.reply = reply

    def __str__(self):
        return f"{self.code}: {self.message}"


class ServiceError(AssayError):
    """The service answered with an error reply; ``field`` names the
    request field when the service said which."""

    def __init__(self, message, code=None, reply=None, field=None):
        super().__init__(message, code, reply)
        self.field = field


class InvalidRequest(ServiceError):
    code = "invalid_field"


class UnknownQuestion(ServiceError):
    code = "unknown_question"


class MessageTooLarge(ServiceError):
    code = "message_too_large"


class Busy(ServiceError):
    code = "busy"


class ModelMismatch(ServiceError):
    """The service grades with a model other than the one required
    (``require_model``); the message names both hashes."""
    code = "model_mismatch"


class InternalError(ServiceError):
    code = "internal"


class Unreachable(AssayError):
    code = "unreachable"


class Timeout(AssayError):
    code = "timeout"


class ConfigError(AssayError):
    code = "invalid_config"


_BY_CODE = {
    "unknown_question": UnknownQuestion,
    "message_too_large": MessageTooLarge,
    "busy": Busy,
    "model_mismatch": ModelMismatch,
    "internal": InternalError,
}


def error_from_reply(reply):
    """The exception for an ``"ok": false`` reply (a dict)."""
    err = reply.get("error") if isinstance(reply, dict) else None
    if not isinstance(err, dict):
        return InternalError("the service replied without ok or error",
                             reply=reply)
    code = str(err.get("code", "internal"))
    cls = _BY_CODE.get(code, InvalidRequest)
    return cls(str(err.get("message", code)), code=code, reply=reply,
               field=err.get("field"))
