#!/usr/bin/env bash
# Packages one release binary: ci/package.sh TARGET BINARY OUTDIR
#   OUTDIR/gatekeep-TARGET.tar.gz (.zip for Windows) holding gatekeep-TARGET/{gatekeep,LICENSE,README.md,CHANGELOG.md}
#   OUTDIR/gatekeep-TARGET.tar.gz.sha256 ("<sha256>  <file>", as `sha256sum -c` reads it)
# The asset names carry no version, so `releases/latest/download/gatekeep-TARGET.tar.gz` works
# (as uv's do); the release tag carries the version. Used by .github/workflows/release.yml and
# bench/wheel.sh.
set -euo pipefail
target=$1 bin=$2 out=$3
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
name=gatekeep-$target
mkdir "$stage/$name"
cp "$bin" "$stage/$name/"
cp "$root/LICENSE" "$root/README.md" "$root/CHANGELOG.md" "$stage/$name/"
case $target in
  *windows*)
    asset=$name.zip
    (cd "$stage" && if command -v 7z >/dev/null 2>&1; then 7z a -tzip -bd -y "$out/$asset" "$name" >/dev/null; else zip -qr "$out/$asset" "$name"; fi)
    ;;
  *)
    asset=$name.tar.gz
    tar -C "$stage" -czf "$out/$asset" "$name"
    ;;
esac
cd "$out"
if command -v sha256sum >/dev/null 2>&1; then
  sha256sum "$asset" > "$asset.sha256"
else
  shasum -a 256 "$asset" > "$asset.sha256"
fi
cat "$asset.sha256"
