//! Integration tests of the `xml` gate kind.

use gatekeep::gates::run_for_test;
use gatekeep::gates::xml::checker::{self, Level, Mode, Opts, Outcome};
use gatekeep::gates::xml::{check_xml_bytes, check_xml_file_streaming};
use gatekeep::model::Finding;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/xml")
}

fn check(s: &[u8]) -> Outcome {
    check_xml_bytes(s, false)
}

fn rules(o: &Outcome) -> Vec<&'static str> {
    o.issues
        .iter()
        .filter(|i| i.level == Level::Error)
        .map(|i| i.rule)
        .collect()
}

/// Expected first error rule of each negative fixture.
const BAD: &[(&str, &str)] = &[
    ("root/bad-two-roots.xml", "xml/multiple-roots"),
    ("root/bad-no-root.xml", "xml/no-root"),
    ("text-outside-root/bad-before.xml", "xml/outside-root"),
    ("text-outside-root/bad-after.xml", "xml/outside-root"),
    ("nesting/bad-crossed.xml", "xml/tag-mismatch"),
    ("nesting/bad-mismatch.xml", "xml/tag-mismatch"),
    ("unclosed/bad.xml", "xml/unclosed"),
    ("attr-unique/bad.xml", "xml/attr-duplicate"),
    ("attr-quoted/bad.xml", "xml/attr-quote"),
    ("attr-space/bad.xml", "xml/attr-space"),
    ("names/bad-start.xml", "xml/name"),
    ("names/bad-char.xml", "xml/tag"),
    ("chars/bad.xml", "xml/char"),
    ("chars/bad-charref.xml", "xml/reference"),
    ("amp/bad.xml", "xml/amp"),
    ("lt/bad.xml", "xml/lt"),
    ("lt/bad-attr.xml", "xml/lt"),
    ("entities/bad-undeclared.xml", "xml/entity-undeclared"),
    ("entities/bad-content.xml", "xml/entity-content"),
    ("comment/bad.xml", "xml/comment"),
    ("comment/bad-unclosed.xml", "xml/comment"),
    ("cdata-end/bad.xml", "xml/cdata-end-in-text"),
    ("xml-decl/bad-position.xml", "xml/xml-decl-position"),
    ("xml-decl/bad-malformed.xml", "xml/xml-decl"),
    ("xml-decl/bad-order.xml", "xml/xml-decl"),
    ("pi/bad-xml-target.xml", "xml/pi"),
    ("encoding/bad-undeclared-latin1.xml", "xml/encoding"),
    ("encoding/bad-declares-utf16.xml", "xml/encoding"),
    ("encoding/bad-bom-mismatch.xml", "xml/encoding"),
    ("encoding/bad-binary.xml", "xml/binary"),
    ("dtd/bad-decl.xml", "xml/dtd"),
    ("dtd/bad-pe-in-value.xml", "xml/dtd"),
    ("namespaces/bad-unbound.xml", "xml/namespace"),
    ("namespaces/bad-unbound-attr.xml", "xml/namespace"),
    ("hostile/billion-laughs.xml", "xml/entity-expansion"),
    ("hostile/recursive-entity.xml", "xml/entity-recursive"),
];

