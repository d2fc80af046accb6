#!/usr/bin/env python3
"""mohler_train_cv.py - compare feature lists on Mohler *train* only.

Choosing features by the Mohler test split spends it; this measures a
choice on the train split (assignments 1-7) with the whole `assay fit`
pipeline (ridge, caps, bands), holding out whole assignments as the test
split holds out assignments 8-10: each assignment alone (7 folds), then
five fixed triples of assignments, the size of the test split. For each
hold-out: Pearson r of the held-out answers, per configuration, and the
difference to the first. Temporary label files only; the test split is
never read into a fit or a measurement.

With --show-rules, each fit's learned rules (caps of the soft rules and,
with --rule-features, their penalties) are printed per hold-out: each fit
leaves out other assignments, so this shows how stable the choice is.
With --drop-one K, each hold-out is also fitted K more times with one
training answer left out (every len/K-th answer), and the spread of the
held-out r over those fits is printed: how far one training answer moves
the result, and how often the left-out answer changes a soft rule's cap
or trigger (the rule search's choice) or moves a learned penalty. With --zero-penalties, each :rules fit's model is also
measured with its penalties set to 0 (caps still off, everything else as
fitted): how much of a difference is the penalties and how much is
dropping the caps.

usage: scripts/mohler_train_cv.py [--assay PATH] [--vectors FILE]
           [--show-rules] [--drop-one K] [--zero-penalties]
           CONFIG [CONFIG...]
  CONFIG: NAME[:vec][:rules]=feature,feature,... (:vec fits with --vectors,
          :rules with --rule-features)
example:
  scripts/mohler_train_cv.py --vectors models/vectors.vec8 \\
      base=cosine,...,question_words sv:vec=cosine,...,question_words,sentvec
"""
import argparse, atexit, json, os, re, shutil, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("ASSAY_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
MOHLER = os.path.join(SHARED, "datasets", "mohler", "answers.jsonl")
STOP = os.path.join(ROOT, "models", "stopwords.txt")
HOLDOUTS = [(a,) for a in range(1, 8)] + [(5, 6, 7), (1, 2, 3), (2, 4, 6),
                                          (1, 4, 7), (3, 5, 7)]
TEST = re.compile(r"^test\s+n=(\d+)\s+pearson=([-\d.]+).*?band_accuracy=([-\d.]+)", re.M)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--assay", default=os.path.join(ROOT, "build", "client", "cli", "assay"))
    ap.add_argument("--vectors", default=os.path.join(ROOT, "models", "vectors.vec8"))
    ap.add_argument("--show-rules", action="store_true")
    ap.add_argument("--drop-one", type=int, default=0, metavar="K")
    ap.add_argument("--zero-penalties", action="store_true")
    ap.add_argument("config", nargs="+")
    a = ap.parse_args()
    configs = []
    for c in a.config:
        name, _, feats = c.partition("=")
        parts = name.split(":")
        unknown = set(parts[1:]) - {"vec", "rules"}
        if unknown:
            sys.exit("unknown config option(s) %s in %s" % (",".join(sorted(unknown)), c))
        configs.append((parts[0], feats, set(parts[1:])))
    with open(MOHLER) as f:
        train = [o for o in map(json.loads, f) if o["split"] == "train"]
    tmp = tempfile.mkdtemp(prefix="assay-mohler-cv-")
    atexit.register(shutil.rmtree, tmp, True)  # fold files and models are scratch
    deltas = {n: [] for n, _, _ in configs[1:]}
    allr = {n: [] for n, _, _ in configs}
    allb = {n: [] for n, _, _ in configs}
    spread = {n: [] for n, _, _ in configs}
    flips = {n: 0 for n, _, _ in configs}
    pmove = {n: 0.0 for n, _, _ in configs}
    zero = {n: [] for n, _, vec in configs if "rules" in vec}
    def fit(name, feats, vec, lab):
        args = [a.assay, "fit", "--stoplist", STOP, "--labels", lab, "--split", "train",
                "--test-split", "test", "--name", "cv", "--out",
                os.path.join(tmp, "m.json"), "--features", feats]
        if "vec" in vec:
            args += ["--vectors", a.vectors]
        if "rules" in vec:
            args.append("--rule-features")
        p = subprocess.run(args, capture_output=True, text=True)
        m = TEST.search(p.stdout)
        if p.returncode != 0 or not m:
            sys.exit("assay fit failed (%s): %s" % (name, p.stderr))
        return float(m.group(2)), float(m.group(3))

    for hold in HOLDOUTS:
        lab = os.path.join(tmp, "labels.jsonl")
        rows = [dict(o, split="test" if int(o["question_id"].split(".")[0]) in hold
                     else "train") for o in train]
        with open(lab, "w") as f:
            for o in rows:
                f.write(json.dumps(o) + "\n")
        rs = []
        rules0 = {}
        for name, feats, vec in configs:
            r, b = fit(name, feats, vec, lab)
            rules0[name] = json.load(open(os.path.join(tmp, "m.json")))["rules"]
            rs.append(r)
            allr[name].append(r)
            allb[name].append(b)
            if a.show_rules:
                print("  rules %-8s hold-out %-6s %s" % (
                    name, ",".join(map(str, hold)),
                    rules_summary(os.path.join(tmp, "m.json"))), flush=True)
            if a.zero_penalties and "rules" in vec:
                mp = os.path.join(tmp, "m.json")
                mj = json.load(open(mp))
                mj["rules"]["penalties"] = {k: 0.0 for k in mj["rules"]["penalties"]}
                json.dump(mj, open(mp, "w"))
                p = subprocess.run([a.assay, "fit", "--eval", mp, "--labels", lab,
                                    "--test-split", "test"], capture_output=True, text=True)
                m = TEST.search(p.stdout)
                if p.returncode != 0 or not m:
                    sys.exit("assay fit --eval failed: %s" % p.stderr)
                zero[name].append(float(m.group(2)) - r)
                print("  zero-penalties %-8s hold-out %-6s r=%s (%+.4f)" % (
                    name, ",".join(map(str, hold)), m.group(2), zero[name][-1]), flush=True)
        fitted = [i for i, o in enumerate(rows) if o["split"] == "train"]
        for k in range(a.drop_one):
            drop = fitted[k * len(fitted) // a.drop_one]
            lab1 = os.path.join(tmp, "labels-1.jsonl")
            with open(lab1, "w") as f:
                for i, o in enumerate(rows):
                    if i != drop:
                        f.write(json.dumps(o) + "\n")
            for (name, feats, vec), r0 in zip(configs, rs):
                r, _ = fit(name, feats, vec, lab1)
                spread[name].append(abs(r - r0))
                r1 = json.load(open(os.path.join(tmp, "m.json")))["rules"]
                flips[name] += sum(r1[k] != rules0[name][k] for k in SOFT)
                p0, p1 = rules0[name].get("penalties", {}), r1.get("penalties", {})
                pmove[name] = max([pmove[name]] + [abs(p1[k] - p0[k]) for k in p0])
        line = "hold-out assignments %-9s" % ",".join(map(str, hold))
        line += " ".join(" %s=%.4f" % (c[0], r) for c, r in zip(configs, rs))
        for (name, _, _), r in zip(configs[1:], rs[1:]):
            deltas[name].append(r - rs[0])
            line += "  %s-%s=%+.4f" % (name, configs[0][0], r - rs[0])
        print(line, flush=True)
    for name, r in allr.items():
        for label, part in (("single assignments", r[:7]), ("triples", r[7:])):
            print("%s, %s: mean r %.4f, median r %.4f" % (
                name, label, sum(part) / len(part), statistics.median(part)))
        b = allb[name]
        for label, part in (("single assignments", b[:7]), ("triples", b[7:])):
            print("%s, %s: mean band accuracy %.4f" % (name, label, sum(part) / len(part)))
        if spread[name]:
            d = spread[name]
            print("%s, one training answer left out: |r change| mean %.4f, max %.4f, "
                  ">0.01 in %d of %d fits" % (name, sum(d) / len(d), max(d),
                                              sum(x > 0.01 for x in d), len(d)))
            print("%s, one training answer left out: %d soft-rule cap/trigger changes "
                  "in %d fits, largest penalty move %.4f" % (
                      name, flips[name], len(d), pmove[name]))
    for name, d in zero.items():
        if not a.zero_penalties:
            break
        for label, part in (("single assignments", d[:7]), ("triples", d[7:])):
            print("%s with penalties set to 0, %s: r change mean %+.4f" % (
                name, label, sum(part) / len(part)))
    for name, d in deltas.items():
        for label, part in (("single assignments", d[:7]), ("triples", d[7:])):
            print("%s vs %s, %s: mean %+.4f, up in %d of %d" % (
                name, configs[0][0], label, sum(part) / len(part),
                sum(x > 0 for x in part), len(part)))


# the soft rules' caps and the triggers the rule search picks
SOFT = ("off_topic_cap", "off_topic_cos", "short_cap", "salad_cap", "salad_stop_ratio",
        "restate_cap", "restate_qcos", "misconception_cap", "contradiction_point_cap",
        "contradiction_penalty", "contradiction_cap")


def rules_summary(path):
    """The soft rules' caps and triggers, and the penalties, of a model."""
    mj = json.load(open(path))
    r = mj["rules"]
    cap = lambda k: str(r[k])[:4]
    out = ("off_topic=%s@%g short=%s salad=%s@%g restate=%s@%g misc=%s point=%s/%g "
           "backwards=%s") % (
        cap("off_topic_cap"), r["off_topic_cos"], cap("short_cap"), cap("salad_cap"),
        r["salad_stop_ratio"], cap("restate_cap"), r["restate_qcos"],
        cap("misconception_cap"), cap("contradiction_point_cap"),
        r["contradiction_penalty"], cap("contradiction_cap"))
    out += " lambda=%g" % mj["fit"]["lambda"]
    pen = r.get("penalties")
    if pen:
        out += " penalties " + " ".join("%s=%.3f" % kv for kv in sorted(pen.items()))
    return out


if __name__ == "__main__":
    main()
