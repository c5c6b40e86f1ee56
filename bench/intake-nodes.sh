#!/usr/bin/env bash
# Intake throughput on PostgreSQL with one platform node and with two nodes sharing the database (issue 17), in
# one run, by the load driver of bench/intake-load.sh (bench/IntakeLoad.java):
#   1. raw_postgres_inserts: single-row durable inserts (autocommit) from --threads threads into a new table of the
#      database (the PostgreSQL driver the distribution ships), before the platforms run and again after: the mean
#      is the reference, the difference shows how much the machine drifted during the run;
#   2. for each node count of --nodes: a fresh schema in the database (the nodes' jdbc.url names it as
#      currentSchema; dropped afterwards), that many copies of the distribution started on it with --demo on ports
#      P, P+1... (the first alone first: it makes the schema and the demo data), then the load: POST
#      /api/v1/requests as customer1 (account 1001, product datacenter) from --threads clients, each a closed loop
#      sending its requests to the nodes in turn over one keep-alive connection per node, as a load balancer would;
#      the warm-up curve, then the warm figures (SRs/s, p50, p99, the worst window's p99, the nodes' CPU per SR);
#   3. a summary table: raw inserts, and each node count's warm intake beside it (intake / raw).
# Every answer must be 201: anything else is counted, shown, and makes the exit status 3.
#
# Nothing is pinned: the nodes, PostgreSQL and the client share the machine's CPUs (two nodes on half the CPUs
# each would measure the CPUs, not the nodes). PostgreSQL's own CPU is not in the nodes' CPU per SR.
#
# Usage: bench/intake-nodes.sh --postgres JDBC_URL [--nodes LIST] [--warmup S] [--measure S] [--threads N]
#                              [--raw-seconds S] [--port P]
#   --postgres URL   the database, e.g. jdbc:postgresql://127.0.0.1:5432/sr_test (its user may create schemas there)
#   --nodes LIST     node counts measured one after the other, comma-separated: 1, 2 or 1,2 (default 1,2)
#   --warmup S       seconds of load before the measured window (default 90; a multiple of 5)
#   --measure S      seconds measured warm (default 30; a multiple of 5)
#   --threads N      concurrent clients in all, and raw-insert threads (default 16)
#   --raw-seconds S  seconds of raw inserts measured, after 5 s of raw warm-up (default 15)
#   --port P         HTTP port of the first node on 127.0.0.1, the next ones P+1... (default $SR_BENCH_PORT or 18766)
# Environment: PGUSER (default sr) and PGPASSWORD (default sr-test-only: the test role .ci/run makes), SR_DIST (the
# distribution to measure; default sr-dist/target/sr-platform: build it with mvn -B -DskipTests install),
# SR_JAVA_OPTS (as bin/sr-platform: the nodes' JVM options, also used for the raw-insert JVM), JAVA_HOME.
#
# One default run takes about 2 x (2 minutes of load + starts) plus the raw inserts. Loopback only; every wait is
# bounded; processes, schemas and the temporary folder are removed on exit. Run it alone:
#   flock /tmp/sr-build.lock bench/intake-nodes.sh --postgres jdbc:postgresql://127.0.0.1:5432/sr_test
set -euo pipefail

die() { echo "intake-nodes: $*" >&2; exit 2; }
usage() { sed -n '/^# Usage:/,/^# Environment:/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' | sed '$d' >&2; }

