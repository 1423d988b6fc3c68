#!/usr/bin/env bash
# The Python wheel, end to end, as a user without Rust gets it:
#   1. builds the gatekeep-cli wheel for this machine with maturin (installed from PyPI into a
#      throwaway venv), unless WHEEL_DIR already holds one of the crate's version;
#   2. installs it into a fresh virtualenv with `pip install --no-index --find-links` and times
#      pip install -> first `gatekeep --version` (the goal: under 10 s with the wheel at hand);
#   3. runs `gatekeep check` from that venv on a small repo: GO exits 0, NO-GO exits 1;
#   4. with PRE_COMMIT=1 (default), the pre-commit hook of this checkout (`language: python`,
#      rev = HEAD, so commit first): pre-commit from PyPI installs it with PIP_FIND_LINKS=WHEEL_DIR,
#      with cargo and rustc off the PATH, and runs it on a GO and a NO-GO commit.
# Prints a Markdown summary and writes it to bench/results/wheel.md. Exit status 0 when every
# step did what it should.
#
#   bench/wheel.sh                      # build (slow: a release build) and test
#   WHEEL_DIR=dist bench/wheel.sh       # reuse the wheel in dist/ when its version matches
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gatekeep-wheel.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
WHEEL_DIR=${WHEEL_DIR:-$WORK/wheels}
mkdir -p "$WHEEL_DIR"
WHEEL_DIR=$(cd "$WHEEL_DIR" && pwd)
PY=${PYTHON:-python3}
R=bench/results/wheel.md
fail() { echo "FAIL: $*" >&2; exit 1; }
now() { date +%s.%N; }
secs() { printf '%.2f' "$(echo "$2 - $1" | bc)"; }

# 1. The wheel.
wheel=$(find "$WHEEL_DIR" -maxdepth 1 -name "gatekeep_cli-$VERSION-*.whl" | head -n1)
build_secs="reused, not timed"
if [ -z "$wheel" ]; then
  echo "== building the wheel (maturin, release profile)"
  "$PY" -m venv "$WORK/maturin"
  "$WORK/maturin/bin/pip" install -q maturin
  t0=$(now)
  (cd python && "$WORK/maturin/bin/maturin" build --release --locked -o "$WHEEL_DIR")
  build_secs="$(secs "$t0" "$(now)") s"
  wheel=$(find "$WHEEL_DIR" -maxdepth 1 -name "gatekeep_cli-$VERSION-*.whl" | head -n1)
  [ -n "$wheel" ] || fail "maturin wrote no gatekeep_cli-$VERSION wheel to $WHEEL_DIR"
fi
echo "== wheel: $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)"

# 2. A fresh venv; pip install -> first --version, with no Rust on the PATH.
NORUST_PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -e '\.cargo' -e rustup | paste -sd: -)
if PATH=$NORUST_PATH command -v cargo >/dev/null 2>&1 || PATH=$NORUST_PATH command -v rustc >/dev/null 2>&1; then
  fail "cargo or rustc is still on the PATH without ~/.cargo/bin: the no-Rust steps would prove nothing"
fi
"$PY" -m venv "$WORK/venv"
t0=$(now)
PATH=$NORUST_PATH "$WORK/venv/bin/pip" install -q --no-index --find-links "$WHEEL_DIR" gatekeep-cli
version_out=$("$WORK/venv/bin/gatekeep" --version)
install_secs=$(secs "$t0" "$(now)")
echo "$version_out"
echo "$version_out" | head -n1 | grep -qx "gatekeep $VERSION" || fail "--version printed: $version_out"
echo "$version_out" | grep -q '^commit: ' || fail "--version has no commit"
echo "$version_out" | grep -q '^target: ' || fail "--version has no target"
echo "== pip install -> first --version: ${install_secs} s"

# The peer: ruff's wheel (the same packaging: maturin, bindings = "bin"), downloaded first so
# that both installs read a wheel at hand. PEER=0 skips it.
peer_secs=skipped peer_version=
if [ "${PEER:-1}" = 1 ]; then
  mkdir -p "$WORK/peer-wheels"
  "$WORK/venv/bin/pip" download -q --no-deps --only-binary=:all: -d "$WORK/peer-wheels" ruff
  "$PY" -m venv "$WORK/peer"
  t0=$(now)
  "$WORK/peer/bin/pip" install -q --no-index --find-links "$WORK/peer-wheels" ruff
  peer_version=$("$WORK/peer/bin/ruff" --version)
  peer_secs=$(secs "$t0" "$(now)")
  echo "== peer: pip install ruff -> first ruff --version: ${peer_secs} s ($peer_version)"
fi

# 3. gatekeep check from the venv on a small repo.
repo=$WORK/repo
mkdir -p "$repo/templates"
git -C "$repo" init -q
printf '<prompt><role>reviewer</role></prompt>\n' >"$repo/templates/a.xml"
printf '[gates.xml]\ninclude = ["**/*.xml"]\nthresholds = ["errors == 0"]\n' >"$repo/gates.toml"
(cd "$repo" && PATH=$NORUST_PATH "$WORK/venv/bin/gatekeep" check -q -o json=out.json) >/dev/null ||
  fail "check on a well-formed repo did not exit 0"
