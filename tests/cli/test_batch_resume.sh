# Ctrl-C during a batch (issue 13 defect 4): only complete records are
# written, stderr says how far it got, exit 130; --resume grades the rest so
# that every input record ends up in the output exactly once.
. "$(dirname "$0")/lib.sh"
need_exe
start_assayd --threads 1
python3 - "$TMPD/in.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(3000):
        f.write(json.dumps({"id": f"r{i}", "question_id": "gil",
                            "answer": "the GIL lets one thread run bytecode " * 30}) + "\n")
PY
"$ASSAY_EXE" batch --endpoint "$EP" --window 2 --compact "$TMPD/in.jsonl" \
    -o "$TMPD/r.jsonl" 2>"$TMPD/err" &
pid=$!
for _ in $(seq 200); do
    [ -s "$TMPD/r.jsonl" ] && [ "$(wc -l <"$TMPD/r.jsonl")" -ge 50 ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
done
kill -INT "$pid"
wait "$pid"
st=$?
[ "$st" = 130 ] || fail "exit $st after SIGINT: $(cat "$TMPD/err")"
grep -q "^assay: interrupted after [0-9]* records" "$TMPD/err" ||
    fail "no summary: $(cat "$TMPD/err")"
n1=$(wc -l <"$TMPD/r.jsonl")
[ "$n1" -lt 3000 ] || fail "the batch finished before the signal"
[ -z "$(tail -c 1 "$TMPD/r.jsonl")" ] || fail "last record cut"
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' \
    "$TMPD/r.jsonl" || fail "a record is not complete JSON"

# a crash may also leave half a line: --resume drops it and grades it again
printf '{"id":"r299' >>"$TMPD/r.jsonl"
expect_status 0 "$ASSAY_EXE" batch --endpoint "$EP" --resume --compact \
    "$TMPD/in.jsonl" -o "$TMPD/r.jsonl"
grep -q "records skipped (already in the output)" "$TMPD/err" ||
    fail "resume said: $(cat "$TMPD/err")"
python3 - "$TMPD/r.jsonl" <<'PY' || fail "after --resume"
import json, sys
outs = [json.loads(l) for l in open(sys.argv[1])]
ids = [o["id"] for o in outs]
assert sorted(ids) == sorted(f"r{i}" for i in range(3000)), len(ids)
assert all(o["ok"] for o in outs)
PY
expect_status 2 "$ASSAY_EXE" batch --endpoint "$EP" --resume "$TMPD/in.jsonl"

# CSV output resumes the same way (the header is written once)
head -20 "$TMPD/in.jsonl" >"$TMPD/in20.jsonl"
expect_status 0 "$ASSAY_EXE" batch --endpoint "$EP" "$TMPD/in20.jsonl" -o "$TMPD/r.csv"
head -8 "$TMPD/r.csv" >"$TMPD/cut.csv" && mv "$TMPD/cut.csv" "$TMPD/r.csv"
expect_status 0 "$ASSAY_EXE" batch --endpoint "$EP" --resume "$TMPD/in20.jsonl" -o "$TMPD/r.csv"
python3 - "$TMPD/r.csv" <<'PY' || fail "csv resume: $(cat "$TMPD/r.csv")"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert sorted(r["id"] for r in rows) == sorted(f"r{i}" for i in range(20)), rows
PY
echo ok
