#!/usr/bin/env bash
# Notification delivery as issue 11 asks for it, in one run, through the e-mail channel to a local SMTP server:
#   1. the time from an SR's creation to its confirmation arriving at the SMTP server, median and p99, under
#      --rate SRs per second (POST /api/v1/requests as customer1, paced, open loop) for --measure seconds after
#      --warmup seconds: arrival time at the server - createdAt of the 201 answer, matched by X-SR-Number;
#   2. dispatch throughput: notifications switched off (PUT /api/v1/admin/features/notifications as admin1),
#      SRs opened over HTTP (first the same paced load for min(--measure, 30) s, then closed-loop clients) until
#      --drain confirmations wait in the outbox, notifications switched on: confirmations per second arriving at
#      the SMTP server, first to last arrival (and from the switch on); the platform's CPU and the SMTP
#      connections per message meanwhile;
#   3. what sending costs: the platform's CPU per SR under the paced load without notifications (in 2) and with
#      them (the paced load once more after the drain, for as long, a second latency sample); the idle
#      platform's CPU before any load;
#   4. a Markdown table of all, with the dispatcher settings, the pinning and about how many notifications the
#      outbox held in each part (every SR adds one; SENT ones stay, and the dispatcher's claim reads them all).
# The SMTP server is a sink of bench/NotifyMail.java (the driver): it takes every message and records when its
# data ended, its X-SR-Number and on which connection it came. Every confirmation must arrive exactly once and
# every POST must answer 201: anything else is counted, shown, and makes the exit status 3.
#
# Pinning: with taskset and at least 2 CPUs, the platform gets the first half of the CPUs this script may use,
# the driver (HTTP client and SMTP sink) the other half (2 CPUs: platform cpu 0, driver cpu 1); the output says
# which, or why nothing was pinned. SR_BENCH_NO_PIN=1 turns pinning off.
#
# Usage: bench/notify-mail.sh [--rate R] [--warmup S] [--measure S] [--drain N] [--stored N]
#                             [--dispatcher-threads N] [--claim-batch N] [--mailbox auto|always|never]
#                             [--clients N] [--port P] [--smtp-port P]
#   --rate R                SRs per second of the latency load (default 50)
#   --warmup S              seconds of that load before the measured part (default 60)
#   --measure S             seconds of it measured (default 60)
#   --drain N               confirmations waiting in the outbox when notifications are switched on (default 3000)
#   --stored N              SRs written into the database before the measured start (default 0), by
#                           bench/SeedRequests.java, each with its confirmation PENDING: the start sends them all
#                           (timed, not in the table's figures) and they stay in the outbox as SENT, as a
#                           platform's history does
#   --dispatcher-threads N  dispatcher.threads of org.srplatform.notify (default 2, the platform's default)
#   --claim-batch N         claim.batch of org.srplatform.notify (default 20, the platform's default)
#   --mailbox M             mailbox of org.srplatform.notify (default never: as in production, only e-mail is
#                           sent; auto keeps every message in the demo mailbox too, one more insert each)
#   --clients N             concurrent clients opening the SRs of the backlog (default 8)
#   --port P                HTTP port of the platform on 127.0.0.1 (default $SR_BENCH_PORT or 18768)
#   --smtp-port P           port of the SMTP sink on 127.0.0.1 (default 18825)
# Environment: SR_DIST (the distribution to measure; default sr-dist/target/sr-platform: build it with
# mvn -B -DskipTests install), SR_BENCH_NO_PIN=1, SR_JAVA_OPTS (as bin/sr-platform: the platform's JVM options),
# JAVA_HOME.
#
# Steps: the distribution is copied into a temporary folder (the measured one is never written to); its etc/
# gets the e-mail settings (the sink, no TLS) and the dispatcher settings; with --stored, a first start (unpinned,
# not measured) makes schema and demo data and stops, and the SRs are seeded; the driver starts and its sink
# listens; the platform starts with --demo (pinned); once it is ready and what its start queued is sent, 10 s of
# idle are measured, then the paced load, the load with notifications off, the drain, the load once more; the
# platform stops. One default run takes about 4 minutes. Loopback only; every wait is bounded; processes and the
# temporary folder are removed on exit.
# Run it alone: flock /tmp/sr-build.lock bench/notify-mail.sh
set -euo pipefail

die() { echo "notify-mail: $*" >&2; exit 2; }
usage() { sed -n '/^# Usage:/,/^# Environment:/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' | sed '$d' >&2; }

