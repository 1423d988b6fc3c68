#!/usr/bin/env bash
# Benchmark of the `junit` gate: 1,000 and 10,000 generated Surefire reports (a multi-module
# build, 1,000 reports per module), gatekeep's gate (via examples/junit_bench.rs, which calls
# gatekeep::gates::run_for_test) side by side with a Python xml.etree reference
# (bench/junit_etree.py) on the same files. Wall time and CPU time are medians of RUNS runs;
# peak RSS from /usr/bin/time -v (the largest of the runs).
#
#   bench/junit.sh            # RUNS=5 by default
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
OUT=bench/out/surefire
if [ ! -f "$OUT/module-9/target/surefire-reports/TEST-com.example.pkg9.Service09999Test.xml" ]; then
  rm -rf "$OUT"
  python3 bench/gen_surefire.py 10000 "$OUT" > bench/out/surefire-totals.json
fi
PASSING=bench/out/surefire-passing
if [ ! -f "$PASSING/module-9/target/surefire-reports/TEST-com.example.pkg9.Service09999Test.xml" ]; then
  rm -rf "$PASSING"
  python3 bench/gen_surefire.py 10000 "$PASSING" --passing > /dev/null
fi
cargo build --release --quiet --example junit_bench
BIN=$PWD/target/release/examples/junit_bench
PEER="python3 $PWD/bench/junit_etree.py"

. bench/lib.sh # (the working folder is the repository root)

echo "gatekeep $(git rev-parse --short HEAD), $(python3 --version), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg), runs: $RUNS"
echo
echo "| run | wall (median) | CPU user+sys (median) | peak RSS |"
echo "|---|---|---|---|"
cd "$OUT"
for spec in "1000:module-0/target/surefire-reports/TEST-*.xml" "10000:*/target/surefire-reports/TEST-*.xml"; do
  n=${spec%%:*}; glob=${spec#*:}
  measure "gatekeep junit, $n files" "$BIN" . "$glob"
  measure "python xml.etree, $n files" $PEER "$glob"
done
cd - > /dev/null
cd "$PASSING"
measure "gatekeep junit, 10000 files, all passing" "$BIN" . "*/target/surefire-reports/TEST-*.xml"
measure "python xml.etree, 10000 files, all passing" $PEER "*/target/surefire-reports/TEST-*.xml"
cd - > /dev/null
cd "$OUT"
echo
echo "Totals (gatekeep, 10,000 files):"
"$BIN" . "*/target/surefire-reports/TEST-*.xml" 2>/dev/null | grep -E '^(tests|passed|failed|errors|skipped) '
echo "Totals (python xml.etree, 10,000 files):"
$PEER "*/target/surefire-reports/TEST-*.xml"
