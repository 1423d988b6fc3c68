#!/usr/bin/env bash
# Benchmarks the `coverage` gate against its peers on large synthetic reports.
#
#   bench/coverage.sh            # generate inputs if missing, run everything
#
# Peers: `lcov --summary` (Debian lcov) on LCOV, pycobertura on Cobertura. gatekeep runs through
# examples/coverage_bench.rs (the gate exactly as `check` runs it; the script will switch to
# `gatekeep check` with a one-gate gates.toml once the CLI lands). Peak memory: /usr/bin/time -v.
# Results: bench/results/coverage.md (written by hand from this output).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
PYCOB=${PYCOBERTURA:-pycobertura}
[ -f "$OUT/lcov-200mb.info" ] || python3 bench/gen_coverage.py
cargo build --release --example coverage_bench >/dev/null 2>&1
GK=target/release/examples/coverage_bench

measure() { # name, command...
  local name=$1; shift
  local log; log=$(mktemp)
  /usr/bin/time -v "$@" >"$log.out" 2>"$log"
  local wall rss user sys
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
  user=$(grep "User time" "$log" | awk '{print $NF}')
  sys=$(grep "System time" "$log" | awk '{print $NF}')
  printf '| %s | %s | %s s user + %s s sys | %d MB |\n' "$name" "$wall" "$user" "$sys" $((rss / 1024))
  grep -E "^(line|branch|lines_|branches_)| lines\.| branches\.|^TOTAL" "$log.out" | sed 's/^/    /' >&2 || true
  rm -f "$log" "$log.out"
}

echo "| run | wall | cpu | peak RSS |"
echo "|---|---|---|---|"
measure "gatekeep: 200 MB LCOV" "$GK" "$OUT" lcov-200mb.info
measure "gatekeep: 8 x 25 MB LCOV shards" "$GK" "$OUT" "shards/shard-*.info"
measure "gatekeep: 200 MB Cobertura" "$GK" "$OUT" cobertura-200mb.xml
measure "lcov --summary: 200 MB LCOV" lcov --summary "$OUT/lcov-200mb.info" --rc lcov_branch_coverage=1
measure "lcov -a (8 shards) -o merged" lcov $(for i in 0 1 2 3 4 5 6 7; do echo -a "$OUT/shards/shard-$i.info"; done) --rc lcov_branch_coverage=1 -o "$OUT/merged.info"
measure "pycobertura show: 200 MB Cobertura" "$PYCOB" show "$OUT/cobertura-200mb.xml"
