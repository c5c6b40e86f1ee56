#!/usr/bin/env bash
# Measures the platform as an operator meets it, on this machine, and prints one line per figure:
#   start-up time to ready: a signed-in call (GET /api/v1/me as a demo user) answered 200, from exec
#   (median of N starts, first start and restarts), and beside it the time to the first 200 of /health,
#   hot-deploy time (bundle copied into deploy/ until the platform lists its component, and back),
#   resident memory (RSS) of the idle platform after start-up.
# Usage: bench/platform-figures.sh [starts=5]   (build first: mvn -B -DskipTests install)
# Loopback only; every loop is bounded.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="${SR_DIST:-$root/sr-dist/target/sr-platform}"  # SR_DIST: measure a copy (e.g. the release before a change)
starts="${1:-5}"
port="${SR_BENCH_PORT:-18765}"
[ -x "$dist/bin/sr-platform" ] || { echo "no distribution at $dist: run 'mvn -B -DskipTests install' first" >&2; exit 1; }
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Starts the platform on $1 (data dir); sets $elapsed to the ms from exec to ready (a signed-in call
# answered 200), $health_ms to the first 200 of /health, and $pid.
start_and_time() {
    local t0 code i
    t0=$(now_ms); health_ms=""
    "$dist/bin/sr-platform" --demo --no-console --port "$port" --data "$1" >"$work/console.log" 2>&1 &
    pid=$!
    for i in $(seq 1 600); do  # every 0.1 s: faster polling (a curl process each) slows the start it measures
        if [ -z "$health_ms" ]; then
            code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/health" || true)
            [ "$code" = 200 ] && health_ms=$(( $(now_ms) - t0 ))
        fi
        code=$(curl -s -o /dev/null -w '%{http_code}' -u customer1:customer1 "http://127.0.0.1:$port/api/v1/me" || true)
        [ "$code" = 200 ] && { elapsed=$(( $(now_ms) - t0 )); health_ms=${health_ms:-$elapsed}; return 0; }
        sleep 0.1
    done
    echo "platform did not answer within 60 s; console:" >&2; cat "$work/console.log" >&2; exit 1
}

stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

first=(); again=(); first_health=(); again_health=()
for n in $(seq 1 "$starts"); do
    rm -rf "$work/data-$n"
    start_and_time "$work/data-$n"; first+=("$elapsed"); first_health+=("$health_ms"); stop
    start_and_time "$work/data-$n"; again+=("$elapsed"); again_health+=("$health_ms"); stop
done
echo "ready_first_ms_median=$(printf '%s\n' "${first[@]}" | median)  (each: ${first[*]}; empty data folder, demo data loaded; GET /me as customer1 answered)"
echo "ready_restart_ms_median=$(printf '%s\n' "${again[@]}" | median)  (each: ${again[*]}; second start on the same data)"
echo "health_200_first_ms_median=$(printf '%s\n' "${first_health[@]}" | median)  health_200_restart_ms_median=$(printf '%s\n' "${again_health[@]}" | median)  (first 200 of /health, for comparison)"

# Idle memory and hot deploy on one running platform.
start_and_time "$work/data-1"
auth="admin1:admin1"
for i in $(seq 1 300); do  # demo users exist once the store is up
    [ "$(curl -s -o /dev/null -w '%{http_code}' -u "$auth" "http://127.0.0.1:$port/api/v1/admin/features")" = 200 ] && break; sleep 0.1
done
sleep 10
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
echo "idle_rss_mb=$(( rss_kb / 1024 ))  (VmRSS 10 s after start-up, demo data loaded)"

# A bundle with one DS component that names a feature: listed by /admin/features once SCR has it.
probe="$work/probe"; mkdir -p "$probe/META-INF" "$probe/OSGI-INF"
cat >"$probe/META-INF/MANIFEST.MF" <<MF
Manifest-Version: 1.0
Bundle-ManifestVersion: 2
Bundle-SymbolicName: org.srplatform.bench.hotdeploy
Bundle-Version: 1.0.0
Service-Component: OSGI-INF/probe.xml
MF
cat >"$probe/OSGI-INF/probe.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="bench.hotdeploy.probe" immediate="true">
  <implementation class="java.lang.Object"/>
  <property name="sr.feature" value="hotdeploy-probe"/>
</scr:component>
XML
(cd "$probe" && jar cfm "$work/probe.jar" META-INF/MANIFEST.MF OSGI-INF/probe.xml)
listed() { curl -s -u "$auth" "http://127.0.0.1:$port/api/v1/admin/features" | grep -q '"hotdeploy-probe"'; }
deploy_ms=(); undeploy_ms=()
for n in 1 2 3 4 5; do
    cp "$work/probe.jar" "$dist/deploy/.probe.tmp"
    t0=$(now_ms); mv "$dist/deploy/.probe.tmp" "$dist/deploy/bench-probe.jar"
    for i in $(seq 1 1000); do listed && break; sleep 0.01; done
    deploy_ms+=($(( $(now_ms) - t0 )))
    t0=$(now_ms); rm "$dist/deploy/bench-probe.jar"
    for i in $(seq 1 1000); do listed || break; sleep 0.01; done
    undeploy_ms+=($(( $(now_ms) - t0 )))
done
echo "hotdeploy_ms_median=$(printf '%s\n' "${deploy_ms[@]}" | median)  (each: ${deploy_ms[*]}; copy into deploy/ until its component is listed)"
echo "undeploy_ms_median=$(printf '%s\n' "${undeploy_ms[@]}" | median)  (each: ${undeploy_ms[*]})"
