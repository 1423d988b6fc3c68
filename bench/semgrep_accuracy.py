#!/usr/bin/env python3
"""Precision/recall of gatekeep's `security` gate per language and category, on the labelled
test files of semgrep's rule registry.

Input lives OUTSIDE the repo (third-party data, never committed):
  $SCRATCH (default /work/scratch/semgrep-rules)   semgrep/semgrep-rules, extracted with
      git --git-dir=<clone> archive HEAD | tar -x -C $SCRATCH
      git --git-dir=<clone> rev-parse HEAD > $SCRATCH/COMMIT   (the commit the report names)
The gate runs through target/release/examples/security_bench (the gate as `check` runs
it, minus report rendering), once, over a temporary copy of the selected test files (relative paths and
extensions kept: the extension decides the language), with `other_suppressions = true`
because semgrep honours the `# nosemgrep` markers some of its `ok:` lines carry.

Labels:
  * Each rule file `X.yaml` in semgrep-rules is tested on its siblings `X.<ext>` (not
    `X.fixed.<ext>`, the autofix outputs). semgrep's authors annotate those test files with
    comment lines `ruleid: <id>[, <id>…]` (the NEXT line must be reported by rule <id>) and
    `ok: <id>` (the next line must not be). As in semgrep's own test runner (osemgrep
    Test_annotation.ml), an annotation is a line that is only a comment (`#`, `//`, `/*…*/`,
    `<!--…-->`, `{/*…*/}`) and always refers to the next line; an annotation after code on the
    same line is rejected by osemgrep and ignored here (counted). `todoruleid:` (a real
    finding semgrep misses) counts as a positive and `todook:` (a semgrep false positive) as a
    negative: they say what the code is, not what semgrep does; they are counted separately in
    the summary. Pro/deep-engine prefixes (`deepok:`, `proruleid:`, `ruleid: deepok: x`) are
    read the same way, the deepest engine's verdict winning (it is the authors' best judgement).
  * A rule's category comes from its `metadata.cwe` (CWE map below), overridden by its id where
    the CWE is wrong or too coarse for gatekeep's categories (ID_CATEGORY, one reason each).
    Rules mapping to no category, rules for languages gatekeep does not scan, and EXCLUDE are
    dropped. `generic`/`regex` rules (language-agnostic) are kept for secrets only and reported
    under language `generic`; other rules by the test file's extension.
  * Scoring is per line and category: a line is a positive for category C if any kept
    `ruleid`/`todoruleid` label of category C points at it, else a negative for C if an
    `ok`/`todook` label of category C does. The labelled code is the annotated line and the
    lines after it up to the next blank or annotation line, at most 5 lines, or up to 15 while
    brackets opened on them are still open (a semgrep match is reported at its first line and
    often spans several lines: a multi-line call or object literal, or a tainted assignment
    followed by its sink). A positive is a TP when gatekeep has a finding of category C on a
    line of that code, else a FN; a negative is a FP when it has one, else a TN. A data-flow
    finding is reported at its sink and names every step of its path (source, assignments);
    semgrep's pattern rules often label the step instead (`query := "…" + id`, then a blank
    line, then `db.Exec(query)`), so a finding counts on its own line and on its path's lines,
    for positives and negatives alike; the points matched only through a path step are
    printed (TP and FP). Findings
    outside the labelled code of their category are not scored; their number is printed
    ("unlabelled findings"), and so is the number of FNs with a finding of the category in
    the 3 lines above (gatekeep flags where a query is built, semgrep where it is run).
  * Known limits of the labels: an `ok:` line is safe for ITS rule, not necessarily for the
    category (e.g. a tls.Config that sets MinVersion, ok for `missing-ssl-minversion`, but
    also sets InsecureSkipVerify); such cases are left as semgrep labels them and show in -v.
  * A semgrep rule is often narrower or wider than a gatekeep category (an "audit" rule flags
    every non-literal subprocess call; a taint rule's `ok:` lines are often constant arguments
    that gatekeep, not tracking taint, flags anyway). `-v` prints the per-rule breakdown and
    every FN/FP with its file:line, semgrep rule and source line, so the cases can be judged.

Usage: python3 bench/semgrep_accuracy.py [-v] [--md FILE] [--min-severity low|medium|high]
       python3 bench/semgrep_accuracy.py --copy-rules DIR
  (--copy-rules: copies the semgrep rule files whose labels are scored here, the same scope as
   gatekeep's rules, into DIR, for bench/security.sh's side-by-side semgrep run, and exits)
"""
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SCRATCH = os.environ.get("SCRATCH", "/work/scratch/semgrep-rules")
BENCH = os.environ.get("GATEKEEP_SECURITY_BENCH") or os.path.join(REPO, "target/release/examples/security_bench")

