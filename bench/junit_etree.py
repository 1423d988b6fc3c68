#!/usr/bin/env python3
"""Reference for the `junit` benchmark: sums JUnit XML reports with Python's xml.etree.

    python3 bench/junit_etree.py GLOB [GLOB ...]

Counts test cases the way gatekeep does (error > failure > skipped > passed, per <testcase>)
and prints the totals as JSON, so the figures can be compared with gatekeep's.
"""

import glob
import json
import sys
import xml.etree.ElementTree as ET


def main():
    files = sorted({f for g in sys.argv[1:] for f in glob.glob(g, recursive=True)})
    t = dict(files=len(files), tests=0, passed=0, failed=0, errors=0, skipped=0)
    for f in files:
        # gatekeep:ignore[py-xml-unsafe-parser] the reference parser of the benchmark, on generated files
        for case in ET.parse(f).getroot().iter("testcase"):
            tags = {child.tag for child in case}
            t["tests"] += 1
            if "error" in tags:
                t["errors"] += 1
            elif "failure" in tags:
                t["failed"] += 1
            elif "skipped" in tags:
                t["skipped"] += 1
            else:
                t["passed"] += 1
    print(json.dumps(t))


if __name__ == "__main__":
    main()
