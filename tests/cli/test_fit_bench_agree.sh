# fit and bench tell the same story (issue 13 defects 6, 7, 10): an empty
# split selection is an error, fit without labels writes null metrics, fit's
# held-out band accuracy applies per-question `thresholds:` as the service
# (and so bench) does, and bench -q says why a gate failed.
. "$(dirname "$0")/lib.sh"
need_exe
SRC=$ASSAY_SOURCE_DIR
PF=$SRC/models/python-fullstack
mkdir "$TMPD/m"
# extreme thresholds on two questions, so ignoring them changes the bands
sed -e 's/^thresholds:.*$//' "$PF/bank.txt" |
    awk '/^\[question gil\]/ || /^\[question deepcopy\]/ {print; getline; print; print "thresholds: partial 0.05 correct 0.10"; next} {print}' \
    >"$TMPD/m/bank.txt"
grep -c '^thresholds' "$TMPD/m/bank.txt" | grep -q '^2$' || fail "bank edit"

expect_status 2 "$ASSAY_EXE" fit --bank "$TMPD/m/bank.txt" --stoplist "$SRC/models/stopwords.txt" \
    --labels "$PF/labelled.jsonl" --split trian --out "$TMPD/m/model.json"
grep -q 'no labelled items with split "trian"' "$TMPD/err" || fail "fit --split typo: $(cat "$TMPD/err")"
[ ! -e "$TMPD/m/model.json" ] || fail "a model was written for an empty selection"

expect_status 0 "$ASSAY_EXE" fit --bank "$TMPD/m/bank.txt" --stoplist "$SRC/models/stopwords.txt" \
    --out "$TMPD/nolabels.json"
python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))["fit"]; assert f["pearson"] is None and f["cv_pearson"] is None and f["items"] == 0, f' \
    "$TMPD/nolabels.json" || fail "fit without labels: $(grep -A3 pearson "$TMPD/nolabels.json")"

expect_status 0 "$ASSAY_EXE" fit --bank "$TMPD/m/bank.txt" --stoplist "$SRC/models/stopwords.txt" \
    --labels "$PF/labelled.jsonl" --split train --test-split test --out "$TMPD/m/model.json"
fit_acc=$(sed -n 's/^test .*band_accuracy=\([0-9.]*\).*/\1/p' "$TMPD/out")
[ -n "$fit_acc" ] || fail "fit output: $(cat "$TMPD/out")"

start_assayd --model "$TMPD/m"
expect_status 0 "$ASSAY_EXE" bench --endpoint "$EP" --split test -q \
    --json "$TMPD/b.json" "$PF/labelled.jsonl"
bench_acc=$(python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["metrics"]["band_accuracy"])' "$TMPD/b.json")
[ "$fit_acc" = "$bench_acc" ] || fail "fit says band accuracy $fit_acc, bench $bench_acc"

# 6: a typo'd split is not "0 items ... PASS"
expect_status 2 "$ASSAY_EXE" bench --endpoint "$EP" --split tset "$PF/labelled.jsonl"
grep -q 'no items with split "tset" (splits in the file: train, test)' "$TMPD/err" ||
    fail "bench --split typo: $(cat "$TMPD/err")"
# 10: -q is quiet on stdout, but a failing gate still says why on stderr
expect_status 1 "$ASSAY_EXE" bench --endpoint "$EP" --split test -q --min-pearson 0.99 \
    "$PF/labelled.jsonl"
[ ! -s "$TMPD/out" ] || fail "-q printed: $(cat "$TMPD/out")"
grep -q '^assay: bench: gate min_pearson failed: 0\.[0-9]* < 0\.9900$' "$TMPD/err" ||
    fail "bench -q gate: $(cat "$TMPD/err")"
echo ok
