#!/usr/bin/env python3
"""source_loco.py [--assay build/client/cli/assay] - how well the default
model's source weighting tells a training question's corpus when the
question's whole topic is held out (docs/model-format.md, "Training
sources"). The criterion that chose word-vector centroids over unigram ones.

Questions: the distinct (question, first reference) pairs of the default
model's training data (scripts/pooled_labels.py). Topics (held out
together): Mohler train's assignment (question id 3.x -> 3), SemEval's
module (the answer id's prefix: Beetle's "FaultFinding", SciEntsBank's
"EM"...), each python-fullstack question alone. For each question, the
centroids are built from the questions of *other* topics only, so a topic
the pool never saw is imitated (plain leave-one-question-out keeps the
question's near-duplicates, which favours unigrams).

Similarities, both over assay's own terms (`assay vectors tokens`: stemmed
as when grading; stop words dropped):
  unigrams  (cos(q, C) + cos(r, C)) / 2, C the normalised sum of the
            questions' and references' tf-idf vectors (each normalised);
  vectors   cos(d, D), d the normalised idf-weighted sum of the question's
            and reference's unit word vectors (models/vectors.vec8), D the
            normalised sum of the training questions' d.
P(source) is a softmax of temperature x similarity, the temperature the one
of the fit's grid with the best held-out log-likelihood. Prints, per
similarity: that temperature, the mean log-likelihood of the own source,
the accuracy of the most similar source, and per corpus the accuracy and
mean P(own source). Reads ../shared at run time; writes only a temp dir.
"""
import argparse, collections, json, math, os, struct, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, ROOT)
from pooled_labels import SHARED, bank_questions  # noqa: E402

REPO = os.path.dirname(ROOT)
GRID = (1, 2, 5, 10, 20, 50, 100, 200)


def questions():
    qs, seen = [], set()
    for line in open(os.path.join(SHARED, "datasets", "mohler", "answers.jsonl")):
        o = json.loads(line)
        if o["split"] == "train" and ("m", o["question_id"]) not in seen:
            seen.add(("m", o["question_id"]))
            qs.append(("mohler", "m" + o["question_id"].split(".")[0],
                       o["question"], o["reference"]))
    for c, sep in (("beetle", "-"), ("sciEntsBank", ".")):
        p = os.path.join(SHARED, "datasets", "semeval2013", c + "-train.jsonl")
        for line in open(p):
            o = json.loads(line)
            if (c, o["question_id"]) not in seen:
                seen.add((c, o["question_id"]))
                qs.append((c, c + o["id"].split(sep)[0], o["question"], o["reference"]))
    pf = os.path.join(REPO, "models", "python-fullstack")
    bq = bank_questions(os.path.join(pf, "bank.txt"))
    for line in open(os.path.join(pf, "labelled.jsonl"), encoding="utf-8"):
        o = json.loads(line)
        if o.get("split") == "train" and "score" in o and ("p", o["question_id"]) not in seen:
            seen.add(("p", o["question_id"]))
            q = bq[o["question_id"]]
            qs.append(("python-fullstack", "p" + o["question_id"], q["text"], q["reference"]))
    return qs


