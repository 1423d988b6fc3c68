#!/usr/bin/env python3
"""Precision/recall of gatekeep's C/C++ security rules on the NIST SARD Juliet Test Suite for
C/C++ (v1.3): a labelled set this project did not tune its rules to, per CWE, per language
(.c / .cpp test cases) and per flow variant. Mirrors bench/juliet_csharp.py.

Input lives OUTSIDE the repo (third-party data, never committed):
  $JULIET_C (default /work/scratch/juliet-c): the CWE folders of the suite's `testcases` folder,
  from github.com/arichardson/juliet-test-suite-c at commit cf21e9ef8b03 (its import of NIST's
  Juliet_Test_Suite_v1.3_for_C_Cpp.zip, unmodified; later commits only add a build system and
  rewrite bind() to ::bind()), extracted with
      git --git-dir=<clone> archive cf21e9ef8b039a03215e3ca91ad4b9cfb158a4e7:testcases \\
          CWE78_OS_Command_Injection CWE259_Hard_Coded_Password CWE321_Hard_Coded_Cryptographic_Key \\
          CWE327_Use_Broken_Crypto CWE328_Reversible_One_Way_Hash CWE319_Cleartext_Tx_Sensitive_Info \\
        | tar -x -C $JULIET_C
  and NIST's per-CWE drivers (main.cpp, main_linux.cpp, testcases.h, Makefile, *.bat) deleted.
  $JULIET_C/SOURCE.txt, if present, is quoted in the --md header. Licence: a work of the US
  government (NIST), in the public domain. (github.com/fluidattacks/NIST-SARD-Test-Suites, the
  source of the C# set, holds no C/C++ suite.)
The gate runs through target/release/examples/security_bench (GATEKEEP_SECURITY_BENCH
overrides the binary) over the whole folder, once.

Labels: a file's name gives its CWE, functional variant and flow variant
(CWE78_OS_Command_Injection__char_console_execl_54a.c). A test case (all files of one stem:
_54a.._54e, _81a/_81_bad/_81_goodG2B, .c or .cpp; the .h files hold declarations only) has one
flawed unit, the union of its bad functions (..._bad, ..._badSink, badSource, bad() in a C++
namespace, and the methods, constructors and destructors of the ..._8x_bad classes), and one
safe unit per good variant (goodG2B, goodB2G1, good1, ...; their Sink/Source helpers and the
..._8x_goodG2B class merged in; the ..._good() wrapper that only calls them is no unit). A
brace-matching pass over the text (comments, literals and preprocessor lines blanked) finds the
function bodies; every finding is mapped to the function holding its line. The function names
are cross-checked against the #ifndef OMITBAD / OMITGOOD blocks (a mismatch is reported).
A flawed unit with at least one finding of its CWE's category (at --min-severity) is a TP, else
a FN; a safe unit with one is a FP, else a TN. Findings of other categories, and findings
outside every unit (e.g. on a file-level `#define PASSWORD "..."`), are counted, not scored.
Each test case is `c` or `cpp` (any .cpp file makes it cpp: flows 33, 43, 62, 72-74, 81-84).

CWEs scored: 78 command-injection, 327/328 weak-crypto, 259/321 secrets. Juliet C/C++ 1.3 has
no CWE 89 or 295 cases; CWE 319 (cleartext transmission) is not scored, the gate having no such
category (its `tls` rules are about turned-off certificate checks).

Shape of the suite: every CWE 327/328/259/321 case goes through the Windows CryptoAPI / LogonUser
(CryptDeriveKey(.., CALG_DES|CALG_3DES|CALG_RC5, ..), CryptCreateHash(.., CALG_MD2|CALG_MD5|
CALG_SHA1, ..), a hard-coded key or password #defined at file level and strcpy'd into a buffer).
CWE 78 sinks are often macros (EXECL, EXECLP, EXECV, EXECVP, POPEN, SYSTEM #defined to the
POSIX or _w* Windows names) or direct _spawn*/_wspawn* calls; every G2B safe unit keeps the
flawed sink and feeds it a constant, and flows 21-84 carry the value across functions and files.

Usage:
  python3 bench/juliet_c.py [--min-severity low|medium|high] [--by cwe|flow|source|sink|variant]
                            [--md bench/results/juliet_c.md] [--findings FILE.jsonl]
                            [--counts] [--units STEM]
"""
import argparse, hashlib, json, os, re, subprocess, sys, time
from collections import defaultdict