fn all_fixture_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![fixtures()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "xml" || x == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_wf_rule_has_a_positive_and_a_negative_fixture() {
    let wf = fixtures().join("wf");
    let mut dirs: Vec<_> = std::fs::read_dir(&wf)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for d in dirs {
        let name = d.file_name().unwrap().to_string_lossy().to_string();
        let files: Vec<String> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        for f in &files {
            let bytes = std::fs::read(d.join(f)).unwrap();
            let o = check(&bytes);
            let rel = format!("{name}/{f}");
            if f.starts_with("ok") {
                assert_eq!(o.errors, 0, "{rel} should be well-formed: {:?}", o.issues);
                assert_eq!(o.warnings, 0, "{rel}: {:?}", o.issues);
            } else if f.starts_with("warn") {
                assert_eq!(o.errors, 0, "{rel}: {:?}", o.issues);
                assert!(o.warnings >= 1, "{rel} should warn");
            } else {
                let want = BAD.iter().find(|(p, _)| *p == rel).map(|(_, r)| *r);
                let want = want.unwrap_or_else(|| panic!("no expectation for {rel}"));
                assert!(o.errors >= 1, "{rel} should be rejected");
                assert_eq!(
                    rules(&o).first().copied(),
                    Some(want),
                    "{rel}: {:?}",
                    o.issues
                );
            }
        }
        if name != "xxe" && name != "hostile" {
            assert!(
                files.iter().any(|f| f.starts_with("ok")),
                "{name} has no positive fixture"
            );
        }
        assert!(
            files.iter().any(|f| !f.starts_with("ok")),
            "{name} has no negative fixture"
        );
    }
}

#[test]
fn mismatch_message_names_both_tags_and_where_the_open_one_started() {
    let o = check(&std::fs::read(fixtures().join("wf/nesting/bad-mismatch.xml")).unwrap());
    assert_eq!(o.errors, 1, "{:?}", o.issues);
    let i = &o.issues[0];
    assert_eq!((i.line, i.col), (4, 3));
    assert_eq!(
        i.message,
        "expected </description>, found </examples>; <description> opened at 2:3"
    );
}

#[test]
fn independent_mistakes_are_counted_separately() {
    let doc = b"<root>\n  <a x=\"1\" x=\"2\">A & B</a>\n  <b>1 < 2</b>\n  <!-- a -- b -->\n  <c>&nbsp;</c>\n</root>\n";
    let o = check(doc);
    assert_eq!(
        rules(&o),
        vec![
            "xml/attr-duplicate",
            "xml/amp",
            "xml/lt",
            "xml/comment",
            "xml/entity-undeclared"
        ]
    );
    let pos: Vec<(u64, u64)> = o.issues.iter().map(|i| (i.line, i.col)).collect();
    assert_eq!(pos, vec![(2, 12), (2, 20), (3, 8), (4, 10), (5, 6)]);
}

#[test]
fn a_misspelt_end_tag_is_one_error() {
    let o = check(b"<command>\n<description>x</descripton>\n<examples>y</examples>\n</command>\n");
    assert_eq!(o.errors, 1, "{:?}", o.issues);
    let o = check(b"<a><b><c></a>");
    // `</a>` closes c and b (both reported) and a.
    assert_eq!(o.errors, 2, "{:?}", o.issues);
    assert!(
        o.issues[1]
            .message
            .contains("<b> is not closed before </a>"),
        "{:?}",
        o.issues
    );
}

#[test]
fn a_missing_closing_quote_is_one_error() {
    let o = check(b"<doc>\n<a x=\"1>text</a>\n<b y='2'>ok</b>\n</doc>\n");
    assert_eq!(rules(&o), vec!["xml/attr-quote"], "{:?}", o.issues);
    assert_eq!((o.issues[0].line, o.issues[0].col), (2, 6));
}

#[test]
fn unclosed_elements_at_end_of_file_are_reported_at_their_start() {
    let o = check(b"<a>\n  <b>\n    <c/>\n");
    let pos: Vec<(u64, u64)> = o.issues.iter().map(|i| (i.line, i.col)).collect();
    assert_eq!(o.errors, 2);
    assert_eq!(pos, vec![(2, 3), (1, 1)]);
}

#[test]
fn undeclared_entity_is_a_warning_when_an_external_dtd_may_declare_it() {
    let o = check(
        std::fs::read(fixtures().join("wf/xxe/warn-external-dtd.xml"))
            .unwrap()
            .as_slice(),
    );
    assert_eq!(o.errors, 0);
    assert!(
        o.issues
            .iter()
            .any(|i| i.rule == "xml/xxe" && i.message.contains("XXE"))
    );
    assert!(o.issues.iter().any(|i| i.rule == "xml/entity-unchecked"));
    // Once per entity name.
    let o = check(b"<!DOCTYPE a SYSTEM \"a.dtd\"><a>&x; &x; &y; &x;</a>");
    assert_eq!(o.warnings, 3, "{:?}", o.issues);
    // standalone="yes" makes it an error again.
    let o =
        check(b"<?xml version=\"1.0\" standalone=\"yes\"?><!DOCTYPE a SYSTEM \"a.dtd\"><a>&x;</a>");
    assert_eq!(rules(&o), vec!["xml/entity-undeclared"]);
}

#[test]
fn external_entities_are_never_read() {
    let o = check(
        std::fs::read(fixtures().join("wf/xxe/warn-external-entity.xml"))
            .unwrap()
            .as_slice(),
    );
    assert_eq!(o.errors, 0);
    assert_eq!(o.warnings, 1);
    assert!(o.issues[0].message.contains("/etc/passwd"));
    // In an attribute value an external entity is an error.
    let o = check(b"<!DOCTYPE a [<!ENTITY x SYSTEM \"x.txt\">]><a v=\"&x;\"/>");
    assert!(rules(&o).contains(&"xml/entity-external"), "{:?}", o.issues);
}

#[test]
fn entities_in_attribute_values() {
    assert_eq!(
        check(b"<!DOCTYPE a [<!ENTITY e \"x\">]><a v=\"&e;\"/>").errors,
        0
    );
    let o = check(b"<!DOCTYPE a [<!ENTITY e \"&#60;\">]><a v=\"&e;\"/>");
    assert_eq!(rules(&o), vec!["xml/entity-attr"]);
    // `&#38;#60;` in an entity value is a character reference in the replacement text: fine.
    assert_eq!(
        check(b"<!DOCTYPE a [<!ENTITY e \"&#38;#60;\">]><a v=\"&e;\">&e;</a>").errors,
        0
    );
}

#[test]
fn billion_laughs_and_quadratic_blowup_finish_in_milliseconds() {
    let t = Instant::now();
    let o = check(&std::fs::read(fixtures().join("wf/hostile/billion-laughs.xml")).unwrap());
    assert_eq!(rules(&o), vec!["xml/entity-expansion"]);
    // Quadratic blowup: one 100 KB entity referenced 50,000 times (5 GB if expanded).
    let mut doc = b"<!DOCTYPE a [<!ENTITY big \"".to_vec();
    doc.extend(std::iter::repeat_n(b'x', 100_000));
    doc.extend_from_slice(b"\">]><a>");
    for _ in 0..50_000 {
        doc.extend_from_slice(b"&big;");
    }
    doc.extend_from_slice(b"</a>");
    let o = check(&doc);
    assert_eq!(rules(&o), vec!["xml/entity-expansion"]);
    assert!(
        // A generous bound against a hang or an actual expansion (5 GB), not a timing test.
        t.elapsed() < Duration::from_secs(60),
        "took {:?}",
        t.elapsed()
    );
}

#[test]
fn hostile_shapes_do_not_blow_up() {
    let t = Instant::now();
    // Deep nesting.
    let n = 200_000;
    let mut doc = Vec::new();
    for _ in 0..n {
        doc.extend_from_slice(b"<a>");
    }
    for _ in 0..n {
        doc.extend_from_slice(b"</a>");
    }
    assert_eq!(check(&doc).errors, 0);
    // Deeply chained entities (recursion is bounded, no stack overflow), in content and attributes.
    let mut doc = b"<!DOCTYPE a [<!ENTITY e0 \"x\">".to_vec();
    for i in 1..20_000 {
        doc.extend_from_slice(format!("<!ENTITY e{i} \"&e{};\">", i - 1).as_bytes());
    }
    doc.extend_from_slice(b"]><a v=\"&e19999;\">&e19999;</a>");
    let o = check(&doc);
    assert_eq!(
        rules(&o),
        vec!["xml/entity-attr", "xml/entity-content"],
        "{:?}",
        o.issues
    );
    assert!(
        o.issues[1].message.contains("levels deep"),
        "{:?}",
        o.issues
    );
    // Parameter-entity laughs: `&#37;` puts PE references into replacement texts.
    let mut doc = b"<!DOCTYPE a [<!ENTITY % p0 \"<!-- x -->\">".to_vec();
    for i in 1..12 {
        let refs = format!("&#37;p{};", i - 1).repeat(10);
        doc.extend_from_slice(format!("<!ENTITY % p{i} \"{refs}\">").as_bytes());
    }
    doc.extend_from_slice(b"%p11;]><a/>");
    let o = check(&doc);
    assert!(
        rules(&o).contains(&"xml/entity-expansion"),
        "{:?}",
        o.issues
    );
    // Deeply nested content-model groups.
    let mut doc = b"<!DOCTYPE a [<!ELEMENT a ".to_vec();
    doc.extend(std::iter::repeat_n(b'(', 100_000));
    doc.extend_from_slice(b"b");
    doc.extend(std::iter::repeat_n(b')', 100_000));
    doc.extend_from_slice(b">]><a/>");
    assert_eq!(rules(&check(&doc)), vec!["xml/dtd"]);
    // Many attributes, all distinct, then one duplicate.
    let mut doc = b"<a".to_vec();
    for i in 0..50_000 {
        doc.extend_from_slice(format!(" a{i}=\"1\"").as_bytes());
    }
    doc.extend_from_slice(b" a7=\"2\"/>");
    assert_eq!(rules(&check(&doc)), vec!["xml/attr-duplicate"]);
    // A million bad characters count once.
    let mut doc = b"<a>".to_vec();
    doc.extend(std::iter::repeat_n(1u8, 1_000_000));
    doc.extend_from_slice(b"</a>");
    assert_eq!(check(&doc).errors, 1);
    // A million errors are counted, at most 200 listed.
    let mut doc = b"<a>".to_vec();
    for _ in 0..1_000_000 {
        doc.extend_from_slice(b"& ");
    }
    doc.extend_from_slice(b"</a>");
    let o = check(&doc);
    assert_eq!(o.errors, 1_000_000);
    assert_eq!(o.issues.len(), checker::MAX_LISTED);
    assert!(
        // A generous bound against a hang or quadratic time, not a timing test.
        t.elapsed() < Duration::from_secs(120),
        "took {:?}",
        t.elapsed()
    );
}

struct Trickle<'a>(&'a [u8], usize);

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.1.min(buf.len()).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn streaming_gives_the_same_result_at_every_chunk_boundary() {
    for p in all_fixture_files() {
        if p.extension().is_some_and(|x| x == "md") || p.to_string_lossy().contains("encoding") {
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        let mem = checker::check_bytes(&bytes, Opts::default());
        for step in [1, 2, 3, 7] {
            let s = checker::check_reader(&mut Trickle(&bytes, step), Opts::default());
            assert_eq!(
                s.issues,
                mem.issues,
                "{} with {step}-byte reads",
                p.display()
            );
            assert_eq!((s.errors, s.warnings), (mem.errors, mem.warnings));
        }
    }
}

#[test]
fn streaming_non_ascii_names_values_and_dtd_literals_across_refills() {
    let mut doc =
        "<!DOCTYPE é [<!ENTITY ü \"ü€😀\"><!ENTITY ext SYSTEM \"ü.dtd\">]>\n<é xmlns:p=\"urn:ü\">"
            .to_string();
    for i in 0..3000 {
        doc.push_str(&format!(
            "<p:ñ{i} p:ä=\"ö{i}€\" q=\"&ü;\">&ü; 😀</p:ñ{i}>\n"
        ));
    }
    doc.push_str("<bad>&</bad></é>\n");
    let bytes = doc.as_bytes();
    let mem = checker::check_bytes(bytes, Opts::default());
    assert_eq!(mem.errors, 1, "{:?}", mem.issues);
    for step in [1, 3, 5, 4096] {
        let s = checker::check_reader(&mut Trickle(bytes, step), Opts::default());
        assert_eq!(s.issues, mem.issues, "{step}-byte reads");
    }
}

#[test]
fn large_files_stream_from_disk_with_positions() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("big.xml");
    let mut doc = b"<?xml version=\"1.0\"?>\n<rows>\n".to_vec();
    let rows = 60_000;
    for i in 0..rows {
        doc.extend_from_slice(
            format!("  <row id=\"{i}\" name=\"n&amp;{i}\">caf\u{e9} {i}</row>\n").as_bytes(),
        );
    }
    doc.extend_from_slice(b"  <bad>x & y</bad>\n</rows>\n");
    std::fs::write(&path, &doc).unwrap();
    assert!(doc.len() > 2 * 1024 * 1024);
    let o = check_xml_file_streaming(&path, false).unwrap();
    assert_eq!(o.errors, 1, "{:?}", o.issues);
    assert_eq!((o.issues[0].line, o.issues[0].col), (rows + 3, 10));
    // Through the gate, with a small streaming threshold.
    let out = run_for_test("xml", "stream_above = 1024", d.path()).unwrap();
    assert_eq!(metric(&out.metrics, "errors"), 1.0);
    assert!(
        out.notes
            .iter()
            .any(|n| n.contains("1 large files streamed")),
        "{:?}",
        out.notes
    );
}

