#!/usr/bin/env bash
# The reliability suite's long form (issue 16): sr-reliability's tests against the built distribution, with more
# crashes, longer load, longer fuzzing and more feature switches than the short form mvn -B verify runs; prints
# the report (sr-reliability/target/reliability-report.md) at the end. Tests assert correctness only; the figures
# are in the report.
# Usage: bench/reliability.sh [--crashes N] [--load S] [--clients N] [--fuzz S] [--toggles N] [--outage S] [--updates N]
#                             [--seed N] [--only CLASSES]
#   --crashes N   SIGKILLs under load (default 20)
#   --load S      longest stretch of load before each kill, in seconds (default 10; the kill comes at a random moment)
#   --clients N   concurrent intake clients (default 8)
#   --fuzz S      seconds of fuzzing (default 600)
#   --toggles N   off/on rounds of each feature (default 10)
#   --outage S    seconds the database stays out of reach in DatabaseOutageIT (default 60)
#   --updates N   times BundleUpdateIT replaces a bundle in deploy/ under load (default 10)
#   --seed N      repeat a run: every random choice follows the seed the report names
#   --only LIST   test classes, comma-separated (default every one: CrashIT,OutageIT,DatabaseOutageIT,FeatureToggleIT,
#                 BundleUpdateIT,FuzzIT,RegressionIT,TwoNodesIT)
# Builds and installs the distribution first when there is none (mvn -B -DskipTests install). Run it alone on the machine:
#   flock /tmp/sr-build.lock bench/reliability.sh
set -euo pipefail
die() { echo "reliability: $*" >&2; exit 2; }
crashes=20; load=10; clients=8; fuzz=600; toggles=10; outage=60; updates=10; seed=""; only=""
while [ $# -gt 0 ]; do
    case "$1" in
        --crashes) crashes=${2:?}; shift 2 ;;
        --load) load=${2:?}; shift 2 ;;
        --clients) clients=${2:?}; shift 2 ;;
        --fuzz) fuzz=${2:?}; shift 2 ;;
        --toggles) toggles=${2:?}; shift 2 ;;
        --outage) outage=${2:?}; shift 2 ;;
        --updates) updates=${2:?}; shift 2 ;;
        --seed) seed=${2:?}; shift 2 ;;
        --only) only=${2:?}; shift 2 ;;
        -h|--help) sed -n '/^# Usage:/,/^# Builds/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
for n in "$crashes" "$clients" "$fuzz" "$toggles" "$outage" "$updates"; do [[ "$n" =~ ^[0-9]+$ ]] || die "not a whole number: $n"; done
[[ "$load" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--load needs seconds, not '$load'"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
offline=(); [ -d "${HOME}/.m2/repository/org/apache/felix" ] && offline=(-o)
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
if [ ! -x sr-dist/target/sr-platform/bin/sr-platform ] \
        || [ ! -f "${HOME}/.m2/repository/org/srplatform/sr-dist/$version/sr-dist-$version.pom" ]; then
    mvn -B -q "${offline[@]}" -DskipTests install
fi
rm -rf sr-reliability/target/reliability sr-reliability/target/reliability-report.md
args=(-Dreliability.crashes="$crashes" -Dreliability.load.seconds="$load" -Dreliability.clients="$clients"
      -Dreliability.fuzz.seconds="$fuzz" -Dreliability.toggles="$toggles" -Dreliability.outage.seconds="$outage"
      -Dreliability.updates="$updates")
# A new seed each long run (the short form keeps a fixed one), unless --seed repeats a run.
[ -n "$seed" ] || seed=$(( $(date +%s%N) % 1000000007 ))
args+=(-Dreliability.seed="$seed" -Dreliability.jazzer.seed="$(( seed % 2147483647 ))")
[ -n "$only" ] && args+=(-Dit.test="$only")
rc=0
mvn -B "${offline[@]}" verify -pl sr-reliability "${args[@]}" || rc=$?
echo
cat sr-reliability/target/reliability-report.md 2>/dev/null || echo "reliability: no report written (see sr-reliability/target/failsafe-reports)"
exit "$rc"
