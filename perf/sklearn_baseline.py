#!/usr/bin/python3
"""sklearn_baseline.py - scikit-learn TF-IDF + cosine on assay's answer mix.

The baseline perf/run.sh compares the engine with: a TfidfVectorizer fitted
once on the bank's reference answers plus the labelled answers (like assay's
fitted idf), then, timed, each answer is vectorised and scored by its cosine
with its question's reference answers (the best one). Two ways:

  batch   the whole cycled mix in one transform call (scikit-learn's best
          case, vectorised; this is the figure the ratio uses)
  single  one answer per call, as a service grading requests would

Each is run --runs times (bounded by a count and a time) and the median is
printed. Result lines are `<key> <value>`; lines starting with '#' are detail.
"""

import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_MODEL = os.path.join(HERE, "..", "models", "python-fullstack")


def load_references(bank_path):
    """Map question id -> list of reference answers (bank.txt format:
    `[question ID]` sections, `reference:` keys, indented continuations)."""
    refs = {}
    qid = None
    key = None
    with open(bank_path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                key = None
                continue
            if line[0] in " \t":
                if key == "reference" and qid is not None:
                    refs[qid][-1] += " " + stripped
                continue
            if line.startswith("[question ") and "]" in line:
                qid = line[len("[question "):line.index("]")].strip()
                refs[qid] = []
                key = None
                continue
            key, _, value = line.partition(":")
            key = key.strip()
            if key == "reference" and qid is not None:
                refs[qid].append(value.strip())
    return refs


def load_mix(path):
    mix = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                mix.append((rec["question_id"], rec["answer"]))
    return mix


class Baseline:
    def __init__(self, refs, mix):
        self.qids = sorted(refs)
        ref_texts = []
        self.ref_cols = {}
        for q in self.qids:
            start = len(ref_texts)
            ref_texts.extend(refs[q])
            self.ref_cols[q] = (start, len(ref_texts))
        t0 = time.perf_counter()
        self.vec = TfidfVectorizer()
        self.vec.fit(ref_texts + [a for _, a in mix])
        self.fit_s = time.perf_counter() - t0
        self.ref_matrix = self.vec.transform(ref_texts)  # rows are l2-normed
        self.ref_t = self.ref_matrix.T.tocsc()
        self.ref_t_by_q = {q: self.ref_t[:, lo:hi]
                           for q, (lo, hi) in self.ref_cols.items()}

    def score_batch(self, qids, answers):
        """Cosine of each answer with the best of its question's references."""
        a = self.vec.transform(answers)
        sims = (a @ self.ref_t).toarray()
        out = np.empty(len(answers))
        for i, q in enumerate(qids):
            lo, hi = self.ref_cols[q]
            out[i] = sims[i, lo:hi].max()
        return out

    def score_one(self, qid, answer):
        a = self.vec.transform([answer])
        return (a @ self.ref_t_by_q[qid]).toarray().max()


def timed_runs(label, runs, fn):
    """Median wall-clock and CPU-time rates of runs calls of fn."""
    rates = []
    cpu_rates = []
    for r in range(runs):
        c0 = time.thread_time()
        n, elapsed = fn()
        cpu = time.thread_time() - c0
        rates.append(n / elapsed)
        cpu_rates.append(n / cpu)
        print(f"# sklearn {label} run {r + 1}: {n} answers, "
              f"{n / elapsed:.0f} answers/s ({n / cpu:.0f} per CPU second)",
              flush=True)
    return statistics.median(rates), statistics.median(cpu_rates)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=DEFAULT_MODEL,
                    help="model directory with bank.txt and labelled.jsonl")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--batch", type=int, default=20000,
                    help="answers per batch run (the mix cycled)")
    ap.add_argument("--seconds", type=float, default=2.0,
                    help="time bound of one single-answer run")
    ap.add_argument("--max-single", type=int, default=20000,
                    help="count bound of one single-answer run")
    args = ap.parse_args()

    refs = load_references(os.path.join(args.model, "bank.txt"))
    mix = load_mix(os.path.join(args.model, "labelled.jsonl"))
    missing = {q for q, _ in mix if not refs.get(q)}
    if missing:
        sys.exit(f"sklearn_baseline: no reference for {sorted(missing)}")
    base = Baseline(refs, mix)
    import sklearn
    print(f"# scikit-learn {sklearn.__version__}, {len(mix)} answers, "
          f"{sum(len(r) for r in refs.values())} references, "
          f"vocabulary {len(base.vec.vocabulary_)}, fit {base.fit_s:.3f} s",
          flush=True)

    cycled = [mix[i % len(mix)] for i in range(args.batch)]
    qids = [q for q, _ in cycled]
    answers = [a for _, a in cycled]
    base.score_batch(qids[:len(mix)], answers[:len(mix)])  # warm up

    def batch_run():
        t0 = time.perf_counter()
        base.score_batch(qids, answers)
        return len(answers), time.perf_counter() - t0

    def single_run():
        t0 = time.perf_counter()
        deadline = t0 + args.seconds
        n = 0
        while n < args.max_single:
            q, a = mix[n % len(mix)]
            base.score_one(q, a)
            n += 1
            if n % 64 == 0 and time.perf_counter() >= deadline:
                break
        return n, time.perf_counter() - t0

    for label, fn in (("batch", batch_run), ("single", single_run)):
        rate, cpu_rate = timed_runs(label, args.runs, fn)
        print(f"sklearn_{label}_rate {rate:.0f}", flush=True)
        print(f"sklearn_{label}_cpu_rate {cpu_rate:.0f}", flush=True)


if __name__ == "__main__":
    main()
