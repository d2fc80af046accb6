# `assay grade`: readable verdict, --json as sent, stdin answers, inline
# questions, and an unknown question id as an input error (exit 2).
. "$(dirname "$0")/lib.sh"
need_exe
start_assayd

expect_status 0 "$ASSAY_EXE" grade --endpoint "$EP" --question gil \
    --answer "The global interpreter lock lets only one thread execute bytecode at a time; CPU-bound threads get no speedup, so use multiprocessing."
grep -q '^band       correct$' "$TMPD/out" || fail "band: $(cat "$TMPD/out")"
grep -q '^matched    .*Global Interpreter Lock' "$TMPD/out" || fail "matched"
grep -q '^score      [01]\.[0-9][0-9][0-9]' "$TMPD/out" || fail "score"

echo "Deepcopy is slower than copy." >"$TMPD/answer"
expect_status 0 "$ASSAY_EXE" grade --endpoint "$EP" --question deepcopy --json \
    <"$TMPD/answer"
python3 - "$TMPD/out" <<'PY' || fail "--json reply: $(cat "$TMPD/out")"
import json, sys
text = open(sys.argv[1]).read()
r = json.loads(text)
assert list(r)[:3] == ["v", "id", "ok"], list(r)[:3]
assert r["ok"] is True and r["question_id"] == "deepcopy"
assert r["band"] in ("partial", "incorrect"), r["band"]
assert " " not in text.split('"answer"')[0][:5]  # compact as sent
PY

expect_status 0 "$ASSAY_EXE" grade --endpoint "$EP" \
    --question-text "What does HTTP status 404 mean?" \
    --reference "The server could not find the requested resource." \
    --answer "The requested resource was not found on the server."
grep -q '^band ' "$TMPD/out" || fail "inline verdict"

expect_status 2 "$ASSAY_EXE" grade --endpoint "$EP" --question no_such_q --answer x
grep -q '^assay: unknown_question: ' "$TMPD/err" || fail "$(cat "$TMPD/err")"

# --require-model: the served hash (or a 12-digit prefix) grades as usual,
# another is model_mismatch (exit 1), a malformed one a usage error (exit 2).
expect_status 0 "$ASSAY_EXE" health --endpoint "$EP" --json
HASH=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["models"][0]["hash"])' "$TMPD/out") ||
    fail "health: $(cat "$TMPD/out")"
expect_status 0 "$ASSAY_EXE" grade --endpoint "$EP" --require-model "$HASH" \
    --question gil --answer "one thread at a time" --json
grep -q "\"model\":\"$HASH\"" "$TMPD/out" || fail "verdict model: $(cat "$TMPD/out")"
expect_status 0 "$ASSAY_EXE" --require-model "$(printf %.12s "$HASH")" grade \
    --endpoint "$EP" --question gil --answer "one thread at a time"
OTHER=000000000000
[ "$(printf %.12s "$HASH")" = "$OTHER" ] && OTHER=111111111111
expect_status 1 "$ASSAY_EXE" grade --endpoint "$EP" --require-model "$OTHER" \
    --question gil --answer "one thread at a time"
grep -q "^assay: model_mismatch: model_hash: question \"gil\" is graded here by model $HASH" "$TMPD/err" ||
    fail "mismatch: $(cat "$TMPD/err")"
expect_status 2 "$ASSAY_EXE" grade --endpoint "$EP" --require-model XYZ \
    --question gil --answer x
grep -q '^assay: invalid_argument: client: required model "XYZ"' "$TMPD/err" ||
    fail "bad hash: $(cat "$TMPD/err")"
echo ok
