# README's own grade example grades as the README shows (issue 13 defect
# 14: the example answer used to grade incorrect).
. "$(dirname "$0")/lib.sh"
need_exe
start_assayd
line=$(grep -m1 '^build/client/cli/assay grade --question gil --answer "' "$ASSAY_SOURCE_DIR/README.md")
[ -n "$line" ] || fail "no grade example in README.md"
answer=$(printf '%s\n' "$line" | sed 's/^[^"]*"\([^"]*\)".*/\1/')
expect_status 0 "$ASSAY_EXE" grade --endpoint "$EP" --question gil --answer "$answer"
grep -q '^band       correct$' "$TMPD/out" || fail "README example: $(cat "$TMPD/out")"
echo ok
