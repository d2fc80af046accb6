# test_bench_lib.sh - shared by the test_bench_*.sh scripts (sourced, not a
# test itself): start a real assayd on a free loopback port, stop it on exit.
#
# Usage from a test: . "$(dirname "$0")/test_bench_lib.sh"
#                    bench_start_assayd ASSAYD MODEL_DIR
# sets $ENDPOINT and $WORK (a scratch directory removed on exit).

WORK=$(mktemp -d)
ASSAYD_PID=

bench_cleanup() {
    if [ -n "$ASSAYD_PID" ]; then
        kill "$ASSAYD_PID" 2>/dev/null
        wait "$ASSAYD_PID" 2>/dev/null
    fi
    rm -rf "$WORK"
}
trap bench_cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

bench_start_assayd() {
    "$1" --endpoint 'tcp://127.0.0.1:*' --model "$2" --threads 2 \
        >"$WORK/assayd.out" 2>"$WORK/assayd.err" &
    ASSAYD_PID=$!
    i=0
    while [ $i -lt 100 ]; do
        ENDPOINT=$(sed -n 's/.* ready endpoint=\([^ ]*\).*/\1/p' \
            "$WORK/assayd.out" "$WORK/assayd.err" | head -n 1)
        [ -n "$ENDPOINT" ] && return 0
        kill -0 "$ASSAYD_PID" 2>/dev/null || break
        sleep 0.1
        i=$((i + 1))
    done
    cat "$WORK/assayd.err" >&2
    fail "assayd did not print its ready line"
}

# expect_exit CODE DESCRIPTION COMMAND... runs COMMAND and checks its status.
expect_exit() {
    want=$1
    what=$2
    shift 2
    "$@" >"$WORK/stdout" 2>"$WORK/stderr"
    got=$?
    if [ "$got" -ne "$want" ]; then
        cat "$WORK/stdout" "$WORK/stderr" >&2
        fail "$what: exit $got, expected $want"
    fi
}
