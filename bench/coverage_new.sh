#!/usr/bin/env bash
# Benchmarks the coverage gate on the formats added for issue 19 (SimpleCov .resultset.json,
# gcovr JSON, Coveralls JSON, SonarQube generic XML) through `gatekeep check -q <dir>`.
#
#   bench/coverage_new.sh [gatekeep binary]   # default target/release/gatekeep
#
# Inputs: bench/gen_coverage_new.py (about 200 MB per report). Peak memory: /usr/bin/time -v.
# Results: bench/results/coverage.md, "Formats added for issue 19" (written by hand from this output).
set -euo pipefail
cd "$(dirname "$0")/.."
GK=${1:-target/release/gatekeep}
O=bench/out/new
[ -f "$O/sonar/sonar.xml" ] || python3 bench/gen_coverage_new.py --mb 200
echo "| report | wall | CPU (user + sys) | peak RSS |"
echo "|---|---|---|---|"
for d in simplecov gcovr-json coveralls sonar; do
  log=$(mktemp)
  /usr/bin/time -v "$GK" check -q "$O/$d" >"$log.out" 2>"$log" || true
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
  user=$(grep "User time" "$log" | awk '{print $NF}')
  sys=$(grep "System time" "$log" | awk '{print $NF}')
  printf '| %s | %s | %s + %s s | %d MB |\n' "$d" "$wall" "$user" "$sys" $((rss / 1024))
  rm -f "$log" "$log.out"
done
