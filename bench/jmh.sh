#!/usr/bin/env bash
# In-process benchmarks (JMH, bench/jmh): what an SR costs the store without HTTP (StoreWriteBenchmark: the SR,
# its timeline entry and its confirmation in one durable transaction on embedded Derby, from 1 and 16 threads).
# Prints JMH's table; --out FILE also writes it as Markdown. Build the platform first: mvn -B -DskipTests install
# (the benchmarks run against the store jars it installs in the local repository).
# Usage: bench/jmh.sh [--out FILE] [JMH options, e.g. -wi 1 -i 2 for a quick look]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out=""
if [ "${1:-}" = --out ]; then out=$2; shift 2; fi
mvn -B -q -f "$root/bench/jmh/pom.xml" package -DskipTests
mvn -B -q -f "$root/bench/jmh/pom.xml" dependency:build-classpath -Dmdep.outputFile="$root/bench/jmh/target/cp.txt" >/dev/null
cp="$root/bench/jmh/target/classes:$(cat "$root/bench/jmh/target/cp.txt")"
result="$(mktemp)"
trap 'rm -f "$result"' EXIT
java -cp "$cp" org.openjdk.jmh.Main -rf csv -rff "$result" "$@" 'org.srplatform.bench.*'
if [ -n "$out" ]; then
    mkdir -p "$(dirname "$out")"
    {
        echo "| benchmark | threads | SRs/s | ± (99.9%) |"
        echo "| --- | ---: | ---: | ---: |"
        # JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
        tail -n +2 "$result" | tr -d '"' | awk -F, '{ sub(/.*\./, "", $1); printf "| %s | %s | %.0f | %.0f |\n", $1, $3, $5, $6 }'
    } >"$out"
    cat "$out"
fi
