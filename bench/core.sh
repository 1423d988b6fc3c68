#!/usr/bin/env bash
# Core overhead and concurrency of `gatekeep check` (issue 2). Run by hand:
#   bash bench/core.sh            # writes bench/results/core.md
# Needs hyperfine (Debian: apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
GK="$PWD/target/release/gatekeep"
OUT=bench/out/core
rm -rf "$OUT" && mkdir -p "$OUT/trivial" "$OUT/sizes" "$OUT/sleep"
# Three trivial gates that run a process, and three that only read the walk.
cat > "$OUT/trivial/gates.toml" <<'T'
[gates.a]
kind = "command"
run = "true"
[gates.b]
kind = "command"
run = "true"
[gates.c]
kind = "command"
run = "true"
T
for i in 1 2 3; do head -c 1000 /dev/zero > "$OUT/sizes/f$i.bin"; done
cat > "$OUT/sizes/gates.toml" <<'T'
[gates.a]
kind = "size"
include = ["f1.bin"]
thresholds = ["bytes < 1MB"]
[gates.b]
kind = "size"
include = ["f2.bin"]
thresholds = ["bytes < 1MB"]
[gates.c]
kind = "size"
include = ["f3.bin"]
thresholds = ["bytes < 1MB"]
T
: > "$OUT/sleep/gates.toml"
for i in 1 2 3 4; do printf '[gates.s%d]\nkind = "command"\nrun = "sleep 1"\n' "$i" >> "$OUT/sleep/gates.toml"; done

R=bench/results/core.md
{
  echo "# Core overhead and concurrency"
  echo
  echo "Machine: $(nproc) cores, $(uname -sr); $(hyperfine --version); gatekeep $($GK -V | cut -d' ' -f2) (release)."
  echo
  echo "## Start-up and trivial gates"
  echo
} > "$R"
hyperfine -N --warmup 20 --runs 200 --export-markdown "$OUT/a.md" \
  "$GK --version" \
  "sh -c true" \
  "$GK check $OUT/sizes -q" \
  "$GK check $OUT/trivial -q" \
  "sh -c 'sh -c true; sh -c true; sh -c true'" >/dev/null
sed "s|$GK|gatekeep|g; s|$OUT/||g" "$OUT/a.md" >> "$R"
{
  echo
  echo "\`sh -c true\` and the three sequential \`sh -c true\` are the floor: what the commands"
  echo "themselves cost. gatekeep's own time for three trivial gates is the \`check trivial\` row"
  echo "minus that floor, and the whole of the \`check sizes\` row (no process is started)."
  echo
  echo "## Concurrency: four \`sleep 1\` command gates"
  echo
} >> "$R"
hyperfine -N --warmup 1 --runs 5 --export-markdown "$OUT/b.md" \
  "$GK check $OUT/sleep -q -j 4" \
  "$GK check $OUT/sleep -q -j 1" >/dev/null || true
sed "s|$GK|gatekeep|g; s|$OUT/||g" "$OUT/b.md" >> "$R"
echo >> "$R"
cat "$R"
