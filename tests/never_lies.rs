//! Regressions of issue 18 ("never lies under damage"), report-parser part, and of the LCOV /
//! XML-prolog tolerance of issue 19: each test is named after the item it proves.

use gatekeep::gates::GateOutput;
use gatekeep::gates::run_for_test;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn metric(o: &GateOutput, name: &str) -> Option<f64> {
    o.metrics.iter().find(|m| m.name == name).map(|m| m.value)
}

/// Runs `kind` with `options` over a temporary repo holding `files`.
fn run_with(
    kind: &str,
    options: &str,
    files: &[(&str, &[u8])],
) -> (tempfile::TempDir, anyhow::Result<GateOutput>) {
    let d = tempfile::tempdir().unwrap();
    for (name, body) in files {
        let p = d.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(p, body).unwrap();
    }
    let r = run_for_test(kind, options, d.path());
    (d, r)
}

fn error_of(kind: &str, options: &str, files: &[(&str, &[u8])]) -> String {
    match run_with(kind, options, files).1 {
        Ok(o) => panic!("expected an error, got metrics {:?}", o.metrics),
        Err(e) => format!("{e:#}"),
    }
}

fn ok_of(kind: &str, options: &str, files: &[(&str, &[u8])]) -> GateOutput {
    match run_with(kind, options, files).1 {
        Ok(o) => o,
        Err(e) => panic!("expected figures, got {e:#}"),
    }
}

/// `path:line:col:` at the start of an error message.
fn position(e: &str, path: &str) -> (u64, u64) {
    let rest = e
        .strip_prefix(&format!("{path}:"))
        .unwrap_or_else(|| panic!("no `{path}:` prefix: {e}"));
    let mut it = rest.splitn(3, ':');
    let line = it.next().and_then(|s| s.parse().ok());
    let col = it.next().and_then(|s| s.parse().ok());
    match (line, col) {
        (Some(l), Some(c)) => (l, c),
        _ => panic!("no line:col after `{path}:`: {e}"),
    }
}

// ---------- item 1: damaged XML elements are never dropped ----------

const JUNIT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="s" tests="2" failures="1">
  <testcase classname="C" name="a"/>
  <testcase classname="C" name="b"><failure message="boom">trace</failure></testcase>
</testsuite>
"#;

#[test]
fn item1_junit_intact_report_counts_the_failure() {
    let o = ok_of(
        "junit",
        "reports = [\"junit.xml\"]",
        &[("junit.xml", JUNIT.as_bytes())],
    );
    assert_eq!(metric(&o, "failed"), Some(1.0));
    assert_eq!(metric(&o, "tests"), Some(2.0));
}

#[test]
fn item1_junit_split_failure_tag_is_an_error_with_position() {
    let damaged = JUNIT.replace(
        "<failure message=\"boom\">trace</failure>",
        "<fail ure message=\"boom\"/>",
    );
    let e = error_of(
        "junit",
        "reports = [\"junit.xml\"]",
        &[("junit.xml", damaged.as_bytes())],
    );
    assert_eq!(position(&e, "junit.xml").0, 4, "{e}");
    assert!(e.contains("malformed JUnit XML"), "{e}");
}

#[test]
fn item1_junit_split_testcase_tag_is_an_error() {
    let damaged = JUNIT.replace(
        "<testcase classname=\"C\" name=\"b\">",
        "<test case classname=\"C\" name=\"b\">",
    );
    let e = error_of(
        "junit",
        "reports = [\"junit.xml\"]",
        &[("junit.xml", damaged.as_bytes())],
    );
    assert_eq!(position(&e, "junit.xml").0, 4, "{e}");
}

