#!/usr/bin/env python3
"""Precision/recall of gatekeep's `security` gate on the OWASP Benchmark (Java and Python
editions): per test case, per category and per language, with the Benchmark's own score.

Input lives OUTSIDE the repo (third-party data, GPL-licensed, never committed):
  $SCRATCH (default /work/scratch/owasp)
    java/     github.com/OWASP-Benchmark/BenchmarkJava, Benchmark version 1.2 (the README's
              "current latest release is v1.2"; its expectedresults-1.2.csv), licence GPL-2.0
              (LICENSE; the file headers say "version 2").
    python/   github.com/OWASP-Benchmark/BenchmarkPython, Benchmark version 0.1 (the README's
              "preliminary initial release we are calling v0.1"; expectedresults-0.1.csv),
              licence GPL-3.0 (LICENSE; the file headers say "version 3").
  each extracted with
      git --git-dir=<clone> archive HEAD [paths] | tar -x -C $SCRATCH/<edition>
      git --git-dir=<clone> rev-parse HEAD > $SCRATCH/<edition>/COMMIT   (the commit the report names)
  (for BenchmarkJava only LICENSE README.md expectedresults-1.2.csv src are needed; some of its
  large results/ files are not in every mirror). Measured on BenchmarkJava@79b9bd6177e0 and
  BenchmarkPython@7cf0674b9a33.
The gate runs through target/release/examples/security_bench (the gate as `check` runs it,
minus report rendering; GATEKEEP_SECURITY_BENCH overrides the binary), once, over a temporary
copy of the test-case files only (java/<testcode path>/BenchmarkTestNNNNN.java and
python/testcode/BenchmarkTestNNNNN.py; not the .xml metadata next to them, not the helpers).

Labels: expectedresults-<version>.csv gives, per test case (one file each), its Benchmark
category, whether it is a real vulnerability and its CWE. A Benchmark category is scored when
gatekeep has a rule of the mapped category FOR THAT LANGUAGE (CATEGORY below; `gatekeep
explain` lists the rules):
  cmdi -> command-injection, sqli -> sql, pathtraver -> path-traversal, crypto and hash ->
  weak-crypto, codeinj -> code-execution, deserialization -> deserialization, xxe -> xxe, and
  for Java weakrand -> weak-crypto (java-insecure-random, CWE-338). The others (xss, ldapi,
  xpathi, securecookie, trustbound, redirect, and Python's weakrand) are listed as not scored.
Scoring is per test case, file level, as the Benchmark's own scorecards are: a true case is a
TP if gatekeep reports at least one finding of the mapped category (at the severity threshold)
anywhere in its file, else a FN; a false case is a FP if it does, else a TN. Findings of a
category in files of another Benchmark category are not scored; their number is printed.
Because crypto, hash and weakrand all map to weak-crypto, a case can be decided by a
weak-crypto rule of another kind (a weak-hash finding in a weakrand case); how often is printed.
Severity: findings at or above `--min-severity` (default medium: the gate's default thresholds
fail on high/critical, medium findings are reported) are scored; the Markdown file always has
one table at >= medium and one at >= high. The Benchmark's headline metric is the Youden index,
TPR - FPR (recall minus false-positive rate: 0 for a tool that guesses, 1 for a perfect one);
OWASP averages it over categories, which the "score" line does.

bandit (optional, Python edition only): with --bandit [PATH] (default
$SCRATCH/venv/bin/bandit), bandit runs over the same copy (`bandit -r -f json`, all its
plugins) and its findings are mapped by test id (BANDIT_CATEGORY; the B4xx import checks are
left out: they flag an import, not a use) and scored the same way, at bandit's own severity
(>= MEDIUM in the first table, HIGH in the second). bandit parses with the Python it runs on
and the Python edition uses PEP 701 f-strings (quotes nested in f-strings): under Python
3.11 bandit skips ~460 of the 1243 files, so its venv needs Python >= 3.12, e.g.
    python3.13 -m venv $SCRATCH/venv && $SCRATCH/venv/bin/pip install bandit
(measured with bandit 1.9.4 on Python 3.13.0; the report names the version and the number of
files bandit could not parse).

Usage: python3 bench/owasp_accuracy.py [-v] [--md FILE] [--min-severity low|medium|high] [--bandit [PATH]]
"""
import collections
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SCRATCH = os.environ.get("SCRATCH", "/work/scratch/owasp")
BENCH = os.environ.get("GATEKEEP_SECURITY_BENCH") or os.path.join(REPO, "target/release/examples/security_bench")

