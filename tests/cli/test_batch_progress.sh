# The progress bar (issue 13 defect 10): drawn on a terminal stderr when
# the results go elsewhere, ending with the elapsed time (not "ETA 0s"), and
# not drawn over the results when they go to the same terminal.
. "$(dirname "$0")/lib.sh"
need_exe
command -v script >/dev/null || { echo "skip: no script(1)"; exit 77; }
start_assayd
SAMPLES="$ASSAY_SOURCE_DIR/examples/answers/python-fullstack.jsonl"
script -qec "$ASSAY_EXE batch --endpoint $EP $SAMPLES -o $TMPD/r.jsonl" \
    "$TMPD/ts1" </dev/null >/dev/null 2>&1
grep -q '12 done, 0 failed, .* in [0-9]*\.[0-9]s' "$TMPD/ts1" ||
    fail "final bar: $(tr '\r' '\n' <"$TMPD/ts1" | tail -3)"
# only the finished bar matters: a redraw near the end may rightly say
# "ETA 0s" while the last answers are still in flight
final=$(tr '\r' '\n' <"$TMPD/ts1" | grep 'done, ' | tail -n 1)
case "$final" in *ETA*) fail "final bar says ETA: $final" ;; esac
[ "$(wc -l <"$TMPD/r.jsonl")" = 12 ] || fail "results"
script -qec "$ASSAY_EXE batch --endpoint $EP --compact $SAMPLES" \
    "$TMPD/ts2" </dev/null >/dev/null 2>&1
grep -q '"ok":true' "$TMPD/ts2" || fail "no results on the terminal"
grep -q 'done, .* failed' "$TMPD/ts2" && fail "bar drawn among the results"
echo ok
