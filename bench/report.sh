#!/usr/bin/env bash
# The platform's benchmark report, in one run, as a Markdown file (and on stdout):
#   1. intake over HTTP (POST /api/v1/requests, durable commits, client pinned away from the platform) at 1, 16
#      and 64 concurrent clients, each beside the raw single-row durable insert rate of the same database
#      measured by the same tool in the same run (bench/intake-load.sh): SRs/s, p50, p99, server CPU per SR and
#      the ratio, which is the figure that matters on a noisy machine;
#   2. start-up: from process start to the first HTTP 200 (/health UP: every enabled feature active) and to
#      ready (a signed-in call answered as well), first start and restart, median of N; resident memory idle;
#      hot deploy and undeploy of a bundle through deploy/ (bench/platform-figures.sh);
#   3. queries with many stored SRs (default 1,000,000): the casework lists and full-text search, p50/p99 at 1
#      and 4 clients, and the resident memory with them stored (bench/casework-queries.sh);
#   4. in process (JMH): what an SR costs the store without HTTP, from 1 and 16 threads (bench/jmh.sh).
# Figures only: nothing here passes or fails on a number. A step that fails is reported as failed and the
# report goes on.
#
# Usage: bench/report.sh [--quick] [--out FILE] [--stored N] [--clients LIST] [--skip STEPS]
#   --quick          a short run for trying the tool (about 15 min): shorter windows, 100,000 stored SRs, 3 starts
#   --out FILE       where the Markdown goes (default target/bench-report.md)
#   --stored N       SRs stored for the queries (default 1000000; --quick 100000)
#   --clients LIST   intake concurrency, comma-separated (default 1,16,64)
#   --skip STEPS     steps left out, comma-separated: intake, startup, queries, jmh
# Environment: as the scripts it runs (SR_DIST, SR_BENCH_NO_PIN, SR_JAVA_OPTS, JAVA_HOME). Build first:
# mvn -B -DskipTests install. A full run takes about 70 minutes on 2 cores; run it alone (flock /tmp/sr-build.lock).
set -euo pipefail

die() { echo "report: $*" >&2; exit 2; }
usage() { sed -n '/^# Usage:/,/^# Environment:/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' | sed '$d' >&2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=no; out="$root/target/bench-report.md"; stored=""; clients="1,16,64"; skip=""
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=yes; shift ;;
        --out|--stored|--clients|--skip)
            [ $# -ge 2 ] || { usage; die "$1 needs a value"; }
            case "$1" in --out) out=$2 ;; --stored) stored=$2 ;; --clients) clients=$2 ;; --skip) skip=$2 ;; esac
            shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage; die "unknown argument '$1'" ;;
    esac