fn xorshift(state: &mut u64) -> u64 {
    let mut x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    x
}

#[test]
fn prefixes_and_random_bytes_never_panic_and_errors_have_positions() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for p in all_fixture_files() {
        let bytes = std::fs::read(&p).unwrap();
        let md = p.extension().is_some_and(|x| x == "md");
        for k in 0..=bytes.len() {
            let o = if md {
                gatekeep::gates::xml::markdown::check(&bytes[..k], true).0
            } else {
                check_xml_bytes(&bytes[..k], true)
            };
            for i in &o.issues {
                assert!(i.line >= 1 && i.col >= 1, "{}: {:?}", p.display(), i);
            }
        }
        for _ in 0..20 {
            let mut b = bytes.clone();
            for _ in 0..4 {
                if b.is_empty() {
                    break;
                }
                let at = (xorshift(&mut seed) as usize) % b.len();
                b[at] = xorshift(&mut seed) as u8;
            }
            let _ = check_xml_bytes(&b, true);
            let _ = gatekeep::gates::xml::markdown::check(&b, true);
        }
    }
    for _ in 0..200 {
        let len = (xorshift(&mut seed) % 300) as usize;
        let b: Vec<u8> = (0..len)
            .map(|_| {
                let r = xorshift(&mut seed);
                // Mostly markup characters, to reach deep states.
                b"<>&;/!?[]-=\"' axyz:#%\n\xc3\xa9\x00"[(r % 24) as usize]
            })
            .collect();
        let _ = check_xml_bytes(&b, true);
        let _ = gatekeep::gates::xml::markdown::check(&b, true);
        let _ = checker::check_bytes(
            &b,
            Opts {
                mode: Mode::Region,
                ..Opts::default()
            },
        );
    }
}