EDITIONS = {
    "java": dict(csv="expectedresults-1.2.csv", code="src/main/java/org/owasp/benchmark/testcode",
                 ext=".java", version="1.2", repo="OWASP-Benchmark/BenchmarkJava", licence="GPL-2.0"),
    "python": dict(csv="expectedresults-0.1.csv", code="testcode",
                   ext=".py", version="0.1", repo="OWASP-Benchmark/BenchmarkPython", licence="GPL-3.0"),
}

# Benchmark category -> gatekeep category, for the languages where gatekeep has a rule of it.
CATEGORY = {
    "cmdi": "command-injection",
    "sqli": "sql",
    "pathtraver": "path-traversal",
    "crypto": "weak-crypto",
    "hash": "weak-crypto",
    "weakrand": "weak-crypto",
    "codeinj": "code-execution",
    "deserialization": "deserialization",
    "xxe": "xxe",
}
# (language, Benchmark category) left out although the category maps, with the reason.
LANG_NOT_SCORED = {
    ("python", "weakrand"): "gatekeep has no Python rule for `random` (java-insecure-random is Java only)",
}
NOT_SCORED = {
    "xss": "cross-site scripting (CWE-79): no gatekeep category",
    "ldapi": "LDAP injection (CWE-90): no gatekeep category",
    "xpathi": "XPath injection (CWE-643): no gatekeep category",
    "securecookie": "cookie without `secure` (CWE-614): no gatekeep category",
    "trustbound": "trust-boundary violation (CWE-501): no gatekeep category",
    "redirect": "open redirect (CWE-601): no gatekeep category",
}
# Which weak-crypto rules speak to which Benchmark category (for the "decided by a rule of
# another kind" count only; scoring is by category as the docstring says).
WEAK_CRYPTO_KIND = {
    "java-weak-hash": "hash", "py-weak-hash": "hash", "py-weak-hash-new": "hash",
    "java-weak-cipher": "crypto", "py-weak-cipher": "crypto", "py-weak-key": "crypto",
    "java-insecure-random": "weakrand",
}

# bandit test id -> gatekeep category (B4xx import blacklist checks left out on purpose).
BANDIT_CATEGORY = {
    "B102": "code-execution", "B307": "code-execution",  # exec, eval
    "B602": "command-injection", "B603": "command-injection", "B604": "command-injection",
    "B605": "command-injection", "B606": "command-injection", "B607": "command-injection",
    "B609": "command-injection",
    "B608": "sql",
    "B303": "weak-crypto", "B304": "weak-crypto", "B305": "weak-crypto", "B324": "weak-crypto",
    "B311": "weak-crypto", "B505": "weak-crypto",
    "B301": "deserialization", "B302": "deserialization", "B506": "deserialization",
    "B313": "xxe", "B314": "xxe", "B315": "xxe", "B316": "xxe", "B317": "xxe", "B318": "xxe",
    "B319": "xxe", "B320": "xxe",
    "B202": "path-traversal",  # tarfile.extractall
}

SEVERITIES = ["low", "medium", "high", "critical"]


