#!/usr/bin/env bash
# The long run of the mutation fuzzer (tests/fuzz.rs): every real sample of every input format
# under fixtures/ damaged ITERS times per sample (truncation, bit flips, inserted markup, deleted
# closing tags, renamed and split tags, huge / negative / NaN numbers, BOM, CRLF, deep nesting,
# invalid UTF-8, deleted and repeated lines), for each of the SEEDS seeds. The CI run is the same
# test with its default of 32 inputs per sample and one seed (`cargo test --test fuzz`).
#
#   bench/fuzz.sh              # ITERS=400, SEEDS="1 2 3", debug build (checks debug assertions)
#   ITERS=2000 SEEDS="7 8" PROFILE=release bench/fuzz.sh
#
# Prints, per format, the inputs tried, how many the independent oracle judged damaged, how many
# made the gate ERROR, and the failures (a panic, a hang, or a damaged input that made a figure
# better or passed); exits non-zero on any failure. The log goes to bench/out/fuzz.md; the figures
# are copied by hand into bench/results/reliability.md (then bench/assemble.py).
set -euo pipefail
cd "$(dirname "$0")/.."
ITERS=${ITERS:-400}
SEEDS=${SEEDS:-"1 2 3"}
PROFILE=${PROFILE:-debug}
flags=()
[ "$PROFILE" = release ] && flags+=(--release)
mkdir -p bench/out
out=bench/out/fuzz.md
{
  echo "# fuzz run: ITERS=$ITERS per sample, seeds $SEEDS, $PROFILE build, $(date -u +%F)"
  echo
} > "$out"
status=0
for seed in $SEEDS; do
  log=$(mktemp)
  if ! GATEKEEP_FUZZ_ITERS=$ITERS GATEKEEP_FUZZ_SEED=$seed \
      cargo test "${flags[@]}" --test fuzz -- --nocapture --test-threads 2 > "$log" 2>&1; then
    status=1
  fi
  echo "## seed $seed" >> "$out"
  grep -E '^fuzz |failures:|damaged input|panic|no result within' "$log" | sed 's/^/    /' >> "$out" || true
  echo >> "$out"
  rm -f "$log"
done
cat "$out"
exit $status
