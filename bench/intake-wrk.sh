#!/usr/bin/env bash
# Intake throughput with wrk (a C load generator, so little client CPU shares the 2 cores), next to a
# read-only endpoint: POST /api/v1/requests and GET /api/v1/accounts, 16 connections.
# Needs wrk (apt-get install -y wrk). Usage: bench/intake-wrk.sh [seconds=10]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"; port="${SR_BENCH_PORT:-18768}"
work="$(mktemp -d)"; pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$root/sr-dist/target/sr-platform/bin/sr-platform" --demo --no-console --port "$port" --data "$work/data" >"$work/console.log" 2>&1 &
pid=$!
for i in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -u customer1:customer1 "http://127.0.0.1:$port/api/v1/accounts")" = 200 ] && break; sleep 0.1
done
wrk -t1 -c16 -d5s -s "$root/bench/intake-post.lua" "http://127.0.0.1:$port/api/v1/requests" >/dev/null  # warm-up
echo "POST /requests (durable SR, timeline, outbox):"
wrk -t1 -c16 -d"${seconds}s" --latency -s "$root/bench/intake-post.lua" "http://127.0.0.1:$port/api/v1/requests" | grep -E "Requests/sec|50%|99%|Non-2xx"
echo "GET /accounts:"
wrk -t1 -c16 -d"${seconds}s" --latency -H "Authorization: Basic Y3VzdG9tZXIxOmN1c3RvbWVyMQ==" \
    "http://127.0.0.1:$port/api/v1/accounts" | grep -E "Requests/sec|50%|99%|Non-2xx"