postgres=""; node_counts="1,2"; warmup=90; measure=30; threads=16; raw_seconds=15; raw_warmup=5; window=5
port="${SR_BENCH_PORT:-18766}"
whole() { [[ "$2" =~ ^[0-9]{1,10}$ ]] || { usage; die "$1 needs a whole number (digits only), not '${2}'"; }; }
while [ $# -gt 0 ]; do
    case "$1" in
        --warmup|--measure|--threads|--raw-seconds|--port)
            [ $# -ge 2 ] || { usage; die "$1 needs a value"; }
            whole "$1" "$2"
            n=$((10#$2))
            case "$1" in
                --warmup) warmup=$n ;; --measure) measure=$n ;; --threads) threads=$n ;;
                --raw-seconds) raw_seconds=$n ;; --port) port=$n ;;
            esac
            shift 2 ;;
        --postgres) [ $# -ge 2 ] || die "--postgres needs a JDBC URL"; postgres=$2; shift 2 ;;
        --nodes) [ $# -ge 2 ] || die "--nodes needs 1, 2 or 1,2"; node_counts=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage; die "unknown argument '$1'" ;;
    esac
done
[[ "$postgres" == jdbc:postgresql://* ]] || { usage; die "--postgres needs a jdbc:postgresql://host:port/database URL"; }
[[ "$node_counts" =~ ^[12](,[12])*$ ]] || die "--nodes takes 1, 2 or 1,2, not '$node_counts'"
(( warmup % window == 0 )) || die "--warmup must be a multiple of $window s, not $warmup"
(( measure % window == 0 && measure > 0 )) || die "--measure must be a positive multiple of $window s, not $measure"
(( threads >= 1 && threads <= 1024 )) || die "--threads must be 1..1024, not $threads"
(( raw_seconds >= 1 )) || die "--raw-seconds must be at least 1"
(( port >= 1024 && port <= 65534 )) || die "--port must be 1024..65534, not $port"
export PGUSER="${PGUSER:-sr}" PGPASSWORD="${PGPASSWORD:-sr-test-only}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$(cd "${SR_DIST:-$root/sr-dist/target/sr-platform}" 2>/dev/null && pwd)" \
    || die "no distribution at ${SR_DIST:-$root/sr-dist/target/sr-platform}: build it (mvn -B -o -DskipTests install) or set SR_DIST"
[ -x "$dist/bin/sr-platform" ] || die "no bin/sr-platform in $dist"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v curl >/dev/null || die "curl is needed"
jvm_opts=${SR_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx512m -XX:+ExitOnOutOfMemoryError}  # bin/sr-platform's
# The PostgreSQL driver the platform itself uses (a bundle, and a plain jar too).
pg_jar=$(ls "$dist"/system/postgresql-*.jar 2>/dev/null | sed -n 1p)
[ -n "$pg_jar" ] || pg_jar=$(ls "${HOME}"/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar 2>/dev/null | grep -v sources | sed -n 1p)
[ -n "$pg_jar" ] || die "no PostgreSQL driver in $dist/system or ~/.m2"
max_nodes=$(tr ',' '\n' <<<"$node_counts" | sort -n | tail -1)
for ((i = 0; i < max_nodes; i++)); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$((port + i))/" && die "port $((port + i)) answers already: stop that program or use --port"
done

work="$(mktemp -d "${TMPDIR:-/tmp}/intake-nodes.XXXXXX")"
servers=(); child=""; schema=""
pg() { "$java" -cp "$pg_jar" "$root/bench/IntakeLoad.java" schema --url "$postgres" --user "$PGUSER" "$@"; }
# Stops every node: SIGTERM, SIGKILL after 60 s.
stop_servers() {
    local pid
    for pid in "${servers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${servers[@]}"; do
        for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            echo "intake-nodes: node pid $pid did not stop within 60 s of SIGTERM; killed" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
    servers=()
}
cleanup() {
    set +e  # every step runs, whatever the one before returned
    if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; fi
    stop_servers
    [ -n "$schema" ] && pg --drop "$schema" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Runs a command in the background and waits for it, so that a signal to this script is handled at once.
run() { "$@" & child=$!; local rc=0; wait "$child" || rc=$?; child=""; return "$rc"; }
now_ms() { date +%s%3N; }

pg --create "sr_bench_probe_$$" 2>"$work/probe.txt" \
    || die "cannot make a schema in $postgres as $PGUSER (PGUSER, PGPASSWORD): $(tail -3 "$work/probe.txt")"
pg --drop "sr_bench_probe_$$"

built=$(ls -t "$dist"/system/*.jar | sed -n 1p | xargs stat -c %y | cut -c1-19)
digest=$(cat "$dist"/system/*.jar | sha256sum | cut -c1-12)
echo "intake-nodes: $dist (run from copies; newest bundle $built, bundles sha256 $digest), $("$java" -version 2>&1 | sed -n 1p)"
echo "settings: postgres=$postgres user=$PGUSER nodes=$node_counts threads=$threads warmup=${warmup}s measure=${measure}s window=${window}s raw=${raw_warmup}+${raw_seconds}s ports from $port"
echo "cpus: not pinned: the nodes, PostgreSQL and the client share all $(nproc) CPUs"

# --- 1. raw inserts into the same database; again at the end, so drift shows
raw_inserts() {
    # shellcheck disable=SC2086
    run "$java" $jvm_opts -cp "$pg_jar" "$root/bench/IntakeLoad.java" raw --threads "$threads" \
        --warmup "$raw_warmup" --seconds "$raw_seconds" --url "$postgres" --user "$PGUSER" >"$work/raw.txt"
    sed "s/^/$1: /" "$work/raw.txt"
    raw_rate=$(sed -n 's/^raw_postgres_inserts_per_s=\([0-9.]*\).*/\1/p' "$work/raw.txt")
    [ -n "$raw_rate" ] || die "the raw insert run printed no rate"
}
raw_inserts "raw, before the platforms"
raw_before=$raw_rate

# --- 2. each node count: fresh schema, nodes, load
# Waits up to $2 s until node $1 (index) answers a signed-in GET /me and /health with 200.
await_ready() {
    local i=$1 deadline=$(( $(now_ms) + $2 * 1000 )) me health
    while [ "$(now_ms)" -lt "$deadline" ]; do
        kill -0 "${servers[$i]}" 2>/dev/null || { echo "intake-nodes: node $((i + 1)) exited; its console:" >&2; tail -50 "$work/node$i.log" >&2; exit 1; }
        me=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' -u customer1:customer1 "http://127.0.0.1:$((port + i))/api/v1/me" || true)
        if [ "$me" = 200 ]; then
            health=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "http://127.0.0.1:$((port + i))/api/v1/health" || true)
            [ "$health" = 200 ] && return 0
        fi
        sleep 0.1
    done
    echo "intake-nodes: node $((i + 1)) was not ready within $2 s; its console:" >&2; tail -50 "$work/node$i.log" >&2; exit 1
}
rc=0
summary=()
IFS=, read -ra counts <<<"$node_counts"
for nodes in "${counts[@]}"; do
    schema="sr_bench_${nodes}n_$$_$(date +%s)"
    pg --create "$schema"
    case "$postgres" in *\?*) url="$postgres&currentSchema=$schema" ;; *) url="$postgres?currentSchema=$schema" ;; esac
    ports=(); started_ms=$(now_ms)
    for ((i = 0; i < nodes; i++)); do
        home="$work/node$i"
        rm -rf "$home" && mkdir -p "$home"
        cp -a "$dist/." "$home/"
        rm -rf "$home/log" "$home/data" && mkdir -p "$home/log"
        printf '\n# intake-nodes: every node on one database\njdbc.url = %s\njdbc.user = %s\njdbc.password = %s\n' \
            "$url" "$PGUSER" "$PGPASSWORD" >>"$home/etc/org.srplatform.store.cfg"
        "$home/bin/sr-platform" --demo --no-console --port "$((port + i))" --data "$home/data" >"$work/node$i.log" 2>&1 &
        servers+=($!)
        ports+=($((port + i)))
        await_ready "$i" 300  # one after the other: the first makes the schema and the demo data
    done
    echo "== $nodes node(s) on schema $schema: pids ${servers[*]}, ports ${ports[*]}, all ready $(( $(now_ms) - started_ms )) ms after the first started"
    run "$java" -Xms256m -Xmx1g -XX:+UseSerialGC "$root/bench/IntakeLoad.java" intake --port "$(IFS=,; echo "${ports[*]}")" \
        --threads "$threads" --warmup "$warmup" --measure "$measure" --window "$window" \
        --server-pid "$(IFS=,; echo "${servers[*]}")" --clk-tck "$(getconf CLK_TCK)" --process-start-ms "$started_ms" \
        --result "$work/intake-$nodes.txt" || rc=$?
    for ((i = 0; i < nodes; i++)); do
        warnings=$(grep -c -E ' (WARN|ERROR) ' "$work/node$i.log" || true)
        [ "$warnings" -gt 0 ] && { echo "node $((i + 1)) log: $warnings WARN/ERROR lines; the first ones:"; grep -E ' (WARN|ERROR) ' "$work/node$i.log" | head -5 | cut -c1-300; }
    done
    stop_servers
    pg --drop "$schema"
    schema=""
done

raw_inserts "raw, after the platforms stopped"
raw_after=$raw_rate

# --- 3. the figures side by side
value() { sed -n "s/^$2=//p" "$work/intake-$1.txt"; }
raw=$(awk -v b="$raw_before" -v a="$raw_after" 'BEGIN { printf "%.0f", (a + b) / 2 }')
echo "== summary: PostgreSQL $postgres, $threads clients, ${warmup} s warm-up, ${measure} s measured"
awk -v b="$raw_before" -v a="$raw_after" 'BEGIN {
    printf "raw_postgres_inserts_per_s=%.0f  (mean of %.0f before and %.0f after the platforms ran; %+.0f%% between them)\n", (a + b) / 2, b, a, (a - b) * 100 / b }'
echo
echo "| nodes | intake SRs/s | p50 ms | p99 ms | worst 5 s p99 ms | nodes' CPU ms per SR | intake / raw inserts |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
echo "| raw single-row durable inserts, $threads threads | $raw | | | | | 1 |"
for nodes in "${counts[@]}"; do
    [ -f "$work/intake-$nodes.txt" ] || { echo "| $nodes | (no result) | | | | | |"; continue; }
    rate=$(value "$nodes" intake_warm_srs_per_s)
    echo "| $nodes | $rate | $(value "$nodes" intake_warm_p50_ms) | $(value "$nodes" intake_warm_p99_ms) |" \
        "$(value "$nodes" intake_warm_worst_window_p99_ms) | $(value "$nodes" server_cpu_ms_per_sr) |" \
        "$(awk -v i="$rate" -v r="$raw" 'BEGIN { printf "%.3f", i / r }') |"
done
exit "$rc"
