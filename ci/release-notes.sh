#!/usr/bin/env bash
# Prints the CHANGELOG.md section of one version: ci/release-notes.sh 0.2.0 (or v0.2.0).
# Fails when CHANGELOG.md has no `## [0.2.0]` section, so a tag without notes is not released.
set -euo pipefail
version=${1#v}
root=$(cd "$(dirname "$0")/.." && pwd)
notes=$(awk -v v="$version" '
  /^## \[/ { if (on) exit; if (index($0, "## [" v "]") == 1) { on = 1; next } }
  on { print }
' "$root/CHANGELOG.md")
if [ -z "$(printf '%s' "$notes" | tr -d '[:space:]')" ]; then
  echo "CHANGELOG.md has no section '## [$version]' (or it is empty)" >&2
  exit 1
fi
printf '%s\n' "$notes" | sed -e '/./,$!d'