#[test]
fn item1_junit_unknown_element_in_testcase_is_an_error() {
    // Well-formed, but `<failur>` may be the failure: never read as a pass.
    let damaged = JUNIT.replace(
        "<failure message=\"boom\">trace</failure>",
        "<failur message=\"boom\">trace</failur>",
    );
    let e = error_of(
        "junit",
        "reports = [\"junit.xml\"]",
        &[("junit.xml", damaged.as_bytes())],
    );
    assert_eq!(position(&e, "junit.xml").0, 4, "{e}");
    assert!(
        e.contains("unknown element <failur> inside <testcase>"),
        "{e}"
    );
}

#[test]
fn item1_junit_unknown_element_in_testsuite_is_an_error() {
    let damaged = JUNIT.replace(
        "<testcase classname=\"C\" name=\"a\"/>",
        "<testcas classname=\"C\" name=\"a\"/>",
    );
    let e = error_of(
        "junit",
        "reports = [\"junit.xml\"]",
        &[("junit.xml", damaged.as_bytes())],
    );
    assert!(
        e.contains("unknown element <testcas> inside <testsuite>"),
        "{e}"
    );
}

const COBERTURA: &str = r#"<?xml version="1.0" ?>
<coverage version="7.4" lines-valid="2" lines-covered="1" line-rate="0.5">
  <packages>
    <package name="p">
      <classes>
        <class name="a" filename="a.py">
          <lines>
            <line number="1" hits="1"/>
            <line number="2" hits="0"/>
          </lines>
        </class>
      </classes>
    </package>
  </packages>
</coverage>
"#;

#[test]
fn item1_cobertura_intact_report_is_fifty_percent() {
    let o = ok_of(
        "coverage",
        "reports = [\"coverage.xml\"]",
        &[("coverage.xml", COBERTURA.as_bytes())],
    );
    assert_eq!(metric(&o, "line"), Some(50.0));
}

#[test]
fn item1_cobertura_split_line_tag_is_an_error_not_full_coverage() {
    let damaged = COBERTURA.replace("<line number=\"2\"", "<li ne number=\"2\"");
    let e = error_of(
        "coverage",
        "reports = [\"coverage.xml\"]",
        &[("coverage.xml", damaged.as_bytes())],
    );
    assert_eq!(position(&e, "coverage.xml"), (9, 17), "{e}");
    assert!(e.contains("not well-formed XML"), "{e}");
}

#[test]
fn item1_cobertura_unknown_element_in_lines_is_an_error() {
    let damaged = COBERTURA.replace("<line number=\"2\"", "<lin number=\"2\"");
    let e = error_of(
        "coverage",
        "reports = [\"coverage.xml\"]",
        &[("coverage.xml", damaged.as_bytes())],
    );
    assert_eq!(position(&e, "coverage.xml").0, 9, "{e}");
    assert!(e.contains("unknown element `<lin>`"), "{e}");
}

/// A line of each real XML report renamed (`<line` → `<li ne`, well-formed `<lin`) is an error.
#[test]
fn item1_clover_opencover_jacoco_damaged_elements_are_errors() {
    for (rel, tag) in [
        ("coverage/php/byte-buffer-clover.xml", "<line "),
        ("coverage/js/nyc/clover.xml", "<line "),
        ("coverage/dotnet/coverage.opencover.xml", "<SequencePoint "),
        ("coverage/java/pureedgesim-jacoco.xml", "<line "),
        ("coverage/c/gcovr-jacoco.xml", "<line "),
        (
            "coverage/sonarqube/sonarqube-scanner-test.xml",
            "<lineToCover ",
        ),
        (
            "coverage/sonarqube/gcovr-8.8-sonarqube.xml",
            "<lineToCover ",
        ),
    ] {
        let text = std::fs::read_to_string(fixture(rel)).unwrap();
        let name = rel.rsplit('/').next().unwrap();
        assert!(text.contains(tag), "{rel}");
        let split = format!("{} {}", &tag[..3], &tag[3..]);
        let renamed = format!("{}X ", tag.trim_end());
        for damaged in [
            text.replacen(tag, &split, 1),
            text.replacen(tag, &renamed, 1),
        ] {
            let e = error_of(
                "coverage",
                &format!("reports = [\"{name}\"]"),
                &[(name, damaged.as_bytes())],
            );
            let (line, _) = position(&e, name);
            let want = text[..text.find(tag).unwrap()].matches('\n').count() as u64 + 1;
            assert_eq!(line, want, "{rel}: {e}");
        }
    }
}

