#!/bin/sh
# perf/run.sh - build in Release and measure assay's speed and memory in one
# run, beside the references that say what the figures could be:
#   - the engine (verdicts/s on one core) and scikit-learn's TF-IDF + cosine
#     on the same answers, interleaved round by round, ratios per round;
#   - CPU per verdict at 10 / 100 / 1,000 / 10,000 words (bench_engine's
#     length rows, on a thread of their own as in assayd), every round;
#   - assayd at 1, 2 and 8 connections, and at 8 connections interleaved with
#     two echo servers carrying the service's message sizes (perf/
#     echo_server.c): the ceiling (replies from the thread that reads the
#     ROUTER, as assayd's grading threads now do) and the hand-off topology
#     assayd had before (TCP ROUTER, inproc ROUTER, 2 worker DEALERs); CPU
#     per request of every server and of the client;
#   - the request handler on one thread without transport (bench_handler:
#     engine, request parse, whole handler), to split assayd's CPU;
#   - `assay batch` on 100,000 lines in every 8-connection round (its
#     ratio to the service rate is taken within the round); assayd's RSS
#     idle and under load (8 threads, 10,000-word answers).
# Prints the load average at the start, then one table: every target of
# issue 14 with the measured figure and its ratio (medians of the rounds).
#
# Environment: ASSAY_BENCH_BUILD (build directory, default build-bench),
# ASSAY_BENCH_THREADS (assayd grading threads, default: online cores),
# ASSAY_BENCH_WINDOW (requests in flight per connection, default 4),
# ASSAY_BENCH_REQUESTS (per connection and run, default 10000),
# ASSAY_BENCH_ROUNDS (interleaved rounds, default 5),
# ASSAY_BENCH_QUICK=1 (short runs, to check the script itself).
# Loopback only; every wait is bounded; the servers are stopped on exit.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${ASSAY_BENCH_BUILD:-$ROOT/build-bench}
THREADS=${ASSAY_BENCH_THREADS:-$(getconf _NPROCESSORS_ONLN)}
WINDOW=${ASSAY_BENCH_WINDOW:-4}
REQUESTS=${ASSAY_BENCH_REQUESTS:-10000}
ROUNDS=${ASSAY_BENCH_ROUNDS:-5}
MODEL=$ROOT/models/python-fullstack
BATCH_LINES=100000
ENGINE_ARGS="--runs 1 --seconds 3 --max 200000"
SKLEARN_ARGS="--runs 1"
LONG_REQUESTS=100
if [ "${ASSAY_BENCH_QUICK:-0}" = 1 ]; then
    BATCH_LINES=5000
    ROUNDS=1
    REQUESTS=500
    ENGINE_ARGS="--runs 1 --seconds 0.3"
    SKLEARN_ARGS="--runs 1 --batch 2000 --seconds 0.3"
    LONG_REQUESTS=10
fi
PYTHON=/usr/bin/python3

TMP=$(mktemp -d "${TMPDIR:-/tmp}/assay-bench.XXXXXX")
PIDS=

