#!/usr/bin/env bash
# Benchmark of the `diagnostics` gate: a generated 100 MB ESLint `-f json` report (and a 10 MB
# one, to show memory does not grow with the input), read by `gatekeep check` (release build)
# side by side with Python's json.load counting the same messages (bench/eslint_count.py).
# Wall time and CPU time are medians of RUNS runs; peak RSS from /usr/bin/time -v (the largest).
#
#   bench/diagnostics.sh      # RUNS=5 by default
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
OUT=bench/out
mkdir -p "$OUT"
for mb in 10 100; do
  if [ ! -f "$OUT/eslint-${mb}mb.json" ]; then
    python3 bench/gen_eslint.py "$mb" "$OUT/eslint-${mb}mb.json" > "$OUT/eslint-${mb}mb.totals.json"
  fi
done
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/gatekeep

MEASURE_ANY_EXIT=1 # gatekeep exits 1 on NO-GO: the report has errors
. bench/lib.sh # (the working folder is the repository root)

echo "gatekeep $(git rev-parse --short HEAD), $(python3 --version), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg), runs: $RUNS"
echo
for mb in 10 100; do
  dir=$(mktemp -d)
  cp "$OUT/eslint-${mb}mb.json" "$dir/eslint.json" # a copy: a report reached through a symlink out of the repository is refused
  printf '[gates.lint]\nkind = "diagnostics"\nreports = ["eslint.json"]\n' > "$dir/gates.toml"
  echo "eslint-${mb}mb.json: $(cat "$OUT/eslint-${mb}mb.totals.json")"
  echo "gatekeep counts: $("$BIN" check --format json "$dir" | python3 -c 'import json,sys; g=json.load(sys.stdin)["gates"][0]; print({m["name"]: m["value"] for m in g["metrics"] if m["name"] in ("errors","warnings")})')"
  echo
  echo "| run | wall (median) | CPU user+sys (median) | peak RSS |"
  echo "|---|---|---|---|"
  measure "gatekeep check, ${mb} MB ESLint JSON" "$BIN" check "$dir"
  measure "python json.load, ${mb} MB ESLint JSON" python3 bench/eslint_count.py "$OUT/eslint-${mb}mb.json"
  echo
  rm -rf "$dir"
done
