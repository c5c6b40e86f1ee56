#!/usr/bin/env bash
# Escalation's daily review over many open escalations, as issue 12 asks ("the time to build the daily review over
# 100,000 open escalations, and the queries it uses"), in one run:
#   1. N worked SRs, all open (bench/SeedRequests.java --worked --mix of the open statuses, no casework clock
#      due), and N open escalations of them (bench/SeedEscalations.java): regions by --regions (most in APJ,
#      rem1's region), states REQUESTED/ACCEPTED/ACTIVE/TOO_SLOW, dues spread around now with --overdue-share
#      past; the overdue watch's watch_at NULL except for --watched overdue ones (the measurement is the review,
#      not the alerts), which the watch's first pass at the measured start alerts ("Escalation watch: K overdue
#      alerts, 0 digests in X ms");
#   2. the review, through HTTP on the running platform (notifications switched off, so that what the watch and
#      the digest send stays in the outbox), each as a warm-up then --requests requests at each --clients
#      concurrency: p50/p99/max, requests/s, every answer checked (200; each item of the region and state asked,
#      in (due, id) order, after the cursor; a full page when there is a next one):
#        all            GET /api/v1/escalations?limit=50                        as duty1 (duty manager)
#        region         GET /api/v1/escalations?region=APJ&limit=50             as rem1 (APJ's regional manager)
#        state          GET /api/v1/escalations?state=ACTIVE&limit=50           as duty1
#        region_state   GET /api/v1/escalations?region=APJ&state=TOO_SLOW&limit=50   as rem1
#        region, state  again at page --deep-page (its cursor found by walking the pages before it once)
#      and the whole APJ review through the API, 500 a page by the cursors, --walk-rounds times: pages, items
#      (must be every open APJ escalation, none twice, in order), the walk's time;
#   3. the digest: etc/org.srplatform.escalation.cfg had digest.hour = -1 (none) and a day's watch interval; it
#      gets digest.hour = 0 (UTC: due at once) and watch.interval.seconds = --watch-interval, which restarts the
#      watch; its first pass sends APJ's digest (the only region with a regional escalation manager in the demo:
#      rem1) and logs "Escalation watch: 0 overdue alerts, 1 digests in X ms" (INFO): that X is the digest pass.
#      Then the platform's CPU over --after-passes more passes, against the same time idle before: the passes
#      after the digest went out;
#   4. the platform stopped, each statement on its database (embedded Derby, the platform's page cache size): its
#      time once cold and warm, the digest's statements alone (every APJ page, 500 a page), and its plan as Derby
#      logs it (derby.language.logQueryPlan): which index, rows read, whether a sort ran; the digest claimed and
#      its message in the outbox;
#   5. a Markdown summary.
#
# Pinning: with taskset and at least 2 CPUs, the platform and the plans' JVM get the first half of the CPUs this
# script may use, the HTTP client the other half (2 CPUs: platform cpu 0, client cpu 1); the output says which,
# or why nothing was pinned. SR_BENCH_NO_PIN=1 turns pinning off. Preparation (first start, seeding, the start
# that rebuilds the search index) is not measured.
#
# Usage: bench/escalation-review.sh [--stored N] [--de-escalated M] [--regions LIST] [--overdue-share P]
#                                   [--watched K] [--clients LIST] [--warmup N] [--requests N] [--max-seconds S]
#                                   [--deep-page N] [--walk-rounds N] [--watch-interval S] [--after-passes N]
#                                   [--port P] [--index-timeout S] [--features-off LIST] [--keep DIR] [--keep-db]
#   --stored N          open escalations seeded, each of its own open SR (N SRs seeded too; default 100000)
#   --de-escalated M    closed escalations (no due) of the same SRs beside them (default 0)
#   --regions LIST      region shares in percent (default APJ=70,EMEA=20,AMER=10; APJ is measured)
#   --overdue-share P   share of the open escalations whose due passed, told already (default 0.2); no other due
#                       falls within 60 minutes of seeding, so the counts the run checks hold
#   --watched K         overdue escalations the overdue watch has still to tell about (default 20)
#   --clients LIST      concurrent clients of each measurement, comma-separated (default 1,4)
#   --warmup N          requests before each measurement, not counted, within a quarter of --max-seconds (default 100)
#   --requests N        requests measured per page and concurrency (default 500)
#   --max-seconds S     a measurement ends after S seconds even if fewer requests were made (default 20)
#   --deep-page N       the deep page measured (default 21: after 20 pages of 50)
#   --walk-rounds N     walks of the whole APJ review through the API (default 1)
#   --watch-interval S  watch.interval.seconds once the review is measured (default 5)
#   --after-passes N    passes after the digest whose CPU is measured (default 6)
#   --port P            HTTP port of the platform on 127.0.0.1 (default $SR_BENCH_PORT or 18768)
#   --index-timeout S   how long to wait for "Indexed N SRs for search" (default 900)
#   --features-off LIST features switched off for the measured start, comma-separated (default notifications:
#                       the digest and the alerts stay in the outbox); "none" for none
#   --keep DIR          this run's output, the consoles, the seeding output and the whole plans into DIR
#   --keep-db           also move the database into DIR/db once measured
# Environment: SR_DIST (the distribution to measure; default sr-dist/target/sr-platform: build it with
# mvn -B -DskipTests install), SR_BENCH_NO_PIN=1, SR_JAVA_OPTS (as bin/sr-platform), JAVA_HOME.
#
# The distribution is copied into a temporary folder (the measured one is never written to); the platform starts
# once with --demo on a fresh data folder (schema, demo data, casework's and escalation's tables) and stops; the
# SRs and escalations are seeded; data/search is removed and the measured start rebuilds it; the review is
# measured once the platform is ready, the index built and the platform idle (under 5% of a CPU for 5 s, at most
# 300 s). The run ends with status 3 when an answer was wrong, the walk missed or repeated an escalation, no digest
# pass was logged, or the digest's counts (claimed total, flagged overdue) differ from what was seeded.
# Here seeding writes about 4,000 SRs/s and 3,400 escalations/s (100,000 of each in 25 + 29 s, 545 MB with their
# plans, updates and 510,000 history steps); a whole default run took 14.5 min with the review as the bundle first
# had it (each page sorted every matching row: the measurements end at --max-seconds, the APJ walk took 92 s).
# Loopback only; every wait is bounded; processes and the temporary folder are removed on exit.
# Run it alone: flock /tmp/sr-build.lock bench/escalation-review.sh ...
set -euo pipefail

