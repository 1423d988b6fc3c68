#!/usr/bin/env python3
"""Runs commands interleaved, one warm-up round then RUNS rounds, and prints a markdown row per
command with its median wall time (ms resolution, from a monotonic clock), median CPU time
(the child's rusage) and peak RSS (GNU time's), then the ratio of the first command's median
to each other's. On a shared machine the load changes within seconds: runs of two tools taken apart
are not comparable, rounds of both are.

  bench/paired.py RUNS 'label=command …' 'label=command …' …

Each command runs through `sh -c` with stdout and stderr discarded; a command that fails is
reported and ends the run (exit 1).
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run(cmd, rss_file):
    # Peak RSS from GNU time (the child's rusage would count the forked interpreter's pages).
    argv = ["/usr/bin/time", "-f", "%M", "-o", rss_file, "sh", "-c", cmd]
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed ({os.waitstatus_to_exitcode(status)}): {cmd}")
    with open(rss_file) as f:
        rss = int(f.read().split()[-1]) / 1024
    return wall, ru.ru_utime + ru.ru_stime, rss


def main():
    runs = int(sys.argv[1])
    tools = [a.split("=", 1) for a in sys.argv[2:]]
    got = {label: [] for label, _ in tools}
    with tempfile.TemporaryDirectory() as tmp:
        rss_file = os.path.join(tmp, "rss")
        for i in range(runs + 1):
            for label, cmd in tools:
                r = run(cmd, rss_file)
                if i > 0:
                    got[label].append(r)
    med = {}
    for label, _ in tools:
        r = got[label]
        med[label] = statistics.median(w for w, _, _ in r)
        walls = ", ".join(f"{w:.3f}" for w, _, _ in r)
        print(f"| {label} (median of {len(r)}, interleaved; runs {walls}) | {med[label]:.3f} | "
              f"{statistics.median(c for _, c, _ in r):.2f} | {max(m for _, _, m in r):.1f} |")
    first = tools[0][0]
    print()
    for label, _ in tools[1:]:
        ratios = sorted(a[0] / b[0] for a, b in zip(got[first], got[label]))
        print(f"{first} / {label}, medians: {med[first] / med[label]:.2f}x "
              f"(per round {ratios[0]:.2f}x to {ratios[-1]:.2f}x)")
    print()


if __name__ == "__main__":
    main()
