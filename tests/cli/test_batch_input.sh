# `assay batch` input handling (issue 13 defects 1, 2, 8, 10, 11): a blank
# first line, format detection past blank lines, a byte order mark, invalid
# UTF-8, readable ids in error records, an answer over the service's message
# limit, the failure summary on stderr, -o X.csv, --compact and --fields.
. "$(dirname "$0")/lib.sh"
need_exe
start_assayd
SAMPLES="$ASSAY_SOURCE_DIR/examples/answers/python-fullstack.jsonl"
N=$(grep -c . "$SAMPLES")

# 1: a blank first line used to crash (strspn(NULL)); 11: and stdin whose
# first line is blank was read as CSV
for fmt in "--input-format jsonl" ""; do
    (echo; cat "$SAMPLES") >"$TMPD/blank.txt"
    # shellcheck disable=SC2086
    expect_status 0 "$ASSAY_EXE" batch --endpoint "$EP" $fmt - <"$TMPD/blank.txt"
    python3 - "$TMPD/out" "$N" <<'PY' || fail "blank first line ($fmt): $(cat "$TMPD/out")"
import json, sys
outs = [json.loads(l) for l in open(sys.argv[1])]
assert len(outs) == int(sys.argv[2]) and all(o["ok"] for o in outs), outs
assert outs[0]["line"] == 2, outs[0]
PY
done

# 11: a BOM in JSON Lines, invalid UTF-8, ids readable in broken records
{
    printf '\357\273\277{"id":"bom","question_id":"gil","answer":"the GIL"}\n'
    printf '{"id":"u8","question_id":"gil","answer":"caf\351"}\n'
    printf '{"id":"broken","question_id":"gil",\n'
} >"$TMPD/odd.data"
expect_status 1 "$ASSAY_EXE" batch --endpoint "$EP" "$TMPD/odd.data"
python3 - "$TMPD/out" <<'PY' || fail "odd input: $(cat "$TMPD/out")"
import json, sys
outs = [json.loads(l) for l in open(sys.argv[1])]
assert [o["id"] for o in outs] == ["bom", "u8", "broken"], outs
assert outs[0]["ok"], outs[0]
assert outs[1]["error"]["code"] == "invalid_utf8", outs[1]
assert outs[1]["error"]["message"].startswith("line 2: invalid UTF-8"), outs[1]
assert outs[2]["error"]["code"] == "invalid_json", outs[2]
PY
# 10: the failures are counted on stderr, not only in the exit status
grep -q "^assay: 2 of 3 records failed$" "$TMPD/err" || fail "summary: $(cat "$TMPD/err")"

# 2: an answer over the service's 64 KiB limit is one error record, at once;
# the lines after it are graded
python3 - "$TMPD/big.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "a", "question_id": "gil", "answer": "GIL"}) + "\n")
    f.write(json.dumps({"id": "big", "question_id": "gil", "answer": "x " * 50000}) + "\n")
    f.write(json.dumps({"id": "c", "question_id": "gil", "answer": "GIL"}) + "\n")
PY
start=$(date +%s%N)
expect_status 1 "$ASSAY_EXE" batch --endpoint "$EP" "$TMPD/big.jsonl"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$ms" -lt 3000 ] || fail "the oversized line took $ms ms"
python3 - "$TMPD/out" <<'PY' || fail "oversized line: $(cat "$TMPD/out")"
import json, sys
outs = [json.loads(l) for l in open(sys.argv[1])]
assert [o["id"] for o in outs] == ["a", "big", "c"], outs
assert [o["ok"] for o in outs] == [True, False, True], outs
assert outs[1]["error"]["code"] == "message_too_large", outs[1]
PY

# 8: -o X.csv writes CSV
expect_status 0 "$ASSAY_EXE" batch --endpoint "$EP" "$SAMPLES" -o "$TMPD/r.csv"
head -1 "$TMPD/r.csv" | grep -q '^id,line,ok,score,band,matched,missing,flags,error$' ||
    fail "-o r.csv: $(head -2 "$TMPD/r.csv")"

# compact output: a few fields instead of the whole verdict
expect_status 0 "$ASSAY_EXE" batch --endpoint "$EP" --compact "$SAMPLES"
python3 - "$TMPD/out" <<'PY' || fail "--compact: $(head -2 "$TMPD/out")"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
outs = [json.loads(l) for l in lines]
assert all(list(o) == ["id", "line", "ok", "score", "band", "flags"] for o in outs), outs[0]
assert max(len(l) for l in lines) < 200, max(len(l) for l in lines)
PY
expect_status 0 "$ASSAY_EXE" batch --endpoint "$EP" --fields band,missing \
    --format csv "$SAMPLES"
head -1 "$TMPD/out" | grep -q '^id,line,ok,band,missing,error$' || fail "--fields csv"
expect_status 2 "$ASSAY_EXE" batch --endpoint "$EP" --fields scroe "$SAMPLES"
grep -q 'unknown field "scroe"' "$TMPD/err" || fail "--fields typo: $(cat "$TMPD/err")"
# usage errors after --compact exit 2 cleanly (under ASan: nothing leaked)
expect_status 2 "$ASSAY_EXE" batch --compact --window 0 "$SAMPLES"
expect_status 2 "$ASSAY_EXE" batch --compact --format xml "$SAMPLES"
expect_status 2 "$ASSAY_EXE" batch --compact "$SAMPLES" -o
echo ok
