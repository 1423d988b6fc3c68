#!/usr/bin/env bash
# ignore_moved_lines on real refactoring commits of gatekeep's own history (issue 15): how many
# added lines gatekeep calls moved, beside git's own count for the same diff
# (`git diff --color-moved=zebra --color-moved-ws=allow-indentation-change`), and the coverage
# gate's new_line with and without the option where an LCOV of the same file versions exists.
#
#   bench/moved.sh [gatekeep binary] [lcov.info of 744a249]   # default target/release/gatekeep, target/gatekeep/lcov.info
#
# The LCOV is cargo-llvm-cov's (the CI profile's, .ci/run) at 744a249; it applies to a commit
# whose changed files are the same at 744a249 (8ca0d80: the xml checker split into four files).
# Results: bench/results/changes.md, "Moved lines" (written by hand from this output).
set -euo pipefail
cd "$(dirname "$0")/.."
GK=$(realpath "${1:-target/release/gatekeep}")
LCOV=$(realpath "${2:-target/gatekeep/lcov.info}")
echo "| commit | added lines | moved (git --color-moved) | moved (gatekeep) | new_line without | new_line with ignore_moved_lines |"
echo "|---|---|---|---|---|---|"
for c in 8ca0d80 ecdb82e 89cdf1f f753abb cb0e4e3; do
  added=$(git diff --numstat "$c^" "$c" | awk '{s+=$1} END {print s}')
  # Moved added lines as git colors them (both zebra colors set to blue, plain added to green).
  git_moved=$(git -c color.diff.newMoved=blue -c color.diff.newMovedAlternative=blue \
      -c color.diff.newMovedDimmed=blue -c color.diff.newMovedAlternativeDimmed=blue -c color.diff.new=green \
      diff --color=always --color-moved=zebra --color-moved-ws=allow-indentation-change "$c^" "$c" \
    | grep -c $'^\e\[34m+' || true)
  wt=$(mktemp -d)
  git worktree add -q --detach "$wt/r" "$c"
  cp "$LCOV" "$wt/r/lcov.info"
  same=$(git diff --quiet "$c" 744a249 -- $(git diff --name-only "$c^" "$c") && echo yes || echo no)
  res=()
  for opt in false true; do
    printf '[gates.coverage]\nkind = "coverage"\nreports = ["lcov.info"]\npath_map = { "/work/main/" = "" }\nignore_moved_lines = %s\nthresholds = ["new_line >= 0"]\n' "$opt" >"$wt/r/gates.toml"
    out=$("$GK" check -q --base "$c^" --format json "$wt/r" 2>/dev/null || true)
    res+=("$(printf '%s' "$out" | python3 -c '
import json, re, sys
r = json.load(sys.stdin)
g = r["gates"][0]
m = {x["name"]: x for x in g.get("metrics", [])}
nl = m.get("new_line", {})
moved = next((re.match(r"(\d+)", n).group(1) for n in g.get("notes", []) if "only moved" in n), "0")
ratio = nl.get("ratio")
v = nl.get("value", 0)
print(f"{moved}|" + (f"{ratio[0]}/{ratio[1]} ({v:.1f}%)" if ratio else str(nl.get("value"))))
')")
  done
  git worktree remove --force "$wt/r"; rm -rf "$wt"
  gk_moved=${res[1]%%|*}
  if [ "$same" = yes ]; then without=${res[0]#*|}; with=${res[1]#*|}; else without="(no LCOV of these versions)"; with=""; fi
  echo "| $c | $added | $git_moved | $gk_moved | $without | $with |"
done
