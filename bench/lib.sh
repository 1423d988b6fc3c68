# Shared by the benchmark scripts: `measure LABEL COMMAND...` runs COMMAND $RUNS times under
# /usr/bin/time -v and prints one Markdown row: median wall, median CPU (user + system), peak RSS.
# A failing COMMAND stops the script, unless MEASURE_ANY_EXIT=1 (gatekeep exits 1 on NO-GO).
measure() { # label, command...
  local label=$1; shift
  local tmp; tmp=$(mktemp)
  for _ in $(seq "$RUNS"); do
    if [ "${MEASURE_ANY_EXIT:-0}" = 1 ]; then
      /usr/bin/time -v "$@" > /dev/null 2>> "$tmp" || true
    else
      /usr/bin/time -v "$@" > /dev/null 2>> "$tmp"
    fi
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