done
[[ "$clients" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--clients is a comma-separated list of numbers, not '$clients'"
[[ -z "$stored" || "$stored" =~ ^[0-9]+$ ]] || die "--stored needs a whole number, not '$stored'"
[[ "$skip" =~ ^((intake|startup|queries|jmh)(,|$))*$ ]] || die "--skip takes intake, startup, queries, jmh; not '$skip'"
if [ "$quick" = yes ]; then
    warmup=30; measure=15; raw_seconds=5; starts=3; stored=${stored:-100000}; requests=300
else
    warmup=300; measure=30; raw_seconds=15; starts=5; stored=${stored:-1000000}; requests=1000
fi
skipped() { [[ ",$skip," == *",$1,"* ]]; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")"
started=$(date -u +%Y-%m-%dT%H:%MZ)

# Runs one step, its output to $work/$1.log and through to the terminal; its exit status in $work/$1.rc.
step() {
    local name=$1; shift
    echo "== report: $name: $*" >&2
    local statuses
    set +e
    "$@" 2>&1 | tee "$work/$name.log" >&2
    statuses=("${PIPESTATUS[@]}")
    set -e
    echo "${statuses[0]}" >"$work/$name.rc"
}
# The value of key=value in a step's log (the first word after '='), from its summary when it has one: the
# intake driver prints per-window figures under the same names before it.
val() {
    local from='1'
    grep -q '^== summary' "$work/$1.log" 2>/dev/null && from='/^== summary/'
    sed -n "${from},\$p" "$work/$1.log" 2>/dev/null | sed -n "s/.*\\b$2=\\([^ ]*\\).*/\\1/p" | head -1
}
failed() { [ "$(cat "$work/$1.rc" 2>/dev/null || echo 1)" != 0 ]; }

if ! skipped intake; then
    IFS=, read -ra each <<<"$clients"
    for c in "${each[@]}"; do
        step "intake-$c" "$root/bench/intake-load.sh" --threads "$c" --warmup "$warmup" --measure "$measure" \
            --raw-seconds "$raw_seconds" || true
    done
fi
skipped startup || step startup "$root/bench/platform-figures.sh" "$starts" || true
if ! skipped jmh; then
    if [ "$quick" = yes ]; then
        step jmh "$root/bench/jmh.sh" --out "$work/jmh.md" -wi 1 -w 3 -i 2 -r 3 || true
    else
        step jmh "$root/bench/jmh.sh" --out "$work/jmh.md" || true
    fi
fi
skipped queries || step queries "$root/bench/casework-queries.sh" --stored "$stored" --clients 1,4 \
    --requests "$requests" || true

{
    echo "# SR platform benchmark report"
    echo
    echo "$started, $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'no git')$( [ -n "$(git -C "$root" status --porcelain 2>/dev/null)" ] && echo ' (with local changes)'),"\
         "$(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(java -version 2>&1 | head -1)$( [ "$quick" = yes ] && echo ', --quick')."
    echo "Commands: \`bench/intake-load.sh\`, \`bench/platform-figures.sh\`, \`bench/casework-queries.sh\` (each documents"
    echo "what it measures); figures, not pass or fail."
    if ! skipped intake; then
        echo
        echo "## Intake over HTTP, durable commits"
        echo
        echo "| clients | SRs/s warm | p50 ms | p99 ms | worst 5 s p99 ms | server CPU ms/SR | warm after s | raw durable inserts/s | intake / raw |"
        echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        for c in "${each[@]}"; do
            if failed "intake-$c" && [ -z "$(val "intake-$c" intake_warm_srs_per_s)" ]; then
                echo "| $c | failed: $(tail -1 "$work/intake-$c.log" | cut -c1-120) | | | | | | | |"
                continue
            fi
            echo "| $c | $(val "intake-$c" intake_warm_srs_per_s) | $(val "intake-$c" p50_ms) | $(val "intake-$c" p99_ms)"\
                 "| $(val "intake-$c" worst_window_p99_ms) | $(val "intake-$c" server_cpu_ms_per_sr) | $(val "intake-$c" warm_after_s)"\
                 "| $(val "intake-$c" raw_derby_inserts_per_s) | $(val "intake-$c" intake_vs_raw) |"
        done
        echo
        echo "Warm: after ${warmup} s of load, measured over ${measure} s. Raw: single-row autocommit inserts into embedded"
        echo "Derby on the same disk from as many threads, mean of before and after the platform ran. Warm after: from"
        echo "which second of load on the server's CPU per SR stayed within 15% of the measured figure (over_N: not warm"
        echo "when measured: the platform was still warming up, or the machine was slower then). CPUs:"
        echo "$(sed -n 's/^cpus: //p' "$work/intake-${each[0]}.log" 2>/dev/null | head -1)."
    fi
    if ! skipped startup; then
        echo
        echo "## Start-up, memory, hot deploy"
        echo
        if failed startup && [ -z "$(val startup ready_restart_ms_median)" ]; then
            echo "failed: $(tail -3 "$work/startup.log" | tr '\n' ' ' | cut -c1-300)"
        else
            echo "| figure | first start (empty data) | restart |"
            echo "| --- | ---: | ---: |"
            echo "| first HTTP 200: \`/health\` UP, every enabled feature active, ms | $(val startup health_200_first_ms_median) | $(val startup health_200_restart_ms_median) |"
            echo "| ready: a signed-in \`GET /me\` answered too, ms | $(val startup ready_first_ms_median) | $(val startup ready_restart_ms_median) |"
            echo
            echo "| figure | value |"
            echo "| --- | ---: |"
            echo "| resident memory idle (VmRSS 10 s after start-up, demo data), MB | $(val startup idle_rss_mb) |"
            echo "| hot deploy: bundle into \`deploy/\` until its component is listed, ms | $(val startup hotdeploy_ms_median) |"
            echo "| undeploy: bundle removed until it is gone, ms | $(val startup undeploy_ms_median) |"
            echo
            echo "Medians of $starts starts; $(grep -m1 '^class_data_archive:' "$work/startup.log" | cut -c1-160 || true)"
        fi
    fi
    if ! skipped jmh; then
        echo
        echo "## In process (JMH): an SR written to the store, no HTTP"
        echo
        if [ -s "$work/jmh.md" ]; then
            cat "$work/jmh.md"
            echo
            echo "The SR, its CREATED timeline entry and its confirmation in the outbox, one durable commit each"
            echo "(the store's group commit joins concurrent ones), embedded Derby (StoreWriteBenchmark)."
        else
            echo "failed: $(tail -3 "$work/jmh.log" 2>/dev/null | tr '\n' ' ' | cut -c1-300)"
        fi
    fi
    if ! skipped queries; then
        echo
        echo "## Queries with $stored stored SRs"
        echo
        if failed queries && ! grep -q '^| list |' "$work/queries.log"; then
            echo "failed: $(tail -3 "$work/queries.log" | tr '\n' ' ' | cut -c1-300)"
        else
            sed -n '/^| list |/,/^$/p' "$work/queries.log"
            grep -m1 '^Resident memory' "$work/queries.log" || true
        fi
    fi
} >"$out"
cat "$out"
echo "report: written to $out" >&2
