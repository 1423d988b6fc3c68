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

measure() { # label, command...
  local label=$1; shift
  local tmp; tmp=$(mktemp)
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v "$@" > /dev/null 2>> "$tmp"
  done
  python3 - "$label" "$tmp" <<'PY'
import re, statistics, sys
label, path = sys.argv[1], sys.argv[2]
text = open(path).read()
def vals(pat, conv=float):
    return [conv(v) for v in re.findall(pat, text)]
def secs(s):
    parts = [float(p) for p in s.split(":")]
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
wall = [secs(v) for v in re.findall(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)]
user = vals(r"User time \(seconds\): (\S+)")
sys_ = vals(r"System time \(seconds\): (\S+)")
rss = vals(r"Maximum resident set size \(kbytes\): (\d+)", int)
cpu = [u + s for u, s in zip(user, sys_)]
print(f"| {label} | {statistics.median(wall):.3f} s | {statistics.median(cpu):.3f} s | {max(rss) / 1024:.1f} MiB |")
PY
  rm -f "$tmp"
}

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
