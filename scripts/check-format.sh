#!/usr/bin/env bash
# check-format.sh [--fix] - every tracked C/C++ file must be as clang-format
# (.clang-format, docs/style.md) writes it, except those still listed in
# scripts/format-pending.txt (formatted a few at a time so merges of work in
# progress stay easy; take a file off the list once it conforms). --fix
# reformats the checked files instead. Exit 1 when a file differs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
fmt=${CLANG_FORMAT:-clang-format}
command -v "$fmt" >/dev/null ||
    { echo "check-format: $fmt not found (Debian: apt-get install clang-format)"; exit 1; }
pending=scripts/format-pending.txt
files=()
while IFS= read -r f; do
    grep -qxF "$f" "$pending" 2>/dev/null || files+=("$f")
done < <(git ls-files '*.c' '*.h' '*.cpp')
if [ "${1:-}" = "--fix" ]; then
    "$fmt" -i "${files[@]}"
    exit 0
fi
bad=()
for f in "${files[@]}"; do
    "$fmt" --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if ((${#bad[@]})); then
    printf 'check-format: not formatted: %s\n' "${bad[@]}"
    echo "check-format: fix with: clang-format -i ${bad[*]}"
    exit 1
fi
echo "check-format: ${#files[@]} files formatted ($(grep -c . "$pending" 2>/dev/null || true) pending)"
