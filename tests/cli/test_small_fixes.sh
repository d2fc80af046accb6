# Small mismatches of issue 13 defect 14: `assayd --bogus` is an unknown
# option (not "missing value"); `bench --compare` prints counts as whole
# numbers. (Error replies echoing a readable id: unit.proto golden files and
# cli.batch_input; the README example: cli.readme_example.)
. "$(dirname "$0")/lib.sh"
need_exe
"$ASSAYD_EXE" --bogus >/dev/null 2>"$TMPD/err" && fail "assayd --bogus started"
grep -q '^assayd: invalid_config: --bogus: unknown option (see --help)$' "$TMPD/err" ||
    fail "assayd --bogus: $(head -1 "$TMPD/err")"
"$ASSAYD_EXE" --threads >/dev/null 2>"$TMPD/err" && fail "assayd --threads started"
grep -q -- '--threads: missing value' "$TMPD/err" || fail "$(head -1 "$TMPD/err")"

PF=$ASSAY_SOURCE_DIR/models/python-fullstack
start_assayd
expect_status 0 "$ASSAY_EXE" bench --endpoint "$EP" --split test -q --json "$TMPD/a.json" \
    "$PF/labelled.jsonl"
expect_status 0 "$ASSAY_EXE" bench --endpoint "$EP" --split test --compare "$TMPD/a.json" \
    "$PF/labelled.jsonl"
grep -q '^  n  *\([0-9][0-9]*\) ->  *\1   delta +0$' "$TMPD/out" ||
    fail "--compare counts: $(grep '^  n' "$TMPD/out")"
echo ok
