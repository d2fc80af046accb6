#!/usr/bin/env bash
# test.sh - install, build with AddressSanitizer + UndefinedBehaviorSanitizer,
# and run every test: unit, integration, CLI, and the benchmark-set gates.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$here/build-test
export ASSAY_EXTRA_PACKAGES="chromium python3-numpy python3-sklearn clang libclang-rt-14-dev valgrind"
bash "$here/scripts/setup.sh" "$build" -DASSAY_SANITIZE=ON

cd "$build"
# ASan's leak checker needs ptrace-free mode inside some sandboxes.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --output-on-failure -j2 --timeout 600

# A bounded libFuzzer run of every target under ASan + UBSan (clang build in
# build-fuzz); a crash fails the run and its input is kept in
# build-fuzz/crashes/ to become a regression seed.
cd "$here"
bash tests/fuzz/run.sh "${ASSAY_FUZZ_SECONDS:-60}"
