# assay calibrate: refits cut-offs on a few labels, warns when too few,
# writes a loadable model whose confidence is monotone; usage errors exit 2;
# assay bench reports reliability diagram data for a calibrated model.
. "$(dirname "$0")/lib.sh"
need_exe
src=${3:-$ASSAY_SOURCE_DIR}
pf=$src/models/python-fullstack

expect_status 2 "$ASSAY_EXE" calibrate --model "$pf"
grep -q '^assay: usage: --model, --labels and --out are required' "$TMPD/err" ||
    fail "missing options message: $(cat "$TMPD/err")"
expect_status 2 "$ASSAY_EXE" calibrate --model "$pf" --labels x --out y --review-target 2
expect_status 2 "$ASSAY_EXE" calibrate --model "$pf" --labels x --out y --review-level 1
grep -q -- '--review-level wants a number in \[0, 1), got "1"' "$TMPD/err" ||
    fail "--review-level 1: $(cat "$TMPD/err")"

# 40 labelled answers: written, but a warning that they are too few
head -n 40 "$pf/labelled.jsonl" >"$TMPD/few.jsonl"
expect_status 0 "$ASSAY_EXE" calibrate --model "$pf" --labels "$TMPD/few.jsonl" \
    --out "$TMPD/model.json" --review-level 0.9
grep -q '^wrote ' "$TMPD/out" || fail "no wrote line: $(cat "$TMPD/out")"
grep -q 'warning: 40 labelled answers are too few' "$TMPD/err" ||
    fail "no too-few warning: $(cat "$TMPD/err")"
# 40 answers cannot bound the kept error rate at 5% with confidence 0.9
# (even with none wrong, 45 kept are needed): the cut is the one with the
# smallest bound, the warning and the model say so, and how many would do
grep -q 'warning: 40 labelled answers are too few to promise 0.95 accuracy .* confidence 0.9' \
    "$TMPD/err" || fail "no bound warning: $(cat "$TMPD/err")"
grep -q '^review target=0.95 level=0.9 .* bound=not_met needed_for_bound=[0-9]' "$TMPD/out" ||
    fail "no review line: $(cat "$TMPD/out")"
# the same 40 with a 10% review budget: the review line and the model say
# the budget set the cut
expect_status 0 "$ASSAY_EXE" calibrate --model "$pf" --labels "$TMPD/few.jsonl" \
    --out "$TMPD/budget.json" --review-level 0.9 --review-budget 0.1
grep -q '^review target=0.95 level=0.9 review_share=0\.[01][0-9]* .* budget=0.1 budget_bound=yes' "$TMPD/out" ||
    fail "no budget in the review line: $(cat "$TMPD/out")"
grep -q 'warning: within the review budget 0.1 no needs_review cut promises 0.95' "$TMPD/err" ||
    fail "no budget warning: $(cat "$TMPD/err")"
! grep -q 'smallest bound' "$TMPD/err" || fail "budget run names the smallest bound: $(cat "$TMPD/err")"
python3 - "$TMPD/budget.json" <<'PY' || fail "recalibrated.review (budget)"
import json, sys
r = json.load(open(sys.argv[1]))["recalibrated"]["review"]
assert r["budget"] == 0.1 and r["budget_bound"] is True, r
assert r["review_share"] <= 0.1 + 1e-9, r
PY
expect_status 2 "$ASSAY_EXE" calibrate --model "$pf" --labels x --out y --review-budget 0
python3 - "$TMPD/model.json" <<'PY' || fail "recalibrated.review (40 answers)"
import json, sys
r = json.load(open(sys.argv[1]))["recalibrated"]["review"]
assert r["level"] == 0.9 and r["bound_met"] is False, r
assert r["rule"] == "smallest bound (bound not met)", r
assert r["error_bound"] > 0.05 and r["needed_for_bound"] > 45, r
PY
# on the 201 training answers the bound holds: the error rate among the
# kept answers is within 0.05 at 0.9, and the point estimate (level 0)
# reviews no more
expect_status 0 "$ASSAY_EXE" calibrate --model "$pf" --labels "$pf/labelled.jsonl" \
    --split train --out "$TMPD/bound.json" --review-level 0.9