# The parts that do not depend on the language, shared with the C# script (bench/ is on the
# path when a script in it runs).
from juliet_csharp import BENCH, SEVERITIES, norm_cat, ratio

CWE_CATEGORY = {
    78: "command-injection", 89: "sql",
    327: "weak-crypto", 328: "weak-crypto",
    259: "secrets", 321: "secrets",
    295: "tls",
    # 319: no cleartext-transmission category in the gate; not scored.
}
DEFAULT_ROOT = "/work/scratch/juliet-c"
MIRROR = "github.com/arichardson/juliet-test-suite-c @ cf21e9ef8b039a03215e3ca91ad4b9cfb158a4e7"

FNAME_RE = re.compile(
    r"^(CWE(\d+)_[A-Za-z0-9_]*?)__(.+)_(\d\d)([a-z]|_bad|_base|_good[A-Za-z0-9]*)?\.(c|cpp|h)$")
# role from a function (or class) name: ..._bad, badSink, goodG2B1Source, ..._54b_goodB2GSink
ROLE_RE = re.compile(r"(?:^|_)(bad|good)([A-Za-z0-9]*)$")
CPP_SOURCES = ["connect_socket", "listen_socket", "console", "environment", "file"]


def code_only(text):
    """Text with comments, string/char literals and preprocessor lines blanked (newlines kept)."""
    out, i, n = [], 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        nx = text[i + 1] if i + 1 < n else ""
        if line_start and c == "#":  # directive, with backslash continuations
            j = i
            while j < n and text[j] != "\n":
                if text[j] == "\\" and j + 1 < n and text[j + 1] == "\n":
                    j += 2; continue
                if text[j] == "/" and j + 1 < n and text[j + 1] == "*":  # comment inside
                    k = text.find("*/", j + 2)
                    j = n if k < 0 else k + 2; continue
                j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
            line_start = False
            continue
        if c == "/" and nx == "/":
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif c == "/" and nx == "*":
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(" " * (j + 1 - i)); i = j + 1
        else:
            out.append(c); i += 1
            if c == "\n":
                line_start = True
            elif not c.isspace():
                line_start = False
            continue
        line_start = False
    return "".join(out)


def omit_blocks(text):
    """{line: 'bad'|'good'} for lines inside #ifndef OMITBAD / OMITGOOD blocks."""
    where, stack = {}, []
    for no, ln in enumerate(text.split("\n"), 1):
        s = ln.strip()
        m = re.match(r"#\s*(ifndef|ifdef|if|endif|else|elif)\b\s*(\w*)", s)
        if m:
            d = m.group(1)
            if d in ("ifndef", "ifdef", "if"):
                stack.append({"OMITBAD": "bad", "OMITGOOD": "good"}.get(m.group(2)) if d == "ifndef" else None)
            elif d == "endif" and stack:
                stack.pop()
        tags = [t for t in stack if t]
        if tags:
            where[no] = tags[-1]
    return where


