import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.transform.TransformerFactory;

class Parsers {
    DocumentBuilder unsecured() throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("somethingElse", true);
        // ruleid: java-xxe-factory
        return dbf.newDocumentBuilder();
    }

    DocumentBuilder secured() throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        // ok: java-xxe-factory
        return dbf.newDocumentBuilder();
    }

    void explicit() throws Exception {
        SAXParserFactory spf = SAXParserFactory.newInstance();
        // ruleid: java-xxe-factory
        spf.setFeature("http://xml.org/sax/features/external-general-entities", true);
        spf.newSAXParser();
    }

    void commented() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        // f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        // ruleid: java-xxe-factory
        f.newDocumentBuilder();
    }

    void chained() throws Exception {
        // ruleid: java-xxe-factory
        DocumentBuilder b = DocumentBuilderFactory.newInstance().newDocumentBuilder();
    }

    void stax() {
        XMLInputFactory x = XMLInputFactory.newFactory();
        // ok: java-xxe-factory
        x.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    }

    void transformer(javax.xml.transform.Source src) throws Exception {
        TransformerFactory t = TransformerFactory.newInstance();
        t.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        t.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        // ok: java-xxe-factory
        t.newTransformer(src);
    }

    DocumentBuilderFactory handedOver() {
        // ok: java-xxe-factory
        return DocumentBuilderFactory.newInstance();
    }

    // ok: java-xxe-factory
    String s = "DocumentBuilderFactory.newInstance().newDocumentBuilder()";
}