# stop PID: SIGTERM, wait up to 10 s, then SIGKILL.
stop() {
    if kill -0 "$1" 2>/dev/null; then
        kill -TERM "$1" 2>/dev/null || true
        i=0
        while kill -0 "$1" 2>/dev/null && [ $i -lt 100 ]; do
            sleep 0.1
            i=$((i + 1))
        done
        kill -KILL "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}
cleanup() {
    for p in $PIDS; do stop "$p"; done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 1; }
# get KEY FILE: the value of the last `key value` line for KEY.
get() { awk -v k="$1" '$1 == k { v = $2 } END { print (v == "" ? "nan" : v) }' "$2"; }
# cpu_ticks PID: user + system CPU of a process so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TCK=$(getconf CLK_TCK)
# calc EXPR: awk arithmetic, printed with %.6g.
calc() { awk "BEGIN { printf \"%.6g\", $1 }"; }

# start NAME LOG CMD...: runs a server in the background, waits up to 10 s
# for its `ready endpoint=` line, sets EP and LASTPID.
start() {
    name=$1
    log=$2
    shift 2
    : >"$log"
    "$@" 2>"$log" &
    LASTPID=$!
    PIDS="$PIDS $LASTPID"
    EP=
    i=0
    while [ $i -lt 100 ]; do
        EP=$(sed -n 's/.* ready endpoint=\([^ ]*\).*/\1/p' "$log" | head -n 1)
        [ -n "$EP" ] && break
        kill -0 "$LASTPID" 2>/dev/null || { cat "$log" >&2; die "$name exited"; }
        sleep 0.1
        i=$((i + 1))
    done
    [ -n "$EP" ] || { cat "$log" >&2; die "no ready line from $name in 10 s"; }
    say "$name at $EP (pid $LASTPID)"
}

say "== build (Release) in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DASSAY_SANITIZE=OFF \
    >"$TMP/cmake.log" 2>&1 || { cat "$TMP/cmake.log" >&2; die "cmake failed"; }
cmake --build "$BUILD" -j2 --target assayd assay bench_engine bench_service \
    bench_handler echo_server >"$TMP/build.log" 2>&1 \
    || { tail -40 "$TMP/build.log" >&2; die "build failed"; }
ASSAYD=$BUILD/service/daemon/assayd
ASSAY=$BUILD/client/cli/assay
BENCH_SERVICE=$BUILD/perf/bench_service
if ! "$PYTHON" -c 'import sklearn' 2>/dev/null; then
    say "installing python3-sklearn"
    apt-get install -y python3-sklearn >"$TMP/apt.log" 2>&1 \
        || { tail -20 "$TMP/apt.log" >&2; die "apt-get install python3-sklearn failed"; }
fi

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
say "== machine: $(getconf _NPROCESSORS_ONLN) cores, load average at start $LOAD0"

# Round by round: the engine, then scikit-learn on the same answers, so both
# see the same machine; ratios are taken within a round.
: >"$TMP/rounds.txt"
r=1
while [ "$r" -le "$ROUNDS" ]; do
    say "== round $r of $ROUNDS: engine, then scikit-learn"
    # shellcheck disable=SC2086
    "$BUILD/perf/bench_engine" --model "$MODEL" $ENGINE_ARGS >"$TMP/engine.txt"
    [ "$(get engine_id_rate "$TMP/engine.txt")" != nan ] || die "bench_engine failed"
    # one core, as the engine figure
    # shellcheck disable=SC2086
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$PYTHON" "$ROOT/perf/sklearn_baseline.py" \
        --model "$MODEL" $SKLEARN_ARGS >"$TMP/sklearn.txt"
    [ "$(get sklearn_single_rate "$TMP/sklearn.txt")" != nan ] || die "sklearn baseline failed"
    cat "$TMP/engine.txt" "$TMP/sklearn.txt" | grep -v '^#' >"$TMP/r.txt"
    awk '{ v[$1] = $2 } END {
        print "engine_id_rate", v["engine_id_rate"]
        print "engine_id_cpu_rate", v["engine_id_cpu_rate"]
        print "engine_inline_rate", v["engine_inline_rate"]
        print "engine_inline_cpu_rate", v["engine_inline_cpu_rate"]
        print "engine_inline_cold_cpu_rate", v["engine_inline_cold_cpu_rate"]
        print "engine_worst_id_cpu_ms", v["engine_worst_id_cpu_ms"]
        print "engine_worst_inline_cpu_ms", v["engine_worst_inline_cpu_ms"]
        print "length_w10_cpu_us", v["engine_words_10_cpu_us"]
        print "length_w100_cpu_us", v["engine_words_100_cpu_us"]
        print "length_w1000_cpu_us", v["engine_words_1000_cpu_us"]
        print "length_w10000_cpu_us", v["engine_words_10000_cpu_us"]
        print "length_growth", v["engine_words_10000_cpu_us"] / v["engine_words_1000_cpu_us"]
        print "sklearn_single_rate", v["sklearn_single_rate"]
        print "sklearn_single_cpu_rate", v["sklearn_single_cpu_rate"]
        print "sklearn_batch_rate", v["sklearn_batch_rate"]
        print "sklearn_batch_cpu_rate", v["sklearn_batch_cpu_rate"]
        print "ratio_single", v["engine_id_rate"] / v["sklearn_single_rate"]
        print "ratio_single_cpu", v["engine_id_cpu_rate"] / v["sklearn_single_cpu_rate"]
        print "ratio_batch", v["engine_id_rate"] / v["sklearn_batch_rate"]
        print "ratio_batch_cpu", v["engine_id_cpu_rate"] / v["sklearn_batch_cpu_rate"]
    }' "$TMP/r.txt" | tee -a "$TMP/rounds.txt" | sed "s/^/# round $r: /" >&2
    r=$((r + 1))
