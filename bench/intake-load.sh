#!/usr/bin/env bash
# Intake throughput as issue 9 asks for it, in one run:
#   1. raw_derby_inserts: single-row durable inserts (autocommit) from 16 threads into an embedded Derby on the
#      same disk, in its own JVM pinned to the CPUs the platform gets (same Derby jars, same JVM options);
#      measured before the platform starts and again after it stopped: the mean is the reference, the
#      difference shows how much the machine drifted during the run;
#   2. the warm-up curve: a freshly started platform (a restart on a prepared data folder) under load from the
#      moment it is ready: SRs/s, p50, p99, max and server CPU per SR for each 5 s window of the warm-up;
#   3. intake warm: SRs/s, p50, p99 over the measured window after the warm-up, the worst window p99 and the
#      lowest window rate (stalls), server CPU ms per SR (/proc utime+stime of the server process);
#   4. intake_vs_raw = warm intake / raw inserts, in a summary at the end.
# Intake is POST /api/v1/requests as customer1 (account 1001, product datacenter), 16 clients over HTTP/1.1
# keep-alive, each a closed loop; every answer must be 201: anything else is counted, shown, and makes the exit
# status 3.
#
# Pinning: with taskset and at least 2 CPUs, the platform and the raw-insert JVM get the first half of the
# CPUs this script may use, the HTTP client the other half (2 CPUs: platform cpu 0, client cpu 1); the output
# says which, or why nothing was pinned. SR_BENCH_NO_PIN=1 turns pinning off.
#
# Usage: bench/intake-load.sh [--stored N] [--warmup S] [--measure S] [--threads N] [--raw-seconds S]
#                             [--port P] [--index-timeout S] [--features-off LIST] [--prepared DIR]
#   --stored N         SRs stored before the measured start (default 0): written directly into the platform's
#                      database with embedded Derby (bench/SeedRequests.java), as intake writes them
#   --warmup S         seconds of load before the measured window (default 300; a multiple of 5): on one CPU
#                      the JIT's last compilations come minutes into the load; the driver says when the
#                      platform became warm (warm_after_s) and flags a measurement taken before it (NOT WARM)
#   --measure S        seconds measured warm (default 30; a multiple of 5)
#   --threads N        concurrent clients, and raw-insert threads (default 16)
#   --raw-seconds S    seconds of raw inserts measured, after 5 s of raw warm-up (default 15)
#   --port P           HTTP port of the platform on 127.0.0.1 (default $SR_BENCH_PORT or 18766)
#   --index-timeout S  how long to wait for "Indexed N SRs for search" (default 600; 1,000,000 SRs may need more)
#   --features-off L   features switched off for the measured start, comma-separated (notifications: the
#                      confirmations wait in the outbox instead of being sent during the load)
#   --prepared DIR     keep the prepared data folder (demo data, the stored SRs, their search index) in
#                      DIR/stored-N and take a copy of it instead of preparing again when it is there (seeding and
#                      indexing 1,000,000 SRs take about 4 minutes). The copy starts as the measured start: the
#                      platform migrates it if the schema moved on; remove DIR/stored-N to prepare afresh
# Environment: SR_DIST (the distribution to measure; default sr-dist/target/sr-platform: build it with
# mvn -B -DskipTests install), SR_BENCH_NO_PIN=1, SR_JAVA_OPTS (as bin/sr-platform: the platform's JVM options,
# also used for the raw-insert JVM), JAVA_HOME.
#
# Steps: the distribution is copied into a temporary folder (the measured one is never written to, not even
# its log/); raw inserts; the platform starts once with --demo on a fresh data folder until ready (schema and
# demo data) and stops; N SRs are seeded, data/search (sr-search's index) is removed and a start rebuilds it
# from every SR (these starts are preparation: unpinned, not measured); the platform starts again on that
# folder (the measured start, at every N a restart); the load begins when it is ready (a signed-in GET /me
# answers 200 and /health 200) and its search index is up to date ("Indexed N SRs for search"); the platform
# stops; raw inserts again; the summary.
# One default run takes about 7 minutes plus seeding (about 7,000 SRs/s). Loopback only; every wait is
# bounded; processes and the temporary folder are removed on exit. Run it alone: flock /tmp/sr-build.lock ...
set -euo pipefail