fn metric(ms: &[gatekeep::model::Metric], name: &str) -> f64 {
    ms.iter()
        .find(|m| m.name == name)
        .map(|m| m.value)
        .unwrap_or(f64::NAN)
}

fn md_options() -> &'static str {
    "markdown = [\".claude/commands/**/*.md\"]\n\
     [[require]]\n\
     glob = \".claude/commands/**/*.md\"\n\
     root = \"command\"\n\
     elements = [\"metadata/name\", \"description\"]\n"
}

fn show(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {}",
                f.path.as_deref().unwrap_or(""),
                f.line.unwrap_or(0),
                f.column.unwrap_or(0),
                f.rule
            )
        })
        .collect()
}

#[test]
fn prompt_templates_mixed_markdown_and_xml_fail_with_positions() {
    let out = run_for_test("xml", md_options(), &fixtures().join("markdown/broken")).unwrap();
    assert_eq!(
        show(&out.findings),
        vec![
            ".claude/commands/deploy.md:11:24 xml/autolink",
            ".claude/commands/deploy.md:12:1 xml/tag-mismatch",
            ".claude/commands/deploy.md:16:29 xml/tag-mismatch",
            ".claude/commands/review-pr.md:8:39 xml/amp",
            ".claude/commands/review-pr.md:10:1 xml/tag-mismatch",
            ".claude/commands/review-pr.md:15:33 xml/unclosed",
            ".claude/commands/review-pr.md:15:35 xml/tag",
            ".claude/commands/review-pr.md:15:41 xml/amp",
            ".claude/commands/review-pr.md:18:1 xml/tag-mismatch",
            ".claude/commands/review-pr.md:23:21 xml/amp",
            ".claude/commands/review-pr.md:23:22 xml/amp",
        ]
    );
    assert_eq!(metric(&out.metrics, "errors"), 11.0);
    assert_eq!(metric(&out.metrics, "files"), 2.0);
    assert_eq!(metric(&out.metrics, "invalid_files"), 2.0);
    let m = &out.findings[1].message;
    assert_eq!(
        m,
        "expected </description>, found </examples>; <description> opened at 10:1"
    );
}

