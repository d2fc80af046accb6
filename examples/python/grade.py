#!/usr/bin/env python3
"""Grade one answer with assayd, using only docs/protocol.md and pyzmq.

    python3 grade.py --endpoint tcp://127.0.0.1:5555 --question gil \
        --answer "The GIL lets one thread run bytecode at a time..."

A REQ socket adds the empty delimiter frame itself, so the request is one
JSON frame and the reply comes back the same way. Exit status: 0 when the
service graded the answer, 1 on an error reply, 3 when no reply came.
"""
import argparse
import json
import sys
import uuid

import zmq


def label(item):
    """A concept is a label string or an object with a "label"."""
    if isinstance(item, dict):
        return item.get("label") or item.get("concept") or item.get("id") or "?"
    return str(item)


def main():
    ap = argparse.ArgumentParser(description="Grade an answer with assayd.")
    ap.add_argument("--endpoint", default="tcp://127.0.0.1:5555")
    ap.add_argument("--question", required=True, help="question id, e.g. gil")
    ap.add_argument("--answer", required=True)
    ap.add_argument("--timeout", type=int, default=5000, help="milliseconds")
    args = ap.parse_args()

    request = {
        "v": 1,
        "id": uuid.uuid4().hex,
        "op": "grade",
        "question_id": args.question,
        "answer": args.answer,
    }
    ctx = zmq.Context()
    sock = ctx.socket(zmq.REQ)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect(args.endpoint)
    try:
        sock.send(json.dumps(request, separators=(",", ":")).encode("utf-8"))
        if not sock.poll(args.timeout, zmq.POLLIN):
            print(f"grade.py: no reply from {args.endpoint} within "
                  f"{args.timeout} ms", file=sys.stderr)
            return 3
        reply = json.loads(sock.recv().decode("utf-8"))
    finally:
        sock.close()
        ctx.term()

    if reply.get("id") != request["id"]:
        print("grade.py: reply id does not match the request", file=sys.stderr)
        return 1
    if not reply.get("ok"):
        err = reply.get("error", {})
        print(f"grade.py: {err.get('code', 'error')}: {err.get('message', '')}",
              file=sys.stderr)
        return 1

    concepts = reply.get("concepts", {})
    print(f"question: {reply.get('question_id', args.question)}")
    print(f"band:     {reply.get('band')}")
    print(f"score:    {reply.get('score', 0):.3f}")
    if isinstance(concepts, dict):
        for kind in ("matched", "missing", "fuzzy", "negated", "misconceptions"):
            items = concepts.get(kind) or []
            if items:
                print(f"{kind + ':':<9} " + ", ".join(label(i) for i in items))
    flags = reply.get("flags") or []
    if flags:
        names = flags if isinstance(flags, list) else [k for k, v in flags.items() if v]
        print("flags:    " + ", ".join(label(f) for f in names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