def functions(path):
    """[(qualified_name, start_line, end_line)] of the function definitions in a C/C++ file.
    Raises ValueError when the braces do not balance."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    code = code_only(text)
    stack, seg, regs = [], 0, []
    line = 1
    for i, c in enumerate(code):
        if c == "\n":
            line += 1
        elif c == ";":
            seg = i + 1
        elif c == "{":
            if any(k[0] == "func" for k in stack):
                stack.append(("block",))
            else:
                hdr = code[seg:i]
                m = re.search(r"([A-Za-z_~][\w:~]*)\s*\(", hdr)
                if re.search(r"\bnamespace\b", hdr) or re.fullmatch(r"\s*extern\s*", hdr):
                    stack.append(("ns",))
                elif m and "=" not in hdr[:m.start()] and m.group(1) not in ("if", "while", "for", "switch"):
                    lead = len(hdr) - len(hdr.lstrip())
                    stack.append(("func", m.group(1), line - code.count("\n", seg + lead, i)))
                elif re.search(r"\b(class|struct|union)\b", hdr):
                    stack.append(("class",))
                else:
                    stack.append(("other",))
            seg = i + 1
        elif c == "}":
            if not stack:
                raise ValueError("%s:%d: unbalanced }" % (path, line))
            top = stack.pop()
            if top[0] == "func":
                regs.append((top[1], top[2], line))
            seg = i + 1
    if stack:
        raise ValueError("%s: %d unclosed {" % (path, len(stack)))
    return regs, text


def role_of(qname):
    """('bad', None) | ('good', 'goodG2B') | ('wrapper', None) | (None, None)."""
    parts = qname.split("::")
    for p in [parts[-1].lstrip("~")] + parts[-2::-1]:
        m = ROLE_RE.search(p)
        if not m:
            continue
        if m.group(1) == "bad":
            return "bad", None
        rest = re.sub(r"(Va)?(Sink|Source)[A-Z]?$", "", m.group(2))
        return ("wrapper", None) if rest == "" else ("good", "good" + rest)
    return None, None


def flow_group(fv):
    v = int(fv)
    if v <= 18:
        return "01-18 control-flow (1 function)"
    if v <= 45:
        return "21-45 data-flow (same file)"
    if v <= 68:
        return "51-68 data-flow (across files)"
    return "72-84 data-flow (C++ containers/classes)"


def split_variant(cwe, fv):
    """(source, sink) from the functional variant: char_console_execl -> (console, execl);
    w32_DES -> (DES, DES); w32_wchar_t -> (wchar_t, wchar_t)."""
    if cwe == 78:
        v = re.sub(r"^(char|wchar_t)_", "", fv)
        for s in CPP_SOURCES:
            if v.startswith(s + "_"):
                return s, v[len(s) + 1:]
        return v, v
    v = re.sub(r"^w32_", "", fv)
    return v, v


def load_labels(root, cwes=None):
    """files: basename -> dict(path, cwe, testcase, flow, source, sink, ext, regions=[(s, e, role,
    variant, name)]). Also returns the number of OMITBAD/OMITGOOD mismatches (list)."""
    cwes = cwes or CWE_CATEGORY
    files, mismatches = {}, []
    for d in sorted(os.listdir(root)):
        m = re.match(r"CWE(\d+)_", d)
        if not m or int(m.group(1)) not in cwes:
            continue
        for dp, _, fns in os.walk(os.path.join(root, d)):
            for fn in fns:
                fm = FNAME_RE.match(fn)
                if not fm:
                    continue
                cwe = int(fm.group(2))
                stem = "%s__%s_%s" % (fm.group(1), fm.group(3), fm.group(4))
                src, sink = split_variant(cwe, fm.group(3))
                fpath = os.path.join(dp, fn)
                funcs, text = functions(fpath)
                omit = omit_blocks(text)
                regs = []
                for name, s, e in funcs:
                    role, var = role_of(name)
                    if not role:
                        continue
                    want = "good" if role == "wrapper" else role
                    if omit.get(s) != want:
                        mismatches.append("%s:%d %s (%s) in %s block" % (fn, s, name, role, omit.get(s)))
                    regs.append((s, e, role, var, name))
                files[fn] = dict(path=fpath, cwe=cwe, testcase=stem, flow=fm.group(4), source=src,
                                 sink=sink, ext=fm.group(6), regions=regs)
    lang = defaultdict(lambda: "c")
    for f in files.values():
        if f["ext"] == "cpp":
            lang[f["testcase"]] = "cpp"
    for f in files.values():
        f["lang"] = lang[f["testcase"]]
    return files, mismatches


def build_units(files):
    units = {}  # (testcase, role, variant) -> info
    for fn, f in files.items():
        for s, e, role, var, name in f["regions"]:
            if role == "wrapper":
                continue
            key = (f["testcase"], role, var)
            u = units.setdefault(key, dict(cwe=f["cwe"], flow=f["flow"], source=f["source"],
                                           sink=f["sink"], lang=f["lang"], hit=False, funcs=[]))
            u["funcs"].append((fn, name, s, e))
    return units


def run_gate(root):
    """The gate's findings over `root`, as JSON lines (security_bench --json)."""
    p = subprocess.run([BENCH, root, "--json"], capture_output=True, text=True, check=True)
    sys.stderr.write(p.stderr)
    return [json.loads(ln) for ln in p.stdout.splitlines() if ln.startswith("{")]