#[test]
fn item1_truncated_cobertura_is_an_error_with_position() {
    let cut = &COBERTURA[..COBERTURA.find("</lines>").unwrap()];
    let e = error_of(
        "coverage",
        "reports = [\"coverage.xml\"]",
        &[("coverage.xml", cut.as_bytes())],
    );
    let (line, col) = position(&e, "coverage.xml");
    assert!(line >= 1 && col >= 1, "{e}");
    assert!(e.contains("never closed"), "{e}");
}

// ---------- item 2 and issue 19: LCOV records ----------

const LCOV: &str =
    "TN:\nSF:src/a.c\nDA:1,1\nDA:2,0\nBRDA:1,0,0,1\nBRDA:1,0,1,0\nLF:2\nLH:1\nend_of_record\n";

#[test]
fn item2_lcov_unknown_record_is_an_error_with_its_line() {
    let damaged = LCOV.replace("DA:2,0", "XA:2,0");
    let e = error_of(
        "coverage",
        "reports = [\"lcov.info\"]",
        &[("lcov.info", damaged.as_bytes())],
    );
    assert_eq!(position(&e, "lcov.info"), (4, 1), "{e}");
    assert!(e.contains("unknown LCOV record `XA:`"), "{e}");
}

#[test]
fn item2_lcov_garbled_lines_are_errors_never_skipped() {
    for (from, to, line) in [
        ("DA:2,0", "DA 2,0", 4),
        ("DA:2,0", "#A:2,0", 4),
        ("BRDA:1,0,1,0", "BRDA:1,0,1", 6),
        ("BRDA:1,0,1,0", "BRDA:1,0;1,0", 6),
        ("BRDA:1,0,1,0", "BRD A:1,0,1,0", 6),
        ("DA:2,0", "DA:2", 4),
        ("DA:2,0", "DA:x,0", 4),
        ("DA:2,0", "DA:2,1.5", 4),
        ("DA:2,0", "DA:2,NaN", 4),
        ("BRDA:1,0,1,0", "BRDA:1,0,1,inf", 6),
    ] {
        let damaged = LCOV.replace(from, to);
        let e = error_of(
            "coverage",
            "reports = [\"lcov.info\"]",
            &[("lcov.info", damaged.as_bytes())],
        );
        assert_eq!(position(&e, "lcov.info").0, line, "{to}: {e}");
    }
}

#[test]
fn issue19_lcov_trailing_whitespace_empty_sf_and_crlf_are_read() {
    let intact = ok_of(
        "coverage",
        "reports = [\"lcov.info\"]",
        &[("lcov.info", LCOV.as_bytes())],
    );
    let tolerant = LCOV.replace('\n', " \r\n");
    let o = ok_of(
        "coverage",
        "reports = [\"lcov.info\"]",
        &[("lcov.info", tolerant.as_bytes())],
    );
    assert_eq!(metric(&o, "line"), metric(&intact, "line"));
    assert_eq!(metric(&o, "branch"), metric(&intact, "branch"));
    let empty_sf = LCOV.replace("SF:src/a.c", "SF:").replace('\n', "\r\n");
    let o = ok_of(
        "coverage",
        "reports = [\"lcov.info\"]",
        &[("lcov.info", empty_sf.as_bytes())],
    );
    assert_eq!(metric(&o, "line"), Some(50.0));
}

