# lib.sh - helpers for the CLI tests (sourced, not run).
# start_assayd [ARGS...]: starts $ASSAYD_EXE on tcp://127.0.0.1:*, waits for
# its ready line and sets ASSAYD_PID and EP; the EXIT trap stops it.
set -u

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

need_exe() {
    [ -n "${ASSAY_EXE:-}" ] && [ -x "$ASSAY_EXE" ] || fail "ASSAY_EXE not set"
}

TMPD=$(mktemp -d)
ASSAYD_PID=""
cleanup() {
    if [ -n "$ASSAYD_PID" ]; then
        kill -TERM "$ASSAYD_PID" 2>/dev/null
        for _ in $(seq 50); do
            kill -0 "$ASSAYD_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$ASSAYD_PID" 2>/dev/null
        wait "$ASSAYD_PID" 2>/dev/null
    fi
    rm -rf "$TMPD"
}
trap cleanup EXIT

start_assayd() {
    [ -n "${ASSAYD_EXE:-}" ] && [ -x "$ASSAYD_EXE" ] || fail "ASSAYD_EXE not set"
    # the log exists before the poll starts: the child opens it only later
    : >"$TMPD/assayd.log"
    "$ASSAYD_EXE" --endpoint 'tcp://127.0.0.1:*' "$@" 2>"$TMPD/assayd.log" &
    ASSAYD_PID=$!
    EP=""
    # 30 s, times ASSAY_TEST_TIME_SCALE (valgrind, loaded machines)
    for _ in $(seq $((300 * ${ASSAY_TEST_TIME_SCALE:-1}))); do
        EP=$(sed -n 's/.* ready endpoint=\([^ ]*\).*/\1/p' "$TMPD/assayd.log")
        [ -n "$EP" ] && return 0
        kill -0 "$ASSAYD_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$TMPD/assayd.log" >&2
    fail "assayd did not become ready"
}

# expect_status WANT CMD...: runs CMD, fails unless it exits with WANT.
expect_status() {
    local want=$1
    shift
    "$@" >"$TMPD/out" 2>"$TMPD/err"
    local got=$?
    if [ "$got" != "$want" ]; then
        echo "command: $*" >&2
        cat "$TMPD/err" >&2
        fail "exit status $got, expected $want"
    fi
}

# unused_port: a loopback port nothing listens on (bound then released).
unused_port() {
    python3 - <<'PY' 2>/dev/null || echo 1
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}
