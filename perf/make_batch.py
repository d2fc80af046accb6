#!/usr/bin/python3
"""make_batch.py - write an `assay batch` input of N lines from the answer mix.

Usage: make_batch.py LABELLED.jsonl N OUT.jsonl [WORDS]

Each line is {"id","question_id","answer"}, cycling through the labelled
answers in file order, so the batch grades the same mix as the other
benchmarks. With WORDS, each answer is instead its question's labelled
answers joined and repeated up to WORDS words (long-answer load).
"""

import json
import sys


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__.strip().splitlines()[2])
    src, count, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    words = int(sys.argv[4]) if len(sys.argv) == 5 else 0
    mix = []
    with open(src, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                mix.append((rec["question_id"], rec["answer"]))
    if not mix or count < 1:
        sys.exit("make_batch: nothing to write")
    if words > 0:
        by_q = {}
        for q, a in mix:
            by_q.setdefault(q, []).extend(a.split())
        mix = [(q, " ".join((w * (words // len(w) + 1))[:words]))
               for q, w in by_q.items() if w]
    with open(dst, "w", encoding="utf-8") as out:
        for i in range(count):
            q, a = mix[i % len(mix)]
            out.write(json.dumps({"id": f"b{i + 1}", "question_id": q,
                                  "answer": a}, ensure_ascii=False))
            out.write("\n")


if __name__ == "__main__":
    main()