#[test]
fn issue19_xml_prolog_comment_and_pi_before_root_are_skipped() {
    let with_prolog = COBERTURA.replacen(
        "<coverage ",
        "<!-- generated by <gcovr> for <coverage> -->\n<?xml-stylesheet href=\"c.xsl\"?>\n<!DOCTYPE coverage [ <!ENTITY x \"<y>\"> ]>\n<coverage ",
        1,
    );
    let o = ok_of(
        "coverage",
        "reports = [\"coverage.xml\"]",
        &[("coverage.xml", with_prolog.as_bytes())],
    );
    assert_eq!(metric(&o, "line"), Some(50.0));
}

// ---------- item 4: SARIF severities ----------

fn sarif_with(score: &str) -> String {
    format!(
        r#"{{"version":"2.1.0","runs":[{{"tool":{{"driver":{{"name":"scanner","rules":[{{"id":"r1","properties":{{"security-severity":{score}}}}}]}}}},
"results":[{{"ruleId":"r1","ruleIndex":0,"level":"error","message":{{"text":"bad"}},
"locations":[{{"physicalLocation":{{"artifactLocation":{{"uri":"src/a%20b.py"}},"region":{{"startLine":3}}}}}}]}}]}}]}}"#
    )
}

#[test]
fn item4_sarif_odd_security_severity_falls_back_to_level() {
    for score in [
        "\"NaN\"", "\"-8.1\"", "\"0\"", "0", "-1", "\"inf\"", "\"11\"", "\"x\"",
    ] {
        let o = ok_of(
            "security",
            "builtin = false\nreports = [\"scan.sarif\"]\n",
            &[("scan.sarif", sarif_with(score).as_bytes())],
        );
        assert_eq!(metric(&o, "high"), Some(1.0), "{score}: {:?}", o.metrics);
        assert_eq!(metric(&o, "total"), Some(1.0), "{score}");
        let f = &o.findings[0];
        assert_eq!(f.path.as_deref(), Some("src/a b.py"), "{score}");
    }
}

#[test]
fn item4_total_counts_every_finding_info_included() {
    let doc = sarif_with("\"9.5\"").replace("\"level\":\"error\"", "\"level\":\"none\"");
    let doc = doc.replace("\"security-severity\":\"9.5\"", "\"x\":1");
    let o = ok_of(
        "security",
        "builtin = false\nreports = [\"scan.sarif\"]\n",
        &[("scan.sarif", doc.as_bytes())],
    );
    assert_eq!(metric(&o, "total"), Some(1.0), "{:?}", o.metrics);
}

// ---------- item 9: JUnit linear in nesting depth ----------

#[test]
fn item9_junit_deep_nesting_is_read_in_linear_time() {
    let depth = 100_000;
    let mut doc = String::from("<testsuite><testcase name=\"t\"><failure message=\"m\">");
    doc.push_str(&"<x>".repeat(depth));
    doc.push_str(&"</x>".repeat(depth));
    doc.push_str("</failure></testcase></testsuite>");
    let t = std::time::Instant::now();
    let r = gatekeep::gates::junit::parse::parse(doc.as_bytes(), &mut Vec::new()).unwrap();
    assert_eq!(r.counts.failed, 1);
    // A bound against the quadratic behaviour (30 s in release before), not a timing assertion.
    assert!(t.elapsed().as_secs() < 60, "{:?}", t.elapsed());
}

// ---------- item 13: minor lies ----------

#[test]
fn item13_cobertura_error_position_is_the_tag_line() {
    let damaged = COBERTURA.replace(
        "<line number=\"2\" hits=\"0\"/>",
        "<line number=\"2\" hits=\"zero\"/>",
    );
    let e = error_of(
        "coverage",
        "reports = [\"coverage.xml\"]",
        &[("coverage.xml", damaged.as_bytes())],
    );
    assert_eq!(position(&e, "coverage.xml"), (9, 13), "{e}");
}

