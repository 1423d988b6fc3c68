//! The xml gate's `external = "local"` (local external DTDs and entities, hostile inputs) and
//! `validate = "dtd"` (validity against the DTD), and the namespace constraints that need the DTD.

use gatekeep::gates::run_for_test;
use gatekeep::gates::xml::checker::{Level, Outcome};
use gatekeep::gates::xml::ext::Local;
use gatekeep::gates::xml::{check_xml_bytes, check_xml_bytes_with};
use gatekeep::model::Severity;
use std::path::Path;
use std::time::{Duration, Instant};

fn write(root: &Path, rel: &str, text: &[u8]) {
    let p = root.join(rel);
    if let Some(d) = p.parent() {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(p, text).unwrap();
}

/// Checks `doc.xml` in `root` with `external = "local"` (and validation when asked).
fn local(root: &Path, doc: &[u8], validate: bool) -> Outcome {
    write(root, "doc.xml", doc);
    let l = Local::for_file(root, &root.join("doc.xml")).expect("canonical paths");
    check_xml_bytes_with(doc, false, Some(l), validate)
}

fn errors(o: &Outcome) -> Vec<(&'static str, String)> {
    o.issues
        .iter()
        .filter(|i| i.level == Level::Error)
        .map(|i| (i.rule, i.message.clone()))
        .collect()
}

fn warned(o: &Outcome, rule: &str, text: &str) -> bool {
    o.issues
        .iter()
        .any(|i| i.level == Level::Warning && i.rule == rule && i.message.contains(text))
}

fn valid(doc: &str) -> Outcome {
    check_xml_bytes_with(doc.as_bytes(), false, None, true)
}

fn invalid_rules(o: &Outcome) -> Vec<&'static str> {
    o.issues
        .iter()
        .filter(|i| i.rule.starts_with("xml/invalid-"))
        .map(|i| i.rule)
        .collect()
}

// ------------------------------------------------------------------ external = "local"

#[test]
fn local_external_dtd_is_read_and_errors_inside_it_name_the_file() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "dtd/doc.dtd",
        b"<!ELEMENT doc EMPTY>\n<!ATTLIST doc a CDATA>\n",
    );
    let o = local(
        d.path(),
        b"<!DOCTYPE doc SYSTEM \"dtd/doc.dtd\"><doc/>",
        false,
    );
    let e = errors(&o);
    assert_eq!(e.len(), 1, "{:?}", o.issues);
    assert_eq!(e[0].0, "xml/dtd");
    assert!(e[0].1.starts_with("in dtd/doc.dtd:2:"), "{}", e[0].1);
    // Without `external = "local"` the same document is well-formed, with an xxe warning.
    let o = check_xml_bytes(b"<!DOCTYPE doc SYSTEM \"dtd/doc.dtd\"><doc/>", false);
    assert_eq!(o.errors, 0);
    assert!(warned(&o, "xml/xxe", "is not read"));
}

#[test]
fn file_uri_inside_the_root_is_read_and_entities_declared_there_are_known() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "x.dtd", b"<!ENTITY who \"world\">\n");
    let root = d.path().canonicalize().unwrap();
    let uri = format!("file://{}/x.dtd", root.display());
    let doc = format!("<!DOCTYPE a SYSTEM \"{uri}\"><a>hello &who;</a>");
    let o = local(d.path(), doc.as_bytes(), false);
    assert_eq!(o.errors, 0, "{:?}", o.issues);
    assert_eq!(o.warnings, 0, "{:?}", o.issues);
}

#[test]
fn network_uris_are_never_fetched() {
    let d = tempfile::tempdir().unwrap();
    for sys in [
        "http://example.com/x.dtd",
        "https://example.com/x.dtd",
        "ftp://h/x",
        "urn:x:y",
    ] {
        let doc = format!("<!DOCTYPE a SYSTEM \"{sys}\"><a/>");
        let o = local(d.path(), doc.as_bytes(), false);
        assert_eq!(o.errors, 0, "{sys}: {:?}", o.issues);
        assert!(
            warned(&o, "xml/xxe", "not a local file"),
            "{sys}: {:?}",
            o.issues
        );
    }
}