def unit_family(role, var):
    if role == "bad":
        return "bad"
    return "goodG2B*" if "G2B" in var else "goodB2G*" if "B2G" in var else "good1..9"


def score(files, findings, min_sev, by):
    units = build_units(files)
    offcat, outside = defaultdict(int), defaultdict(int)
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
        line, placed = int(fd.get("line", 0)), False
        for s, e, role, var, name in f["regions"]:
            if s <= line <= e and role != "wrapper":
                units[(f["testcase"], role, var)]["hit"] = placed = True
        if not placed:
            outside[f["cwe"]] += 1
    rows = defaultdict(lambda: dict(TP=0, FN=0, FP=0, TN=0))
    for (tc, role, var), u in units.items():
        sub = {"cwe": "", "flow": flow_group(u["flow"]), "source": u["source"], "sink": u["sink"],
               "variant": unit_family(role, var)}[by]
        lg = u["lang"]
        keys = [(u["cwe"], "all", "all"), (u["cwe"], lg, "all")] + ([(u["cwe"], lg, sub)] if sub else []) \
            + [("all", "all", "all"), ("all", lg, "all")]
        for key in keys:
            r = rows[key]
            if role == "bad":
                r["TP" if u["hit"] else "FN"] += 1
            else:
                r["FP" if u["hit"] else "TN"] += 1
    return rows, offcat, outside


def youden(r):
    if r["TP"] + r["FN"] == 0 or r["FP"] + r["TN"] == 0:
        return "n/a"
    return "%.2f" % (r["TP"] / (r["TP"] + r["FN"]) - r["FP"] / (r["FP"] + r["TN"]))


def _order(k):
    return (k[0] == "all", k[0] if k[0] != "all" else 0, k[1] != "all", k[1], k[2] != "all", k[2])


