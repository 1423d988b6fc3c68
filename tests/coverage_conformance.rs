//! The coverage conformance table (issue 19, "Proof"; docs/COVERAGE.md, "Conformance"): real
//! reports of every format, each with the figure its producer's own tool shows, and gatekeep's
//! figure asserted against it — equal, or the difference docs/COVERAGE.md documents, or a known
//! gatekeep bug marked "open" there (asserted as it is today, so that fixing it fails this test
//! until the table is updated).
//!
//! Origins and how each producer's figure was obtained: fixtures/coverage/README.md and
//! fixtures/coverage/conformance/*/README.md.

use gatekeep::gates::{GateOutput, run_for_test};
use std::path::{Path, PathBuf};

/// (lines covered, lines total, branches (covered, total) or None when there are none).
type Fig = (u64, u64, Option<(u64, u64)>);

enum Gatekeep {
    /// gatekeep's line and branch figures are the producer's. (A report whose own totals
    /// disagree with its records still gets its `coverage/headline-mismatch` warning.)
    Same,
    /// gatekeep intentionally differs (docs/COVERAGE.md says why); its figure.
    Documented(Fig),
    /// Go: the producer counts statements, which gatekeep reports in a note ("statements c/t");
    /// `line` counts the lines of the blocks (documented); gatekeep's line figure.
    GoStatements(Fig),
    /// A gatekeep bug, open: the figure gatekeep gives today. gatekeep reports the disagreement
    /// with the report's own totals (`coverage/headline-mismatch`). (No such row today.)
    #[allow(dead_code)]
    Open(Fig),
}

use Gatekeep::*;

struct Row {
    /// The format, as in docs/COVERAGE.md's table.
    format: &'static str,
    /// Below fixtures/coverage/; the gate runs in the report's folder.
    report: &'static str,
    /// The producer's figure (for Go: statements; for OpenCover: sequence and branch points).
    producer: Fig,
    gatekeep: Gatekeep,
}

const fn row(format: &'static str, report: &'static str, producer: Fig, gatekeep: Gatekeep) -> Row {
    Row {
        format,
        report,
        producer,
        gatekeep,
    }
}

const RG: &str = "conformance/";

