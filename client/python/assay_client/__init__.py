"""assay_client - Python client for the assayd answer-grading service.

    from assay_client import Client
    with Client("tcp://127.0.0.1:5555") as c:
        v = c.grade("Only one thread runs bytecode at a time.", "gil")
        print(v.band, v.score, [m.label for m in v.matched])

See client/python/README.md; the wire protocol is docs/protocol.md.
"""
from .aio import AsyncClient
from .client import Client
from .errors import (AssayError, Busy, ConfigError, InternalError,
                     InvalidRequest, MessageTooLarge, ModelMismatch,
                     ServiceError, Timeout, UnknownQuestion, Unreachable)
from .types import (BatchResult, Concept, GradeRequest, Health, ModelInfo,
                    Question, Stats, Verdict)

__version__ = "0.1.0"
__all__ = [
    "AsyncClient", "Client", "AssayError", "Busy", "ConfigError",
    "InternalError", "InvalidRequest", "MessageTooLarge", "ModelMismatch",
    "ServiceError",
    "Timeout", "UnknownQuestion", "Unreachable", "BatchResult", "Concept",
    "GradeRequest", "Health", "ModelInfo", "Question", "Stats", "Verdict",
]
