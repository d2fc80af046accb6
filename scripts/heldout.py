#!/usr/bin/env python3
"""heldout.py - measure every quality target of issue 11 on held-out data.

Reads ../shared (Mohler, SemEval-2013 *train* only) at run time and writes
temporary label files under a temp directory; nothing is copied into the
repository. Every number comes from `assay fit` (fit on training items,
report on items the fit never saw):

  mohler      fit on Mohler train, measure the test split (questions unseen)
  semeval     per corpus, 5-fold cross-validation grouped by question
  default     the shipped default (inline) model on Mohler test and on each
              SemEval fold, refitting the pooled model without that fold
  default-semeval  the same without Mohler test: training data only, for
              choosing between variants of the default model
  fullstack   the python-fullstack model on its test split

SemEval labels onto 0-5 (mapping documented in models/README.md): 5-way
correct=5, partially_correct_incomplete=2.5, contradictory/irrelevant/
non_domain=0; where the 5-way label is null (SciEntsBank), 3-way correct=5,
contradictory=0, incorrect=1 (partially correct, irrelevant or off-domain:
below the partial band). The 2-way label is therefore exactly the correct
band, which is what f1_2way measures.

usage: scripts/heldout.py [--assay build/client/cli/assay] [--only NAME]...
"""
import argparse, atexit, hashlib, json, os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("ASSAY_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
MOHLER = os.path.join(SHARED, "datasets", "mohler", "answers.jsonl")
SEMEVAL = {c: os.path.join(SHARED, "datasets", "semeval2013", c + "-train.jsonl")
           for c in ("beetle", "sciEntsBank")}
STOP = os.path.join(ROOT, "models", "stopwords.txt")
PF = os.path.join(ROOT, "models", "python-fullstack")
FOLDS = 5
# the features of the shipped models (scripts/fit-default.sh): the bank
# model's, and the default (inline) model's, which adds wordnet; the corpus
# models below grade inline as the default model does, so they take its list
BANK_FEATURES = ("cosine,bigram,chargram,coverage,recall,precision,misconception,"
                 "required_missing,length,cov_x_len,answer_words,reference_words,"
                 "question_words,claims,softcos")
DEFAULT_FEATURES = BANK_FEATURES + ",wordnet"
MAP5 = {"correct": 5, "partially_correct_incomplete": 2.5, "contradictory": 0,
        "irrelevant": 0, "non_domain": 0}
MAP3 = {"correct": 5, "contradictory": 0, "incorrect": 1}


def semeval_score(o):
    if o.get("label_5way") is not None:
        return MAP5[o["label_5way"]]
    return MAP3[o["label_3way"]]


def fold_of(qid):
    return int(hashlib.sha256(qid.encode()).hexdigest(), 16) % FOLDS


def semeval_fold_file(tmp, corpus, k, test_split="test"):
    """SemEval train with split=train/test for fold k (k None: all train)."""
    path = os.path.join(tmp, "%s-%s.jsonl" % (corpus, k))
    with open(SEMEVAL[corpus]) as f, open(path, "w") as out:
        for line in f:
            o = json.loads(line)
            s = "test" if k is not None and fold_of(o["question_id"]) == k else "train"
            out.write(json.dumps({"id": o["id"], "question": o["question"],
                                  "reference": o["reference"], "answer": o["answer"],
                                  "score": semeval_score(o), "split": s}) + "\n")
    return path


METRIC = re.compile(r"^(\w+)\s+n=(\d+)\s+(.*)$")
REVIEW = re.compile(r"^(\w+)\s+(review_share=.*)$")


def run(assay, args):
    p = subprocess.run([assay] + args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("assay %s failed: %s" % (" ".join(args), p.stderr))
    rows = {}
    for line in p.stdout.splitlines():
        m = METRIC.match(line)
        if m:
            kv = dict(x.split("=") for x in m.group(3).split())
            kv = {a: float(b) for a, b in kv.items()}
            kv["n"] = int(m.group(2))
            rows[m.group(1)] = kv
        m = REVIEW.match(line)
        if m:
            rows[m.group(1)].update({a: float(b) for a, b in
                                     (x.split("=") for x in m.group(2).split())})
    return rows


def fmt(kv, keys=("n", "pearson", "band_accuracy", "f1_2way", "majority")):
    return " ".join("%s=%s" % (k, kv[k] if k == "n" else "%.3f" % kv[k]) for k in keys)


def REVIEW_KEYS(kv):
    keys = ("n", "pearson", "band_accuracy", "f1_2way", "majority")
    if "review_share" in kv:
        keys += ("review_share", "kept_accuracy", "mean_confidence")
    return keys


def mean(rows, key):
    return sum(r[key] for r in rows) / len(rows)



def pooled_env(a):
    """The pooled script's environment: it fits with the build measured
    (--assay), not with whatever build/ holds."""
    return dict(os.environ, ASSAY=os.path.abspath(a.assay))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--assay", default=os.path.join(ROOT, "build", "client", "cli", "assay"))
    ap.add_argument("--default-model", default=PF,
                    help="the model inline grading uses (assayd's first model)")
    ap.add_argument("--pooled-script", default=None,
                    help="refit the default model without the held-out fold with "
                         "this script (scripts/fit-default.sh); omit to grade with "
                         "--default-model as shipped")
    ap.add_argument("--vectors", default=None,
                    help="word vectors for the softcos and sentvec features in every fit "
                         "(models/vectors.vec8); also passed to --pooled-script "
                         "as VECTORS")
    ap.add_argument("--features", default=None,
                    help="comma list of features every fit uses (default: "
                         "those of scripts/fit-default.sh)")
    ap.add_argument("--refit-fullstack", action="store_true",
                    help="fullstack: refit python-fullstack on its train split into the "
                         "temp dir (as scripts/fit-default.sh does, naming the shipped "
                         "default as inline model) and report its test split, instead "
                         "of measuring the shipped model file")
    ap.add_argument("--only", action="append")
    a = ap.parse_args()
    extra = ["--features", a.features or DEFAULT_FEATURES,
             "--wordnet", os.path.join(ROOT, "models", "wordnet.wn")]
    if a.vectors:
        extra += ["--vectors", a.vectors]
        os.environ["VECTORS"] = a.vectors
    want = lambda n: not a.only or n in a.only
    tmp = tempfile.mkdtemp(prefix="assay-heldout-")
    atexit.register(shutil.rmtree, tmp, True)  # fold files and models are scratch
    out = os.path.join(tmp, "m.json")
    if want("mohler"):
        r = run(a.assay, ["fit", "--stoplist", STOP, "--labels", MOHLER, "--split", "train",
                          "--test-split", "test", "--name", "mohler", "--out", out] + extra)
        print("mohler test (fit on train):      ", fmt(r["test"]))
    if want("semeval"):
        for c in SEMEVAL:
            rows = []
            for k in range(FOLDS):
                lab = semeval_fold_file(tmp, c, k)
                rows.append(run(a.assay, ["fit", "--stoplist", STOP, "--labels", lab,
                                          "--split", "train", "--test-split", "test",
                                          "--name", c, "--out", out] + extra)["test"])
            print("semeval %-12s 5-fold by question: pearson=%.3f band_accuracy=%.3f "
                  "f1_2way=%.3f (min fold %.3f) majority=%.3f" % (
                      c, mean(rows, "pearson"), mean(rows, "band_accuracy"),
                      mean(rows, "f1_2way"), min(r["f1_2way"] for r in rows),
                      mean(rows, "majority")))
    if want("default"):
        model = a.default_model
        if a.pooled_script:
            # the pooled model as the script builds it (Mohler test is never
            # in the pool)
            model = os.path.join(tmp, "pooled-all.json")
            subprocess.run(["bash", a.pooled_script, model, "none", "-1"], check=True,
                           stdout=subprocess.DEVNULL, env=pooled_env(a))
    if want("default"):
        r = run(a.assay, ["fit", "--eval", model, "--labels", MOHLER,
                          "--test-split", "test"])
        print("default model, mohler test:      ", fmt(r["test"], REVIEW_KEYS(r["test"])))
    if want("default") or want("default-semeval"):
        for c in SEMEVAL:
            rows = []
            for k in range(FOLDS):
                lab = semeval_fold_file(tmp, c, k)
                model = a.default_model
                if a.pooled_script:
                    model = os.path.join(tmp, "pooled-%s-%d.json" % (c, k))
                    subprocess.run(["bash", a.pooled_script, model, c, str(k)], check=True,
                                   stdout=subprocess.DEVNULL, env=pooled_env(a))
                rows.append(run(a.assay, ["fit", "--eval", model, "--labels", lab,
                                          "--test-split", "test"])["test"])
            extra_review = ""
            if all("review_share" in r for r in rows):
                extra_review = " review_share=%.3f kept_accuracy=%.3f" % (
                    mean(rows, "review_share"), mean(rows, "kept_accuracy"))
            print("default model, semeval %-12s (5 folds): band_accuracy=%.3f f1_2way=%.3f "
                  "majority=%.3f%s" % (c, mean(rows, "band_accuracy"), mean(rows, "f1_2way"),
                                       mean(rows, "majority"), extra_review))
    if want("fullstack"):
        labels = os.path.join(PF, "labelled.jsonl")
        if a.refit_fullstack:
            # the fit of scripts/fit-default.sh (without VECTORS)
            wn = os.path.join(ROOT, "models", "wordnet.wn")
            r = run(a.assay, ["fit", "--bank", os.path.join(PF, "bank.txt"), "--stoplist", STOP,
                              "--labels", labels, "--split", "train", "--test-split", "test",
                              "--features", BANK_FEATURES, "--wordnet", wn,
                              "--point-cap", "partial", "--off-topic-cap", "incorrect",
                              "--contradiction-cap", "incorrect", "--salad-cap", "partial",
                              "--inline-model", os.path.join(ROOT, "models", "default",
                                                             "model.json"),
                              "--out", os.path.join(tmp, "pf.json")])
            what = "python-fullstack test (refit):   "
        else:
            r = run(a.assay, ["fit", "--eval", PF, "--labels", labels, "--test-split", "test"])
            what = "python-fullstack test:           "
        print(what, fmt(r["test"], REVIEW_KEYS(r["test"])))


if __name__ == "__main__":
    main()
