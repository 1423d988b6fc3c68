#!/usr/bin/env python3
"""Writes a big ESLint `-f json` report, shaped like the real one in
fixtures/diagnostics/eslint/eslint.json (per-file results with messages, suggestions, fixes,
errorCount/warningCount), for the diagnostics gate benchmark.

    python3 bench/gen_eslint.py SIZE_MB OUT.json   # prints the totals as JSON on stdout
"""
import json
import random
import sys

RULES = [
    ("no-unused-vars", 2, "'{v}' is assigned a value but never used.", True),
    ("prefer-const", 1, "'{v}' is never reassigned. Use 'const' instead.", False),
    ("eqeqeq", 2, "Expected '===' and instead saw '=='.", True),
    ("no-console", 1, "Unexpected console statement.", True),
    ("no-undef", 2, "'{v}' is not defined.", False),
    ("no-debugger", 2, "Unexpected 'debugger' statement.", False),
]

def message(rng, line):
    rule, sev, text, sugg = rng.choice(RULES)
    v = "var%d" % rng.randrange(10000)
    col = rng.randrange(1, 80)
    m = {"ruleId": rule, "severity": sev, "message": text.format(v=v), "line": line,
         "column": col, "nodeType": "Identifier", "messageId": "unexpected",
         "endLine": line, "endColumn": col + len(v)}
    if sugg:
        m["suggestions"] = [{"messageId": "remove", "data": {"varName": v},
                             "fix": {"range": [line * 40, line * 40 + 15], "text": ""},
                             "desc": "Remove unused variable '%s'." % v}]
    else:
        m["fix"] = {"range": [line * 40, line * 40 + 10], "text": "const %s = 2;" % v}
    return m

def main():
    size = int(sys.argv[1]) * 1024 * 1024
    out = sys.argv[2]
    rng = random.Random(17)
    errors = warnings = files = 0
    written = 0
    with open(out, "w") as f:
        f.write("[")
        first = True
        while written < size:
            msgs = [message(rng, l) for l in sorted(rng.sample(range(1, 2000), rng.randrange(0, 40)))]
            e = sum(1 for m in msgs if m["severity"] == 2)
            w = len(msgs) - e
            r = {"filePath": "/home/runner/work/app/src/module%d/file%d.js" % (files % 97, files),
                 "messages": msgs, "suppressedMessages": [], "errorCount": e, "fatalErrorCount": 0,
                 "warningCount": w, "fixableErrorCount": 0, "fixableWarningCount": w,
                 "source": "const x = 1;\n" * rng.randrange(0, 20),
                 "usedDeprecatedRules": []}
            s = ("" if first else ",") + json.dumps(r, separators=(",", ":"))
            first = False
            f.write(s)
            written += len(s)
            errors += e
            warnings += w
            files += 1
        f.write("]\n")
    print(json.dumps({"files": files, "errors": errors, "warnings": warnings, "bytes": written}))

main()
