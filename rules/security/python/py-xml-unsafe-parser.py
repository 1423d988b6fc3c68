import xml.etree.cElementTree as badET
import xml.sax
from lxml import etree
from xml.dom.minidom import parseString as p

import defusedxml.ElementTree as goodET
from defusedxml.minidom import parseString as safe_parse


def read(upload, text):
    # ruleid: py-xml-unsafe-parser
    tree = badET.parse(upload)
    # ruleid: py-xml-unsafe-parser
    doc = p(text)
    # ruleid: py-xml-unsafe-parser
    root = etree.fromstring(text)
    # ruleid: py-xml-unsafe-parser
    parser = xml.sax.make_parser()
    # ruleid: py-xml-unsafe-parser
    full = xml.etree.ElementTree.fromstring(text)
    return tree, doc, root, parser, full


def safe(upload, text):
    # ok: py-xml-unsafe-parser
    tree = goodET.parse(upload)
    # ok: py-xml-unsafe-parser
    doc = safe_parse(text)
    # ok: py-xml-unsafe-parser
    cfg = json.parse(text)
    # ok: py-xml-unsafe-parser
    fixed = etree.fromstring("<config><debug>false</debug></config>")
    # ruleid: py-xml-unsafe-parser
    cfg = badET.parse("config.xml")
    return tree, doc, cfg, fixed