#[test]
fn paths_out_of_the_root_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("repo");
    std::fs::create_dir_all(&root).unwrap();
    // A malformed DTD outside the root: reading it would give an error.
    write(d.path(), "outside.dtd", b"<!ELEMENT >");
    for sys in ["../outside.dtd", "/etc/passwd"] {
        let doc = format!("<!DOCTYPE a SYSTEM \"{sys}\"><a/>");
        let o = local(&root, doc.as_bytes(), false);
        assert_eq!(o.errors, 0, "{sys}: {:?}", o.issues);
        assert!(
            warned(&o, "xml/xxe", "outside the repository root"),
            "{sys}: {:?}",
            o.issues
        );
    }
}

#[cfg(unix)]
#[test]
fn hostile_symlink_out_of_the_root_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("repo");
    std::fs::create_dir_all(&root).unwrap();
    write(d.path(), "secret.dtd", b"<!ELEMENT >");
    std::os::unix::fs::symlink(d.path().join("secret.dtd"), root.join("link.dtd")).unwrap();
    let o = local(&root, b"<!DOCTYPE a SYSTEM \"link.dtd\"><a/>", false);
    assert_eq!(o.errors, 0, "{:?}", o.issues);
    assert!(
        warned(&o, "xml/xxe", "outside the repository root"),
        "{:?}",
        o.issues
    );
    // A symlink that stays inside the root is followed.
    write(&root, "real.dtd", b"<!ENTITY e \"x\">");
    std::os::unix::fs::symlink(root.join("real.dtd"), root.join("inside.dtd")).unwrap();
    let o = local(
        &root,
        b"<!DOCTYPE a SYSTEM \"inside.dtd\"><a>&e;</a>",
        false,
    );
    assert_eq!((o.errors, o.warnings), (0, 0), "{:?}", o.issues);
}

#[cfg(unix)]
#[test]
fn hostile_dev_zero_as_system_id_is_refused_without_reading() {
    let d = tempfile::tempdir().unwrap();
    let t = Instant::now();
    for sys in ["/dev/zero", "file:///dev/zero"] {
        let doc = format!(
            "<!DOCTYPE a SYSTEM \"{sys}\" [<!ENTITY % z SYSTEM \"{sys}\"> %z; <!ENTITY g SYSTEM \"{sys}\">]><a>&g;</a>"
        );
        let o = local(d.path(), doc.as_bytes(), false);
        assert_eq!(o.errors, 0, "{sys}: {:?}", o.issues);
        assert!(
            warned(&o, "xml/xxe", "outside the repository root"),
            "{sys}: {:?}",
            o.issues
        );
    }
    // A symlink inside the root pointing at the device is refused too.
    std::os::unix::fs::symlink("/dev/zero", d.path().join("zero.dtd")).unwrap();
    let o = local(d.path(), b"<!DOCTYPE a SYSTEM \"zero.dtd\"><a/>", false);
    assert!(warned(&o, "xml/xxe", "is not read"), "{:?}", o.issues);
    assert!(t.elapsed() < Duration::from_secs(60), "no hang");
}

#[cfg(unix)]
#[test]
fn hostile_fifo_is_refused_before_it_is_opened() {
    let d = tempfile::tempdir().unwrap();
    let fifo = d.path().join("pipe.dtd");
    let st = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(st.success());
    let t = Instant::now();
    let o = local(d.path(), b"<!DOCTYPE a SYSTEM \"pipe.dtd\"><a/>", false);
    assert_eq!(o.errors, 0, "{:?}", o.issues);
    assert!(
        warned(&o, "xml/xxe", "not a regular file"),
        "{:?}",
        o.issues
    );
    assert!(
        t.elapsed() < Duration::from_secs(60),
        "opening a FIFO would block"
    );
}

#[test]
fn hostile_huge_external_file_is_refused_by_size() {
    let d = tempfile::tempdir().unwrap();
    // A sparse 1 GB file: takes no disk space, never committed.
    let f = std::fs::File::create(d.path().join("huge.ent")).unwrap();
    f.set_len(1 << 30).unwrap();
    drop(f);
    let t = Instant::now();
    let o = local(
        d.path(),
        b"<!DOCTYPE a [<!ENTITY h SYSTEM \"huge.ent\">]><a>&h;</a>",
        false,
    );
    assert_eq!(o.errors, 0, "{:?}", o.issues);
    assert!(
        warned(&o, "xml/xxe", "over the 1 MiB bound"),
        "{:?}",
        o.issues
    );
    assert!(t.elapsed() < Duration::from_secs(60), "no hang");
}