const ROWS: &[Row] = &[
    // --- LCOV: lcov --summary (LCOV 1.16), or the producer's own report ---
    row("LCOV", "c/lcov-capture.info", (16, 26, Some((6, 14))), Same),
    row("LCOV", "c/gcovr.lcov", (16, 26, Some((6, 14))), Same),
    // coverage.py's `coverage report` (lcov 1.16 cannot read its text branch ids).
    row(
        "LCOV",
        "python/coverage.lcov",
        (17, 23, Some((10, 14))),
        Same,
    ),
    row("LCOV", "js/nyc/lcov.info", (11, 17, Some((6, 10))), Same),
    row("LCOV", "js/c8/lcov.info", (22, 33, Some((5, 9))), Same),
    row("LCOV", "rust/llvm-cov.lcov", (21, 30, None), Same),
    row(
        "LCOV",
        "rust/llvm-cov-branch.lcov",
        (21, 30, Some((8, 12))),
        Same,
    ),
    row(
        "LCOV",
        "dotnet/coverage.info",
        (90, 201, Some((5, 28))),
        Same,
    ),
    row(
        "LCOV",
        "conformance/lcov/reportgenerator/cpp-lcov.info",
        (17, 19, None),
        Same,
    ),
    row(
        "LCOV",
        "conformance/lcov/reportgenerator/csharp-lcov.info",
        (118, 184, Some((5, 8))),
        Same,
    ),
    // --- Cobertura: the producer's report / the header's counts ---
    row(
        "Cobertura",
        "python/coverage.xml",
        (17, 23, Some((10, 14))),
        Same,
    ),
    row(
        "Cobertura",
        "python/coverage-nobranch.xml",
        (17, 23, None),
        Same,
    ),
    row(
        "Cobertura",
        "c/gcovr-cobertura.xml",
        (16, 26, Some((6, 14))),
        Same,
    ),
    row(
        "Cobertura",
        "js/nyc/cobertura-coverage.xml",
        (11, 17, Some((6, 10))),
        Same,
    ),
    row(
        "Cobertura",
        "js/c8/cobertura-coverage.xml",
        (22, 33, Some((5, 9))),
        Same,
    ),
    row(
        "Cobertura",
        "dotnet/coverage.cobertura.xml",
        (90, 201, Some((5, 28))),
        Same,
    ),
    row(
        "Cobertura",
        "conformance/cobertura/reportgenerator/Cobertura2.1.1.xml",
        (24, 36, Some((1, 4))),
        Same,
    ),
    row(
        "Cobertura",
        "conformance/cobertura/gcovr-5.2/gcovr-5.2-cobertura.xml",
        (16, 26, Some((6, 14))),
        Same,
    ),
    // AltCover's header rates are its sequence-point and branch-point ratios.
    row(
        "Cobertura",
        "conformance/cobertura/reportgenerator/Cobertura_altcover.xml",
        (121, 182, Some((11, 49))),
        Documented((116, 174, Some((7, 10)))),
    ),
    // --- JaCoCo: the report counters (= JaCoCo's HTML totals) ---
    row(
        "JaCoCo",
        "java/pureedgesim-jacoco.xml",
        (2734, 2989, Some((678, 889))),
        Same,
    ),
    row(
        "JaCoCo",
        "c/gcovr-jacoco.xml",
        (16, 26, Some((6, 14))),
        Same,
    ),
    row(
        "JaCoCo",
        "conformance/jacoco/jacoco-0.8.6/jacoco.xml",
        (15, 21, Some((10, 14))),
        Same,
    ),
    row(
        "JaCoCo",
        "conformance/jacoco/reportgenerator/JaCoCo0.7.7.xml",
        (26, 38, Some((1, 4))),
        Same,
    ),
    row(
        "JaCoCo",
        "conformance/jacoco/reportgenerator/JaCoCo0.8.3.xml",
        (26, 38, Some((1, 4))),
        Same,
    ),
    // --- Clover: the `<metrics>` the producer wrote ---
    row(
        "Clover",
        "php/byte-buffer-clover.xml",
        (144, 147, None),
        Same,
    ),
    row("Clover", "c/gcovr-clover.xml", (16, 26, None), Same),
    row("Clover", "js/nyc/clover.xml", (11, 17, Some((6, 10))), Same),
    row("Clover", "js/c8/clover.xml", (22, 33, Some((5, 9))), Same),
    row(
        "Clover",
        "conformance/clover/reportgenerator/Clover_Groovy.xml",
        (1, 1, None),
        Same,
    ),
    // Cut down by ReportGenerator: the kept package's metrics.
    row(
        "Clover",
        "conformance/clover/reportgenerator/Clover_Istanbul.xml",
        (11, 11, None),
        Same,
    ),
    row(
        "Clover",
        "conformance/istanbul/nyc-15/clover.xml",
        (11, 17, Some((6, 10))),
        Same,
    ),
    // OpenClover writes `<file path=… name=…>`; detection once took it for SonarQube's generic
    // coverage XML (fixed: Clover is told apart first).
    row(
        "Clover",
        "conformance/clover/reportgenerator/Clover_OpenClover4.3.1.xml",
        (15, 22, Some((1, 2))),
        Same,
    ),
    // --- coverage.py JSON: `coverage report` (the JSON totals agree) ---
    row(
        "coverage.py JSON",
        "python/coverage.json",
        (17, 23, Some((10, 14))),
        Same,
    ),
    row(
        "coverage.py JSON",
        "python/coverage-nobranch.json",
        (17, 23, None),
        Same,
    ),
    row(
        "coverage.py JSON",
        "conformance/coveragepy-json/coverage-7.14.0/coverage.json",
        (17, 23, Some((10, 14))),
        Same,
    ),
    // coverage.py before 7.14 lists executed non-statement lines (the module docstring) in
    // `executed_lines`; those files' line figures come from their summaries (`covered_lines`,
    // `num_statements`), only `missing_lines` line by line.
    row(
        "coverage.py JSON",
        "conformance/coveragepy-json/coverage-7.13.0/coverage.json",
        (17, 23, Some((10, 14))),
        Same,
    ),
    row(
        "coverage.py JSON",
        "conformance/coveragepy-json/coverage-6.5.0/coverage.json",
        (17, 23, Some((10, 14))),
        Same,
    ),
    // The same, and 5.x JSON has branch totals but no branch lists: the branch figures come
    // from the file summaries (no per-line branch data).
    row(
        "coverage.py JSON",
        "conformance/coveragepy-json/coverage-5.5/coverage.json",
        (17, 23, Some((10, 14))),
        Same,
    ),
    // --- Go coverprofile: `go tool cover -func` (statements) ---
    row(
        "Go",
        "go/cover-set.out",
        (8, 11, None),
        GoStatements((12, 17, None)),
    ),
    row(
        "Go",
        "go/cover-count.out",
        (8, 11, None),
        GoStatements((12, 17, None)),
    ),
    row(
        "Go",
        "go/cover-atomic.out",
        (8, 11, None),
        GoStatements((12, 17, None)),
    ),
    row(
        "Go",
        "conformance/go/go-slip10/coverage.out",
        (654, 671, None),
        GoStatements((1033, 1060, None)),
    ),
    row(
        "Go",
        "conformance/go/pbft-consensus/coverage.out",
        (457, 524, None),
        GoStatements((929, 1062, None)),
    ),
    // --- llvm-cov export JSON: `llvm-cov report` ---
    row("llvm-cov", "rust/llvm-cov.json", (21, 30, None), Same),
    row(
        "llvm-cov",
        "rust/llvm-cov-branch.json",
        (21, 30, Some((8, 12))),
        Same,
    ),
    row(
        "llvm-cov",
        "conformance/llvm-cov/clang-14/llvm-cov-14.json",
        (19, 31, Some((6, 14))),
        Same,
    ),
    row(
        "llvm-cov",
        "conformance/llvm-cov/clang-19-mcdc/llvm-cov-19.json",
        (19, 31, Some((6, 14))),
        Same,
    ),
    // --- Istanbul coverage-final.json: Istanbul's text report / json-summary ---
    row(
        "Istanbul",
        "js/nyc/coverage-final.json",
        (11, 17, Some((6, 10))),
        Same,
    ),
    row(
        "Istanbul",
        "js/c8/coverage-final.json",
        (22, 33, Some((5, 9))),
        Same,
    ),
    row(
        "Istanbul",
        "conformance/istanbul/jest-30-babel/coverage-final.json",
        (7, 13, Some((5, 8))),
        Same,
    ),
    row(
        "Istanbul",
        "conformance/istanbul/jest-30-v8/coverage-final.json",
        (16, 27, Some((3, 6))),
        Same,
    ),
    row(
        "Istanbul",
        "conformance/istanbul/nyc-15/coverage-final.json",
        (11, 17, Some((6, 10))),
        Same,
    ),
    // --- OpenCover: the producer's `<Summary>` (sequence points, branch points) ---
    row(
        "OpenCover",
        "dotnet/coverage.opencover.xml",
        (90, 201, Some((5, 28))),
        Same,
    ),
    row(
        "OpenCover",
        "dotnet/badge-example.opencover.xml",
        (3, 6, None),
        Same,
    ),
    row(
        "OpenCover",
        "conformance/opencover/reportgenerator/OpenCover_coverlet.xml",
        (156, 255, Some((9, 14))),
        Same,
    ),
    // Lines, not sequence points; `<BranchPoint>` elements, not OpenCover's one extra per method.
    row(
        "OpenCover",
        "conformance/opencover/reportgenerator/OpenCover.xml",
        (124, 199, Some((32, 62))),
        Documented((121, 190, Some((5, 8)))),
    ),
    row(
        "OpenCover",
        "conformance/opencover/reportgenerator/OpenCover_altcover.xml",
        (121, 182, Some((11, 49))),
        Documented((119, 180, Some((7, 10)))),
    ),
];