die() { echo "escalation-review: $*" >&2; exit 2; }
usage() { sed -n '/^# Usage:/,/^# Environment:/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' | sed '$d' >&2; }

stored=100000; de_escalated=0; regions="APJ=70,EMEA=20,AMER=10"; overdue_share=0.2; watched=20
clients_list=1,4; warmup=100; requests=500; max_seconds=20; deep_page=21; walk_rounds=1
watch_interval=5; after_passes=6; port="${SR_BENCH_PORT:-18768}"; index_timeout=900
features_off=notifications; keep=""; keep_db=""
region=APJ; state=ACTIVE; region_state=TOO_SLOW; quiet=60
whole() { [[ "$2" =~ ^[0-9]{1,10}$ ]] || { usage; die "$1 needs a whole number (digits only), not '${2}'"; }; }
while [ $# -gt 0 ]; do
    case "$1" in
        --stored|--de-escalated|--watched|--warmup|--requests|--max-seconds|--deep-page|--walk-rounds|\
        --watch-interval|--after-passes|--port|--index-timeout)
            [ $# -ge 2 ] || { usage; die "$1 needs a value"; }
            whole "$1" "$2"
            n=$((10#$2))
            case "$1" in
                --stored) stored=$n ;; --de-escalated) de_escalated=$n ;; --watched) watched=$n ;;
                --warmup) warmup=$n ;; --requests) requests=$n ;; --max-seconds) max_seconds=$n ;;
                --deep-page) deep_page=$n ;; --walk-rounds) walk_rounds=$n ;;
                --watch-interval) watch_interval=$n ;; --after-passes) after_passes=$n ;;
                --port) port=$n ;; --index-timeout) index_timeout=$n ;;
            esac
            shift 2 ;;
        --overdue-share)
            [ $# -ge 2 ] || { usage; die "$1 needs a value"; }
            [[ "$2" =~ ^(0(\.[0-9]+)?|1(\.0+)?)$ ]] || { usage; die "--overdue-share needs a number from 0 to 1, not '$2'"; }
            overdue_share=$2; shift 2 ;;
        --regions)
            [ $# -ge 2 ] || { usage; die "$1 needs a value"; }
            [[ "$2" =~ ^[A-Za-z]{1,16}=[0-9.]+(,[A-Za-z]{1,16}=[0-9.]+)*$ ]] || { usage; die "--regions needs REGION=PERCENT pairs, not '$2'"; }
            [[ ",${2^^}" == *",APJ="* ]] || die "--regions must include APJ (rem1's region, measured)"
            regions=$2; shift 2 ;;
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
            features_off=$2; [ "$2" = none ] && features_off=""; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage; die "unknown argument '$1'" ;;
    esac
done
(( stored >= 1 && stored <= 50000000 )) || die "--stored must be 1..50000000"
(( watch_interval >= 1 )) || die "--watch-interval must be at least 1"
(( requests >= 1 )) || die "--requests must be at least 1"
(( deep_page >= 2 )) || die "--deep-page must be at least 2"
(( port >= 1024 && port <= 65535 )) || die "--port must be 1024..65535, not $port"
IFS=, read -ra clients_each <<<"$clients_list"
for c in "${clients_each[@]}"; do (( 10#$c >= 1 )) || die "--clients: each concurrency must be at least 1"; done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$(cd "${SR_DIST:-$root/sr-dist/target/sr-platform}" 2>/dev/null && pwd)" \
    || die "no distribution at ${SR_DIST:-$root/sr-dist/target/sr-platform}: build it (mvn -B -o -DskipTests install) or set SR_DIST"
[ -x "$dist/bin/sr-platform" ] || die "no bin/sr-platform in $dist"
ls "$dist"/system/sr-escalation-*.jar >/dev/null 2>&1 || die "the distribution at $dist has no sr-escalation bundle"
ls "$dist"/system/sr-casework-*.jar >/dev/null 2>&1 || die "the distribution at $dist has no sr-casework bundle (SeedRequests --worked needs its tables)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v curl >/dev/null || die "curl is needed"
curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" && die "port $port answers already: stop that program or use --port"
[ -z "$keep_db" ] || [ -n "$keep" ] || die "--keep-db needs --keep DIR"
if [ -n "$keep" ]; then mkdir -p "$keep" && keep="$(cd "$keep" && pwd)" || die "cannot create --keep $keep"; fi
[ -z "$keep_db" ] || [ ! -e "$keep/db" ] || die "--keep-db: $keep/db exists already"
# With --keep, this run's output goes to DIR/escalation-review.out too.
# tee ignores the signals that stop the run, so that the clean-up's own output still has somewhere to go.
if [ -n "$keep" ]; then exec > >(trap '' INT TERM; exec tee "$keep/escalation-review.out") 2>&1; fi

work="$(mktemp -d "${TMPDIR:-/tmp}/escalation-review.XXXXXX")"
server=""; child=""
# Stops the platform: SIGTERM (it shuts Derby down cleanly), SIGKILL after 120 s.
stop_server() {
    [ -n "$server" ] || return 0
    kill -TERM "$server" 2>/dev/null || true
    for _ in $(seq 1 1200); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$server" 2>/dev/null; then
        echo "escalation-review: the platform (pid $server) did not stop within 120 s of SIGTERM; killed" >&2
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

# --- pinning (as bench/casework-queries.sh)
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
dist_log="$work/dist/log/sr-platform.log"
etc="$work/dist/etc"
escalation_cfg="$etc/org.srplatform.escalation.cfg"
[ -f "$escalation_cfg" ] || die "the distribution has no etc/org.srplatform.escalation.cfg"
# Sets KEY = VALUE in a .cfg of the copy (replacing the line, or appending it); FileInstall applies the change.
set_cfg() {
    local file=$1 key=$2 value=$3 tmp="$work/cfg.tmp"  # written outside etc/, where FileInstall would see it
    if grep -q "^[[:space:]]*${key//./\\.}[[:space:]]*=" "$file"; then
        sed "s|^[[:space:]]*${key//./\\.}[[:space:]]*=.*|$key = $value|" "$file" >"$tmp"
    else
        { cat "$file"; echo "$key = $value"; } >"$tmp"
    fi
    cat "$tmp" >"$file"
}
# Until the review is measured: no digest, and the watch's one pass is its first, 1 s after it starts (the
# --watched alerts). The casework target watch quiet too (nothing of it is measured here).
set_cfg "$escalation_cfg" digest.hour -1
set_cfg "$escalation_cfg" watch.interval.seconds 86400
set_cfg "$etc/org.srplatform.casework.cfg" watch.interval.seconds 86400

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
digest_sha=$(cat "$work"/dist/system/*.jar | sha256sum | cut -c1-12)
echo "escalation-review: $dist (run from a copy; newest bundle $built, bundles sha256 $digest_sha), $("$java" -version 2>&1 | sed -n 1p)"
echo "settings: ${features_off:+features_off=$features_off }stored=$stored de_escalated=$de_escalated regions=$regions"\
     "overdue_share=$overdue_share watched=$watched clients=$clients_list warmup=$warmup requests=$requests"\
     "max_seconds=$max_seconds deep_page=$deep_page walk_rounds=$walk_rounds watch_interval=${watch_interval}s"\
     "after_passes=$after_passes port=$port"
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
        kill -0 "$server" 2>/dev/null || { echo "escalation-review: the platform exited; its console:" >&2; tail -50 "$console" >&2; exit 1; }
        me=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' -u duty1:duty1 "http://127.0.0.1:$port/api/v1/me" || true)
        if [ "$me" = 200 ]; then
            health=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "http://127.0.0.1:$port/api/v1/health" || true)
            [ "$health" = 200 ] && { ready_ms=$(( $(now_ms) - started_ms )); return 0; }
        fi
        sleep 0.2
    done
    echo "escalation-review: the platform was not ready within $1 s; its console:" >&2; tail -50 "$console" >&2; exit 1
}
# Waits up to --index-timeout s for sr-search's "Indexed N SRs for search"; sets $indexed ("" if not seen).
await_index() {
    local deadline=$(( $(now_ms) + index_timeout * 1000 ))
    indexed=""
    while [ "$(now_ms)" -lt "$deadline" ]; do
        indexed=$(grep -m1 -o 'Indexed [0-9]* SRs for search.*' "$console" | cut -c1-160 || true)
        [ -n "$indexed" ] && { indexed_ms=$(( $(now_ms) - started_ms )); return 0; }
        kill -0 "$server" 2>/dev/null || { echo "escalation-review: the platform exited; its console:" >&2; tail -50 "$console" >&2; exit 1; }
        sleep 0.5
    done
}
# CPU the platform's process used so far, in ms.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$server/stat"; }
watch_lines() { grep 'Escalation watch:' "$console" || true; }

# --- 1. schema and demo data, then the SRs and their escalations (preparation: not pinned, not measured)
data="$work/data"
start_server "$data" "$work/console-prepare.log" unpinned
await_ready 180
escalation_feature=$(curl -s --max-time 5 "http://127.0.0.1:$port/api/v1/health" | grep -o '{"id":"escalation"[^}]*}' || true)
echo "prepare: first start on an empty data folder ready in $ready_ms ms (unpinned; schema, demo data, casework's and"\
     "escalation's tables); feature: ${escalation_feature:-"(escalation not listed in /health)"}; stopping it"
stop_server
seeded_ms=$(now_ms)
echo "seeding $stored open SRs into $data/db (embedded Derby, bench/SeedRequests.java --worked, open statuses only)"
run "$java" -Xmx2g -cp "$derby_cp" "$root/bench/SeedRequests.java" --db "$data/db" --count "$stored" --worked \
    --mix IN_PROGRESS=55,ASSIGNED=10,WAITING_ON_CUSTOMER=20,WAITING_ON_VENDOR=5,NEW=10 --due-clocks 0 \
    --quiet-minutes "$quiet" | tee "$work/seed-srs.txt"
closed=""; (( de_escalated == 0 )) || closed=" and $de_escalated de-escalated ones"
echo "seeding $stored open escalations of them$closed (bench/SeedEscalations.java)"
run "$java" -Xmx2g -cp "$derby_cp" "$root/bench/SeedEscalations.java" --db "$data/db" --count "$stored" \
    --de-escalated "$de_escalated" --regions "$regions" --overdue-share "$overdue_share" --watched "$watched" \
    --quiet-minutes "$quiet" | tee "$work/seed.txt"
seed_value() { sed -n "s/^escalations_$1=//p" "$work/seed.txt"; }
[ -n "$(seed_value open)" ] || die "the seeding printed no escalations_ figures"
region_open=$(seed_value "region_$region"); region_open=${region_open:-0}
region_flagged=$(seed_value "flagged_$region"); region_flagged=${region_flagged:-0}
if [ -n "$features_off" ]; then
    IFS=, read -ra off <<<"$features_off"
    for f in "${off[@]}"; do echo "$f=false" >>"$data/features.properties"; done
    echo "features switched off for the measured start: $features_off (data/features.properties)"
fi
# The search index knows nothing of SRs written behind the platform's back: the start rebuilds it from every SR.
rm -rf "$data/search"

# --- 2. the measured start (pinned) and the review
start_server "$data" "$work/console.log"
await_ready 600
echo "platform: pid $server ready $ready_ms ms after process start"
await_index
[ -n "$indexed" ] || die "no \"Indexed N SRs for search\" within $index_timeout s (--index-timeout)"
echo "search index: \"$indexed\" $indexed_ms ms after process start"
if (( watched > 0 )); then
    for _ in $(seq 1 120); do [ -n "$(watch_lines)" ] && break; sleep 0.5; done
fi
alerts_line=$(watch_lines | sed -n 1p | sed 's/.*Escalation watch:/Escalation watch:/')
watch_ran=1
if [ -n "$alerts_line" ]; then
    echo "overdue watch at start: $alerts_line"
elif (( watched > 0 )); then
    watch_ran=""
    echo "overdue watch at start: NO PASS LOGGED within 60 s although $watched overdue escalations are due to be told:"\
         "the escalation watch (UpdateWatch) does not seem to run; the digest will likely not be seen either"
else
    echo "overdue watch at start: nothing to tell (--watched 0), so no line"
fi
# Waits until the platform's process used under 5% of a CPU for 5 s, at most 300 s.
settle() {
    local last now_ticks deadline=$(( $(now_ms) + 300000 )) from=$(now_ms)
    last=$(cpu_ms)
    while [ "$(now_ms)" -lt "$deadline" ]; do
        sleep 5
        now_ticks=$(cpu_ms)
        if (( (now_ticks - last) * 100 < 5000 * 5 )); then
            echo "settled: the platform used $(( now_ticks - last )) ms of CPU in the last 5 s ($(( ($(now_ms) - from) / 1000 )) s after the index)"
            return 0
        fi
        last=$now_ticks
    done
    echo "settled: not within 300 s (the platform still busy: jstack $server names the threads); measuring anyway"
}
settle

# One page of the review: its name, user, path, page and the --expect- options; a row per concurrency in lists.txt.
failures=0
: >"$work/lists.txt"
measure() {
    local name=$1 user=$2 path=$3 page=$4; shift 4
    local out rc=0 line
    # one JVM for every concurrency: the pages before a deep one are walked once
    out=$(run "${client_pin[@]}" "$java" -Xms128m -Xmx512m -XX:+UseSerialGC "$root/bench/EscalationReview.java" get \
        --port "$port" --user "$user" --path "$path" --page "$page" --clients "$clients_list" --warmup "$warmup" \
        --requests "$requests" --max-seconds "$max_seconds" "$@") || rc=$?
    [ "$rc" = 0 ] || failures=$((failures + 1))
    while IFS= read -r line; do
        echo "$name ($user, $path, page $page): $line"
        [[ "$line" != requests=* ]] || printf '%s|%s|%s|%s|%s\n' "$name" "$user" "$path" "$page" "$line" >>"$work/lists.txt"
    done <<<"$out"
}
api=/api/v1/escalations
measure all duty1 "$api?limit=50" 1
measure region rem1 "$api?region=$region&limit=50" 1 --expect-region "$region"
measure state duty1 "$api?state=$state&limit=50" 1 --expect-state "$state"
measure region_state rem1 "$api?region=$region&state=$region_state&limit=50" 1 --expect-region "$region" --expect-state "$region_state"
measure region rem1 "$api?region=$region&limit=50" "$deep_page" --expect-region "$region"
measure state duty1 "$api?state=$state&limit=50" "$deep_page" --expect-state "$state"

rc=0
run "${client_pin[@]}" "$java" -Xms128m -Xmx512m -XX:+UseSerialGC "$root/bench/EscalationReview.java" walk \
    --port "$port" --user rem1 --path "$api?region=$region&limit=500" --expect-region "$region" \
    --expect-items "$region_open" --rounds "$walk_rounds" | tee "$work/walk.txt" || rc=$?
[ "$rc" = 0 ] || failures=$((failures + 1))
review_done_min=$(( ($(now_ms) - seeded_ms) / 60000 ))

# --- 3. the digest: due at once; its pass timed by the watch's own log line; then the passes after it
window=$(( watch_interval * after_passes ))
idle_cpu=""
if [ -n "$watch_ran" ]; then
    echo "digest: the platform idle for ${window} s first (the baseline of the passes after the digest)"
    c0=$(cpu_ms); sleep "$window"; idle_cpu=$(( $(cpu_ms) - c0 ))
fi
before=$(watch_lines | wc -l)
set_cfg "$escalation_cfg" digest.zone UTC
set_cfg "$escalation_cfg" digest.hour 0
set_cfg "$escalation_cfg" watch.interval.seconds "$watch_interval"
written_ms=$(now_ms)
echo "digest: digest.hour = 0 (UTC), watch.interval.seconds = $watch_interval written $review_done_min min after"\
     "seeding began (quiet for $quiet min); waiting for the digest pass"
digest_line=""
wait_s=300; [ -n "$watch_ran" ] || wait_s=60  # a minute only when the watch never ran
deadline=$(( $(now_ms) + wait_s * 1000 ))
while [ "$(now_ms)" -lt "$deadline" ]; do
    digest_line=$(watch_lines | tail -n +$(( before + 1 )) | grep -m1 -E '[1-9][0-9]* digests' || true)
    [ -n "$digest_line" ] && break
    kill -0 "$server" 2>/dev/null || die "the platform exited during the digest"
    sleep 0.2
done
digest_seen_ms=$(( $(now_ms) - written_ms ))
if [ -z "$digest_line" ]; then
    echo "digest: no \"Escalation watch: ... N digests\" line within $(( (deadline - written_ms) / 1000 )) s; the log's lines"\
         "of org.srplatform.escalation:"
    grep -E 'escalation\.|Escalation|UpdateWatch' "$dist_log" | tail -n 20 | cut -c1-300 || true
else
    echo "digest: \"$(sed 's/.*Escalation watch:/Escalation watch:/' <<<"$digest_line")\" (seen $digest_seen_ms ms after the configuration was written)"
fi
after_cpu=""
if [ -n "$digest_line" ] && [ -n "$idle_cpu" ]; then
    after_before=$(watch_lines | wc -l)
    c0=$(cpu_ms); sleep "$window"; after_cpu=$(( $(cpu_ms) - c0 ))
    after_lines=$(( $(watch_lines | wc -l) - after_before ))
    echo "digest: the $after_passes passes after it (${window} s) used $after_cpu ms of the platform's CPU, against"\
         "$idle_cpu ms idle before; $after_lines more watch lines logged"
fi

warnings=$(grep -c -E ' (WARN|ERROR) ' "$console" || true)
if [ "$warnings" -gt 0 ]; then
    echo "platform log: $warnings WARN/ERROR lines; the first ones:"
    grep -E ' (WARN|ERROR) ' "$console" | sed -n 1,5p | cut -c1-300
fi
stop_server

# --- 4. times and plans of the statements, on the stopped platform's database (this run's own copy)
echo "statements: embedded Derby on $data/db (the platform stopped): times, then plans"
run "${server_pin[@]}" "$java" -Xmx1g -cp "$derby_cp" "$root/bench/EscalationReview.java" times --db "$data/db" \
    --region "$region" --state "$state" --region-state "$region_state" | tee "$work/times.txt"
run "${server_pin[@]}" "$java" -Xmx1g -Dderby.language.logQueryPlan=true -cp "$derby_cp" "$root/bench/EscalationReview.java" \
    explain --db "$data/db" --region "$region" --state "$state" --region-state "$region_state" \
    --out "$work/plans-full.txt" | tee "$work/plans.txt"

# --- 5. the summary
ms_of() { sed -n 's/.* in \([0-9]*\) ms.*/\1/p' <<<"$1"; }
echo
echo "== summary: $stored open escalations$closed, $dist ($digest_sha), $(date -u +%Y-%m-%dT%H:%MZ)${features_off:+, features off: $features_off}"
echo
echo "Seeded: $(seed_value open) open escalations of as many open SRs; regions $(sed -n 's/^escalations_region_\([A-Z]*\)=/\1 /p' "$work/seed.txt" | paste -sd, | sed 's/,/, /g');"\
     "states $(sed -n 's/^escalations_state_\([A-Z_]*\)=/\1 /p' "$work/seed.txt" | paste -sd, | sed 's/,/, /g');"\
     "overdue $(seed_value overdue) (watched $(seed_value watched)); $region flagged (overdue or a conference call due)"\
     "$region_flagged. Review measured until $review_done_min min after seeding began (quiet: $quiet min)."
echo
echo "| review page | as | page | clients | requests | p50 ms | p99 ms | max ms | req/s | items | next | errors |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |"
while IFS='|' read -r name user path page out; do
    v() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$out"; }
    echo "| \`GET ${path#/api/v1}\` | $user | $page | $(v clients) | $(v requests) | $(v p50_ms) | $(v p99_ms) | $(v max_ms) | $(v per_s) | $(v items) | $(v next_page) | $(v errors) |"
done <"$work/lists.txt"
echo
echo "| the whole $region review through the API (500 a page, rem1) | pages | items | flagged | ms | page p50 ms | slowest page ms | errors |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
while read -r line; do
    v() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$line"; }
    echo "| round $(v round) | $(v pages) | $(v items) | $(v flagged) | $(v ms) | $(v page_p50_ms) | $(v page_max_ms) | $(v errors) |"
done < <(grep '^walk ' "$work/walk.txt" || true)
echo
echo "| escalation watch pass | what it did | ms |"
echo "| --- | --- | ---: |"
[ -z "$alerts_line" ] || echo "| first, at the measured start (digest.hour -1) | $(sed 's/.*Escalation watch: \(.*\) in [0-9]* ms.*/\1/' <<<"$alerts_line") | $(ms_of "$alerts_line") |"
if [ -n "$digest_line" ]; then
    echo "| first after digest.hour = 0 | $(sed 's/.*Escalation watch: \(.*\) in [0-9]* ms.*/\1/' <<<"$digest_line") ($region: $region_open open) | $(ms_of "$digest_line") |"
else
    echo "| first after digest.hour = 0 | no digest logged | - |"
fi
[ -z "$after_cpu" ] || echo "| the $after_passes after it (${window} s) | platform CPU $after_cpu ms vs $idle_cpu ms idle; $after_lines lines logged | - |"
grep -E '^(digest claimed|digest message|outbox):' "$work/times.txt" | sed 's/^/  /' || true
grep -E '^digest statements' "$work/times.txt" | sed "s/^digest statements round=1:/  the digest's statements alone, on the stopped platform's database ($region, 500 a page):/" || true
echo
echo "| statement | rows | first ms (cold) | warm ms (median of 9, of 3 if over 1 s) | how Derby found the rows (rows read) |"
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
            else h = h "; no sort"
            printf "| %s | %s | %s | %s | %s |\n", n, rows[n], first[n], warm[n], h
        }
        if (counts != "") printf "\nTable sizes: %s\n", counts
    }
' "$work/times.txt" "$work/plans.txt"
echo
echo "Plans: condensed above, whole in plans-full.txt (--keep DIR); the optimizer's statistics in the 'index statistics'"\
     "lines above. cpus: $pinning"
if [ "$(( ($(now_ms) - seeded_ms) / 60000 ))" -gt "$quiet" ]; then
    echo "note: the run went past the quiet period ($quiet min) after seeding: dues may have passed since, so the"\
         "digest may flag more than seeded"
fi
problems=""
if [ -n "$digest_line" ]; then
    claimed=$(sed -n "s/^digest claimed: region=$region .*escalations=\([0-9]*\).*/\1/p" "$work/times.txt" | sed -n 1p)
    [ "${claimed:-}" = "$region_open" ] || problems="$problems the $region digest counted ${claimed:-nothing}, not the $region_open open;"
    flagged=$(sed -n "s/^digest message: .*region=$region total=[0-9]* overdue=\([0-9]*\).*/\1/p" "$work/times.txt" | sed -n 1p)
    [ "${flagged:-}" = "$region_flagged" ] || problems="$problems the $region digest flagged ${flagged:-?} overdue, $region_flagged seeded;"
else
    problems="$problems no digest pass logged;"
fi
[ -z "$problems" ] || { echo "escalation-review: check failed:$problems" >&2; failures=$((failures + 1)); }
[ "$failures" = 0 ] || { echo "escalation-review: $failures measurement(s) or check(s) had errors (see above)" >&2; exit 3; }