die() { echo "intake-load: $*" >&2; exit 2; }
usage() { sed -n '/^# Usage:/,/^# Environment:/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' | sed '$d' >&2; }

features_off=""; prepared_dir=""; stored=0; warmup=300; measure=30; threads=16; raw_seconds=15; raw_warmup=5; window=5
port="${SR_BENCH_PORT:-18766}"; index_timeout=600
whole() { [[ "$2" =~ ^[0-9]{1,10}$ ]] || { usage; die "$1 needs a whole number (digits only), not '${2}'"; }; }
while [ $# -gt 0 ]; do
    case "$1" in
        --stored|--warmup|--measure|--threads|--raw-seconds|--port|--index-timeout)
            [ $# -ge 2 ] || { usage; die "$1 needs a value"; }
            whole "$1" "$2"
            n=$((10#$2))
            case "$1" in
                --stored) stored=$n ;; --warmup) warmup=$n ;; --measure) measure=$n ;; --threads) threads=$n ;;
                --raw-seconds) raw_seconds=$n ;; --port) port=$n ;; --index-timeout) index_timeout=$n ;;
            esac
            shift 2 ;;
        --features-off)
            [ $# -ge 2 ] || die "--features-off needs a comma-separated list of features"
            features_off=$2; shift 2 ;;
        --prepared)
            [ $# -ge 2 ] || die "--prepared needs a folder (it keeps prepared data folders)"
            prepared_dir=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage; die "unknown argument '$1'" ;;
    esac
done
(( warmup % window == 0 )) || die "--warmup must be a multiple of $window s, not $warmup"
(( measure % window == 0 && measure > 0 )) || die "--measure must be a positive multiple of $window s, not $measure"
(( threads >= 1 && threads <= 1024 )) || die "--threads must be 1..1024, not $threads"
(( raw_seconds >= 1 )) || die "--raw-seconds must be at least 1"
(( port >= 1024 && port <= 65535 )) || die "--port must be 1024..65535, not $port"
(( stored <= 999999999 )) || die "--stored must be below 10^9 (the SR number sequence)"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$(cd "${SR_DIST:-$root/sr-dist/target/sr-platform}" 2>/dev/null && pwd)" \
    || die "no distribution at ${SR_DIST:-$root/sr-dist/target/sr-platform}: build it (mvn -B -o -DskipTests install) or set SR_DIST"
[ -x "$dist/bin/sr-platform" ] || die "no bin/sr-platform in $dist"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v curl >/dev/null || die "curl is needed"
jvm_opts=${SR_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx512m -XX:+ExitOnOutOfMemoryError}  # bin/sr-platform's
curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" && die "port $port answers already: stop that program or use --port"

work="$(mktemp -d "${TMPDIR:-/tmp}/intake-load.XXXXXX")"
server=""; child=""
# Stops the platform: SIGTERM (it shuts Derby down cleanly), SIGKILL after 60 s.
stop_server() {
    [ -n "$server" ] || return 0
    kill -TERM "$server" 2>/dev/null || true
    for _ in $(seq 1 600); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$server" 2>/dev/null; then
        echo "intake-load: the platform (pid $server) did not stop within 60 s of SIGTERM; killed" >&2
        kill -KILL "$server" 2>/dev/null || true
    fi
    wait "$server" 2>/dev/null || true
    server=""
}
cleanup() {
    set +e  # every step runs, whatever the one before returned
    if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; fi
    stop_server
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Runs a command in the background and waits for it, so that a signal to this script is handled at once.
run() { "$@" & child=$!; local rc=0; wait "$child" || rc=$?; child=""; return "$rc"; }
now_ms() { date +%s%3N; }

# --- pinning
expand_cpus() {  # "0-2,4" -> "0 1 2 4"
    local part out=()
    IFS=, read -ra parts <<<"$1"
    for part in "${parts[@]}"; do
        if [[ "$part" == *-* ]]; then out+=($(seq "${part%-*}" "${part#*-}")); else out+=("$part"); fi
    done
    echo "${out[@]}"
}
server_pin=(); client_pin=(); server_cpus="all"; client_cpus="all"
cpus=($(expand_cpus "$(awk '/^Cpus_allowed_list/ {print $2}' /proc/self/status)"))
if [ "${SR_BENCH_NO_PIN:-}" = 1 ]; then
    pinning="not pinned: SR_BENCH_NO_PIN=1 (platform, raw inserts and client share all ${#cpus[@]} CPUs)"
elif ! command -v taskset >/dev/null; then
    pinning="not pinned: no taskset on this machine (platform, raw inserts and client share all ${#cpus[@]} CPUs)"
elif [ "${#cpus[@]}" -lt 2 ]; then
    pinning="not pinned: only ${#cpus[@]} CPU available (platform, raw inserts and client share it)"
else
    half=$(( (${#cpus[@]} + 1) / 2 ))
    server_cpus=$(IFS=,; echo "${cpus[*]:0:half}"); client_cpus=$(IFS=,; echo "${cpus[*]:half}")
    server_pin=(taskset -c "$server_cpus"); client_pin=(taskset -c "$client_cpus")
    pinning="pinned with taskset: platform and raw-insert JVM on CPU(s) $server_cpus, HTTP client on CPU(s) $client_cpus (of ${#cpus[@]})"
fi

# --- a private copy of the distribution: the one measured is never written to (log/, data/)
mkdir -p "$work/dist"
cp -a "$dist/." "$work/dist/"
rm -rf "$work/dist/log" "$work/dist/data" && mkdir -p "$work/dist/log"
platform="$work/dist/bin/sr-platform"

# --- the platform's own Derby (inside sr-store's jar), for the raw inserts and the seeding
mkdir -p "$work/derby"
for jar in "$work"/dist/system/sr-store-*.jar; do
    unzip -j -o -q "$jar" 'lib/derby*.jar' -d "$work/derby" 2>/dev/null || true
done
if [ ! -f "$work/derby/derby.jar" ]; then  # Derby as bundles of their own, or else the build's repository
    cp "$work"/dist/system/derby*.jar "$work/derby/" 2>/dev/null || true
    m2="${HOME}/.m2/repository/org/apache/derby"; v=10.16.1.1
    [ -f "$work/derby/derby.jar" ] || [ -n "$(ls "$work"/derby/derby-1*.jar 2>/dev/null)" ] \
        || cp "$m2/derby/$v/derby-$v.jar" "$m2/derbyshared/$v/derbyshared-$v.jar" "$m2/derbytools/$v/derbytools-$v.jar" "$work/derby/" \
        || die "cannot find the Derby jars (sr-store's lib/, system/ or ~/.m2)"
fi
derby_cp=$(ls "$work"/derby/*.jar | paste -sd:)
sync  # the copy's dirty pages must not be written back during the first fsyncs measured

# sed -n 1p reads everything it is given: head would close the pipe early and pipefail would end the run (SIGPIPE)
built=$(ls -t "$work"/dist/system/*.jar | sed -n 1p | xargs stat -c %y | cut -c1-19)
digest=$(cat "$work"/dist/system/*.jar | sha256sum | cut -c1-12)
echo "intake-load: $dist (run from a copy; newest bundle $built, bundles sha256 $digest), $("$java" -version 2>&1 | sed -n 1p)"
echo "settings: stored=$stored threads=$threads warmup=${warmup}s measure=${measure}s window=${window}s raw=${raw_warmup}+${raw_seconds}s port=$port"
echo "cpus: $pinning"

# --- 1. raw inserts, in a JVM of their own on the platform's CPUs; run again at the end, so drift shows
# Measures into a fresh database; prints the driver's line and sets $raw_rate.
raw_inserts() {
    # shellcheck disable=SC2086
    run "${server_pin[@]}" "$java" $jvm_opts -cp "$derby_cp" "$root/bench/IntakeLoad.java" raw --threads "$threads" \
        --warmup "$raw_warmup" --seconds "$raw_seconds" --db "$work/raw-db" >"$work/raw.txt"
    sed "s/^/$1: /" "$work/raw.txt"
    raw_rate=$(sed -n 's/^raw_derby_inserts_per_s=\([0-9.]*\).*/\1/p' "$work/raw.txt")
    [ -n "$raw_rate" ] || die "the raw insert run printed no rate"
    rm -rf "$work/raw-db"
}
raw_inserts "raw, before the platform"
raw_before=$raw_rate

# --- starting and waiting
# Starts the platform on data folder $1, console to $2, pinned unless $3 is "unpinned"; sets $server, $started_ms.
start_server() {
    local pin=("${server_pin[@]}")
    [ "${3:-}" = unpinned ] && pin=()
    console=$2
    started_ms=$(now_ms)
    "${pin[@]}" "$platform" --demo --no-console --port "$port" --data "$1" >"$2" 2>&1 &
    server=$!
}
# Waits up to $1 s until a signed-in GET /me answers 200 and /health 200; sets $ready_ms.
await_ready() {
    local deadline=$(( $(now_ms) + $1 * 1000 )) me health
    while [ "$(now_ms)" -lt "$deadline" ]; do
        kill -0 "$server" 2>/dev/null || { echo "intake-load: the platform exited; its console:" >&2; tail -50 "$console" >&2; exit 1; }
        me=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' -u customer1:customer1 "http://127.0.0.1:$port/api/v1/me" || true)
        if [ "$me" = 200 ]; then
            health=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "http://127.0.0.1:$port/api/v1/health" || true)
            [ "$health" = 200 ] && { ready_ms=$(( $(now_ms) - started_ms )); return 0; }
        fi
        sleep 0.1
    done
    echo "intake-load: the platform was not ready within $1 s; its console:" >&2; tail -50 "$console" >&2; exit 1
}
# Waits up to --index-timeout s for sr-search's "Indexed N SRs for search"; sets $indexed ("" if not seen)
# and $indexed_ms (from process start).
await_index() {
    local deadline=$(( $(now_ms) + index_timeout * 1000 ))
    indexed=""
    while [ "$(now_ms)" -lt "$deadline" ]; do
        indexed=$(grep -m1 -o 'Indexed [0-9]* SRs for search.*' "$console" | cut -c1-160 || true)
        [ -n "$indexed" ] && { indexed_ms=$(( $(now_ms) - started_ms )); return 0; }
        kill -0 "$server" 2>/dev/null || { echo "intake-load: the platform exited; its console:" >&2; tail -50 "$console" >&2; exit 1; }
        sleep 0.2
    done
}

# --- 2. a data folder with schema and demo data, then the stored SRs (preparation: not pinned, not measured)
data="$work/data"
prepared=${prepared_dir:+$prepared_dir/stored-$stored}
if [ -n "$prepared" ] && [ -d "$prepared" ]; then
    cp -a "$prepared" "$data" && sync
    echo "prepare: took the data folder prepared before in $prepared ($(du -sm "$data" | cut -f1) MB; seeded by" \
        "$(cat "$data/prepared-by" 2>/dev/null || echo 'an unknown build'))"
else
start_server "$data" "$work/console-prepare.log" unpinned
await_ready 120
echo "prepare: first start on an empty data folder ready in $ready_ms ms (unpinned; schema, demo data); stopping it"
stop_server
if [ "$stored" -gt 0 ]; then
    echo "seeding $stored SRs into $data/db (embedded Derby, batched inserts, a commit every 500 SRs)"
    run "$java" -Xmx1g -cp "$derby_cp" "$root/bench/SeedRequests.java" --db "$data/db" --count "$stored"
    # The search index (sr-search keeps it in data/search) knows nothing of SRs written behind the platform's
    # back: without it, a start rebuilds it from every SR, as a platform that took them in would hold them.
    rm -rf "$data/search"
    start_server "$data" "$work/console-index.log" unpinned
    await_ready 300
    await_index
    [ -n "$indexed" ] || die "no \"Indexed N SRs for search\" within $index_timeout s (--index-timeout) of indexing $stored SRs"
    echo "prepare: search index of the stored SRs built, unpinned: \"$indexed\" $indexed_ms ms after process start; stopping it"
    stop_server
fi
if [ -n "$prepared" ]; then
    echo "bundles sha256 $digest, $(date -u +%FT%TZ)" >"$data/prepared-by"
    mkdir -p "$prepared_dir" && cp -a "$data" "$prepared" && sync
    echo "prepare: kept a copy of the prepared data folder in $prepared (--prepared)"
fi
fi

# --- 3. the measured start (a restart, pinned) and the load
if [ -n "$features_off" ]; then
    IFS=, read -ra off <<<"$features_off"
    for f in "${off[@]}"; do echo "$f=false" >>"$data/features.properties"; done
    echo "features switched off for the measured start: $features_off (data/features.properties)"
fi
start_server "$data" "$work/console.log"
await_ready 300
echo "platform: pid $server ready $ready_ms ms after process start (GET /api/v1/me as customer1 200, /health 200)"
await_index
if [ -n "$indexed" ]; then
    echo "search index: \"$indexed\" $indexed_ms ms after process start"
else
    echo "search index: no \"Indexed N SRs for search\" within $index_timeout s of ready; the load starts anyway"\
        "(the figures below include the indexing that may still run)"
fi
# CPU of each of the platform's threads (utime+stime ticks, by thread id and name), to tell where it went
thread_cpu() {
    for t in /proc/"$server"/task/*; do
        # a thread may end between the listing and the read: skip it (set -e would end the run)
        awk -v id="${t##*/}" -v name="$(cat "$t/comm" 2>/dev/null || true)" '{print id, $14 + $15, name}' "$t/stat" \
            2>/dev/null || true
    done
}
thread_cpu >"$work/threads-before.txt"
rc=0
run "${client_pin[@]}" "$java" -Xms256m -Xmx1g -XX:+UseSerialGC "$root/bench/IntakeLoad.java" intake --port "$port" \
    --threads "$threads" --warmup "$warmup" --measure "$measure" --window "$window" --server-pid "$server" \
    --clk-tck "$(getconf CLK_TCK)" --process-start-ms "$started_ms" --result "$work/intake.txt" || rc=$?
thread_cpu >"$work/threads-after.txt"
# Threads grouped by name without their numbers (qtp123-45 -> qtp-), the compilers apart: the busiest during the load
echo "platform threads by CPU during the whole load (warm-up and measured), seconds:"
awk -v hz="$(getconf CLK_TCK)" 'NR == FNR { before[$1] = $2; next }
    { name = $3; for (i = 4; i <= NF; i++) name = name " " $i; if (name !~ /Compiler/) gsub(/[0-9]+/, "", name)
      cpu[name] += $2 - before[$1] }
    END { for (n in cpu) if (cpu[n] > 0) printf "%.1f %s\n", cpu[n] / hz, n }' \
    "$work/threads-before.txt" "$work/threads-after.txt" | sort -rn | head -12 | sed 's/^/  /'
warnings=$(grep -c -E ' (WARN|ERROR) ' "$console" || true)
if [ "$warnings" -gt 0 ]; then
    echo "platform log: $warnings WARN/ERROR lines during the measured start and load; the first ones:"
    grep -E ' (WARN|ERROR) ' "$console" | head -5 | cut -c1-300
    first_error=$(grep -m1 -n ' ERROR ' "$console" | cut -d: -f1 || true)
    if [ -n "$first_error" ]; then
        echo "the first ERROR with what follows it:"
        sed -n "${first_error},$(( first_error + 30 ))p" "$console" | cut -c1-300
    fi
fi
stop_server
raw_inserts "raw, after the platform stopped"
raw_after=$raw_rate

# --- 4. the figures side by side
value() { sed -n "s/^$1=//p" "$work/intake.txt"; }
[ -f "$work/intake.txt" ] || die "the intake driver wrote no result"
intake_rate=$(value intake_warm_srs_per_s)
echo "== summary: stored=$stored, $dist"
awk -v b="$raw_before" -v a="$raw_after" -v i="$intake_rate" -v p50="$(value intake_warm_p50_ms)" \
    -v p99="$(value intake_warm_p99_ms)" -v worst="$(value intake_warm_worst_window_p99_ms)" \
    -v cpu="$(value server_cpu_ms_per_sr)" -v ready="$ready_ms" -v stored="$stored" -v warm="$(value warm_after_s)" 'BEGIN {
    raw = (a + b) / 2
    printf "raw_derby_inserts_per_s=%.0f  (mean of %.0f before and %.0f after the platform ran; %+.0f%% between them)\n", raw, b, a, (a - b) * 100 / b
    printf "intake_warm_srs_per_s=%.0f  p50_ms=%s  p99_ms=%s  worst_window_p99_ms=%s  server_cpu_ms_per_sr=%s  stored_srs=%d  ready_ms=%d  warm_after_s=%s\n", i, p50, p99, worst, cpu, stored, ready, warm
    printf "intake_vs_raw=%.3f  (the aim: 0.5, with p99 under 50 ms)\n", i / raw
}'
echo "cpus: $pinning"
exit "$rc"