rate=50; warmup=60; measure=60; drain=3000; stored=0; threads=2; batch=20; mailbox=never; clients=8
port="${SR_BENCH_PORT:-18768}"; smtp_port=18825
whole() { [[ "$2" =~ ^[0-9]{1,10}$ ]] || { usage; die "$1 needs a whole number (digits only), not '${2}'"; }; }
while [ $# -gt 0 ]; do
    case "$1" in
        --rate|--warmup|--measure|--drain|--stored|--dispatcher-threads|--claim-batch|--clients|--port|--smtp-port)
            [ $# -ge 2 ] || { usage; die "$1 needs a value"; }
            whole "$1" "$2"
            n=$((10#$2))
            case "$1" in
                --rate) rate=$n ;; --warmup) warmup=$n ;; --measure) measure=$n ;; --drain) drain=$n ;; --stored) stored=$n ;;
                --dispatcher-threads) threads=$n ;; --claim-batch) batch=$n ;; --clients) clients=$n ;;
                --port) port=$n ;; --smtp-port) smtp_port=$n ;;
            esac
            shift 2 ;;
        --mailbox)
            [ $# -ge 2 ] || { usage; die "$1 needs a value"; }
            case "$2" in auto|always|never) mailbox=$2 ;; *) usage; die "--mailbox is auto, always or never, not '$2'" ;; esac
            shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage; die "unknown argument '$1'" ;;
    esac
done
(( rate >= 1 && rate <= 1000 )) || die "--rate must be 1..1000, not $rate"
(( measure >= 1 )) || die "--measure must be at least 1"
(( drain >= 2 )) || die "--drain must be at least 2"
(( stored <= 999999999 )) || die "--stored must be below 10^9 (the SR number sequence)"
(( threads >= 1 && threads <= 64 )) || die "--dispatcher-threads must be 1..64, not $threads"
(( batch >= 1 )) || die "--claim-batch must be at least 1"
(( clients >= 1 && clients <= 256 )) || die "--clients must be 1..256, not $clients"
for p in "$port" "$smtp_port"; do (( p >= 1024 && p <= 65535 )) || die "ports must be 1024..65535, not $p"; done
(( port != smtp_port )) || die "--port and --smtp-port must differ"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$(cd "${SR_DIST:-$root/sr-dist/target/sr-platform}" 2>/dev/null && pwd)" \
    || die "no distribution at ${SR_DIST:-$root/sr-dist/target/sr-platform}: build it (mvn -B -o -DskipTests install) or set SR_DIST"
