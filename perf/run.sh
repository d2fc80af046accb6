#!/bin/sh
# perf/run.sh - build in Release and measure assay's speed and memory in one
# run: engine verdicts/s on one core, service requests/s and latency at 1, 2
# and 8 connections, `assay batch` on 100,000 lines, assayd's peak RSS, and
# scikit-learn's TF-IDF + cosine on the same answers. Prints one table.
#
# Environment: ASSAY_BENCH_BUILD (build directory, default build-bench),
# ASSAY_BENCH_THREADS (assayd grading threads, default: online cores),
# ASSAY_BENCH_WINDOW (requests in flight per connection, default 4),
# ASSAY_BENCH_REQUESTS (per connection and repeat, default 10000),
# ASSAY_BENCH_QUICK=1 (short runs, to check the script itself).
# Loopback only; every wait is bounded; the daemon is stopped on exit.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${ASSAY_BENCH_BUILD:-$ROOT/build-bench}
THREADS=${ASSAY_BENCH_THREADS:-$(getconf _NPROCESSORS_ONLN)}
WINDOW=${ASSAY_BENCH_WINDOW:-4}
REQUESTS=${ASSAY_BENCH_REQUESTS:-10000}
MODEL=$ROOT/models/python-fullstack
BATCH_LINES=100000
ENGINE_ARGS="--runs 5 --seconds 3 --max 200000"
SERVICE_ARGS="--repeat 3 --requests $REQUESTS"
SKLEARN_ARGS="--runs 5"
if [ "${ASSAY_BENCH_QUICK:-0}" = 1 ]; then
    BATCH_LINES=5000
    ENGINE_ARGS="--runs 1 --seconds 0.3"
    SERVICE_ARGS="--repeat 1 --requests 500"
    SKLEARN_ARGS="--runs 1 --batch 2000 --seconds 0.3"
fi
PYTHON=/usr/bin/python3

TMP=$(mktemp -d "${TMPDIR:-/tmp}/assay-bench.XXXXXX")
DPID=

stop_daemon() {
    if [ -n "$DPID" ] && kill -0 "$DPID" 2>/dev/null; then
        kill -TERM "$DPID" 2>/dev/null || true
        i=0
        while kill -0 "$DPID" 2>/dev/null && [ $i -lt 100 ]; do
            sleep 0.1
            i=$((i + 1))
        done
        kill -KILL "$DPID" 2>/dev/null || true
        wait "$DPID" 2>/dev/null || true
    fi
    DPID=
}
cleanup() {
    stop_daemon
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 1; }
# get KEY FILE: the value of a `key value` result line.
get() { awk -v k="$1" '$1 == k { v = $2 } END { print (v == "" ? "nan" : v) }' "$2"; }
# cpu_ticks PID: user + system CPU of a process so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TCK=$(getconf CLK_TCK)

say "== build (Release) in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DASSAY_SANITIZE=OFF \
    >"$TMP/cmake.log" 2>&1 || { cat "$TMP/cmake.log" >&2; die "cmake failed"; }
cmake --build "$BUILD" -j2 --target assayd assay bench_engine bench_service \
    >"$TMP/build.log" 2>&1 || { tail -40 "$TMP/build.log" >&2; die "build failed"; }
ASSAYD=$BUILD/service/daemon/assayd
ASSAY=$BUILD/client/cli/assay

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
say "== machine: $(getconf _NPROCESSORS_ONLN) cores, load $LOAD0"

say "== engine (one thread)"
# shellcheck disable=SC2086
"$BUILD/perf/bench_engine" --model "$MODEL" $ENGINE_ARGS | tee "$TMP/engine.txt" >&2
# a pipeline's status is tee's: check the results instead
[ "$(get engine_inline_rate "$TMP/engine.txt")" != nan ] || die "bench_engine failed"

say "== assayd --threads $THREADS"
"$ASSAYD" --endpoint 'tcp://127.0.0.1:*' --threads "$THREADS" \
    --model "$MODEL" 2>"$TMP/assayd.log" &
