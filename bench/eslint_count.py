#!/usr/bin/env python3
"""Peer for the diagnostics benchmark: Python's json.load over an ESLint JSON report, counting
errors and warnings as the gate does (severity 2 / 1)."""
import json
import sys

data = json.load(open(sys.argv[1]))
e = w = 0
for f in data:
    for m in f["messages"]:
        if m.get("severity", 0) >= 2:
            e += 1
        else:
            w += 1
print(json.dumps({"errors": e, "warnings": w}))
