#!/usr/bin/env bash
# tests/install/run.sh BUILD_DIR SOURCE_DIR SANITIZE FUZZ
#
# Installs the build into a temporary prefix and checks that the installed
# tree stands alone: a program outside the source tree (consumer/) builds
# and runs against it through find_package(assay) and through pkg-config,
# in C and C++, and the installed assayd serves the installed model by
# default. In a sanitizer build (ASSAY_SANITIZE=ON) the static libraries
# need the sanitizer runtime, so the consumers are linked with it too.
set -euo pipefail
BUILD=$1 SRC=$2 SANITIZE=${3:-OFF} FUZZ=${4:-OFF}
case "$FUZZ" in ON|on|1|TRUE|true)
    # libFuzzer-instrumented libraries are not for installing.
    echo "install: skipped: ASSAY_FUZZ build"; exit 77;;
esac
SAN=""
case "$SANITIZE" in ON|on|1|TRUE|true) SAN="-fsanitize=address,undefined";; esac
command -v pkg-config >/dev/null || { echo "install: pkg-config missing"; exit 1; }

TMP=$(mktemp -d /tmp/assay-install-XXXXXX)
DPID=
cleanup() {
    if [ -n "$DPID" ]; then kill "$DPID" 2>/dev/null || true; wait "$DPID" 2>/dev/null || true; fi
    rm -rf "$TMP"
}
trap cleanup EXIT
PREFIX=$TMP/prefix
fail() { echo "install: FAIL: $*" >&2; exit 1; }

cmake --install "$BUILD" --prefix "$PREFIX" >"$TMP/install.log" ||
    { cat "$TMP/install.log"; fail "cmake --install"; }
MODEL=$PREFIX/share/assay/models/python-fullstack
[ -f "$MODEL/model.json" ] || fail "no installed model at $MODEL"

# 1. CMake: find_package(assay) with only the prefix to go on.
cmake -S "$SRC/tests/install/consumer" -B "$TMP/cmake" \
    -DCMAKE_PREFIX_PATH="$PREFIX" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_FLAGS="$SAN" -DCMAKE_CXX_FLAGS="$SAN" \
    -DCMAKE_EXE_LINKER_FLAGS="$SAN" \
    >"$TMP/configure.log" 2>&1 || { cat "$TMP/configure.log"; fail "find_package(assay)"; }
cmake --build "$TMP/cmake" >"$TMP/build.log" 2>&1 ||
    { cat "$TMP/build.log"; fail "building against assay::engine/assay::client"; }
[ "$(cat "$TMP/cmake/models_dir.txt")" = "$PREFIX/share/assay/models" ] ||
    fail "assay_MODELS_DIR is $(cat "$TMP/cmake/models_dir.txt")"
out=$("$TMP/cmake/consumer" "$MODEL") || fail "consumer (CMake) did not run"
echo "cmake consumer: $out"
"$TMP/cmake/consumer_cxx" >/dev/null || fail "C++ consumer (CMake) did not run"

# 2. pkg-config: one command line, no CMake.
export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
flags=$(pkg-config --cflags --libs assay) || fail "pkg-config assay"
[ "$(pkg-config --modversion assay)" = "$(sed -n 's/^#define ASSAY_VERSION_STRING "\(.*\)"$/\1/p' "$SRC/include/assay/assay.h")" ] ||
    fail "assay.pc version"
# shellcheck disable=SC2086
cc $SAN -o "$TMP/pc_consumer" "$SRC/tests/install/consumer/consumer.c" $flags ||
    fail "cc with pkg-config flags"
# shellcheck disable=SC2086
c++ $SAN -o "$TMP/pc_consumer_cxx" "$SRC/tests/install/consumer/consumer_cxx.cpp" $flags ||
    fail "c++ with pkg-config flags"
out=$("$TMP/pc_consumer" "$MODEL") || fail "consumer (pkg-config) did not run"
echo "pkg-config consumer: $out"
"$TMP/pc_consumer_cxx" >/dev/null || fail "C++ consumer (pkg-config) did not run"

# 3. The installed assayd, moved away from the build, serves the installed
# model without --model. Wait for its model_loaded line (state), bounded.
mv "$PREFIX" "$TMP/moved"
PREFIX=$TMP/moved
env -u ASSAY_MODEL_DIR "$PREFIX/bin/assayd" --endpoint "ipc://$TMP/assayd.sock" \
    --log-level info 2>"$TMP/assayd.log" &
DPID=$!
for _ in $(seq 1 300); do
    grep -q 'model_loaded' "$TMP/assayd.log" && break
    kill -0 "$DPID" 2>/dev/null || { cat "$TMP/assayd.log"; fail "installed assayd exited"; }
    sleep 0.1
done
line=$(grep 'model_loaded' "$TMP/assayd.log") || { cat "$TMP/assayd.log"; fail "no model_loaded line in 30 s"; }
case "$line" in
*"path=$PREFIX/bin/../share/assay/models/python-fullstack"*) ;;
*) fail "installed assayd serves something else: $line";;
esac
echo "installed assayd: ${line##* path=}"
echo "install: ok"
