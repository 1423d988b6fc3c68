#!/usr/bin/env python3
"""Precision/recall of gatekeep's `security` gate on third-party labeled cases.

Inputs live OUTSIDE the repo (fetched from the upstream projects into a scratch dir):
  $SCRATCH/src/examples, $SCRATCH/src/tests/functional/test_functional.py   PyCQA/bandit
  $SCRATCH/data/gitleaks-rules/cmd/generate/config/rules/*.go                gitleaks/gitleaks
  $SCRATCH/data/ds/test_data                                                 Yelp/detect-secrets
and tools in $SCRATCH/venv (bandit, detect-secrets). The gate runs through
target/release/examples/security_bench (the gate as `check` runs it, minus report rendering).

Labels:
  * bandit: the issues bandit itself reports on its `examples/` (their per-file counts are
    what bandit's functional tests pin; this script checks that), mapped to gatekeep's
    categories by bandit test id. A gatekeep finding matches a bandit issue of the same
    category in the same file whose line range contains the finding's line (one-to-one).
  * gitleaks: the literal true-positive (`tps`) and false-positive (`fps`) samples in
    gitleaks' rule generators (samples built by Go code at test time are skipped). A sample
    is one file; detected = any secret finding in it.
  * detect-secrets: agreement with detect-secrets' own findings on its `test_data/`
    (line-level), which its test-suite pins. Not ground truth; reported separately.
"""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SCRATCH = os.environ.get("SCRATCH", "/work/scratch/security")
BENCH = os.environ.get("GATEKEEP_SECURITY_BENCH") or os.path.join(REPO, "target/release/examples/security_bench")

BANDIT_CATEGORY = {
    "B102": "code-execution", "B307": "code-execution",
    "B602": "command-injection", "B604": "command-injection", "B605": "command-injection", "B606": "command-injection",
    "B301": "deserialization", "B302": "deserialization", "B506": "deserialization",
    **{f"B3{n}": "xxe" for n in range(13, 21)}, "B411": "xxe",
    "B303": "weak-crypto", "B304": "weak-crypto", "B305": "weak-crypto", "B324": "weak-crypto", "B505": "weak-crypto",
    "B501": "tls", "B502": "tls", "B503": "tls", "B504": "tls", "B323": "tls", "B507": "tls",
    "B608": "sql",
    "B202": "path-traversal",
    "B105": "secrets", "B106": "secrets", "B107": "secrets",
}
TARGET = ["code-execution", "command-injection", "deserialization", "xxe", "weak-crypto", "tls"]


