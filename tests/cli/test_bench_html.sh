#!/bin/sh
# test_bench_html.sh ASSAY ASSAYD SOURCE_DIR - render the HTML report in
# headless Chromium: the page loads offline, has no console errors, and the
# charts are SVG elements in the DOM. Skips (77) when chromium is absent.
ASSAY=$1
ASSAYD=$2
SRC=$3
CHROMIUM=$(command -v chromium || command -v chromium-browser)
if [ -z "$CHROMIUM" ]; then
    echo "SKIP: chromium not installed"
    exit 77
fi
. "$(dirname "$0")/test_bench_lib.sh"

MODEL="$SRC/models/python-fullstack"
bench_start_assayd "$ASSAYD" "$MODEL"
# a hostile answer must come out as text, not markup
printf '%s\n' '{"id":"evil","question_id":"gil","answer":"<img src=x onerror=alert(1)><script>document.title=\"pwned\"</script>","score":0}' \
    >"$WORK/evil.jsonl"
expect_exit 0 "html report" "$ASSAY" bench --endpoint "$ENDPOINT" \
    --timeout 5000 -q "$MODEL/labelled.jsonl" "$WORK/evil.jsonl" \
    --html "$WORK/report.html"

chrome() {
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
        --disable-background-networking --disable-component-update \
        --disable-sync --no-first-run --user-data-dir="$WORK/profile" "$@"
}
chrome --dump-dom "file://$WORK/report.html" >"$WORK/dom.html" \
    2>"$WORK/chrome.err" || { cat "$WORK/chrome.err" >&2; fail "chromium failed"; }
svgs=$(grep -o '<svg' "$WORK/dom.html" | wc -l)
[ "$svgs" -ge 7 ] || fail "expected at least 7 SVG charts in the DOM, found $svgs"
for title in 'Human score vs assay score' 'Band confusion: human band vs assay band' \
    'Pearson r per question' 'Band accuracy per question' \
    'Answers humans graded correct'; do
    grep -q "<title>$title" "$WORK/dom.html" || fail "chart \"$title\" missing"
done
grep -q '<title>assay bench report</title>' "$WORK/dom.html" ||
    fail "page title changed (script ran?)"
grep -q '<img' "$WORK/dom.html" && fail "hostile answer became an element"
grep -q '&lt;img src=x onerror=alert(1)&gt;' "$WORK/dom.html" ||
    fail "hostile answer not shown as text"
chrome --enable-logging=stderr --v=0 --dump-dom "file://$WORK/report.html" \
    >/dev/null 2>"$WORK/console.err"
if grep -E 'CONSOLE|Uncaught|Refused to' "$WORK/console.err" >&2; then
    fail "console errors while rendering the report"
fi
echo "ok"