# CWE -> gatekeep category (the lead's map, plus 322 key exchange without entity
# authentication: gatekeep files SSH host-key checks under tls).
CWE_CATEGORY = {
    94: "code-execution", 95: "code-execution",
    # Template injection (a server-side template is compiled to code and run).
    1336: "code-execution",
    78: "command-injection", 77: "command-injection",
    502: "deserialization",
    611: "xxe", 776: "xxe",
    22: "path-traversal", 23: "path-traversal", 73: "path-traversal",
    326: "weak-crypto", 327: "weak-crypto", 328: "weak-crypto", 916: "weak-crypto",
    330: "weak-crypto", 338: "weak-crypto",
    295: "tls", 297: "tls", 322: "tls",
    89: "sql",
    918: "ssrf", 601: "open-redirect",
    798: "secrets", 259: "secrets", 321: "secrets",
}

# Rule id -> category where the CWE is wrong or coarser than gatekeep's categories.
ID_CATEGORY = {
    # TLS certificate/host checks or protocol versions filed under CWE-319 (cleartext), CWE-94
    # or CWE-326/327: gatekeep files old protocols and disabled verification under tls.
    "bypass-tls-verification": "tls",  # CWE-319; InsecureSkipVerify / rejectUnauthorized / trust-all
    "curl-ssl-verifypeer-off": "tls",  # CWE-319; CURLOPT_SSL_VERIFYPEER false
    "sequelize-tls-disabled-cert-validation": "tls",  # CWE-94; rejectUnauthorized: false
    "disallow-old-tls-versions": "tls",  # CWE-319 (go); MinVersion below TLS 1.2
    "disallow-old-tls-versions1": "tls",  # CWE-319 (js, java); old secureProtocol / TLS versions
    "disallow-old-tls-versions2": "tls",  # CWE-319 (js, java)
    "sequelize-weak-tls-version": "tls",  # CWE-319; minVersion TLSv1/1.1
    "weak-ssl-version": "tls",  # CWE-326 (python); PROTOCOL_SSLv2/3, TLSv1
    "ssl-wrap-socket-is-deprecated": "tls",  # CWE-326; ssl.wrap_socket (gatekeep: py-ssl-wrap-socket, tls)
    "ssl-v3-is-insecure": "tls",  # CWE-327 (go); tls.VersionSSL30
    "missing-ssl-minversion": "tls",  # CWE-327 (go); tls.Config without MinVersion
    "weak-ssl-context": "tls",  # CWE-326 (java); SSLContext.getInstance("SSL"/"TLSv1")
    "defaulthttpclient-is-deprecated": "tls",  # CWE-326 (java); DefaultHttpClient lacks TLS 1.2/SNI
    "tls-with-insecure-cipher": "tls",  # CWE-327 (go); weak tls.Config CipherSuites
    "no-set-ciphers": "tls",  # CWE-326 (python); SSLContext.set_ciphers weakening the channel
    # Command execution filed under CWE-94 (code injection): gatekeep's command-injection.
    "dangerous-exec-cmd": "command-injection",  # go exec.Cmd
    "dangerous-exec-command": "command-injection",  # go exec.Command
    "dangerous-syscall-exec": "command-injection",  # go syscall.Exec
    "dangerous-exec": "command-injection",  # ruby Process.spawn / exec / system
    "dangerous-open": "command-injection",  # ruby open("|cmd")
    "dangerous-open3-pipeline": "command-injection",  # ruby Open3.pipeline
    "dangerous-subshell": "command-injection",  # ruby backticks / %x
    "exec-use": "command-injection",  # php exec/shell_exec/system/passthru
    "backticks-use": "command-injection",  # php backticks
    "tainted-exec": "command-injection",  # php/lang/security: exec family with user input (CWE-94)
    # Code execution filed under CWE-78.
    "eval-use": "code-execution",  # php eval()
    # Template injection filed under CWE-96 (whose other rules here are about `globals()`/
    # `locals()`, not templates): Flask's render_template_string of a request's template.
    "render-template-string": "code-execution",
    "dangerous-template-string": "code-execution",
    # Deserialization filed under other CWEs.
    "cookie-serialization": "deserialization",  # CWE-94; Rails cookies_serializer :marshal/:hybrid
    "xml-decoder": "deserialization",  # CWE-611; java.beans.XMLDecoder.readObject runs code
    # Weak crypto under an unmapped CWE.
    "create-de-cipher-no-iv": "weak-crypto",  # CWE-1204; crypto.createCipher/createDecipher
    # SQL injection rules with a wrong CWE (915 / 704).
    "tainted-sql-string": "sql",
    "node-postgres-sqli": "sql",
    # Hard-coded secrets filed under CWE-522/489/540/200.
    "jwt-python-hardcoded-secret": "secrets",
    "ruby-jwt-hardcoded-secret": "secrets",
    "avoid_hardcoded_config_SECRET_KEY": "secrets",
    "check-rails-session-secret-handling": "secrets",
    "check-secrets": "secrets",
}