DPID=$!
EP=
i=0
while [ $i -lt 100 ]; do
    EP=$(sed -n 's/.* ready endpoint=\([^ ]*\).*/\1/p' "$TMP/assayd.log" | head -n 1)
    [ -n "$EP" ] && break
    kill -0 "$DPID" 2>/dev/null || { cat "$TMP/assayd.log" >&2; die "assayd exited"; }
    sleep 0.1
    i=$((i + 1))
done
[ -n "$EP" ] || { cat "$TMP/assayd.log" >&2; die "no ready line from assayd in 10 s"; }
say "endpoint $EP (pid $DPID)"

say "== service (window $WINDOW per connection)"
c0=$(cpu_ticks "$DPID")
# shellcheck disable=SC2086
"$BUILD/perf/bench_service" --endpoint "$EP" --labelled "$MODEL/labelled.jsonl" \
    --connections 1,2,8 --window "$WINDOW" $SERVICE_ARGS \
    | tee "$TMP/service.txt" >&2
[ "$(get service_requests_sent "$TMP/service.txt")" != nan ] || die "bench_service failed"
c1=$(cpu_ticks "$DPID")
awk -v t="$((c1 - c0))" -v hz="$TCK" -v n="$(get service_requests_sent "$TMP/service.txt")" \
    'BEGIN { printf "service_cpu_us %.1f\n", t / hz * 1e6 / n }' | tee -a "$TMP/service.txt" >&2

say "== assay batch, $BATCH_LINES lines"
"$PYTHON" "$ROOT/perf/make_batch.py" "$MODEL/labelled.jsonl" "$BATCH_LINES" \
    "$TMP/batch.jsonl"
c0=$(cpu_ticks "$DPID")
t0=$(date +%s.%N)
"$ASSAY" batch --endpoint "$EP" --timeout 10000 -o "$TMP/batch.out" "$TMP/batch.jsonl" \
    || die "assay batch failed (exit $?)"
t1=$(date +%s.%N)
c1=$(cpu_ticks "$DPID")
lines=$(wc -l <"$TMP/batch.out")
oks=$(grep -c '"ok":true' "$TMP/batch.out" || true)
[ "$lines" -eq "$BATCH_LINES" ] || die "batch wrote $lines lines, expected $BATCH_LINES"
[ "$oks" -eq "$BATCH_LINES" ] || die "batch: only $oks of $BATCH_LINES results ok"
awk -v n="$BATCH_LINES" -v a="$t0" -v b="$t1" -v t="$((c1 - c0))" -v hz="$TCK" \
    'BEGIN { printf "batch_seconds %.3f\nbatch_rate %.0f\nbatch_cpu_us %.1f\n",
             b - a, n / (b - a), t / hz * 1e6 / n }' \
    | tee "$TMP/batch.txt" >&2

RSS_KB=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$DPID/status")
echo "rss_kb $RSS_KB" >"$TMP/rss.txt"
say "assayd VmHWM $RSS_KB kB"
stop_daemon

say "== scikit-learn baseline"
if ! "$PYTHON" -c 'import sklearn' 2>/dev/null; then
    say "installing python3-sklearn"
    apt-get install -y python3-sklearn >"$TMP/apt.log" 2>&1 \
        || { tail -20 "$TMP/apt.log" >&2; die "apt-get install python3-sklearn failed"; }
fi
# one core, as the engine figure
# shellcheck disable=SC2086
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$PYTHON" "$ROOT/perf/sklearn_baseline.py" \
    --model "$MODEL" $SKLEARN_ARGS | tee "$TMP/sklearn.txt" >&2
[ "$(get sklearn_single_rate "$TMP/sklearn.txt")" != nan ] || die "sklearn baseline failed"

LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
cat "$TMP"/engine.txt "$TMP"/service.txt "$TMP"/batch.txt "$TMP"/rss.txt \
    "$TMP"/sklearn.txt >"$TMP/all.txt"