#[test]
fn item13_junit_entity_from_internal_dtd_is_resolved() {
    let doc = r#"<?xml version="1.0"?>
<!DOCTYPE testsuite [
  <!ENTITY proj "acme">
  <!ENTITY full "&proj; core">
]>
<testsuite name="&full;">
  <testcase classname="&proj;.C" name="a"><failure message="&full; broke">x &proj; y</failure></testcase>
</testsuite>
"#;
    let o = ok_of(
        "junit",
        "reports = [\"junit.xml\"]",
        &[("junit.xml", doc.as_bytes())],
    );
    assert_eq!(metric(&o, "failed"), Some(1.0));
    let f = o
        .findings
        .iter()
        .find(|f| f.rule == "junit/failed")
        .unwrap();
    assert!(
        f.message.contains("acme.C::a: acme core broke"),
        "{}",
        f.message
    );
}

fn with_bom(b: &[u8]) -> Vec<u8> {
    let mut v = b"\xEF\xBB\xBF".to_vec();
    v.extend_from_slice(b);
    v
}

#[test]
fn item13_bom_json_and_lcov_reports_are_read() {
    for rel in [
        "coverage/python/coverage.json",
        "coverage/python/coverage.lcov",
        "coverage/rust/llvm-cov.json",
        "coverage/js/nyc/coverage-final.json",
    ] {
        let body = std::fs::read(fixture(rel)).unwrap();
        let name = rel.rsplit('/').next().unwrap();
        let opts = format!("reports = [\"{name}\"]");
        let plain = ok_of("coverage", &opts, &[(name, &body)]);
        let bom = ok_of("coverage", &opts, &[(name, &with_bom(&body))]);
        assert_eq!(metric(&bom, "line"), metric(&plain, "line"), "{rel}");
    }
    let hf = std::fs::read(fixture("perf/hyperfine/hyperfine.json")).unwrap();
    let o = ok_of(
        "perf",
        "sources = [{ path = \"h.json\", name = \"cli\" }]",
        &[("h.json", &with_bom(&hf))],
    );
    assert!(!o.metrics.is_empty());
    let o = ok_of(
        "security",
        "builtin = false\nreports = [\"scan.sarif\"]\n",
        &[("scan.sarif", &with_bom(sarif_with("\"8\"").as_bytes()))],
    );
    assert_eq!(metric(&o, "high"), Some(1.0));
}

#[test]
fn item13_extra_leading_key_does_not_break_json_detection() {
    let pad = "x".repeat(80 * 1024);
    for rel in [
        "coverage/python/coverage.json",
        "coverage/rust/llvm-cov.json",
    ] {
        let body = std::fs::read_to_string(fixture(rel)).unwrap();
        let name = rel.rsplit('/').next().unwrap();
        let opts = format!("reports = [\"{name}\"]");
        let plain = ok_of("coverage", &opts, &[(name, body.as_bytes())]);
        let extra = body.replacen('{', &format!("{{\"comment\": \"{pad}\", "), 1);
        let o = ok_of("coverage", &opts, &[(name, extra.as_bytes())]);
        assert_eq!(metric(&o, "line"), metric(&plain, "line"), "{rel}");
    }
    let hf = std::fs::read_to_string(fixture("perf/hyperfine/hyperfine.json")).unwrap();
    let extra = hf.replacen('{', &format!("{{\"comment\": \"{pad}\", "), 1);
    let o = ok_of(
        "perf",
        "sources = [{ path = \"h.json\", name = \"cli\" }]",
        &[("h.json", extra.as_bytes())],
    );
    assert!(!o.metrics.is_empty());
}

#[test]
fn item13_sarif_output_uris_are_percent_encoded() {
    use gatekeep::report::sarif::uri_of;
    assert_eq!(uri_of("src/a b.rs"), "src/a%20b.rs");
    assert_eq!(uri_of("src/100%/x#1?.rs"), "src/100%25/x%231%3F.rs");
    assert_eq!(uri_of("c:/dir/é.py"), "c%3A/dir/%C3%A9.py");
    assert_eq!(uri_of("plain/path_1-2.~x"), "plain/path_1-2.~x");
    assert_eq!(uri_of("src/config,loader@v2.py"), "src/config,loader@v2.py");
    assert_eq!(uri_of("a\\b [1].rs"), "a%5Cb%20%5B1%5D.rs");
}

