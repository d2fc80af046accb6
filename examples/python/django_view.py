"""A Django view that grades a candidate's submitted answer with assayd.

Wire it in urls.py:   path("answers/<str:question_id>/grade", grade_answer)
and set ASSAY_ENDPOINT (e.g. "tcp://assayd-1:5555,tcp://assayd-2:5555" for
two instances without a broker). One client per worker thread: a ZeroMQ
socket belongs to one thread, and reusing it keeps the connection warm.
"""
import json
import threading

from django.http import JsonResponse
from django.views.decorators.http import require_POST

import assay_client as ac

_local = threading.local()


def _client():
    if getattr(_local, "client", None) is None:
        _local.client = ac.Client(timeout_ms=2000, retries=1)
    return _local.client


@require_POST
def grade_answer(request, question_id):
    try:
        answer = json.loads(request.body)["answer"]
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": 'send {"answer": "..."}'}, status=400)
    try:
        v = _client().grade(answer, question_id)
    except ac.UnknownQuestion:
        return JsonResponse({"error": f"no question {question_id!r}"}, status=404)
    except ac.ServiceError as e:   # invalid input, too large, still busy
        return JsonResponse({"error": e.code, "message": e.message}, status=422)
    except (ac.Unreachable, ac.Timeout):
        return JsonResponse({"error": "grading unavailable, try again"},
                            status=503)
    return JsonResponse({
        "band": v.band,
        "score": v.score,
        "matched": [c.label for c in v.matched + v.fuzzy],
        "missing": [c.label for c in v.missing],
        "misconceptions": [c.label for c in v.misconceptions],
    })
