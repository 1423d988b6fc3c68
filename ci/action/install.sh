#!/usr/bin/env bash
# Installs the released gatekeep binary for this runner; used by action.yml.
# Environment:
#   GATEKEEP_VERSION   "0.2.0" / "v0.2.0"; "latest": the newest release; empty: the action's
#                      own tag when it is a full version (uses: owner/gatekeep@v0.2.0), else latest
#   GATEKEEP_REPO      owner/name of the repository whose releases hold the binaries; empty: the
#                      action's own repository, else GITHUB_REPOSITORY
#   GITHUB_ACTION_PATH where the runner put the action: .../_actions/<owner>/<name>/<ref>. The
#                      repository and ref are read from it, as github.action_repository and
#                      github.action_ref are empty inside composite actions (actions/runner#2473).
#   GATEKEEP_RELEASES  base URL (default https://github.com); a file:// URL works too (tests)
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP   set by the runner (Linux|macOS|Windows, X64|ARM64)
# Downloads gatekeep-<target>.tar.gz (.zip on Windows) and its .sha256, refuses a mismatch,
# unpacks into $RUNNER_TEMP/gatekeep, and prints the binary's path on stdout.
set -euo pipefail
action_repo='' action_ref=''
action_path=${GITHUB_ACTION_PATH:-}
action_path=${action_path//\\//} # Windows runners: D:\a\_actions\owner\name\ref
if [[ $action_path =~ /_actions/([^/]+)/([^/]+)/([^/]+)/?$ ]]; then
  action_repo=${BASH_REMATCH[1]}/${BASH_REMATCH[2]}
  action_ref=${BASH_REMATCH[3]}
fi
repo=${GATEKEEP_REPO:-${action_repo:-${GITHUB_REPOSITORY:-}}}
if [ -z "$repo" ]; then
  echo "::error title=gatekeep::cannot tell which repository's releases to download; set GATEKEEP_REPO" >&2
  exit 2
fi
base=${GATEKEEP_RELEASES:-https://github.com}
temp=${RUNNER_TEMP:-$(mktemp -d)}

case "${RUNNER_OS:-$(uname -s)}/${RUNNER_ARCH:-$(uname -m)}" in
  Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64 | Linux/aarch64) target=aarch64-unknown-linux-musl ;;
  macOS/X64 | Darwin/x86_64) target=x86_64-apple-darwin ;;
  macOS/ARM64 | Darwin/arm64) target=aarch64-apple-darwin ;;
  Windows/X64 | Windows/ARM64) target=x86_64-pc-windows-msvc ;; # ARM64 Windows runs x64 binaries
  *)
    echo "::error title=gatekeep::no release binary for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}" >&2
    exit 2
    ;;
esac
case $target in
  *windows*) asset=gatekeep-$target.zip exe=gatekeep.exe ;;
  *) asset=gatekeep-$target.tar.gz exe=gatekeep ;;
esac

version=${GATEKEEP_VERSION:-}
if [ -z "$version" ]; then
  if [[ $action_ref =~ ^v?[0-9]+\.[0-9]+\.[0-9]+ ]]; then version=$action_ref; else version=latest; fi
fi
if [ "$version" = latest ]; then
  url=$base/$repo/releases/latest/download
else
  url=$base/$repo/releases/download/v${version#v}
fi

dir=$temp/gatekeep
rm -rf "$dir"
mkdir -p "$dir"
echo "gatekeep: downloading $url/$asset" >&2
curl -fsSL --retry 3 -o "$dir/$asset" "$url/$asset"
curl -fsSL --retry 3 -o "$dir/$asset.sha256" "$url/$asset.sha256"

want=$(awk '{print $1; exit}' "$dir/$asset.sha256")
if command -v sha256sum >/dev/null 2>&1; then
  got=$(sha256sum "$dir/$asset" | awk '{print $1}')
else
  got=$(shasum -a 256 "$dir/$asset" | awk '{print $1}')
fi
if [ -z "$want" ] || [ "$want" != "$got" ]; then
  echo "::error title=gatekeep::checksum mismatch for $asset: expected ${want:-nothing}, got $got" >&2
  exit 2
fi
echo "gatekeep: sha256 $got verified" >&2

case $asset in
  *.zip) (cd "$dir" && if command -v unzip >/dev/null 2>&1; then unzip -q "$asset"; else 7z x -y -bd "$asset" >/dev/null; fi) ;;
  *) tar -C "$dir" -xzf "$dir/$asset" ;;
esac
bin=$dir/gatekeep-$target/$exe
chmod +x "$bin" 2>/dev/null || true
"$bin" --version >&2
echo "$bin"
