"""Typed results: what the service's replies hold, as dataclasses. Each
keeps the reply it came from in ``raw`` (fields the service adds later are
there even before this package knows them)."""
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple


@dataclass(frozen=True)
class Concept:
    """A concept of the question, as matched (or missed) in an answer."""
    label: str
    weight: float = 1.0
    required: bool = False
    phrase: Optional[str] = None        # the answer's words that matched
    span: Optional[Tuple[int, int]] = None  # byte offsets in the answer

    @classmethod
    def from_json(cls, obj):
        if isinstance(obj, str):
            return cls(label=obj)
        span = obj.get("span")
        return cls(label=str(obj.get("label", "?")),
                   weight=float(obj.get("weight", 1.0)),
                   required=bool(obj.get("required", False)),
                   phrase=obj.get("phrase"),
                   span=tuple(span) if isinstance(span, list) else None)


@dataclass(frozen=True)
class Verdict:
    """A graded answer. ``band`` is "correct", "partial" or "incorrect";
    ``score`` is in [0, 1]; ``model`` is the hash of the model that graded.
    ``fuzzy`` concepts matched through a near spelling, ``negated`` ones
    were mentioned but negated."""
    score: float
    band: str
    question_id: Optional[str] = None
    scale_score: Optional[float] = None
    scale_max: Optional[float] = None
    matched: List[Concept] = field(default_factory=list)
    fuzzy: List[Concept] = field(default_factory=list)
    negated: List[Concept] = field(default_factory=list)
    missing: List[Concept] = field(default_factory=list)
    misconceptions: List[Concept] = field(default_factory=list)
    flags: List[Any] = field(default_factory=list)
    model: Optional[str] = None
    id: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False,
                                compare=False)

    @classmethod
    def from_json(cls, reply):
        concepts = reply.get("concepts") or {}

        def lst(kind):
            items = concepts.get(kind) if isinstance(concepts, dict) else None
            return [Concept.from_json(c) for c in items or []]

        return cls(score=float(reply.get("score", 0.0)),
                   band=str(reply.get("band", "")),
                   question_id=reply.get("question_id"),
                   scale_score=reply.get("scale_score"),
                   scale_max=reply.get("scale_max"),
                   matched=lst("matched"), fuzzy=lst("fuzzy"),
                   negated=lst("negated"), missing=lst("missing"),
                   misconceptions=lst("misconceptions"),
                   flags=list(reply.get("flags") or []),
                   model=reply.get("model"), id=reply.get("id"), raw=reply)


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    bank: Optional[str] = None


@dataclass(frozen=True)
class ModelInfo:
    id: str
    hash: str
    questions: int


@dataclass(frozen=True)
class Health:
    status: str
    version: Optional[str]
    models: List[ModelInfo]
    raw: Dict[str, Any] = field(default_factory=dict, repr=False,
                                compare=False)

    @property
    def ok(self):
        return self.status == "ok"

    @classmethod
    def from_json(cls, reply):
        return cls(status=str(reply.get("status", "")),
                   version=reply.get("version"),
                   models=[ModelInfo(str(m.get("id")), str(m.get("hash")),
                                     int(m.get("questions", 0)))
                           for m in reply.get("models") or []],
                   raw=reply)


@dataclass(frozen=True)
class Stats:
    uptime_s: float
    requests: int
    replies: int
    errors: Dict[str, int]
    bands: Dict[str, int]
    latency_ms: Dict[str, float]
    raw: Dict[str, Any] = field(default_factory=dict, repr=False,
                                compare=False)

    @classmethod
    def from_json(cls, reply):
        return cls(uptime_s=float(reply.get("uptime_s", 0)),
                   requests=int(reply.get("requests", 0)),
                   replies=int(reply.get("replies", 0)),
                   errors=dict(reply.get("errors") or {}),
                   bands=dict(reply.get("bands") or {}),
                   latency_ms=dict(reply.get("latency_ms") or {}),
                   raw=reply)


@dataclass(frozen=True)
class GradeRequest:
    """One answer to grade: by ``question_id``, or inline with ``question``
    and ``reference``. ``tag`` is yours, returned with the result."""
    answer: str
    question_id: Optional[str] = None
    question: Optional[str] = None
    reference: Optional[str] = None
    tag: Any = None


@dataclass(frozen=True)
class BatchResult:
    """The outcome of one GradeRequest of a batch: ``verdict`` or
    ``error`` (a ServiceError), never both."""
    index: int
    tag: Any
    verdict: Optional[Verdict] = None
    error: Optional[Exception] = None

    @property
    def ok(self):
        return self.verdict is not None
