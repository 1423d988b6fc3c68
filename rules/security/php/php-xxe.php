<?php
$doc = new DOMDocument();
// ruleid: php-xxe
$doc->loadXML($xml, LIBXML_NOENT | LIBXML_DTDLOAD);

// ruleid: php-xxe
$x = simplexml_load_string($body, 'SimpleXMLElement', LIBXML_NOENT);

// ok: php-xxe
$doc->loadXML($xml);

// ruleid: php-xxe
libxml_disable_entity_loader(false);

// ok: php-xxe
libxml_disable_entity_loader(true);

// ok: php-xxe
$help = "pass LIBXML_NOENT to substitute entities";