done

say "== request handler on one thread, no transport (bench_handler)"
HANDLER_ARGS="--rounds $ROUNDS --seconds 1"
[ "${ASSAY_BENCH_QUICK:-0}" = 1 ] && HANDLER_ARGS="--rounds 1 --seconds 0.2"
# shellcheck disable=SC2086
"$BUILD/perf/bench_handler" --model "$MODEL" $HANDLER_ARGS >"$TMP/handler.txt" \
    || die "bench_handler failed"
grep -v '^#' "$TMP/handler.txt" >&2

say "== servers: assayd --threads $THREADS and the two echo servers"
start assayd "$TMP/assayd.log" "$ASSAYD" --endpoint 'tcp://127.0.0.1:*' \
    --threads "$THREADS" --model "$MODEL"
DPID=$LASTPID
DEP=$EP
sleep 0.5 # let start-up allocations settle before reading the idle RSS
RSS_IDLE_KB=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$DPID/status")

say "== service, 1 and 2 connections (window $WINDOW)"
"$BENCH_SERVICE" --endpoint "$DEP" --labelled "$MODEL/labelled.jsonl" \
    --connections 1,2 --window "$WINDOW" --repeat 3 --requests "$REQUESTS" \
    >"$TMP/service12.txt" || die "bench_service failed"
grep -v '^#' "$TMP/service12.txt" >&2
REPLY_BYTES=$(get service_reply_bytes "$TMP/service12.txt")
say "service reply size $REPLY_BYTES bytes (the echo servers answer with as many)"

start "echo (ceiling)" "$TMP/ceiling.log" "$BUILD/perf/echo_server" \
    --mode ceiling --reply-bytes "$REPLY_BYTES"
CPID=$LASTPID
CEP=$EP
start "echo (assayd topology)" "$TMP/topology.log" "$BUILD/perf/echo_server" \
    --mode topology --workers 2 --reply-bytes "$REPLY_BYTES"
TPID=$LASTPID
TEP=$EP

