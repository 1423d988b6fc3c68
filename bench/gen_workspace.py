#!/usr/bin/env python3
"""Generates a monorepo for the workspace benchmark: MEMBERS members, FILES files in all.

    python3 bench/gen_workspace.py [OUT] [MEMBERS] [FILES]   (default bench/out/mono 20 50000)

Each member has Python modules (documented or not, a few risky calls), Markdown and XML files,
and a gates.toml with the tree-reading gates (security, docs, xml).
"""
import os
import random
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "bench/out/mono"
members = int(sys.argv[2]) if len(sys.argv) > 2 else 20
files = int(sys.argv[3]) if len(sys.argv) > 3 else 50000
per = files // members
rng = random.Random(7)

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "gates.toml"), "w") as f:
    f.write('[project]\nname = "mono"\n\n[workspace]\nmembers = ["services/*"]\n')

MEMBER_CFG = """[project]
name = "{name}"

[gates.security]

[gates.docs]
thresholds = ["coverage >= 0"]

[gates.xml]
"""

def py(i):
    parts = ['"""Module %d."""\n\nimport os\n\n' % i]
    for j in range(rng.randint(2, 8)):
        doc = '    """Do thing %d."""\n' % j if rng.random() < 0.8 else ""
        parts.append("def func_%d(x):\n%s    # eval( in a comment is not code\n    return x + %d\n\n" % (j, doc, j))
    if rng.random() < 0.02:
        parts.append("def run(cmd):\n    return os.system(cmd)\n")
    return "".join(parts)

for m in range(members):
    name = "svc%02d" % m
    root = os.path.join(out, "services", name)
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "gates.toml"), "w") as f:
        f.write(MEMBER_CFG.format(name=name))
    for kind in ("README.md", "LICENSE"):
        with open(os.path.join(root, kind), "w") as f:
            f.write("# %s\n" % name)
    for i in range(per - 3):
        sub = os.path.join(root, "pkg%02d" % (i // 200))
        os.makedirs(sub, exist_ok=True)
        r = i % 10
        if r < 7:
            with open(os.path.join(sub, "mod%05d.py" % i), "w") as f:
                f.write(py(i))
        elif r < 9:
            with open(os.path.join(sub, "doc%05d.md" % i), "w") as f:
                f.write("# Doc %d\n\nSee [the module](mod%05d.py).\n" % (i, i - 1))
        else:
            with open(os.path.join(sub, "data%05d.xml" % i), "w") as f:
                f.write('<?xml version="1.0"?>\n<data id="%d"><item>a &amp; b</item></data>\n' % i)
print("wrote %d members, about %d files, to %s" % (members, per * members, out))
