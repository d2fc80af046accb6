#!/bin/sh
# test_bench_gates.sh ASSAY ASSAYD SOURCE_DIR - `assay bench` against a real
# assayd: each documented exit code, gates from flags and from a config
# file (flags override), the JSON/JUnit reports and --compare.
ASSAY=$1
ASSAYD=$2
SRC=$3
. "$(dirname "$0")/test_bench_lib.sh"

MODEL="$SRC/models/python-fullstack"
SET="$MODEL/labelled.jsonl"
[ -f "$SET" ] || fail "no labelled set at $SET"
bench_start_assayd "$ASSAYD" "$MODEL"
EP="--endpoint $ENDPOINT --timeout 5000"

# 0: every gate passes (the bundled set reaches r ~ 0.8).
expect_exit 0 "gates that pass" "$ASSAY" bench $EP "$SET" \
    --min-pearson 0.3 --min-band-accuracy 0.3 --max-rmse 3 --min-qwk 0.2 \
    --json "$WORK/a.json" --junit "$WORK/a.xml"
grep -q '^  min_pearson          >= 0.300    actual .*  pass$' "$WORK/stdout" ||
    fail "summary has no passing min_pearson row"
grep -q '^result: PASS$' "$WORK/stdout" || fail "summary does not say PASS"

# 1: a gate fails, and the summary says which.
expect_exit 1 "gate that fails" "$ASSAY" bench $EP "$SET" --min-pearson 0.99
grep -q 'min_pearson .*FAIL$' "$WORK/stdout" || fail "no FAIL row for the gate"

# config file gates; a flag overrides the file.
printf '# CI gates\n[gates]\nmin_pearson = 0.99\nmax_rmse = 3\n' \
    >"$WORK/gates.conf"
expect_exit 1 "config gate that fails" "$ASSAY" bench $EP "$SET" \
    --config "$WORK/gates.conf"
expect_exit 0 "flag overriding the config" "$ASSAY" bench $EP "$SET" \
    --config "$WORK/gates.conf" --min-pearson 0.3

# --split filters lines.
expect_exit 0 "split filter" "$ASSAY" bench $EP "$SET" --split test -q \
    --json "$WORK/split.json"
python3 - "$WORK/split.json" "$SET" <<'PY' || fail "--split kept the wrong lines"
import json, sys
report = json.load(open(sys.argv[1]))
want = sum(1 for l in open(sys.argv[2]) if json.loads(l).get("split") == "test")
got = len(report["sets"][0]["items"])
assert got == want and got > 0, (got, want)
assert all(i["split"] == "test" for i in report["sets"][0]["items"])
PY

# JSON report: every item has its verdict; JUnit parses and has the
# required attributes.
python3 - "$WORK/a.json" "$WORK/a.xml" "$SET" <<'PY' || fail "bad reports"
import json, sys
import xml.etree.ElementTree as ET
report = json.load(open(sys.argv[1]))
n = sum(1 for l in open(sys.argv[3]) if l.strip())
items = report["sets"][0]["items"]
assert len(items) == n, (len(items), n)
assert all(i["verdict"]["band"] in ("correct", "partial", "incorrect")
           for i in items)
for key in ("pearson", "spearman", "qwk", "rmse", "exact_agreement",
            "adjacent_agreement", "band_accuracy", "confusion"):
    assert key in report["metrics"], key
root = ET.parse(sys.argv[2]).getroot()
assert root.tag == "testsuites"
for suite in root.iter("testsuite"):
    for a in ("name", "tests", "failures", "errors"):
        assert a in suite.attrib, a
    cases = suite.findall("testcase")
    assert int(suite.attrib["tests"]) == len(cases)
    assert int(suite.attrib["failures"]) == \
        sum(1 for c in cases if c.find("failure") is not None)
    for c in cases:
        assert c.attrib["name"] and c.attrib["classname"]
PY

# --compare against the previous report: nothing changed.
expect_exit 0 "compare" "$ASSAY" bench $EP "$SET" --compare "$WORK/a.json" \
    --json "$WORK/b.json"
grep -q '^Compared with ' "$WORK/stdout" || fail "no comparison printed"
grep -q 'band changed 0$' "$WORK/stdout" || fail "bands changed between runs"
python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["compare"]; assert c["band_changes"] == [] and c["added"] == 0' \
    "$WORK/b.json" || fail "compare missing from the JSON report"

# 2: usage and input errors.
expect_exit 2 "no set" "$ASSAY" bench $EP
expect_exit 2 "unknown option" "$ASSAY" bench $EP --frobnicate "$SET"
expect_exit 2 "missing set" "$ASSAY" bench $EP "$WORK/nope.jsonl"
grep -q '^assay: io_error: ' "$WORK/stderr" || fail "no io_error message"
printf '{"question_id":"gil","answer":"x"}\n' >"$WORK/nolabel.jsonl"
expect_exit 2 "unlabelled line" "$ASSAY" bench $EP "$WORK/nolabel.jsonl"
grep -q 'nolabel.jsonl line 1: needs a human label' "$WORK/stderr" ||
    fail "input error does not name file and line"
printf '[gates]\nmin_recall = 1\n' >"$WORK/bad.conf"
expect_exit 2 "bad config" "$ASSAY" bench $EP "$SET" --config "$WORK/bad.conf"
grep -q 'bad.conf line 2: unknown gate' "$WORK/stderr" ||
    fail "config error does not name the line"
expect_exit 2 "bad gate value" "$ASSAY" bench $EP "$SET" --min-pearson high

# 1: an item the service cannot grade (unknown question).
printf '{"question_id":"no_such_q","answer":"x","score":1}\n' \
    >"$WORK/unknown.jsonl"
expect_exit 1 "ungradable item" "$ASSAY" bench $EP "$WORK/unknown.jsonl" \
    --junit "$WORK/u.xml"
grep -q '<error type="not_graded"' "$WORK/u.xml" || fail "no JUnit error"

# 3: nothing listens there.
expect_exit 3 "unreachable service" "$ASSAY" bench \
    --endpoint tcp://127.0.0.1:1 --timeout 300 --retries 0 "$SET"
grep -q '^assay: unreachable: ' "$WORK/stderr" || fail "no unreachable message"
echo "ok"