#[test]
fn hostile_entity_loop_across_two_files_is_one_error() {
    let d = tempfile::tempdir().unwrap();
    // Parameter entities: a.dtd reads b.dtd, which reads a.dtd again.
    write(d.path(), "a.dtd", b"<!ENTITY % b SYSTEM \"b.dtd\">\n%b;\n");
    write(d.path(), "b.dtd", b"<!ENTITY % a SYSTEM \"a.dtd\">\n%a;\n");
    let t = Instant::now();
    let o = local(d.path(), b"<!DOCTYPE x SYSTEM \"a.dtd\"><x/>", false);
    let e = errors(&o);
    assert_eq!(e.len(), 1, "{:?}", o.issues);
    assert_eq!(e[0].0, "xml/entity-recursive");
    assert!(e[0].1.contains("a.dtd -> b.dtd -> a.dtd"), "{}", e[0].1);
    // General entities: a.ent references &b;, b.ent references &a;.
    write(d.path(), "a.ent", b"<p>&b;</p>");
    write(d.path(), "b.ent", b"<q>&a;</q>");
    let o = local(
        d.path(),
        b"<!DOCTYPE x [<!ENTITY a SYSTEM \"a.ent\"><!ENTITY b SYSTEM \"b.ent\">]><x>&a;</x>",
        false,
    );
    assert!(
        errors(&o).iter().any(|e| e.0 == "xml/entity-recursive"
            || (e.0 == "xml/entity-content" && e.1.contains("refers to itself"))),
        "{:?}",
        o.issues
    );
    assert!(t.elapsed() < Duration::from_secs(60), "no hang");
}

#[test]
fn external_parsed_entities_are_checked_as_content() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "ok.ent",
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><p>fine</p>",
    );
    write(d.path(), "bad.ent", b"<p>unclosed");
    write(d.path(), "nodecl.ent", b"<?xml version=\"1.0\"?><p/>");
    let o = local(
        d.path(),
        b"<!DOCTYPE x [<!ENTITY ok SYSTEM \"ok.ent\">]><x>&ok;</x>",
        false,
    );
    assert_eq!((o.errors, o.warnings), (0, 0), "{:?}", o.issues);
    let o = local(
        d.path(),
        b"<!DOCTYPE x [<!ENTITY bad SYSTEM \"bad.ent\">]><x>&bad;</x>",
        false,
    );
    assert_eq!(errors(&o)[0].0, "xml/entity-content", "{:?}", o.issues);
    // A text declaration needs an encoding.
    let o = local(
        d.path(),
        b"<!DOCTYPE x [<!ENTITY n SYSTEM \"nodecl.ent\">]><x>&n;</x>",
        false,
    );
    assert_eq!(errors(&o)[0].0, "xml/external", "{:?}", o.issues);
    // In an attribute value an external entity stays an error.
    let o = local(
        d.path(),
        b"<!DOCTYPE x [<!ENTITY ok SYSTEM \"ok.ent\">]><x a=\"&ok;\"/>",
        false,
    );
    assert_eq!(errors(&o)[0].0, "xml/entity-external", "{:?}", o.issues);
}

#[test]
fn conditional_sections_and_parameter_entities_inside_declarations() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "c.dtd",
        b"<!ENTITY % on \"INCLUDE\">\n<!ENTITY % kids \"(b|c)*\">\n<![%on;[ <!ENTITY e \"yes\"> ]]>\n<![IGNORE[ <!ELEMENT this is not parsed <![ nested ]]> ]]>\n<!ELEMENT a %kids;>\n",
    );
    let o = local(d.path(), b"<!DOCTYPE a SYSTEM \"c.dtd\"><a>&e;</a>", false);
    assert_eq!((o.errors, o.warnings), (0, 0), "{:?}", o.issues);
    write(d.path(), "u.dtd", b"<![INCLUDE[ <!ENTITY e \"x\">\n");
    let o = local(d.path(), b"<!DOCTYPE a SYSTEM \"u.dtd\"><a/>", false);
    assert!(
        errors(&o).iter().any(|e| e.1.contains("never closed")),
        "{:?}",
        o.issues
    );
    // In the internal subset a conditional section stays an error.
    let o = check_xml_bytes(b"<!DOCTYPE a [<![INCLUDE[ ]]>]><a/>", false);
    assert!(o.errors > 0);
}

