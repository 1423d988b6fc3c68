#!/usr/bin/env python3
"""Scores gatekeep's xml gate with `external = "local"` and `validate = "dtd"` against
`xmllint --noout --valid --noent --nonet` on the W3C XML conformance suite (issue 20).

usage: xml_dtd.py XMLCONF_DIR GATEKEEP_EXAMPLE

Same test selection as xml_conformance.py (XML 1.0 5th edition and Namespaces 1.0 tests;
NAMESPACE="no" not scored). gatekeep runs `xml_bench files-local XMLCONF_DIR ...` (local external
DTDs and entities read inside the suite's folder) and `xml_bench files-valid XMLCONF_DIR ...`
(validation too). Each tool's verdict per document is one of: not well-formed, invalid, valid.
xmllint: exit 0 = valid, 3 or 4 (DTD validation error) = invalid, anything else = not well-formed.
"""
import os, subprocess, sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xml_conformance as conf  # noqa: E402


def run(exe, mode, root, paths):
    res = {}
    for i in range(0, len(paths), 300):
        out = subprocess.run([exe, mode, root, *paths[i:i + 300]], capture_output=True, text=True, errors="replace").stdout
        for line in out.splitlines():
            p = line.split("\t")
            if len(p) > 3:
                res[p[3]] = ({"ok": "valid", "bad": "not-wf", "invalid": "invalid"}.get(p[0], p[0]), p[4] if len(p) > 4 else "")
    return res


def xmllint(path):
    r = subprocess.run(["xmllint", "--noout", "--valid", "--noent", "--nonet", path], capture_output=True, cwd=os.path.dirname(path))
    return "valid" if r.returncode == 0 else "invalid" if r.returncode in (3, 4) else "not-wf"


def main():
    root, exe = os.path.abspath(sys.argv[1]), sys.argv[2]
    cases = []
    for cat, t, path in conf.tests(root):
        if not conf.applies(t) or not os.path.exists(path) or t.get("NAMESPACE") == "no":
            continue
        cases.append((t.get("ID"), t.get("TYPE"), t.get("ENTITIES", "none") != "none", path))
    paths = [c[3] for c in cases]
    loc = run(exe, "files-local", root, paths)
    val = run(exe, "files-valid", root, paths)
    st = Counter()
    wrong = []
    for cid, typ, ext, path in cases:
        lint = xmllint(path)
        g_wf = loc.get(path, ("missing", ""))
        g_v = val.get(path, ("missing", ""))
        st[(typ, "n")] += 1
        if typ == "not-wf":
            st[(typ, "gk_local")] += g_wf[0] == "not-wf"
            st[(typ, "gk_valid")] += g_v[0] == "not-wf"
            st[(typ, "lint")] += lint == "not-wf"
        elif typ == "valid":
            st[(typ, "gk_local")] += g_wf[0] == "valid"
            st[(typ, "gk_valid")] += g_v[0] == "valid"
            st[(typ, "lint")] += lint == "valid"
        else:
            st[(typ, "gk_local")] += g_wf[0] == "valid"
            st[(typ, "gk_valid")] += g_v[0] == "invalid"
            st[(typ, "lint")] += lint == "invalid"
        want = {"not-wf": "not-wf", "valid": "valid", "invalid": "invalid"}[typ]
        if g_v[0] != want:
            wrong.append(f"| {cid} | {typ} | {'external' if ext else 'none'} | {g_v[0]} | {lint} | {g_v[1][:90].replace('|', '/')} |")
    n = lambda t: st[(t, "n")]
    pct = lambda a, b: f"{100.0 * a / b:.1f}%" if b else "-"
    print("### W3C XML conformance suite: external = \"local\" and validate = \"dtd\"\n")
    print(f"{len(cases)} tests scored (XML 1.0 5th edition and Namespaces 1.0; NAMESPACE=\"no\" not scored).\n")
    print("| class | tests | what counts as right | gatekeep external = \"local\" | gatekeep + validate = \"dtd\" | xmllint --valid --noent |")
    print("|---|---:|---|---:|---:|---:|")
    print(f"| not-wf | {n('not-wf')} | rejected as not well-formed | {st[('not-wf','gk_local')]} ({pct(st[('not-wf','gk_local')], n('not-wf'))}) | {st[('not-wf','gk_valid')]} ({pct(st[('not-wf','gk_valid')], n('not-wf'))}) | {st[('not-wf','lint')]} ({pct(st[('not-wf','lint')], n('not-wf'))}) |")
    print(f"| valid | {n('valid')} | accepted, no finding | {st[('valid','gk_local')]} | {st[('valid','gk_valid')]} | {st[('valid','lint')]} |")
    print(f"| invalid | {n('invalid')} | without validation: accepted (well-formed); with: found invalid | {st[('invalid','gk_local')]} (well-formed) | {st[('invalid','gk_valid')]} ({pct(st[('invalid','gk_valid')], n('invalid'))}) | {st[('invalid','lint')]} ({pct(st[('invalid','lint')], n('invalid'))}) |")
    print("\nTests gatekeep (with validate = \"dtd\") classifies wrongly:\n")
    print("| test | class | entities | gatekeep | xmllint | gatekeep's first finding |")
    print("|---|---|---|---|---|---|")
    for w in wrong:
        print(w)


main()
