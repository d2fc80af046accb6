# The readable verdict and the CSV show every concept (issue 13 defect 5):
# fuzzy matches marked ~fuzzy, negated ones !negated, and misconceptions
# under their full title.
. "$(dirname "$0")/lib.sh"
need_exe
start_assayd
# "proces pool": a misspelt variant the reference does not use (a misspelt
# reference word is read as that word: docs/text-pipeline.md)
FUZZY="the GIL allows one thread at a time; use a proces pool; threads run in parallel"
expect_status 0 "$ASSAY_EXE" grade --endpoint "$EP" --question gil --answer "$FUZZY"
grep -q '^matched    .*multiprocessing to bypass it ~fuzzy' "$TMPD/out" ||
    fail "fuzzy: $(cat "$TMPD/out")"
grep -q '^misconceptions threads run Python bytecode in parallel$' "$TMPD/out" ||
    fail "misconceptions: $(cat "$TMPD/out")"
expect_status 0 "$ASSAY_EXE" grade --endpoint "$EP" --question gil \
    --answer "the GIL does not let one thread at a time run"
grep -q '^matched    .* !negated' "$TMPD/out" || fail "negated: $(cat "$TMPD/out")"

printf 'id,question_id,answer\nf1,gil,"%s"\n' "$FUZZY" >"$TMPD/in.csv"
expect_status 0 "$ASSAY_EXE" batch --endpoint "$EP" --format csv "$TMPD/in.csv"
grep -q '^f1,2,true,.*multiprocessing to bypass it ~fuzzy' "$TMPD/out" ||
    fail "csv: $(cat "$TMPD/out")"
echo ok
