#!/usr/bin/env python3
"""adversarial_corpus.py - the adversarial suite on questions none of us
wrote: the questions and references of the Mohler and SemEval-2013 training
data, graded without a hand-written bank entry (no concepts, no subjects).

  python3 scripts/adversarial_corpus.py [--build DIR] [--model DIR]
                                        [--json FILE] [SET...]

SET is mohler, beetle and/or sciEntsBank (default all three). For each set a
bank with one section per question (its text and reference only) is written
to a temporary directory, an assayd serves the default model (first, so it
grades inline questions) and that bank, and `assay bench --inline
--adversarial` builds the suite's perturbations of every reference
(docs/quality-bench.md, "Adversarial suite") and sends each as an inline
request (question text and reference), so the default model grades it as
it grades a platform's own question. (Before 2026-12-03 the cases went by
question id, so the bare bank's default parameters graded them, without a
stop list: those figures measured something else.) Prints per
set and check how many cases were built and how many passed. No answer is
read: only question texts and references, from ../shared/datasets
($ASSAY_SHARED_DIR) at run time, written only to the temporary directory.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

from semeval import start_assayd  # same directory

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES = {
    "mohler": "mohler/answers.jsonl",
    "beetle": "semeval2013/beetle-train.jsonl",
    "sciEntsBank": "semeval2013/sciEntsBank-train.jsonl",
}


def questions(path):
    seen = collections.OrderedDict()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            o = json.loads(line)
            q = o["question_id"]
            if q not in seen and o.get("reference") and o.get("question"):
                seen[q] = (o["question"], o["reference"])
    return seen


def one_line(s):
    return " ".join(s.split())


def write_bank(path, name, qs):
    with open(path, "w", encoding="utf-8") as f:
        f.write("bank: %s\ntitle: %s questions (adversarial run)\n" %
                (name, name))
        for i, (_, (text, ref)) in enumerate(qs.items()):
            f.write("\n[question q%03d]\ntext: %s\nreference: %s\n" %
                    (i, one_line(text), one_line(ref)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(HERE, "build"))
    ap.add_argument("--model", default=os.path.join(HERE, "models", "default"),
                    help="the model that grades bank-less questions "
                         "(assayd's first model)")
    ap.add_argument("--json", help="write the per-set, per-check counts here")
    ap.add_argument("sets", nargs="*", default=list(FILES))
    a = ap.parse_args()
    shared = os.environ.get("ASSAY_SHARED_DIR",
                            os.path.join(HERE, "..", "shared"))
    assay = os.path.join(a.build, "client", "cli", "assay")
    assayd = os.path.join(a.build, "service", "daemon", "assayd")
    out = {}
    with tempfile.TemporaryDirectory(prefix="assay-advc-") as tmp:
        keep = os.environ.get("ASSAY_ADVC_KEEP")
        for name in a.sets:
            qs = questions(os.path.join(shared, "datasets", FILES[name]))
            bdir = os.path.join(tmp, name)
            os.mkdir(bdir)
            write_bank(os.path.join(bdir, "bank.txt"), "adv-" + name.lower(), qs)
            # the default model first: it grades bank-less questions
            p, ep = start_assayd(assayd, [a.model, bdir],
                                 os.path.join(tmp, name + ".log"))
            try:
                rep = os.path.join(tmp, name + ".json")
                # --inline: each case goes as question text + reference,
                # so the default model grades it; by id the bare bank's
                # own default parameters would (no fitted weights, and
                # no stop list in a temporary directory)
                r = subprocess.run([assay, "bench", "--endpoint", ep,
                                    "--inline", "--adversarial", bdir,
                                    "--json", rep],
                                   stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
                if not os.path.exists(rep):
                    sys.exit("adversarial_corpus: bench failed (%d): %s" %
                             (r.returncode, r.stderr))
                checks = json.load(open(rep))["adversarial"]["checks"]
                if keep:
                    with open(os.path.join(keep, name + ".json"), "w") as f:
                        json.dump(checks, f)
            finally:
                p.terminate()
                p.wait()
            cnt = collections.OrderedDict()
            for c in checks:
                k = cnt.setdefault(c["check"], [0, 0])
                k[0] += 1
                k[1] += bool(c["pass"])
            out[name] = {"questions": len(qs), "checks": cnt}
            print("%s: %d questions" % (name, len(qs)))
            for k, (n, ok) in cnt.items():
                print("  %-20s %4d built %4d passed (%.3f)" %
                      (k, n, ok, ok / n if n else float("nan")))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
