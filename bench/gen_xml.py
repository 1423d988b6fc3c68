#!/usr/bin/env python3
"""Generates the xml benchmark inputs into bench/out/ (gitignored).

usage: gen_xml.py big SIZE_MB PATH   -- one large well-formed document (records with attributes,
                                         text, entities, CDATA, comments, namespaces, non-ASCII)
       gen_xml.py small N DIR        -- a repository of N small XML files (Maven-POM-like, config,
                                         SVG and JUnit shapes), about 1-3 KB each
"""
import os, random, sys

random.seed(42)

RECORD = (
    '  <p:record id="{i}" kind="{k}" xml:lang="en">\n'
    '    <p:name>Item {i} &amp; co — caf\u00e9 \u00fcber</p:name>\n'
    '    <p:price currency="EUR">{price}</p:price>\n'
    '    <p:tags><p:tag>a{t1}</p:tag><p:tag>b{t2}</p:tag></p:tags>\n'
    '    <!-- record {i} -->\n'
    '    <p:note><![CDATA[x < y && z > w]]> &lt;raw&gt; &#169;</p:note>\n'
    '  </p:record>\n'
)


def big(size_mb, path):
    target = size_mb * 1024 * 1024
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<p:catalog xmlns:p="urn:example:catalog">\n')
        n = 0
        i = 0
        chunk = []
        while n < target:
            s = RECORD.format(i=i, k=random.choice("abc"), price=random.randint(1, 99999) / 100,
                              t1=random.randint(0, 999), t2=random.randint(0, 999))
            chunk.append(s)
            n += len(s.encode())
            i += 1
            if len(chunk) >= 10000:
                f.write("".join(chunk))
                chunk = []
        f.write("".join(chunk))
        f.write("</p:catalog>\n")


POM = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example.m{i}</groupId>
  <artifactId>module-{i}</artifactId>
  <version>1.{i}.0</version>
  <dependencies>
{deps}  </dependencies>
</project>
"""
DEP = "    <dependency><groupId>org.dep{j}</groupId><artifactId>lib-{j}</artifactId><version>{j}.0</version></dependency>\n"
CONF = """<?xml version="1.0"?>
<configuration>
{entries}</configuration>
"""
ENTRY = '  <property name="key.{j}" value="value {j} &amp; more" enabled="true"/>\n'
SVG = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100" viewBox="0 0 100 100">
{shapes}</svg>
"""
SHAPE = '  <circle cx="{a}" cy="{b}" r="{c}" fill="#{a:02x}{b:02x}{c:02x}"/><path d="M{a} {b} L{c} {a} Z" stroke="black"/>\n'
JUNIT = """<?xml version="1.0" encoding="UTF-8"?>
<testsuites><testsuite name="suite{i}" tests="{n}">
{cases}</testsuite></testsuites>
"""
CASE = '  <testcase classname="pkg.Test{i}" name="test_{j}" time="0.0{j}"><system-out><![CDATA[ok <{j}>]]></system-out></testcase>\n'


def small(n, root):
    for i in range(n):
        d = os.path.join(root, f"pkg{i // 500:03d}", f"mod{i % 50:02d}")
        os.makedirs(d, exist_ok=True)
        kind = i % 4
        if kind == 0:
            text = POM.format(i=i, deps="".join(DEP.format(j=j) for j in range(random.randint(3, 15))))
            name = f"pom{i}.xml"
        elif kind == 1:
            text = CONF.format(entries="".join(ENTRY.format(j=j) for j in range(random.randint(5, 30))))
            name = f"config{i}.xml"
        elif kind == 2:
            text = SVG.format(shapes="".join(SHAPE.format(a=random.randint(0, 99), b=random.randint(0, 99), c=random.randint(1, 50)) for _ in range(random.randint(3, 20))))
            name = f"icon{i}.xml"
        else:
            m = random.randint(3, 20)
            text = JUNIT.format(i=i, n=m, cases="".join(CASE.format(i=i, j=j) for j in range(m)))
            name = f"junit{i}.xml"
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    if sys.argv[1] == "big":
        big(int(sys.argv[2]), sys.argv[3])
    else:
        small(int(sys.argv[2]), sys.argv[3])
