# Bank authoring without a service (issue 13): `assay bank check` lints a
# bank, `assay questions --show ID` prints one question as the bank has it.
. "$(dirname "$0")/lib.sh"
need_exe
MODEL="$ASSAY_SOURCE_DIR/models/python-fullstack"

# the shipped bank is clean
expect_status 0 "$ASSAY_EXE" bank check "$MODEL"
grep -q "24 questions, [0-9]* concepts, 0 warnings" "$TMPD/err" ||
    fail "summary: $(cat "$TMPD/err")"
# a required concept the question states is noted (exit status unchanged):
# the service does not require answers to say it
grep -q 'bank.txt:32: note: question gil: required concept "Global Interpreter Lock" is stated by the question ("GIL")' "$TMPD/out" ||
    fail "asked concept note: $(cat "$TMPD/out")"
grep -q 'note: question deepcopy' "$TMPD/out" &&
    fail "a concept the question does not state was noted: $(cat "$TMPD/out")"

mkdir "$TMPD/m"
cat >"$TMPD/m/bank.txt" <<'BANK'
bank: lint
[question q1]
text: What does a mutex do?
reference: A mutex lets only one thread at a time enter a critical section.
concept: mutual exclusion = one thread at a time | mutual exclusion
concept: Lock = lock
concept: critical section = critical section | one thread at a time
misconception: mutexes are slow = one thread at a time
[question q2]
text: What is a semaphore?
reference: A counter that limits how many threads use a resource.
concept: counter = counter | count
BANK
echo '{"question_id":"q1","answer":"x","score":1}' >"$TMPD/m/labelled.jsonl"
expect_status 1 "$ASSAY_EXE" bank check "$TMPD/m"
out=$(cat "$TMPD/out")
echo "$out" | grep -q 'bank.txt:6: warning: question q1: concept "Lock" has no variants beyond its label' ||
    fail "label-only concept: $out"
echo "$out" | grep -q 'bank.txt:7: warning: question q1: variant "one thread at a time" is under both "mutual exclusion" and "critical section"' ||
    fail "duplicate variant: $out"
echo "$out" | grep -q 'bank.txt:8: warning: question q1: misconception "mutexes are slow" matches reference 1' ||
    fail "misconception in reference: $out"
echo "$out" | grep -q 'warning: question q2 has no labelled answers' ||
    fail "unlabelled question: $out"
# the labelled set is read by fit's reader: a bad line is exit 2 naming
# the file and line, as `assay fit` would say it
printf '%s\n' '{"question_id":"q1","answer":"x","score":1}' \
    '{"question_id":"q1","answer":"y","band":"bogus"}' >"$TMPD/m/labelled.jsonl"
expect_status 2 "$ASSAY_EXE" bank check "$TMPD/m"
grep -q 'labelled.jsonl line 2: "band" must be' "$TMPD/err" ||
    fail "bad labelled line: $(cat "$TMPD/err")"
# a load error is exit 2 with the file and line
printf 'bank: x\n[question q]\ntext: t\n' >"$TMPD/bad.txt"
expect_status 2 "$ASSAY_EXE" bank check "$TMPD/bad.txt"
grep -q "bad.txt" "$TMPD/err" || fail "load error: $(cat "$TMPD/err")"

# questions --show
expect_status 0 "$ASSAY_EXE" questions --show gil --model "$MODEL"
grep -q "^concept       Global Interpreter Lock (weight 2, required)$" "$TMPD/out" ||
    fail "--show: $(cat "$TMPD/out")"
grep -q "^reference: The Global Interpreter Lock" "$TMPD/out" || fail "--show reference"
grep -q "^misconception " "$TMPD/out" || fail "--show misconceptions"
ASSAY_MODEL_DIR=$MODEL expect_status 0 "$ASSAY_EXE" questions --show gil --json
python3 - "$TMPD/out" <<'PY' || fail "--show --json: $(cat "$TMPD/out")"
import json, sys
q = json.load(open(sys.argv[1]))
assert q["id"] == "gil" and q["references"] and q["concepts"][0]["variants"], q
PY
expect_status 2 "$ASSAY_EXE" questions --show nope --model "$MODEL"
grep -q 'unknown question "nope"' "$TMPD/err" || fail "unknown id: $(cat "$TMPD/err")"
echo ok
