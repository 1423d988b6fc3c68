#!/usr/bin/env bash
# Benchmarks the coverage gate on the JSON formats through `gatekeep check -q <dir>`.
#
#   bench/coverage_json.sh [gatekeep binary]   # default target/release/gatekeep
#
# Inputs: bench/gen_coverage_json.py (full = ~150 MB, half = ~75 MB per report), each in its own
# directory with a one-gate gates.toml. Peak memory: /usr/bin/time -v.
# Results: bench/results/coverage.md, "JSON formats, streamed" (written by hand from this output).
set -euo pipefail
cd "$(dirname "$0")/.."
GK=${1:-target/release/gatekeep}
O=bench/out/json
[ -d "$O/py-full" ] || python3 bench/gen_coverage_json.py --scale 1 --tag full
[ -d "$O/py-half" ] || python3 bench/gen_coverage_json.py --scale 0.5 --tag half
echo "| report | wall | CPU (user + sys) | peak RSS |"
echo "|---|---|---|---|"
for d in py-full py-half istanbul-full istanbul-half llvm-full llvm-half; do
  log=$(mktemp)
  /usr/bin/time -v "$GK" check -q "$O/$d" >"$log.out" 2>"$log" || true
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
  user=$(grep "User time" "$log" | awk '{print $NF}')
  sys=$(grep "System time" "$log" | awk '{print $NF}')
  printf '| %s | %s | %s + %s s | %d MB |\n' "$d" "$wall" "$user" "$sys" $((rss / 1024))
  head -c 600 "$log.out" | sed 's/^/    /' >&2
  rm -f "$log" "$log.out"
done
