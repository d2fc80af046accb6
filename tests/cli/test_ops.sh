# `assay health` and `assay stats` (issue 13): exit codes a readiness probe
# can use, and the counters, in text and JSON.
. "$(dirname "$0")/lib.sh"
need_exe
start_assayd
expect_status 0 "$ASSAY_EXE" health --endpoint "$EP"
grep -q "^ok (assayd " "$TMPD/out" || fail "health: $(cat "$TMPD/out")"
grep -q "^model python-fullstack [0-9a-f]\{12\} 24 questions$" "$TMPD/out" ||
    fail "health models: $(cat "$TMPD/out")"
expect_status 0 "$ASSAY_EXE" health --endpoint "$EP" --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["status"]=="ok" and "v" not in d, d' \
    "$TMPD/out" || fail "health --json: $(cat "$TMPD/out")"
"$ASSAY_EXE" grade --endpoint "$EP" --question gil --answer "the GIL" >/dev/null
expect_status 0 "$ASSAY_EXE" stats --endpoint "$EP"
grep -q "^requests  [0-9]" "$TMPD/out" || fail "stats: $(cat "$TMPD/out")"
grep -q "^latency   p50 " "$TMPD/out" || fail "stats: $(cat "$TMPD/out")"
expect_status 0 "$ASSAY_EXE" --endpoint "$EP" stats --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["requests"]>=3 and sum(d["bands"].values())==1, d' \
    "$TMPD/out" || fail "stats --json: $(cat "$TMPD/out")"
# nothing there: 3, at once
expect_status 3 "$ASSAY_EXE" health --endpoint "tcp://127.0.0.1:$(unused_port)"
echo ok
