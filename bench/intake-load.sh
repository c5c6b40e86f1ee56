#!/usr/bin/env bash
# Intake throughput: SRs per second over HTTP (16 clients, durable commits) next to the raw Derby
# single-row durable insert rate (16 threads), measured by one driver in one run, with p50/p99.
# Usage: bench/intake-load.sh [threads=16] [seconds=20]   (build first: mvn -B -DskipTests install)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$root/sr-dist/target/sr-platform"
threads="${1:-16}"; seconds="${2:-20}"; port="${SR_BENCH_PORT:-18766}"
derby_version=10.16.1.1
m2="${HOME}/.m2/repository/org/apache/derby"
cp="$m2/derby/$derby_version/derby-$derby_version.jar:$m2/derbyshared/$derby_version/derbyshared-$derby_version.jar:$m2/derbytools/$derby_version/derbytools-$derby_version.jar"
work="$(mktemp -d)"; pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$dist/bin/sr-platform" --demo --no-console --port "$port" --data "$work/data" >"$work/console.log" 2>&1 &
pid=$!
for i in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -u customer1:customer1 "http://127.0.0.1:$port/api/v1/accounts")" = 200 ] && break
    sleep 0.1
done
java -cp "$cp" "$root/bench/IntakeLoad.java" "$port" "$threads" "$seconds" "$work/raw-db"
