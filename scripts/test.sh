#!/usr/bin/env bash
# test.sh - install, build with AddressSanitizer + UndefinedBehaviorSanitizer,
# and run every test: unit, integration, CLI, and the benchmark-set gates.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$here/build-test
export ASSAY_EXTRA_PACKAGES="chromium python3-numpy"
bash "$here/scripts/setup.sh" "$build" -DASSAY_SANITIZE=ON

cd "$build"
# ASan's leak checker needs ptrace-free mode inside some sandboxes.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --output-on-failure -j2 --timeout 600
