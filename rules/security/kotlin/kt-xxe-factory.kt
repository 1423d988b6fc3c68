import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.parsers.SAXParserFactory
import javax.xml.stream.XMLInputFactory

class Parsers {
    fun unsafe(input: java.io.InputStream) {
        val dbf = DocumentBuilderFactory.newInstance()
        dbf.setFeature("http://xml.org/sax/features/namespaces", true)
        // ruleid: kt-xxe-factory
        val builder = dbf.newDocumentBuilder()
        builder.parse(input)
    }

    fun chained(input: java.io.InputStream) {
        // ruleid: kt-xxe-factory
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(input)
    }

    fun explicit() {
        val spf = SAXParserFactory.newInstance()
        // ruleid: kt-xxe-factory
        spf.setFeature("http://xml.org/sax/features/external-general-entities", true)
        spf.newSAXParser()
    }

    fun safe(input: java.io.InputStream) {
        val dbf = DocumentBuilderFactory.newInstance()
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true)
        // ok: kt-xxe-factory
        dbf.newDocumentBuilder().parse(input)
        val xif = XMLInputFactory.newInstance()
        xif.setProperty(XMLInputFactory.SUPPORT_DTD, false)
        // ok: kt-xxe-factory
        xif.createXMLStreamReader(input)
        // ok: kt-xxe-factory
        val s = "DocumentBuilderFactory.newInstance().newDocumentBuilder()"
    }
}
