# A service that is not there: exit 3 and "assay: unreachable: ..." for
# every command that talks to it.
. "$(dirname "$0")/lib.sh"
need_exe
EP="tcp://127.0.0.1:$(unused_port)"
opts="--endpoint $EP --timeout 200 --retries 1"

expect_status 3 "$ASSAY_EXE" grade --question gil --answer "a lock" $opts
grep -q "^assay: unreachable: 127.0.0.1\|^assay: unreachable: tcp://127.0.0.1" \
    "$TMPD/err" || fail "message: $(cat "$TMPD/err")"
grep -q "no reply after 2 tries of 200 ms" "$TMPD/err" ||
    fail "message: $(cat "$TMPD/err")"
expect_status 3 "$ASSAY_EXE" questions $opts
printf '{"id":"1","question_id":"gil","answer":"x"}\n' >"$TMPD/in.jsonl"
expect_status 3 "$ASSAY_EXE" batch "$TMPD/in.jsonl" $opts
ASSAY_ENDPOINT=$EP expect_status 3 "$ASSAY_EXE" questions --timeout 200 \
    --retries 0
echo ok
