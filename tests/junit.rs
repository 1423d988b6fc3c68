//! The `junit` gate kind against real reports of pytest, cargo-nextest, jest-junit,
//! go-junit-report and Maven Surefire (see `fixtures/junit/README.md`).

use gatekeep::gates::GateOutput;
use gatekeep::gates::junit::parse;
use gatekeep::gates::run_for_test;
use gatekeep::model::{Finding, Severity};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/junit")
}

fn run(dir: &str, reports: &str) -> GateOutput {
    run_for_test(
        "junit",
        &format!("reports = [{reports}]"),
        &fixtures().join(dir),
    )
    .unwrap_or_else(|e| panic!("{dir} {reports}: {e:#}"))
}

fn metric(out: &GateOutput, name: &str) -> Option<f64> {
    out.metrics.iter().find(|m| m.name == name).map(|m| m.value)
}

/// tests, passed, failed, errors, skipped.
fn counts(out: &GateOutput) -> [u64; 5] {
    ["tests", "passed", "failed", "errors", "skipped"]
        .map(|n| metric(out, n).unwrap_or_else(|| panic!("no metric {n}")) as u64)
}

fn rules<'a>(out: &'a GateOutput, rule: &str) -> Vec<&'a Finding> {
    out.findings.iter().filter(|f| f.rule == rule).collect()
}

fn has_note(out: &GateOutput, needle: &str) -> bool {
    out.notes.iter().any(|n| n.contains(needle))
}

// ---------- per tool, exact counts ----------

#[test]
fn pytest_xunit1_with_file_and_line() {
    // pytest: "3 failed, 4 passed, 1 skipped, 1 xfailed, 1 error" (xfail is <skipped>).
    let out = run("pytest", "\"junit-xunit1.xml\"");
    assert_eq!(counts(&out), [10, 4, 3, 1, 2]);
    assert_eq!(metric(&out, "pass_rate"), Some(50.0));
    let pr = out.metrics.iter().find(|m| m.name == "pass_rate").unwrap();
    assert_eq!(pr.ratio, Some((4, 8)));
    assert!(rules(&out, "junit/headline-mismatch").is_empty());
    let failed = rules(&out, "junit/failed");
    assert_eq!(failed.len(), 3);
    let f = failed
        .iter()
        .find(|f| f.message.starts_with("tests.test_sample::test_add_wrong"))
        .unwrap();
    assert_eq!(
        f.message,
        "tests.test_sample::test_add_wrong: AssertionError: two and two make four"
    );
    // pytest writes 0-based lines: `def test_add_wrong` is on line 16 of the module.
    assert_eq!(f.path.as_deref(), Some("tests/test_sample.py"));
    assert_eq!(f.line, Some(16));
    assert_eq!(f.severity, Severity::High);
    let errors = rules(&out, "junit/error");
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].message,
        "tests.test_sample::test_uses_broken_fixture: failed on setup with \"RuntimeError: database unavailable\""
    );
    assert_eq!(errors[0].line, Some(25));
    assert!(has_note(&out, "0-based"));
}

#[test]
fn pytest_xunit2_points_at_the_report() {
    let out = run("pytest", "\"junit-xunit2.xml\"");
    assert_eq!(counts(&out), [10, 4, 3, 1, 2]);
    let f = &rules(&out, "junit/failed")[0];
    assert_eq!(f.path.as_deref(), Some("junit-xunit2.xml"));
    assert_eq!(f.line, Some(1));
    assert_eq!(
        f.message,
        "tests.test_other::test_raises_unexpected: KeyError: 'missing'"
    );
}

#[test]
fn nextest_flaky_is_passed_with_a_note() {
    // nextest: "5 tests run: 3 passed (1 flaky), 2 failed" (the #[ignore] test is not in the XML).
    let out = run("nextest", "\"junit.xml\"");
    assert_eq!(counts(&out), [5, 3, 2, 0, 0]);
    assert_eq!(metric(&out, "pass_rate"), Some(60.0));
    assert!(has_note(&out, "1 flaky test passed after failed attempts"));
    assert!(has_note(&out, "widget::tests::flaky_then_passes"));
    let failed = rules(&out, "junit/failed");
    assert_eq!(failed.len(), 2);
    assert_eq!(
        failed[0].message,
        "widget::tests::adds_wrong: thread 'tests::adds_wrong' (10369) panicked at src/lib.rs:16:9"
    );
    assert_eq!(
        (failed[0].path.as_deref(), failed[0].line),
        (Some("junit.xml"), Some(54))
    );
    assert!(rules(&out, "junit/headline-mismatch").is_empty());
}

