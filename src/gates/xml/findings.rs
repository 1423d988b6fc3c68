//! The `xml` gate's finding ids, documented for `gatekeep explain ID`.

use crate::gates::FindingDoc;

const fn f(id: &'static str, summary: &'static str, description: &'static str) -> FindingDoc {
    FindingDoc {
        id,
        summary,
        description,
    }
}

/// Every id the `xml` gate reports (errors unless said otherwise).
pub static FINDINGS: &[FindingDoc] = &[
    f(
        "xml/error",
        "A report that is not well-formed XML, where the checker listed no specific error",
        "The readers of XML reports (JUnit, Cobertura, Clover, OpenCover, JaCoCo) hold them to the `xml` gate's rules; when the file has an error but none of the listed issues is one (the list is capped), the error is reported under this id at 1:1. Run `gatekeep check` with an `xml` gate over the file for the full list.",
    ),
    f(
        "xml/amp",
        "An unescaped `&` in text or an attribute value",
        "XML reads `&` as the start of a reference (`&amp;`, `&#38;`). Write `&amp;`, or wrap literal text in `<![CDATA[ ... ]]>`.",
    ),
    f(
        "xml/attr-duplicate",
        "The same attribute twice on one element",
        "An element may carry each attribute once (XML 1.0 §3.1, well-formedness constraint \"Unique Att Spec\"). Remove or rename one.",
    ),
    f(
        "xml/attr-quote",
        "An attribute value without quotes",
        "Attribute values must be quoted with `\"` or `'`: `<a href=\"x\">`.",
    ),
    f(
        "xml/attr-space",
        "No whitespace between two attributes",
        "Attributes are separated by whitespace: `<a x=\"1\" y=\"2\">`, not `<a x=\"1\"y=\"2\">`.",
    ),
    f(
        "xml/attr-value",
        "A `<` or a broken reference inside an attribute value",
        "Attribute values may not contain `<`; write `&lt;`. References inside them must be well-formed.",
    ),
    f(
        "xml/autolink",
        "A Markdown autolink `<https://…>` inside an XML region",
        "In Markdown with XML structure, `<scheme:…>` is an unescaped `<` to an XML reader. Write the URL as plain text, or as a Markdown link `[text](url)`.",
    ),
    f(
        "xml/binary",
        "A binary file where XML text was expected",
        "The file holds a NUL byte: it is not XML text. Exclude it (`exclude = [...]`) or fix the glob that selected it.",
    ),
    f(
        "xml/cdata",
        "A CDATA section that is never closed",
        "`<![CDATA[` must end with `]]>` before the end of the document.",
    ),
    f(
        "xml/cdata-end-in-text",
        "`]]>` in text",
        "The sequence `]]>` may not appear in character data; write `]]&gt;`.",
    ),
    f(
        "xml/char",
        "A character XML 1.0 does not allow",
        "Control characters (other than tab, line feed and carriage return) and unpaired surrogates are not allowed in XML 1.0, not even as `&#…;` references.",
    ),
    f(
        "xml/comment",
        "`--` inside a comment",
        "A comment may not contain `--` (XML 1.0 §2.5), nor end with `--->`.",
    ),
    f(
        "xml/doctype",
        "A misplaced or malformed `<!DOCTYPE`",
        "A document has at most one document type declaration, before the root element.",
    ),
    f(
        "xml/dtd",
        "A malformed declaration in the internal DTD subset",
        "An `<!ELEMENT>`, `<!ATTLIST>`, `<!ENTITY>` or `<!NOTATION>` declaration does not follow the XML 1.0 grammar; the message says what was expected where.",
    ),
    f(
        "xml/encoding",
        "A declared encoding that does not match the bytes, or is unsupported",
        "The `encoding=` of the XML declaration (or the byte order mark) disagrees with the file's bytes, or names an encoding gatekeep cannot read. Save the file as UTF-8, or declare what it is.",
    ),
    f(
        "xml/entity-attr",
        "An entity used in an attribute value expands to `<` or an external entity",
        "Entity references in attribute values must not refer to external entities nor expand to a `<`.",
    ),
    f(
        "xml/entity-content",
        "An entity whose replacement text is not well-formed content",
        "The replacement text of a parsed entity must itself be well-formed where it is used (balanced tags, valid references).",
    ),
    f(
        "xml/entity-expansion",
        "Entity expansion beyond the safe bound (billion laughs)",
        "Nested entities expand to more text than gatekeep allows; this is the shape of the \"billion laughs\" attack. gatekeep stops expanding and reports it instead of running out of memory.",
    ),
    f(
        "xml/entity-external",
        "A reference to an external entity",
        "External entities are never fetched nor opened (XXE); a reference to one in content cannot be checked.",
    ),
    f(
        "xml/entity-recursive",
        "An entity that refers to itself",
        "An entity's replacement text refers back to the entity, directly or through others: it can never be expanded (XML 1.0 \"No Recursion\").",
    ),
    f(
        "xml/entity-unchecked",
        "An entity that may be declared in an external DTD (warning)",
        "The document has an external DTD, which gatekeep does not read, and the entity is not declared in the internal subset: it cannot be checked. Reported once per file.",
    ),
    f(
        "xml/entity-undeclared",
        "A reference to an undeclared entity",
        "Only `&lt; &gt; &amp; &apos; &quot;` are predefined; any other `&name;` must be declared in the DTD. For a literal `&`, write `&amp;`.",
    ),
    f(
        "xml/entity-unparsed",
        "A reference to an unparsed (NDATA) entity in content",
        "Unparsed entities may only be named in attributes of type ENTITY, never referenced in content.",
    ),
    f(
        "xml/io",
        "The file could not be read",
        "A read error while checking the file; the message gives the system's reason.",
    ),
    f(
        "xml/lt",
        "An unescaped `<` in text",
        "A `<` starts markup; a literal one must be written `&lt;` (or be inside CDATA).",
    ),
    f(
        "xml/more",
        "More findings in the file than are listed (info)",
        "The file has more errors or warnings than the gate lists per file; they are counted in the metrics.",
    ),
    f(
        "xml/multiple-roots",
        "More than one root element",
        "A document has exactly one root element; wrap the elements in one.",
    ),
    f(
        "xml/name",
        "An invalid element or attribute name",
        "Names start with a letter, `_` or `:` and continue with letters, digits, `.`, `-`, `_`, `:`; `<1tag>` or `< tag>` is not a name.",
    ),
    f(
        "xml/namespace",
        "A namespace error",
        "An undeclared prefix, a reserved prefix bound to the wrong URI (`xml`, `xmlns`), or an empty prefixed namespace (Namespaces in XML 1.0).",
    ),
    f(
        "xml/no-root",
        "No root element",
        "The document (or the XML region of a Markdown file) holds no element; a document needs exactly one.",
    ),
    f(
        "xml/outside-root",
        "Text or a reference outside the root element",
        "Only comments, processing instructions and whitespace may come before or after the root element.",
    ),
    f(
        "xml/pi",
        "A malformed processing instruction",
        "`<?` must be followed by a target name, and `<?xml` is reserved for the XML declaration.",
    ),
    f(
        "xml/reference",
        "A malformed character or entity reference",
        "Character references are `&#123;` or `&#x7B;`; entity references `&name;`. A literal `&` is `&amp;`.",
    ),
    f(
        "xml/require",
        "A Markdown file expected to hold XML has none",
        "The gate's `markdown` option names files that must contain XML regions (the prompt templates' structure), and this one has none.",
    ),
    f(
        "xml/syntax",
        "Markup that is not a comment, CDATA or DOCTYPE after `<!`",
        "`<!` must start `<!--`, `<![CDATA[` or `<!DOCTYPE`; escape a literal `<` as `&lt;`.",
    ),
    f(
        "xml/tag",
        "A malformed start or end tag",
        "A tag is not closed with `>`, or `/` is not followed by `>`; the message names the tag.",
    ),
    f(
        "xml/tag-mismatch",
        "An end tag that does not match the open element",
        "Elements must nest: `</b>` closes the innermost open `<b>`. The message names the element that is open.",
    ),
    f(
        "xml/unclosed",
        "An element, comment or other construct never closed",
        "The document ends while an element (or a comment, CDATA section, DOCTYPE) is still open; the finding points at where it was opened.",
    ),
    f(
        "xml/xml-decl",
        "A malformed XML declaration",
        "The XML declaration is `<?xml version=\"1.0\" encoding=\"…\" standalone=\"yes|no\"?>`, in that order.",
    ),
    f(
        "xml/xml-decl-position",
        "An XML declaration not at the very start (warning or error)",
        "`<?xml …?>` is allowed only as the first bytes of the file: no blank line, byte order mark mismatch or text before it.",
    ),
    f(
        "xml/xxe",
        "An external DTD or entity that is never read (XXE, warning)",
        "The document names an external DTD or entity (`SYSTEM \"…\"`). gatekeep never fetches or opens it (an XML External Entity risk in other readers); what it would declare cannot be checked.",
    ),
    // `validate = "dtd"` (medium) and `external = "local"`.
    f(
        "xml/invalid-content",
        "Element content does not match its declaration",
        "An element's children or text do not match its `<!ELEMENT>` declaration: EMPTY with content, a child not allowed in mixed content `(#PCDATA | a)*`, character data in element content, or children that do not match the content model (`,` sequence, `|` choice, `?` `*` `+`). Fix the document or the declaration.",
    ),
    f(
        "xml/invalid-undeclared",
        "Undeclared element or attribute",
        "An element or attribute is used that the DTD does not declare (`<!ELEMENT>`, `<!ATTLIST>`).",
    ),
    f(
        "xml/invalid-required",
        "Missing #REQUIRED attribute",
        "An attribute declared `#REQUIRED` is not given.",
    ),
    f(
        "xml/invalid-fixed",
        "Attribute differs from its #FIXED value",
        "An attribute declared `#FIXED \"v\"` has another value.",
    ),
    f(
        "xml/invalid-attr",
        "Attribute value does not fit its declared type",
        "A value is not a name (ID, IDREF), not name tokens (NMTOKEN(S)), not one of the enumerated values or notations, or does not name an unparsed entity (ENTITY, ENTITIES). ID, IDREF, ENTITY and NOTATION values must not contain `:` (Namespaces 1.0).",
    ),
    f(
        "xml/invalid-id",
        "Duplicate ID",
        "Two elements carry the same ID value.",
    ),
    f(
        "xml/invalid-idref",
        "IDREF to no ID",
        "An IDREF or IDREFS value names no ID in the document.",
    ),
    f(
        "xml/invalid-root",
        "Root element differs from the DOCTYPE",
        "The root element is not the one the `<!DOCTYPE name ...>` names.",
    ),
    f(
        "xml/invalid-no-dtd",
        "No DTD to validate against",
        "`validate = \"dtd\"` is on and the document has no `<!DOCTYPE>`.",
    ),
    f(
        "xml/invalid-decl",
        "Invalid declaration",
        "A declaration breaks a validity constraint of the DTD itself: an element declared twice, a name repeated in mixed content or an enumeration, more than one ID or NOTATION attribute per element, an ID attribute with a default, a default value that does not fit its type, an undeclared notation.",
    ),
    f(
        "xml/invalid-entity",
        "Undeclared entity",
        "An entity reference names no entity declared in the DTD (a validity error when the document has an external subset or parameter-entity references; otherwise a well-formedness error).",
    ),
    f(
        "xml/invalid-standalone",
        "standalone=\"yes\" but external markup matters",
        "The document says `standalone=\"yes\"` but depends on declarations in external markup: a default attribute value, an entity, attribute-value normalisation or whitespace in element content.",
    ),
    f(
        "xml/invalid-pe-nesting",
        "Parameter entity does not nest properly",
        "A parameter entity's replacement text opens or closes a declaration, a group or a conditional section that it does not also close or open.",
    ),
    f(
        "xml/external",
        "Malformed external entity",
        "A local external DTD or entity read with `external = \"local\"` has a malformed text declaration `<?xml version? encoding?>` or is not valid UTF-8 (a well-formedness error).",
    ),
];
