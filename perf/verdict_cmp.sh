#!/bin/sh
# verdict_cmp.sh OLD_BUILD NEW_BUILD [OUT_DIR] - do two builds of the engine
# give the same verdicts, byte for byte? Runs each build's perf/verdict_dump
# over the labelled set (by id, and inline against every reference of its
# question), the Mohler and SemEval training answers (inline) and long
# answers made by make_batch.py (both ways), and compares the outputs with cmp. Exit 0 when every pair is identical.
# ASSAY_CMP_OLD_MODEL: the model directory the old build grades with (default
# the repository's python-fullstack), to compare a model change as well.
set -eu
old=$1
new=$2
out=${3:-/tmp/verdict_cmp}
root=$(cd "$(dirname "$0")/.." && pwd)
model=$root/models/python-fullstack
old_model=${ASSAY_CMP_OLD_MODEL:-$model}
new_model=$model
data=$root/../shared/datasets
mkdir -p "$out"
status=0
run() { # name file mode
    for b in old new; do
        eval dir=\$$b
        eval m=\$${b}_model
        "$dir/perf/verdict_dump" "$m" "$2" "$3" > "$out/$1.$b"
    done
    if cmp "$out/$1.old" "$out/$1.new"; then
        echo "same $1 ($(grep -vc '^#' "$out/$1.new") verdicts)"
    else
        status=1
    fi
}
run labelled-id "$model/labelled.jsonl" id
run labelled-inline "$model/labelled.jsonl" inline
for f in mohler/answers semeval2013/beetle-train semeval2013/sciEntsBank-train; do
    if [ -f "$data/$f.jsonl" ]; then
        run "$(basename "$f")" "$data/$f.jsonl" inline
    fi
done
# long answers: each question's labelled answers joined to 300 and 3,000 words
for w in 300 3000; do
    python3 "$root/perf/make_batch.py" "$model/labelled.jsonl" 40 \
        "$out/long$w.jsonl" $w
    run "long$w-id" "$out/long$w.jsonl" id
    run "long$w-inline" "$out/long$w.jsonl" inline
done
exit $status
