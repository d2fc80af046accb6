# Several endpoints without a broker: --endpoint takes a list, requests
# spread over the instances, and when one instance is killed mid-batch the
# requests it held are resent to the other. Every line is graded once.
. "$(dirname "$0")/lib.sh"
need_exe
start_assayd --threads 1
EP1=$EP
PID1=$ASSAYD_PID
"$ASSAYD_EXE" --endpoint 'tcp://127.0.0.1:*' --threads 1 2>"$TMPD/d2.log" &
PID2=$!
trap 'kill -KILL $PID2 2>/dev/null; cleanup' EXIT
EP2=""
for _ in $(seq 300); do
    EP2=$(sed -n 's/.* ready endpoint=\([^ ]*\).*/\1/p' "$TMPD/d2.log")
    [ -n "$EP2" ] && break
    sleep 0.1
done
[ -n "$EP2" ] || fail "second assayd did not start"
python3 - "$TMPD/in.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(3000):
        f.write(json.dumps({"id": f"r{i}", "question_id": "gil",
                            "answer": "only one thread runs bytecode at a time " * 20}) + "\n")
PY
"$ASSAY_EXE" batch --endpoint "$EP1,$EP2" --timeout 500 --window 8 --compact \
    "$TMPD/in.jsonl" -o "$TMPD/r.jsonl" 2>"$TMPD/err" &
pid=$!
for _ in $(seq 300); do
    [ -s "$TMPD/r.jsonl" ] && [ "$(wc -l <"$TMPD/r.jsonl")" -ge 300 ] && break
    sleep 0.05
done
# the second instance did take requests (else this proves nothing)
n2=$("$ASSAY_EXE" stats --endpoint "$EP2" --json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["requests"])')
[ "$n2" -gt 20 ] || fail "the second instance took $n2 requests"
kill -KILL "$PID2"
wait "$pid"
st=$?
[ "$st" = 0 ] || fail "exit $st: $(cat "$TMPD/err")"
python3 - "$TMPD/r.jsonl" <<'PY' || fail "results"
import json, sys
outs = [json.loads(l) for l in open(sys.argv[1])]
assert [o["id"] for o in outs] == [f"r{i}" for i in range(3000)], len(outs)
assert all(o["ok"] for o in outs), [o for o in outs if not o["ok"]][:3]
PY
echo ok
