#!/usr/bin/env bash
# Runs the integration tests once with every assayd they start (direct,
# broker, workers) under valgrind memcheck, in a separate non-sanitized Debug
# build (ASan and valgrind do not mix). Exits 0 when every test passes and
# valgrind found no error and no definite/indirect leak, 1 otherwise, 77 when
# valgrind is not installed.
#
#   tests/memcheck/run.sh [ctest -R pattern]
#
# Environment: ASSAY_SOURCE_DIR (default: two levels up from this script),
# ASSAY_MEMCHECK_BUILD_DIR (default $ASSAY_SOURCE_DIR/build-memcheck),
# ASSAY_SOAK_SECONDS (default 8 here: valgrind runs assayd ~20x slower).
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=${ASSAY_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
build=${ASSAY_MEMCHECK_BUILD_DIR:-$src/build-memcheck}
pattern=${1:-}

valgrind=$(command -v valgrind) || { echo "skip: valgrind not installed"; exit 77; }

mkdir -p "$build"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DASSAY_SANITIZE=OFF \
    -DASSAY_TEST_TIMEOUT_SCALE=4 \
    >"$build/configure.log" 2>&1 ||
    { cat "$build/configure.log"; echo "FAIL: configure"; exit 1; }
# Only what the integration tests run: assayd, the assay CLI and the tests.
targets=(assayd assay)
for f in "$src"/tests/integration/test_*.c; do
    n=$(basename "$f" .c)
    targets+=("itest_${n#test_}")
done
cmake --build "$build" -j2 --target "${targets[@]}" >"$build/build.log" 2>&1 ||
    { tail -50 "$build/build.log"; echo "FAIL: build"; exit 1; }

logs="$build/memcheck"
rm -rf "$logs"
mkdir -p "$logs"
# --error-exitcode makes an assayd with errors exit 1, which the tests see on
# SIGTERM; the per-process logs are checked below as well, since a child
# killed with SIGKILL (on purpose, or by a failing test) reports nothing.
export ASSAYD_WRAPPER="$valgrind --tool=memcheck --leak-check=full \
--errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
--show-leak-kinds=definite,indirect --num-callers=30 \
--log-file=$logs/vg.%p.log"
export ASSAY_SOAK_SECONDS=${ASSAY_SOAK_SECONDS:-8}
export ASSAY_SOAK_DEADLINE_MS=${ASSAY_SOAK_DEADLINE_MS:-20000}
export ASSAY_SOAK_RSS_MIB=${ASSAY_SOAK_RSS_MIB:-64}
export ASSAY_SOAK_STALL_US=${ASSAY_SOAK_STALL_US:-4000}

# Two at a time (the deadlines scale 10x under the wrapper), and without
# --track-origins (it doubles valgrind's cost; rerun one test with
# ASSAYD_WRAPPER edited to find where a value came from). integration.hostile
# is left to the ASan pass: its figures are RSS and descriptor counts, which
# mean nothing under valgrind, and its 800 MB bursts take longer than its
# timeout there.
args=(--test-dir "$build" -L integration -E 'integration\.hostile' -j2
      --output-on-failure --timeout 900)
[ -n "$pattern" ] && args+=(-R "$pattern")
ctest "${args[@]}"
status=$?

bad=0
shopt -s nullglob
for f in "$logs"/vg.*.log; do
    if grep -qE "ERROR SUMMARY: [1-9]|definitely lost: [1-9]|indirectly lost: [1-9]" "$f"; then
        echo "=== valgrind found problems: $f"
        cat "$f"
        bad=1
    fi
done
n=$(ls "$logs"/vg.*.log 2>/dev/null | wc -l)
echo "memcheck: $n assayd processes checked, logs in $logs"
[ "$status" -eq 0 ] && [ "$bad" -eq 0 ] && exit 0
echo "FAIL: ctest status $status, valgrind problems $bad"
exit 1
