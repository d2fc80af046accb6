# Usage errors exit 2 with "assay: usage: ..." on stderr; --help exits 0.
. "$(dirname "$0")/lib.sh"
need_exe

expect_status 2 "$ASSAY_EXE"
expect_status 2 "$ASSAY_EXE" frobnicate
grep -q '^assay: usage: unknown command "frobnicate"' "$TMPD/err" ||
    fail "unknown command message: $(cat "$TMPD/err")"
expect_status 2 "$ASSAY_EXE" grade --answer x
grep -q '^assay: usage: need --question' "$TMPD/err" || fail "grade message"
expect_status 2 "$ASSAY_EXE" grade --question gil --question-text q --reference r
expect_status 2 "$ASSAY_EXE" grade --question
grep -q -- '--question needs a value' "$TMPD/err" || fail "missing value message"
expect_status 2 "$ASSAY_EXE" grade --question gil --timeout abc
expect_status 2 "$ASSAY_EXE" grade --question gil --retries -1
expect_status 2 "$ASSAY_EXE" batch
expect_status 2 "$ASSAY_EXE" batch --window 0 x.jsonl
expect_status 2 "$ASSAY_EXE" batch --format xml x.jsonl
expect_status 2 "$ASSAY_EXE" batch a.jsonl b.jsonl
expect_status 2 "$ASSAY_EXE" batch "$TMPD/does-not-exist.jsonl"
grep -q '^assay: io_error: .*does-not-exist.jsonl: cannot open' "$TMPD/err" ||
    fail "missing file message: $(cat "$TMPD/err")"
printf 'foo,bar\n1,2\n' >"$TMPD/bad.csv"
expect_status 2 "$ASSAY_EXE" batch "$TMPD/bad.csv"
grep -q '^assay: missing_field: csv line 1: the header needs' "$TMPD/err" ||
    fail "csv header message: $(cat "$TMPD/err")"
expect_status 2 "$ASSAY_EXE" questions extra

expect_status 0 "$ASSAY_EXE" --help
grep -q '^  3  the service could not be reached' "$TMPD/out" ||
    fail "--help lacks the exit codes"
for cmd in grade batch questions; do
    expect_status 0 "$ASSAY_EXE" "$cmd" --help
    grep -q "^Usage: assay $cmd" "$TMPD/out" || fail "$cmd --help"
done
echo ok
