#!/usr/bin/env bash
# setup.sh - install what assay needs on Debian and build it.
#   bash scripts/setup.sh [BUILD_DIR] [extra cmake args...]
# Installs packages only when something is missing, so a second run is fast.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
shift || true

pkgs=(build-essential cmake pkg-config libzmq3-dev libutf8proc-dev
      libcmocka-dev libstemmer-dev libjansson-dev python3-zmq wordnet-base
      python3-pip)  # python3-pip: ctest python.install (pip install ./client/python offline)
pkgs+=(${ASSAY_EXTRA_PACKAGES:-})
bash "$here/scripts/packages.sh" "${pkgs[@]}"

cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
