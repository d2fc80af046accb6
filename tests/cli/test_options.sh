# Habits from git and curl (issue 13 defect 8): common options before the
# command, --answer - reads stdin, -- ends the options, a terminal stdin
# gets a hint instead of a silent wait, -o X.csv writes CSV (test_batch_input).
. "$(dirname "$0")/lib.sh"
need_exe
start_assayd
GIL="Only one thread runs bytecode at a time because of the GIL; I/O-bound threads still benefit; use multiprocessing for CPU-bound work."

expect_status 0 "$ASSAY_EXE" --endpoint "$EP" questions
grep -q "^gil	" "$TMPD/out" || fail "global --endpoint: $(cat "$TMPD/out")"
expect_status 0 "$ASSAY_EXE" --endpoint="$EP" --timeout 2000 grade --question gil --answer "$GIL"
grep -q '^band       correct$' "$TMPD/out" || fail "global options: $(cat "$TMPD/out")"
expect_status 2 "$ASSAY_EXE" --endpoint "$EP" frobnicate
grep -q 'unknown command "frobnicate"' "$TMPD/err" || fail "$(cat "$TMPD/err")"

echo "$GIL" | expect_status 0 "$ASSAY_EXE" grade --endpoint "$EP" --question gil --answer - --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["band"]=="correct", r' \
    "$TMPD/out" || fail "--answer - graded: $(cat "$TMPD/out")"

expect_status 0 "$ASSAY_EXE" grade --endpoint "$EP" --question gil --json -- "-- $GIL"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["band"]=="correct", r' \
    "$TMPD/out" || fail "-- TEXT: $(cat "$TMPD/out")"
expect_status 2 "$ASSAY_EXE" grade --endpoint "$EP" --question gil -- a b

if command -v script >/dev/null; then
    # stdin a terminal, closed at once: the hint is printed before the read
    script -qec "$ASSAY_EXE grade --endpoint $EP --question gil </dev/tty" \
        "$TMPD/typescript" </dev/null >/dev/null 2>&1 || true
    grep -q "reading the answer from the terminal" "$TMPD/typescript" ||
        fail "no hint on a terminal: $(cat "$TMPD/typescript")"
fi
echo ok
