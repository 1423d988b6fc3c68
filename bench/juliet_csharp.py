#!/usr/bin/env python3
"""Precision/recall of gatekeep's C# security rules on the NIST SARD Juliet Test Suite for C#
(v1.3): a labelled set this project did not tune its rules to (issue 14's "one more labelled
set"), per CWE and per flow variant.

Input lives OUTSIDE the repo (third-party data, never committed):
  $JULIET_CS (default /work/scratch/juliet-cs): the suite's `src/testcases` folder, from
  github.com/fluidattacks/NIST-SARD-Test-Suites (a plain copy of NIST's download; measured on
  commit 17a143a16d26), extracted with
      git --git-dir=<clone> archive HEAD:"Juliet Test Suite for C#/src/testcases" | tar -x -C $JULIET_CS
  (or the tree hash of that folder; the mirror's large NuGet files may be missing). Licence:
  a work of the US government (NIST), in the public domain.
The gate runs through target/release/examples/security_bench (GATEKEEP_SECURITY_BENCH
overrides the binary) over the whole folder, once.

Labels: a file's name gives its CWE, input source and flow variant
(CWE78_OS_Command_Injection__ReadLine_54a.cs). A test case (all files of one stem: _54a.._54e,
_81a/_81_bad/_81_base/_81_goodG2B) has one flawed unit, the union of its Bad* methods
(Bad, BadSink, BadSource, and Action() in *_81_bad.cs), and one safe unit per good variant
(GoodG2B, GoodB2G1, Good1, ...; the Sink/Source helpers merged in; Action() in *_81_goodG2B.cs).
A flawed unit with at least one finding of its CWE's category (at --min-severity) is a TP, else
a FN; a safe unit with one is a FP, else a TN. Findings of other categories are counted, not
scored. CWEs scored: 78 command-injection, 89 sql, 23/36 path-traversal, 94 code-execution,
327/328/338 weak-crypto (Juliet C# has no cases of 22, 502, 611 or 295).

Two properties of the suite shape the figures: every G2B safe unit keeps the flawed sink and
feeds it a constant (only data flow scores there), and flow variants 21-81 carry the value
across methods, classes and files, which gatekeep's data flow (inside one function) does not
follow: a constant that arrives through a parameter is of unknown origin, a medium finding.

Usage:
  python3 bench/juliet_csharp.py [--min-severity low|medium|high] [--by cwe|flow|source|variant]
                                 [--md bench/results/juliet_csharp.md] [--findings FILE.jsonl]
"""
import argparse, json, os, re, sys
from collections import defaultdict

CWE_CATEGORY = {
    78: "command-injection", 89: "sql",
    22: "path-traversal", 23: "path-traversal", 36: "path-traversal",
    502: "deserialization", 611: "xxe",
    327: "weak-crypto", 328: "weak-crypto", 338: "weak-crypto",
    295: "tls", 94: "code-execution", 95: "code-execution",
}
DEFAULT_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "juliet", "testcases")

FNAME_RE = re.compile(r"^(CWE(\d+)_[A-Za-z0-9_]*?)__(.+)_(\d\d)([a-z]|_bad|_base|_good[A-Za-z0-9]*)?\.cs$")
# method header: access modifier ... Name(   (no '=' or ';' before the paren)
HDR_RE = re.compile(r"^\s*(?:public|private|protected|internal)\b[^;=(]*?\b([A-Za-z_][A-Za-z0-9_]*)\s*\(")
SOURCES = ["Connect_tcp", "Listen_tcp", "NetClient", "Database", "Environment", "File",
           "Get_Cookies_Web", "Params_Get_Web", "QueryString_Web", "ReadLine"]


def norm_cat(c):
    return (c or "").strip().lower().replace("_", "-")


