#!/usr/bin/env bash
# Benchmark of the `docs` gate (see bench/results/docs.md).
#  1. a generated 1-million-line mixed-language repository (bench/gen_docs.py);
#  2. the same Python tree as interrogate: Django's sources (pip download), side by side.
# Needs: python3, /usr/bin/time (Debian `time`), and for step 2 `interrogate` on PATH or in
# $INTERROGATE (pip install interrogate) and network access to PyPI once.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
cargo build --release --example docs_bench >/dev/null
BIN=target/release/examples/docs_bench

if [ ! -d "$OUT/docs-1m" ]; then
  python3 bench/gen_docs.py "$OUT/docs-1m" 1000000
fi
echo "== 1M-line mixed repo"
find "$OUT/docs-1m" -type f | xargs cat | wc -l
for i in 1 2 3 4 5; do
  /usr/bin/time -f "wall %e s, user %U s, sys %S s, peak RSS %M KiB" "$BIN" "$OUT/docs-1m" | grep -E "^(coverage|items|documented|broken_links|wall)"
done

echo "== Python tree vs interrogate"
INTERROGATE=${INTERROGATE:-interrogate}
PYTHON=${PYTHON:-python3}
if [ ! -d "$OUT/django" ]; then
  (cd "$OUT" && "$PYTHON" -m pip download -q --no-deps --no-binary :all: django==5.2.19 && tar xzf django-5.2.19.tar.gz && mv django-5.2.19 django)
fi
TREE="$OUT/django/django"
# Side by side with hyperfine (the same load for both), then peak RSS with /usr/bin/time.
if command -v hyperfine >/dev/null; then
  hyperfine -N -w 3 -r 15 --export-markdown "$OUT/docs-django.md" \
    -n gatekeep "$BIN $TREE 'languages = [\"python\"]
markdown = false
required_files = []'" \
    -n interrogate "$INTERROGATE --fail-under 0 -v $TREE"
  hyperfine -N -w 2 -r 10 --export-markdown "$OUT/docs-1m.md" -n gatekeep-1m "$BIN $OUT/docs-1m"
fi
# Interleaved, so both see the same machine load.
for i in 1 2 3 4 5; do
  /usr/bin/time -f "gatekeep wall %e s, user %U s, sys %S s, peak RSS %M KiB" "$BIN" "$TREE" 'languages = ["python"]
markdown = false
required_files = []' | grep -E "^python\.(items|documented)|^wall"
  /usr/bin/time -f "interrogate wall %e s, user %U s, sys %S s, peak RSS %M KiB" "$INTERROGATE" --fail-under 0 -v "$TREE" | grep TOTAL
done
