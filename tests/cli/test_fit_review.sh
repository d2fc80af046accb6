# assay fit --review-target: the accuracy wanted among answers not sent to
# review sets the needs_review cut the fit learns; a lower target sends
# fewer answers to review, the model records it, and a target outside
# (0, 1] is a usage error naming the option.
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
