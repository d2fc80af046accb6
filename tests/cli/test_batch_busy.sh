# `busy` is retried with backoff, not written as a failed record (issue 13
# defect 3): a service with an in-flight limit of 2 and one grading thread
# under a window of 32 answers busy many times, yet every record is graded.
. "$(dirname "$0")/lib.sh"
need_exe
start_assayd --threads 1 --hwm 2
python3 - "$TMPD/in.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(400):
        f.write(json.dumps({"id": f"r{i}", "question_id": "gil",
                            "answer": "only one thread runs bytecode at a time " * 20}) + "\n")
PY
expect_status 0 "$ASSAY_EXE" batch --endpoint "$EP" --window 32 \
    "$TMPD/in.jsonl"
python3 - "$TMPD/out" <<'PY' || fail "results: $(grep -m3 false "$TMPD/out")"
import json, sys
outs = [json.loads(l) for l in open(sys.argv[1])]
assert len(outs) == 400 and all(o["ok"] for o in outs), [o for o in outs if not o["ok"]][:3]
PY
# the service did say busy (else this test proves nothing)
expect_status 0 "$ASSAY_EXE" stats --endpoint "$EP" --json
python3 - "$TMPD/out" <<'PY' || fail "no busy replies: $(cat "$TMPD/out")"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["errors"].get("busy", 0) > 0, s
PY
echo ok
