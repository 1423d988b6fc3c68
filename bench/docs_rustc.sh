#!/bin/bash
# Compares the docs gate's Rust count with rustc's `missing_docs` on crates from the local cargo
# registry (~/.cargo/registry/src). Each crate is copied to $SCRATCH (default /tmp/docs-rustc),
# made standalone (`[workspace]`, dev-dependencies, tests, benches and examples removed), and
# checked with `cargo rustc --lib -- -W missing_docs` (default features). With NODOC=1 every `///`,
# `//!` and one-line `#[doc = "…"]` is stripped first and `deny(missing_docs)` turned into `warn`,
# so that every public item rustc lints shows up as a warning (a sharper comparison than a
# documented crate's 0). RUST_CFG='"a","b"' passes `rust_cfg` (a build script's cfgs).
# Usage: NODOC=1 bench/docs_rustc.sh anyhow-1.0.104 tempfile-3.27.0 …
set -u
GK=${GATEKEEP:-target/debug/gatekeep}
SCRATCH=${SCRATCH:-/tmp/docs-rustc}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$SCRATCH"
for c in "$@"; do
  src=$(ls -d ~/.cargo/registry/src/*/"$c" | head -1)
  d=$SCRATCH/$c${NODOC:+-nodoc}
  if [ ! -d "$d" ]; then
    cp -r "$src" "$d"; chmod -R u+w "$d"
    grep -q '^\[workspace\]' "$d/Cargo.toml" || printf '\n[workspace]\n' >> "$d/Cargo.toml"
    python3 "$HERE/docs_rustc_prepare.py" "$d" ${NODOC:+--nodoc}
  fi
  (cd "$d" && cargo rustc --lib -q -- -W missing_docs 2> rustc.log > /dev/null)
  r=$(grep -c '^warning: missing documentation' "$d/rustc.log")
  grep -q '^error' "$d/rustc.log" && r="$r (build error)"
  printf '[gates.docs]\nkind = "docs"\nlanguages = ["rust"]\nmarkdown = false\nrequired_files = []\nmax_findings = 0\nrust_cfg = [%s]\n' "${RUST_CFG:-}" > "$SCRATCH/gates.toml"
  "$GK" check -c "$SCRATCH/gates.toml" --format json "$d" > "$d/gk.json" 2> /dev/null
  g=$(python3 -c "
import json
d = json.load(open('$d/gk.json'))
g = [x for x in d['gates'] if x['id'] == 'docs'][0]
m = {x['name']: x['value'] for x in g['metrics']}
print(int(m['rust.items'] - m['rust.documented']), '/', int(m['rust.items']))")
  echo "$c${NODOC:+ (no docs)}: rustc $r, gatekeep undocumented / items $g"
done