# The table: measured, target, measured/target (>= 1 meets it; for latency
# and memory the target is a ceiling, so the ratio is target/measured).
echo "load average before $LOAD0, after $LOAD1 ($(getconf _NPROCESSORS_ONLN) cores)"
echo
awk -v window="$WINDOW" -v threads="$THREADS" -v lines="$BATCH_LINES" '
$1 !~ /^#/ { v[$1] = $2 }
function row(name, val, unit, target, cmp,    r, ok) {
    if (cmp == "") {
        printf "| %-40s | %12s | %-14s | %-22s |\n", name, val " " unit, "-", "-"
        return
    }
    if (cmp == ">=") { r = val / target; ok = val + 0 >= target + 0 }
    else { r = target / val; ok = val + 0 < target + 0 }
    printf "| %-40s | %12s | %-14s | %-22s |\n", name, val " " unit,
        cmp " " target, sprintf("%.2fx %s", r, ok ? "met" : "MISSED")
}
END {
    printf "| %-40s | %12s | %-14s | %-22s |\n", "figure", "measured", "target", "ratio"
    printf "|%s|%s|%s|%s|\n", "------------------------------------------",
        "--------------", "----------------", "------------------------"
    row("engine, by id, 1 thread (verdicts/s)", v["engine_id_rate"], "", 20000, ">=")
    row("  per CPU second (verdicts/s)", v["engine_id_cpu_rate"], "", 20000, ">=")
    row("engine, inline, 1 thread (verdicts/s)", v["engine_inline_rate"], "", "", "")
    row("  per CPU second (verdicts/s)", v["engine_inline_cpu_rate"], "", "", "")
    row("worst case, 64 KiB one sentence, by id (CPU ms)", v["engine_worst_id_cpu_ms"], "", 20, "<=")
    row("worst case, 64 KiB one sentence, inline (CPU ms)", v["engine_worst_inline_cpu_ms"], "", 20, "<=")
    for (i = 1; i <= 3; i++) {
        c = (i == 1 ? 1 : i == 2 ? 2 : 8)
        row(sprintf("service, %d conn x window %d (req/s)", c, window),
            v["service_c" c "_rate"], "", c == 8 ? 10000 : "", c == 8 ? ">=" : "")
        row(sprintf("  p50 latency, %d conn (ms)", c), v["service_c" c "_p50_ms"], "", "", "")
        row(sprintf("  p99 latency, %d conn (ms)", c), v["service_c" c "_p99_ms"], "",
            c == 8 ? 5 : "", c == 8 ? "<" : "")
    }
    row("assayd CPU per request (us)", v["service_cpu_us"], "", "", "")
    row("bench client CPU per request (us)",
        sprintf("%.1f", v["service_client_cpu_s"] * 1e6 / v["service_requests_sent"]), "", "", "")
    row(sprintf("assay batch, %d lines (lines/s)", lines), v["batch_rate"], "", "", "")
    row("  assayd CPU per line (us)", v["batch_cpu_us"], "", "", "")
    row("  batch / service at 8 conn", sprintf("%.2f", v["batch_rate"] / v["service_c8_rate"]),
        "", 0.8, ">=")
    row(sprintf("assayd peak RSS, %d threads (MiB)", threads),
        sprintf("%.1f", v["rss_kb"] / 1024), "", 64, "<")
    row("sklearn, one answer per call (ans/s)", v["sklearn_single_rate"], "", "", "")
    row("  per CPU second (ans/s)", v["sklearn_single_cpu_rate"], "", "", "")
    row("sklearn, one batched call (ans/s)", v["sklearn_batch_rate"], "", "", "")
    row("  per CPU second (ans/s)", v["sklearn_batch_cpu_rate"], "", "", "")
    row("  engine / sklearn one per call", sprintf("%.1f", v["engine_id_rate"] / v["sklearn_single_rate"]),
        "", 20, ">=")
    row("  same, per CPU second", sprintf("%.1f", v["engine_id_cpu_rate"] / v["sklearn_single_cpu_rate"]),
        "", 20, ">=")
    row("  engine / sklearn batched", sprintf("%.2f", v["engine_id_rate"] / v["sklearn_batch_rate"]),
        "", "", "")
    row("  same, per CPU second", sprintf("%.2f", v["engine_id_cpu_rate"] / v["sklearn_batch_cpu_rate"]),
        "", "", "")
}' "$TMP/all.txt"
