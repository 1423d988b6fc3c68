#!/usr/bin/env python3
"""Regenerates src/gates/security/gitleaks-samples.json: the literal `tps` / `fps` samples of
gitleaks' rule generators, per rule (gitleaks' MIT-licensed test data). The vendored samples
give the ported rules their "Bad" example in `gatekeep explain` and are the per-rule fixtures
of tests/security.rs (`gitleaks_samples_per_rule`).

Input: $SCRATCH/data/gitleaks-rules/cmd/generate/config/rules/*.go (see security_accuracy.py),
from the gitleaks commit named in UPSTREAM below (keep it equal to gitleaks.toml's).
"""
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import security_accuracy as acc  # noqa: E402

UPSTREAM = "gitleaks/gitleaks@b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b"


def main():
    rules = collections.OrderedDict()
    for _fam, rule, is_tp, sample in acc.gitleaks_samples():
        if rule is None:
            continue
        d = rules.setdefault(rule, {"tps": [], "fps": []})
        d["tps" if is_tp else "fps"].append(sample)
    doc = {
        "_source": f"Literal `tps`/`fps` samples of gitleaks' rule generators (cmd/generate/config/rules/*.go) at {UPSTREAM}, MIT licence, Copyright (c) 2019 Zachary Rice (full notice in gitleaks.toml). Extracted by bench/gitleaks_samples.py; samples built by Go code at test time are not included.",
        "rules": rules,
    }
    out = os.path.join(acc.REPO, "src/gates/security/gitleaks-samples.json")
    with open(out, "w") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
    print(f"wrote {out}: {len(rules)} rules")


if __name__ == "__main__":
    main()
