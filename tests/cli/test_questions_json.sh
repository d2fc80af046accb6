# `assay questions --json` prints a JSON array of the 24 bundled questions,
# each with an id and a question; the plain form prints one line each.
. "$(dirname "$0")/lib.sh"
need_exe
start_assayd

expect_status 0 "$ASSAY_EXE" questions --json --endpoint "$EP"
python3 - "$TMPD/out" <<'PY' || fail "questions --json output"
import json, sys
qs = json.load(open(sys.argv[1]))
assert isinstance(qs, list), "not an array"
assert len(qs) == 24, f"{len(qs)} questions"
assert all(isinstance(q.get("id"), str) and isinstance(q.get("question"), str)
           for q in qs), "an item lacks id or question"
ids = [q["id"] for q in qs]
assert "gil" in ids and "deepcopy" in ids, ids
PY
expect_status 0 "$ASSAY_EXE" questions --endpoint "$EP"
[ "$(wc -l <"$TMPD/out")" -eq 24 ] || fail "plain listing has $(wc -l <"$TMPD/out") lines"
grep -q "^gil	Explain Python's GIL" "$TMPD/out" || fail "gil line"
echo ok
