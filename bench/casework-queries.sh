#!/usr/bin/env bash
# Casework's lists and SLA target watch over many stored SRs, as the issue asks: the time of
# GET /requests?assignee=me&overdue=true (aim: p99 under 50 ms) and of the at-risk job over N worked SRs, with
# the queries and indexes they use, in one run:
#   1. N SRs seeded in a worked state (bench/SeedRequests.java --worked: statuses spread, assigned over
#      --engineers engineers, queue 'general', owed responses, casework clocks with exactly --due-clocks due);
#   2. the lists, through HTTP on the running platform, each as a warm-up then --requests requests at each
#      --clients concurrency: p50/p99/max, requests/s, items on the page, every answer checked (200, and each
#      item assigned / overdue / in the queue and status asked for):
#        overdue_mine   GET /api/v1/requests?assignee=me&overdue=true   as engineer1 (support engineer)
#        overdue_all    GET /api/v1/requests?overdue=true               as duty1 (duty manager)
#        mine           GET /api/v1/requests?assignee=me                as engineer1
#        queue_status   GET /api/v1/requests?queue=general&status=IN_PROGRESS   as duty1
#        search_common  GET /api/v1/requests?q=checksum                 as duty1 (full-text search, a common word)
#        search_rare    GET /api/v1/requests?q=jumbo%20frames           as duty1 (a rarer phrase)
#      and the platform's resident memory (VmRSS) after them;
#   3. the SLA target watch: etc/org.srplatform.casework.cfg gets watch.interval.seconds = --watch-interval (it
#      was a day until then, so no pass ran during the lists), which restarts the job; its first pass meets the
#      --due-clocks due clocks ("SLA target watch: N alerts raised, M resolved SRs closed in X ms", INFO), the
#      following --watch-passes find nothing due ("SLA target watch: nothing due (X ms)", DEBUG, switched on for
#      TargetWatch in the copy's etc/org.ops4j.pax.logging.cfg);
#   4. the platform stopped, each statement on its database (embedded Derby, the platform's page cache size):
#      its time once cold and warm, and its plan as Derby logs it (derby.language.logQueryPlan): which index,
#      how many rows read, whether a sort ran and whether it spilled to disk; the optimizer's index statistics;
#   5. a Markdown summary.
#
# Pinning: with taskset and at least 2 CPUs, the platform and the plans' JVM get the first half of the CPUs this
# script may use, the HTTP client the other half (2 CPUs: platform cpu 0, client cpu 1); the output says which,
# or why nothing was pinned. SR_BENCH_NO_PIN=1 turns pinning off. Preparation (first start, seeding, the
# start that builds the search index) is not pinned and not measured.
#
# Usage: bench/casework-queries.sh [--stored N] [--engineers N] [--due-clocks K] [--overdue-share P]
#                                  [--quiet-minutes M] [--clients LIST] [--warmup N] [--requests N]
#                                  [--max-seconds S] [--watch-interval S] [--watch-passes N] [--port P]
#                                  [--index-timeout S] [--sql FILE] [--features-off LIST] [--keep DIR] [--keep-db]
#   --stored N          worked SRs seeded (default 1000000; 100000 for a quicker check)
#   --engineers N       assignees engineer1..engineerN (default 50; engineer1 is the demo user measured)
#   --due-clocks K      clocks at risk and not yet told when the watch's first pass runs (default 1000)
#   --overdue-share P   share of the SRs owing a response whose target passed (default 0.02)
#   --quiet-minutes M   no other clock falls due and no other SR becomes overdue within M minutes of seeding
#                       (default 60): the run must reach the watch's first pass within them, or the counts drift
#                       (the script warns)
#   --clients LIST      concurrent clients of each list measurement, comma-separated (default 1,4)
#   --warmup N          requests before each measurement, not counted (default 200)
#   --requests N        requests measured per list and concurrency (default 1000)
#   --max-seconds S     a measurement ends after S seconds even if fewer requests were made (default 120)
#   --watch-interval S  watch.interval.seconds once the lists are measured (default 5)
#   --watch-passes N    passes with nothing due measured after the first (default 6)
#   --port P            HTTP port of the platform on 127.0.0.1 (default $SR_BENCH_PORT or 18767)
#   --index-timeout S   how long to wait for "Indexed N SRs for search" (default 1200)
#   --sql FILE          statements run on the database after seeding, before the measured start (each ends
#                       with ';', '--' starts a comment): to measure other indexes through the whole platform
#   --features-off LIST features switched off for the measured start, comma-separated (data/features.properties,
#                       as an operator would): to keep another feature's background work out of the figures
#   --keep DIR          this run's output, the consoles, the seeding output and the whole plans into DIR
#   --keep-db           also move the database into DIR/db once measured (to try other indexes or queries on it)
# Environment: SR_DIST (the distribution to measure; default sr-dist/target/sr-platform: build it with
# mvn -B -DskipTests install), SR_BENCH_NO_PIN=1, SR_JAVA_OPTS (as bin/sr-platform), JAVA_HOME.
#
# The distribution is copied into a temporary folder (the measured one is never written to); the platform starts
# once with --demo on a fresh data folder (schema, demo data, casework's tables) and stops; N SRs are seeded;
# data/search is removed and the measured start rebuilds it; the lists are measured once the platform is ready, the
# index built and the platform idle (under 5% of a CPU for 5 s, at most 300 s: "settled"). Here seeding writes about
# 5,000 SRs/s (1,000,000 in 3.5 minutes, 2.5 GB) and the index takes 2.5 to 5 minutes; a whole run at 1,000,000
# took 35 minutes with the lists as they are (the slow ones end at --max-seconds), 20 with fast ones.
# Loopback only; every wait is bounded; processes and the temporary folder are removed on exit.
# Run it alone: flock /tmp/sr-build.lock bench/casework-queries.sh ...
set -euo pipefail

