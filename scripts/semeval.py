#!/usr/bin/env python3
"""semeval.py - how well assay finds contradictory answers in SemEval-2013
Task 7 (training split only), with grouped cross-validation by question.

  python3 scripts/semeval.py [--build DIR] [--folds 5] [--flag NAME]
                             [--dump FILE] [SET...]

SET is beetle and/or sciEntsBank (default both). For each fold, a model is
fitted (`assay fit`, inline, no bank) on the other folds' questions only,
the 3-way label mapped onto a 0-5 score (correct 5, incorrect 2,
contradictory 0) and passed as "contradictory" too, so the fit learns the
contradiction signal (docs/model-format.md) on the training folds only; an
assayd is started with it, and the held-out questions'
answers are graded inline through `assay batch`. An answer is predicted
`contradictory` when its verdict carries the flag (default
contradicts_reference; `--flag negated` measures the old signal), else
`correct` when the band is correct, else `incorrect`. The flag is set by the
claim rules or by the learned signal (the verdict's contradiction_by says
which).

Prints per set and pooled: precision, recall and F1 of the flag against
the `contradictory` label, and the 3-way confusion matrix. The answers are
read from ../shared/datasets/semeval2013 ($ASSAY_SHARED_DIR) at run time and
written only to a temporary directory; --dump writes each graded answer's
result line to FILE (for error analysis; keep it outside the repository).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCORE = {"correct": 5.0, "incorrect": 2.0, "contradictory": 0.0}
LABELS = ["correct", "contradictory", "incorrect"]


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def start_assayd(assayd, model, log):
    """assayd on a free loopback port serving model (a directory or file, or
    a list of them, the first grading inline questions); returns the
    process and its endpoint once it is ready."""
    args = [assayd, "--endpoint", "tcp://127.0.0.1:*", "--threads", "2"]
    for m in [model] if isinstance(model, str) else model:
        args += ["--model", m]
    p = subprocess.Popen(args, stderr=open(log, "w"))
    for _ in range(400):
        txt = open(log).read()
        m = re.search(r" ready endpoint=(\S+)", txt)
        if m:
            return p, m.group(1)
        if p.poll() is not None:
            break
        time.sleep(0.05)
    p.kill()
    sys.exit("semeval: assayd did not start:\n" + open(log).read())


def run_set(name, rows, args, tmp):
    assay = os.path.join(args.build, "client/cli/assay")
    assayd = os.path.join(args.build, "service/daemon/assayd")
    qids = sorted({r["question_id"] for r in rows})
    fold_of = {q: i % args.folds for i, q in enumerate(qids)}
    preds = {}
    for k in range(args.folds):
        train = os.path.join(tmp, f"{name}-train-{k}.jsonl")
        test = os.path.join(tmp, f"{name}-test-{k}.jsonl")
        with open(train, "w") as tr, open(test, "w") as te:
            for r in rows:
                if fold_of[r["question_id"]] != k:
                    tr.write(json.dumps({
                        "id": r["id"], "question_id": r["question_id"],
                        "question": r["question"], "reference": r["reference"],
                        "answer": r["answer"],
                        "score": SCORE[r["label_3way"]], "scale_max": 5,
                        "contradictory": r["label_3way"] == "contradictory",
                        "split": "train"}) + "\n")
                else:
                    te.write(json.dumps({
                        "id": r["id"], "question": r["question"],
                        "reference": r["reference"],
                        "answer": r["answer"]}) + "\n")
        model = os.path.join(tmp, f"{name}-{k}.json")
        subprocess.run([assay, "fit", "--stoplist",
                        os.path.join(HERE, "models/stopwords.txt"),
                        "--labels", train, "--split", "train",
                        "--name", f"semeval-{name}-{k}", "--out", model],
                       check=True, stdout=subprocess.DEVNULL)
        proc, ep = start_assayd(assayd, model, os.path.join(tmp, "assayd.log"))
        try:
            out = subprocess.run([assay, "batch", "--endpoint", ep,
                                  "--timeout", "20000", test],
                                 capture_output=True, text=True)
        finally:
            proc.terminate()
            proc.wait()
        for line in out.stdout.splitlines():
            res = json.loads(line)
            if not res.get("ok"):
                continue
            if args.dump:
                args.dump.write(line + "\n")
            v = res["verdict"]
            flags = v.get("flags", [])
            if args.flag in flags or (args.flag == "contradicts_reference"
                                      and v.get("contradicts_reference")):
                preds[res["id"]] = "contradictory"
            elif res["band"] == "correct":
                preds[res["id"]] = "correct"
            else:
                preds[res["id"]] = "incorrect"
    return preds


def report(name, rows, preds):
    conf = {g: {p: 0 for p in LABELS} for g in LABELS}
    for r in rows:
        if r["id"] in preds:
            conf[r["label_3way"]][preds[r["id"]]] += 1
    tp = conf["contradictory"]["contradictory"]
    fp = sum(conf[g]["contradictory"] for g in LABELS if g != "contradictory")
    fn = sum(conf["contradictory"][p] for p in LABELS if p != "contradictory")
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    n = sum(sum(c.values()) for c in conf.values())
    acc = sum(conf[g][g] for g in LABELS) / n if n else 0.0
    print(f"== {name}: {n} answers graded")
    print(f"  contradictory: precision {prec:.3f} recall {rec:.3f} F1 {f1:.3f}"
          f"  (tp {tp} fp {fp} fn {fn}); 3-way accuracy {acc:.3f}")
    print("  rows: label, columns: predicted")
    print("  %-14s" % "" + "".join("%14s" % p for p in LABELS))
    for g in LABELS:
        print("  %-14s" % g + "".join("%14d" % conf[g][p] for p in LABELS))
    return conf


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(HERE, "build"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--flag", default="contradicts_reference")
    ap.add_argument("--dump", type=argparse.FileType("w"),
                    help="also write every result line to this file")
    ap.add_argument("sets", nargs="*", default=["beetle", "sciEntsBank"])
    args = ap.parse_args()
    shared = os.environ.get("ASSAY_SHARED_DIR", os.path.join(HERE, "../shared"))
    allrows, allpreds = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for s in args.sets:
            rows = load(os.path.join(shared, "datasets/semeval2013",
                                     f"{s}-train.jsonl"))
            preds = run_set(s, rows, args, tmp)
            report(s, rows, preds)
            allrows += rows
            allpreds.update(preds)
    if len(args.sets) > 1:
        report("pooled", allrows, allpreds)


if __name__ == "__main__":
    main()
