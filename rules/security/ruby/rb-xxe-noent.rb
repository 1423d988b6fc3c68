require "nokogiri"

def parse_invoice(xml)
  # ruleid: rb-xxe-noent
  Nokogiri::XML(xml) { |config| config.strict.noent }
end

def parse_feed(xml)
  # ruleid: rb-xxe-noent
  Nokogiri::XML(xml, nil, "UTF-8", Nokogiri::XML::ParseOptions::NOENT)
  # ok: rb-xxe-noent
  Nokogiri::XML(xml) { |config| config.strict.nonet }
end

def libxml_setup
  # ruleid: rb-xxe-noent
  LibXML::XML.default_substitute_entities = true
  # ok: rb-xxe-noent
  LibXML::XML.default_substitute_entities = false
end
