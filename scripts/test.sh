#!/usr/bin/env bash
# test.sh - install, check the formatting (scripts/check-format.sh), build
# with AddressSanitizer + UndefinedBehaviorSanitizer, and run every test:
# unit, integration, CLI, install, fuzz-corpus replay and the benchmark-set
# quality gates; then the integration tests under valgrind, and a bounded
# libFuzzer run of every fuzz target. Ends with one summary line.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$here/build-test
export ASSAY_EXTRA_PACKAGES="chromium python3-numpy python3-sklearn clang libclang-rt-14-dev valgrind clang-format"
bash "$here/scripts/setup.sh" "$build" -DASSAY_SANITIZE=ON || exit 1

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

# Formatting first: it takes a second and needs no build.
fmt_pass=0 fmt_fail=0
if bash "$here/scripts/check-format.sh" 2>&1 | tee -a "$log"; then
    fmt_pass=1
else
    fmt_fail=1
    status=1
fi

cd "$build"
ctest --output-on-failure -j2 --timeout 600 -LE memcheck 2>&1 | tee -a "$log" || status=1

# The integration tests once more with assayd under valgrind memcheck
# (a separate non-sanitized build; fails on any error or leak).
ctest --output-on-failure --timeout 900 -L memcheck 2>&1 | tee -a "$log" || status=1

# Every fuzz target for a bounded time under ASan + UBSan (clang build in
# build-fuzz); a crash fails the run and its input is kept in
# build-fuzz/crashes/ to become a regression seed.
fuzz_seconds=${ASSAY_FUZZ_SECONDS:-60}
export ASSAY_FUZZ_SEED=${ASSAY_FUZZ_SEED:-1}
fuzz_pass=0 fuzz_fail=0
for t in request normalize concept bank model claims; do
    if bash "$here/tests/fuzz/run.sh" "$fuzz_seconds" "$t"; then
        fuzz_pass=$((fuzz_pass + 1))
    else
        fuzz_fail=$((fuzz_fail + 1))
        status=1
    fi
done

# One line for people and CI: ctest totals plus the fuzz campaigns.
read -r passed failed < <(sed -n 's/.* tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1 \2/p' "$log" |
    awk '{f += $1; n += $2} END {print n - f, f}')
echo "fuzz campaigns of ${fuzz_seconds}s: $fuzz_pass clean, $fuzz_fail found a crash"
echo "total: $((${passed:-0} + fuzz_pass + fmt_pass)) passed, $((${failed:-0} + fuzz_fail + fmt_fail)) failed"
exit $status