#[test]
fn jest_junit_file_attribute_and_headline_mismatch() {
    // jest: "2 failed, 1 skipped, 1 todo, 2 passed, 6 total"; jest-junit writes the todo test
    // as a bare <testcase>, so it counts as passed, and leaves it out of its tests= headline.
    let out = run("jest", "\"junit.xml\"");
    assert_eq!(counts(&out), [6, 3, 2, 0, 1]);
    assert_eq!(metric(&out, "pass_rate"), Some(60.0));
    let failed = rules(&out, "junit/failed");
    assert_eq!(failed.len(), 2);
    assert_eq!(
        failed[0].message,
        "sum adds wrongly: Error: expect(received).toBe(expected) // Object.is equality"
    );
    assert_eq!(failed[0].path.as_deref(), Some("__tests__/sum.test.js"));
    assert_eq!(failed[0].line, None);
    assert_eq!(failed[1].message, "sum nested throws: TypeError: boom");
    let mm = rules(&out, "junit/headline-mismatch");
    assert_eq!(mm.len(), 2);
    assert_eq!(mm[0].severity, Severity::Low);
    assert_eq!(mm[0].line, Some(2));
    assert_eq!(
        mm[0].message,
        "<testsuites> `jest tests` says tests=5 where its test cases give 6; the counts use the test cases"
    );
    assert_eq!(
        mm[1].message,
        "<testsuite> `sum` says tests=4 where its test cases give 5; the counts use the test cases"
    );
    assert!(has_note(&out, "2 suite headlines disagree"));
}

#[test]
fn jest_junit_suite_errors() {
    let out = run("jest", "\"junit-suite-errors.xml\"");
    assert_eq!(counts(&out), [8, 3, 3, 1, 1]);
    let errors = rules(&out, "junit/error");
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].message,
        "Test suite failed to run::__tests__/broken.test.js: ● Test suite failed to run"
    );
    assert_eq!(rules(&out, "junit/headline-mismatch").len(), 3);
}

#[test]
fn go_junit_report_uses_the_body_when_the_message_is_a_placeholder() {
    // go test -v: TestAdd, TestTable/small, TestReverse pass; TestSkipped skips; TestAddWrong,
    // TestTable, TestTable/big and TestPanics fail.
    let out = run("go", "\"report.xml\"");
    assert_eq!(counts(&out), [8, 3, 4, 0, 1]);
    assert_eq!(
        out.metrics
            .iter()
            .find(|m| m.name == "pass_rate")
            .unwrap()
            .ratio,
        Some((3, 7))
    );
    let msgs: Vec<&str> = rules(&out, "junit/failed")
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        msgs,
        vec![
            "example.com/calc/calc::TestAddWrong: calc_test.go:13: Add(2, 2) = 4, want 5",
            "example.com/calc/calc::TestTable: Failed",
            "example.com/calc/calc::TestTable/big: calc_test.go:28: Add(100, 200) = 300, want 301",
            "example.com/calc/strutil::TestPanics: Failed",
        ]
    );
    assert!(rules(&out, "junit/headline-mismatch").is_empty());
}

#[test]
fn go_junit_report_build_failure_is_an_error() {
    let out = run("go", "\"report-build-error.xml\"");
    assert_eq!(counts(&out), [9, 3, 4, 1, 1]);
    let e = &rules(&out, "junit/error")[0];
    assert_eq!(
        e.message,
        "example.com/calc/broken::[build failed]: broken/broken_test.go:6:17: undefined: undefinedName"
    );
    assert_eq!(
        (e.path.as_deref(), e.line),
        (Some("report-build-error.xml"), Some(4))
    );
}