def load_cases():
    """[dict(lang, name, bcat, vuln, cwe, rel, cat)] for every test case of both editions;
    cat is the gatekeep category, or None when not scored."""
    cases, commits = [], {}
    for lang, ed in EDITIONS.items():
        base = os.path.join(SCRATCH, lang)
        path = os.path.join(base, ed["csv"])
        if not os.path.exists(path):
            sys.exit(f"{path} missing: extract {ed['repo']} into {base} (see the docstring)")
        cf = os.path.join(base, "COMMIT")
        commits[lang] = open(cf).read().strip() if os.path.exists(cf) else "unknown"
        with open(path, newline="") as fh:
            for row in csv.reader(fh):
                if not row or row[0].startswith("#"):
                    continue
                name, bcat, vuln, cwe = (x.strip() for x in row[:4])
                rel = os.path.join(lang, ed["code"], name + ed["ext"])
                if not os.path.exists(os.path.join(SCRATCH, rel)):
                    sys.exit(f"{rel} missing under {SCRATCH}")
                cat = CATEGORY.get(bcat) if (lang, bcat) not in LANG_NOT_SCORED else None
                cases.append(dict(lang=lang, name=name, bcat=bcat, vuln=vuln == "true", cwe=int(cwe),
                                  rel=rel, cat=cat))
    return cases, commits


