#!/usr/bin/env bash
# Speed and memory of the xml gate, side by side with xmllint (Debian libxml2-utils), same run.
#
#   bench/xml.sh [BIG_MB]     (default 256; use 1024 for the 1 GB bounded-memory run)
#
# Inputs are generated into bench/out/ (gitignored). Until `gatekeep check` is wired, gatekeep is
# driven through examples/xml_bench.rs, which calls gatekeep::gates::run_for_test("xml", ...):
# the same gate code, the same repo walk, the same shared file cache.
set -euo pipefail
cd "$(dirname "$0")/.."
BIG_MB=${1:-256}
OUT=bench/out
BIN=target/release/examples/xml_bench
TIME=/usr/bin/time

cargo build --release --example xml_bench >/dev/null 2>&1
[ -f "$OUT/big$BIG_MB/catalog.xml" ] || python3 bench/gen_xml.py big "$BIG_MB" "$OUT/big$BIG_MB/catalog.xml"
[ -d "$OUT/small20k" ] || python3 bench/gen_xml.py small 20000 "$OUT/small20k"
BIG="$OUT/big$BIG_MB/catalog.xml"
SIZE=$(stat -c %s "$BIG")
echo "machine: $(nproc) cores; $(xmllint --version 2>&1 | head -1)"
echo "big file: $BIG ($SIZE bytes); small repo: $(find $OUT/small20k -name '*.xml' | wc -l) files, $(du -sb $OUT/small20k | cut -f1) bytes"

measure() { # label, command...
  local label=$1; shift
  sync; cat "$@" >/dev/null 2>&1 || true
  $TIME -f "%e %M %U %S" -o /tmp/xml_bench_time "$@" >/tmp/xml_bench_out 2>&1 || true
  read -r wall rss user sys </tmp/xml_bench_time
  cpu=$(python3 -c "print(f'{$user + $sys:.2f}')")
  printf '| %s | %s s | %s s | %s MB |\n' "$label" "$wall" "$cpu" "$((rss / 1024))"
  echo "$wall $cpu" >/tmp/xml_bench_wall
}

echo
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | wall | CPU (user+sys) | peak RSS |"
echo "|---|---:|---:|---:|"
cat "$BIG" >/dev/null  # warm the page cache for every tool alike
measure "gatekeep xml gate, ${BIG_MB} MB file (streamed, 1 core)" $BIN gate "$OUT/big$BIG_MB"
gk=$(cat /tmp/xml_bench_wall)
grep -E "^(errors|files) =" /tmp/xml_bench_out | tr '\n' ' ' >&2; echo >&2
measure "gatekeep xml gate, ${BIG_MB} MB file (in memory via shared cache)" $BIN gate "$OUT/big$BIG_MB" "stream_above = 100000000000"
measure "xmllint --noout --nonet --stream, ${BIG_MB} MB file" xmllint --noout --nonet --stream "$BIG"
xs=$(cat /tmp/xml_bench_wall)
measure "xmllint --noout --nonet (tree), ${BIG_MB} MB file" xmllint --noout --nonet "$BIG"
xt=$(cat /tmp/xml_bench_wall)
find "$OUT/small20k" -name '*.xml' -print0 >/tmp/xml_bench_list
cat $(find "$OUT/small20k" -name '*.xml' | head -5000) >/dev/null
measure "gatekeep xml gate, 20,000 small files (2 threads)" $BIN gate "$OUT/small20k"
gs=$(cat /tmp/xml_bench_wall)
grep -E "^(errors|files) =" /tmp/xml_bench_out | tr '\n' ' ' >&2; echo >&2
measure "xmllint --noout --nonet, 20,000 files, xargs -P2 -n 1000" xargs -0 -P2 -n 1000 xmllint --noout --nonet </tmp/xml_bench_list
ls=$(cat /tmp/xml_bench_wall)
measure "xmllint --noout --nonet, 20,000 files, xargs -P2 -n 1 (one process per file)" xargs -0 -P2 -n 1 xmllint --noout --nonet </tmp/xml_bench_list
echo
python3 - "$SIZE" $gk $xs $xt $gs $ls <<'PY'
import sys
v = [float(x) for x in sys.argv[1:]]
size = v[0]
gk, gkc, xs, xsc, xt, xtc, gs, gsc, ls, lsc = v[1:]
mb = size / 1e6
print(f"large file, MB/s per core (size / CPU time): gatekeep {mb/gkc:.0f}, xmllint --stream {mb/xsc:.0f}, xmllint tree {mb/xtc:.0f}")
print(f"large file, MB/s wall: gatekeep {mb/gk:.0f}, xmllint --stream {mb/xs:.0f}, xmllint tree {mb/xt:.0f}")
print(f"20,000 files wall: gatekeep {gs:.2f} s vs xmllint -P2 -n 1000 {ls:.2f} s (gatekeep/xmllint = {gs/ls:.2f}); CPU {gsc:.2f} s vs {lsc:.2f} s")
PY
