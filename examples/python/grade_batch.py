#!/usr/bin/env python3
"""Grade a JSON Lines file with the asyncio client, 32 answers in flight,
and print one compact line per answer in input order.

    python3 grade_batch.py examples/answers/python-fullstack.jsonl
"""
import asyncio
import json
import os
import sys

try:
    import assay_client as ac
except ImportError:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "..", "..", "client", "python"))
    import assay_client as ac


async def main(path):
    with open(path, encoding="utf-8") as f:
        items = [json.loads(line) for line in f if line.strip()]
    requests = [ac.GradeRequest(answer=i["answer"],
                                question_id=i.get("question_id"),
                                question=i.get("question"),
                                reference=i.get("reference"), tag=i.get("id"))
                for i in items]
    async with ac.AsyncClient() as c:
        results = await c.grade_many(requests, window=32)
    failed = 0
    for r in results:
        if r.ok:
            print(json.dumps({"id": r.tag, "band": r.verdict.band,
                              "score": r.verdict.score}))
        else:
            failed += 1
            print(json.dumps({"id": r.tag, "error": r.error.code}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1])))
