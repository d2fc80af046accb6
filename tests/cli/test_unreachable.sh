# A service that is not there: exit 3 and "assay: unreachable: ..." for
# every command that talks to it, said at once (the connection is refused)
# rather than after the retries, with a hint.
. "$(dirname "$0")/lib.sh"
need_exe
EP="tcp://127.0.0.1:$(unused_port)"
opts="--endpoint $EP --timeout 200 --retries 1"

expect_status 3 "$ASSAY_EXE" grade --question gil --answer "a lock" $opts
grep -q "^assay: unreachable: nothing is listening at $EP - is assayd running?" \
    "$TMPD/err" || fail "message: $(cat "$TMPD/err")"
expect_status 3 "$ASSAY_EXE" questions $opts
printf '{"id":"1","question_id":"gil","answer":"x"}\n' >"$TMPD/in.jsonl"
expect_status 3 "$ASSAY_EXE" batch "$TMPD/in.jsonl" $opts
ASSAY_ENDPOINT=$EP expect_status 3 "$ASSAY_EXE" questions --timeout 200 \
    --retries 0

# default timeout and retries (4 tries of 3 s): still answered at once
start=$(date +%s%N)
expect_status 3 "$ASSAY_EXE" questions --endpoint "$EP"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$ms" -lt 2000 ] || fail "took $ms ms to say nothing listens"
grep -q "is assayd running?" "$TMPD/err" || fail "message: $(cat "$TMPD/err")"

# a list of endpoints, none listening
EP2="tcp://127.0.0.1:$(unused_port)"
expect_status 3 "$ASSAY_EXE" questions --endpoint "$EP,$EP2"
grep -q "nothing is listening at $EP,$EP2" "$TMPD/err" ||
    fail "message: $(cat "$TMPD/err")"
echo ok