#[test]
fn prompt_templates_fixed_with_cdata_pass() {
    let out = run_for_test("xml", md_options(), &fixtures().join("markdown/fixed")).unwrap();
    assert!(out.findings.is_empty(), "{:?}", show(&out.findings));
    assert_eq!(metric(&out.metrics, "errors"), 0.0);
    assert_eq!(metric(&out.metrics, "files"), 2.0);
    assert_eq!(metric(&out.metrics, "invalid_files"), 0.0);
}

#[test]
fn require_rules_report_missing_structure() {
    let d = tempfile::tempdir().unwrap();
    let c = d.path().join(".claude/commands");
    std::fs::create_dir_all(&c).unwrap();
    std::fs::write(
        c.join("a.md"),
        "<command>\n<description>x</description>\n</command>\n",
    )
    .unwrap();
    std::fs::write(c.join("b.md"), "# no template at all\n").unwrap();
    std::fs::write(
        c.join("c.md"),
        "<cmd><metadata><name>c</name></metadata><description/></cmd>\n",
    )
    .unwrap();
    // The require glob alone selects the files.
    let opts = "[[require]]\nglob = \".claude/commands/*.md\"\nroot = \"command\"\nelements = [\"metadata/name\", \"description\"]\n";
    let out = run_for_test("xml", opts, d.path()).unwrap();
    let msgs: Vec<String> = out
        .findings
        .iter()
        .map(|f| format!("{} {}", f.path.as_deref().unwrap(), f.message))
        .collect();
    assert_eq!(
        msgs,
        vec![
            ".claude/commands/a.md required element <command>/metadata/name is missing; rule `.claude/commands/*.md`",
            ".claude/commands/b.md required root element <command> not found (found no XML element); rule `.claude/commands/*.md`",
            ".claude/commands/c.md required root element <command> not found (found root element <cmd>); rule `.claude/commands/*.md`",
        ]
    );
    assert_eq!(metric(&out.metrics, "errors"), 3.0);
    assert_eq!(metric(&out.metrics, "invalid_files"), 3.0);
}

