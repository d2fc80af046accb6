# examples/python/grade.py against a real assayd, following docs/protocol.md
# only: a good answer prints its verdict and exits 0, an unknown question
# exits non-zero with the error code. Skips (77) without a python3 that has
# pyzmq.
set -u
SRC=${ASSAY_SOURCE_DIR:?}
EXAMPLE="$SRC/examples/python/grade.py"
PY=""
for p in /usr/bin/python3 python3; do
    if "$p" -c 'import zmq' 2>/dev/null; then
        PY=$p
        break
    fi
done
[ -n "$PY" ] || { echo "skip: no python3 with pyzmq"; exit 77; }

TMPD=$(mktemp -d)
ASSAYD_PID=""
cleanup() {
    if [ -n "$ASSAYD_PID" ]; then
        kill -TERM "$ASSAYD_PID" 2>/dev/null
        wait "$ASSAYD_PID" 2>/dev/null
    fi
    rm -rf "$TMPD"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"${ASSAYD_EXE:?}" --endpoint 'tcp://127.0.0.1:*' 2>"$TMPD/assayd.log" &
ASSAYD_PID=$!
EP=""
for _ in $(seq 300); do
    EP=$(sed -n 's/.* ready endpoint=\([^ ]*\).*/\1/p' "$TMPD/assayd.log")
    [ -n "$EP" ] && break
    sleep 0.1
done
[ -n "$EP" ] || { cat "$TMPD/assayd.log" >&2; fail "assayd not ready"; }

"$PY" "$EXAMPLE" --endpoint "$EP" --question gil \
    --answer "The GIL lets only one thread execute bytecode at a time, so CPU-bound threads get no speedup; use multiprocessing." \
    >"$TMPD/out" 2>"$TMPD/err" || { cat "$TMPD/err" >&2; fail "exit status $?"; }
grep -q '^band:     correct$' "$TMPD/out" || fail "band: $(cat "$TMPD/out")"
grep -q '^score:    [01]\.[0-9][0-9][0-9]$' "$TMPD/out" || fail "score"
grep -q '^matched:  .*Global Interpreter Lock' "$TMPD/out" || fail "matched"

if "$PY" "$EXAMPLE" --endpoint "$EP" --question no_such_q --answer x \
    >"$TMPD/out" 2>"$TMPD/err"; then
    fail "unknown question exited 0"
fi
grep -q '^grade.py: unknown_question: ' "$TMPD/err" || fail "$(cat "$TMPD/err")"
echo ok