#[test]
fn surefire_one_file_per_class_summed() {
    let out = run("surefire", "\"TEST-*.xml\"");
    // 7 files; NoMethodsTestCase holds no test case.
    assert_eq!(counts(&out), [18, 12, 4, 2, 0]);
    assert!(has_note(&out, "7 JUnit reports: 18 test cases"));
    assert!(has_note(&out, "org.acme.FlakyTest::testFlaky"));
    assert_eq!(rules(&out, "junit/failed").len(), 4);
    assert_eq!(rules(&out, "junit/error").len(), 2);
    let mm = rules(&out, "junit/headline-mismatch");
    assert_eq!(mm.len(), 1);
    assert_eq!(mm[0].path.as_deref(), Some("TEST-org.acme.FlakyTest.xml"));
    // A multi-line message attribute is shown on one line.
    assert!(
        out.findings
            .iter()
            .any(|f| f.message
                == "org.apache.maven.surefire.test.FailingTest::defaultTestValueIs_Value: Expected: \"wrong\" got: \"value\"")
    );
}

#[test]
fn surefire_per_file_counts() {
    let cases: &[(&str, [u64; 5])] = &[
        ("TEST-com.shape.CircleTest.xml", [8, 6, 1, 1, 0]),
        ("TEST-com.shape.PointTest.xml", [3, 2, 1, 0, 0]),
        (
            "TEST-junit.twoTestCaseSuite.WrapperTestSuite.xml",
            [2, 2, 0, 0, 0],
        ),
        ("TEST-org.acme.FlakyTest.xml", [2, 2, 0, 0, 0]),
        (
            "TEST-org.apache.maven.surefire.test.FailingTest.xml",
            [2, 0, 2, 0, 0],
        ),
        ("TEST-surefire.MyTest.xml", [1, 0, 0, 1, 0]),
    ];
    for (file, want) in cases {
        let out = run("surefire", &format!("{file:?}"));
        assert_eq!(counts(&out), *want, "{file}");
    }
}

#[test]
fn all_tools_summed() {
    let out = run_for_test("junit", "reports = [\"**/*.xml\"]", &fixtures()).unwrap();
    // 20 pytest + 5 nextest + 14 jest + 17 go + 18 surefire.
    assert_eq!(counts(&out), [74, 35, 25, 6, 8]);
    assert!(has_note(&out, "14 JUnit reports"));
    // Stable order: by path, then line.
    let keys: Vec<_> = out
        .findings
        .iter()
        .map(|f| (f.path.clone(), f.line))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

// ---------- errors and honesty ----------

#[test]
fn no_report_matched_is_an_error() {
    let e = run_for_test(
        "junit",
        "reports = [\"nothing/*.xml\", \"missing.xml\"]",
        &fixtures(),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(e, "no JUnit report matched `nothing/*.xml`, `missing.xml`");
}

#[test]
fn reports_without_test_cases_are_an_error() {
    let e = run_for_test(
        "junit",
        "reports = [\"TEST-classWithNoTests.NoMethodsTestCase.xml\"]",
        &fixtures().join("surefire"),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("hold no <testcase>"), "{e}");
}

#[test]
fn all_skipped_leaves_pass_rate_absent() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("r.xml"),
        "<testsuite><testcase name=\"a\"><skipped/></testcase><testcase name=\"b\"><skipped/></testcase></testsuite>",
    )
    .unwrap();
    let out = run_for_test("junit", "reports = [\"r.xml\"]", d.path()).unwrap();
    assert_eq!(counts(&out), [2, 0, 0, 0, 2]);
    assert_eq!(metric(&out, "pass_rate"), None);
    assert!(has_note(
        &out,
        "pass_rate has no value: all 2 test cases were skipped"
    ));
}

#[test]
fn malformed_xml_names_file_line_and_column() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("out")).unwrap();
    std::fs::write(
        d.path().join("out/bad.xml"),
        "<testsuite>\n  <testcase name=\"a\">\n  </testsuit>\n</testsuite>\n",
    )
    .unwrap();
    let e = run_for_test("junit", "reports = [\"out/*.xml\"]", d.path())
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("out/bad.xml:3:3: malformed JUnit XML: "),
        "{e}"
    );
}

