from lxml import etree


def parsers():
    # ruleid: py-lxml-resolve-entities
    a = etree.XMLParser(resolve_entities=True)
    # ruleid: py-lxml-resolve-entities
    b = etree.XMLParser(load_dtd=True, no_network=True)
    # ruleid: py-lxml-resolve-entities
    c = lxml.etree.XMLParser(no_network=False)
    # ok: py-lxml-resolve-entities
    d = etree.XMLParser(resolve_entities=False, no_network=True)
    # ok: py-lxml-resolve-entities
    e = etree.XMLParser()
    return a, b, c, d, e
