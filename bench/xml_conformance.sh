#!/usr/bin/env bash
# Correctness of the xml gate against `xmllint --noout --nonet` (Debian libxml2-utils) on the same
# files: the W3C XML conformance suite and real XML shipped by Debian packages.
#
#   bench/xml_conformance.sh XMLCONF_DIR
#
# XMLCONF_DIR: the unpacked W3C XML conformance suite (xmlconf; W3C licence), kept OUTSIDE the
# repository, e.g. /work/scratch/xml/xmlconf. The real corpus is every *.xml, *.svg, *.xsd, *.xsl,
# *.xslt and *.rng file under 5 MB in /usr/share on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
XMLCONF=${1:?usage: bench/xml_conformance.sh XMLCONF_DIR}
cargo build --release --example xml_bench >/dev/null 2>&1
LIST=$(mktemp)
find /usr/share -type f \( -name '*.xml' -o -name '*.svg' -o -name '*.xsd' -o -name '*.xsl' -o -name '*.xslt' -o -name '*.rng' \) -size -5M 2>/dev/null | sort >"$LIST"
echo "xmllint: $(xmllint --version 2>&1 | head -1)"
python3 bench/xml_conformance.py "$XMLCONF" target/release/examples/xml_bench "$LIST"
rm -f "$LIST"