#[test]
fn markdown_html_constructs() {
    let md = "Intro <br> and <https://example.com> & `<x>`.\n\n<br>\n<hr/>\n<!-- <unclosed> -->\n\n<note>\nline one<br/>\nsee &lt;https://x.org&gt; <![CDATA[<https://y.org> & more]]>\n<!-- an XML comment -->\n</note>\n\n    <indented> code block\n";
    let (o, stats) = gatekeep::gates::xml::markdown::check(md.as_bytes(), false);
    assert_eq!(o.errors, 0, "{:?}", o.issues);
    assert_eq!(stats.regions, 1);
    // A region that never closes runs to the end of the file.
    let (o, _) = gatekeep::gates::xml::markdown::check(b"<a>\ntext\n\nmore\n", false);
    assert_eq!(rules(&o), vec!["xml/unclosed"]);
    // `--` in a comment inside a region is an XML error.
    let (o, _) = gatekeep::gates::xml::markdown::check(b"<a>\n<!-- x -- y -->\n</a>\n", false);
    assert_eq!(rules(&o), vec!["xml/comment"]);
}

#[test]
fn gate_metrics_and_findings_on_a_repo() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("conf")).unwrap();
    std::fs::write(d.path().join("conf/ok.xml"), "<a/>").unwrap();
    std::fs::write(d.path().join("conf/bad.xml"), "<a>\n  <b>\n</a>\n").unwrap();
    std::fs::write(
        d.path().join("conf/ext.xml"),
        "<!DOCTYPE a SYSTEM \"a.dtd\"><a/>",
    )
    .unwrap();
    std::fs::write(d.path().join("README.md"), "<x>").unwrap();
    let out = run_for_test("xml", "", d.path()).unwrap();
    assert_eq!(metric(&out.metrics, "errors"), 1.0);
    assert_eq!(metric(&out.metrics, "warnings"), 1.0);
    assert_eq!(metric(&out.metrics, "files"), 3.0);
    assert_eq!(metric(&out.metrics, "invalid_files"), 1.0);
    assert_eq!(
        show(&out.findings),
        vec![
            "conf/bad.xml:3:1 xml/tag-mismatch",
            "conf/ext.xml:1:13 xml/xxe"
        ]
    );
    assert_eq!(
        out.findings[0].message,
        "expected </b>, found </a>; <b> opened at 2:3"
    );
}

