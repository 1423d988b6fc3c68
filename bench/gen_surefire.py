#!/usr/bin/env python3
"""Generates Maven Surefire reports for the `junit` benchmark.

    python3 bench/gen_surefire.py [FILES] [OUT_DIR] [--passing]

writes FILES (default 10000) `TEST-*.xml` files shaped like Surefire 3 output (a <properties>
block, 1-20 test cases per class, ~3% failures with stack traces, ~1% errors, ~4% skipped, a
flaky test now and then) as a multi-module build: OUT_DIR/module-K/target/surefire-reports/,
1,000 files per module. With --passing every test case passes (same files otherwise), which
shows what memory costs without findings. Deterministic (fixed seed). Prints the expected
totals as JSON.
"""

import json
import os
import random
import sys
from xml.sax.saxutils import escape, quoteattr

PROPS = [
    ("java.specification.version", "21"),
    ("sun.jnu.encoding", "UTF-8"),
    ("java.class.path", "/home/ci/project/target/test-classes:/home/ci/project/target/classes:"
     + ":".join(f"/home/ci/.m2/repository/org/lib{i}/lib{i}/1.{i}.0/lib{i}-1.{i}.0.jar" for i in range(12))),
    ("java.vm.vendor", "Eclipse Adoptium"),
    ("sun.arch.data.model", "64"),
    ("java.vendor.url", "https://adoptium.net/"),
    ("os.name", "Linux"),
    ("java.vm.specification.version", "21"),
    ("user.country", "US"),
    ("sun.boot.library.path", "/opt/java/openjdk/lib"),
    ("sun.java.command", "/home/ci/project/target/surefire/surefirebooter-20260101.jar"),
    ("jdk.debug", "release"),
    ("surefire.test.class.path", "/home/ci/project/target/test-classes:/home/ci/project/target/classes"),
    ("sun.cpu.endian", "little"),
    ("user.home", "/home/ci"),
    ("user.language", "en"),
    ("java.specification.vendor", "Oracle Corporation"),
    ("java.version.date", "2024-01-16"),
    ("java.home", "/opt/java/openjdk"),
    ("file.separator", "/"),
    ("basedir", "/home/ci/project"),
    ("java.vm.compressedOopsMode", "Zero based"),
    ("line.separator", "&#10;"),
    ("java.vm.specification.vendor", "Oracle Corporation"),
    ("java.specification.name", "Java Platform API Specification"),
    ("surefire.real.class.path", "/home/ci/project/target/surefire/surefirebooter-20260101.jar"),
    ("java.runtime.version", "21.0.2+13-LTS"),
    ("user.name", "ci"),
    ("path.separator", ":"),
    ("os.version", "6.1.0-18-amd64"),
    ("java.runtime.name", "OpenJDK Runtime Environment"),
    ("file.encoding", "UTF-8"),
    ("java.vm.name", "OpenJDK 64-Bit Server VM"),
    ("localRepository", "/home/ci/.m2/repository"),
    ("java.io.tmpdir", "/tmp"),
    ("java.version", "21.0.2"),
    ("user.dir", "/home/ci/project"),
    ("os.arch", "amd64"),
    ("java.vm.specification.name", "Java Virtual Machine Specification"),
    ("native.encoding", "UTF-8"),
    ("java.library.path", "/usr/java/packages/lib:/usr/lib64:/lib64:/lib:/usr/lib"),
    ("java.vm.info", "mixed mode, sharing"),
    ("java.vendor", "Eclipse Adoptium"),
    ("java.vm.version", "21.0.2+13-LTS"),
    ("sun.io.unicode.encoding", "UnicodeLittle"),
    ("java.class.version", "65.0"),
]

PROPS_XML = "  <properties>\n" + "".join(
    f"    <property name={quoteattr(k)} value={quoteattr(v) if '&#' not in v else chr(34) + v + chr(34)}/>\n"
    for k, v in PROPS) + "  </properties>\n"


