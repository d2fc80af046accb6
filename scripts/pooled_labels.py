#!/usr/bin/env python3
"""pooled_labels.py OUT [--exclude CORPUS:K] - the training data of the
default (inline) model as one JSON Lines file with scores on 0-5, every item
inline (question + reference) and split "train":

  Mohler train split (scores 0-5 as given, the graders' mean);
  SemEval-2013 Beetle and SciEntsBank *train* (labels mapped onto 0-5:
    5-way correct=5, partially_correct_incomplete=2.5,
    contradictory/irrelevant/non_domain=0; where the 5-way label is null,
    3-way correct=5, contradictory=0, incorrect=1);
  python-fullstack train split (question and first reference from bank.txt).

Every row carries "source" (mohler, beetle, sciEntsBank, python-fullstack):
the band model learns an intercept per source and, at grading time, mixes
them by how close the question is to each source's questions
(docs/model-format.md, "Training sources").

SemEval and python-fullstack rows also carry "contradictory" (the 3-way
label contradictory; a swapped or misconception answer, or a negated one a
human marks below correct), the labels the learned contradiction signal is
fitted on; Mohler rows have none and do not take part in that fit.

Reads ../shared at fit time; OUT belongs in a temporary directory, never in
the repository. --exclude beetle:2 leaves out that corpus's cross-validation
fold 2 (scripts/heldout.py), so the default model can be measured on it;
--exclude mohler:3 leaves out Mohler train's assignment 3 (question ids
3.x), a topic the model then has not seen (scripts/source_loco.py).
"""
import hashlib, json, os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("ASSAY_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
MAP5 = {"correct": 5, "partially_correct_incomplete": 2.5, "contradictory": 0,
        "irrelevant": 0, "non_domain": 0}
MAP3 = {"correct": 5, "contradictory": 0, "incorrect": 1}
FOLDS = 5


def semeval_score(o):
    if o.get("label_5way") is not None:
        return MAP5[o["label_5way"]]
    return MAP3[o["label_3way"]]


def fold_of(qid):
    return int(hashlib.sha256(qid.encode()).hexdigest(), 16) % FOLDS


def bank_questions(path):
    qs, cur = {}, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("[question "):
            cur = line[len("[question "):-1].strip()
            qs[cur] = {}
        elif cur and line.startswith("text:") and "text" not in qs[cur]:
            qs[cur]["text"] = line[5:].strip()
        elif cur and line.startswith("reference:") and "reference" not in qs[cur]:
            qs[cur]["reference"] = line[10:].strip()
    return qs


def main():
    out = sys.argv[1]
    exclude = None
    if len(sys.argv) > 3 and sys.argv[2] == "--exclude":
        c, k = sys.argv[3].split(":")
        exclude = (c, int(k))
    rows = []
    for line in open(os.path.join(SHARED, "datasets", "mohler", "answers.jsonl")):
        o = json.loads(line)
        if o.get("split") == "train":
            if exclude and exclude[0] == "mohler" and \
                    int(o["question_id"].split(".")[0]) == exclude[1]:
                continue
            rows.append((o["question"], o["reference"], o["answer"], o["score"],
                         None, "mohler"))
    for c in ("beetle", "sciEntsBank"):
        p = os.path.join(SHARED, "datasets", "semeval2013", c + "-train.jsonl")
        for line in open(p):
            o = json.loads(line)
            if exclude and exclude[0] == c and fold_of(o["question_id"]) == exclude[1]:
                continue
            rows.append((o["question"], o["reference"], o["answer"], semeval_score(o),
                         o["label_3way"] == "contradictory", c))
    pf = os.path.join(ROOT, "models", "python-fullstack")
    qs = bank_questions(os.path.join(pf, "bank.txt"))
    for line in open(os.path.join(pf, "labelled.jsonl"), encoding="utf-8"):
        o = json.loads(line)
        if o.get("split") == "train" and "score" in o:
            q = qs[o["question_id"]]
            kind = o.get("kind", "")
            contra = kind in ("swapped", "misconception") or (
                kind == "negated" and o.get("band") != "correct")
            rows.append((q["text"], q["reference"], o["answer"],
                         o["score"] * 5.0 / o.get("scale_max", 5), contra,
                         "python-fullstack"))
    with open(out, "w", encoding="utf-8") as f:
        for q, r, a, s, c, src in rows:
            o = {"question": q, "reference": r, "answer": a, "score": s,
                 "split": "train", "source": src}
            if c is not None:
                o["contradictory"] = c
            f.write(json.dumps(o) + "\n")


if __name__ == "__main__":
    main()