# Rules whose label is not about the category their CWE maps to.
EXCLUDE = {
    "contains-bidirectional-characters": "CWE-94 for Trojan-Source bidi characters: not code run from data",
    "grpc-nodejs-insecure-connection": "CWE-502 for grpc.credentials.createInsecure(): cleartext transport, not deserialization",
    "extract-user-data": "CWE-502 for PHP extract($_GET): variable overwrite, not deserialization",
    "playwright-exposed-chrome-devtools": "CWE-94 for a browser launched with a remote-debugging port: exposure, not code from data",
    "puppeteer-exposed-chrome-devtools": "CWE-94 for a browser launched with a remote-debugging port: exposure, not code from data",
    "insecure-module-used": "CWE-327 for importing net/http/cgi (httpoxy); its `ok:` lines are the des/rc4/md5/sha1 calls themselves",
    "dangerous-syscall": "CWE-94 for Ruby's raw Kernel#syscall: neither a shell command nor code from data",
    "detected-aws-account-id": "an AWS account ID is an identifier, not a credential (AWS does not treat it as secret)",
}

TARGET = ["code-execution", "command-injection", "deserialization", "xxe", "weak-crypto", "tls", "secrets"]
CATEGORIES = TARGET[:-1] + ["path-traversal", "sql", "ssrf", "open-redirect", "secrets"]
# Issue 14's targets name SQL injection and path traversal too (issue 4's did not).
ISSUE14 = TARGET + ["sql", "path-traversal"]

EXT_LANG = {
    "py": "python", "pyw": "python", "pyi": "python",
    "js": "js/ts", "jsx": "js/ts", "mjs": "js/ts", "cjs": "js/ts",
    "ts": "js/ts", "tsx": "js/ts", "mts": "js/ts", "cts": "js/ts",
    "go": "go", "java": "java", "rs": "rust",
    "sh": "shell", "bash": "shell", "zsh": "shell", "ksh": "shell",
    "rb": "ruby", "php": "php", "cs": "csharp", "kt": "kotlin", "kts": "kotlin",
}
RULE_LANGS = {"python", "javascript", "js", "typescript", "ts", "go", "golang", "java", "rust",
              "bash", "sh", "ruby", "php", "csharp", "c#", "kotlin", "kt"}
