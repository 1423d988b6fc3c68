#!/usr/bin/env python3
"""Generates the `--base` benchmark repository (issue 15): 50,000 five-line Python files committed,
then 200 of them changed (one line modified, three added) and committed, and an LCOV report that
lists every file. Writes bench/out/change/repo (a git repository, about 210 MB) and
bench/out/change/lcov.info (250,400 DA records).

usage: bench/gen_change.py [OUT_DIR]
"""
import os
import random
import subprocess
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "bench/out/change"
ROOT = os.path.join(OUT, "repo")
N, CHANGED = 50_000, 200
random.seed(1)


def body(i, changed=False):
    lines = [f"def f{i}(x):", f"    y = x + {i}", "    if y > 10:", "        return y", "    return -y"]
    if changed:
        lines[1] = f"    y = x * {i} + 1"
        lines += ["", f"def g{i}(x):", "    return x - 1"]
    return "\n".join(lines) + "\n"


def path(i):
    return f"src/d{i // 100:03d}/f{i:05d}.py"


def git(*a):
    subprocess.run(["git", "-C", ROOT, *a], check=True, stdout=subprocess.DEVNULL)


os.makedirs(ROOT, exist_ok=True)
git("init", "-q", "-b", "main")
git("config", "user.email", "bench@example.com")
git("config", "user.name", "bench")
for i in range(N):
    p = os.path.join(ROOT, path(i))
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(body(i))
git("add", "-A")
git("commit", "-q", "-m", "base")
changed = sorted(random.sample(range(N), CHANGED))
for i in changed:
    with open(os.path.join(ROOT, path(i)), "w") as f:
        f.write(body(i, True))
git("add", "-A")
git("commit", "-q", "-m", "change 200 files")
cs = set(changed)
with open(os.path.join(OUT, "lcov.info"), "w") as f:
    for i in range(N):
        n = 8 if i in cs else 5
        f.write("TN:\nSF:" + path(i) + "\n")
        hit = 0
        for ln in range(1, n + 1):
            if ln == 6:
                continue  # the blank line
            h = 0 if (ln == 4 or (ln == 8 and i % 2)) else 1
            f.write(f"DA:{ln},{h}\n")
            hit += h
        f.write(f"LF:{n - (1 if n == 8 else 0)}\nLH:{hit}\nend_of_record\n")
print(f"{ROOT}: {N} files, {CHANGED} changed; {OUT}/lcov.info")
