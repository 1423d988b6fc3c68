#!/usr/bin/env python3
"""Assembles BENCHMARKS.md: the summary (bench/results/SUMMARY.md) and every result file, each
under its own heading, in the order below. Run after re-running any benchmark script."""
import pathlib

ORDER = ["core", "cli", "junit", "coverage", "security", "security_tree", "semgrep_accuracy", "owasp_accuracy", "juliet_csharp", "juliet_c", "xml", "xml_dtd", "docs", "perf", "workspace", "changes", "diagnostics", "wheel", "musl", "reliability"]
root = pathlib.Path(__file__).resolve().parent
out = [(root / "results" / "SUMMARY.md").read_text().rstrip() + "\n"]
for name in ORDER:
    p = root / "results" / f"{name}.md"
    if not p.exists():
        continue
    text = p.read_text().rstrip() + "\n"
    lines = []
    fence = False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
        lines.append("#" + line if line.startswith("#") and not fence else line)
    out.append("\n".join(lines) + f"\n\n<sub>Source: `bench/results/{name}.md`.</sub>\n")
(root.parent / "BENCHMARKS.md").write_text("\n".join(out))
print("wrote BENCHMARKS.md")