die() { echo "casework-queries: $*" >&2; exit 2; }
usage() { sed -n '/^# Usage:/,/^# Environment:/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' | sed '$d' >&2; }

stored=1000000; engineers=50; due_clocks=1000; overdue_share=0.02; quiet=60; clients_list=1,4
warmup=200; requests=1000; max_seconds=120; watch_interval=5; watch_passes=6
port="${SR_BENCH_PORT:-18767}"; index_timeout=1200; keep=""; keep_db=""; sql_file=""; features_off=""
whole() { [[ "$2" =~ ^[0-9]{1,10}$ ]] || { usage; die "$1 needs a whole number (digits only), not '${2}'"; }; }
while [ $# -gt 0 ]; do
    case "$1" in
        --stored|--engineers|--due-clocks|--quiet-minutes|--warmup|--requests|--max-seconds|--watch-interval|\
        --watch-passes|--port|--index-timeout)
            [ $# -ge 2 ] || { usage; die "$1 needs a value"; }
            whole "$1" "$2"
            n=$((10#$2))
            case "$1" in
                --stored) stored=$n ;; --engineers) engineers=$n ;; --due-clocks) due_clocks=$n ;;
                --quiet-minutes) quiet=$n ;; --warmup) warmup=$n ;; --requests) requests=$n ;;
                --max-seconds) max_seconds=$n ;; --watch-interval) watch_interval=$n ;;
                --watch-passes) watch_passes=$n ;; --port) port=$n ;; --index-timeout) index_timeout=$n ;;
            esac
            shift 2 ;;
        --overdue-share)
            [ $# -ge 2 ] || { usage; die "$1 needs a value"; }
            [[ "$2" =~ ^(0(\.[0-9]+)?|1(\.0+)?)$ ]] || { usage; die "--overdue-share needs a number from 0 to 1, not '$2'"; }
            overdue_share=$2; shift 2 ;;
        --clients)
            [ $# -ge 2 ] || { usage; die "$1 needs a value"; }
            [[ "$2" =~ ^[0-9]{1,4}(,[0-9]{1,4})*$ ]] || { usage; die "--clients needs numbers separated by commas, not '$2'"; }
            clients_list=$2; shift 2 ;;
        --keep)
            [ $# -ge 2 ] || { usage; die "$1 needs a value"; }
            keep=$2; shift 2 ;;
        --keep-db) keep_db=1; shift ;;
        --features-off)
            [ $# -ge 2 ] || { usage; die "$1 needs a value"; }
            [[ "$2" =~ ^[a-z0-9-]+(,[a-z0-9-]+)*$ ]] || { usage; die "--features-off needs feature ids separated by commas, not '$2'"; }
            features_off=$2; shift 2 ;;
        --sql)
            [ $# -ge 2 ] || { usage; die "$1 needs a value"; }
            [ -r "$2" ] || die "--sql: cannot read $2"
            sql_file="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage; die "unknown argument '$1'" ;;
    esac
done
(( stored >= 1 && stored <= 999999999 )) || die "--stored must be 1..999999999 (the SR number sequence)"
(( engineers >= 1 )) || die "--engineers must be at least 1"
(( watch_interval >= 1 )) || die "--watch-interval must be at least 1"
(( requests >= 1 )) || die "--requests must be at least 1"
(( port >= 1024 && port <= 65535 )) || die "--port must be 1024..65535, not $port"
IFS=, read -ra clients_each <<<"$clients_list"
for c in "${clients_each[@]}"; do (( 10#$c >= 1 )) || die "--clients: each concurrency must be at least 1"; done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$(cd "${SR_DIST:-$root/sr-dist/target/sr-platform}" 2>/dev/null && pwd)" \
    || die "no distribution at ${SR_DIST:-$root/sr-dist/target/sr-platform}: build it (mvn -B -o -DskipTests install) or set SR_DIST"
[ -x "$dist/bin/sr-platform" ] || die "no bin/sr-platform in $dist"
ls "$dist"/system/sr-casework-*.jar >/dev/null 2>&1 || die "the distribution at $dist has no sr-casework bundle"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v curl >/dev/null || die "curl is needed"
curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" && die "port $port answers already: stop that program or use --port"
[ -z "$keep_db" ] || [ -n "$keep" ] || die "--keep-db needs --keep DIR"
if [ -n "$keep" ]; then mkdir -p "$keep" && keep="$(cd "$keep" && pwd)" || die "cannot create --keep $keep"; fi
[ -z "$keep_db" ] || [ ! -e "$keep/db" ] || die "--keep-db: $keep/db exists already"
# With --keep, this run's output goes to DIR/casework-queries.out too.
# tee ignores the signals that stop the run, so that the clean-up's own output still has somewhere to go.
if [ -n "$keep" ]; then exec > >(trap '' INT TERM; exec tee "$keep/casework-queries.out") 2>&1; fi

work="$(mktemp -d "${TMPDIR:-/tmp}/casework-queries.XXXXXX")"
server=""; child=""
# Stops the platform: SIGTERM (it shuts Derby down cleanly), SIGKILL after 120 s.
stop_server() {
    [ -n "$server" ] || return 0
    kill -TERM "$server" 2>/dev/null || true
    for _ in $(seq 1 1200); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$server" 2>/dev/null; then
        echo "casework-queries: the platform (pid $server) did not stop within 120 s of SIGTERM; killed" >&2
        kill -KILL "$server" 2>/dev/null || true
    fi
    wait "$server" 2>/dev/null || true
    server=""
}
cleanup() {
    set +e  # every step runs, whatever the one before returned
    if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; fi
    stop_server
    if [ -n "$keep" ]; then
        cp "$work"/*.log "$work"/*.txt "$keep/" 2>/dev/null
        cp "$work/dist/log/sr-platform.log" "$keep/" 2>/dev/null
        [ -z "$keep_db" ] || [ -n "$server" ] || mv "$work/data/db" "$keep/db" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Runs a command in the background and waits for it, so that a signal to this script is handled at once.
run() { "$@" & child=$!; local rc=0; wait "$child" || rc=$?; child=""; return "$rc"; }
now_ms() { date +%s%3N; }

# --- pinning (as bench/intake-load.sh)
expand_cpus() {  # "0-2,4" -> "0 1 2 4"
    local part out=()
    IFS=, read -ra parts <<<"$1"
    for part in "${parts[@]}"; do
        if [[ "$part" == *-* ]]; then out+=($(seq "${part%-*}" "${part#*-}")); else out+=("$part"); fi
    done
    echo "${out[@]}"
}
server_pin=(); client_pin=()
cpus=($(expand_cpus "$(awk '/^Cpus_allowed_list/ {print $2}' /proc/self/status)"))
if [ "${SR_BENCH_NO_PIN:-}" = 1 ]; then
    pinning="not pinned: SR_BENCH_NO_PIN=1 (platform and client share all ${#cpus[@]} CPUs)"
elif ! command -v taskset >/dev/null; then
    pinning="not pinned: no taskset on this machine (platform and client share all ${#cpus[@]} CPUs)"
elif [ "${#cpus[@]}" -lt 2 ]; then
    pinning="not pinned: only ${#cpus[@]} CPU available (platform and client share it)"
else
    half=$(( (${#cpus[@]} + 1) / 2 ))
    server_cpus=$(IFS=,; echo "${cpus[*]:0:half}"); client_cpus=$(IFS=,; echo "${cpus[*]:half}")
    server_pin=(taskset -c "$server_cpus"); client_pin=(taskset -c "$client_cpus")
    pinning="pinned with taskset: platform and plans JVM on CPU(s) $server_cpus, HTTP client on CPU(s) $client_cpus (of ${#cpus[@]})"
fi

# --- a private copy of the distribution: the one measured is never written to (etc/, log/, data/)
mkdir -p "$work/dist"
cp -a "$dist/." "$work/dist/"
rm -rf "$work/dist/log" "$work/dist/data" && mkdir -p "$work/dist/log"
platform="$work/dist/bin/sr-platform"
etc="$work/dist/etc"
casework_cfg="$etc/org.srplatform.casework.cfg"
# No pass of the target watch until the lists are measured (a day); its quiet passes are logged at DEBUG.
printf '# bench/casework-queries.sh: no pass while the lists are measured\nwatch.interval.seconds = 86400\n' >"$casework_cfg"
cat >>"$etc/org.ops4j.pax.logging.cfg" <<'EOF'

# bench/casework-queries.sh: the target watch's passes that find nothing due ("nothing due (X ms)")
log4j2.logger.casework_watch.name = org.srplatform.casework.internal.TargetWatch
log4j2.logger.casework_watch.level = DEBUG
EOF

# --- the platform's own Derby (inside sr-store's jar), for the seeding and the plans
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

# (no "| head" in this script: with pipefail, the writer it leaves behind may die of SIGPIPE and end the run)
built=$(stat -c '%Y %y' "$work"/dist/system/*.jar | sort -n | sed -n '$p' | cut -d' ' -f2-3 | cut -c1-19)
digest=$(cat "$work"/dist/system/*.jar | sha256sum | cut -c1-12)
echo "casework-queries: $dist (run from a copy; newest bundle $built, bundles sha256 $digest), $("$java" -version 2>&1 | sed -n 1p)"
echo "settings: ${sql_file:+sql=$sql_file }${features_off:+features_off=$features_off }stored=$stored engineers=$engineers due_clocks=$due_clocks overdue_share=$overdue_share quiet=${quiet}min"\
     "clients=$clients_list warmup=$warmup requests=$requests max_seconds=$max_seconds watch_interval=${watch_interval}s"\
     "watch_passes=$watch_passes port=$port"
echo "cpus: $pinning"

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
        kill -0 "$server" 2>/dev/null || { echo "casework-queries: the platform exited; its console:" >&2; tail -50 "$console" >&2; exit 1; }
        me=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' -u engineer1:engineer1 "http://127.0.0.1:$port/api/v1/me" || true)
        if [ "$me" = 200 ]; then
            health=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "http://127.0.0.1:$port/api/v1/health" || true)
            [ "$health" = 200 ] && { ready_ms=$(( $(now_ms) - started_ms )); return 0; }
        fi
        sleep 0.2
    done
    echo "casework-queries: the platform was not ready within $1 s; its console:" >&2; tail -50 "$console" >&2; exit 1
}
# Waits up to --index-timeout s for sr-search's "Indexed N SRs for search"; sets $indexed ("" if not seen).
await_index() {
    local deadline=$(( $(now_ms) + index_timeout * 1000 ))
    indexed=""
    while [ "$(now_ms)" -lt "$deadline" ]; do
        indexed=$(grep -m1 -o 'Indexed [0-9]* SRs for search.*' "$console" | cut -c1-160 || true)
        [ -n "$indexed" ] && { indexed_ms=$(( $(now_ms) - started_ms )); return 0; }
        kill -0 "$server" 2>/dev/null || { echo "casework-queries: the platform exited; its console:" >&2; tail -50 "$console" >&2; exit 1; }
        sleep 0.5
    done
}

# --- 1. schema and demo data, then the worked SRs (preparation: not pinned, not measured)
data="$work/data"
start_server "$data" "$work/console-prepare.log" unpinned
await_ready 180
echo "prepare: first start on an empty data folder ready in $ready_ms ms (unpinned; schema, demo data, casework tables); stopping it"
stop_server
echo "seeding $stored worked SRs into $data/db (embedded Derby, bench/SeedRequests.java --worked)"
seeded_ms=$(now_ms)
run "$java" -Xmx2g -cp "$derby_cp" "$root/bench/SeedRequests.java" --db "$data/db" --count "$stored" --worked \
    --engineers "$engineers" --due-clocks "$due_clocks" --overdue-share "$overdue_share" --quiet-minutes "$quiet" \
    | tee "$work/seed.txt"
seed_value() { sed -n "s/^worked_$1=//p" "$work/seed.txt"; }
[ -n "$(seed_value due_clocks)" ] || die "the seeding printed no worked_ figures"
if [ -n "$sql_file" ]; then
    echo "sql: running $sql_file on the seeded database (--sql)"
    run "$java" -Xmx1g -cp "$derby_cp" "$root/bench/CaseworkQueries.java" sql --db "$data/db" --file "$sql_file"
fi
if [ -n "$features_off" ]; then
    IFS=, read -ra off <<<"$features_off"
    for f in "${off[@]}"; do echo "$f=false" >>"$data/features.properties"; done
    echo "features switched off for the measured start: $features_off (data/features.properties)"
fi
# The search index knows nothing of SRs written behind the platform's back: the start rebuilds it from every SR.
rm -rf "$data/search"

# --- 2. the measured start (pinned) and the lists
start_server "$data" "$work/console.log"
await_ready 600
echo "platform: pid $server ready $ready_ms ms after process start"
await_index
[ -n "$indexed" ] || die "no \"Indexed N SRs for search\" within $index_timeout s (--index-timeout)"
echo "search index: \"$indexed\" $indexed_ms ms after process start"
# Waits until the platform's process used under 5% of a CPU for 5 s (Derby's index statistics, Lucene's merges
# and the JIT done), at most 300 s; prints how long that took.
settle() {
    local hz ticks last now_ticks deadline=$(( $(now_ms) + 300000 )) from=$(now_ms)
    hz=$(getconf CLK_TCK)
    ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
    last=$(ticks)
    while [ "$(now_ms)" -lt "$deadline" ]; do
        sleep 5
        now_ticks=$(ticks)
        if (( (now_ticks - last) * 100 < hz * 5 * 5 )); then
            echo "settled: the platform used $(( (now_ticks - last) * 1000 / hz )) ms of CPU in the last 5 s ($(( ($(now_ms) - from) / 1000 )) s after the index)"
            return 0
        fi
        last=$now_ticks
    done
    echo "settled: not within 300 s (the platform still busy: jstack $server names the threads); measuring anyway"
}
settle
since_seed_min() { echo $(( ($(now_ms) - seeded_ms) / 60000 )); }

# One list: its name, user, path and the --expect- options; appends a row per concurrency to $work/lists.txt.
measure() {
    local name=$1 user=$2 path=$3; shift 3
    local c out rc
    for c in "${clients_each[@]}"; do
        rc=0
        out=$(run "${client_pin[@]}" "$java" -Xms128m -Xmx512m -XX:+UseSerialGC "$root/bench/CaseworkQueries.java" get \
            --port "$port" --user "$user" --path "$path" --clients "$((10#$c))" --warmup "$warmup" \
            --requests "$requests" --max-seconds "$max_seconds" "$@") || rc=$?
        echo "$name ($user, $path): $out"
        [ "$rc" = 0 ] || failures=$((failures + 1))
        echo "$name|$user|$path|$(grep -m1 '^requests=' <<<"$out")" >>"$work/lists.txt"
    done
}
failures=0
: >"$work/lists.txt"
measure overdue_mine engineer1 "/api/v1/requests?assignee=me&overdue=true" --expect-assignee engineer1 --expect-overdue true
measure overdue_all duty1 "/api/v1/requests?overdue=true" --expect-overdue true
measure mine engineer1 "/api/v1/requests?assignee=me" --expect-assignee engineer1
measure queue_status duty1 "/api/v1/requests?queue=general&status=IN_PROGRESS" --expect-queue general --expect-status IN_PROGRESS
# Full-text search (sr-search's index): a word in about one SR in fifteen, and a phrase in fewer.
measure search_common duty1 "/api/v1/requests?q=checksum"
measure search_rare duty1 "/api/v1/requests?q=jumbo%20frames"
lists_done_min=$(since_seed_min)
rss_after_mb=$(( $(awk '/VmRSS/ {print $2}' "/proc/$server/status") / 1024 ))
echo "memory: the platform's resident set after the lists: $rss_after_mb MB (VmRSS; $stored SRs stored)"

# --- 3. the target watch: a short interval restarts the job; its first pass meets the due clocks
watch_line_count() { grep -c 'SLA target watch' "$console" || true; }
before=$(watch_line_count)
printf '# bench/casework-queries.sh: the watch measured\nwatch.interval.seconds = %d\n' "$watch_interval" >"$casework_cfg"
echo "target watch: watch.interval.seconds = $watch_interval written $(since_seed_min) min after seeding began"\
     "(quiet for $quiet min); waiting for its first pass and $watch_passes more"
deadline=$(( $(now_ms) + (120 + watch_interval * (watch_passes + 2)) * 1000 ))
while [ "$(now_ms)" -lt "$deadline" ]; do
    [ "$(watch_line_count)" -ge $(( before + 1 + watch_passes )) ] && break
    kill -0 "$server" 2>/dev/null || die "the platform exited during the watch"
    sleep 1
done
grep 'SLA target watch' "$console" | tail -n +$(( before + 1 )) | cut -c1-200 >"$work/watch.txt" || true
sed 's/^/  /' "$work/watch.txt"
[ -s "$work/watch.txt" ] || echo "target watch: no pass logged (see $console)"

warnings=$(grep -c -E ' (WARN|ERROR) ' "$console" || true)
if [ "$warnings" -gt 0 ]; then
    echo "platform log: $warnings WARN/ERROR lines; the first ones:"
    grep -E ' (WARN|ERROR) ' "$console" | sed -n 1,5p | cut -c1-300
fi
stop_server

# --- 4. times and plans of the statements, on the stopped platform's database (this run's own copy)
echo "statements: embedded Derby on $data/db (the platform stopped): times, then plans"
run "${server_pin[@]}" "$java" -Xmx1g -cp "$derby_cp" "$root/bench/CaseworkQueries.java" times --db "$data/db" \
    --assignee engineer1 --queue general --status IN_PROGRESS | tee "$work/times.txt"
run "${server_pin[@]}" "$java" -Xmx1g -Dderby.language.logQueryPlan=true -cp "$derby_cp" "$root/bench/CaseworkQueries.java" \
    explain --db "$data/db" --assignee engineer1 --queue general --status IN_PROGRESS --out "$work/plans-full.txt" \
    | tee "$work/plans.txt"

# --- 5. the summary
echo
echo "== summary: $stored worked SRs, $dist ($digest), $(date -u +%Y-%m-%dT%H:%MZ)${features_off:+, features off: $features_off}${sql_file:+, after $sql_file}"
echo
echo "Resident memory of the platform after the lists, $stored SRs stored: $rss_after_mb MB (VmRSS)."
echo
echo "Seeded: $(seed_value statuses); owing a response $(seed_value owing), overdue $(seed_value overdue);"\
     "engineer1 $(seed_value engineer1_srs) SRs, $(seed_value engineer1_owing) owing, $(seed_value engineer1_overdue) overdue;"\
     "clocks watched $(seed_value watched_clocks), due $(seed_value due_clocks). Lists measured until $lists_done_min min after"\
     "seeding began (quiet: $quiet min)."
echo
echo "| list | as | clients | requests | p50 ms | p99 ms | max ms | req/s | items | next page | errors |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |"
while IFS='|' read -r name user path out; do
    v() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$out"; }
    echo "| \`GET ${path#/api/v1}\` | $user | $(v clients) | $(v requests) | $(v p50_ms) | $(v p99_ms) | $(v max_ms) | $(v per_s) | $(v items) | $(v next_page) | $(v errors) |"
done <"$work/lists.txt"
echo
echo "| target watch pass | what it found | ms |"
echo "| --- | --- | ---: |"
pass=0
while read -r line; do
    pass=$((pass + 1))
    if [[ "$line" =~ SLA\ target\ watch:\ ([0-9]+)\ alerts\ raised,\ ([0-9]+)\ resolved\ SRs\ closed\ in\ ([0-9]+)\ ms ]]; then
        echo "| $pass | ${BASH_REMATCH[1]} alerts raised, ${BASH_REMATCH[2]} resolved SRs closed | ${BASH_REMATCH[3]} |"
    elif [[ "$line" =~ nothing\ due\ \(([0-9]+)\ ms\) ]]; then
        echo "| $pass | nothing due | ${BASH_REMATCH[1]} |"
    fi
done <"$work/watch.txt"
echo
echo "| statement | rows | first ms (cold) | warm ms (median of 9) | how Derby found the rows (rows read) |"
echo "| --- | ---: | ---: | ---: | --- |"
awk '
    FNR == 1 { file++ }
    file == 1 && /^time / { n = $2; sub(":", "", n); order[++count] = n; split($3, r, "="); rows[n] = r[2]
        split($4, f, "="); first[n] = f[2]; split($5, w, "="); warm[n] = w[2]; next }
    file == 1 && /^count:/ { counts = counts (counts == "" ? "" : "; ") substr($0, 8); next }
    file == 2 && /^plan / { n = $2; sub(":", "", n); last = 0; next }
    file == 2 && /Index Scan ResultSet for/ { s = $0; sub(/.*Index Scan ResultSet for /, "", s); sub(/ at .*/, "", s)
        sub(/ using constraint .*/, " using its primary key", s); how[n] = how[n] (how[n] == "" ? "" : "; ") "index scan " s; last = 1; next }
    file == 2 && /Table Scan ResultSet for/ { s = $0; sub(/.*Table Scan ResultSet for /, "", s); sub(/ at .*/, "", s)
        how[n] = how[n] (how[n] == "" ? "" : "; ") "TABLE SCAN " s; last = 1; next }
    file == 2 && /Rows seen =/ && last { s = $0; sub(/.*Rows seen = /, "", s); how[n] = how[n] " (" s ")"; last = 0; next }
    file == 2 && /Sort ResultSet/ { sorted[n] = 1; next }
    file == 2 && /Rows input =/ && sorted[n] == 1 { s = $0; sub(/.*Rows input = /, "", s); sortin[n] = s; sorted[n] = 2; next }
    file == 2 && /Sort type=/ { s = $0; sub(/.*Sort type=/, "", s); sorttype[n] = s; next }
    file == 2 && /Number of merge runs=/ { s = $0; sub(/.*Number of merge runs=/, "", s); runs[n] = s; next }
    END {
        for (i = 1; i <= count; i++) {
            n = order[i]; h = how[n]
            if (sorted[n]) h = h "; then a sort of " sortin[n] " rows" (sorttype[n] == "external" ? ", spilled to disk (" runs[n] " merge runs)" : " in memory")
            printf "| %s | %s | %s | %s | %s |\n", n, rows[n], first[n], warm[n], h
        }
        if (counts != "") printf "\nTable sizes: %s\n", counts
    }
' "$work/times.txt" "$work/plans.txt"
echo
echo "Plans: condensed above, whole in plans-full.txt (--keep DIR). Optimizer statistics: the 'index statistics' lines above. cpus: $pinning"
[ "$(since_seed_min)" -le "$quiet" ] || echo "note: the run went past the quiet period ($quiet min) after seeding: more clocks"\
    "may have fallen due and more SRs become overdue than seeded"
[ "$failures" = 0 ] || { echo "casework-queries: $failures list measurement(s) had errors (see above)" >&2; exit 3; }