# one8 NAME EP PID: one run at 8 connections; appends NAME_* lines (rate,
# p99, server and client CPU per request) to rounds8.txt.
one8() {
    c0=$(cpu_ticks "$3")
    "$BENCH_SERVICE" --endpoint "$2" --labelled "$MODEL/labelled.jsonl" \
        --connections 8 --window "$WINDOW" --repeat 1 --requests "$REQUESTS" \
        >"$TMP/one8.txt" || die "bench_service against $1 failed"
    c1=$(cpu_ticks "$3")
    n=$(get service_requests_sent "$TMP/one8.txt")
    {
        echo "${1}_rate $(get service_c8_rate "$TMP/one8.txt")"
        echo "${1}_p99_ms $(get service_c8_p99_ms "$TMP/one8.txt")"
        echo "${1}_not_ok $(get service_c8_not_ok "$TMP/one8.txt")"
        echo "${1}_server_cpu_us $(calc "($c1 - $c0) / $TCK * 1e6 / $n")"
        echo "${1}_client_cpu_us $(calc "$(get service_client_cpu_s "$TMP/one8.txt") * 1e6 / $n")"
    } | tee -a "$TMP/rounds8.txt" | sed "s/^/# round $r: /" >&2
}
# batch1: one `assay batch` run (defaults: one connection, window 64) on
# the batch input; appends its rate, assayd's CPU per line and the client's
# (user + system from the shell's `times`) to rounds8.txt.
batch1() {
    c0=$(cpu_ticks "$DPID")
    t0=$(date +%s.%N)
    (
        "$ASSAY" batch --endpoint "$DEP" --timeout 10000 -o "$TMP/batch.out" \
            "$TMP/batch.jsonl" || exit $?
        times >"$TMP/batch_times.txt"
    ) || die "assay batch failed (exit $?)"
    t1=$(date +%s.%N)
    c1=$(cpu_ticks "$DPID")
    lines=$(wc -l <"$TMP/batch.out")
    oks=$(grep -c '"ok":true' "$TMP/batch.out" || true)
    [ "$lines" -eq "$BATCH_LINES" ] || die "batch wrote $lines lines, expected $BATCH_LINES"
    [ "$oks" -eq "$BATCH_LINES" ] || die "batch: only $oks of $BATCH_LINES results ok"
    # `times`: the subshell's own user/system, then its children's
    client_s=$(awk 'NR == 2 {
        s = 0
        for (i = 1; i <= 2; i++) { split($i, t, "m"); s += t[1] * 60 + t[2] }
        print s }' "$TMP/batch_times.txt")
    awk -v n="$BATCH_LINES" -v a="$t0" -v b="$t1" -v t="$((c1 - c0))" -v hz="$TCK" \
        -v cs="$client_s" \
        'BEGIN { printf "batch_rate %.0f\nbatch_cpu_us %.1f\nbatch_client_cpu_us %.1f\n",
                 n / (b - a), t / hz * 1e6 / n, cs * 1e6 / n }' \
        | tee -a "$TMP/rounds8.txt" | sed "s/^/# round $r: /" >&2
}
"$PYTHON" "$ROOT/perf/make_batch.py" "$MODEL/labelled.jsonl" "$BATCH_LINES" \
    "$TMP/batch.jsonl"
: >"$TMP/rounds8.txt"
r=1
while [ "$r" -le "$ROUNDS" ]; do
    say "== round $r of $ROUNDS at 8 connections: assayd, ceiling echo, topology echo, assay batch ($BATCH_LINES lines)"
    one8 service "$DEP" "$DPID"
    one8 ceiling "$CEP" "$CPID"
    one8 topology "$TEP" "$TPID"
    batch1
    r=$((r + 1))
done
stop "$CPID"
stop "$TPID"
RSS_KB=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$DPID/status")
stop "$DPID"

say "== assayd --threads 8 under 10,000-word answers"
"$PYTHON" "$ROOT/perf/make_batch.py" "$MODEL/labelled.jsonl" 64 "$TMP/long.jsonl" 10000
# up to ~72 KB per request: past the default 64 KiB limit
start "assayd (8 threads)" "$TMP/assayd8.log" "$ASSAYD" --endpoint 'tcp://127.0.0.1:*' \
    --threads 8 --max-message 131072 --model "$MODEL"
"$BENCH_SERVICE" --endpoint "$EP" --labelled "$TMP/long.jsonl" --connections 8 \
    --window 2 --repeat 1 --requests "$LONG_REQUESTS" >"$TMP/long.txt" \
    || die "bench_service with long answers failed"
[ "$(get service_c8_not_ok "$TMP/long.txt")" = 0 ] || die "long answers were refused"
RSS_LONG_KB=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$LASTPID/status")
stop "$LASTPID"

LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
{
    # medians of the rounds, under the same names
    awk '{ n[$1]++; v[$1, n[$1]] = $2 } END {
        for (k in n) {
            m = n[k]
            for (i = 1; i <= m; i++) a[i] = v[k, i]
            for (i = 2; i <= m; i++) {
                x = a[i]
                for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]
                a[j + 1] = x
            }
            print k, (m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2)
        }
    }' "$TMP/rounds.txt" "$TMP/rounds8.txt"
    # ratios within each round at 8 connections
    awk '{ n[$1]++; v[$1, n[$1]] = $2 } END {
        m = n["service_rate"]
        for (i = 1; i <= m; i++) {
            r[i] = v["service_rate", i] / v["ceiling_rate", i]
            t[i] = v["service_rate", i] / v["topology_rate", i]
            bt[i] = v["batch_rate", i] / v["service_rate", i]
        }
        for (i = 2; i <= m; i++) for (j = i; j > 1 && r[j - 1] > r[j]; j--) { x = r[j]; r[j] = r[j - 1]; r[j - 1] = x }
        for (i = 2; i <= m; i++) for (j = i; j > 1 && t[j - 1] > t[j]; j--) { x = t[j]; t[j] = t[j - 1]; t[j - 1] = x }
        for (i = 2; i <= m; i++) for (j = i; j > 1 && bt[j - 1] > bt[j]; j--) { x = bt[j]; bt[j] = bt[j - 1]; bt[j - 1] = x }
        print "ratio_service_ceiling", (m % 2 ? r[(m + 1) / 2] : (r[m / 2] + r[m / 2 + 1]) / 2)
        print "ratio_service_topology", (m % 2 ? t[(m + 1) / 2] : (t[m / 2] + t[m / 2 + 1]) / 2)
        print "ratio_batch_service", (m % 2 ? bt[(m + 1) / 2] : (bt[m / 2] + bt[m / 2 + 1]) / 2)
        print "ratio_batch_service_min", bt[1]
    }' "$TMP/rounds8.txt"
    grep -v '^#' "$TMP/service12.txt"
    grep -v '^#' "$TMP/handler.txt"
    echo "rss_idle_kb $RSS_IDLE_KB"
    echo "rss_kb $RSS_KB"
    echo "rss_long_kb $RSS_LONG_KB"
} >"$TMP/all.txt"

# The table: measured, target, ratio (>= 1 meets it; for a ceiling the
# ratio is target/measured).
echo "load average at start $LOAD0, at end $LOAD1 ($(getconf _NPROCESSORS_ONLN) cores);" \
    "medians of $ROUNDS interleaved rounds"
