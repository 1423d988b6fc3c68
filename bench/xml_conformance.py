#!/usr/bin/env python3
"""Compares gatekeep's xml checker with `xmllint --noout --nonet` on the W3C XML conformance
suite (xmlconf) and on a corpus of real XML files.

usage: xml_conformance.py XMLCONF_DIR GATEKEEP_EXAMPLE [REAL_FILES_LIST]

XMLCONF_DIR is the unpacked W3C suite (kept outside the repository). Only XML 1.0 / Namespaces 1.0
tests that apply to the 5th edition are scored: `not-wf` tests must be rejected, `valid` and
`invalid` tests (well-formed, maybe not valid) must be accepted. Tests marked NAMESPACE="no" are
not scored (both tools check namespaces). Results are split by whether the test uses external
entities (a processor that reads no external entity cannot see errors in them).
"""
import os, subprocess, sys, xml.etree.ElementTree as ET
from collections import Counter

CATALOGS = [
    "xmltest/xmltest.xml", "japanese/japanese.xml", "sun/sun-valid.xml", "sun/sun-invalid.xml",
    "sun/sun-not-wf.xml", "oasis/oasis.xml", "ibm/ibm_oasis_invalid.xml", "ibm/ibm_oasis_not-wf.xml",
    "ibm/ibm_oasis_valid.xml", "eduni/errata-2e/errata2e.xml", "eduni/namespaces/1.0/rmt-ns10.xml",
    "eduni/errata-3e/errata3e.xml", "eduni/errata-4e/errata4e.xml", "eduni/misc/ht-bh.xml",
]
XB = "{http://www.w3.org/XML/1998/namespace}base"


def tests(root):
    for cat in CATALOGS:
        path = os.path.join(root, cat)
        if not os.path.exists(path):
            continue
        try:
            # gatekeep:ignore[py-xml-unsafe-parser] W3C test catalogues, read by the benchmark only
            tree = ET.parse(path)
        except ET.ParseError:
            # The Sun catalogs are fragments (several <TEST> roots, included by entity).
            import re
            text = open(path, encoding="utf-8", errors="replace").read()
            text = re.sub(r"<\?xml[^>]*\?>", "", text)
            text = re.sub(r"<!DOCTYPE[^>]*>", "", text)
            # gatekeep:ignore[py-xml-unsafe-parser] W3C test catalogues, read by the benchmark only
            tree = ET.ElementTree(ET.fromstring("<TESTS>" + text + "</TESTS>"))
        base = os.path.dirname(path)

        def walk(el, base):
            b = el.get(XB)
            if b:
                base = os.path.join(base, b)
            if el.tag == "TEST":
                yield el, base
            for c in el:
                yield from walk(c, base)

        for t, b in walk(tree.getroot(), base):
            yield cat, t, os.path.normpath(os.path.join(b, t.get("URI")))


def applies(t):
    if t.get("RECOMMENDATION", "XML1.0") not in ("XML1.0", "NS1.0", "XML1.0-errata2e", "XML1.0-errata3e", "XML1.0-errata4e"):
        return False
    if t.get("VERSION", "1.0") != "1.0" and "1.0" not in t.get("VERSION", ""):
        return False
    ed = t.get("EDITION")
    if ed and "5" not in ed.split():
        return False
    return t.get("TYPE") in ("valid", "invalid", "not-wf")


def xmllint_ok(path):
    r = subprocess.run(["xmllint", "--noout", "--nonet", path], capture_output=True, cwd=os.path.dirname(path))
    return r.returncode == 0


def gatekeep_run(exe, paths, mode="files"):
    """`files`: gatekeep's checker; `quickxml`: quick-xml's reader with all its checks on."""
    col = 3 if mode == "files" else 2
    res = {}
    for i in range(0, len(paths), 500):
        chunk = paths[i:i + 500]
        out = subprocess.run([exe, mode, *chunk], capture_output=True, text=True, errors="replace").stdout
        for line in out.splitlines():
            parts = line.split("\t")
            if len(parts) > col:
                res[parts[col]] = (parts[0] == "ok", parts[col + 1] if len(parts) > col + 1 else "")
    return res


