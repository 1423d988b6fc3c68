#!/usr/bin/env python3
"""Generates large synthetic coverage reports for bench/coverage.sh into bench/out/.

- lcov-200mb.info: one LCOV tracefile of about 200 MB (DA, BRDA, FN records).
- cobertura-200mb.xml: one Cobertura report of about 200 MB, same files and lines.
- shards/shard-{0..7}.info: eight LCOV tracefiles of about 25 MB each; every shard lists the
  same files (as CI test shards of one code base do) with different hits, so merging is real work.

Deterministic (fixed seed). Usage: bench/gen_coverage.py [--scale 1.0]
"""
import os
import random
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
SCALE = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1.0
MB = 1024 * 1024


def files(n_files, lines_per_file):
    for f in range(n_files):
        yield f"/home/runner/work/app/app/src/pkg{f // 100:03d}/module_{f:05d}.c", lines_per_file


def lcov(path, target, seed, shard_of=None):
    rnd = random.Random(seed)
    n = 0
    f = 0
    with open(path, "w") as out:
        while n < target:
            name = f"/home/runner/work/app/app/src/pkg{f // 100:03d}/module_{f:05d}.c"
            f += 1
            buf = [f"TN:\nSF:{name}\nFN:1,fn_{f}\nFNDA:1,fn_{f}\nFNF:1\nFNH:1\n"]
            da, lh, brf, brh = 0, 0, 0, 0
            for line in range(1, 401):
                if line % 3 == 0:
                    continue
                hits = 0 if rnd.random() < 0.2 else rnd.randint(1, 500)
                buf.append(f"DA:{line},{hits}\n")
                da += 1
                lh += hits > 0
                if line % 10 == 1:
                    for br in range(2):
                        t = rnd.choice(["-", "0", str(rnd.randint(1, 99))])
                        buf.append(f"BRDA:{line},0,{br},{t}\n")
                        brf += 1
                        brh += t not in ("-", "0")
            buf.append(f"BRF:{brf}\nBRH:{brh}\nLF:{da}\nLH:{lh}\nend_of_record\n")
            s = "".join(buf)
            out.write(s)
            n += len(s)
            if shard_of is not None and f >= shard_of:
                break
    return f


def cobertura(path, target, seed):
    rnd = random.Random(seed)
    n = 0
    f = 0
    with open(path, "w") as out:
        out.write('<?xml version="1.0" ?>\n<coverage version="7.6" timestamp="1" lines-valid="0" lines-covered="0" line-rate="0.5" branch-rate="0.5" complexity="0">\n')
        out.write("\t<sources>\n\t\t<source>/home/runner/work/app/app</source>\n\t</sources>\n\t<packages>\n")
        while n < target:
            if f % 100 == 0:
                if f:
                    out.write("\t\t\t</classes>\n\t\t</package>\n")
                out.write(f'\t\t<package name="pkg{f // 100:03d}" line-rate="0.5" branch-rate="0.5" complexity="0">\n\t\t\t<classes>\n')
            name = f"src/pkg{f // 100:03d}/module_{f:05d}.c"
            f += 1
            buf = [f'\t\t\t\t<class name="module_{f:05d}.c" filename="{name}" complexity="0" line-rate="0.5" branch-rate="0.5">\n\t\t\t\t\t<methods/>\n\t\t\t\t\t<lines>\n']
            for line in range(1, 401):
                if line % 3 == 0:
                    continue
                hits = 0 if rnd.random() < 0.2 else rnd.randint(1, 500)
                if line % 10 == 1:
                    c = rnd.randint(0, 2)
                    buf.append(f'\t\t\t\t\t\t<line number="{line}" hits="{hits}" branch="true" condition-coverage="{c * 50}% ({c}/2)" missing-branches="{line + 1}"/>\n')
                else:
                    buf.append(f'\t\t\t\t\t\t<line number="{line}" hits="{hits}"/>\n')
            buf.append("\t\t\t\t\t</lines>\n\t\t\t\t</class>\n")
            s = "".join(buf)
            out.write(s)
            n += len(s)
        out.write("\t\t\t</classes>\n\t\t</package>\n\t</packages>\n</coverage>\n")
    return f


def main():
    os.makedirs(os.path.join(OUT, "shards"), exist_ok=True)
    target = int(200 * MB * SCALE)
    nf = lcov(os.path.join(OUT, "lcov-200mb.info"), target, 1)
    print(f"lcov-200mb.info: {nf} files")
    nc = cobertura(os.path.join(OUT, "cobertura-200mb.xml"), target, 2)
    print(f"cobertura-200mb.xml: {nc} files")
    for i in range(8):
        lcov(os.path.join(OUT, "shards", f"shard-{i}.info"), target // 8 + 1, 100 + i, shard_of=nf)
    for p in ["lcov-200mb.info", "cobertura-200mb.xml"] + [f"shards/shard-{i}.info" for i in range(8)]:
        print(f"{p}: {os.path.getsize(os.path.join(OUT, p)) / MB:.1f} MB")


if __name__ == "__main__":
    main()