def fnv(s):
    h = 0xcbf29ce484222325
    for c in s.encode():
        h = ((h ^ c) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def load_vectors(path):
    b = open(path, "rb").read()
    dim, cnt = struct.unpack("<II", b[8:16])
    off, v = 16, {}
    for _ in range(cnt):
        k, inv = struct.unpack("<Qf", b[off:off + 12])
        q = struct.unpack("<%db" % dim, b[off + 12:off + 12 + dim])
        off += 12 + dim
        v[k] = [x * inv for x in q]  # unit length
    return dim, v


def unit(v):
    n = math.sqrt(sum(x * x for x in v.values()) if isinstance(v, dict) else sum(x * x for x in v))
    if n == 0:
        return v
    return {k: x / n for k, x in v.items()} if isinstance(v, dict) else [x / n for x in v]


def report(name, Q, srcs, sims):
    best = None
    for t in GRID:
        ll, hit = 0.0, 0
        per = collections.defaultdict(lambda: [0, 0, 0.0])
        for j, q in enumerate(Q):
            z = {s: t * sims[j][s] for s in srcs}
            mx = max(z.values())
            den = sum(math.exp(x - mx) for x in z.values())
            p = math.exp(z[q[0]] - mx) / den
            h = max(srcs, key=lambda s: sims[j][s]) == q[0]
            ll += math.log(max(p, 1e-300))
            hit += h
            per[q[0]][0] += 1
            per[q[0]][1] += h
            per[q[0]][2] += p
        r = (ll / len(Q), t, hit / len(Q), per)
        if best is None or r[0] > best[0] + 1e-12:
            best = r
    ll, t, acc, per = best
    print("%-9s temperature=%-4g loglik=%.3f accuracy=%.3f  %s" % (
        name, t, ll, acc, "  ".join("%s %.3f/%.3f" % (s, per[s][1] / per[s][0], per[s][2] / per[s][0])
                                   for s in srcs)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--assay", default=os.path.join(REPO, "build", "client", "cli", "assay"))
    ap.add_argument("--vectors", default=os.path.join(REPO, "models", "vectors.vec8"))
    ap.add_argument("--leave-out", choices=("topic", "question"), default="topic")
    a = ap.parse_args()
    Q = questions()
    srcs = sorted(set(q[0] for q in Q))
    stop = set(w.strip() for w in open(os.path.join(REPO, "models", "stopwords.txt"))
               if w.strip() and not w.startswith("#"))
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.txt"), os.path.join(tmp, "out.txt")
        with open(src, "w") as f:
            for q in Q:
                f.write(q[2].replace("\n", " ") + "\n" + q[3].replace("\n", " ") + "\n")
        subprocess.run([a.assay, "vectors", "tokens", src, dst], check=True)
        lines = open(dst).read().split("\n")
    toks = [([w for w in lines[2 * i].split() if w not in stop],
             [w for w in lines[2 * i + 1].split() if w not in stop]) for i in range(len(Q))]
    df = collections.Counter()
    for qt, rt in toks:
        df.update(set(qt))
        df.update(set(rt))
    N = 2 * len(Q)
    idf = lambda w: math.log((N + 1) / (df[w] + 1))
    tfidf = lambda ws: unit({w: (1 + math.log(c)) * idf(w) for w, c in collections.Counter(ws).items()})
    U = [(tfidf(qt), tfidf(rt)) for qt, rt in toks]
    dim, V = load_vectors(a.vectors)
    D = []
    for qt, rt in toks:
        d = [0.0] * dim
        for w in qt + rt:
            x = V.get(fnv(w))
            if x is not None:
                for k in range(dim):
                    d[k] += idf(w) * x[k]
        D.append(unit(d))
    key = (lambda i: Q[i][1]) if a.leave_out == "topic" else (lambda i: i)
    print("%d questions, %d topics; held out with each question: its %s" % (
        len(Q), len(set(q[1] for q in Q)), a.leave_out))
    us, ds = [], []
    for j in range(len(Q)):
        tr = [i for i in range(len(Q)) if key(i) != key(j)]
        su, sd = {}, {}
        for s in srcs:
            acc, dv = collections.Counter(), [0.0] * dim
            for i in tr:
                if Q[i][0] == s:
                    for v in U[i]:
                        for w, x in v.items():
                            acc[w] += x
                    for k in range(dim):
                        dv[k] += D[i][k]
            acc, dv = unit(dict(acc)), unit(dv)
            su[s] = (sum(x * acc.get(w, 0) for w, x in U[j][0].items()) +
                     sum(x * acc.get(w, 0) for w, x in U[j][1].items())) / 2
            sd[s] = sum(x * y for x, y in zip(D[j], dv))
        us.append(su)
        ds.append(sd)
    print("(per corpus: accuracy / mean P(own corpus))")
    report("unigrams", Q, srcs, us)
    report("vectors", Q, srcs, ds)


if __name__ == "__main__":
    main()