#[test]
fn a_file_that_is_not_junit_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("coverage.xml"),
        "<?xml version=\"1.0\"?>\n<coverage line-rate=\"1\"/>",
    )
    .unwrap();
    let e = run_for_test("junit", "reports = [\"coverage.xml\"]", d.path())
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "coverage.xml:2:1: not a JUnit report: the root element is <coverage>, expected <testsuites> or <testsuite>"
    );
}

#[test]
fn truncated_report_is_an_error_with_a_position() {
    let d = tempfile::tempdir().unwrap();
    let full = std::fs::read(fixtures().join("nextest/junit.xml")).unwrap();
    for cut in [0, 10, 200, 5000, full.len() - 5] {
        std::fs::write(d.path().join("junit.xml"), &full[..cut]).unwrap();
        let e = run_for_test("junit", "reports = [\"junit.xml\"]", d.path())
            .unwrap_err()
            .to_string();
        let rest = e
            .strip_prefix("junit.xml:")
            .unwrap_or_else(|| panic!("cut {cut}: {e}"));
        let mut parts = rest.splitn(3, ':');
        let line: u64 = parts
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("{e}"));
        let col: u64 = parts
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("{e}"));
        assert!(line >= 1 && col >= 1, "{e}");
    }
}

// ---------- paths of findings ----------

#[test]
fn file_attributes_are_made_repo_relative() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("web/src")).unwrap();
    std::fs::create_dir_all(root.join("py/tests")).unwrap();
    std::fs::write(root.join("web/src/a.test.js"), "").unwrap();
    std::fs::write(root.join("py/tests/test_x.py"), "").unwrap();
    let abs = root.join("py/tests/test_x.py");
    std::fs::write(
        root.join("web/junit.xml"),
        format!(
            r#"<testsuites><testsuite name="s">
<testcase classname="a" name="rel to report" file="src/a.test.js"><failure message="m1"/></testcase>
<testcase classname="a" name="absolute" file="{}" line="3"><error message="m2"/></testcase>
<testcase classname="a" name="unknown" file="./gone\x.js"><failure message="m3"/></testcase>
</testsuite></testsuites>"#,
            abs.display()
        ),
    )
    .unwrap();
    let out = run_for_test("junit", "reports = [\"web/junit.xml\"]", &root).unwrap();
    let loc: Vec<(String, Option<u64>, String)> = out
        .findings
        .iter()
        .map(|f| (f.path.clone().unwrap(), f.line, f.message.clone()))
        .collect();
    assert_eq!(
        loc,
        vec![
            ("gone/x.js".to_string(), None, "a::unknown: m3".to_string()),
            (
                "py/tests/test_x.py".to_string(),
                Some(3),
                "a::absolute: m2".to_string()
            ),
            (
                "web/src/a.test.js".to_string(),
                None,
                "a::rel to report: m1".to_string()
            ),
        ]
    );
}

// ---------- config ----------

#[test]
fn unknown_option_is_rejected() {
    let e = run_for_test(
        "junit",
        "reports = [\"a.xml\"]\nreport = [\"b.xml\"]",
        &fixtures(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("unknown key `report`"), "{e}");
    assert!(e.contains("did you mean `reports`?"), "{e}");
}

#[test]
fn reports_is_required_and_not_empty() {
    let e = run_for_test("junit", "", &fixtures())
        .unwrap_err()
        .to_string();
    assert!(e.contains("missing key `reports`"), "{e}");
    let e = run_for_test("junit", "reports = []", &fixtures())
        .unwrap_err()
        .to_string();
    assert!(e.contains("`reports` is empty"), "{e}");
    let e = run_for_test("junit", "reports = \"a.xml\"", &fixtures())
        .unwrap_err()
        .to_string();
    assert!(e.contains("expected"), "{e}");
}

#[test]
fn report_paths_may_not_leave_the_repo() {
    let e = run_for_test("junit", "reports = [\"../x/junit.xml\"]", &fixtures())
        .unwrap_err()
        .to_string();
    assert!(e.contains("leaves the repository"), "{e}");
}

#[test]
fn bad_glob_is_a_config_error() {
    let e = run_for_test("junit", "reports = [\"a/[.xml\"]", &fixtures())
        .unwrap_err()
        .to_string();
    assert!(e.contains("invalid glob"), "{e}");
}

#[test]
fn kind_documents_itself() {
    let doc = gatekeep::gates::kind("junit").unwrap().doc();
    assert!(doc.description.contains("pass_rate"));
    assert_eq!(doc.options.len(), 1);
    assert_eq!(doc.default_thresholds, &["failed == 0", "errors == 0"]);
    // Checked whatever `thresholds` says: zero executed tests is no data.
    assert_eq!(doc.integrity, &["executed > 0"]);
    assert!(doc.example.contains("reports"));
    assert!(!doc.reads_tree);
}

// ---------- robustness ----------

fn fixture_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in std::fs::read_dir(fixtures()).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "xml") {
                out.push(f);
            }
        }
    }
    out.sort();
    out
}

