#!/usr/bin/env bash
# Administration's import at scale, as issue 14 asks ("the time to import 10,000 accounts with 30,000 contracts and
# 50,000 contacts"): the distribution started without demo mode on a fresh data folder, the first administrator's
# password set, then through HTTP (POST /api/v1/admin/import, as an administrator):
#   1. the generated document (bench/AdminImportFile.java: N accounts, C contracts and K contacts each, U customer
#      users, one offering, C products, three regions) imported into the empty platform: every entry checked, then written in one
#      transaction with one audit entry each (the figure the issue asks for);
#   2. the same document again: checked and compared, nothing written (idempotent), no audit entry;
#   3. GET /api/v1/admin/export of the whole setup.
# Each: wall time as curl sees it, and the answer checked (created / unchanged counts, the export's counts).
#
# Usage: bench/admin-import.sh [--accounts N] [--contracts C] [--contacts K] [--users U] [--port P] [--keep DIR]
#   --accounts N   accounts (default 10000)
#   --contracts C  contracts per account (default 3: 30,000)
#   --contacts K   contacts per account (default 5: 50,000)
#   --users U      customer users, the first contacts of the accounts (default 0; the export reads every user)
#   --port P       HTTP port on 127.0.0.1 (default $SR_BENCH_PORT or 18769)
#   --keep DIR     the console, the document and the answers into DIR
# Environment: SR_DIST (default sr-dist/target/sr-platform: build it with mvn -B -DskipTests install), SR_JAVA_OPTS,
# JAVA_HOME. The distribution is copied into a temporary folder, removed on exit with the process.
# Run it alone: flock /tmp/sr-build.lock bench/admin-import.sh
set -euo pipefail

die() { echo "admin-import: $*" >&2; exit 2; }
usage() { sed -n '/^# Usage:/,/^# Environment:/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' | sed '$d' >&2; }

accounts=10000; contracts=3; contacts=5; users=0; port="${SR_BENCH_PORT:-18769}"; keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --accounts|--contracts|--contacts|--users|--port)
            [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]{1,9}$ ]] || { usage; die "$1 needs a whole number"; }
            declare "${1#--}=$((10#$2))"; shift 2 ;;
        --keep) [ $# -ge 2 ] || { usage; die "--keep needs a folder"; }; keep="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage; die "unknown option $1" ;;
    esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="${SR_DIST:-$root/sr-dist/target/sr-platform}"
[ -x "$dist/bin/sr-platform" ] || die "no distribution at $dist: build it with mvn -B -DskipTests install"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v curl >/dev/null || die "needs curl"
command -v jq >/dev/null || die "needs jq"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is in use; pass --port"; fi

work="$(mktemp -d /tmp/sr-admin-import.XXXXXX)"
pid=""
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    if [ -n "$keep" ]; then mkdir -p "$keep"; cp -r "$work/console.log" "$work/setup.json" "$work"/answer-* "$keep/" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

cp -r "$dist" "$work/platform"
# A document of this size is tens of MB: raise the JSON limit for this run (an operator would, or use sr:import FILE).
echo "json.max.bytes = 1073741824" > "$work/platform/etc/org.srplatform.web.limits.cfg"

echo "generating the document (bench/AdminImportFile.java)"
"$java" "$root/bench/AdminImportFile.java" "$work/setup.json" --accounts "$accounts" --contracts "$contracts" \
    --contacts "$contacts" --users "$users"

base="http://127.0.0.1:$port/api/v1"
"$work/platform/bin/sr-platform" --port "$port" --data "$work/data" --no-console > "$work/console.log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/health" || true)" = 200 ] && [ -f "$work/data/admin-password.txt" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/console.log" >&2; die "the platform stopped"; }
    sleep 0.1
done
[ -f "$work/data/admin-password.txt" ] || die "no first administrator within 120 s"
otp="$(grep -v '^#' "$work/data/admin-password.txt" | grep -v '^$' | tail -1)"
admin_pw="bench administrator passphrase"
code=""
for _ in $(seq 1 300); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$otp" -X PUT -H 'Content-Type: application/json' \
        -d "{\"currentPassword\":\"$otp\",\"newPassword\":\"$admin_pw\"}" "$base/me/password" || true)
    [ "$code" = 204 ] && break
    sleep 0.2
done
[ "$code" = 204 ] || die "could not set the administrator's password ($code)"

import() { # $1: label; prints the wall time; the answer in $work/answer-$1
    local t
    t=$(curl -s -o "$work/answer-$1" -w '%{http_code} %{time_total}' -u "admin:$admin_pw" -X POST \
        -H 'Content-Type: application/json' --data-binary "@$work/setup.json" "$base/admin/import")
    [ "${t%% *}" = 200 ] || { head -c 2000 "$work/answer-$1" >&2; die "import $1 answered ${t%% *}"; }
    echo "${t#* }"
}

size_kib=$(( $(stat -c %s "$work/setup.json") / 1024 ))
echo "importing into the empty platform: $accounts accounts, $((accounts * contracts)) contracts, $((accounts * contacts)) contacts, $users users ($size_kib KiB)"
first=$(import first)
created=$(jq -c .created "$work/answer-first")
[ "$(jq .created.accounts "$work/answer-first")" = "$accounts" ] || die "first import created $created"
[ "$(jq .created.contacts "$work/answer-first")" = "$((accounts * contacts))" ] || die "first import created $created"
[ "$(jq .created.users "$work/answer-first")" = "$users" ] || die "first import created $created"
echo "import_first_s=$first  created=$created"

second=$(import second)
[ "$(jq '[.created[], .changed[]] | add' "$work/answer-second")" = 0 ] || die "the second import wrote: $(cat "$work/answer-second")"
echo "import_again_s=$second  (nothing written: $(jq -c .unchanged "$work/answer-second"))"

t=$(curl -s -o "$work/answer-export" -w '%{http_code} %{time_total}' -u "admin:$admin_pw" "$base/admin/export")
[ "${t%% *}" = 200 ] || die "export answered ${t%% *}"
[ "$(jq '.accounts | length' "$work/answer-export")" = "$accounts" ] || die "the export lacks accounts"
[ "$(jq '[.accounts[].contracts | length] | add' "$work/answer-export")" = "$((accounts * contracts))" ] || die "the export lacks contracts"
[ "$(jq '.users | length' "$work/answer-export")" -gt "$users" ] || die "the export lacks users"
echo "export_s=${t#* }  ($(( $(stat -c %s "$work/answer-export") / 1024 )) KiB)"
grep -o 'Setup imported by admin: [0-9]* entries written in [0-9]* ms' "$work/console.log" | head -1 || true

echo
echo "| step | entries | seconds |"
echo "| --- | --- | --- |"
echo "| import into an empty platform (checked, written in one transaction with its audit) | $((accounts + accounts * contacts)) accounts and contacts, $((accounts * contracts)) contracts | $first |"
echo "| the same file again (checked, compared, nothing written) | same | $second |"
echo "| export | same | ${t#* } |"