#[test]
fn gate_option_external_local_reads_inside_the_repository() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "d/doc.dtd", b"<!ENTITY e \"x\">\n<!ELEMENT >\n");
    write(
        d.path(),
        "d/doc.xml",
        b"<!DOCTYPE a SYSTEM \"doc.dtd\"><a>&e;</a>",
    );
    let off = run_for_test("xml", "", d.path()).unwrap();
    assert_eq!(metric(&off, "errors"), 0.0);
    assert_eq!(metric(&off, "warnings"), 2.0, "{:?}", off.findings);
    let on = run_for_test("xml", "external = \"local\"", d.path()).unwrap();
    assert_eq!(metric(&on, "errors"), 1.0, "{:?}", on.findings);
    assert!(
        on.findings
            .iter()
            .any(|f| f.message.contains("d/doc.dtd:2:"))
    );
    assert!(run_for_test("xml", "external = \"network\"", d.path()).is_err());
}

fn metric(o: &gatekeep::gates::GateOutput, name: &str) -> f64 {
    o.metrics
        .iter()
        .find(|m| m.name == name)
        .map(|m| m.value)
        .unwrap_or_else(|| panic!("no metric {name}: {:?}", o.metrics))
}

// ------------------------------------------------------------------ validate = "dtd"

const HEAD: &str = "<!DOCTYPE r [
<!ELEMENT r (head, item*, (foot | end)?)>
<!ELEMENT head (#PCDATA)>
<!ELEMENT item (#PCDATA | b | i)*>
<!ELEMENT b (#PCDATA)>
<!ELEMENT i (#PCDATA)>
<!ELEMENT foot EMPTY>
<!ELEMENT end ANY>
<!ATTLIST r version CDATA #FIXED \"2\">
<!ATTLIST item id ID #REQUIRED ref IDREF #IMPLIED refs IDREFS #IMPLIED
               kind (a|b|c) \"a\" tok NMTOKEN #IMPLIED>
]>";

fn doc(body: &str) -> String {
    format!("{HEAD}{body}")
}

#[test]
fn a_valid_document_has_no_validity_findings() {
    let o = valid(&doc(
        "<r version=\"2\"><head>t</head>\n  <item id=\"x1\" kind=\"b\">text <b>bold</b></item>\n  <item id=\"x2\" ref=\"x1\" refs=\" x1  x2 \" tok=\"n-1\"/>\n  <end><anything/></end></r>",
    ));
    assert_eq!((o.errors, o.invalid), (0, 1), "{:?}", o.issues);
    // `<anything/>` under ANY is fine as content, but is itself undeclared.
    assert_eq!(invalid_rules(&o), vec!["xml/invalid-undeclared"]);
    let o = valid(&doc("<r><head/><foot/></r>"));
    assert_eq!((o.errors, o.invalid), (0, 0), "{:?}", o.issues);
}

#[test]
fn content_models_sequence_choice_and_occurrence() {
    for (body, ok) in [
        ("<r><head/></r>", true),
        ("<r><head/><item id=\"a\"/><item id=\"b\"/><end/></r>", true),
        ("<r></r>", false),                        // head is required
        ("<r><item id=\"a\"/><head/></r>", false), // wrong order
        ("<r><head/><foot/><end/></r>", false),    // choice taken twice
        ("<r><head/><head/></r>", false),          // head once
        ("<r><head/>text</r>", false),             // text in element content
        ("<r><head/><![CDATA[ ]]></r>", false),    // CDATA in element content
        ("<r>\n  <head/>\n</r>", true),            // whitespace is fine
    ] {
        let o = valid(&doc(body));
        assert_eq!(
            invalid_rules(&o).contains(&"xml/invalid-content"),
            !ok,
            "{body}: {:?}",
            o.issues
        );
        assert_eq!(o.errors, 0, "{body}: {:?}", o.issues);
    }
}

#[test]
fn empty_any_and_mixed_content() {
    let o = valid(&doc("<r><head/><foot> </foot></r>"));
    assert!(
        invalid_rules(&o).contains(&"xml/invalid-content"),
        "EMPTY with a space"
    );
    let o = valid(&doc("<r><head/><foot><!-- c --></foot></r>"));
    assert!(
        invalid_rules(&o).contains(&"xml/invalid-content"),
        "EMPTY with a comment"
    );
    let o = valid(&doc("<r><head/><item id=\"a\">x <head/></item></r>"));
    assert!(
        invalid_rules(&o).contains(&"xml/invalid-content"),
        "head not in the mixed list"
    );
    let o = valid(&doc("<r><head><b/></head></r>"));
    assert!(
        invalid_rules(&o).contains(&"xml/invalid-content"),
        "(#PCDATA) allows no element"
    );
}

#[test]
fn required_fixed_enumerated_and_typed_attributes() {
    let cases = [
        ("<r><head/><item/></r>", "xml/invalid-required"),
        ("<r version=\"3\"><head/></r>", "xml/invalid-fixed"),
        (
            "<r><head/><item id=\"a\" kind=\"z\"/></r>",
            "xml/invalid-attr",
        ),
        ("<r><head/><item id=\"1a\"/></r>", "xml/invalid-attr"),
        (
            "<r><head/><item id=\"a\" tok=\"two tokens\"/></r>",
            "xml/invalid-attr",
        ),
        ("<r><head/><item id=\"a:b\"/></r>", "xml/invalid-attr"),
        (
            "<r><head/><item id=\"a\" color=\"red\"/></r>",
            "xml/invalid-undeclared",
        ),
        ("<r><head/><unknown/></r>", "xml/invalid-undeclared"),
    ];
    for (body, rule) in cases {
        let o = valid(&doc(body));
        assert!(invalid_rules(&o).contains(&rule), "{body}: {:?}", o.issues);
        assert_eq!(o.errors, 0, "{body}");
    }
    // Normalisation: a tokenized value with spaces around matches the enumeration.
    let o = valid(&doc("<r><head/><item id=\" a \" kind=\" c \"/></r>"));
    assert_eq!(o.invalid, 0, "{:?}", o.issues);
}

#[test]
fn ids_are_unique_and_idrefs_name_an_id() {
    let o = valid(&doc("<r><head/><item id=\"a\"/><item id=\"a\"/></r>"));
    assert_eq!(invalid_rules(&o), vec!["xml/invalid-id"], "{:?}", o.issues);
    let o = valid(&doc(
        "<r><head/><item id=\"a\" ref=\"b\" refs=\"a c\"/><item id=\"b\"/></r>",
    ));
    assert_eq!(
        invalid_rules(&o),
        vec!["xml/invalid-idref"],
        "{:?}",
        o.issues
    );
    assert!(o.issues.iter().any(|i| i.message.contains("\"c\"")));
}

#[test]
fn root_type_no_dtd_and_declaration_constraints() {
    let o = valid("<a/>");
    assert_eq!(invalid_rules(&o), vec!["xml/invalid-no-dtd"]);
    let o = valid("<!DOCTYPE b [<!ELEMENT a EMPTY>]><a/>");
    assert_eq!(invalid_rules(&o), vec!["xml/invalid-root"]);
    for dtd in [
        "<!ELEMENT a EMPTY><!ELEMENT a ANY>",
        "<!ELEMENT a (#PCDATA|b|b)*><!ELEMENT b EMPTY>",
        "<!ELEMENT a EMPTY><!ATTLIST a x ID #IMPLIED y ID #IMPLIED>",
        "<!ELEMENT a EMPTY><!ATTLIST a x ID \"d\">",
        "<!ELEMENT a EMPTY><!ATTLIST a x (p|q) \"r\">",
        "<!ELEMENT a EMPTY><!ATTLIST a x (p|p) #IMPLIED>",
        "<!ELEMENT a EMPTY><!ATTLIST a x NOTATION (n) #IMPLIED>",
    ] {
        let o = valid(&format!("<!DOCTYPE a [{dtd}]><a/>"));
        assert!(
            invalid_rules(&o).contains(&"xml/invalid-decl"),
            "{dtd}: {:?}",
            o.issues
        );
        assert_eq!(o.errors, 0, "{dtd}: {:?}", o.issues);
    }
}

#[test]
fn entities_in_content_and_attributes_count_for_validity() {
    // The entity's elements are the element's children; its text is expanded in attributes.
    let o = valid(
        "<!DOCTYPE a [<!ELEMENT a (b, b)><!ELEMENT b EMPTY><!ATTLIST a k (x1|x2) #IMPLIED>\
         <!ENTITY two \"<b/><b/>\"><!ENTITY one \"1\"><!ENTITY k \"x&one;\">]><a k=\"&k;\">&two;</a>",
    );
    assert_eq!((o.errors, o.invalid), (0, 0), "{:?}", o.issues);
    let o = valid(
        "<!DOCTYPE a [<!ELEMENT a (b, b)><!ELEMENT b EMPTY><!ENTITY one \"<b/>\">]><a>&one;</a>",
    );
    assert_eq!(invalid_rules(&o), vec!["xml/invalid-content"]);
}

#[test]
fn standalone_yes_with_external_markup_that_matters_is_invalid() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "s.dtd",
        b"<!ELEMENT a (b)><!ELEMENT b EMPTY><!ATTLIST b x CDATA \"dflt\">",
    );
    let o = local(
        d.path(),
        b"<?xml version=\"1.0\" standalone=\"yes\"?><!DOCTYPE a SYSTEM \"s.dtd\"><a>\n<b/>\n</a>",
        true,
    );
    let r = invalid_rules(&o);
    assert_eq!(
        r.iter().filter(|x| **x == "xml/invalid-standalone").count(),
        2,
        "default and whitespace: {:?}",
        o.issues
    );
    let o = local(
        d.path(),
        b"<?xml version=\"1.0\" standalone=\"no\"?><!DOCTYPE a SYSTEM \"s.dtd\"><a>\n<b/>\n</a>",
        true,
    );
    assert_eq!(o.invalid, 0, "{:?}", o.issues);
}

#[test]
fn gate_counts_invalid_apart_from_errors_at_medium() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "a.xml",
        b"<!DOCTYPE a [<!ELEMENT a EMPTY>]><a>text</a>",
    );
    write(d.path(), "b.xml", b"<!DOCTYPE a [<!ELEMENT a EMPTY>]><a/>");
    let o = run_for_test("xml", "validate = \"dtd\"", d.path()).unwrap();
    assert_eq!(metric(&o, "errors"), 0.0);
    assert_eq!(metric(&o, "invalid"), 1.0);
    assert_eq!(metric(&o, "not_valid_files"), 1.0);
    assert_eq!(metric(&o, "invalid_files"), 0.0);
    let f = o
        .findings
        .iter()
        .find(|f| f.rule == "xml/invalid-content")
        .expect("finding");
    assert_eq!(f.severity, Severity::Medium);
    assert_eq!(f.path.as_deref(), Some("a.xml"));
    // Without the option there is no `invalid` metric and no validity finding.
    let o = run_for_test("xml", "", d.path()).unwrap();
    assert!(o.metrics.iter().all(|m| m.name != "invalid"));
    assert!(run_for_test("xml", "validate = \"xsd\"", d.path()).is_err());
}

