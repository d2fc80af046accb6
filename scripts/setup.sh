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
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
