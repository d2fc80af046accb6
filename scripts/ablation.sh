#!/usr/bin/env bash
# ablation.sh [BUILD_DIR] - fit the Mohler model on its train split with
# each feature left out in turn and print the test-split Pearson r and band
# accuracy, so the README's feature table can be reproduced.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
assay=$build/client/cli/assay
data=${ASSAY_SHARED_DIR:-$here/../shared}/datasets/mohler/answers.jsonl
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
all=cosine,bigram,chargram,coverage,recall,precision,length,cov_x_len,answer_words,reference_words,question_words
run() { # label features
    local line
    line=$("$assay" fit --stoplist "$here/models/stopwords.txt" --labels "$data" \
        --split train --test-split test ${2:+--features "$2"} --out "$out/m.json" | grep '^test')
    printf '%-34s %s\n' "$1" "$(echo "$line" | sed 's/.*pearson=\([0-9.]*\).*band_accuracy=\([0-9.]*\)/r=\1 band=\2/')"
}
run "cross-validated selection (shipped)" ""
run "all features, no selection" "$all"
for f in ${all//,/ }; do
    run "without $f" "$(echo "$all" | tr ',' '\n' | grep -vx "$f" | paste -sd,)"
done
run "tf-idf cosine alone" cosine