// ------------------------------------------------------------------ namespaces

#[test]
fn element_with_the_reserved_prefix_xmlns_is_not_namespace_well_formed() {
    let o = check_xml_bytes(b"<xmlns:a/>", false);
    assert!(
        errors(&o)
            .iter()
            .any(|e| e.0 == "xml/namespace" && e.1.contains("reserved prefix `xmlns`")),
        "{:?}",
        o.issues
    );
    // As an attribute name it stays a namespace declaration.
    let o = check_xml_bytes(b"<a xmlns:p=\"urn:x\"/>", false);
    assert_eq!(o.errors, 0);
}

#[test]
fn duplicate_attributes_equal_only_after_attribute_value_normalisation() {
    // xmlns:b is declared NMTOKEN, so " urn:x " normalises to "urn:x": a:attr and b:attr clash.
    let d = "<!DOCTYPE r [<!ATTLIST r xmlns:a CDATA #IMPLIED xmlns:b NMTOKEN #IMPLIED>]>\
             <r xmlns:a=\"urn:x\" xmlns:b=\" urn:x \"><e a:attr=\"1\" b:attr=\"2\"/></r>";
    let o = check_xml_bytes(d.as_bytes(), false);
    assert!(
        errors(&o).iter().any(|e| e.0 == "xml/attr-duplicate"),
        "{:?}",
        o.issues
    );
    // Declared CDATA, the two names differ and the attributes do not clash.
    let d = d.replace("NMTOKEN", "CDATA");
    let o = check_xml_bytes(d.as_bytes(), false);
    assert_eq!(o.errors, 0, "{:?}", o.issues);
}
