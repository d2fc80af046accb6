#!/usr/bin/env bash
# fit-default.sh [OUT [CORPUS FOLD]] - fit the default inline model
# (models/default/model.json) on pooled training data read from ../shared
# (scripts/pooled_labels.py says which and how labels map onto 0-5), then
# refit models/python-fullstack so it names the new default as its inline
# model. With CORPUS FOLD (scripts/heldout.py), write OUT only, leaving out
# that SemEval cross-validation fold.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
assay=${ASSAY:-$root/build/client/cli/assay}
out=${1:-$root/models/default/model.json}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $# -ge 3 ]; then
    python3 "$root/scripts/pooled_labels.py" "$tmp/pooled.jsonl" --exclude "$2:$3"
else
    python3 "$root/scripts/pooled_labels.py" "$tmp/pooled.jsonl"
fi
mkdir -p "$(dirname "$out")"
# The stop list (and vectors) are referenced relative to OUT, so the model
# can be moved with models/. VECTORS=models/vectors.vec8 adds the softcos
# feature (scripts/fit-vectors.sh); the shipped models are fitted without it
# (README: it lowered held-out accuracy and failed the adversarial gates).
vecopt=()
defopt_features=()
# The wordnet feature (WordNet best-match similarity) is in the default
# model only. On training data it raised the pooled 3 x 5-fold CV r 0.4811
# -> 0.4885 and band accuracy 0.6649 -> 0.6690, and Mohler train held out by
# assignment (scripts/mohler_train_cv.py) 0.4918 -> 0.5028 (single
# assignments) and 0.4971 -> 0.5194 (triples); it costs about a quarter of
# the inline grading rate (docs/history.md, round of 2026-12-06 late night). The bank model's CV r moved 0.9065 ->
# 0.9084 with it, not worth that cost on every by-id verdict: it stays out.
# The claims feature (the share of the reference's claims the answer
# supports) is in the default model since the claim judge stopped
# contradicting many right SemEval answers: on the pooled training data it
# raised the cross-validated r (0.4766 -> 0.4811) and band accuracy
# (0.6618 -> 0.6649); before, it raised the CV r but lowered the band
# decisions held out (docs/history.md). The bank model's ridge gave it 0.
features=cosine,bigram,chargram,coverage,recall,precision,misconception,required_missing,length,cov_x_len,answer_words,reference_words,question_words,claims
# The default model always names the word vectors: its band model weighs
# its training corpora by a question's word-vector similarity to each
# corpus's questions (docs/model-format.md, "Training sources"). softcos
# stays out of its features unless VECTORS is set.
defvec=(--vectors "$root/models/vectors.vec8")
if [ -n "${VECTORS:-}" ]; then
    vecopt+=(--features "$features,softcos" --vectors "$VECTORS")
    defopt_features=(--features "$features,wordnet,softcos")
    defvec=()
else
    vecopt+=(--features "$features,softcos")
    defopt_features=(--features "$features,wordnet")
fi
# WordNet parsed once here and mapped at load (docs/model-format.md)
if [ $# -lt 3 ] || [ ! -f "$root/models/wordnet.wn" ]; then
    "$assay" wordnet pack "$root/models/wordnet.wn"
fi
vecopt+=(--wordnet "$root/models/wordnet.wn")
# --review-budget 0.2: at most a fifth of the answers are flagged
# needs_review (issue 11's bound). Where 95% among the rest is out of
# reach (the default model on new questions: its cut sent 94-99% of the
# SemEval folds to review), the least sure fifth is flagged, not all.
review=(--review-budget 0.2)
# --point-cap partial: the default model grades questions nobody labelled
# answers for, where an answer that contradicts one of the reference's
# points must not stay `correct`; on the pooled answers the fit would learn
# "none" (docs/history.md, 2026-12-02: the cap costs at most 0.003 of band
# accuracy held out, and stops most negated and antonym answers passing)
"$assay" fit --stoplist "$root/models/stopwords.txt" --labels "$tmp/pooled.jsonl" \
    "${vecopt[@]}" "${defopt_features[@]}" "${defvec[@]}" "${review[@]}" --point-cap partial \
    --name default --out "$out"
# the label file is temporary: keep only its hash and size in the model
python3 - "$out" <<'PY'
import json, sys
p = sys.argv[1]
m = json.load(open(p))
for i in m.get("inputs", []):
    i["file"] = "pooled training data (scripts/pooled_labels.py)"
json.dump(m, open(p, "w"), indent=1, sort_keys=True)
PY
# The bank model: the same point cap, and an answer about something else
# is `incorrect`, as policy. Learned from 201 answers, which hold almost no
# contradicted or off-topic ones, these caps moved on gains of 0.001 of the
# objective whenever two training verdicts changed (docs/model-format.md).
# An answer with the reference backwards is `incorrect` too: the fit would
# learn `partial` (a gain in r), which lowered the band accuracy of its own
# out-of-fold verdicts, 0.9038 -> 0.8939; the bank's bands are what a
# platform acts on (docs/history.md, round of 2026-12-07 (first session)). A keyword salad is `partial`
# at most: the labelled answers hold no salad, so the fit, which takes a
# cap only where the folds of its questions agree it helps, would drop the
# cap that stops a list of the reference's terms passing.
if [ $# -lt 3 ]; then
    pf=$root/models/python-fullstack
    # The bank model names the word vectors without weighing softcos: the
    # claim judge reads other_verb with them (docs/text-pipeline.md), by id
    # as inline.
    bankvec=()
    if [ -z "${VECTORS:-}" ]; then
        bankvec=(--features "$features" "${defvec[@]}")
    fi
    "$assay" fit --bank "$pf/bank.txt" --stoplist "$root/models/stopwords.txt" \
        --labels "$pf/labelled.jsonl" --split train --test-split test \
        "${vecopt[@]}" "${bankvec[@]}" "${review[@]}" --inline-model "$out" --point-cap partial \
        --off-topic-cap incorrect --contradiction-cap incorrect --salad-cap partial \
        --out "$pf/model.json"
fi
