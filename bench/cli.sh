#!/usr/bin/env bash
# End to end through the real CLI: `gatekeep check` with a one-gate gates.toml on each gate's
# generated (or fetched) benchmark input, with the quick peers side by side in the same run.
# The gates' full side-by-side benchmarks are bench/<gate>.sh; this shows what the CLI adds
# (start-up, config, the shared walk, the report) on the same inputs.
#
# Inputs under bench/out/ (see bench/gen_*.py and the gate scripts): coverage/ (200 MB LCOV,
# 200 MB Cobertura), surefire/ (10,000 Surefire files), small20k/ and big256/ (XML), django/ and
# docs-1m/ (docs), sympy/ (security). Writes bench/results/cli.md.
set -uo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
GK="$PWD/target/release/gatekeep"
O=bench/out
R=bench/results/cli.md
PEERS=${PEERS:-/work/scratch}
row() { # name, command...
  local name=$1; shift
  local t; t=$(mktemp)
  "$@" >/dev/null 2>&1   # warm the page cache: the big peers before may have evicted it
  /usr/bin/time -f "%e %M %U %S" -o "$t" "$@" >/dev/null 2>&1
  read -r wall rss user sys < <(tail -n 1 "$t"); rm -f "$t"
  printf '| %s | %s s | %s s | %s MB |\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" >> "$R"
}
cfg() { printf '%s\n' "$2" > "$1/gates.toml"; }
{
  echo "# gatekeep check, end to end"
  echo
  echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; gatekeep $($GK -V | cut -d' ' -f2) release build; one measured run each after one warm-up run, /usr/bin/time."
  echo
  echo "| run | wall | CPU (user+sys) | peak RSS |"
  echo "|---|---:|---:|---:|"
} > "$R"

cfg $O/coverage '[gates.coverage]
reports = ["lcov-200mb.info"]'
row "gatekeep check: coverage, 200 MB LCOV" "$GK" check -q $O/coverage
cfg $O/coverage '[gates.coverage]
reports = ["shards/shard-*.info"]'
row "gatekeep check: coverage, 8 × 25 MB LCOV shards merged" "$GK" check -q $O/coverage
cfg $O/coverage '[gates.coverage]
reports = ["cobertura-200mb.xml"]'
row "gatekeep check: coverage, 200 MB Cobertura" "$GK" check -q $O/coverage
[ -x "$PEERS/coverage/venv/bin/pycobertura" ] && row "pycobertura show, 200 MB Cobertura" "$PEERS/coverage/venv/bin/pycobertura" show $O/coverage/cobertura-200mb.xml
row "lcov --summary, 200 MB LCOV" lcov --summary $O/coverage/lcov-200mb.info --rc lcov_branch_coverage=1

cfg $O/surefire '[gates.junit]
reports = ["*/target/surefire-reports/TEST-*.xml"]'
row "gatekeep check: junit, 10,000 Surefire files" "$GK" check -q $O/surefire
row "python xml.etree, same files" python3 bench/junit_etree.py "$O/surefire/*/target/surefire-reports/TEST-*.xml"

cfg $O/small20k '[gates.xml]'
row "gatekeep check: xml, 20,000 small files" "$GK" check -q $O/small20k
row "xmllint --noout, xargs -P2 -n 1000" sh -c "find $O/small20k/ -name '*.xml' -print0 | xargs -0 -P2 -n 1000 xmllint --noout --nonet"
cfg $O/big256 '[gates.xml]'
row "gatekeep check: xml, 256 MiB file" "$GK" check -q $O/big256
row "xmllint --stream --noout, same file" sh -c "xmllint --stream --noout --nonet $O/big256/*.xml"

cfg $O/django '[gates.docs]
languages = ["python"]
required_files = []'
row "gatekeep check: docs, Django (Python)" "$GK" check -q $O/django
[ -x "$PEERS/docs/venv/bin/interrogate" ] && row "interrogate, same tree" "$PEERS/docs/venv/bin/interrogate" -q $O/django
cfg $O/docs-1m '[gates.docs]
required_files = []'
row "gatekeep check: docs, 1M-line mixed repo" "$GK" check -q $O/docs-1m

cfg $O/sympy '[gates.security]'
row "gatekeep check: security, sympy (38 MB)" "$GK" check -q $O/sympy
row "rg 'eval\\(|exec\\(', same tree" rg -c 'eval\(|exec\(' $O/sympy
[ -x "$PEERS/security/venv/bin/bandit" ] && [ -n "${WITH_BANDIT:-}" ] && row "bandit -r, same tree" "$PEERS/security/venv/bin/bandit" -q -r $O/sympy
cat "$R"
