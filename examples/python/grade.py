#!/usr/bin/env python3
"""Grade one answer with assayd through the Python client package.

    pip install ./client/python      # once; or run from the source tree
    python3 grade.py --endpoint tcp://127.0.0.1:5555 --question gil \
        --answer "The GIL lets one thread run bytecode at a time..."

Exit status: 0 when the service graded the answer, 1 on an error reply,
3 when the service could not be reached. The raw protocol the package
speaks is in docs/protocol.md.
"""
import argparse
import os
import sys

try:
    import assay_client as ac
except ImportError:  # not installed: use the copy in this source tree
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "..", "..", "client", "python"))
    import assay_client as ac


def main():
    ap = argparse.ArgumentParser(description="Grade an answer with assayd.")
    ap.add_argument("--endpoint", default=None,
                    help="tcp://HOST:PORT, a comma list, or mdp+tcp://... "
                         "(default $ASSAY_ENDPOINT or tcp://127.0.0.1:5555)")
    ap.add_argument("--question", required=True, help="question id, e.g. gil")
    ap.add_argument("--answer", required=True)
    ap.add_argument("--timeout", type=int, default=5000, help="milliseconds")
    args = ap.parse_args()

    try:
        with ac.Client(args.endpoint, timeout_ms=args.timeout, retries=1) as c:
            v = c.grade(args.answer, args.question)
    except (ac.Unreachable, ac.Timeout) as e:
        print(f"grade.py: {e}", file=sys.stderr)
        return 3
    except ac.AssayError as e:
        print(f"grade.py: {e.code}: {e.message}", file=sys.stderr)
        return 1

    print(f"question: {v.question_id or args.question}")
    print(f"band:     {v.band}")
    print(f"score:    {v.score:.3f}")
    for kind in ("matched", "missing", "fuzzy", "negated", "misconceptions"):
        items = getattr(v, kind)
        if items:
            print(f"{kind + ':':<9} " + ", ".join(c.label for c in items))
    if v.flags:
        print("flags:    " + ", ".join(str(f) for f in v.flags))
    return 0


if __name__ == "__main__":
    sys.exit(main())
