#!/usr/bin/env bash
# fit-vectors.sh [OUT] - train assay's word vectors (models/vectors.vec8):
# corpus = prose paragraphs of the Debian docs (scripts/vectors_corpus.py)
# + the bank's texts + training answers (python-fullstack, Mohler and
# SemEval train splits from ../shared), tokenised by assay's analyser
# (`assay vectors tokens`), vectors by Debian's fasttext with one thread and
# a fixed seed (byte-identical output), packed to int8 (`assay vectors pack`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
assay=${ASSAY:-$root/build/client/cli/assay}
out=${1:-$root/models/vectors.vec8}
# The corpus's documentation packages and fasttext: installed when missing
# (a corpus without them would give other vectors; vectors_corpus.py
# stops when one is absent).
bash "$root/scripts/packages.sh" fasttext python3-doc python-django-doc \
    cppreference-doc-en-html stl-manual
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ROOT=$root python3 - "$tmp/extra.txt" <<'PY'
import json, os, sys
root = os.environ["ROOT"]
shared = os.environ.get("ASSAY_SHARED_DIR", os.path.join(root, "..", "shared"))
out = open(sys.argv[1], "w", encoding="utf-8")
for line in open(os.path.join(root, "models/python-fullstack/bank.txt"), encoding="utf-8"):
    if line.startswith(("text:", "reference:")):
        out.write(line.split(":", 1)[1].strip() + "\n")
for line in open(os.path.join(root, "models/python-fullstack/labelled.jsonl"), encoding="utf-8"):
    o = json.loads(line)
    if o.get("split") == "train":
        out.write(o["answer"].replace("\n", " ") + "\n")
sets = [os.path.join(shared, "datasets/mohler/answers.jsonl")] + [
    os.path.join(shared, "datasets/semeval2013", c + "-train.jsonl")
    for c in ("beetle", "sciEntsBank")]
seen = set()
for p in sets:
    if not os.path.exists(p):  # other vectors without it: stop
        sys.exit("fit-vectors.sh: %s is missing (set ASSAY_SHARED_DIR)" % p)
    for line in open(p, encoding="utf-8"):
        o = json.loads(line)
        if o.get("split", "train") != "train":
            continue  # Mohler's test split stays unseen
        for t in (o["question"], o["reference"]):
            if t not in seen:
                seen.add(t)
                out.write(t.replace("\n", " ") + "\n")
        out.write(o["answer"].replace("\n", " ") + "\n")
PY
python3 "$root/scripts/vectors_corpus.py" "$tmp/corpus.txt" "$tmp/extra.txt"
"$assay" vectors tokens --stoplist "$root/models/stopwords.txt" \
    --bank "$root/models/python-fullstack/bank.txt" "$tmp/corpus.txt" "$tmp/tokens.txt"
fasttext skipgram -input "$tmp/tokens.txt" -output "$tmp/ft" -dim 32 -epoch 10 \
    -minCount 3 -minn 0 -maxn 0 -thread 1 -seed 1 -verbose 0
"$assay" vectors pack "$tmp/ft.vec" "$out"
ls -l "$out"
