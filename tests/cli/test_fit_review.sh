# assay fit --review-target: the accuracy wanted among answers not sent to
# review sets the needs_review cut the fit learns; a lower target sends
# fewer answers to review, the model records it, and a target outside
# (0, 1] is a usage error naming the option. --review-budget caps the share
# sent to review where the target would need more.
. "$(dirname "$0")/lib.sh"
need_exe
SRC=$ASSAY_SOURCE_DIR
PF=$SRC/models/python-fullstack
fit() { # OUT [more options]
    out=$1
    shift
    expect_status 0 "$ASSAY_EXE" fit --bank "$PF/bank.txt" --stoplist "$SRC/models/stopwords.txt" \
        --labels "$PF/labelled.jsonl" --split train --out "$out" "$@"
    sed -n 's/^train  *review_share=\([0-9.]*\).*/\1/p' "$TMPD/out"
}
expect_status 2 "$ASSAY_EXE" fit --bank "$PF/bank.txt" --out "$TMPD/x.json" --review-target 0
grep -q -- '--review-target wants a number in (0, 1], got "0"' "$TMPD/err" ||
    fail "fit --review-target 0: $(cat "$TMPD/err")"
expect_status 2 "$ASSAY_EXE" fit --bank "$PF/bank.txt" --out "$TMPD/x.json" --review-target 0.9x
[ ! -e "$TMPD/x.json" ] || fail "a model was written after a usage error"

strict=$(fit "$TMPD/strict.json" --review-level 0.9)
loose=$(fit "$TMPD/loose.json" --review-target 0.7)
[ -n "$strict" ] && [ -n "$loose" ] || fail "no review_share in fit output: $(cat "$TMPD/out")"
python3 - "$strict" "$loose" "$TMPD/strict.json" "$TMPD/loose.json" <<'PY' || fail "review target"
import json, sys
strict, loose = float(sys.argv[1]), float(sys.argv[2])
a = json.load(open(sys.argv[3]))["fit"]["review"]
b = json.load(open(sys.argv[4]))["fit"]["review"]
assert a["target"] == 0.95 and b["target"] == 0.7, (a["target"], b["target"])
assert b["level"] == 0.5, b  # the default level
assert strict > 0, "the default target sends some training answers to review"
assert loose < strict, (loose, strict)
# the cut bounds the kept answers' error rate at level 0.9, each training
# answer counted once over the fold assignments
assert a["level"] == 0.9 and a["rule"] == "clopper-pearson bound", a
assert a["bound_met"] is True and a["error_bound"] <= 0.05, a
assert a["kept_answers"] <= 201 and a["cv_kept_accuracy"] >= 0.95, a
PY
# --review-level 0: the out-of-fold point estimate, which reviews no more
point=$(fit "$TMPD/point.json" --review-level 0)
python3 - "$strict" "$point" "$TMPD/point.json" <<'PY' || fail "review level 0"
import json, sys
strict, point = float(sys.argv[1]), float(sys.argv[2])
r = json.load(open(sys.argv[3]))["fit"]["review"]
assert r["level"] == 0 and r["rule"] == "point estimate" and "bound_met" not in r, r
assert point < strict, (point, strict)
PY
expect_status 2 "$ASSAY_EXE" fit --bank "$PF/bank.txt" --out "$TMPD/x.json" --review-level 0.9x
grep -q -- '--review-level wants a number in \[0, 1), got "0.9x"' "$TMPD/err" ||
    fail "fit --review-level 0.9x: $(cat "$TMPD/err")"

# --review-budget: at level 0.9 the cut reviews more than 5% of the
# out-of-fold verdicts; a 5% budget caps it there, and the model says the
# budget, not the target, set the cut
fit "$TMPD/budget.json" --review-level 0.9 --review-budget 0.05 >/dev/null
python3 - "$TMPD/strict.json" "$TMPD/budget.json" <<'PY' || fail "review budget"
import json, sys
a = json.load(open(sys.argv[1]))["fit"]["review"]
b = json.load(open(sys.argv[2]))["fit"]["review"]
assert "budget" not in a, a  # no budget: the record is as before
assert a["cv_review_share"] > 0.05, a
assert b["budget"] == 0.05 and b["budget_bound"] is True, b
assert b["rule"] == "review budget (target not met)", b
assert 0 < b["cv_review_share"] <= 0.05 + 1e-4, b
assert b["cv_kept_accuracy"] < a["cv_kept_accuracy"], (a, b)
PY
for bad in 0 1.5; do
    expect_status 2 "$ASSAY_EXE" fit --bank "$PF/bank.txt" --out "$TMPD/x.json" --review-budget $bad
    grep -q -- "--review-budget wants a number in (0, 1], got \"$bad\"" "$TMPD/err" ||
        fail "fit --review-budget $bad: $(cat "$TMPD/err")"
done