fn base() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/coverage")
}

fn run(report: &str) -> anyhow::Result<GateOutput> {
    let p = base().join(report);
    let dir = p.parent().expect("folder");
    let name = p.file_name().expect("name").to_str().expect("utf-8");
    run_for_test("coverage", &format!("reports = [\"{name}\"]"), dir)
}

fn count(o: &GateOutput, name: &str) -> Option<u64> {
    o.metrics
        .iter()
        .find(|m| m.name == name)
        .map(|m| m.value as u64)
}

fn figures(o: &GateOutput) -> Fig {
    let lc = count(o, "lines_covered").unwrap_or(0);
    let lt = count(o, "lines_total").unwrap_or(0);
    let bt = count(o, "branches_total").unwrap_or(0);
    let line = o
        .metrics
        .iter()
        .find(|m| m.name == "line")
        .expect("line metric");
    assert_eq!(line.ratio, Some((lc, lt)));
    if bt == 0 {
        assert!(o.metrics.iter().all(|m| m.name != "branch"));
        (lc, lt, None)
    } else {
        (
            lc,
            lt,
            Some((count(o, "branches_covered").unwrap_or(0), bt)),
        )
    }
}

fn mismatches(o: &GateOutput) -> usize {
    o.findings
        .iter()
        .filter(|f| f.rule == "coverage/headline-mismatch")
        .count()
}

