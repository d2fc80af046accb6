# `assay batch`: JSONL and CSV in, JSONL and CSV out, input order kept,
# a bad record reported with its line and exit 1.
. "$(dirname "$0")/lib.sh"
need_exe
start_assayd
SAMPLES="$ASSAY_SOURCE_DIR/examples/answers/python-fullstack.jsonl"

expect_status 0 "$ASSAY_EXE" batch --endpoint "$EP" "$SAMPLES" -o "$TMPD/r.jsonl"
python3 - "$SAMPLES" "$TMPD/r.jsonl" <<'PY' || fail "jsonl results"
import json, sys
ins = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
outs = [json.loads(l) for l in open(sys.argv[2])]
assert [o["id"] for o in outs] == [i["id"] for i in ins]
assert [o["line"] for o in outs] == list(range(1, len(ins) + 1))
assert all(o["ok"] and o["band"] in ("correct", "partial", "incorrect")
           and 0 <= o["score"] <= 1 and o["verdict"]["band"] == o["band"]
           for o in outs), outs
PY

cat >"$TMPD/in.csv" <<'CSV'
id,question_id,answer
c1,gil,"Only one thread runs bytecode at a time, ""the GIL"";
use multiprocessing for CPU-bound work"
c2,,an answer without a question
c3,memory,reference counting and a cyclic garbage collector
CSV
expect_status 1 "$ASSAY_EXE" batch --endpoint "$EP" --format csv "$TMPD/in.csv"
python3 - "$TMPD/out" <<'PY' || fail "csv results: $(cat "$TMPD/out")"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert [r["id"] for r in rows] == ["c1", "c2", "c3"], rows
assert [r["line"] for r in rows] == ["2", "4", "5"], rows
assert rows[0]["ok"] == "true" and rows[0]["band"] and rows[0]["error"] == ""
assert rows[1]["ok"] == "false"
assert rows[1]["error"].startswith("missing_field: line 4: "), rows[1]
assert rows[2]["ok"] == "true" and "reference counting" in rows[2]["matched"]
PY

printf '{"id":"a","question_id":"gil","answer":"GIL"}\n{"id":"b",\n{"id":"c","question_id":"gil"}\n{"id":"d","question_id":"gil","answer":"GIL"}\n' |
    expect_status 1 "$ASSAY_EXE" batch --endpoint "$EP" --window 2 -
python3 - "$TMPD/out" <<'PY' || fail "bad lines: $(cat "$TMPD/out")"
import json, sys
outs = [json.loads(l) for l in open(sys.argv[1])]
assert [o["line"] for o in outs] == [1, 2, 3, 4]
assert [o["ok"] for o in outs] == [True, False, False, True]
assert outs[1]["error"]["code"] == "invalid_json"
assert outs[1]["error"]["message"].startswith("line 2: invalid JSON")
assert outs[2]["error"] == {"code": "missing_field",
                            "message": 'line 3: missing "answer"'}
PY
echo ok