grep -q 'bound=met' "$TMPD/out" || fail "bound not met on train: $(cat "$TMPD/out")"
if grep -q 'too few to promise' "$TMPD/err"; then fail "bound warning when met"; fi
expect_status 0 "$ASSAY_EXE" calibrate --model "$pf" --labels "$pf/labelled.jsonl" \
    --split train --out "$TMPD/point.json" --review-level 0
python3 - "$TMPD/bound.json" "$TMPD/point.json" <<'PY' || fail "bound vs point estimate"
import json, sys
b = json.load(open(sys.argv[1]))["recalibrated"]["review"]
p = json.load(open(sys.argv[2]))["recalibrated"]["review"]
assert b["rule"] == "clopper-pearson bound" and b["bound_met"] is True, b
assert b["error_bound"] <= 0.05 and b["kept_accuracy"] >= 0.95, b
assert p["rule"] == "point estimate" and "error_bound" not in p, p
assert p["review_share"] <= b["review_share"], (p, b)
PY
# without --review-level the level is 0.5, between the two
expect_status 0 "$ASSAY_EXE" calibrate --model "$pf" --labels "$pf/labelled.jsonl" \
    --split train --out "$TMPD/default.json"
grep -q '^review target=0.95 level=0.5 ' "$TMPD/out" || fail "default level: $(cat "$TMPD/out")"
python3 - "$TMPD/default.json" "$TMPD/bound.json" "$TMPD/point.json" <<'PY' || fail "default level"
import json, sys
d, b, p = (json.load(open(f))["recalibrated"]["review"] for f in sys.argv[1:])
assert d["level"] == 0.5 and d["rule"] == "clopper-pearson bound", d
assert p["review_share"] <= d["review_share"] <= b["review_share"], (p, d, b)
PY
# the recalibrated model loads (input paths rewritten) and measures
expect_status 0 "$ASSAY_EXE" fit --eval "$TMPD/model.json" --labels "$pf/labelled.jsonl" \
    --test-split test
grep -q '^test .*review_share=' "$TMPD/out" || fail "eval: $(cat "$TMPD/out")"
python3 - "$TMPD/model.json" <<'PY' || fail "calibration table not monotone / in [0,1]"
import json, sys
c = json.load(open(sys.argv[1]))["calibration"]
p, u = c["confidence"], c["margin_upto"]
assert all(0 <= x <= 1 for x in p + u)
assert all(a <= b for a, b in zip(p, p[1:])) and all(a <= b for a, b in zip(u, u[1:]))
PY
# a bad label is an error naming file and line
printf '{"question_id":"gil","answer":"x","band":"bogus"}\n' >"$TMPD/bad.jsonl"
expect_status 2 "$ASSAY_EXE" calibrate --model "$pf" --labels "$TMPD/bad.jsonl" \
    --out "$TMPD/m2.json"
grep -q 'bad.jsonl line 1: "band" must be' "$TMPD/err" || fail "bad band: $(cat "$TMPD/err")"

# assay bench reports reliability diagram data: confidence bins with their
# accuracy, every graded verdict of the calibrated model counted once
start_assayd --model "$pf"
expect_status 0 "$ASSAY_EXE" bench --endpoint "$EP" --split test -q \
    --json "$TMPD/bench.json" "$pf/labelled.jsonl"
python3 - "$TMPD/bench.json" <<'PY' || fail "reliability bins"
import json, sys
d = json.load(open(sys.argv[1]))
bins = d["reliability"]
assert len(bins) == 10
n = sum(b["n"] for b in bins)
graded = sum(1 for s in d["sets"] for i in s["items"] if i.get("verdict"))
assert n == graded > 0, (n, graded)
for b in bins:
    if b["n"]:
        assert b["from"] <= b["mean_confidence"] <= b["to"] and 0 <= b["accuracy"] <= 1
PY
echo ok