def main():
    root, exe = sys.argv[1], sys.argv[2]
    cases = []
    skipped_ns = 0
    for cat, t, path in tests(root):
        if not applies(t) or not os.path.exists(path):
            continue
        if t.get("NAMESPACE") == "no":
            skipped_ns += 1
            continue
        ext = t.get("ENTITIES", "none") != "none"
        cases.append((t.get("ID"), t.get("TYPE"), ext, path))
    gk = gatekeep_run(exe, [c[3] for c in cases])
    qx = gatekeep_run(exe, [c[3] for c in cases], "quickxml")
    stats = Counter()
    disagreements = []
    for cid, typ, ext, path in cases:
        want_ok = typ != "not-wf"
        lint = xmllint_ok(path)
        g, msg = gk.get(path, (None, "missing"))
        grp = "ext" if ext else "self"
        stats[(grp, typ, "total")] += 1
        stats[(grp, typ, "gatekeep_right")] += (g == want_ok)
        stats[(grp, typ, "xmllint_right")] += (lint == want_ok)
        stats[(grp, typ, "quickxml_right")] += (qx.get(path, (None,))[0] == want_ok)
        if g != want_ok:
            disagreements.append(f"| {cid} | {typ} | {'external' if ext else 'none'} | gatekeep {'accepts' if g else 'rejects'} | xmllint {'accepts' if lint else 'rejects'} | {msg[:90].replace('|', '/')} |")
    print("### W3C XML conformance suite (XML 1.0 5th edition, Namespaces 1.0)\n")
    print(f"{len(cases)} tests scored ({skipped_ns} tests marked NAMESPACE=\"no\" not scored).\n")
    print("| entities | class | tests | gatekeep correct | xmllint --noout --nonet correct | quick-xml 0.42 (all checks on) correct |")
    print("|---|---|---:|---:|---:|---:|")
    for grp in ("self", "ext"):
        for typ in ("not-wf", "valid", "invalid"):
            n = stats[(grp, typ, "total")]
            if n:
                label = "none" if grp == "self" else "external"
                meaning = "rejected" if typ == "not-wf" else "accepted"
                print(f"| {label} | {typ} (must be {meaning}) | {n} | {stats[(grp, typ, 'gatekeep_right')]} | {stats[(grp, typ, 'xmllint_right')]} | {stats[(grp, typ, 'quickxml_right')]} |")
    print("\nTests gatekeep gets wrong:\n")
    print("| test | class | entities | gatekeep | xmllint | gatekeep's first error |")
    print("|---|---|---|---|---|---|")
    for d in disagreements:
        print(d)
    if len(sys.argv) > 3:
        files = [l.strip() for l in open(sys.argv[3]) if l.strip()]
        gk = gatekeep_run(exe, files)
        both_ok = both_bad = g_only = l_only = 0
        diffs = []
        for f in files:
            lint = xmllint_ok(f)
            g, msg = gk.get(f, (None, "missing"))
            if g and lint: both_ok += 1
            elif not g and not lint: both_bad += 1
            elif not g and lint:
                g_only += 1; diffs.append(f"| {f} | gatekeep rejects, xmllint accepts | {msg[:100].replace('|', '/')} |")
            else:
                l_only += 1; diffs.append(f"| {f} | xmllint rejects, gatekeep accepts | |")
        print(f"\n### Real files ({len(files)} files from Debian packages under /usr/share)\n")
        print("| both accept | both reject | only gatekeep rejects | only xmllint rejects |")
        print("|---:|---:|---:|---:|")
        print(f"| {both_ok} | {both_bad} | {g_only} | {l_only} |")
        if diffs:
            print("\n| file | disagreement | gatekeep's first error |\n|---|---|---|")
            for d in diffs: print(d)


if __name__ == "__main__":
    main()
