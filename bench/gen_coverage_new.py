#!/usr/bin/env python3
"""Generates large synthetic reports of the formats added for issue 19 into bench/out/new/:

- simplecov/.resultset.json: SimpleCov 0.22 result set, two command names, lines and branches.
- gcovr-json/coverage.json: gcovr 8.x `--json` (format 0.15).
- coveralls/coveralls.json: a Coveralls job (coveralls-python / gcovr shape, with branches).
- sonar/sonar.xml: SonarQube generic test coverage XML (gcovr `--sonarqube` shape).

Each directory gets a one-gate gates.toml, so `gatekeep check -q <dir>` reads the report. Every
file has 400 source lines, 2/3 of them coverable, a branch pair every 10th line. Deterministic
(fixed seed). Usage: bench/gen_coverage_new.py [--mb 200]  (the size of each report, about)
"""
import json
import os
import random
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", "new")
TARGET = int(sys.argv[sys.argv.index("--mb") + 1]) if "--mb" in sys.argv else 200
MB = 1024 * 1024
LINES = 400


def name(f, ext):
    return f"/home/runner/work/app/app/src/pkg{f // 100:03d}/module_{f:05d}.{ext}"


def cov(rnd):
    """(line, hits or None, branch hits or None) for each source line of one file."""
    for line in range(1, LINES + 1):
        if line % 3 == 0:
            yield line, None, None
            continue
        hits = 0 if rnd.random() < 0.2 else rnd.randint(1, 500)
        br = None
        if line % 10 == 1:
            br = [0 if hits == 0 else rnd.choice([0, rnd.randint(1, 99)]) for _ in range(2)]
        yield line, hits, br


def gate(d, report):
    with open(os.path.join(d, "gates.toml"), "w") as g:
        g.write(f'[gates.coverage]\nreports = ["{report}"]\nthresholds = ["line >= 1"]\n')


def simplecov(d):
    rnd = random.Random(1)
    with open(os.path.join(d, ".resultset.json"), "w") as o:
        o.write("{")
        for c, cmd in enumerate(["unit", "integration"]):
            o.write(("," if c else "") + json.dumps(cmd) + ': {"coverage": {')
            f = 0
            while o.tell() < TARGET * MB * (c + 1) // 2:
                lines, branches = [], {}
                for line, hits, br in cov(rnd):
                    lines.append(hits)
                    if br:
                        branches[f"[:if, {line}, {line}, 4, {line}, 20]"] = {
                            f"[:then, {line * 2}, {line}, 6, {line}, 10]": br[0],
                            f"[:else, {line * 2 + 1}, {line}, 12, {line}, 20]": br[1],
                        }
                o.write(("," if f else "") + json.dumps(name(f, "rb")) + ": ")
                o.write(json.dumps({"lines": lines, "branches": branches}))
                f += 1
            o.write('}, "timestamp": 1764900000}')
        o.write("}\n")
    gate(d, ".resultset.json")


def gcovr(d):
    rnd = random.Random(2)
    with open(os.path.join(d, "coverage.json"), "w") as o:
        o.write('{"gcovr/format_version": "0.15", "files": [')
        f = 0
        while o.tell() < TARGET * MB:
            ls = []
            for line, hits, br in cov(rnd):
                if hits is None:
                    continue
                e = {"line_number": line, "function_name": "f", "count": hits, "branches": []}
                for i, b in enumerate(br or []):
                    e["branches"].append({"branchno": i, "count": b, "fallthrough": i == 0,
                                          "throw": False, "source_block_id": 0})
                e["gcovr/md5"] = "97114a278d25f3b5174d2a06d7faa021"
                ls.append(e)
            o.write(("," if f else "") + json.dumps({"file": name(f, "c"), "lines": ls,
                                                     "functions": []}))
            f += 1
        o.write("]}\n")
    gate(d, "coverage.json")


def coveralls(d):
    rnd = random.Random(3)
    with open(os.path.join(d, "coveralls.json"), "w") as o:
        o.write('{"service_name": "bench", "source_files": [')
        f = 0
        while o.tell() < TARGET * MB:
            c, b = [], []
            for line, hits, br in cov(rnd):
                c.append(hits)
                for i, h in enumerate(br or []):
                    b += [line, 0, i, h]
            o.write(("," if f else "") + json.dumps({
                "name": name(f, "py"), "source_digest": "0" * 32, "coverage": c, "branches": b}))
            f += 1
        o.write('], "git": {"branch": "main"}}\n')
    gate(d, "coveralls.json")


def sonar(d):
    rnd = random.Random(4)
    with open(os.path.join(d, "sonar.xml"), "w") as o:
        o.write('<?xml version="1.0" encoding="UTF-8"?>\n<coverage version="1">\n')
        f = 0
        while o.tell() < TARGET * MB:
            o.write(f'  <file path="{name(f, "java")}">\n')
            for line, hits, br in cov(rnd):
                if hits is None:
                    continue
                cv = "true" if hits else "false"
                if br:
                    o.write(f'    <lineToCover lineNumber="{line}" covered="{cv}" branchesToCover="2"'
                            f' coveredBranches="{sum(1 for x in br if x)}"/>\n')
                else:
                    o.write(f'    <lineToCover lineNumber="{line}" covered="{cv}"/>\n')
            o.write("  </file>\n")
            f += 1
        o.write("</coverage>\n")
    gate(d, "sonar.xml")


for fmt, gen in [("simplecov", simplecov), ("gcovr-json", gcovr), ("coveralls", coveralls),
                 ("sonar", sonar)]:
    d = os.path.join(OUT, fmt)
    os.makedirs(d, exist_ok=True)
    gen(d)
    print(fmt, sum(os.path.getsize(os.path.join(d, x)) for x in os.listdir(d)) // MB, "MB")