#[test]
fn no_files_is_an_error_not_a_pass() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("a.txt"), "x").unwrap();
    let e = run_for_test("xml", "markdown = [\"docs/**/*.md\"]", d.path()).unwrap_err();
    assert!(e.to_string().contains("nothing to check"), "{e}");
}

#[test]
fn options_are_validated() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("a.xml"), "<a/>").unwrap();
    let e = run_for_test("xml", "markdwn = [\"*.md\"]", d.path())
        .unwrap_err()
        .to_string();
    assert!(e.contains("unknown key `markdwn`"), "{e}");
    let e = run_for_test(
        "xml",
        "[[require]]\nglob = \"*.md\"\nroot = \"1x\"\n",
        d.path(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("not an XML element name"), "{e}");
    let e = run_for_test(
        "xml",
        "[[require]]\nglob = \"*.md\"\nroot = \"x\"\nelment = []\n",
        d.path(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("unknown key `elment`"), "{e}");
    let e = run_for_test("xml", "markdown = [\"../x/*.md\"]", d.path())
        .unwrap_err()
        .to_string();
    assert!(e.contains("leaves the repository"), "{e}");
    let e = run_for_test("xml", "stream_above = 0", d.path())
        .unwrap_err()
        .to_string();
    assert!(e.contains("positive"), "{e}");
}

#[test]
fn kind_doc_is_complete() {
    let k = gatekeep::gates::kind("xml").unwrap();
    let doc = k.doc();
    for word in [
        "recovery",
        "XXE",
        "CDATA",
        "<br>",
        "autolink",
        "stream",
        "quick-xml",
        "external = \"local\"",
        "validate = \"dtd\"",
        "xml/invalid-",
    ] {
        assert!(doc.description.contains(word), "explain lacks {word}");
    }
    // errors, warnings, invalid, not_valid_files, files, invalid_files, and with a base
    // new_errors, fixed_errors.
    assert_eq!(doc.metrics.len(), 8);
    assert!(
        doc.description.contains("new_errors"),
        "explain lacks new_errors"
    );
    assert!(doc.example.contains("[[gates.xml.require]]"));
}

#[test]
fn the_documented_example_config_loads() {
    let doc = gatekeep::gates::kind("xml").unwrap().doc();
    let d = tempfile::tempdir().unwrap();
    let cfg = gatekeep::config::parse(
        doc.example,
        "gates.toml",
        gatekeep::config::Syntax::Toml,
        d.path(),
    );
    assert!(cfg.is_ok(), "{:?}", cfg.err().map(|e| e.to_string()));
    let cfg = cfg.unwrap();
    assert_eq!(cfg.gates.len(), 1);
    assert_eq!(
        cfg.gates[0].include,
        vec!["**/*.xml", "**/*.xsd", "**/*.svg"]
    );
}
