#!/usr/bin/env bash
# Issue 15: what `--base` costs. On a 50,000-file repository whose last commit changes 200 files
# (bench/gen_change.py), `gatekeep check` with a coverage gate over an LCOV of every file, with
# and without `--base HEAD~1` (the change's lines read with `git diff -M` and `git ls-files`),
# side by side with diff-cover (`pip install diff-cover`) on the same diff and report.
# Then the same with a security and a docs gate beside it (their base scans read the 200 changed
# files' base versions from git's objects). Target: a --base run costs at most 1.3x a run without
# it. Medians of RUNS runs.
#
#   bench/change.sh      # RUNS=9 by default
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-9}
OUT=bench/out/change
[ -d "$OUT/repo/.git" ] || python3 bench/gen_change.py "$OUT"
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/gatekeep
MEASURE_ANY_EXIT=1
. bench/lib.sh # (the working folder is the repository root)
lcov=$PWD/$OUT/lcov.info
cfg=$(mktemp -d)
printf '[gates.cov]\nkind = "coverage"\nreports = ["%s"]\nthresholds = ["line >= 0"]\n' "$lcov" > "$cfg/plain.toml"
printf '[gates.cov]\nkind = "coverage"\nreports = ["%s"]\nthresholds = ["line >= 0", "new_line >= 0"]\n' "$lcov" > "$cfg/base.toml"
# Every gate that compares with the base (coverage, security and docs: the last two read the
# changed files' base versions from git's objects and scan or parse them).
all() { # extra thresholds for cov, sec, docs
  printf '[gates.cov]\nkind = "coverage"\nreports = ["%s"]\nthresholds = ["line >= 0"%s]\n\n' "$lcov" "$1"
  printf '[gates.sec]\nkind = "security"\nthresholds = ["total >= 0"%s]\n\n' "$2"
  printf '[gates.docs]\nkind = "docs"\nthresholds = ["coverage >= 0"%s]\n' "$3"
}
all "" "" "" > "$cfg/plain-all.toml"
all ', "new_line >= 0"' ', "new_total >= 0"' ', "new_undocumented >= 0"' > "$cfg/base-all.toml"
echo "gatekeep $(git rev-parse --short HEAD), $(git --version), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg), runs: $RUNS"
echo
echo "| run | wall (median) | CPU user+sys (median) | peak RSS |"
echo "|---|---|---|---|"
measure "gatekeep check (no --base)" "$BIN" check -c "$cfg/plain.toml" "$OUT/repo"
measure "gatekeep check --base HEAD~1" "$BIN" check -c "$cfg/base.toml" --base HEAD~1 "$OUT/repo"
measure "coverage + security + docs (no --base)" "$BIN" check -c "$cfg/plain-all.toml" "$OUT/repo"
measure "coverage + security + docs --base HEAD~1 (new_line, new_total, new_undocumented)" "$BIN" check -c "$cfg/base-all.toml" --base HEAD~1 "$OUT/repo"
if command -v diff-cover >/dev/null 2>&1; then
  (cd "$OUT/repo" && measure "diff-cover lcov.info --compare-branch=HEAD~1" diff-cover "$lcov" --compare-branch=HEAD~1)
fi
echo
"$BIN" check -c "$cfg/base.toml" --base HEAD~1 --format json "$OUT/repo" | python3 -c 'import json,sys; g=json.load(sys.stdin)["gates"][0]; print("gatekeep new_line:", [m.get("ratio") for m in g["metrics"] if m["name"]=="new_line"])'
if command -v diff-cover >/dev/null 2>&1; then
  (cd "$OUT/repo" && diff-cover "$lcov" --compare-branch=HEAD~1 | grep -E "^(Total|Missing|Coverage)")
fi
rm -rf "$cfg"
