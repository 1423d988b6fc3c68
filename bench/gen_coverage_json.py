#!/usr/bin/env python3
"""Generates large synthetic JSON coverage reports for the coverage gate into bench/out/json/.

- py-<tag>/coverage.json: coverage.py JSON (`coverage json`, format 3 with `functions` copies).
- istanbul-<tag>/coverage-final.json: Istanbul coverage-final.json (statementMap/s/branchMap/b).
- llvm-<tag>/llvm-cov.json: llvm-cov export JSON 2.0.1 (segments, branches, summary, functions).

Each directory also gets a one-gate gates.toml, so `gatekeep check -q <dir>` reads the report.
Every file has 400 source lines, 2/3 of them coverable, a branch pair every 10th line; the
headline (coverage.py `totals`, llvm-cov `summary`) agrees with the records.

Deterministic (fixed seed). Usage: bench/gen_coverage_json.py [--scale 1.0] [--tag full]
Scale 1.0 is about 150 MB per report.
"""
import json
import os
import random
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", "json")
SCALE = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1.0
TAG = sys.argv[sys.argv.index("--tag") + 1] if "--tag" in sys.argv else "full"
MB = 1024 * 1024
LINES = 400


def name(f, ext):
    return f"/home/runner/work/app/app/src/pkg{f // 100:03d}/module_{f:05d}.{ext}"


def lines(rnd):
    """(line, hits, branch hits or None) for each coverable line of one file."""
    for line in range(1, LINES + 1):
        if line % 3 == 0:
            continue
        hits = 0 if rnd.random() < 0.2 else rnd.randint(1, 500)
        br = None
        if line % 10 == 1:
            br = [0 if hits == 0 else rnd.choice([0, rnd.randint(1, 99)]) for _ in range(2)]
        yield line, hits, br


def write(dirname, report, target, file_json, head, tail):
    d = os.path.join(OUT, f"{dirname}-{TAG}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "gates.toml"), "w") as g:
        g.write(f'[gates.coverage]\nreports = ["{report}"]\n')
    n, f = 0, 0
    with open(os.path.join(d, report), "w") as out:
        out.write(head)
        while n < target:
            s = ("," if f else "") + file_json(f)
            out.write(s)
            n += len(s)
            f += 1
        out.write(tail())
    print(f"{d}/{report}: {n / MB:.0f} MB, {f} files", file=sys.stderr)


def coveragepy(target):
    rnd = random.Random(1)
    tot = {"covered_lines": 0, "num_statements": 0, "num_branches": 0, "covered_branches": 0}

    def file_json(f):
        ex, mi, exb, mib = [], [], [], []
        for line, hits, br in lines(rnd):
            (ex if hits else mi).append(line)
            if br:
                for i, h in enumerate(br):
                    (exb if h else mib).append([line, line + 1 + i])
        summ = {
            "covered_lines": len(ex), "num_statements": len(ex) + len(mi),
            "percent_covered": 0.0, "missing_lines": len(mi), "excluded_lines": 0,
            "num_branches": len(exb) + len(mib), "num_partial_branches": 0,
            "covered_branches": len(exb), "missing_branches": len(mib),
        }
        for k in tot:
            tot[k] += summ[k]
        body = {
            "executed_lines": ex, "summary": summ, "missing_lines": mi, "excluded_lines": [],
            "executed_branches": exb, "missing_branches": mib,
            "functions": {f"fn_{f}": {"executed_lines": ex, "summary": summ,
                                      "missing_lines": mi, "excluded_lines": [],
                                      "executed_branches": exb, "missing_branches": mib}},
            "classes": {},
        }
        return json.dumps(name(f, "py")) + ":" + json.dumps(body, separators=(",", ":"))

    head = ('{"meta":{"format":3,"version":"7.6.1","timestamp":"2026-01-01T00:00:00",'
            '"branch_coverage":true,"show_contexts":false},"files":{')
    write("py", "coverage.json", target, file_json, head,
          lambda: '},"totals":' + json.dumps(tot) + "}")


def istanbul(target):
    rnd = random.Random(2)

    def loc(line, c0, c1):
        return {"start": {"line": line, "column": c0}, "end": {"line": line, "column": c1}}

    def file_json(f):
        path = name(f, "js")
        sm, s, bm, b = {}, {}, {}, {}
        for line, hits, br in lines(rnd):
            k = str(len(sm))
            sm[k] = loc(line, 2, 40)
            s[k] = hits
            if br:
                k = str(len(bm))
                bm[k] = {"loc": loc(line, 2, 40), "type": "if",
                         "locations": [loc(line, 2, 40), loc(line, 2, 40)], "line": line}
                b[k] = br
        body = {"path": path, "statementMap": sm, "fnMap": {"0": {
            "name": f"fn_{f}", "decl": loc(1, 9, 14), "loc": loc(1, 0, 60), "line": 1}},
            "branchMap": bm, "s": s, "f": {"0": 1}, "b": b}
        return json.dumps(path) + ":" + json.dumps(body, separators=(",", ":"))

    write("istanbul", "coverage-final.json", target, file_json, "{", lambda: "}")


def llvm(target):
    rnd = random.Random(3)
    tot = {"lines": [0, 0], "branches": [0, 0]}
    funcs = []

    def file_json(f):
        path = name(f, "rs")
        segs, brs = [], []
        lc = lh = bc = bh = 0
        for line, hits, br in lines(rnd):
            # A region entry at the line's start and its end: llvm-cov maps exactly these lines.
            segs.append([line, 5, hits, True, True, False])
            segs.append([line, 60, 0, False, False, False])
            lc += 1
            lh += hits > 0
            if br:
                brs.append([line, 8, line, 20, br[0], br[1], 0, 0, 4])
                bc += 2
                bh += (br[0] > 0) + (br[1] > 0)
        tot["lines"][0] += lc
        tot["lines"][1] += lh
        tot["branches"][0] += bc
        tot["branches"][1] += bh
        # Function records (ignored by the gate) hold the regions again, as llvm-cov's do.
        funcs.append(None)
        summ = {
            "lines": {"count": lc, "covered": lh, "percent": 0},
            "branches": {"count": bc, "covered": bh, "notcovered": bc - bh, "percent": 0},
            "functions": {"count": 1, "covered": 1, "percent": 100},
            "regions": {"count": lc, "covered": lh, "notcovered": lc - lh, "percent": 0},
        }
        body = {"filename": path, "segments": segs, "branches": brs, "expansions": [],
                "summary": summ}
        return json.dumps(body, separators=(",", ":"))

    def tail():
        # The export's `functions` array: one record per file, skipped by the gate.
        fn = ",".join(
            json.dumps({"name": f"fn_{i}", "count": 1, "regions": [[1, 1, 400, 2, 1, 0, 0, 0]],
                        "branches": [], "filenames": [name(i, "rs")]}, separators=(",", ":"))
            for i in range(len(funcs)))
        totals = {"lines": {"count": tot["lines"][0], "covered": tot["lines"][1]},
                  "branches": {"count": tot["branches"][0], "covered": tot["branches"][1]}}
        return ('],"functions":[' + fn + '],"totals":' + json.dumps(totals)
                + '}],"type":"llvm.coverage.json.export","version":"2.0.1"}')

    write("llvm", "llvm-cov.json", target, file_json, '{"data":[{"files":[', tail)


def main():
    target = int(150 * MB * SCALE)
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else "py,istanbul,llvm"
    for fmt in only.split(","):
        {"py": coveragepy, "istanbul": istanbul, "llvm": llvm}[fmt](target)


if __name__ == "__main__":
    main()