GENERIC = {"generic", "regex"}
TOP_DIRS = ["python", "javascript", "typescript", "go", "java", "rust", "bash", "ruby", "php",
            "generic", "problem-based-packs", "csharp", "kotlin"]


# ---------------------------------------------------------------- rule files (YAML, stdlib) --

def _block_value(lines, i, indent):
    """Text of a key's value starting on line i: the rest of that line plus every following
    line indented deeper than the key (or a `- ` item at the key's own indent)."""
    out = [lines[i].split(":", 1)[1]]
    for ln in lines[i + 1:]:
        if not ln.strip() or ln.lstrip().startswith("#"):
            continue
        ind = len(ln) - len(ln.lstrip())
        if ind > indent or (ind == indent and ln.lstrip().startswith("- ")):
            out.append(ln)
        else:
            break
    return "\n".join(out)


def parse_rules(path):
    """[(id, languages, cwes)] of a semgrep rule file, parsed just enough (no PyYAML here)."""
    lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    try:
        start = next(n for n, ln in enumerate(lines) if re.match(r"rules:\s*$", ln))
    except StopIteration:
        return []
    items, item_indent = [], None
    for n in range(start + 1, len(lines)):
        ln = lines[n]
        m = re.match(r"(\s*)-(\s+)\S", ln)
        if item_indent is None and m:
            item_indent = len(m.group(1))
        if m and len(m.group(1)) == item_indent:
            items.append([n])
        elif item_indent is not None and ln.strip() and not ln.startswith(" ") and not ln.startswith("-"):
            break  # next top-level key
        elif items:
            items[-1].append(n)
    rules = []
    for it in items:
        first = lines[it[0]]
        key_indent = len(re.match(r"\s*-\s+", first).group(0))
        block = [" " * key_indent + first[key_indent:]] + [lines[n] for n in it[1:]]
        rid, langs, cwes = None, [], set()
        for k, ln in enumerate(block):
            ind = len(ln) - len(ln.lstrip())
            m = re.match(r"\s*([\w-]+):", ln)
            if not m:
                continue
            key = m.group(1)
            if ind == key_indent and key == "id":
                rid = ln.split(":", 1)[1].strip().strip("'\"")
            elif ind == key_indent and key == "languages":
                langs = re.findall(r"\w[\w+#-]*", _block_value(block, k, ind))
            elif ind > key_indent and key == "cwe":
                cwes |= {int(x) for x in re.findall(r"CWE-(\d+)", _block_value(block, k, ind))}
        if rid:
            rules.append((rid, [x.lower() for x in langs], cwes))
    return rules


def category_of(rid, cwes):
    if rid in ID_CATEGORY:
        return ID_CATEGORY[rid]
    cats = {CWE_CATEGORY[c] for c in cwes if c in CWE_CATEGORY}
    if len(cats) == 1:
        return cats.pop()
    if len(cats) > 1:
        sys.exit(f"rule {rid}: CWEs {sorted(cwes)} map to several categories {sorted(cats)}; add it to ID_CATEGORY")
    return None


# ------------------------------------------------------------------------ test annotations --

COMMENTS = [("{/*", "*/}"), ("<!--", "-->"), ("(*", "*)"), ("/*", "*/"), ("#", None), ("//", None)]
ANNOT = re.compile(r"(pro|deep)?(todoruleid|todook|ruleid|ok):\s*")
ENGINE_RANK = {None: 0, "pro": 1, "deep": 2}


