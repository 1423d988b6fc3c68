#!/usr/bin/env bash
# Workspace benchmark (issue 9): one run over a 20-member, ~50,000-file monorepo against
# running gatekeep in each member separately. Needs hyperfine. Writes bench/results/workspace.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
GK="$PWD/target/release/gatekeep"
OUT=bench/out/mono
[ -d "$OUT" ] || python3 bench/gen_workspace.py "$OUT" 20 50000
MEMBERS=$(ls -d "$OUT"/services/* | tr "\n" " ")
R=bench/results/workspace.md
{
  echo "# Workspace: one run against one run per member"
  echo
  echo "Machine: $(nproc) cores; $(hyperfine --version); $(find "$OUT" -type f | wc -l) files in 20 members."
  echo
} > "$R"
hyperfine --warmup 1 --runs 10 -i --export-markdown "$OUT.md" \
  -n "one workspace run" "$GK check -q $OUT" \
  -n "20 separate runs" "for m in $MEMBERS; do $GK check -q \$m; done" >/dev/null
cat "$OUT.md" >> "$R"
cat "$R"