#[test]
fn gatekeep_agrees_with_each_producer_or_the_documented_difference() {
    let mut failures = Vec::new();
    for r in ROWS {
        let got = run(r.report);
        let problem = match (&r.gatekeep, got) {
            (_, Err(e)) => Some(format!("error: {e:#}")),
            (Same, Ok(o)) => {
                let f = figures(&o);
                (f != r.producer).then(|| format!("gatekeep {f:?}, producer {:?}", r.producer))
            }
            (Documented(want), Ok(o)) => {
                let f = figures(&o);
                (f != *want).then(|| format!("gatekeep {f:?}, documented {want:?}"))
            }
            (GoStatements(want), Ok(o)) => {
                let f = figures(&o);
                let (c, t, _) = r.producer;
                let note = format!("statements {c}/{t} ");
                if f != *want {
                    Some(format!("gatekeep lines {f:?}, documented {want:?}"))
                } else if !o.notes.iter().any(|n| n.contains(&note)) {
                    Some(format!("no `{note}` note: {:?}", o.notes))
                } else {
                    None
                }
            }
            (Open(want), Ok(o)) => {
                let f = figures(&o);
                if f == r.producer {
                    Some("now agrees with the producer: fixed? update the table".into())
                } else if f != *want || mismatches(&o) == 0 {
                    Some(format!(
                        "gatekeep {f:?}, open row says {want:?}; {} headline mismatches",
                        mismatches(&o)
                    ))
                } else {
                    None
                }
            }
        };
        if let Some(p) = problem {
            failures.push(format!("{}: {p}", r.report));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each format has at least three reports, every conformance fixture is in the table, and every
/// row of the table is in docs/COVERAGE.md.
#[test]
fn every_format_has_three_reports_and_every_fixture_is_listed() {
    for format in [
        "LCOV",
        "Cobertura",
        "JaCoCo",
        "Clover",
        "coverage.py JSON",
        "Go",
        "llvm-cov",
        "Istanbul",
        "OpenCover",
    ] {
        let n = ROWS.iter().filter(|r| r.format == format).count();
        assert!(n >= 3, "{format}: {n} reports");
    }
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/COVERAGE.md"))
            .expect("docs/COVERAGE.md");
    let mut files = Vec::new();
    let mut stack = vec![base().join(RG)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .is_some_and(|e| ["xml", "info", "out", "json"].iter().any(|x| e == *x))
                && !p.ends_with("coverage-summary.json")
            {
                files.push(p);
            }
        }
    }
    assert!(files.len() >= 20, "{files:?}");
    for f in files {
        let rel = f
            .strip_prefix(base())
            .expect("below fixtures/coverage")
            .to_string_lossy()
            .replace('\\', "/");
        assert!(
            ROWS.iter().any(|r| r.report == rel),
            "{rel} is not in the table"
        );
    }
    for r in ROWS {
        assert!(
            docs.contains(&format!("| {} | `{}` |", r.format, r.report)),
            "docs/COVERAGE.md has no row for {} `{}`",
            r.format,
            r.report
        );
    }
}
