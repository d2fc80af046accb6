#!/bin/sh
# run.sh [SECONDS] [TARGET...] - a bounded libFuzzer campaign.
#
# Configures build-fuzz (CC=clang, ASSAY_FUZZ=ON, ASSAY_SANITIZE=ON), builds
# the fuzz targets, and runs each for SECONDS (default 60) over a scratch
# corpus seeded from tests/fuzz/corpus/<target> (the checked-in corpus is only
# read), with the dictionary from tests/fuzz/dict/. Crashes, leaks and
# timeouts land in build-fuzz/crashes/<target>-*.
# Exits 1 if any target found one. Needs clang with libFuzzer (Debian:
# clang and libclang-rt-14-dev). Environment: BUILD_DIR overrides build-fuzz,
# JOBS the build parallelism (default 2), ASSAY_FUZZ_SEED fixes libFuzzer's
# seed (CI does, so a run explores the same way each time).
#
# A crash becomes a regression: minimise it (build-fuzz/tests/fuzz/fuzz_<target>
# -minimize_crash=1 -runs=10000 CRASHFILE), copy the result to
# tests/fuzz/corpus/<target>/regress-<name>, and the ctest fuzz.<target>
# replays it from then on.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$root/build-fuzz}
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-request normalize concept bank model claims}

case $seconds in
'' | *[!0-9]*)
    echo "usage: $0 [SECONDS] [TARGET...]" >&2
    exit 2
    ;;
esac

# -max_len per target: requests up to past the 1024-byte limit the harness
# also checks, answers a few paragraphs, banks and models a page or two.
max_len() {
    case $1 in
    request) echo 4096 ;;
    normalize | concept | claims) echo 2048 ;;
    bank | model) echo 8192 ;;
    *) echo 4096 ;;
    esac
}

CC=${CC:-clang} cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug \
    -DASSAY_FUZZ=ON -DASSAY_SANITIZE=ON >"$build.configure.log" 2>&1 || {
    cat "$build.configure.log" >&2
    exit 2
}
rm -f "$build.configure.log"
bins=
for t in $targets; do
    bins="$bins fuzz_$t"
done
# shellcheck disable=SC2086
cmake --build "$build" -j "${JOBS:-2}" --target $bins || exit 2

mkdir -p "$build/crashes"
status=0
for t in $targets; do
    work="$build/corpus/$t"
    mkdir -p "$work"
    log="$build/fuzz-$t.log"
    dict=
    case $t in
    normalize | concept | claims) dict=$here/dict/text.dict ;;
    *) [ -f "$here/dict/$t.dict" ] && dict=$here/dict/$t.dict ;;
    esac
    echo "fuzz_$t: ${seconds}s, -max_len=$(max_len "$t"), log $log"
    # ASan's leak check runs after each crash-free input; UBSan findings
    # abort (-fno-sanitize-recover) and so count as crashes.
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
        UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
        "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" \
        -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$build/crashes/$t-" \
        ${ASSAY_FUZZ_SEED:+"-seed=$ASSAY_FUZZ_SEED"} \
        ${dict:+"-dict=$dict"} \
        "$work" "$here/corpus/$t" >"$log" 2>&1
    rc=$?
    tail -n 12 "$log" | grep -E '^(Done|stat::number_of_executed_units|stat::new_units_added|SUMMARY)' |
        sed "s/^/  /"
    if [ $rc -ne 0 ]; then
        echo "fuzz_$t: FAILED (exit $rc); see $log and $build/crashes/" >&2
        status=1
    fi
done
if ls "$build/crashes"/* >/dev/null 2>&1; then
    echo "files in $build/crashes (this run or earlier ones):" >&2
    ls -l "$build/crashes" >&2
fi
exit $status
