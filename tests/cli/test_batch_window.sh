# `assay batch`'s default window (120, docs/cli.md): deeper than the
# library's 64, yet within assayd's default per-client cap (--hwm / 8 =
# 125), so a batch against a default service is never answered busy. One
# grading thread and long answers let the requests pile up at the service.
. "$(dirname "$0")/lib.sh"
need_exe
python3 - "$TMPD/in.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(600):
        f.write(json.dumps({"id": f"r{i}", "question_id": "gil",
                            "answer": "only one thread runs bytecode at a time " * 20}) + "\n")
PY
all_ok() {
    python3 - "$TMPD/out" <<'PY' || fail "$1: $(grep -m3 false "$TMPD/out")"
import json, sys
outs = [json.loads(l) for l in open(sys.argv[1])]
assert len(outs) == 600 and all(o["ok"] for o in outs), [o for o in outs if not o["ok"]][:3]
PY
}
# client_cap refusals the service counted: $1 is "== 0" or "> 0"
client_cap() {
    expect_status 0 "$ASSAY_EXE" stats --endpoint "$EP" --json
    python3 - "$TMPD/out" "$1" <<'PY' || fail "$2: $(cat "$TMPD/out")"
import json, sys
s = json.load(open(sys.argv[1]))
n = s["busy"]["client_cap"]
assert eval(f"{n} {sys.argv[2]}"), s["busy"]
PY
}
stop_assayd() {
    kill -TERM "$ASSAYD_PID" 2>/dev/null
    wait "$ASSAYD_PID" 2>/dev/null
    ASSAYD_PID=""
}

# a cap of 100: the default window goes past it (so it is above 100)
start_assayd --threads 1 --client-inflight 100
expect_status 0 "$ASSAY_EXE" batch --endpoint "$EP" "$TMPD/in.jsonl"
all_ok "cap 100"
client_cap "> 0" "the default window stayed within a cap of 100"
stop_assayd

# the default cap: never reached
start_assayd --threads 1
expect_status 0 "$ASSAY_EXE" batch --endpoint "$EP" "$TMPD/in.jsonl"
all_ok "default cap"
client_cap "== 0" "the default window went past the default per-client cap"
echo ok
