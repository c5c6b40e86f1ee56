#!/usr/bin/env bash
# Build time (no tests) and test time (the README's test command), wall clock, with a warm ~/.m2.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
t0=$(date +%s%3N); mvn -B -q -DskipTests install >/dev/null; t1=$(date +%s%3N)
echo "build_ms=$(( t1 - t0 ))  (mvn -B -q -DskipTests install)"
t0=$(date +%s%3N); mvn -B -q verify >/dev/null; t1=$(date +%s%3N)
echo "test_ms=$(( t1 - t0 ))  (mvn -B verify: unit, Pax Exam and distribution tests)"