def gatekeep(root):
    """All gatekeep findings (every severity; filtered per table)."""
    out = subprocess.run([BENCH, root, "--json"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"security_bench failed on {root}: {out.stderr}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def bandit(exe, root):
    """bandit's findings over root/python as gatekeep-like dicts (path relative to root)."""
    out = subprocess.run([exe, "-r", os.path.join(root, "python"), "-f", "json", "-q"],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"bandit failed: {out.stderr[-2000:]}")
    data = json.loads(out.stdout)
    if data.get("errors"):
        print(f"warning: bandit could not parse {len(data['errors'])} files (run it on Python >= 3.12)", file=sys.stderr)
    found = []
    for r in data["results"]:
        found.append(dict(rule=f"{r['test_id']}:{r['test_name']}", category=BANDIT_CATEGORY.get(r["test_id"], "other"),
                          severity=r["issue_severity"].lower(), path=os.path.relpath(r["filename"], root),
                          line=r["line_number"]))
    return found, len(data.get("errors", []))


def ratio(a, b):
    return a / b if b else float("nan")


def fmt(x):
    return "n/a" if x != x else f"{x:.2f}"


def fmt_y(x):
    return "n/a" if x != x else f"{x:+.2f}"


def score(cases, findings, min_sev):
    """Per case: (case, verdict TP/FP/FN/TN, hits [finding]) for scored cases; plus the count of
    same-category decisions made by another weak-crypto kind, and unscored findings per category."""
    keep = set(SEVERITIES[SEVERITIES.index(min_sev):])
    by_file = collections.defaultdict(list)
    for f in findings:
        if f["severity"] in keep:
            by_file[f["path"]].append(f)
    res, off_kind, unscored = [], collections.Counter(), collections.Counter()
    for c in cases:
        fs = by_file.get(c["rel"], [])
        if c["cat"] is None:
            for f in fs:
                unscored[f["category"]] += 1
            continue
        hits = [f for f in fs if f["category"] == c["cat"]]
        for f in fs:
            if f["category"] != c["cat"]:
                unscored[f["category"]] += 1
        verdict = ("TP" if hits else "FN") if c["vuln"] else ("FP" if hits else "TN")
        if hits and c["cat"] == "weak-crypto":
            kinds = {WEAK_CRYPTO_KIND.get(f["rule"].removeprefix("security/")) for f in hits}
            if c["bcat"] not in kinds:
                off_kind[(c["lang"], c["bcat"], verdict)] += 1
        res.append((c, verdict, hits))
    return res, off_kind, unscored


def counts(rows):
    t = collections.Counter(v for _, v, _ in rows)
    return [t["TP"], t["FP"], t["FN"], t["TN"]]


def line(label, lang, bcat, cat, n):
    tp, fp, fn, tn = n
    tpr, fpr = ratio(tp, tp + fn), ratio(fp, fp + tn)
    prec = ratio(tp, tp + fp)
    return (f"| {label} | {lang} | {bcat} | {cat} | {tp + fn}/{fp + tn} | {tp} | {fp} | {fn} | {tn} | "
            f"{fmt(prec)} | {fmt(tpr)} | {fmt(fpr)} | {fmt_y(tpr - fpr)} |")


def table(w, scored, tool, langs, header=True):
    """Rows per (language, Benchmark category), per language, per gatekeep category, overall."""
    if header:
        w("| tool | language | Benchmark category | gatekeep category | cases (vuln/safe) | TP | FP | FN | TN | "
      "precision | recall (TPR) | FPR | TPR−FPR |")
        w("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    scores = {}
    for lang in langs:
        rows = [r for r in scored if r[0]["lang"] == lang]
        ys = []
        for bcat in sorted({r[0]["bcat"] for r in rows}, key=lambda b: (CATEGORY[b], b)):
            sub = [r for r in rows if r[0]["bcat"] == bcat]
            n = counts(sub)
            ys.append(ratio(n[0], n[0] + n[2]) - ratio(n[1], n[1] + n[3]))
            w(line(tool, lang, bcat, CATEGORY[bcat], n))
        w(line(f"**{tool}**", f"**{lang}**", "**all scored**", "", counts(rows)))
        scores[lang] = sum(ys) / len(ys) if ys else float("nan")
    if len(langs) > 1:
        for cat in sorted({r[0]["cat"] for r in scored}):
            w(line(tool, "all", "", cat, counts([r for r in scored if r[0]["cat"] == cat])))
        w(line(f"**{tool}**", "**all**", "**all scored**", "", counts(scored)))
    return scores


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    min_sev = args[args.index("--min-severity") + 1] if "--min-severity" in args else "medium"
    if min_sev not in SEVERITIES[:3]:
        sys.exit("--min-severity: low, medium or high")
    md = args[args.index("--md") + 1] if "--md" in args else None
    bandit_exe = None
    if "--bandit" in args:
        i = args.index("--bandit")
        nxt = args[i + 1] if i + 1 < len(args) else None
        bandit_exe = nxt if nxt and not nxt.startswith("-") else os.path.join(SCRATCH, "venv/bin/bandit")
        if not os.path.exists(bandit_exe):
            sys.exit(f"{bandit_exe} missing: python3.13 -m venv {SCRATCH}/venv && {SCRATCH}/venv/bin/pip install bandit")
    if not os.path.exists(BENCH):
        sys.exit(f"{BENCH} missing: cargo build --release --example security_bench")
    t0 = time.monotonic()
    cases, commits = load_cases()
    with tempfile.TemporaryDirectory() as t:
        for c in cases:
            os.makedirs(os.path.join(t, os.path.dirname(c["rel"])), exist_ok=True)
            shutil.copyfile(os.path.join(SCRATCH, c["rel"]), os.path.join(t, c["rel"]))
        t1 = time.monotonic()
        findings = gatekeep(t)
        t_gate = time.monotonic() - t1
        bfind, berr, t_bandit = [], 0, 0.0
        if bandit_exe:
            t1 = time.monotonic()
            bfind, berr = bandit(bandit_exe, t)
            t_bandit = time.monotonic() - t1
    bver = ""
    if bandit_exe:
        bver = subprocess.run([bandit_exe, "--version"], capture_output=True, text=True).stdout.split("\n")[0].strip()

    thresholds = [min_sev] if not md else sorted({min_sev, "medium", "high"}, key=SEVERITIES.index)
    out = []
    w = out.append
    if md:
        w("# security gate: accuracy on the OWASP Benchmark (Java 1.2, Python 0.1)")
        w("")
        w("`python3 bench/owasp_accuracy.py --bandit --md bench/results/owasp_accuracy.md` (data origin, "
          "category map and scoring: the script's docstring; `-v` lists every FN/FP).")
        w("")
    n_lang = collections.Counter(c["lang"] for c in cases)
    n_scored = collections.Counter(c["lang"] for c in cases if c["cat"])
    w(f"OWASP-Benchmark/BenchmarkJava@{commits['java'][:12]} (v1.2, GPL-2.0): {n_lang['java']} test cases, "
      f"{n_scored['java']} in scored categories; OWASP-Benchmark/BenchmarkPython@{commits['python'][:12]} "
      f"(v0.1, GPL-3.0): {n_lang['python']} test cases, {n_scored['python']} in scored categories. "
      f"gatekeep findings (all severities): {len(findings)}"
      + (f"; {bver} findings: {len(bfind)} ({berr} files bandit could not parse)" if bandit_exe else "") + ".")
    w("")
    w("Per test case (file level): TP = a real vulnerability with a finding of the mapped category in its file; "
      "FP = a safe case with one. TPR−FPR is the Benchmark's own score (Youden index).")
    details = {}
    for sev in thresholds:
        scored, off_kind, unscored = score(cases, findings, sev)
        details[sev] = scored
        w("")
        w(f"## Severity >= {sev}" + (" (the default)" if sev == "medium" else "")
          + (" (what the gate's default thresholds fail on)" if sev == "high" else ""))
        w("")
        scores = table(w, scored, "gatekeep", ["java", "python"])
        bscores = {}
        if bandit_exe:
            bscored, _, _ = score([c for c in cases if c["lang"] == "python"], bfind, sev)
            details[("bandit", sev)] = bscored
            bscores = table(w, bscored, "bandit", ["python"], header=False)
        w("")
        w("OWASP-style score (mean of the per-category TPR−FPR): "
          + ", ".join(f"gatekeep {lang} {fmt_y(y)}" for lang, y in scores.items())
          + "".join(f", bandit {lang} {fmt_y(y)}" for lang, y in bscores.items()) + ".")
        if off_kind:
            w("weak-crypto cases decided only by a rule of another kind (e.g. a weak-hash finding in a weakrand "
              "case): " + ", ".join(f"{lang} {b} {v} {n}" for (lang, b, v), n in sorted(off_kind.items())) + ".")
        w("gatekeep findings not scored (in files of another Benchmark category): "
          + (", ".join(f"{c} {n}" for c, n in sorted(unscored.items())) or "none") + ".")
    w("")
    w("Not scored: " + "; ".join(
        f"{b} ({', '.join(f'{lang} {n}' for lang, n in sorted(collections.Counter(c['lang'] for c in cases if c['bcat'] == b).items()))}): {why}"
        for b, why in NOT_SCORED.items() if any(c["bcat"] == b for c in cases))
        + "; " + "; ".join(f"{lang} {b} ({sum(1 for c in cases if (c['lang'], c['bcat']) == (lang, b))}): {why}"
                           for (lang, b), why in LANG_NOT_SCORED.items()) + ".")
    if bandit_exe:
        w("")
        w("bandit's test ids mapped: " + ", ".join(f"{cat}: {' '.join(sorted(k for k, v in BANDIT_CATEGORY.items() if v == cat))}"
                                                  for cat in sorted(set(BANDIT_CATEGORY.values())))
          + " (its severity scale, not gatekeep's; the B4xx import checks are not mapped).")
    w("")
    w(f"Wall time: gatekeep {t_gate:.1f} s over {len(cases)} files"
      + (f", bandit {t_bandit:.1f} s over {n_lang['python']} files" if bandit_exe else "")
      + f", whole script {time.monotonic() - t0:.1f} s.")
    text = "\n".join(out)
    print(text[text.index("OWASP-Benchmark/"):])
    if md:
        with open(md, "w") as fh:
            fh.write(text + "\n")
    if verbose:
        print(f"\nFN / FP at severity >= {min_sev}:")
        keys = [min_sev] + ([("bandit", min_sev)] if bandit_exe else [])
        for key in keys:
            tool = "bandit" if isinstance(key, tuple) else "gatekeep"
            for c, v, hits in sorted(details[key], key=lambda r: (r[0]["lang"], r[0]["bcat"], r[1], r[0]["name"])):
                if v not in ("FN", "FP"):
                    continue
                got = " ".join(f"{f['line']}:{f['rule'].removeprefix('security/')}" for f in hits)
                print(f"  [{tool} {c['lang']} {c['bcat']}] {v} {c['rel']} (CWE-{c['cwe']}){' ' + got if got else ''}")


if __name__ == "__main__":
    main()
