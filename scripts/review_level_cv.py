#!/usr/bin/env python3
"""review_level_cv.py - how the needs_review cut's bound level behaves on
answers the cut was not chosen on, using python-fullstack's *train* split
only (its test split is never read).

Each round splits the training answers at random within every question
(about 60% fit, 40% held out; seeded), fits the model on the first part
with each --review-level (as scripts/fit-default.sh fits python-fullstack,
policy caps included)
and measures the review share and kept accuracy on the held-out part.
Prints, per level, the mean over rounds and how often the held-out kept
accuracy reached the target.

usage: scripts/review_level_cv.py [--assay build/client/cli/assay]
       [--rounds 20] [--levels 0,0.9] [--target 0.95]
"""
import argparse, atexit, json, os, random, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PF = os.path.join(ROOT, "models", "python-fullstack")
FEATURES = ("cosine,bigram,chargram,coverage,recall,precision,misconception,"
            "required_missing,length,cov_x_len,answer_words,reference_words,"
            "question_words,softcos")
REVIEW = re.compile(r"^held\s+review_share=(\S+)\s+kept_accuracy=(\S+)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--assay", default=os.path.join(ROOT, "build", "client", "cli", "assay"))
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--levels", default="0,0.9")
    ap.add_argument("--target", default="0.95")
    ap.add_argument("--share", type=float, default=0.6, help="share of each question's answers fitted")
    a = ap.parse_args()
    rows = [json.loads(l) for l in open(os.path.join(PF, "labelled.jsonl"))]
    rows = [r for r in rows if r.get("split") == "train"]
    byq = {}
    for r in rows:
        byq.setdefault(r["question_id"], []).append(r)
    tmp = tempfile.mkdtemp(prefix="assay-levelcv-")
    atexit.register(shutil.rmtree, tmp, True)  # also when a fit fails
    levels = a.levels.split(",")
    res = {l: [] for l in levels}
    for k in range(a.rounds):
        rng = random.Random(1000 + k)
        lab = os.path.join(tmp, "l.jsonl")
        with open(lab, "w") as f:
            for q in sorted(byq):
                items = list(byq[q])
                rng.shuffle(items)
                cut = int(round(a.share * len(items)))
                for i, r in enumerate(items):
                    f.write(json.dumps(dict(r, split="fit" if i < cut else "held")) + "\n")
        for l in levels:
            p = subprocess.run([a.assay, "fit", "--bank", os.path.join(PF, "bank.txt"),
                                "--stoplist", os.path.join(ROOT, "models", "stopwords.txt"),
                                "--labels", lab, "--split", "fit", "--test-split", "held",
                                "--features", FEATURES,
                                "--wordnet", os.path.join(ROOT, "models", "wordnet.wn"),
                                "--inline-model", os.path.join(ROOT, "models", "default", "model.json"),
                                "--point-cap", "partial", "--off-topic-cap", "incorrect",
                                "--contradiction-cap", "incorrect", "--salad-cap", "partial",
                                "--review-target", a.target, "--review-level", l,
                                "--out", os.path.join(tmp, "m.json")],
                               capture_output=True, text=True)
            if p.returncode != 0:
                sys.exit(p.stderr)
            m = [REVIEW.match(x) for x in p.stdout.splitlines()]
            m = [x for x in m if x][0]
            rv = json.load(open(os.path.join(tmp, "m.json")))["fit"]["review"]
            res[l].append((float(m.group(1)), float(m.group(2)), rv.get("bound_met", False)))
    shutil.rmtree(tmp)
    t = float(a.target)
    for l in levels:
        v = res[l]
        print("level=%-5s rounds=%d held-out review_share=%.3f kept_accuracy=%.3f "
              "(min %.3f) kept>=target in %d/%d, bound met in %d" % (
                  l, len(v), sum(x[0] for x in v) / len(v), sum(x[1] for x in v) / len(v),
                  min(x[1] for x in v), sum(x[1] >= t - 1e-9 for x in v), len(v),
                  sum(x[2] for x in v)))


if __name__ == "__main__":
    main()
