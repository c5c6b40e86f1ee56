#!/usr/bin/env bash
# Sign-in latency (p50/p99) of a valid, signed-in user (customer1, GET /api/v1/me) alone and while
# GUESSERS clients guess passwords, in both attack shapes (see bench/SignInUnderGuessing.java):
# targeted (the demo users, one loopback address per guesser) and spray (a new login and address each).
# Usage: bench/signin-under-guessing.sh [guessers=16] [seconds=20] [targeted|spray|both=both]
#        (build first: mvn -B -DskipTests install)
# Loopback only; every loop is bounded; a fresh platform and data folder for each attack shape.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="${SR_DIST:-$root/sr-dist/target/sr-platform}"  # SR_DIST: measure a copy (e.g. the build before a change)
guessers="${1:-16}"; seconds="${2:-20}"; modes="${3:-both}"
port="${SR_BENCH_PORT:-18180}"
[ -x "$dist/bin/sr-platform" ] || { echo "no distribution at $dist: run 'mvn -B -DskipTests install' first" >&2; exit 1; }
[ "$modes" = both ] && modes="targeted spray"
work="$(mktemp -d)"; pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; fi; pid=""; }
trap 'cleanup; rm -rf "$work"' EXIT

for mode in $modes; do
    rm -rf "$work/data"
    "$dist/bin/sr-platform" --demo --no-console --port "$port" --data "$work/data" >"$work/console-$mode.log" 2>&1 &
    pid=$!
    ready=""
    for i in $(seq 1 600); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' -u customer1:customer1 "http://127.0.0.1:$port/api/v1/me")" = 200 ] && { ready=1; break; }
        sleep 0.1
    done
    [ -n "$ready" ] || { echo "the platform did not answer on port $port; see $work/console-$mode.log" >&2; exit 1; }
    echo "# $mode: $guessers guessers, ${seconds}s alone then ${seconds}s under guessing; client and server share $(nproc) cores (no pinning)"
    java "$root/bench/SignInUnderGuessing.java" "$port" "$guessers" "$seconds" "$mode"
    echo "audit_lines=$(grep -cE 'WARN +audit ' "$work/console-$mode.log" 2>/dev/null || true)"
    cleanup
done
