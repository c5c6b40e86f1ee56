#!/usr/bin/env bash
# A 1 GiB attachment uploaded and downloaded through the API while the platform's heap is capped at
# 256 MiB (it exits on OutOfMemoryError), with both checksums compared and the peak heap in use printed.
# Usage: bench/attachment-1gib.sh [size_mib=1024]   (build first: mvn -B -DskipTests install)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$root/sr-dist/target/sr-platform"
mib="${1:-1024}"; port="${SR_BENCH_PORT:-18767}"
work="$(mktemp -d)"; pid=""; sampler=""
cleanup() { [ -n "$sampler" ] && kill "$sampler" 2>/dev/null; [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
SR_JAVA_OPTS="-XX:+UseSerialGC -Xmx256m -XX:+ExitOnOutOfMemoryError" \
    "$dist/bin/sr-platform" --demo --no-console --port "$port" --data "$work/data" >"$work/console.log" 2>&1 &
pid=$!
B="http://127.0.0.1:$port/api/v1"
for i in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -u customer1:customer1 "$B/accounts")" = 200 ] && break; sleep 0.1
done
number=$(curl -s -u customer1:customer1 -H 'Content-Type: application/json' "$B/requests" -d '{"account":"1001",
  "product":"datacenter","category":"performance","severity":2,"subject":"Core dump","description":"attached",
  "contactMethod":"EMAIL"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["number"])')
head -c "$((mib * 1024 * 1024))" /dev/urandom > "$work/core.dump"
sent=$(sha256sum "$work/core.dump" | cut -d' ' -f1)
jvm=$(pgrep -f "sr.home=$dist" -n || echo "$pid")
( peak=0; while kill -0 "$jvm" 2>/dev/null; do
    used=$(jstat -gc "$jvm" 2>/dev/null | awk 'NR==2 {printf "%d", ($3+$4+$6+$8)/1024}')
    [ -n "$used" ] && [ "$used" -gt "$peak" ] && peak=$used && echo "$peak" > "$work/peak"
    sleep 0.2; done ) & sampler=$!
t0=$(date +%s%3N)
answer=$(curl -s -u customer1:customer1 -F "file=@$work/core.dump;filename=core.dump" "$B/requests/$number/attachments")
t1=$(date +%s%3N)
id=$(echo "$answer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
stored=$(echo "$answer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sha256"])')
got=$(curl -s -u customer1:customer1 "$B/requests/$number/attachments/$id" | sha256sum | cut -d' ' -f1)
t2=$(date +%s%3N)
echo "attachment_mib=$mib upload_ms=$((t1 - t0)) download_ms=$((t2 - t1)) peak_heap_used_mib=$(cat "$work/peak" 2>/dev/null || echo '?') (heap cap 256 MiB)"
echo "sha256_sent=$sent"
echo "sha256_stored=$stored"
echo "sha256_downloaded=$got"
[ "$sent" = "$stored" ] && [ "$sent" = "$got" ] && echo "checksums_match=true" || { echo "checksums_match=false"; exit 1; }
