#!/usr/bin/env python3
"""Generates large perf inputs into bench/out/: a hyperfine export with many `times` and a
`go test -bench -count N` text output with many result lines. Deterministic (seeded)."""
import json, os, random, sys

out = sys.argv[1] if len(sys.argv) > 1 else "bench/out"
os.makedirs(out, exist_ok=True)
rng = random.Random(42)

n_times = int(os.environ.get("HF_TIMES", "2000000"))
times = [0.010 + rng.random() * 0.002 for _ in range(n_times)]
mean = sum(times) / len(times)
with open(f"{out}/big-hyperfine.json", "w") as f:
    json.dump({"results": [{"command": "big", "mean": mean, "stddev": None, "median": mean,
                            "user": 0.0, "system": 0.0, "min": min(times), "max": max(times),
                            "times": times, "exit_codes": [0] * len(times)}]}, f)

n_lines = int(os.environ.get("GO_LINES", "1000000"))
with open(f"{out}/big-gobench.txt", "w") as f:
    f.write("goos: linux\ngoarch: amd64\npkg: example.com/big\n")
    for i in range(n_lines):
        b = i % 20
        f.write(f"BenchmarkCase{b}/size={b * 10}-2   \t{rng.randint(1000, 9999)}\t"
                f"{rng.random() * 1000 + 100:.1f} ns/op\t{b * 8} B/op\t{b % 3} allocs/op\n")
    f.write("PASS\nok  \texample.com/big\t99.9s\n")
