#!/usr/bin/env bash
# run_sets.sh ASSAY ASSAYD SOURCE_DIR BUILD_DIR SHARED_DIR
# The benchmark sets that ship, graded through a real assayd on loopback:
#   1. models/python-fullstack labelled set, test split, gates .ci/bench-gates.conf
#   2. the adversarial suite built from the python-fullstack bank
#   3. the Mohler test split graded inline by a model fitted on its train
#      split only, gates .ci/mohler-gates.conf (a missing dataset fails)
# Prints each summary table; exits non-zero when any gate fails.
set -euo pipefail
assay=$1 assayd=$2 src=$3 build=$4 shared=$5
work=$build/quality
mkdir -p "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# start_assayd LOG ARGS... -> sets $endpoint
start_assayd() {
    local log=$1; shift
    : >"$log" # exists before the poll below: the child opens it only later
    "$assayd" --endpoint 'tcp://127.0.0.1:*' --threads 2 "$@" 2>"$log" &
    pids+=($!)
    endpoint=""
    for _ in $(seq 1 600); do
        endpoint=$(sed -n 's/.* ready endpoint=\([^ ]*\).*/\1/p' "$log" | head -n1)
        [ -n "$endpoint" ] && return 0
        kill -0 "${pids[-1]}" 2>/dev/null || break
        sleep 0.05
    done
    echo "run_sets: assayd did not start:" >&2
    cat "$log" >&2
    return 1
}

status=0
start_assayd "$work/assayd-pf.log" --model "$src/models/python-fullstack"
echo "== python-fullstack labelled set (test split)"
"$assay" bench --endpoint "$endpoint" --config "$src/.ci/bench-gates.conf" \
    --split test --json "$work/python-fullstack.json" \
    --junit "$work/python-fullstack.junit.xml" \
    "$src/models/python-fullstack/labelled.jsonl" || status=1
echo
echo "== adversarial suite (python-fullstack bank)"
"$assay" bench --endpoint "$endpoint" --adversarial "$src/models/python-fullstack" \
    --json "$work/adversarial.json" || status=1

mohler=$shared/datasets/mohler/answers.jsonl
echo
if [ -f "$mohler" ]; then
    echo "== Mohler test split, inline (model fitted on the train split only)"
    "$assay" fit --stoplist "$src/models/stopwords.txt" --labels "$mohler" \
        --split train --name mohler --out "$work/mohler.json"
    start_assayd "$work/assayd-mohler.log" --model "$work/mohler.json"
    "$assay" bench --endpoint "$endpoint" --inline --split test \
        --config "$src/.ci/mohler-gates.conf" --json "$work/mohler-report.json" \
        "$mohler" || status=1
else
    # Missing data is a failure, not a pass: the gate above cannot have run.
    echo "== Mohler set not found at $mohler (ASSAY_SHARED_DIR): FAIL" >&2
    status=1
fi
exit $status