[ -x "$dist/bin/sr-platform" ] || die "no bin/sr-platform in $dist"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v curl >/dev/null || die "curl is needed"
curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" && die "port $port answers already: stop that program or use --port"
(exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && die "port $smtp_port is taken: use --smtp-port"

work="$(mktemp -d "${TMPDIR:-/tmp}/notify-mail.XXXXXX")"
server=""; driver=""
# Stops the platform: SIGTERM (it shuts Derby down cleanly), SIGKILL after 60 s.
stop_server() {
    [ -n "$server" ] || return 0
    kill -TERM "$server" 2>/dev/null || true
    for _ in $(seq 1 600); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$server" 2>/dev/null; then
        echo "notify-mail: the platform (pid $server) did not stop within 60 s of SIGTERM; killed" >&2
        kill -KILL "$server" 2>/dev/null || true
    fi
    wait "$server" 2>/dev/null || true
    server=""
}
cleanup() {
    set +e  # every step runs, whatever the one before returned
    if [ -n "$driver" ]; then kill -TERM "$driver" 2>/dev/null; wait "$driver" 2>/dev/null; fi
    stop_server
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
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
server_pin=(); client_pin=()
cpus=($(expand_cpus "$(awk '/^Cpus_allowed_list/ {print $2}' /proc/self/status)"))
if [ "${SR_BENCH_NO_PIN:-}" = 1 ]; then
    pinning="not pinned: SR_BENCH_NO_PIN=1 (platform and driver share all ${#cpus[@]} CPUs)"
elif ! command -v taskset >/dev/null; then
    pinning="not pinned: no taskset on this machine (platform and driver share all ${#cpus[@]} CPUs)"
elif [ "${#cpus[@]}" -lt 2 ]; then
    pinning="not pinned: only ${#cpus[@]} CPU available (platform and driver share it)"
else
    half=$(( (${#cpus[@]} + 1) / 2 ))
    server_cpus=$(IFS=,; echo "${cpus[*]:0:half}"); client_cpus=$(IFS=,; echo "${cpus[*]:half}")
    server_pin=(taskset -c "$server_cpus"); client_pin=(taskset -c "$client_cpus")
    pinning="taskset: platform on CPU(s) $server_cpus, driver (HTTP client and SMTP sink) on CPU(s) $client_cpus (of ${#cpus[@]})"
fi

# --- a private copy of the distribution, its e-mail pointed at the sink
mkdir -p "$work/dist"
cp -a "$dist/." "$work/dist/"
rm -rf "$work/dist/log" "$work/dist/data" && mkdir -p "$work/dist/log"
platform="$work/dist/bin/sr-platform"
cat >"$work/dist/etc/org.srplatform.notify.email.cfg" <<EOF
# bench/notify-mail.sh: the driver's SMTP sink on this machine, no TLS
smtp.host = 127.0.0.1
smtp.port = $smtp_port
smtp.starttls = false
from = SR Bench <bench@bench.example>
smtp.timeout.seconds = 10
EOF
cat >"$work/dist/etc/org.srplatform.notify.cfg" <<EOF
# bench/notify-mail.sh
dispatcher.threads = $threads
claim.batch = $batch
mailbox = $mailbox
EOF
settings="dispatcher.threads=$threads, claim.batch=$batch, lease.seconds=120, poll.millis=1000 (defaults but the first two as given), mailbox=$mailbox; e-mail: no TLS, no login, one connection per message (EmailChannel)"

# --- with --stored: schema and demo data from a first start, then the SRs (preparation: not pinned, not measured)
data="$work/data"
if [ "$stored" -gt 0 ]; then
    mkdir -p "$work/derby"  # the platform's own Derby (inside sr-store's jar) for the seeding
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
    "$platform" --demo --no-console --port "$port" --data "$data" >"$work/console-prepare.log" 2>&1 &
    server=$!
    deadline=$(( $(now_ms) + 180000 ))
    until [ "$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' -u customer1:customer1 "http://127.0.0.1:$port/api/v1/me" || true)" = 200 ]; do
        kill -0 "$server" 2>/dev/null || { tail -50 "$work/console-prepare.log" >&2; die "the first start failed"; }
        [ "$(now_ms)" -lt "$deadline" ] || { tail -50 "$work/console-prepare.log" >&2; die "the first start was not ready within 180 s"; }
        sleep 0.2
    done
    stop_server
    echo "prepare: first start (schema, demo data) done; seeding $stored SRs with PENDING confirmations"
    "$java" -Xmx1g -cp "$(ls "$work"/derby/*.jar | paste -sd:)" "$root/bench/SeedRequests.java" --db "$data/db" --count "$stored"
fi

built=$(ls -t "$work"/dist/system/*.jar | head -1 | xargs stat -c %y | cut -c1-19)
digest=$(cat "$work"/dist/system/*.jar | sha256sum | cut -c1-12)
echo "notify-mail: $dist (run from a copy; newest bundle $built, bundles sha256 $digest), $("$java" -version 2>&1 | head -1)"
echo "settings: rate=${rate}/s warmup=${warmup}s measure=${measure}s drain=$drain stored=$stored clients=$clients port=$port smtp-port=$smtp_port"
echo "dispatcher: $settings"
echo "cpus: $pinning"

# --- the driver first, so that its sink listens before the platform sends anything
"${client_pin[@]}" "$java" -Xms128m -Xmx512m -XX:+UseSerialGC "$root/bench/NotifyMail.java" --port "$port" \
    --smtp-port "$smtp_port" --pid-file "$work/server.pid" --rate "$rate" --warmup "$warmup" --measure "$measure" \
    --drain "$drain" --clients "$clients" --stored "$stored" --ready-timeout 600 --clk-tck "$(getconf CLK_TCK)" --settings "$settings" \
    --pinning "$pinning" >"$work/driver.txt" 2>&1 &
driver=$!
deadline=$(( $(now_ms) + 60000 ))
until grep -q '^sink listening' "$work/driver.txt"; do
    kill -0 "$driver" 2>/dev/null || { cat "$work/driver.txt" >&2; die "the driver exited before its sink listened"; }
    [ "$(now_ms)" -lt "$deadline" ] || { cat "$work/driver.txt" >&2; die "the driver's sink did not listen within 60 s"; }
    sleep 0.1
done

# --- the platform, pinned, on a fresh data folder; the driver waits for it to be ready
console="$work/console.log"
"${server_pin[@]}" "$platform" --demo --no-console --port "$port" --data "$data" >"$console" 2>&1 &
server=$!
echo "$server" >"$work/server.pid"
echo "platform: pid $server started"
rc=0
tail -n +1 -f -s 0.2 --pid="$driver" "$work/driver.txt" &
tailer=$!
wait "$driver" || rc=$?
driver=""
wait "$tailer" 2>/dev/null || true
kill -0 "$server" 2>/dev/null || { echo "notify-mail: the platform exited during the run; its console:" >&2; tail -50 "$console" >&2; }
warnings=$(grep -c -E ' (WARN|ERROR) ' "$console" || true)
if [ "$warnings" -gt 0 ]; then
    echo "platform log: $warnings WARN/ERROR lines; the first ones:"
    grep -E ' (WARN|ERROR) ' "$console" | head -5 | cut -c1-300
fi
stop_server
exit "$rc"