grep -q '"verdict": "GO"' "$repo/out.json" || fail "check on a well-formed repo: no GO in the JSON report"
printf '<prompt><role>reviewer</prompt>\n' >"$repo/templates/b.xml"
set +e
(cd "$repo" && "$WORK/venv/bin/gatekeep" check -q) >/dev/null 2>&1
code=$?
set -e
[ "$code" = 1 ] || fail "check on a broken XML file exited $code, not 1 (NO-GO)"
rm "$repo/templates/b.xml" "$repo/out.json"
echo "== check from the wheel: GO exits 0, NO-GO exits 1"

# 4. The pre-commit hook, installed from the wheel.
hook_secs=skipped hook_note=
if [ "${PRE_COMMIT:-1}" = 1 ]; then
  rev=$(git rev-parse HEAD)
  git diff --quiet HEAD -- pyproject.toml .pre-commit-hooks.yaml ||
    echo "warning: pyproject.toml or .pre-commit-hooks.yaml has uncommitted changes; the hook is installed from $rev" >&2
  "$PY" -m venv "$WORK/pc"
  "$WORK/pc/bin/pip" install -q pre-commit
  printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks: [{id: gatekeep}]\n' "$ROOT" "$rev" >"$repo/.pre-commit-config.yaml"
  git -C "$repo" add -A
  git -C "$repo" -c user.name=bench -c user.email=bench@localhost commit -qm "good" --no-verify
  export PRE_COMMIT_HOME=$WORK/pre-commit-home
  # No Rust: cargo and rustc are off the PATH and CARGO_HOME points nowhere, so a source build
  # of the crate could not even start. pip gets the wheel from WHEEL_DIR (PyPI for setuptools).
  t0=$(now)
  PATH=$NORUST_PATH CARGO_HOME=$WORK/no-cargo RUSTUP_HOME=$WORK/no-rustup PIP_FIND_LINKS=$WHEEL_DIR \
    "$WORK/pc/bin/pre-commit" install-hooks --config "$repo/.pre-commit-config.yaml" >"$WORK/pc.log" 2>&1 ||
    { cat "$WORK/pc.log"; fail "pre-commit could not install the hook"; }
  hook_secs=$(secs "$t0" "$(now)")
  env_dir=$(find "$PRE_COMMIT_HOME" -maxdepth 3 -type d -name 'py_env-*' | head -n1)
  [ -n "$env_dir" ] || fail "no python hook environment under $PRE_COMMIT_HOME"
  "$env_dir/bin/pip" show gatekeep-cli | grep -qx "Version: $VERSION" || fail "the hook env has no gatekeep-cli $VERSION"
  installer=$(cat "$env_dir"/lib/python*/site-packages/gatekeep_cli-*.dist-info/WHEEL | grep -m1 '^Generator:' || true)
  # The hook's binary is the wheel's, byte for byte, and nothing used CARGO_HOME.
  in_wheel=$(unzip -p "$wheel" "gatekeep_cli-$VERSION.data/scripts/gatekeep" | sha256sum | cut -d' ' -f1)
  in_env=$(sha256sum "$env_dir/bin/gatekeep" | cut -d' ' -f1)
  [ "$in_wheel" = "$in_env" ] || fail "the hook's gatekeep ($in_env) is not the wheel's ($in_wheel)"
  [ ! -e "$WORK/no-cargo" ] || fail "something used CARGO_HOME while the hook was installed"
  (cd "$repo" && PATH=$NORUST_PATH "$WORK/pc/bin/pre-commit" run --all-files >"$WORK/run.log" 2>&1) ||
    { cat "$WORK/run.log"; fail "the hook failed on a GO repo"; }
  printf '<prompt><role>reviewer</prompt>\n' >"$repo/templates/b.xml"
  git -C "$repo" add -A
  set +e
  (cd "$repo" && PATH=$NORUST_PATH "$WORK/pc/bin/pre-commit" run --all-files >"$WORK/run2.log" 2>&1)
  code=$?
  set -e
  [ "$code" = 1 ] || { cat "$WORK/run2.log"; fail "the hook did not block a NO-GO commit (exit $code)"; }
  hook_note="the hook's \`gatekeep\` is the wheel's binary (same SHA-256; wheel generator: ${installer#Generator: }); cargo and rustc were not on the PATH and nothing created CARGO_HOME"
  echo "== pre-commit install-hooks: ${hook_secs} s ($hook_note); GO passes, NO-GO blocks"
fi

mkdir -p "$(dirname "$R")"
{
  echo "# Python wheel: install and first run"
  echo
  echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; $("$PY" --version); pip $("$WORK/venv/bin/pip" --version | cut -d' ' -f2); $(date -u +%Y-%m-%d)."
  echo "Wheel: \`$(basename "$wheel")\`, $(du -k "$wheel" | cut -f1) KiB. Wheel build (maturin, release profile): ${build_secs}."
  echo
  echo "| step | time |"
  echo "| --- | --- |"
  echo "| fresh venv: \`pip install --no-index --find-links DIR gatekeep-cli\` → first \`gatekeep --version\` | ${install_secs} s |"
  echo "| peer, same packaging: \`pip install --no-index --find-links DIR ruff\` → first \`ruff --version\` (${peer_version:-not run}) | ${peer_secs} s |"
  echo "| pre-commit \`install-hooks\` (\`language: python\`, wheel from \`PIP_FIND_LINKS\`, setuptools from PyPI) | ${hook_secs} s |"
  echo
  echo "\`gatekeep --version\` from the wheel:"
  echo
  echo '```'
  echo "$version_out"
  echo '```'
  [ -n "$hook_note" ] && { echo; echo "pre-commit: $hook_note."; }
} >"$R"
cat "$R"