def table(rows):
    out = ["| CWE | category | lang | group | TP | FN | FP | TN | precision | recall | TPR-FPR |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for k in sorted(rows, key=_order):
        r = rows[k]
        cat = CWE_CATEGORY.get(k[0], "all")
        out.append("| %s | %s | %s | %s | %d | %d | %d | %d | %s | %s | %s |" % (
            k[0], cat, k[1], k[2], r["TP"], r["FN"], r["FP"], r["TN"],
            ratio(r["TP"], r["TP"] + r["FP"]), ratio(r["TP"], r["TP"] + r["FN"]), youden(r)))
    return "\n".join(out)


def counts_table(files):
    units = build_units(files)
    c = defaultdict(lambda: [set(), 0, 0, 0])  # (cwe, lang) -> [testcases, files, bad, good]
    for f in files.values():
        for k in [(f["cwe"], f["lang"]), (f["cwe"], "all"), ("all", "all")]:
            c[k][0].add(f["testcase"]); c[k][1] += 1
    for (tc, role, var), u in units.items():
        for k in [(u["cwe"], u["lang"]), (u["cwe"], "all"), ("all", "all")]:
            c[k][2 if role == "bad" else 3] += 1
    out = ["| CWE | category | lang | test cases | files | flawed units | safe units |",
           "|---|---|---|---|---|---|---|"]
    for k in sorted(c, key=lambda k: (k[0] == "all", k[0] if k[0] != "all" else 0, k[1] == "all", k[1])):
        v = c[k]
        out.append("| %s | %s | %s | %d | %d | %d | %d |" % (
            k[0], CWE_CATEGORY.get(k[0], "all"), k[1], len(v[0]), v[1], v[2], v[3]))
    return "\n".join(out)


def print_units(files, stem):
    units = build_units(files)
    hits = sorted(k for k in units if k[0] == stem)
    if not hits:
        sys.exit("no test case %s" % stem)
    print("%s  (lang %s)" % (stem, units[hits[0]]["lang"]))
    for k in hits:
        print("  %s %s" % (k[1], k[2] or ""))
        for fn, name, s, e in units[k]["funcs"]:
            print("      %s:%d-%d  %s" % (fn, s, e, name))
    for fn, f in sorted(files.items()):
        if f["testcase"] == stem:
            for s, e, role, var, name in f["regions"]:
                if role == "wrapper":
                    print("  (wrapper, not a unit) %s:%d-%d  %s" % (fn, s, e, name))


def provenance(root):
    src = os.path.join(root, "SOURCE.txt")
    lines = []
    if os.path.exists(src):
        lines = [ln.rstrip() for ln in open(src) if ln.strip()]
    try:
        date = subprocess.run(["date", "-u"], capture_output=True, text=True).stdout.strip()
    except OSError:
        date = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    binfo = BENCH
    if os.path.exists(BENCH):
        with open(BENCH, "rb") as fh:
            sha = hashlib.sha256(fh.read()).hexdigest()[:12]
        binfo = "%s (sha256 %s, built %s)" % (BENCH, sha, time.strftime(
            "%Y-%m-%d %H:%M UTC", time.gmtime(os.path.getmtime(BENCH))))
    return lines, date, binfo


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=os.environ.get("JULIET_C", DEFAULT_ROOT))
    ap.add_argument("--min-severity", choices=SEVERITIES, default="low")
    ap.add_argument("--by", choices=["cwe", "flow", "source", "sink", "variant"], default="flow")
    ap.add_argument("--findings", help="score these JSON-lines findings instead of running the gate")
    ap.add_argument("--md", help="write the tables (>= low and >= medium, by flow) here")
    ap.add_argument("--counts", action="store_true", help="print test cases/units per CWE and lang, and stop")
    ap.add_argument("--units", metavar="STEM", help="print one test case's units and functions, and stop")
    a = ap.parse_args()
    if not os.path.isdir(a.root):
        sys.exit("no Juliet C/C++ test cases at %s (see this script's docstring)" % a.root)
    files, mismatches = load_labels(a.root)
    if mismatches:
        sys.stderr.write("warning: %d functions whose name disagrees with their OMITBAD/OMITGOOD "
                         "block, e.g. %s\n" % (len(mismatches), mismatches[:3]))
    if a.units:
        print_units(files, a.units); return
    if a.counts:
        print(counts_table(files)); return
    if a.findings:
        findings = [json.loads(ln) for ln in open(a.findings) if ln.startswith("{")]
    else:
        findings = run_gate(a.root)
    rows, offcat, outside = score(files, findings, a.min_severity, a.by)
    print(table(rows))
    print("\nfindings of another category in scored files (cwe, category): %s" % dict(offcat))
    print("findings of the CWE's category outside every unit (cwe: n): %s" % dict(outside))
    if a.md:
        lines, date, binfo = provenance(a.root)
        parts = ["# Juliet C/C++ 1.3: gatekeep's C/C++ rules on a held-out labelled set", "",
                 "Generated by `python3 bench/juliet_c.py --md %s` on %s (units: one flawed unit "
                 "per test case, one safe unit per good variant; see the script)." % (a.md, date), "",
                 "- data: NIST SARD Juliet Test Suite for C/C++ v1.3 (public domain), %s, "
                 "folder %s" % (MIRROR, a.root),
                 "- binary: %s" % binfo,
                 "- %d findings in all; scored CWEs: %s" % (len(findings), ", ".join(
                     "%d %s" % (k, CWE_CATEGORY[k]) for k in sorted({f["cwe"] for f in files.values()}))),
                 ""]
        if lines:
            parts += ["Data provenance (`SOURCE.txt`):", ""] + ["    " + ln for ln in lines] + [""]
        parts += ["## Test cases and units", "", counts_table(files), ""]
        for sev in ["low", "medium"]:
            r, oc, ou = score(files, findings, sev, "flow")
            parts += ["## Findings at >= %s, by flow variant" % sev, "", table(r), "",
                      "Other-category findings in scored files: %s; own-category findings outside "
                      "every unit: %s." % (dict(oc) or "none", dict(ou) or "none"), ""]
        r, _, _ = score(files, findings, "low", "variant")
        parts += ["## Findings at >= low, by unit kind", "", table(r), ""]
        r, _, _ = score(files, findings, "low", "sink")
        parts += ["## Findings at >= low, by sink (CWE 78) / algorithm (327, 328) / char type", "",
                  table(r), ""]
        tmp = a.md + ".tmp"
        with open(tmp, "w") as fh:
            fh.write("\n".join(parts))
        os.replace(tmp, a.md)


if __name__ == "__main__":
    main()