def code_only(text):
    """Return text with comments, string and char literals blanked (newlines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        nx = text[i + 1] if i + 1 < n else ""
        if c == "/" and nx == "/":
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif c == "/" and nx == "*":
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c == "@" and nx == '"':  # verbatim string, "" escapes a quote
            j = i + 2
            while j < n:
                if text[j] == '"':
                    if j + 1 < n and text[j + 1] == '"':
                        j += 2; continue
                    break
                j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j + 1])); i = j + 1
        elif c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(" " * (j + 1 - i)); i = j + 1
        else:
            out.append(c); i += 1
    return "".join(out)


def method_regions(path):
    """[(name, start_line, end_line)] for Bad*/Good*/Action methods, 1-based inclusive."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    code = code_only(text)
    lines = code.split("\n")
    offs, o = [], 0
    for ln in lines:
        offs.append(o); o += len(ln) + 1
    regs = []
    for idx, ln in enumerate(lines):
        m = HDR_RE.match(ln)
        if not m:
            continue
        name = m.group(1)
        if not (re.match(r"(?i)(bad|good)", name) or name == "Action"):
            continue
        if re.search(r"\babstract\b", ln):
            continue
        pos = offs[idx] + m.end()
        ob, semi = code.find("{", pos), code.find(";", pos)
        if ob < 0 or (0 <= semi < ob):
            continue
        depth, j = 0, ob
        while j < len(code):
            if code[j] == "{":
                depth += 1
            elif code[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        regs.append((name, idx + 1, code.count("\n", 0, j) + 1))
    return regs


def unit_of(method, suffix):
    """('bad', None) | ('good', variant) | ('wrapper', 'Good')."""
    if method == "Action":
        if suffix == "_bad":
            return "bad", None
        if suffix and suffix.startswith("_good"):
            return "good", "Good" + suffix[len("_good"):]
        return None, None
    if re.match(r"(?i)bad", method):
        return "bad", None
    if method == "Good":
        return "wrapper", "Good"
    v = re.sub(r"(?i)_?(sink|source)$", "", method)
    return "good", "Good" + v[4:]


def flow_group(fv):
    v = int(fv)
    if v <= 17:
        return "01-17 control-flow (1 method)"
    if v <= 45:
        return "21-45 data-flow (same class)"
    return "51-81 data-flow (cross-file/class)"


def load_labels(root):
    """Returns files: basename -> dict(cwe, testcase, flow, source, regions=[(start,end,role,variant,method)])."""
    files = {}
    for d in sorted(os.listdir(root)):
        m = re.match(r"CWE(\d+)_", d)
        if not m or int(m.group(1)) not in CWE_CATEGORY:
            continue
        for dp, _, fns in os.walk(os.path.join(root, d)):
            for fn in fns:
                fm = FNAME_RE.match(fn)
                if not fm:
                    continue
                cwe = int(fm.group(2))
                stem = "%s__%s_%s" % (fm.group(1), fm.group(3), fm.group(4))
                src = next((s for s in SOURCES if fm.group(3) == s or fm.group(3).startswith("Web_" + s + "_")
                            or fm.group(3).startswith(s + "_")), fm.group(3))
                regs = []
                for name, s, e in method_regions(os.path.join(dp, fn)):
                    role, var = unit_of(name, fm.group(5))
                    if role:
                        regs.append((s, e, role, var, name))
                files[fn] = dict(path=os.path.join(dp, fn), cwe=cwe, testcase=stem,
                                 flow=fm.group(4), source=src, regions=regs)
    return files


def build_units(files):
    units = {}  # (testcase, role, variant) -> info
    for fn, f in files.items():
        for s, e, role, var, name in f["regions"]:
            if role == "wrapper":
                continue
            key = (f["testcase"], role, var)
            units.setdefault(key, dict(cwe=f["cwe"], flow=f["flow"], source=f["source"], hit=False))
    return units



SEVERITIES = ["low", "medium", "high", "critical"]
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.environ.get("GATEKEEP_SECURITY_BENCH") or os.path.join(
    os.environ.get("CARGO_TARGET_DIR") or os.path.join(REPO, "target"), "release/examples/security_bench")


def run_gate(root):
    """The gate's findings over `root`, as JSON lines (security_bench --json)."""
    import subprocess
    out = subprocess.run([BENCH, root, "--json"], capture_output=True, text=True, check=True).stdout
    return [json.loads(ln) for ln in out.splitlines() if ln.startswith("{")]


def score(files, findings, min_sev, by):
    units = build_units(files)
    offcat = defaultdict(int)
    for fd in findings:
        if SEVERITIES.index(fd.get("severity", "low")) < SEVERITIES.index(min_sev):
            continue
        f = files.get(os.path.basename(fd.get("path", "")))
        if f is None:
            continue
        cat = CWE_CATEGORY[f["cwe"]]
        if norm_cat(fd.get("category")) != cat:
            offcat[(f["cwe"], norm_cat(fd.get("category")))] += 1
            continue
        line = int(fd.get("line", 0))
        for s, e, role, var, name in f["regions"]:
            if s <= line <= e and role != "wrapper":
                units[(f["testcase"], role, var)]["hit"] = True
    rows = defaultdict(lambda: dict(TP=0, FN=0, FP=0, TN=0))
    for (tc, role, var), u in units.items():
        fam = ("bad" if role == "bad" else "GoodG2B*" if "G2B" in var
               else "GoodB2G*" if "B2G" in var else "Good1/2")
        sub = {"cwe": "", "flow": flow_group(u["flow"]), "source": u["source"], "variant": fam}[by]
        for key in [(u["cwe"], "all")] + ([(u["cwe"], sub)] if sub else []) + [("all", "all")]:
            r = rows[key]
            if role == "bad":
                r["TP" if u["hit"] else "FN"] += 1
            else:
                r["FP" if u["hit"] else "TN"] += 1
    return rows, offcat


def ratio(a, b):
    return "n/a" if b == 0 else "%.2f" % (a / b)


def table(rows):
    out = ["| CWE | category | group | TP | FN | FP | TN | precision | recall |",
           "|---|---|---|---|---|---|---|---|---|"]
    keys = sorted((k for k in rows if k[0] != "all"), key=lambda k: (k[0], k[1] != "all", k[1]))
    for k in keys + [("all", "all")]:
        r = rows[k]
        cat = CWE_CATEGORY.get(k[0], "all") if k[0] != "all" else "all"
        out.append("| %s | %s | %s | %d | %d | %d | %d | %s | %s |" % (
            k[0], cat, k[1], r["TP"], r["FN"], r["FP"], r["TN"],
            ratio(r["TP"], r["TP"] + r["FP"]), ratio(r["TP"], r["TP"] + r["FN"])))
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=os.environ.get("JULIET_CS", "/work/scratch/juliet-cs"))
    ap.add_argument("--min-severity", choices=SEVERITIES, default="low")
    ap.add_argument("--by", choices=["cwe", "flow", "source", "variant"], default="flow")
    ap.add_argument("--findings", help="score these JSON-lines findings instead of running the gate")
    ap.add_argument("--md", help="write the tables (>= low and >= medium, by flow) here")
    a = ap.parse_args()
    if not os.path.isdir(a.root):
        sys.exit("no Juliet C# test cases at %s (see this script's docstring)" % a.root)
    files = load_labels(a.root)
    if a.findings:
        findings = [json.loads(ln) for ln in open(a.findings) if ln.startswith("{")]
    else:
        findings = run_gate(a.root)
    rows, offcat = score(files, findings, a.min_severity, a.by)
    print(table(rows))
    print("\nfindings of another category in scored files (cwe, category): %s" % dict(offcat))
    if a.md:
        parts = ["# Juliet C# 1.3: gatekeep's C# rules on a held-out labelled set", "",
                 "Generated by `python3 bench/juliet_csharp.py --md %s` (units: one flawed unit "
                 "per test case, one safe unit per good variant; see the script)." % a.md, ""]
        for sev in ["low", "medium"]:
            r, _ = score(files, findings, sev, "flow")
            parts += ["## Findings at >= %s, by flow variant" % sev, "", table(r), ""]
        r, _ = score(files, findings, "low", "variant")
        parts += ["## Findings at >= low, by unit kind", "", table(r), ""]
        tmp = a.md + ".tmp"
        with open(tmp, "w") as fh:
            fh.write("\n".join(parts))
        os.replace(tmp, a.md)


if __name__ == "__main__":
    main()
