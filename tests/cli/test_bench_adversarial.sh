#!/bin/sh
# test_bench_adversarial.sh ASSAY ASSAYD SOURCE_DIR - the adversarial suite
# runs against a real assayd and every check shows up in each report format.
# Whether the checks pass is the engine's business (exit 0 or 1); here the
# suite must run, be deterministic and be reported.
ASSAY=$1
ASSAYD=$2
SRC=$3
. "$(dirname "$0")/test_bench_lib.sh"

MODEL="$SRC/models/python-fullstack"
bench_start_assayd "$ASSAYD" "$MODEL"
run() {
    "$ASSAY" bench --endpoint "$ENDPOINT" --timeout 5000 \
        --adversarial "$MODEL" "$@" >"$WORK/stdout" 2>"$WORK/stderr"
    status=$?
    [ $status -eq 0 ] || [ $status -eq 1 ] ||
        { cat "$WORK/stderr" >&2; fail "adversarial run exited $status"; }
}
run --json "$WORK/a.json" --junit "$WORK/a.xml" --html "$WORK/a.html"
first=$status
grep -q '^Adversarial checks (bank .*): [0-9]* passed, [0-9]* FAILED$' \
    "$WORK/stdout" || fail "no adversarial summary"
run --json "$WORK/b.json"
[ $status -eq $first ] || fail "two runs gave different exit codes"
python3 - "$WORK/a.json" "$WORK/b.json" "$WORK/a.xml" <<'PY' || fail "bad adversarial reports"
import json, sys
import xml.etree.ElementTree as ET
a = json.load(open(sys.argv[1]))["adversarial"]
b = json.load(open(sys.argv[2]))["adversarial"]
kinds = {c["check"] for c in a["checks"]}
base = {"reference", "negated", "keyword_salad", "question_restated",
        "other_reference", "fullwidth", "curly_quotes", "zero_width_space",
        "accented", "typos", "denial"}
meaning = {"role_swap", "antonym", "negated_paraphrase"}
assert base <= kinds <= base | meaning, kinds
assert "role_swap" in kinds and "antonym" in kinds, kinds
assert [c["answer"] for c in a["checks"]] == [c["answer"] for c in b["checks"]]
assert a["checks_passed"] + a["checks_failed"] == len(a["checks"])
root = ET.parse(sys.argv[3]).getroot()
suite = [s for s in root.iter("testsuite") if s.attrib["name"] == "adversarial"]
assert len(suite) == 1
assert int(suite[0].attrib["tests"]) == len(a["checks"])
assert int(suite[0].attrib["failures"]) == a["checks_failed"]
PY
grep -q '<h2>Adversarial checks</h2>' "$WORK/a.html" || fail "HTML lacks checks"
# --inline: the same cases go as question text + reference (the service's
# inline model grades them; the verdicts carry no bank question id)
run --inline --json "$WORK/c.json"
python3 - "$WORK/a.json" "$WORK/c.json" <<'PY' || fail "bad inline adversarial run"
import json, sys
a = json.load(open(sys.argv[1]))["adversarial"]["checks"]
c = json.load(open(sys.argv[2]))["adversarial"]["checks"]
assert [x["answer"] for x in a] == [x["answer"] for x in c]
assert all(x["verdict"]["question_id"] == x["question_id"] for x in a
           if x.get("verdict")), "by id: the bank's question"
graded = [x for x in c if x.get("verdict")]
assert graded and all("question_id" not in x["verdict"] or
                      x["verdict"]["question_id"] is None for x in graded), \
    "inline verdicts name no bank question"
PY
grep -q 'model_without_stoplist' "$WORK/assayd.out" "$WORK/assayd.err" &&
    fail "a model with a stop list was warned about"
# a bare bank with no stop list beside it is served, with a warning
mkdir "$WORK/bare"
cp "$MODEL/bank.txt" "$WORK/bare/bank.txt"
"$ASSAYD" --endpoint 'tcp://127.0.0.1:*' --model "$WORK/bare" --threads 1 \
    >"$WORK/bare.out" 2>"$WORK/bare.err" &
BARE_PID=$!
i=0
while [ $i -lt 100 ] && ! grep -q ' ready ' "$WORK/bare.out" "$WORK/bare.err"; do
    kill -0 $BARE_PID 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
done
kill $BARE_PID 2>/dev/null
wait $BARE_PID 2>/dev/null
grep -q ' ready ' "$WORK/bare.out" "$WORK/bare.err" ||
    fail "assayd did not serve the bare bank"
grep -q 'warn model_without_stoplist model=python-fullstack' \
    "$WORK/bare.out" "$WORK/bare.err" || fail "no model_without_stoplist warning"
expect_exit 2 "missing bank" "$ASSAY" bench --endpoint "$ENDPOINT" \
    --adversarial "$WORK/nope"
echo "ok"
