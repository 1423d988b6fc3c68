#!/usr/bin/env bash
# The JSON coverage readers at 200 MB, two gatekeep builds side by side (alternating runs), with
# Python's json.load of the same file as the peer (the parse alone, no coverage figures).
#
#   bench/coverage_batched.sh BEFORE_BINARY AFTER_BINARY [runs]   # DIRS="new/coveralls ..." for a subset
#
# Inputs: bench/gen_coverage_json.py --scale 1.35 --tag 200 (coverage.py, Istanbul, llvm-cov)
# and bench/gen_coverage_new.py --mb 200 (SimpleCov, gcovr JSON, Coveralls); generated when missing.
# Results: bench/results/coverage.md, "JSON readers, batched" (written by hand from this output).
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=$1 AFTER=$2 RUNS=${3:-2}
[ -f bench/out/json/py-200/coverage.json ] || python3 bench/gen_coverage_json.py --scale 1.35 --tag 200
[ -f bench/out/new/coveralls/coveralls.json ] || python3 bench/gen_coverage_new.py --mb 200
measure() { # label, command...
  local label=$1; shift
  local log; log=$(mktemp)
  /usr/bin/time -f '%e %U %S %M' -o "$log" "$@" >/dev/null 2>&1 || true
  read -r wall user sys rss < <(tail -1 "$log")
  printf '| %s | %s s | %s + %s s | %d MB |\n' "$label" "$wall" "$user" "$sys" $((rss / 1024))
  rm -f "$log"
}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| run | wall | CPU (user + sys) | peak RSS |"
echo "|---|---|---|---|"
for d in ${DIRS:-json/py-200 json/istanbul-200 json/llvm-200 new/simplecov new/gcovr-json new/coveralls}; do
  f=$(ls -A bench/out/$d | grep -v gates.toml | head -1)
  for _ in $(seq "$RUNS"); do
    measure "$d before" "$BEFORE" check -q "bench/out/$d"
    measure "$d after" "$AFTER" check -q "bench/out/$d"
  done
  measure "$d python3 json.load" python3 -c "import json,sys; json.load(open(sys.argv[1], 'rb'))" "bench/out/$d/$f"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