def trace(cls, method, line, exc, msg):
    frames = [f"\tat {cls}.{method}({cls.rsplit('.', 1)[1]}.java:{line})"] + [
        f"\tat org.junit.platform.engine.support.hierarchical.NodeTestTask.lambda$executeRecursively$8(NodeTestTask.java:{140 + i})"
        for i in range(25)
    ]
    return escape(f"{exc}: {msg}\n" + "\n".join(frames) + "\n")


def main():
    passing = "--passing" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--passing"]
    files = int(args[0]) if len(args) > 0 else 10000
    out = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), "out", "surefire")
    os.makedirs(out, exist_ok=True)
    # As in a real Maven build, `target/` is ignored by git, so the shared repo walk skips it
    # (report globs do not honour .gitignore).
    with open(os.path.join(out, ".gitignore"), "w", encoding="utf-8") as f:
        f.write("target/\n")
    rng = random.Random(20260101)
    totals = dict(files=files, tests=0, passed=0, failed=0, errors=0, skipped=0, flaky=0)
    for i in range(files):
        module = os.path.join(out, f"module-{i // 1000}", "target", "surefire-reports")
        os.makedirs(module, exist_ok=True)
        cls = f"com.example.pkg{i % 37}.Service{i:05d}Test"
        n = rng.randint(1, 20)
        cases = []
        counts = dict(failures=0, errors=0, skipped=0)
        for j in range(n):
            method = f"test{j}_behavesCorrectly"
            r = rng.random()
            if passing:
                r = 1.0
            head = f'  <testcase name="{method}" classname="{cls}" time="{rng.random() / 10:.3f}"'
            if r < 0.03:
                counts["failures"] += 1
                totals["failed"] += 1
                msg = f"expected: &lt;{j}&gt; but was: &lt;{j + 1}&gt;"
                cases.append(
                    f'{head}>\n    <failure message="{msg}" type="org.opentest4j.AssertionFailedError"><![CDATA['
                    + f"org.opentest4j.AssertionFailedError: expected: <{j}> but was: <{j + 1}>\n"
                    + "\n".join(f"\tat {cls}.{method}(X.java:{k})" for k in range(30))
                    + "\n]]></failure>\n"
                    + f"    <system-out><![CDATA[{'log line ' * 20}\n]]></system-out>\n  </testcase>\n")
            elif r < 0.04:
                counts["errors"] += 1
                totals["errors"] += 1
                cases.append(
                    f'{head}>\n    <error message="Connection refused" type="java.net.ConnectException">'
                    + trace(cls, method, 40 + j, "java.net.ConnectException", "Connection refused")
                    + "</error>\n  </testcase>\n")
            elif r < 0.08:
                counts["skipped"] += 1
                totals["skipped"] += 1
                cases.append(f'{head}>\n    <skipped message="disabled on CI"/>\n  </testcase>\n')
            elif r < 0.085:
                totals["passed"] += 1
                totals["flaky"] += 1
                cases.append(
                    f'{head}>\n    <flakyFailure message="timeout" type="java.util.concurrent.TimeoutException">'
                    + f"<stackTrace>{trace(cls, method, 50, 'java.util.concurrent.TimeoutException', 'timeout')}</stackTrace>"
                    + "</flakyFailure>\n  </testcase>\n")
            else:
                totals["passed"] += 1
                cases.append(f"{head}/>\n")
        totals["tests"] += n
        with open(os.path.join(module, f"TEST-{cls}.xml"), "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
            f.write(
                '<testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:noNamespaceSchemaLocation="https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd" '
                f'version="3.0" name="{cls}" time="{rng.random() * 3:.3f}" tests="{n}" errors="{counts["errors"]}" '
                f'skipped="{counts["skipped"]}" failures="{counts["failures"]}">\n')
            f.write(PROPS_XML)
            f.writelines(cases)
            f.write("</testsuite>\n")
    print(json.dumps(totals))


if __name__ == "__main__":
    main()