fn parse_bytes(b: &[u8]) -> Result<parse::Report, parse::ParseError> {
    parse::parse(b, &mut Vec::new()).map(parse::finish)
}

/// Checks the invariants of a parse result: counts add up and errors carry a position inside
/// the input. The input is read whole, and again in 16-byte chunks (text that the parser skips
/// without buffering then straddles chunk boundaries).
fn check(b: &[u8], what: &str) {
    check_result(b, parse_bytes(b), what);
    let chunked = parse::parse(std::io::BufReader::with_capacity(16, b), &mut Vec::new());
    check_result(
        b,
        chunked.map(parse::finish),
        &format!("{what}, 16-byte reads"),
    );
}

fn check_result(b: &[u8], result: Result<parse::Report, parse::ParseError>, what: &str) {
    match result {
        Ok(r) => {
            let c = r.counts;
            assert_eq!(
                c.tests,
                c.passed + c.failed + c.errors + c.skipped,
                "{what}"
            );
            assert_eq!(r.failures.len() as u64, c.failed + c.errors, "{what}");
        }
        Err(e) => {
            let off = e
                .offset()
                .unwrap_or_else(|| panic!("{what}: error without position: {e}"));
            assert!(
                off <= b.len() as u64,
                "{what}: offset {off} beyond {}",
                b.len()
            );
            let lc = parse::line_col(b, off).unwrap();
            assert!(lc.line >= 1 && lc.col >= 1);
        }
    }
}

#[test]
fn prefixes_of_every_fixture_never_panic() {
    for f in fixture_files() {
        let full = std::fs::read(&f).unwrap();
        // Every prefix of the first KiB, then prefixes ending at markup boundaries (at most
        // about 400 of them per file, evenly spread, to keep the test quick in debug builds).
        let boundaries: Vec<usize> = (1025..full.len())
            .filter(|&i| matches!(full[i], b'<' | b'>' | b'&' | b'"' | b']'))
            .collect();
        let step = boundaries.len().div_ceil(400).max(1);
        let cuts = (0..=full.len().min(1024))
            .chain(boundaries.iter().copied().step_by(step))
            .chain([full.len()]);
        for cut in cuts {
            check(&full[..cut], &format!("{} cut at {cut}", f.display()));
        }
        assert!(parse_bytes(&full).is_ok(), "{}", f.display());
    }
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

#[test]
fn random_bytes_and_mutations_never_panic() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for i in 0..2000 {
        let len = (rng.next() % 600) as usize;
        let alphabet = b"<>/=\"'&;#x!?[]- \n\ttestsuitecase failureerrorskipped CDATA";
        let b: Vec<u8> = (0..len)
            .map(|_| {
                let r = rng.next();
                if r.is_multiple_of(4) {
                    (r >> 8) as u8
                } else {
                    alphabet[(r >> 8) as usize % alphabet.len()]
                }
            })
            .collect();
        check(&b, &format!("random input {i}"));
    }
    for f in fixture_files() {
        let full = std::fs::read(&f).unwrap();
        for i in 0..100 {
            let mut b = full.clone();
            for _ in 0..1 + rng.next() % 4 {
                let at = (rng.next() as usize) % b.len();
                b[at] = (rng.next() >> 16) as u8;
            }
            check(&b, &format!("{} mutation {i}", f.display()));
        }
    }
}