echo
awk -v window="$WINDOW" -v threads="$THREADS" -v lines="$BATCH_LINES" -v rounds="$ROUNDS" '
{ v[$1] = $2 }
function row(name, val, target, cmp,    r, ok) {
    if (cmp == "") {
        printf "| %-54s | %12s | %-16s | %-14s |\n", name, val, "-", "-"
        return
    }
    if (cmp == ">=") { r = val / target; ok = val + 0 >= target + 0 }
    else { r = target / val; ok = cmp == "<" ? val + 0 < target + 0 : val + 0 <= target + 0 }
    printf "| %-54s | %12s | %-16s | %-14s |\n", name, val, cmp " " target,
        sprintf("%.2fx %s", r, ok ? "met" : "MISSED")
}
END {
    engine_us = 1e6 / v["engine_id_cpu_rate"]
    printf "| %-54s | %12s | %-16s | %-14s |\n", "figure", "measured", "target", "ratio"
    printf "|%s|%s|%s|%s|\n", "--------------------------------------------------------",
        "--------------", "------------------", "----------------"
    row("engine, by id, 1 thread (verdicts/s)", v["engine_id_rate"], "", "")
    row("  per CPU second (verdicts/s/core)", v["engine_id_cpu_rate"], 100000, ">=")
    row("engine, inline, 1 thread (verdicts/s)", v["engine_inline_rate"], "", "")
    row("  per CPU second (verdicts/s/core)", v["engine_inline_cpu_rate"], 50000, ">=")
    row("  every question new, per CPU second", v["engine_inline_cold_cpu_rate"], "", "")
    row("sklearn, one answer per call (ans/s)", v["sklearn_single_rate"], "", "")
    row("  per CPU second", v["sklearn_single_cpu_rate"], "", "")
    row("sklearn, one batched call (ans/s)", v["sklearn_batch_rate"], "", "")
    row("  per CPU second", v["sklearn_batch_cpu_rate"], "", "")
    row("engine / sklearn one per call (same round)", sprintf("%.1f", v["ratio_single"]), 30, ">=")
    row("  per CPU second", sprintf("%.1f", v["ratio_single_cpu"]), 30, ">=")
    row("engine / sklearn batched (same round)", sprintf("%.2f", v["ratio_batch"]), 1.0, ">=")
    row("  per CPU second", sprintf("%.2f", v["ratio_batch_cpu"]), 1.0, ">=")
    row("worst case, 64 KiB one sentence, by id (CPU ms)", v["engine_worst_id_cpu_ms"], 20, "<=")
    row("worst case, 64 KiB one sentence, inline (CPU ms)", v["engine_worst_inline_cpu_ms"], 20, "<=")
    row("grading, 10 words (CPU us per verdict)", v["length_w10_cpu_us"], "", "")
    row("grading, 100 words (CPU us per verdict)", v["length_w100_cpu_us"], "", "")
    row("grading, 1,000 words (CPU us per verdict)", v["length_w1000_cpu_us"], "", "")
    row("grading, 10,000 words (CPU us per verdict)", v["length_w10000_cpu_us"], "", "")
    row("  10,000 / 1,000 words (same round)", sprintf("%.1f", v["length_growth"]), 12, "<=")
    for (i = 1; i <= 2; i++) {
        row(sprintf("service, %d conn x window %d (req/s)", i, window), v["service_c" i "_rate"], "", "")
        row(sprintf("  p99 latency, %d conn (ms)", i), v["service_c" i "_p99_ms"], "", "")
    }
    row(sprintf("service, 8 conn x window %d (req/s)", window), v["service_rate"], "", "")
    row("ceiling echo, same client (req/s)", v["ceiling_rate"], "", "")
    row("hand-off topology echo, same client (req/s)", v["topology_rate"], "", "")
    row("  service / ceiling echo (same round)", sprintf("%.2f", v["ratio_service_ceiling"]), 0.5, ">=")
    row("  service / topology echo (same round)", sprintf("%.2f", v["ratio_service_topology"]), "", "")
    row("  p99 latency, 8 conn (ms)", v["service_p99_ms"], 5, "<")
    row("assayd CPU per request (us)", sprintf("%.1f", v["service_server_cpu_us"]),
        sprintf("%.1f", engine_us + 1.5 * v["ceiling_server_cpu_us"]), "<=")
    row("  engine time per verdict (us)", sprintf("%.1f", engine_us), "", "")
    row("  request handler, one thread, no transport (us)", sprintf("%.1f", v["handler_cpu_us"]), "", "")
    row("    of which engine, same run (us)", sprintf("%.1f", v["handler_engine_cpu_us"]), "", "")
    row("    of which request parse (us)", sprintf("%.1f", v["handler_parse_cpu_us"]), "", "")
    row("ceiling echo CPU per request (us)", sprintf("%.1f", v["ceiling_server_cpu_us"]), "", "")
    row("hand-off topology echo CPU per request (us)", sprintf("%.1f", v["topology_server_cpu_us"]), "", "")
    row("bench client CPU per request, vs assayd (us)", sprintf("%.1f", v["service_client_cpu_us"]), "", "")
    row("bench client CPU per request, vs ceiling (us)", sprintf("%.1f", v["ceiling_client_cpu_us"]), "", "")
    row(sprintf("assay batch, %d lines (lines/s)", lines), v["batch_rate"], "", "")
    row("  assayd CPU per line (us)", v["batch_cpu_us"], "", "")
    row("  assay batch client CPU per line (us)", v["batch_client_cpu_us"], "", "")
    row("  batch / service at 8 conn (same round)", sprintf("%.2f", v["ratio_batch_service"]), 0.9, ">=")
    row("    lowest round", sprintf("%.2f", v["ratio_batch_service_min"]), "", "")
    row("assayd RSS idle, one bank (MiB)", sprintf("%.1f", v["rss_idle_kb"] / 1024), 16, "<")
    row(sprintf("assayd peak RSS, %d threads, labelled mix (MiB)", threads),
        sprintf("%.1f", v["rss_kb"] / 1024), 64, "<")
    row("assayd peak RSS, 8 threads, 10,000-word answers (MiB)",
        sprintf("%.1f", v["rss_long_kb"] / 1024), 64, "<")
}' "$TMP/all.txt"
