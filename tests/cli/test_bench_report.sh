# The HTML report says what it measured and reads well (issue 13 defect
# 12): model hash, service and date; whole-number count axes; one caption
# for the three histograms; per-question bars with n, weakest first; the
# scatter legend off the plot; passing adversarial checks folded away.
. "$(dirname "$0")/lib.sh"
need_exe
PF=$ASSAY_SOURCE_DIR/models/python-fullstack
start_assayd
# exit 1 when an adversarial check fails: the report is what is tested here
"$ASSAY_EXE" bench --endpoint "$EP" -q --adversarial "$PF" \
    --html "$TMPD/r.html" "$PF/labelled.jsonl" 2>"$TMPD/err"
st=$?
[ "$st" = 0 ] || [ "$st" = 1 ] || fail "bench exit $st: $(cat "$TMPD/err")"
HASH=$("$ASSAY_EXE" health --endpoint "$EP" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["models"][0]["hash"])')
python3 - "$TMPD/r.html" "$EP" "$HASH" <<'PY' || fail "report"
import re, sys
html, ep, model = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
assert f"<th>model</th><td><code>{model}</code>" in html, "model hash"
assert f"<th>service</th><td><code>{ep}</code>" in html, "endpoint"
assert re.search(r"<th>run at</th><td><code>20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ</code>", html), "date"

svgs = re.findall(r"<svg.*?</svg>", html, re.S)
def title(s): return re.search(r"<title>(.*?)</title>", s).group(1)
hists = [s for s in svgs if title(s).startswith("Answers humans graded")]
assert len(hists) == 3, [title(s) for s in svgs]
for h in hists:
    ticks = re.findall(r'text-anchor="end">([^<]*)</text>', h)
    assert ticks and all(re.fullmatch(r"\d+", t) for t in ticks), ticks
assert html.count("How assay scored the answers") == 1, "caption repeated"

bars = [s for s in svgs if title(s).startswith("Band accuracy per question")]
assert len(bars) == 1
labels = re.findall(r'text-anchor="end">([^<]*)</text>', bars[0])
assert labels and all("(n=" in l for l in labels), labels
vals = [float(v) for v in re.findall(r'class="small">([0-9.]+)</text>', bars[0])]
assert vals == sorted(vals) and vals[0] < vals[-1], vals

scatter = [s for s in svgs if title(s).startswith("Human score vs assay score")][0]
legend_x = [float(x) for x in re.findall(r'<text x="([0-9.]+)"[^>]*>assay: ', scatter)]
plot_right = 560 - 20
assert legend_x and min(legend_x) > plot_right, legend_x

adv = html[html.index("<h2>Adversarial checks</h2>"):]
adv = adv[:adv.index("</details>")] if "</details>" in adv else adv
before, _, folded = adv.partition("<details>")
assert "passing checks</summary>" in folded, "passing checks not folded"
assert ">pass: " not in before, "a passing check is unfolded"
assert ">FAIL: " not in folded, "a failed check is folded away"
PY
echo ok
