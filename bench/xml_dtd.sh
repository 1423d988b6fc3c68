#!/usr/bin/env bash
# The xml gate with `external = "local"` and `validate = "dtd"` against
# `xmllint --noout --valid --noent --nonet` (Debian libxml2-utils) on the W3C XML conformance suite.
#
#   bench/xml_dtd.sh XMLCONF_DIR > bench/results/xml_dtd.md.run
#
# XMLCONF_DIR: the unpacked W3C suite kept OUTSIDE the repository (as for xml_conformance.sh: the
# copy vendored in github.com/ruricolist/cxml-tests, directory xmlconf/).
set -euo pipefail
cd "$(dirname "$0")/.."
XMLCONF=${1:?usage: bench/xml_dtd.sh XMLCONF_DIR}
# Correctness only: the debug build classifies exactly as the release build.
cargo build --example xml_bench >/dev/null 2>&1
BIN=${CARGO_TARGET_DIR:-target}/debug/examples/xml_bench
echo "xmllint: $(xmllint --version 2>&1 | head -1)"
echo
python3 bench/xml_dtd.py "$XMLCONF" "$BIN"