/// A renamed key that holds data (found by the fuzzer): the JSON readers do not fall back to an
/// empty default that would drop uncovered code.
#[test]
fn item1_json_reports_with_a_renamed_data_key_are_errors() {
    for (rel, key) in [
        ("coverage/python/coverage.json", "\"missing_branches\": ["),
        ("coverage/rust/llvm-cov-branch.json", "\"segments\""),
        ("coverage/rust/llvm-cov-branch.json", "\"branches\":["),
        ("coverage/js/nyc/coverage-final.json", "\"statementMap\""),
    ] {
        let text = std::fs::read_to_string(fixture(rel)).unwrap();
        assert!(text.contains(key), "{rel} {key}");
        let damaged = text.replacen(key, &key.replacen('s', "z", 1), 1);
        let name = rel.rsplit('/').next().unwrap();
        let e = error_of(
            "coverage",
            &format!("reports = [\"{name}\"]"),
            &[(name, damaged.as_bytes())],
        );
        assert!(e.starts_with(&format!("{name}:")), "{rel} {key}: {e}");
    }
}

/// Istanbul: a renamed `b` or a deleted branch count (found by the long fuzz run: branch
/// coverage rose from 60% to 62.5%) is an ERROR, never fewer branches.
#[test]
fn item1_istanbul_branch_counts_must_match_the_branch_map() {
    let rel = "coverage/js/nyc/coverage-final.json";
    let text = std::fs::read_to_string(fixture(rel)).unwrap();
    let renamed = text.replacen("\"b\":", "\"bx\":", 1);
    let short = text.replacen("\"0\":[0,1]", "\"0\":[1]", 1);
    assert_ne!(renamed, text);
    assert_ne!(short, text, "the sample's first branch point");
    for (damaged, want) in [(renamed, "has no counts in `b`"), (short, "2 locations")] {
        let e = error_of(
            "coverage",
            "reports = [\"coverage-final.json\"]",
            &[("coverage-final.json", damaged.as_bytes())],
        );
        assert!(
            e.starts_with("coverage-final.json:") && e.contains(want),
            "{e}"
        );
    }
}

/// Counts too large for 64 bits (found by the fuzzer: an overflow panic in debug builds, a
/// wrapped sum in release) saturate.
#[test]
fn item1_huge_counts_saturate_never_overflow() {
    let big = "99999999999999999999999";
    let jacoco = format!(
        r#"<?xml version="1.0"?><report name="r"><package name="p"><sourcefile name="a.c"><line nr="1" mi="{big}" ci="{big}" mb="{big}" cb="{big}"/><counter type="LINE" missed="{big}" covered="{big}"/></sourcefile><counter type="LINE" missed="{big}" covered="{big}"/></package><counter type="LINE" missed="{big}" covered="{big}"/></report>"#
    );
    let clover = format!(
        r#"<?xml version="1.0"?><coverage clover="4"><project><metrics statements="2" coveredstatements="1" conditionals="4" coveredconditionals="2"/><file name="a.c" path="a.c"><line num="1" type="cond" truecount="{big}" falsecount="{big}"/><line num="2" type="cond" truecount="{big}" falsecount="{big}"/></file></project></coverage>"#
    );
    let lcov = "SF:a.c\nDA:1,1\nLF:9999999999999999999\nLH:9999999999999999999\nend_of_record\nSF:b.c\nDA:1,0\nLF:9999999999999999999\nLH:9999999999999999999\nend_of_record\n";
    for (name, body) in [
        ("jacoco.xml", jacoco.as_str()),
        ("clover.xml", clover.as_str()),
        ("lcov.info", lcov),
    ] {
        let o = ok_of(
            "coverage",
            &format!("reports = [\"{name}\"]"),
            &[(name, body.as_bytes())],
        );
        assert!(metric(&o, "line").is_some(), "{name}");
    }
}
