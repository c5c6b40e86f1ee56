#!/usr/bin/env bash
# Measures the platform as an operator meets it, on this machine, and prints one line per figure:
#   start-up time to ready, from exec: a signed-in call (GET /api/v1/me as a demo user) answered 200 and
#   GET /api/v1/health answered 200 (UP), whichever comes later (median of N starts, first start on an
#   empty data folder and restart on the same data), with each of the two beside it,
#   hot-deploy time (bundle copied into deploy/ until the platform lists its component, and back),
#   resident memory (RSS) of the idle platform after start-up.
# The first start after a build also makes the JVM's class-data archive (cache/jvm/, written when the
# platform stops): the first line names the starts that ran without one.
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

# Starts the platform on $1 (data dir); sets $elapsed to the ms from exec to ready (/me and /health both
# answered 200), $me_ms and $health_ms to the first 200 of each, $archive to whether a class-data archive
# was there to map, and $pid.
start_and_time() {
    local t0 codes i
    archive=no  # an archive, or the dump of a whole start that this start's script takes
    compgen -G "$dist/cache/jvm/sr-platform-*.jsa" >/dev/null || compgen -G "$dist/cache/jvm/sr-platform-*.aot" >/dev/null \
        || compgen -G "$dist/cache/jvm/sr-platform-*.tmp.started" >/dev/null && archive=yes
    t0=$(now_ms); health_ms=""; me_ms=""
    "$dist/bin/sr-platform" --demo --no-console --port "$port" --data "$1" >"$work/console.log" 2>&1 &
    pid=$!
    for i in $(seq 1 600); do  # every 0.1 s, one curl for both: faster polling slows the start it measures
        codes=$(curl -s -o /dev/null -w '%{http_code} ' "http://127.0.0.1:$port/api/v1/health" \
            --next -s -o /dev/null -w '%{http_code}' -u customer1:customer1 "http://127.0.0.1:$port/api/v1/me" || true)
        [ -z "$health_ms" ] && [ "${codes% *}" = 200 ] && health_ms=$(( $(now_ms) - t0 ))
        [ -z "$me_ms" ] && [ "${codes#* }" = 200 ] && me_ms=$(( $(now_ms) - t0 ))
        if [ -n "$health_ms" ] && [ -n "$me_ms" ]; then
            elapsed=$(( health_ms > me_ms ? health_ms : me_ms )); return 0
        fi
        sleep 0.1
    done
    echo "platform did not answer within 60 s; console:" >&2; cat "$work/console.log" >&2; exit 1
}

stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

first=(); again=(); first_me=(); again_me=(); first_health=(); again_health=(); without=()
for n in $(seq 1 "$starts"); do
    rm -rf "$work/data-$n"
    start_and_time "$work/data-$n"; first+=("$elapsed"); first_me+=("$me_ms"); first_health+=("$health_ms")
    [ "$archive" = yes ] || without+=("first $n")
    stop
    start_and_time "$work/data-$n"; again+=("$elapsed"); again_me+=("$me_ms"); again_health+=("$health_ms")
    [ "$archive" = yes ] || without+=("restart $n")
    stop
done
echo "class_data_archive: starts without one: ${without[*]:-none}  (made when a start without one stops; SR_CLASS_CACHE=off: never)"
echo "ready_first_ms_median=$(printf '%s\n' "${first[@]}" | median)  (each: ${first[*]}; empty data folder, demo data loaded; GET /me as customer1 and /health both 200)"
echo "ready_restart_ms_median=$(printf '%s\n' "${again[@]}" | median)  (each: ${again[*]}; second start on the same data)"
echo "me_200_first_ms_median=$(printf '%s\n' "${first_me[@]}" | median)  me_200_restart_ms_median=$(printf '%s\n' "${again_me[@]}" | median)  health_200_first_ms_median=$(printf '%s\n' "${first_health[@]}" | median)  health_200_restart_ms_median=$(printf '%s\n' "${again_health[@]}" | median)"

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
