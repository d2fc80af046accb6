#!/usr/bin/env bash
# demo.sh - the main job from a fresh machine: install, build, start assayd on
# loopback with the bundled python-fullstack model, grade the sample answers
# through the `assay` CLI, print the verdicts, stop the service.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$here/build
bash "$here/scripts/setup.sh" "$build"

log=$(mktemp)
"$build/service/daemon/assayd" --endpoint 'tcp://127.0.0.1:*' \
    --model "$here/models/python-fullstack" 2>"$log" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
endpoint=""
for _ in $(seq 1 300); do
    endpoint=$(sed -n 's/.* ready endpoint=\([^ ]*\).*/\1/p' "$log" | head -n1)
    [ -n "$endpoint" ] && break
    kill -0 $pid 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$endpoint" ] || { echo "demo: assayd did not start" >&2; cat "$log" >&2; exit 1; }
echo "assayd is serving models/python-fullstack on $endpoint"
echo

assay="$build/client/cli/assay"
samples="$here/examples/answers/python-fullstack.jsonl"
# One readable verdict per sample answer: by bank question id, or inline
# (the line brings its own question and reference).
/usr/bin/python3 - "$samples" <<'PY' | while IFS=$'\t' read -r qid question reference answer; do
import json, sys
flat = lambda s: s.replace("\t", " ").replace("\n", " ")
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        o = json.loads(line)
        print("\t".join(flat(o.get(k, "-")) for k in ("question_id", "question", "reference", "answer")))
PY
    if [ "$qid" != "-" ]; then
        echo "== $qid: $answer"
        "$assay" grade --endpoint "$endpoint" --question "$qid" --answer "$answer" || true
    else
        echo "== inline \"$question\": $answer"
        "$assay" grade --endpoint "$endpoint" --question-text "$question" \
            --reference "$reference" --answer "$answer" || true
    fi
    echo
done

echo "== the same answers as one batch (JSON Lines out):"
"$assay" batch --endpoint "$endpoint" "$samples"