#[test]
fn many_files_are_summed_and_the_first_bad_file_is_reported() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("target/surefire-reports");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..300 {
        std::fs::write(
            dir.join(format!("TEST-c{i:03}.xml")),
            format!(
                "<testsuite name=\"c{i}\" tests=\"2\"><testcase classname=\"c{i}\" name=\"ok\"/>\
                 <testcase classname=\"c{i}\" name=\"bad\"><failure message=\"no {i}\"/></testcase></testsuite>"
            ),
        )
        .unwrap();
    }
    let opts = "reports = [\"target/surefire-reports/TEST-*.xml\"]";
    let out = run_for_test("junit", opts, d.path()).unwrap();
    assert_eq!(counts(&out), [600, 300, 300, 0, 0]);
    assert_eq!(out.findings.len(), 300);
    assert_eq!(out.findings[0].message, "c0::bad: no 0");
    assert_eq!(
        out.findings[0].path.as_deref(),
        Some("target/surefire-reports/TEST-c000.xml")
    );
    assert_eq!(out.findings[299].message, "c299::bad: no 299");
    std::fs::write(dir.join("TEST-c250.xml"), "<testsuite><testcase>").unwrap();
    std::fs::write(dir.join("TEST-c170.xml"), "<testsuite>\n<oops></testsuite>").unwrap();
    let e = run_for_test("junit", opts, d.path())
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("target/surefire-reports/TEST-c170.xml:2:"),
        "{e}"
    );
}

#[test]
fn fixtures_read_in_small_chunks_give_the_same_results() {
    for f in fixture_files() {
        let full = std::fs::read(&f).unwrap();
        let want = parse_bytes(&full).unwrap();
        for cap in [9, 16, 100, 4096] {
            let input = std::io::BufReader::with_capacity(cap, full.as_slice());
            let got = parse::finish(parse::parse(input, &mut Vec::new()).unwrap());
            let what = format!("{} read {cap} bytes at a time", f.display());
            assert_eq!(got.counts, want.counts, "{what}");
            assert_eq!(got.failures, want.failures, "{what}");
            assert_eq!(got.mismatches, want.mismatches, "{what}");
            assert_eq!(got.flaky_names, want.flaky_names, "{what}");
        }
    }
}

#[test]
fn notes_say_what_was_read_and_decided() {
    let out = run("", "\"nextest/junit.xml\", \"pytest/junit-xunit1.xml\"");
    assert_eq!(
        out.notes,
        vec![
            "2 JUnit reports: 15 test cases (7 passed, 5 failed, 1 error, 2 skipped)",
            "1 flaky test passed after failed attempts and counts as passed: widget::tests::flaky_then_passes",
            "1 pytest report: pytest's 0-based `line` attributes were shifted to 1-based",
        ]
    );
}

/// `executed > 0` holds with the user's own thresholds too: a report whose every test was
/// skipped is ERROR even under `thresholds = ["failed == 0"]`.
#[test]
fn every_test_skipped_is_error_whatever_the_thresholds() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("r.xml"),
        r#"<testsuite name="s" tests="1" skipped="1"><testcase name="t" classname="c"><skipped/></testcase></testsuite>"#,
    )
    .unwrap();
    let cfg = d.path().join("gates.toml");
    std::fs::write(
        &cfg,
        "[gates.junit]\nreports = [\"r.xml\"]\nthresholds = [\"failed == 0\"]\n",
    )
    .unwrap();
    let c = gatekeep::config::load(&cfg).unwrap();
    let names: Vec<&str> = c.gates[0]
        .thresholds
        .iter()
        .map(|t| t.metric.as_str())
        .collect();
    assert_eq!(names, vec!["failed", "executed"]);
    assert_cmd::Command::cargo_bin("gatekeep")
        .unwrap()
        .arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicates::str::contains("no data for `executed`"));
}