def annotation(line):
    """(kind, engine-prefixed?, ids) if `line` is a semgrep test annotation, else None;
    ("after-code", …) for an annotation trailing code."""
    s = line.strip()
    for pre, suf in COMMENTS:
        if s.startswith(pre):
            body = s[len(pre):]
            if suf and body.endswith(suf):
                body = body[: -len(suf)]
            body = body.strip()
            kinds = []
            while True:
                m = ANNOT.match(body)
                if not m:
                    break
                kinds.append((m.group(2), m.group(1)))
                body = body[m.end():]
            if not kinds:
                return None
            ids = [x.strip() for x in re.split(r"\s*,\s*", body) if x.strip()]
            ids = [x.split()[0] for x in ids]  # "id  -- comment" tails
            kind, engine = max(kinds, key=lambda ke: ENGINE_RANK[ke[1]])
            extra = engine is not None or kind.startswith("todo") or len(kinds) > 1
            return kind, extra, ids
    if re.search(r"(#|//|<!--|/\*)\s*(pro|deep)?(todoruleid|ruleid|todook):", s):
        return "after-code", False, []
    return None


def statement(lines, i, lang):
    """0-based line numbers of the labelled code starting at line i: up to the next blank or
    annotation line, at most 5 lines, or up to 15 while brackets opened since line i are still
    open (a multi-line call or object literal is one match for semgrep)."""
    out, depth = [], 0
    for j in range(i, min(i + 15, len(lines))):
        if j > i and (not lines[j].strip() or annotation(lines[j])):
            break
        out.append(j)
        code = strip_strings(lines[j], lang)
        depth += sum(code.count(c) for c in "([{") - sum(code.count(c) for c in ")]}")
        if len(out) >= 5 and depth <= 0:
            break
    return out


def strip_strings(line, lang):
    """The line with string literals reduced to `_` and a trailing comment cut (roughly)."""
    out, q, k = [], None, 0
    hash_comment = lang in ("python", "shell", "ruby", "php", "generic")
    while k < len(line):
        c = line[k]
        if q:
            if c == "\\":
                k += 2
                continue
            if c == q:
                q = None
            k += 1
            continue
        if c in "'\"`":
            q = c
            out.append("_")
        elif c == "#" and hash_comment:
            break
        elif line.startswith("//", k) and lang != "python":
            break
        else:
            out.append(c)
        k += 1
    return "".join(out)


# ------------------------------------------------------------------------------- selection --

def collect():
    """Labels: list of dicts(file, lang, line (0-based), stmt, cat, rule, positive, extra)."""
    labels, stats = [], collections.Counter()
    rule_files, test_files = set(), set()
    for top in TOP_DIRS:
        for dp, dn, fn in os.walk(os.path.join(SCRATCH, top)):
            dn.sort()
            for f in sorted(fn):
                if not f.endswith((".yaml", ".yml")):
                    continue
                stem = f.rsplit(".", 1)[0]
                tests = [x for x in fn if x.startswith(stem + ".") and x != f and ".fixed." not in x
                         and not x.endswith((".yaml", ".yml"))]
                if not tests:
                    continue
                ypath = os.path.join(dp, f)
                in_security = "/security/" in ypath.replace(SCRATCH, "") or "/insecure-transport/" in ypath
                rules = {}
                for rid, langs, cwes in parse_rules(ypath):
                    cat = category_of(rid, cwes)
                    if cat is None or not in_security and not cwes & set(CWE_CATEGORY):
                        continue
                    if rid in EXCLUDE:
                        stats["excluded-rule"] += 1
                        continue
                    generic = bool(set(langs) & GENERIC)
                    if generic and cat != "secrets":
                        continue
                    if not generic and not set(langs) & RULE_LANGS:
                        continue
                    rules[rid] = (cat, generic)
                if not rules:
                    continue
                for t in sorted(tests):
                    ext = t.rsplit(".", 1)[1].lower()
                    tpath = os.path.join(dp, t)
                    rel = os.path.relpath(tpath, SCRATCH)
                    try:
                        lines = open(tpath, encoding="utf-8").read().splitlines()
                    except (UnicodeDecodeError, IsADirectoryError):
                        continue
                    used = False
                    for n, ln in enumerate(lines):
                        a = annotation(ln)
                        if not a:
                            continue
                        kind, extra, ids = a
                        if kind == "after-code":
                            stats["annotation after code (ignored)"] += 1
                            continue
                        for rid in ids:
                            if rid not in rules:
                                continue
                            cat, generic = rules[rid]
                            lang = "generic" if generic else EXT_LANG.get(ext)
                            if lang is None:
                                continue
                            if n + 1 >= len(lines) or not lines[n + 1].strip() or annotation(lines[n + 1]):
                                stats["annotation not followed by code (ignored)"] += 1
                                continue
                            positive = kind in ("ruleid", "todoruleid")
                            labels.append(dict(file=rel, lang=lang, line=n + 1, cat=cat, rule=rid,
                                               stmt=statement(lines, n + 1, lang), positive=positive,
                                               extra=extra, text=lines[n + 1].strip()))
                            stats["todo/pro/deep " + ("positive" if positive else "negative") + " labels"] += extra
                            used = True
                    if used:
                        rule_files.add(ypath)
                        test_files.add(rel)
    return labels, stats, rule_files, test_files


