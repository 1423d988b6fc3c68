#!/usr/bin/env bash
# A static (musl) build of this machine's target, and proof that it needs nothing from the
# system: `ldd` says static, and it runs in an empty chroot (no libc, no shell, no network).
#   bench/musl.sh     (root, for chroot and unshare; needs `rustup target add <arch>-unknown-linux-musl`)
# A `command` gate in the chroot has no shell to start and must be ERROR, never PASS.
# Writes bench/results/musl.md.
set -euo pipefail
cd "$(dirname "$0")/.."
target=$(uname -m)-unknown-linux-musl
rustup target list --installed | grep -qx "$target" || { echo "rustup target add $target first" >&2; exit 1; }
cargo build --release --locked --target "$target" --quiet
bin=${CARGO_TARGET_DIR:-target}/$target/release/gatekeep
file "$bin"
ldd "$bin" 2>&1 | tee /dev/stderr | grep -q '=>' && { echo "FAIL: dynamically linked" >&2; exit 1; }
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/repo/templates" "$root/tmp"
cp "$bin" "$root/gatekeep"
printf '<prompt><role>reviewer</role></prompt>\n' >"$root/repo/templates/a.xml"
printf '[gates.xml]\ninclude = ["**/*.xml"]\nthresholds = ["errors == 0"]\n' >"$root/repo/gates.toml"
in_chroot() { env -i /usr/bin/unshare -n /usr/sbin/chroot "$root" /gatekeep "$@"; }
echo "== the chroot holds: $(cd "$root" && find . -type f | sort | tr '\n' ' ')"
in_chroot --version
in_chroot check /repo --color never -o json=/repo/go.json || { echo "FAIL: not GO in the chroot" >&2; exit 1; }
grep -q '"verdict": "GO"' "$root/repo/go.json"
printf '\n[gates.build]\nkind = "command"\nrun = "true"\n' >>"$root/repo/gates.toml"
set +e
in_chroot check /repo --color never -q -o json=/repo/nogo.json
code=$?
set -e
[ "$code" = 1 ] || { echo "FAIL: a command gate without a shell gave exit $code, not NO-GO" >&2; exit 1; }
grep -q '"status": "ERROR"' "$root/repo/nogo.json"
echo "ok: static, runs in an empty chroot; GO on the XML gate, a command gate without a shell is ERROR (NO-GO)"
gnu=${CARGO_TARGET_DIR:-target}/release/gatekeep
{
  echo "# Static (musl) build"
  echo
  echo "\`cargo build --release --target $target\` ($(rustc -V)), $(date -u +%Y-%m-%d). \`bench/musl.sh\`."
  echo
  echo "| check | result |"
  echo "| --- | --- |"
  echo "| \`file\` | $(file -b "$bin" | cut -d, -f1-2,4 | sed 's/BuildID.*//') |"
  echo "| \`ldd\` | $(ldd "$bin" 2>&1 | tr -s ' \t' ' ' | sed 's/^ //') |"
  echo "| size | $(( $(stat -c %s "$bin") / 1024 )) KiB$([ -f "$gnu" ] && echo " (glibc build: $(( $(stat -c %s "$gnu") / 1024 )) KiB)") |"
  echo "| empty chroot (only the binary and a repo: no libc, no shell), no network | \`--version\` runs; \`check\` with an XML gate: GO, exit 0 |"
  echo "| … plus a \`command\` gate (\`run = \"true\"\`) | ERROR (\`cannot start sh -c true\`), NO-GO, exit 1 |"
} >bench/results/musl.md
cat bench/results/musl.md
