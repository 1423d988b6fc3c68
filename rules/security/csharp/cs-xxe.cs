using System.IO;
using System.Xml;

public class Importer
{
    public string Import(string xml)
    {
        var doc = new XmlDocument();
        doc.XmlResolver = new XmlUrlResolver();
        // ruleid: cs-xxe
        doc.LoadXml(xml);
        return doc.InnerText;
    }

    public void Parse(Stream body)
    {
        var settings = new XmlReaderSettings();
        settings.DtdProcessing = DtdProcessing.Parse;
        // ruleid: cs-xxe
        using var reader = XmlReader.Create(body, settings);
        while (reader.Read()) { }
    }

    public void Old(string text)
    {
        var reader = new XmlTextReader(new StringReader(text));
        // ruleid: cs-xxe
        while (reader.Read()) { }
    }

    public void Safe(string xml, Stream body, string text)
    {
        var doc = new XmlDocument();
        doc.XmlResolver = null;
        // ok: cs-xxe
        doc.LoadXml(xml);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit };
        // ok: cs-xxe
        using var r = XmlReader.Create(body, settings);
        var old = new XmlTextReader(new StringReader(text));
        old.DtdProcessing = DtdProcessing.Prohibit;
        // ok: cs-xxe
        while (old.Read()) { }
    }

    public void Config()
    {
        var doc = new XmlDocument();
        doc.XmlResolver = new XmlUrlResolver();
        // ok: cs-xxe
        doc.Load("app.config.xml");
    }
}