SEVERITIES = ["low", "medium", "high", "critical"]


def gatekeep(root, min_severity="low"):
    """gatekeep's findings; with `--min-severity medium`, only those a `high == 0`-style gate
    sees (the low "constant argument, seems safe" calls are left out)."""
    out = subprocess.run([BENCH, root, "--json", "--options", "other_suppressions = true"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"security_bench failed on {root}: {out.stderr}")
    keep = SEVERITIES[SEVERITIES.index(min_severity):]
    found = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return [f for f in found if f["severity"] in keep]


def pr(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return p, r


def fmt(x):
    return "n/a" if x != x else f"{x:.2f}"


def main():
    verbose = "-v" in sys.argv
    min_sev = sys.argv[sys.argv.index("--min-severity") + 1] if "--min-severity" in sys.argv else "low"
    md = sys.argv[sys.argv.index("--md") + 1] if "--md" in sys.argv else None
    if not os.path.exists(BENCH):
        sys.exit(f"{BENCH} missing: cargo build --release --example security_bench")
    commit = open(os.path.join(SCRATCH, "COMMIT")).read().strip() if os.path.exists(os.path.join(SCRATCH, "COMMIT")) else "unknown"
    labels, stats, rule_files, test_files = collect()
    if "--copy-rules" in sys.argv:
        out = sys.argv[sys.argv.index("--copy-rules") + 1]
        os.makedirs(out, exist_ok=True)
        for y in sorted(rule_files):
            rel = os.path.relpath(y, SCRATCH)
            shutil.copyfile(y, os.path.join(out, rel.replace("/", "__")))
        print(f"{len(rule_files)} rule files -> {out}")
        return
    with tempfile.TemporaryDirectory() as t:
        for rel in test_files:
            os.makedirs(os.path.join(t, os.path.dirname(rel)), exist_ok=True)
            shutil.copyfile(os.path.join(SCRATCH, rel), os.path.join(t, rel))
        findings = gatekeep(t, min_sev)
    found = collections.defaultdict(lambda: collections.defaultdict(list))  # (file, cat) -> line -> rules
    via_flow = collections.defaultdict(set)  # (file, cat) -> lines that only a flow step names
    for f in findings:
        found[(f["path"], f["category"])][f["line"]].append(f["rule"].removeprefix("security/"))
    for f in findings:
        for n in f.get("flow", []):
            key = (f["path"], f["category"])
            if n != f["line"] and n not in found[key]:
                via_flow[key].add(n)
    for key, lines in via_flow.items():
        for n in lines:
            found[key][n].append("(a flow step)")
    flow_hits = collections.Counter()  # TP / FP points matched only through a flow step

    # Per (file, line, category): positive if any positive label, else negative.
    points = {}
    for lb in labels:
        key = (lb["file"], lb["line"], lb["cat"])
        p = points.setdefault(key, dict(lang=lb["lang"], stmt=set(), positive=False, rules=set(), text=lb["text"]))
        p["stmt"] |= set(lb["stmt"])
        p["positive"] |= lb["positive"]
        p["rules"].add(lb["rule"])
    table = collections.defaultdict(lambda: [0, 0, 0, 0])  # (lang, cat) -> tp fp fn tn
    per_rule = collections.defaultdict(lambda: [0, 0, 0, 0])
    detail = []
    fn_above = collections.Counter()  # FNs with a same-category finding in the 3 lines above
    covered = collections.defaultdict(set)  # (file, cat) -> 1-based lines inside labelled code
    for (file, line, cat), p in sorted(points.items()):
        hits = {n + 1: found[(file, cat)][n + 1] for n in sorted(p["stmt"]) if found[(file, cat)].get(n + 1)}
        covered[(file, cat)] |= {n + 1 for n in p["stmt"]}
        row = table[(p["lang"], cat)]
        idx = (0 if hits else 2) if p["positive"] else (1 if hits else 3)
        row[idx] += 1
        if idx in (0, 1) and all(n in via_flow[(file, cat)] for n in hits):
            flow_hits["TP" if idx == 0 else "FP"] += 1
        if idx in (1, 2):
            kind = "FP" if idx == 1 else "FN"
            got = " ".join(sorted({r for rs in hits.values() for r in rs}))
            if idx == 2:
                above = [f"{n}:{r}" for n in range(line - 2, line + 1) for r in found[(file, cat)].get(n, [])]
                if above:
                    fn_above[cat] += 1
                    got = "only above, at " + " ".join(above)
            detail.append((p["lang"], cat, kind, f"{file}:{line + 1}", ",".join(sorted(p["rules"])), got, p["text"][:140]))
    for lb in labels:
        pos = points[(lb["file"], lb["line"], lb["cat"])]
        hit = any(found[(lb["file"], lb["cat"])].get(n + 1) for n in pos["stmt"])
        r = per_rule[(lb["lang"], lb["cat"], lb["rule"])]
        # a rule's own `ok:` line that another rule of the category calls positive is not scored
        if not lb["positive"] and pos["positive"]:
            continue
        r[(0 if hit else 2) if lb["positive"] else (1 if hit else 3)] += 1
    for lb in labels:
        if lb["extra"]:
            hit = any(found[(lb["file"], lb["cat"])].get(n + 1) for n in lb["stmt"])
            stats[f"todo/pro/deep {'positive' if lb['positive'] else 'negative'} labels flagged by gatekeep"] += hit
    unlabelled = collections.Counter()
    for f in findings:
        if f["category"] in CATEGORIES and f["line"] not in covered[(f["path"], f["category"])]:
            unlabelled[f["category"]] += 1

    out = []
    w = out.append
    if md:
        w("# security gate: accuracy on semgrep-rules' labelled test files")
        w("")
        w("`python3 bench/semgrep_accuracy.py --md bench/results/semgrep_accuracy.md` (how labels are made: "
          "the script's docstring; `-v` lists every FN/FP and the per-rule breakdown).")
        w("")
    w(f"semgrep/semgrep-rules@{commit}: {len(rule_files)} rule files, {len(test_files)} test files, "
      f"{len(labels)} labels on {len(points)} (line, category) points; gatekeep findings: {len(findings)}")
    w("")
    w("| language | category | TP | FP | FN | TN | precision | recall |")
    w("|---|---|---|---|---|---|---|---|")
    overall = [0, 0, 0, 0]
    for cat in CATEGORIES:
        tot = [0, 0, 0, 0]
        for (lang, c), row in sorted(table.items()):
            if c != cat:
                continue
            p, r = pr(row[0], row[1], row[2])
            w(f"| {lang} | {cat} | {row[0]} | {row[1]} | {row[2]} | {row[3]} | {fmt(p)} | {fmt(r)} |")
            tot = [a + b for a, b in zip(tot, row)]
        p, r = pr(tot[0], tot[1], tot[2])
        w(f"| **all** | **{cat}** | **{tot[0]}** | **{tot[1]}** | **{tot[2]}** | **{tot[3]}** | **{fmt(p)}** | **{fmt(r)}** |")
        if cat in TARGET:
            overall = [a + b for a, b in zip(overall, tot)]
    p, r = pr(overall[0], overall[1], overall[2])
    w(f"| **all** | **target categories** | **{overall[0]}** | **{overall[1]}** | **{overall[2]}** | **{overall[3]}** | **{fmt(p)}** | **{fmt(r)}** |")
    by_lang = collections.defaultdict(lambda: [0, 0, 0, 0])
    for (lang, c), row in table.items():
        if c in ISSUE14:
            by_lang[lang] = [a + b for a, b in zip(by_lang[lang], row)]
    issue = [sum(v[i] for v in by_lang.values()) for i in range(4)]
    p, r = pr(issue[0], issue[1], issue[2])
    w(f"| **all** | **issue-14 categories** | **{issue[0]}** | **{issue[1]}** | **{issue[2]}** | **{issue[3]}** | **{fmt(p)}** | **{fmt(r)}** |")
    for lang, row in sorted(by_lang.items()):
        p, r = pr(row[0], row[1], row[2])
        w(f"| {lang} | issue-14 categories | {row[0]} | {row[1]} | {row[2]} | {row[3]} | {fmt(p)} | {fmt(r)} |")
    w("")
    w(f"Target categories: {', '.join(TARGET)}. Issue-14 categories: these and {', '.join(ISSUE14[len(TARGET):])}"
      " (issue 14's targets: precision ≥ 0.92 and recall ≥ 0.80 overall, recall ≥ 0.70 in each of Python, JS/TS, Java and Go).")
    w("Unlabelled findings (gatekeep findings outside the labelled code of their category, not scored): "
      + ", ".join(f"{c} {unlabelled[c]}" for c in CATEGORIES if unlabelled[c]))
    w("FN with a same-category gatekeep finding in the 3 lines above the annotated line (typically gatekeep "
      "flags where a query/command string is built, semgrep where it is used): "
      + ", ".join(f"{c} {fn_above[c]}" for c in CATEGORIES if fn_above[c]))
    w(f"Points matched only through a flow step of a finding (the finding is at the sink; the label is on the line "
      f"that builds or reads the value, which the finding's path names): TP {flow_hits['TP']}, FP {flow_hits['FP']}")
    w("Annotation notes: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.items()) if k != "excluded-rule"))
    w("")
    w("Excluded semgrep rules:")
    for rid, why in sorted(EXCLUDE.items()):
        w(f"- `{rid}`: {why}")
    text = "\n".join(out)
    print(text[text.index("semgrep/semgrep-rules@"):])
    if md:
        with open(md, "w") as fh:
            fh.write(text + "\n")
    if verbose:
        print("\nPer rule (language category rule: TP FP FN TN):")
        for (lang, cat, rid), (tp, fp, fn, tn) in sorted(per_rule.items()):
            print(f"  {lang:8} {cat:18} {rid:55} {tp:3} {fp:3} {fn:3} {tn:3}")
        print("\nFN / FP:")
        for lang, cat, kind, where, rules, got, src in sorted(detail):
            print(f"  [{lang} {cat}] {kind} {where} ({rules}){' gatekeep: ' + got if got else ''}\n      {src}")


if __name__ == "__main__":
    main()