def gatekeep(root, options=""):
    out = subprocess.run([BENCH, root, "--json", "--options", options], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"security_bench failed on {root}: {out.stderr}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def pr(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return p, r


def fmt(x):
    return "n/a" if x != x else f"{x:.2f}"


def bandit_part(rows):
    ex = os.path.join(SCRATCH, "src/examples")
    res = subprocess.run(
        [os.path.join(SCRATCH, "venv/bin/bandit"), "-r", ex, "-f", "json", "-q"], capture_output=True, text=True
    )
    issues = json.loads(res.stdout)["results"]
    # Cross-check: bandit's per-file totals against its functional tests' expectations.
    tf = open(os.path.join(SCRATCH, "src/tests/functional/test_functional.py")).read()
    expected = {}
    for m in re.finditer(r'expect = (\{.*?\n        \})\n        self\.check_example\("([^"]+)", expect', tf, re.S):
        try:
            # gatekeep:ignore[py-eval] bandit's own test file holds literal dicts; ast would do, eval is what bandit's tests use
            d = eval(m.group(1), {}, {})
        except Exception:
            continue
        expected[m.group(2)] = sum(d["SEVERITY"].values())
    got = collections.Counter(os.path.basename(i["filename"]) for i in issues)
    checked = [f for f in expected if f in got or expected[f] == 0]
    agree = sum(1 for f in checked if got.get(f, 0) == expected[f])
    labels = collections.defaultdict(list)
    for i in issues:
        cat = BANDIT_CATEGORY.get(i["test_id"])
        if cat:
            rel = os.path.relpath(i["filename"], ex)
            lines = set(i.get("line_range") or [i["line_number"]]) | {i["line_number"]}
            labels[cat].append((rel, lines))
    ours = collections.defaultdict(list)
    # bandit honours `# nosec` by default; gatekeep does with `other_suppressions = true`.
    for f in gatekeep(ex, "other_suppressions = true"):
        ours[f["category"]].append((f["path"], f["line"], f["rule"]))
    table = {}
    misses = collections.defaultdict(list)
    for cat in sorted(set(labels) | set(ours)):
        pool = list(labels.get(cat, []))
        tp = fp = 0
        for path, line, rule in ours.get(cat, []):
            k = next((n for n, (p, ls) in enumerate(pool) if p == path and line in ls), None)
            if k is None:
                fp += 1
                misses[cat].append(f"FP {path}:{line} {rule}")
            else:
                tp += 1
                pool.pop(k)
        fn = len(pool)
        for p, ls in pool:
            misses[cat].append(f"FN {p}:{min(ls)}")
        table[cat] = (tp, fp, fn)
        rows.append(("bandit examples", "python", cat, tp, fp, fn))
    return table, (agree, len(checked)), misses


GO_STR = re.compile(r'`([^`]*)`|"((?:[^"\\\n]|\\.)*)"')


def go_items(block):
    """Literal string items of a Go `[]string{...}` body (items that are anything else are skipped)."""
    items, depth, cur = [], 0, ""
    i = 0
    while i < len(block):
        c = block[i]
        if c in "`\"":
            m = GO_STR.match(block, i)
            if not m:
                break
            cur += m.group(0)
            i = m.end()
            continue
        if c == "/" and block[i : i + 2] == "//":
            j = block.find("\n", i)
            i = len(block) if j < 0 else j
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == "," and depth == 0:
            items.append(cur.strip())
            cur = ""
        else:
            cur += c
        i += 1
    if cur.strip():
        items.append(cur.strip())
    out = []
    for it in items:
        m = GO_STR.fullmatch(it)
        if m:
            s = m.group(1) if m.group(1) is not None else bytes(m.group(2), "utf-8").decode("unicode_escape", "ignore")
            if s.strip():
                out.append(s)
    return out


def go_block(src, start):
    """The end of the `{...}` body that starts at `start` (just after its `{`)."""
    depth, j = 1, start
    while j < len(src) and depth:
        ch = src[j]
        if ch in "`\"":
            mm = GO_STR.match(src, j)
            j = mm.end() if mm else j + 1
            continue
        depth += ch == "{"
        depth -= ch == "}"
        j += 1
    return j - 1


def go_unquote(m):
    return m.group(1) if m.group(1) is not None else bytes(m.group(2), "utf-8").decode("unicode_escape", "ignore")


def go_pairs(block):
    """(key, value) pairs of a Go `map[string]string{...}` body whose value is a literal string or
    a `+` concatenation of literals (a pair built by a function call is skipped). An empty value
    is kept: a path-only rule's sample is its file name."""
    out = []
    lit = r'(?:' + GO_STR.pattern.replace("(", "(?:").replace("(?:?:", "(?:") + r')'
    pair = re.compile(r'(' + lit + r')\s*:\s*(' + lit + r'(?:\s*\+\s*' + lit + r')*)\s*(?:,|$)')
    for line_start in re.finditer(r'(?m)^\s*(?=["`])', block):
        m = pair.match(block, line_start.end())
        if not m:
            continue
        k = GO_STR.fullmatch(m.group(1))
        parts = [go_unquote(x) for x in GO_STR.finditer(m.group(2))]
        if k:
            out.append((go_unquote(k), "".join(parts)))
    return out


def gitleaks_samples():
    """(rule file, gitleaks rule id, is_tp, sample, path) for every literal sample; `path` is the
    file name gitleaks' test puts the sample in (`map[string]string` samples of rules with a
    `path`), else None."""
    d = os.path.join(SCRATCH, "data/gitleaks-rules/cmd/generate/config/rules")
    samples = []
    for name in sorted(os.listdir(d)):
        if not name.endswith(".go") or name.endswith("_test.go"):
            continue
        src = open(os.path.join(d, name)).read()
        for m in re.finditer(r"\b(tps|fps)\s*(?::=|=)\s*(?:append\(\s*\w+\s*,\s*)?(\[\]string|map\[string\]string)\{", src):
            ids = re.findall(r'RuleID:\s*"([^"]+)"', src[: m.start()])
            rule = ids[-1] if ids else None
            start = m.end()
            end = go_block(src, start)
            if m.group(2) == "[]string":
                for s in go_items(src[start:end]):
                    samples.append((name[:-3], rule, m.group(1) == "tps", s, None))
            else:
                for path, s in go_pairs(src[start:end]):
                    samples.append((name[:-3], rule, m.group(1) == "tps", s, path))
    return samples


def sample_file(n, path):
    return f"{n:05d}/{path}" if path else f"{n:05d}.txt"


def gatekeep_ids_for():
    """gitleaks rule id -> the gatekeep rule ids that stand for it: the gatekeep-written rules
    that replace it (`gitleaks: &[...]` in secrets.rs), else its port `secret-<id>`."""
    src = open(os.path.join(REPO, "src/gates/security/secrets.rs")).read()
    replaced = collections.defaultdict(set)
    for block in src.split("SecretRule {")[1:]:
        rid = re.search(r'id: "([^"]+)"', block)
        gl = re.search(r"gitleaks: &\[([^\]]*)\]", block)
        if rid and gl:
            for g in re.findall(r'"([^"]+)"', gl.group(1)):
                replaced[g].add(rid.group(1))
    return lambda g: replaced.get(g) or {f"secret-{g}"}, set(replaced)


GITLEAKS_MISSES = []


def gitleaks_part(rows):
    """Per rule, as gitleaks' own tests judge its samples: a `tps` sample of rule R must be
    found by the gatekeep rule standing for R, a `fps` sample must not be. A finding of another
    rule is neither (e.g. an Anthropic admin key is a `fps` of the Anthropic API-key rule and a
    `tps` of the admin-key rule; a JWT in a curl `fps` is still a JWT). "any rule" counts every
    secret finding instead, which charges such cross-rule hits as false positives."""
    samples = gitleaks_samples()
    ids_for, own = gatekeep_ids_for()
    with tempfile.TemporaryDirectory() as t:
        for n, (fam, rule, tp, s, path) in enumerate(samples):
            # Exactly the string gitleaks' tests validate (no newline added), in the file name
            # its test uses for path-bound rules.
            name = sample_file(n, path)
            os.makedirs(os.path.dirname(os.path.join(t, name)), exist_ok=True)
            with open(os.path.join(t, name), "w") as f:
                f.write(s)
        found = collections.defaultdict(set)
        for f in gatekeep(t):
            if f["category"] == "secrets":
                found[f["path"]].add(f["rule"].removeprefix("security/"))
    keys = ["per rule", "per rule, gatekeep-written rules", "any rule"]
    res = {k: [0, 0, 0, 0] for k in keys}  # tp, fn, fp, tn
    for n, (fam, rule, is_tp, s, path) in enumerate(samples):
        got = found.get(sample_file(n, path), set())
        mine = bool(got & ids_for(rule))
        for key in keys:
            if key == "per rule, gatekeep-written rules" and rule not in own:
                continue
            hit = bool(got) if key == "any rule" else mine
            r = res[key]
            if is_tp:
                r[0 if hit else 1] += 1
            else:
                r[2 if hit else 3] += 1
        if mine != is_tp:
            GITLEAKS_MISSES.append(f"[gitleaks {'FN' if is_tp else 'FP'} {rule}] {sorted(got)} {s[:160]!r}")
    for key, (tp, fn, fp, tn) in res.items():
        rows.append((f"gitleaks rule samples ({key})", "any", "secrets", tp, fp, fn))
    return res, len(samples)


def detect_secrets_part(rows):
    td = os.path.join(SCRATCH, "data/ds/test_data")
    with tempfile.TemporaryDirectory() as t:
        # Everything but the performance corpus, the word list, and `baseline.file`: a
        # detect-secrets baseline, whose `"hashed_secret": "<sha1>"` lines detect-secrets flags as
        # hex high-entropy strings; they are hashes, not credentials, and gatekeep does not flag
        # values assigned to hash names on purpose.
        subprocess.run(["cp", "-r", td, t], check=True)
        root = os.path.join(t, "test_data")
        for x in ["performance", "word_list.txt", "baseline.file"]:
            subprocess.run(["rm", "-rf", os.path.join(root, x)], check=True)
        res = subprocess.run(
            [os.path.join(SCRATCH, "venv/bin/detect-secrets"), "scan", "--all-files", "."],
            cwd=root, capture_output=True, text=True,
        )
        ds = json.loads(res.stdout)["results"]
        theirs = {(p, s["line_number"]) for p, lst in ds.items() for s in lst}
        # detect-secrets honours its `pragma: allowlist secret` by default; so does this run.
        ours = {(f["path"], f["line"]) for f in gatekeep(root, "other_suppressions = true") if f["category"] == "secrets"}
    tp = len(theirs & ours)
    rows.append(("detect-secrets test_data (agreement)", "any", "secrets", tp, len(ours - theirs), len(theirs - ours)))
    return theirs, ours


def main():
    rows = []
    table, (agree, checked), misses = bandit_part(rows)
    gl, n_samples = gitleaks_part(rows)
    theirs, ours = detect_secrets_part(rows)
    print("| source | language | category | TP | FP | FN | precision | recall |")
    print("|---|---|---|---|---|---|---|---|")
    for src, lang, cat, tp, fp, fn in rows:
        p, r = pr(tp, fp, fn)
        print(f"| {src} | {lang} | {cat} | {tp} | {fp} | {fn} | {fmt(p)} | {fmt(r)} |")
    tp = sum(table.get(c, (0, 0, 0))[0] for c in TARGET)
    fp = sum(table.get(c, (0, 0, 0))[1] for c in TARGET)
    fn = sum(table.get(c, (0, 0, 0))[2] for c in TARGET)
    p, r = pr(tp, fp, fn)
    print(f"\nbandit examples, target categories ({', '.join(TARGET)}): TP {tp} FP {fp} FN {fn} "
          f"precision {fmt(p)} recall {fmt(r)}")
    # Every labelled set pooled: bandit's target categories and its secret labels, gitleaks per
    # rule, detect-secrets agreement.
    pool = [(tp, fp, fn)] + [
        (a, b, c) for src, _, cat, a, b, c in rows
        if (src == "bandit examples" and cat == "secrets")
        or src in ("gitleaks rule samples (per rule)", "detect-secrets test_data (agreement)")
    ]
    ptp, pfp, pfn = (sum(x[i] for x in pool) for i in range(3))
    p, r = pr(ptp, pfp, pfn)
    print(f"pooled (bandit target + bandit secrets + gitleaks per rule + detect-secrets): TP {ptp} FP {pfp} "
          f"FN {pfn} precision {fmt(p)} recall {fmt(r)}")
    print(f"bandit's own run matches its functional-test totals on {agree}/{checked} example files")
    print(f"gitleaks literal samples: {n_samples}")
    if "-v" in sys.argv:
        for cat, ms in sorted(misses.items()):
            for m in ms:
                print(f"  [{cat}] {m}")
        for m in GITLEAKS_MISSES:
            print(f"  {m}")
        for x in sorted(theirs - ours):
            print(f"  [detect-secrets only] {x}")
        for x in sorted(ours - theirs):
            print(f"  [gatekeep only] {x}")


if __name__ == "__main__":
    main()
