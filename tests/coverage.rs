//! Integration tests of the `coverage` gate against real reports (see fixtures/coverage/README.md
//! for where each file comes from and the reference tools' figures asserted here).

use gatekeep::gates::{Cancel, ConfigCx, GateCx, GateOutput, kind, run_for_test};
use gatekeep::model::Status;
use std::path::{Path, PathBuf};

fn fx(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/coverage")
        .join(dir)
}

fn run(dir: &Path, opts: &str) -> GateOutput {
    match run_for_test("coverage", opts, dir) {
        Ok(o) => o,
        Err(e) => panic!("{} {opts}: {e:#}", dir.display()),
    }
}

fn err(dir: &Path, opts: &str) -> String {
    match run_for_test("coverage", opts, dir) {
        Ok(o) => panic!(
            "{} {opts}: expected an error, got {:?}",
            dir.display(),
            o.metrics
        ),
        Err(e) => format!("{e:#}"),
    }
}

fn count(o: &GateOutput, name: &str) -> Option<u64> {
    o.metrics
        .iter()
        .find(|m| m.name == name)
        .map(|m| m.value as u64)
}

type Fig = (u64, u64, Option<(u64, u64)>);

/// (lines covered, lines total, branches (covered, total) or None when there are none).
fn figures_of(o: &GateOutput) -> Fig {
    let lc = count(o, "lines_covered").unwrap_or(0);
    let lt = count(o, "lines_total").unwrap_or(0);
    let bt = count(o, "branches_total").unwrap_or(0);
    let br = if bt == 0 {
        assert!(
            o.metrics.iter().all(|m| m.name != "branch"),
            "0 of 0 branches must not give a `branch` metric"
        );
        None
    } else {
        Some((count(o, "branches_covered").unwrap_or(0), bt))
    };
    // The percentages are the exact ratios.
    let line = o
        .metrics
        .iter()
        .find(|m| m.name == "line")
        .expect("line metric");
    assert_eq!(line.ratio, Some((lc, lt)));
    assert_eq!(line.value, lc as f64 * 100.0 / lt as f64);
    (lc, lt, br)
}

fn figures(dir: &str, report: &str) -> Fig {
    figures_of(&run(&fx(dir), &format!("reports = [\"{report}\"]")))
}

fn rule_count(o: &GateOutput, rule: &str) -> usize {
    o.findings.iter().filter(|f| f.rule == rule).count()
}

/// A scratch repository with the given files.
fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("tempdir");
    for (p, c) in files {
        let p = d.path().join(p);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, c).expect("write");
    }
    d
}

// --- Reference figures (fixtures/coverage/README.md) ---------------------------------------

#[test]
fn python_matches_coverage_py_in_every_format() {
    // `coverage json` totals: covered_lines 17 / 23, covered_branches 10 / 14.
    for r in ["coverage.xml", "coverage.json", "coverage.lcov"] {
        assert_eq!(figures("python", r), (17, 23, Some((10, 14))), "{r}");
    }
    // Without --branch: no branch data, so no `branch` metric (not 100%, not 0%).
    for r in [
        "coverage-nobranch.xml",
        "coverage-nobranch.lcov",
        "coverage-nobranch.json",
    ] {
        assert_eq!(figures("python", r), (17, 23, None), "{r}");
    }
}

#[test]
fn c_matches_gcovr_and_lcov_in_every_format() {
    // gcovr: lines 16/26, branches 6/14; lcov --summary agrees.
    for r in [
        "gcovr-cobertura.xml",
        "gcovr.lcov",
        "lcov-capture.info",
        "gcovr-jacoco.xml",
    ] {
        assert_eq!(figures("c", r), (16, 26, Some((6, 14))), "{r}");
    }
    // gcovr's Clover has no conditionals.
    assert_eq!(figures("c", "gcovr-clover.xml"), (16, 26, None));
}

#[test]
fn gcovr_jacoco_falls_back_to_line_counters() {
    let o = run(&fx("c"), "reports = [\"gcovr-jacoco.xml\"]");
    assert!(
        o.notes.iter().any(|n| n.contains("without `mi`/`ci`")),
        "{:?}",
        o.notes
    );
    assert_eq!(rule_count(&o, "coverage/headline-mismatch"), 0);
}

#[test]
fn js_matches_nyc_and_c8_in_every_format() {
    for r in [
        "lcov.info",
        "cobertura-coverage.xml",
        "coverage-final.json",
        "clover.xml",
    ] {
        assert_eq!(
            figures("js", &format!("nyc/{r}")),
            (11, 17, Some((6, 10))),
            "nyc {r}"
        );
        assert_eq!(
            figures("js", &format!("c8/{r}")),
            (22, 33, Some((5, 9))),
            "c8 {r}"
        );
    }
}

#[test]
fn go_profiles_in_all_modes() {
    for m in ["set", "count", "atomic"] {
        let o = run(&fx("go"), &format!("reports = [\"cover-{m}.out\"]"));
        assert_eq!(figures_of(&o), (12, 17, None), "{m}");
        // `go tool cover -func`: 72.7% of statements (8 of 11), in the report's note too.
        assert!(
            o.notes.iter().any(|n| n.contains("statements 8/11")),
            "{:?}",
            o.notes
        );
        // The import path is mapped through go.mod's module path.
        assert_eq!(rule_count(&o, "coverage/unmapped"), 0);
        assert!(
            o.findings
                .iter()
                .any(|f| f.path.as_deref() == Some("mathx/mathx.go"))
        );
    }
    // Set and count profiles of the same run merge (set: OR) to the same figures.
    let o = run(
        &fx("go"),
        "reports = [\"cover-set.out\", \"cover-count.out\"]",
    );
    assert_eq!(figures_of(&o), (12, 17, None));
}

#[test]
fn rust_matches_llvm_cov_report() {
    // llvm-cov report: 30 lines, 9 missed; with branches 12, 4 missed.
    assert_eq!(figures("rust", "llvm-cov.json"), (21, 30, None));
    assert_eq!(figures("rust", "llvm-cov.lcov"), (21, 30, None));
    assert_eq!(
        figures("rust", "llvm-cov-branch.json"),
        (21, 30, Some((8, 12)))
    );
    assert_eq!(
        figures("rust", "llvm-cov-branch.lcov"),
        (21, 30, Some((8, 12)))
    );
    let o = run(&fx("rust"), "reports = [\"llvm-cov-branch.json\"]");
    assert_eq!(
        rule_count(&o, "coverage/headline-mismatch"),
        0,
        "{:?}",
        o.findings
    );
    // Absolute paths of the build machine are mapped by stripping leading folders.
    assert_eq!(rule_count(&o, "coverage/unmapped"), 0);
}

#[test]
fn dotnet_coverlet_formats_agree() {
    // OpenCover summary: 201 sequence points, 90 visited; 28 branch points, 5 visited;
    // lcov --summary of coverage.info: 90 of 201 lines, 5 of 28 branches.
    for r in [
        "coverage.info",
        "coverage.cobertura.xml",
        "coverage.opencover.xml",
    ] {
        assert_eq!(figures("dotnet", r), (90, 201, Some((5, 28))), "{r}");
    }
    // A second OpenCover report (coverlet): 6 sequence points, 3 visited, no branch points.
    assert_eq!(
        figures("dotnet", "badge-example.opencover.xml"),
        (3, 6, None)
    );
    // Coverlet's own JSON is a known dialect gatekeep does not read.
    let e = err(&fx("dotnet"), "reports = [\"coverage.json\"]");
    assert!(e.contains("coverlet JSON"), "{e}");
}

#[test]
fn jacoco_matches_its_counters() {
    // Report counters: LINE 255 missed / 2734 covered, BRANCH 211 / 678.
    let o = run(&fx("java"), "reports = [\"pureedgesim-jacoco.xml\"]");
    assert_eq!(figures_of(&o), (2734, 2989, Some((678, 889))));
    assert_eq!(rule_count(&o, "coverage/headline-mismatch"), 0);
    // No sources here: every file is unmapped, counted, and reported with its count.
    let f = o
        .findings
        .iter()
        .find(|f| f.rule == "coverage/unmapped")
        .expect("unmapped warning");
    assert!(f.message.starts_with("72 of 72 files"), "{}", f.message);
}

#[test]
fn phpunit_clover_matches_its_metrics() {
    assert_eq!(figures("php", "byte-buffer-clover.xml"), (144, 147, None));
}

#[test]
fn lcov_shards_merge_like_lcov_add() {
    // lcov -a shard-1.info -a shard-2.info: lines 22 of 26, branches 9 of 14.
    let o = run(&fx("c"), "reports = [\"shard-*.info\"]");
    assert_eq!(figures_of(&o), (22, 26, Some((9, 14))));
    assert_eq!(figures("c", "shard-2.info"), (22, 26, Some((8, 14))));
    // The same report twice (two globs) is read once.
    let o = run(&fx("c"), "reports = [\"gcovr.lcov\", \"gcovr.*\"]");
    assert_eq!(figures_of(&o), (16, 26, Some((6, 14))));
}

#[test]
fn different_formats_of_one_run_merge_to_the_same_figures() {
    // Cobertura gives branch counts, LCOV gives block ids: the same line described by
    // two schemes is not counted twice.
    let o = run(
        &fx("c"),
        "reports = [\"gcovr-cobertura.xml\", \"gcovr.lcov\"]",
    );
    assert_eq!(figures_of(&o), (16, 26, Some((6, 14))));
    let o = run(
        &fx("rust"),
        "reports = [\"llvm-cov-branch.json\", \"llvm-cov-branch.lcov\"]",
    );
    assert_eq!(figures_of(&o), (21, 30, Some((8, 12))));
    let o = run(
        &fx("dotnet"),
        "reports = [\"coverage.info\", \"coverage.opencover.xml\", \"coverage.cobertura.xml\"]",
    );
    assert_eq!(figures_of(&o), (90, 201, Some((5, 28))));
    for r in [
        "nyc/coverage-final.json",
        "nyc/clover.xml",
        "nyc/cobertura-coverage.xml",
    ] {
        let o = run(
            &fx("js"),
            &format!("reports = [\"nyc/lcov.info\", \"{r}\"]"),
        );
        assert_eq!(figures_of(&o), (11, 17, Some((6, 10))), "{r}");
    }
    let o = run(
        &fx("python"),
        "reports = [\"coverage.xml\", \"coverage.json\", \"coverage.lcov\"]",
    );
    assert_eq!(figures_of(&o), (17, 23, Some((10, 14))));
    let o = run(
        &fx("js"),
        "reports = [\"nyc/lcov.info\", \"nyc/coverage-final.json\"]",
    );
    assert_eq!(figures_of(&o), (11, 17, Some((6, 10))));
}

// --- Exactness traps ---------------------------------------------------------------------

#[test]
fn lcov_headline_that_disagrees_with_records_is_reported() {
    let d = repo(&[
        ("a.c", ""),
        (
            "lcov.info",
            "TN:\nSF:a.c\nDA:1,1\nDA:2,0\nDA:3,4\nLF:5\nLH:4\nend_of_record\n",
        ),
    ]);
    let o = run(d.path(), "reports = [\"lcov.info\"]");
    assert_eq!(figures_of(&o), (2, 3, None));
    let f = o
        .findings
        .iter()
        .find(|f| f.rule == "coverage/headline-mismatch")
        .expect("mismatch finding");
    assert!(f.message.contains("LF 5/LH 4 vs DA 3/2"), "{}", f.message);
}

#[test]
fn lcov_brda_dash_duplicate_sf_and_lcov2_records() {
    let lcov = "VER:2.0\nTN:t\nSF:a.c\nFNL:0,1,3\nFNA:0,1,main\nFN:1,main\nFNDA:1,main\nDA:1,1\nDA:2,0\n\
BRDA:1,0,0,1\nBRDA:1,0,1,-\nBRDA:1,e0,0,0\nMCDC:1,2,t,1,0,a\nBRDA:2,0,jump to line 3,1\nend_of_record\n\
SF:a.c\nDA:2,3\nDA:3,0\nBRDA:1,0,1,2\nend_of_record\n";
    let d = repo(&[("a.c", ""), ("lcov.info", lcov)]);
    let o = run(d.path(), "reports = [\"lcov.info\"]");
    // Lines 1,2,3: 2 merges to 3 hits; branches (1,0,0) (1,0,1) (1,e0,0) (2,0,"jump..."):
    // the `-` branch is found, then taken in the second section; the exception branch stays 0.
    assert_eq!(figures_of(&o), (2, 3, Some((3, 4))));
    assert!(o.notes.iter().any(|n| n.contains("MC/DC")), "{:?}", o.notes);
}

#[test]
fn cobertura_traps() {
    let xml = r#"<?xml version="1.0"?>
<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">
<coverage line-rate="0.5" lines-covered="2" lines-valid="4" branch-rate="0.5" branches-covered="1" branches-valid="2" version="1">
  <sources><source>C:\build\agent\src</source><source></source><source>/nonexistent/junk</source></sources>
  <packages><package name="p"><classes>
    <class name="A" filename="lib/a.py">
      <methods><method name="f"><lines><line number="1" hits="0"/><line number="9" hits="1"/></lines></method></methods>
      <lines>
        <line number="1" hits="3"/>
        <line number="2" hits="0" branch="True" condition-coverage="50% (1/2)"/>
        <line number="3" hits="1.0"/>
      </lines>
    </class>
    <class name="A$Inner" filename="lib/a.py">
      <lines><line number="2" hits="2" branch="true" condition-coverage="100% (2/2)"/><line number="4" hits="0"/></lines>
    </class>
  </classes></package></packages>
</coverage>"#;
    let d = repo(&[("src/lib/a.py", ""), ("coverage.xml", xml)]);
    let o = run(d.path(), "reports = [\"coverage.xml\"]");
    // Lines 1..4 once each (max hits across the two classes; method copies ignored): 3 of 4
    // covered; branches of line 2: max of 1/2 and 2/2.
    assert_eq!(figures_of(&o), (3, 4, Some((2, 2))));
    // The Windows source root maps `lib/a.py` onto `src/lib/a.py`.
    assert_eq!(rule_count(&o, "coverage/unmapped"), 0, "{:?}", o.findings);
    // The headline (2/4, 1/2) disagrees with the records (3/4, 2/2).
    let f = o
        .findings
        .iter()
        .find(|f| f.rule == "coverage/headline-mismatch")
        .expect("mismatch");
    assert!(f.message.contains("lines 2/4"), "{}", f.message);
}

#[test]
fn jacoco_ci_and_branches_and_no_dtd() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd"><report name="x"><sessioninfo id="s" start="1" dump="2"/><package name="com/ex"><class name="com/ex/A" sourcefilename="A.java"><method name="f" desc="()V" line="3"><counter type="LINE" missed="0" covered="1"/></method></class><sourcefile name="A.java"><line nr="3" mi="0" ci="2" mb="0" cb="0"/><line nr="4" mi="3" ci="0" mb="2" cb="0"/><line nr="5" mi="1" ci="1" mb="1" cb="3"/><counter type="LINE" missed="1" covered="2"/></sourcefile></package><counter type="LINE" missed="1" covered="2"/><counter type="BRANCH" missed="3" covered="3"/></report>"#;
    let d = repo(&[
        ("module/src/main/java/com/ex/A.java", ""),
        ("jacoco.xml", xml),
    ]);
    let o = run(d.path(), "reports = [\"jacoco.xml\"]");
    assert_eq!(figures_of(&o), (2, 3, Some((3, 6))));
    assert_eq!(rule_count(&o, "coverage/headline-mismatch"), 0);
    // The package folder is found below the source root.
    assert_eq!(rule_count(&o, "coverage/unmapped"), 0);
    assert!(
        o.findings
            .iter()
            .any(|f| f.path.as_deref() == Some("module/src/main/java/com/ex/A.java"))
    );
}

#[test]
fn exact_ratio_41_of_43() {
    let mut lcov = String::from("SF:a.c\n");
    for l in 1..=43 {
        lcov.push_str(&format!("DA:{l},{}\n", u32::from(l > 2)));
    }
    lcov.push_str("end_of_record\n");
    let d = repo(&[("a.c", ""), ("lcov.info", &lcov)]);
    let o = run(d.path(), "reports = [\"lcov.info\"]");
    let m = o.metrics.iter().find(|m| m.name == "line").expect("line");
    assert_eq!(m.ratio, Some((41, 43)));
    assert_eq!(m.value, 4100.0 / 43.0);
    assert!(m.value > 95.34 && m.value < 95.35);
}

#[test]
fn no_branches_is_no_data_and_a_branch_rule_is_error() {
    let o = run(
        &fx("python"),
        "reports = [\"coverage-nobranch.xml\"]\n[[paths]]\nglob = \"pkg/**\"\nthresholds = [\"branch >= 70\", \"line >= 70\", \"line >= 90\"]\n",
    );
    assert!(o.metrics.iter().all(|m| m.name != "branch"));
    let st: Vec<(String, Status)> = o
        .conditions
        .iter()
        .map(|c| (c.expr.clone(), c.status))
        .collect();
    assert_eq!(
        st,
        vec![
            ("pkg/**: branch >= 70".to_string(), Status::Error),
            ("pkg/**: line >= 70".to_string(), Status::Pass),
            ("pkg/**: line >= 90".to_string(), Status::Fail),
        ]
    );
    assert_eq!(o.conditions[1].actual, Some(1700.0 / 23.0));
    assert_eq!(rule_count(&o, "coverage/path-rule"), 2);
}

#[test]
fn exclude_drops_files_and_worst_files_are_listed() {
    let o = run(&fx("js"), "reports = [\"nyc/lcov.info\"]\nworst_files = 1");
    let low: Vec<_> = o
        .findings
        .iter()
        .filter(|f| f.rule == "coverage/low-file")
        .collect();
    assert_eq!(low.len(), 1);
    assert_eq!(low[0].path.as_deref(), Some("src/util.js"));
    assert_eq!(low[0].message, "53.8% of 13 lines covered (7/13)");
    assert_eq!(count(&o, "min_file_line"), Some(53));
}

#[test]
fn path_map_and_foreign_absolute_paths() {
    let lcov = "SF:/home/runner/work/app/app/src/x.rs\nDA:1,1\nend_of_record\nSF:/elsewhere/y.rs\nDA:1,0\nend_of_record\n";
    let d = repo(&[("src/x.rs", ""), ("y.rs", ""), ("lcov.info", lcov)]);
    let o = run(
        d.path(),
        "reports = [\"lcov.info\"]\npath_map = { \"/home/runner/work/app/app/\" = \"\" }",
    );
    assert_eq!(rule_count(&o, "coverage/unmapped"), 0);
    let o = run(d.path(), "reports = [\"lcov.info\"]");
    assert_eq!(
        rule_count(&o, "coverage/unmapped"),
        0,
        "stripping leading folders finds both"
    );
    let d = repo(&[("lcov.info", lcov)]);
    let o = run(d.path(), "reports = [\"lcov.info\"]");
    let f = o
        .findings
        .iter()
        .find(|f| f.rule == "coverage/unmapped")
        .expect("warning");
    assert!(f.message.starts_with("2 of 2 files"), "{}", f.message);
    // Unmapped files still count.
    assert_eq!(figures_of(&o), (1, 2, None));
}

// --- Errors --------------------------------------------------------------------------------

#[test]
fn malformed_reports_name_file_and_position() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "cov.xml",
            "<?xml version=\"1.0\"?>\n<coverage>\n  <packages>\n    <package",
            "cov.xml:4:",
        ),
        ("cov.xml", "<coverage><packages></coverage>", "cov.xml:1:"),
        (
            "lcov.info",
            "SF:a.c\nDA:1,1\nDA:x,1\nend_of_record\n",
            "lcov.info:3:",
        ),
        ("lcov.info", "SF:a.c\nDA:1,1\n", "lcov.info:2:"),
        (
            "final.json",
            "{\"a.js\": {\"statementMap\": {\"0\": ",
            "final.json:1:",
        ),
        ("c.out", "mode: set\na.go:1.1,2.2 1\n", "c.out:2:"),
        ("r.txt", "hello world\n", "r.txt:1:1"),
    ];
    for (name, body, want) in cases {
        let d = repo(&[(name, body)]);
        let e = err(d.path(), &format!("reports = [\"{name}\"]"));
        assert!(e.contains(want), "{name}: {e}");
    }
    // Forcing the wrong format is a positioned error too.
    let e = err(
        &fx("python"),
        "reports = [\"coverage.lcov\"]\nformat = \"cobertura\"",
    );
    assert!(e.contains("coverage.lcov:1:"), "{e}");
}

#[test]
fn unsupported_dialects_are_named() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "a.json",
            "{\"format_version\": \"1\", \"gcc_version\": \"12\", \"files\": []}",
            "gcov JSON",
        ),
        ("a.gcov", "        -:    0:Source:a.c\n", "gcov text"),
        (
            "s.json",
            "{\"total\": {\"lines\": {\"total\": 1, \"covered\": 1, \"pct\": 100}}}",
            "coverage-summary.json",
        ),
        (
            "v.xml",
            "<?xml version=\"1.0\"?><results><modules/></results>",
            "coveragexml",
        ),
    ];
    for (name, body, want) in cases {
        let d = repo(&[(name, body)]);
        let e = err(d.path(), &format!("reports = [\"{name}\"]"));
        assert!(e.contains(want), "{name}: {e}");
    }
    // Totals-only files of producers whose full reports are read: named, not read.
    for (dir, r, want) in [
        ("c", "gcovr-summary.json", "gcovr JSON summary"),
        ("gcovr-json", "gcovr-8.8-summary.json", "gcovr JSON summary"),
        (
            "simplecov",
            "branch-2-commands.last_run.json",
            "SimpleCov .last_run.json",
        ),
        (
            "simplecov",
            "simplecov-old-format.last_run.json",
            "SimpleCov .last_run.json",
        ),
    ] {
        let e = err(&fx(dir), &format!("reports = [\"{r}\"]"));
        assert!(e.contains(want) && e.contains("1:1"), "{r}: {e}");
    }
}

#[test]
fn no_report_is_an_error() {
    let d = repo(&[("a.c", "")]);
    let e = err(
        d.path(),
        "reports = [\"coverage.xml\", \"build/**/lcov.info\"]",
    );
    assert!(e.contains("no coverage report found"), "{e}");
    let e = err(d.path(), "");
    assert!(e.contains("no coverage report found"), "{e}");
}

#[test]
fn options_are_validated() {
    let d = repo(&[("lcov.info", "SF:a\nDA:1,1\nend_of_record\n")]);
    for (opts, want) in [
        (
            "reports = [\"lcov.info\"]\nreport = 1",
            "unknown key `report`",
        ),
        (
            "reports = [\"lcov.info\"]\nformat = \"lcovv\"",
            "unknown format `lcovv`",
        ),
        ("reports = [\"../x\"]", "leaves the repository"),
        (
            "reports = [\"lcov.info\"]\n[[paths]]\nglob = \"src/**\"\nthresholds = [\"lines >= 3\"]",
            "unknown metric `lines`",
        ),
        (
            "reports = [\"lcov.info\"]\n[[paths]]\nglob = \"src/**\"\nthresholds = [\"line >= 3s\"]",
            "a percentage",
        ),
        (
            "reports = [\"lcov.info\"]\n[[paths]]\nglob = \"src/**\"\nthreshold = [\"line >= 3\"]",
            "unknown key `threshold`",
        ),
    ] {
        let e = err(d.path(), opts);
        assert!(e.contains(want), "{opts}: {e}");
    }
}

/// Runs the gate as `check` would, with `--base` and `exclude`.
fn run_cx(
    root: &Path,
    opts: &str,
    base: Option<&str>,
    exclude: &[&str],
) -> anyhow::Result<GateOutput> {
    let root = root.canonicalize()?;
    let k = kind("coverage").expect("kind");
    let node = gatekeep::config::value::parse_toml(opts).expect("toml");
    let gate = k
        .configure(
            &node,
            &ConfigCx {
                gate_id: "coverage",
                config_dir: &root,
            },
        )
        .expect("configure");
    let repo = gatekeep::walk::RepoIndex::scan(&root, &globset::GlobSet::empty(), 1)?;
    let exclude: Vec<String> = exclude.iter().map(|s| s.to_string()).collect();
    let selector = gatekeep::walk::Selector::new(&[], &exclude)?;
    let cancel = Cancel::default();
    let cx = GateCx {
        id: "coverage",
        root: &root,
        config_dir: &root,
        repo: &repo,
        selector: &selector,
        include: &[],
        base,
        baseline: None,
        cancel: &cancel,
        deadline: None,
        write_baseline: false,
    };
    gate.run(&cx)
}

#[test]
fn exclude_globs_drop_files_from_the_figures() {
    let o = run_cx(
        &fx("js"),
        "reports = [\"nyc/lcov.info\"]",
        None,
        &["src/util.js"],
    )
    .expect("run");
    // main.js alone: 4 of 4 lines, 1 of 2 branches.
    assert_eq!(figures_of(&o), (4, 4, Some((1, 2))));
    assert!(
        o.notes.iter().any(|n| n.contains("1 files left out")),
        "{:?}",
        o.notes
    );
}

#[test]
fn windows_paths_from_another_machine_are_mapped() {
    let report = std::fs::read(fx("dotnet").join("coverage.opencover.xml")).expect("fixture");
    let report = String::from_utf8_lossy(&report).into_owned();
    let d = repo(&[
        ("src/SampleApp/Program.cs", ""),
        ("src/SampleApp/Startup.cs", ""),
        ("src/SampleApp/Models/Product.cs", ""),
        ("src/SampleApp/Models/ProductsRepository.cs", ""),
        ("src/SampleApp/Models/SampleAppContext.cs", ""),
        ("src/SampleApp/Controllers/ProductsController.cs", ""),
        ("cov.xml", &report),
    ]);
    let o = run(d.path(), "reports = [\"cov.xml\"]\nworst_files = 20");
    assert_eq!(figures_of(&o), (90, 201, Some((5, 28))));
    let f = o
        .findings
        .iter()
        .find(|f| f.rule == "coverage/unmapped")
        .expect("the test SDK file stays unmapped");
    assert!(f.message.starts_with("4 of 10 files"), "{}", f.message);
    assert!(
        o.findings
            .iter()
            .any(|f| f.path.as_deref() == Some("src/SampleApp/Controllers/ProductsController.cs"))
    );
}

// --- diff_line ----------------------------------------------------------------------------

fn git(dir: &Path, args: &[&str]) {
    let st = std::process::Command::new("git")
        .args([
            "-c",
            "user.email=t@example.com",
            "-c",
            "user.name=t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(
        st.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&st.stderr)
    );
}

#[test]
fn diff_line_counts_changed_coverable_lines() {
    let d = repo(&[("src/a.py", "1\n2\n3\n4\n5\n6\n")]);
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "."]);
    git(d.path(), &["commit", "-q", "-m", "base"]);
    // Change lines 2, 3 and 6; add 7. Coverable: 2 (hit), 3 (missed), 6 (hit); 7 is not.
    std::fs::write(d.path().join("src/a.py"), "1\nb\nc\n4\n5\nf\ng\n").expect("write");
    std::fs::write(
        d.path().join("lcov.info"),
        "SF:src/a.py\nDA:1,1\nDA:2,1\nDA:3,0\nDA:5,0\nDA:6,2\nend_of_record\n",
    )
    .expect("write");
    let o = run_cx(d.path(), "reports = [\"lcov.info\"]", Some("HEAD"), &[]).expect("run");
    let m = o
        .metrics
        .iter()
        .find(|m| m.name == "diff_line")
        .expect("diff_line");
    assert_eq!(m.ratio, Some((2, 3)));
    let f = o
        .findings
        .iter()
        .find(|f| f.rule == "coverage/diff-uncovered")
        .expect("finding");
    assert_eq!((f.path.as_deref(), f.line), (Some("src/a.py"), Some(3)));
    // A revision that does not exist is an error, not a silent pass.
    let e = run_cx(
        d.path(),
        "reports = [\"lcov.info\"]",
        Some("no-such-rev"),
        &[],
    )
    .expect_err("error");
    assert!(format!("{e:#}").contains("no-such-rev"));
}

/// Issue 15: `new_line`, `new_branch` and `new_lines_total` over the change, and a change
/// that adds no coverable line holds instead of failing for want of data.
#[test]
fn new_code_metrics_and_a_change_with_nothing_to_gate() {
    let d = repo(&[("src/a.py", "1\n2\n3\n4\n"), ("README.md", "# a\n")]);
    std::fs::write(
        d.path().join("lcov.info"),
        "SF:src/a.py\nDA:1,1\nDA:2,1\nDA:3,0\nBRDA:2,0,0,1\nBRDA:2,0,1,0\nBRDA:3,0,0,0\nBRDA:3,0,1,0\nend_of_record\n",
    )
    .expect("write");
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "."]);
    git(d.path(), &["commit", "-q", "-m", "base"]);
    let metric = |o: &gatekeep::gates::GateOutput, n: &str| {
        o.metrics
            .iter()
            .find(|m| m.name == n)
            .unwrap_or_else(|| panic!("{n}: {:?}", o.metrics))
            .clone()
    };
    // A docs-only change: nothing new to gate.
    std::fs::write(d.path().join("README.md"), "# a, documented\n").expect("write");
    let o = run_cx(d.path(), "reports = [\"lcov.info\"]", Some("HEAD"), &[]).expect("run");
    assert_eq!(metric(&o, "new_lines_total").value, 0.0);
    let nl = metric(&o, "new_line");
    assert_eq!(
        (nl.value, nl.detail.as_deref()),
        (100.0, Some("no new coverable lines"))
    );
    assert_eq!(metric(&o, "diff_line").value, 100.0);
    assert_eq!(
        metric(&o, "new_branch").detail.as_deref(),
        Some("no new branches")
    );
    assert!(
        o.notes.iter().any(|n| n.contains("README.md")),
        "changed files no report lists are named: {:?}",
        o.notes
    );
    // A change to lines 2 and 3: 1 of 2 lines, 1 of 4 branches. (The change is read once per
    // process and base, so this second run names the same base another way.)
    std::fs::write(d.path().join("src/a.py"), "1\nb\nc\n4\n").expect("write");
    let o = run_cx(d.path(), "reports = [\"lcov.info\"]", Some("HEAD~0"), &[]).expect("run");
    assert_eq!(metric(&o, "new_lines_total").value, 2.0);
    assert_eq!(metric(&o, "new_line").ratio, Some((1, 2)));
    assert_eq!(metric(&o, "diff_line").ratio, Some((1, 2)));
    assert_eq!(metric(&o, "new_branch").ratio, Some((1, 4)));
}

#[test]
fn real_reports_agree_with_their_own_headlines() {
    for (d, r) in [
        ("python", "coverage.xml"),
        ("python", "coverage.json"),
        ("python", "coverage.lcov"),
        ("c", "gcovr-cobertura.xml"),
        ("c", "gcovr.lcov"),
        ("c", "lcov-capture.info"),
        ("c", "gcovr-jacoco.xml"),
        ("js", "nyc/lcov.info"),
        ("js", "nyc/cobertura-coverage.xml"),
        ("js", "c8/lcov.info"),
        ("js", "c8/cobertura-coverage.xml"),
        ("rust", "llvm-cov.json"),
        ("rust", "llvm-cov-branch.json"),
        ("rust", "llvm-cov-branch.lcov"),
        ("dotnet", "coverage.info"),
        ("dotnet", "coverage.cobertura.xml"),
        ("java", "pureedgesim-jacoco.xml"),
    ] {
        let o = run(&fx(d), &format!("reports = [\"{r}\"]"));
        let m: Vec<&str> = o
            .findings
            .iter()
            .filter(|f| f.rule == "coverage/headline-mismatch")
            .map(|f| f.message.as_str())
            .collect();
        assert!(m.is_empty(), "{d}/{r}: {m:?}");
    }
}

// --- Go statements, combined ------------------------------------------------------------------

fn pct_of(o: &GateOutput, name: &str) -> Option<(u64, u64)> {
    let m = o.metrics.iter().find(|m| m.name == name)?;
    let (n, d) = m.ratio.expect("a ratio");
    assert_eq!(m.value, n as f64 * 100.0 / d as f64, "{name}");
    Some((n, d))
}

/// `go tool cover -func`'s total line, `%.1f` of the statements.
fn go_total(n: u64, d: u64) -> String {
    format!("{:.1}", n as f64 * 100.0 / d as f64)
}

#[test]
fn go_statements_match_go_tool_cover_func() {
    // (folder, report, `go tool cover -func` total, statements covered/total, lines covered/total)
    let cases = [
        ("go", "cover-set.out", "72.7", (8, 11), (12, 17)),
        ("go", "cover-count.out", "72.7", (8, 11), (12, 17)),
        ("go", "cover-atomic.out", "72.7", (8, 11), (12, 17)),
        (
            "go/stdlib",
            "strings-count.out",
            "98.1",
            (922, 940),
            (1336, 1365),
        ),
        // -coverpkg over 3 test binaries: 1,152 blocks written 3 times, merged as go tool cover
        // merges them (set: OR, count: add).
        (
            "go/stdlib",
            "container-coverpkg-set.out",
            "15.0",
            (266, 1779),
            (403, 2732),
        ),
        (
            "go/stdlib",
            "container-coverpkg-count.out",
            "15.0",
            (266, 1779),
            (403, 2732),
        ),
        (
            "go/google-uuid",
            "uuid-atomic.out",
            "87.6",
            (360, 411),
            (587, 671),
        ),
    ];
    for (dir, report, func_total, stmts, lines) in cases {
        let o = run(&fx(dir), &format!("reports = [\"{report}\"]"));
        let s = pct_of(&o, "statements").expect("statements");
        assert_eq!(s, stmts, "{report}");
        assert_eq!(go_total(s.0, s.1), func_total, "{report}");
        // Lines: every line of a block, the highest count of the blocks on it.
        let l = pct_of(&o, "line").expect("line");
        assert_eq!(l, lines, "{report}");
        // Every report is Go: the default threshold is on statements.
        assert_eq!(
            o.default_thresholds,
            Some(vec!["statements >= 80"]),
            "{report}"
        );
        // No branches: `combined` is `line`.
        assert_eq!(pct_of(&o, "combined"), Some(l), "{report}");
        assert!(pct_of(&o, "branch").is_none());
    }
}

#[test]
fn go_inconsistent_statement_counts_are_an_error() {
    // `go tool cover`: "inconsistent NumStmt: changed from 2 to 3".
    let d = repo(&[(
        "c.out",
        "mode: count\na.go:1.1,2.2 2 1\na.go:3.1,4.2 1 0\na.go:1.1,2.2 3 1\n",
    )]);
    let e = err(d.path(), "reports = [\"c.out\"]");
    assert!(
        e.contains("c.out:4:") && e.contains("inconsistent statement count"),
        "{e}"
    );
}

#[test]
fn two_go_import_paths_onto_one_file_are_reported() {
    let d = repo(&[
        ("go.mod", "module example.com/m\n\ngo 1.19\n"),
        ("pkg/a.go", "package pkg\n"),
        (
            "c.out",
            "mode: set\nexample.com/m/pkg/a.go:1.1,2.2 2 1\ngithub.com/old/m/pkg/a.go:1.1,2.2 2 0\ngithub.com/old/m/pkg/a.go:3.1,4.2 1 0\n",
        ),
    ]);
    let o = run(d.path(), "reports = [\"c.out\"]");
    let f: Vec<&str> = o
        .findings
        .iter()
        .filter(|f| f.rule == "coverage/path-collision")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(f.len(), 1, "{:?}", o.findings);
    assert!(
        f[0].contains("pkg/a.go")
            && f[0].contains("example.com/m/pkg/a.go")
            && f[0].contains("github.com/old/m/pkg/a.go"),
        "{}",
        f[0]
    );
}

#[test]
fn combined_matches_coverage_py_report_total() {
    // `coverage report`: TOTAL 73% = (17 + 10) / (23 + 14); `coverage json` totals
    // `percent_covered`: 72.97297297297297 (`Numbers.pc_covered`).
    for r in ["coverage.xml", "coverage.json", "coverage.lcov"] {
        let o = run(&fx("python"), &format!("reports = [\"{r}\"]"));
        assert_eq!(pct_of(&o, "combined"), Some((27, 37)), "{r}");
        let m = o
            .metrics
            .iter()
            .find(|m| m.name == "combined")
            .expect("combined");
        assert_eq!(m.value, 72.97297297297297, "{r}");
        // No statement counts outside Go: no data, not 0% nor 100%.
        assert!(pct_of(&o, "statements").is_none(), "{r}");
    }
    // Without --branch, coverage.py's total is the line figure: 74% (73.91304347826087).
    for r in [
        "coverage-nobranch.xml",
        "coverage-nobranch.json",
        "coverage-nobranch.lcov",
    ] {
        let o = run(&fx("python"), &format!("reports = [\"{r}\"]"));
        let m = o
            .metrics
            .iter()
            .find(|m| m.name == "combined")
            .expect("combined");
        assert_eq!(
            (m.ratio, m.value),
            (Some((17, 23)), 73.91304347826087),
            "{r}"
        );
    }
    // Every format has it: gcovr's C run, 16/26 lines + 6/14 branches.
    for r in ["gcovr-cobertura.xml", "gcovr.lcov", "gcovr-jacoco.xml"] {
        let o = run(&fx("c"), &format!("reports = [\"{r}\"]"));
        assert_eq!(pct_of(&o, "combined"), Some((22, 40)), "{r}");
    }
}

// --- OpenCover: ReportGenerator's rule -------------------------------------------------------

#[test]
fn opencover_follows_reportgenerators_rule() {
    // ReportGenerator's OpenCoverParser: a sequence point covers every line from `sl` to `el`
    // (visits add), branch points are told apart by (sl, path, offset, offsetend). Its rule,
    // applied to its own test project's reports (fixtures/coverage/dotnet/reportgenerator/README.md):
    for (r, want) in [
        ("reportgenerator/OpenCover.xml", (121, 190, Some((5, 8)))),
        (
            "reportgenerator/OpenCover_altcover.xml",
            (119, 180, Some((7, 10))),
        ),
        (
            "reportgenerator/OpenCover_coverlet.xml",
            (156, 255, Some((9, 14))),
        ),
    ] {
        assert_eq!(figures("dotnet", r), want, "{r}");
    }
}

#[test]
fn cobertura_lines_only_under_methods_are_read() {
    // ReportGenerator's test report "Cobertura exported from Swift": the class has no
    // `class/lines/line`, its two methods have one line each; `lines-covered="1"
    // lines-valid="2"` (ReportGenerator: the class's line coverage 50%).
    let o = run(&fx("swift"), "reports = [\"Cobertura_Swift.xml\"]");
    assert_eq!(figures_of(&o), (1, 2, None));
    // The headline's lines agree; its `branches-valid="1.0" branches-covered="1.0"` (no branch
    // records at all) is reported.
    let m: Vec<&str> = o
        .findings
        .iter()
        .filter(|f| f.rule == "coverage/headline-mismatch")
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        m.len() == 1 && m[0].contains("says branches 1/1 but"),
        "{m:?}"
    );
    // A line under two methods counts once, with its highest hits; a class with lines of its
    // own still ignores its method copies (cobertura_traps).
    let xml = r#"<?xml version="1.0"?>
<coverage lines-covered="2" lines-valid="2" line-rate="1">
  <packages><package name="p"><classes>
    <class name="A" filename="a.swift"><methods>
      <method name="f"><lines><line number="3" hits="0"/><line number="4" hits="2"/></lines></method>
      <method name="g"><lines><line number="3" hits="1"/></lines></method>
    </methods><lines/></class>
  </classes></package></packages>
</coverage>"#;
    let d = repo(&[("coverage.xml", xml)]);
    let o = run(d.path(), "reports = [\"coverage.xml\"]");
    assert_eq!(figures_of(&o), (2, 2, None));
}

#[test]
fn openclover_lines_are_stmt_and_cond_lines_as_its_metrics_count_them() {
    // OpenClover 4.3.1 (ReportGenerator's Java test project): `<project><metrics>` statements 22,
    // coveredstatements 15, conditionals 2, coveredconditionals 1. Every `cond` line is also a
    // `stmt` line there, so lines (stmt + cond, not method) = statements.
    assert_eq!(
        figures("java", "openclover/Clover_OpenClover4.3.1.xml"),
        (15, 22, Some((1, 2)))
    );
    // Clover 3.2.2 for Groovy: statements 1, covered 1; `<testproject>` files are not counted.
    let o = run(&fx("java"), "reports = [\"openclover/Clover_Groovy.xml\"]");
    assert_eq!(figures_of(&o), (1, 1, None));
    assert_eq!(rule_count(&o, "coverage/headline-mismatch"), 0);
}

// --- JaCoCo counters, Istanbul statements and functions ----------------------------------------

#[test]
fn jacoco_counters_match_the_reports_own_totals() {
    // PureEdgeSim's report counters: INSTRUCTION 1215 missed / 13968 covered, COMPLEXITY
    // 240 / 923, METHOD 46 / 663 — from each line's mi/ci and each method's counters.
    let o = run(&fx("java"), "reports = [\"pureedgesim-jacoco.xml\"]");
    assert_eq!(pct_of(&o, "instruction"), Some((13968, 15183)));
    assert_eq!(pct_of(&o, "complexity"), Some((923, 1163)));
    assert_eq!(pct_of(&o, "method"), Some((663, 709)));
    assert!(pct_of(&o, "functions").is_none() && pct_of(&o, "statements").is_none());
    // gcovr's JaCoCo has no <method> and no mi/ci: its sourcefile METHOD counters (3 of 4), no
    // instruction data.
    let o = run(&fx("c"), "reports = [\"gcovr-jacoco.xml\"]");
    assert_eq!(pct_of(&o, "method"), Some((3, 4)));
    assert!(pct_of(&o, "instruction").is_none());
    // Two copies of the report keep the counts (an element recorded again is not added).
    let x = std::fs::read_to_string(fx("java").join("pureedgesim-jacoco.xml")).expect("read");
    let d = repo(&[("a/jacoco.xml", &x), ("b/jacoco.xml", &x)]);
    let o = run(d.path(), "reports = [\"*/jacoco.xml\"]");
    assert_eq!(pct_of(&o, "method"), Some((663, 709)));
    assert_eq!(pct_of(&o, "instruction"), Some((13968, 15183)));
    assert_eq!(pct_of(&o, "complexity"), Some((923, 1163)));
}

#[test]
fn istanbul_statements_and_functions_match_istanbul_lib_coverage() {
    // istanbul-lib-coverage 3.2.2 `getCoverageSummary()` of coverage-final.json:
    // nyc: statements 11/18, functions 2/3; c8: statements 22/33, functions 2/3.
    for (dir, st) in [("nyc", (11, 18)), ("c8", (22, 33))] {
        let o = run(
            &fx("js"),
            &format!("reports = [\"{dir}/coverage-final.json\"]"),
        );
        assert_eq!(pct_of(&o, "statements"), Some(st), "{dir}");
        assert_eq!(pct_of(&o, "functions"), Some((2, 3)), "{dir}");
        // Not all Go: the default threshold stays on `line`.
        assert!(o.default_thresholds.is_none());
    }
    // Two copies of the report: counts kept, not added (one count per file, the higher one).
    let j = std::fs::read_to_string(fx("js").join("nyc/coverage-final.json")).expect("read");
    let d = repo(&[("a/coverage-final.json", &j), ("b/coverage-final.json", &j)]);
    let o = run(d.path(), "reports = [\"*/coverage-final.json\"]");
    assert_eq!(pct_of(&o, "statements"), Some((11, 18)));
    assert_eq!(pct_of(&o, "functions"), Some((2, 3)));
}

// --- SimpleCov, gcovr JSON, Coveralls, SonarQube generic (fixtures/coverage/<format>/README.md) ---

#[test]
fn simplecov_resultsets_match_simplecov() {
    // SimpleCov 0.22.0's console and .last_run.json: "25 / 27 LOC (92.59%)"; HTML: 16 branches,
    // 12 covered. Two command names (unit, integration) merged in the file.
    assert_eq!(
        figures("simplecov", "branch-2-commands.resultset.json"),
        (25, 27, Some((12, 16)))
    );
    // Three command names, no branch coverage: 25 / 27 LOC.
    assert_eq!(
        figures("simplecov", "lines-3-commands.resultset.json"),
        (25, 27, None)
    );
    // SimpleCov's own test project of the pre-0.18 format: .last_run.json covered_percent 88.89.
    assert_eq!(
        figures("simplecov", "simplecov-old-format.resultset.json"),
        (8, 9, None)
    );
    let o = run(
        &fx("simplecov"),
        "reports = [\"lines-3-commands.resultset.json\"]",
    );
    assert!(
        o.notes
            .iter()
            .any(|n| n.contains("3 command names merged")
                && n.contains("default, integration, unit")),
        "{:?}",
        o.notes
    );
}

#[test]
fn gcovr_json_matches_gcovr_summary() {
    // gcovr 8.8 and 5.2 text summary: lines 16/26, branches 6/14.
    for r in ["gcovr-8.8.json", "gcovr-5.2.json"] {
        assert_eq!(figures("gcovr-json", r), (16, 26, Some((6, 14))), "{r}");
    }
    // A template line once per instance (gcovr 8): counted once, as `gcovr --merge-lines` and
    // gcovr 5.2 count it: lines 9/11, branches 4/6 (gcovr 8.8's default summary: 11/15, 4/10).
    for r in ["gcovr-8.8-template.json", "gcovr-5.2-template.json"] {
        assert_eq!(figures("gcovr-json", r), (9, 11, Some((4, 6))), "{r}");
    }
    // gcovr's own test `excl-line` (GCOVR_EXCL_LINE markers): its Cobertura reference says 5/6, 1/2.
    assert_eq!(
        figures("gcovr-json", "gcovr-tests-excl-line-gcc14.json"),
        (5, 6, Some((1, 2)))
    );
}

#[test]
fn coveralls_json_matches_the_source_tools() {
    for (r, want) in [
        // coverage.py: 17/23 statements, 14 branches of which 10 taken (2 partial).
        ("coveralls-python-4.1.0.json", (17, 23, Some((10, 14)))),
        ("gcovr-8.8-coveralls.json", (16, 26, Some((6, 14)))),
        ("gcovr-5.2-coveralls.json", (16, 26, None)),
        ("gcovr-tests-excl-line-gcc8.json", (5, 6, None)),
        // lcov --summary of the LCOV it read: nyc 11/17, 6/10; c8 22/33, 5/9.
        ("node-coveralls-3.1.1-nyc.json", (11, 17, Some((6, 10)))),
        ("node-coveralls-3.1.1-c8.json", (22, 33, Some((5, 9)))),
    ] {
        assert_eq!(figures("coveralls", r), want, "{r}");
    }
}

#[test]
fn sonar_generic_matches_its_producers() {
    for r in ["gcovr-8.8-sonarqube.xml", "gcovr-5.2-sonarqube.xml"] {
        assert_eq!(figures("sonarqube", r), (16, 26, Some((6, 14))), "{r}");
    }
    assert_eq!(
        figures("sonarqube", "gcovr-tests-excl-line-gcc8.xml"),
        (5, 6, Some((1, 2)))
    );
    // gcovr 8.8 writes a template line once per instance; SonarQube keeps the first
    // `<lineToCover>` of a line (DefaultCoverage): lines 9/11, conditions 1/2 on lines 6, 7, 14.
    assert_eq!(
        figures("sonarqube", "gcovr-8.8-template-sonarqube.xml"),
        (9, 11, Some((3, 6)))
    );
    // First wins within a `<file>`, whatever the later ones say.
    let d = repo(&[(
        "s.xml",
        "<coverage version=\"1\"><file path=\"a.c\">\
         <lineToCover lineNumber=\"1\" covered=\"false\" branchesToCover=\"2\" coveredBranches=\"0\"/>\
         <lineToCover lineNumber=\"1\" covered=\"true\" branchesToCover=\"2\" coveredBranches=\"2\"/>\
         </file></coverage>",
    )]);
    assert_eq!(
        figures_of(&run(d.path(), "reports = [\"s.xml\"]")),
        (0, 1, Some((0, 2)))
    );
    // SonarQube's own parser test: hits 0,1,1,0 and 1,1; conditions 8 (5 covered) and 2 (0).
    assert_eq!(
        figures("sonarqube", "sonarqube-scanner-test.xml"),
        (4, 6, Some((5, 10)))
    );
}

#[test]
fn new_formats_truncated_or_damaged_are_positioned_errors() {
    // A real sample cut in the middle: an ERROR naming the file, its line and the format.
    for (dir, r, fmt) in [
        ("simplecov", "branch-2-commands.resultset.json", "simplecov"),
        (
            "simplecov",
            "simplecov-old-format.resultset.json",
            "simplecov",
        ),
        ("gcovr-json", "gcovr-8.8.json", "gcovr-json"),
        ("gcovr-json", "gcovr-5.2.json", "gcovr-json"),
        ("coveralls", "coveralls-python-4.1.0.json", "coveralls"),
        ("coveralls", "node-coveralls-3.1.1-nyc.json", "coveralls"),
        ("sonarqube", "sonarqube-scanner-test.xml", "sonar-generic"),
        ("sonarqube", "gcovr-8.8-sonarqube.xml", "sonar-generic"),
    ] {
        let body = std::fs::read_to_string(fx(dir).join(r)).expect("fixture");
        let cut = &body[..body.len() * 3 / 5];
        let d = repo(&[(r, cut)]);
        let e = err(d.path(), &format!("reports = [\"{r}\"]"));
        assert!(
            e.contains(&format!("invalid {fmt} report")) && !e.contains(&format!("{r}:1:1:")),
            "{r}: {e}"
        );
        assert!(e.contains(&format!("{r}:")), "{r}: {e}");
    }
    let cases: &[(&str, &str, &str)] = &[
        // SimpleCov: a negative count, a key it never writes, a branch key of another shape.
        (
            "r.json",
            "{\"unit\": {\"coverage\": {\"/a.rb\": {\"lines\": [null, 1, -1]}}, \"timestamp\": 1}}",
            "r.json:1:",
        ),
        (
            "r.json",
            "{\"unit\": {\"coverage\": {\"/a.rb\": {\"lines\": [null, 1], \"lnes\": [1]}}, \"timestamp\": 1}}",
            "unknown key `lnes`",
        ),
        (
            "r.json",
            "{\"unit\": {\"coverage\": {\"/a.rb\": {\"lines\": [1], \"branches\": {\"[:if, 0, 1]\": {\"[:then, 1, 1, 0, 1, 4]\": 1}}}}, \"timestamp\": 1}}",
            "not a SimpleCov condition key",
        ),
        (
            "r.json",
            "{\"unit\": {\"coverage\": {\"/a.rb\": {\"lines\": [1]}}}}",
            "missing field `timestamp`",
        ),
        // gcovr JSON: an unknown format version, a renamed key, a negative count.
        (
            "g.json",
            "{\"gcovr/format_version\": \"1.0\", \"files\": []}",
            "format_version `1.0`",
        ),
        (
            "g.json",
            "{\"gcovr/format_version\": \"0.15\", \"files\": [{\"file\": \"a.c\", \"lines\": [{\"line_number\": 1, \"cuont\": 1, \"branches\": []}]}]}",
            "g.json:1:",
        ),
        (
            "g.json",
            "{\"gcovr/format_version\": \"0.15\", \"files\": [{\"file\": \"a.c\", \"lines\": [{\"line_number\": 1, \"count\": -3, \"branches\": []}]}]}",
            "g.json:1:",
        ),
        // Coveralls: a branches array that is not quadruples, a fractional count, a renamed key.
        (
            "c.json",
            "{\"source_files\": [{\"name\": \"a.c\", \"coverage\": [null, 1], \"branches\": [2, 0, 0]}]}",
            "not a multiple of 4",
        ),
        (
            "c.json",
            "{\"source_files\": [{\"name\": \"a.c\", \"coverage\": [null, 1.5]}]}",
            "c.json:1:",
        ),
        (
            "c.json",
            "{\"source_files\": [{\"name\": \"a.c\", \"coverage\": [null, 1], \"coverge\": [1]}]}",
            "c.json:1:",
        ),
        // SonarQube generic: an unknown element, counts SonarQube rejects, another version.
        (
            "s.xml",
            "<coverage version=\"1\">\n<file path=\"a.c\">\n<lineToCovr lineNumber=\"1\" covered=\"true\"/>\n</file>\n</coverage>\n",
            "s.xml:3:1: invalid sonar-generic report: unknown element `<lineToCovr>`",
        ),
        (
            "s.xml",
            "<coverage version=\"1\">\n<file path=\"a.c\">\n<lineToCover lineNumber=\"1\" covered=\"true\" branchesToCover=\"2\" coveredBranches=\"3\"/>\n</file>\n</coverage>\n",
            "s.xml:3:1:",
        ),
        (
            "s.xml",
            "<coverage version=\"1\">\n<file path=\"a.c\">\n<lineToCover lineNumber=\"0\" covered=\"true\"/>\n</file>\n</coverage>\n",
            "s.xml:3:1:",
        ),
        (
            "s.xml",
            "<coverage version=\"1\">\n<file path=\"a.c\">\n<lineToCover lineNumber=\"2\" covered=\"yes\"/>\n</file>\n</coverage>\n",
            "not `true` or `false`",
        ),
        (
            "s.xml",
            "<coverage version=\"2\">\n<file path=\"a.c\">\n<lineToCover lineNumber=\"2\" covered=\"true\"/>\n</file>\n</coverage>\n",
            "unknown report version `2`",
        ),
    ];
    for (name, body, want) in cases {
        let d = repo(&[(name, body)]);
        let e = err(d.path(), &format!("reports = [\"{name}\"]"));
        assert!(e.contains(want), "{name}: {body}: {e}");
    }
}

#[test]
fn new_formats_are_detected_whatever_comes_first() {
    // gcovr 5 writes `gcovr/format_version` last: a report larger than the 64 KiB head is still
    // gcovr JSON (read from its structure).
    let body = std::fs::read_to_string(fx("gcovr-json").join("gcovr-5.2.json")).expect("fixture");
    let pad: String = (0..4000)
        .map(|i| format!("{{\"file\": \"pad/f{i}.c\", \"lines\": []}}, "))
        .collect();
    let big = body.replacen("\"files\": [", &format!("\"files\": [{pad}"), 1);
    assert!(big.len() > 128 * 1024);
    let d = repo(&[("big.json", &big)]);
    let o = run(d.path(), "reports = [\"big.json\"]");
    assert_eq!(figures_of(&o), (16, 26, Some((6, 14))));
    assert!(
        o.notes.iter().any(|n| n.contains("gcovr-json")),
        "{:?}",
        o.notes
    );
    // A Coveralls job whose `source` texts push `coverage` past the head.
    let src = "x".repeat(100 * 1024);
    let job = format!(
        "{{\"source_files\": [{{\"name\": \"a.c\", \"source\": \"{src}\", \"coverage\": [null, 1, 0]}}]}}"
    );
    let d = repo(&[("job.json", &job)]);
    assert_eq!(
        figures_of(&run(d.path(), "reports = [\"job.json\"]")),
        (1, 2, None)
    );
    // A SonarQube generic report without files is that format (no data), not "Cobertura".
    let d = repo(&[("s.xml", "<coverage version=\"1\"/>\n")]);
    let o = run(d.path(), "reports = [\"s.xml\"]");
    assert!(o.metrics.iter().all(|m| m.name != "line"));
    assert!(
        o.notes.iter().any(|n| n.contains("sonar-generic")),
        "{:?}",
        o.notes
    );
    // `format` forces each of them.
    for (dir, r, f) in [
        ("simplecov", "lines-3-commands.resultset.json", "simplecov"),
        ("gcovr-json", "gcovr-8.8.json", "gcovr-json"),
        ("coveralls", "gcovr-8.8-coveralls.json", "coveralls"),
        ("sonarqube", "gcovr-8.8-sonarqube.xml", "sonar-generic"),
    ] {
        let o = run(&fx(dir), &format!("reports = [\"{r}\"]\nformat = \"{f}\""));
        assert!(count(&o, "lines_total").unwrap_or(0) > 0, "{r}");
    }
}

/// Issue 15, refactors: an untested function moved into a class of another file, re-indented.
/// By default its lines are new (and uncovered); with `ignore_moved_lines` only the class line
/// is, and a note says how many lines only moved.
#[test]
fn moved_lines_are_not_new_with_ignore_moved_lines() {
    let func = "def total(items):\n    subtotal = sum(i.price for i in items)\n    return subtotal * 1.2\n";
    let d = repo(&[
        ("src/a.py", &format!("import os\n\n{func}")),
        ("src/b.py", "x = 1\n"),
    ]);
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "."]);
    git(d.path(), &["commit", "-q", "-m", "base"]);
    std::fs::write(d.path().join("src/a.py"), "import os\n").expect("write");
    let moved: String = func.lines().map(|l| format!("    {l}\n")).collect();
    std::fs::write(
        d.path().join("src/b.py"),
        format!("x = 1\n\nclass Cart:\n{moved}"),
    )
    .expect("write");
    git(
        d.path(),
        &["commit", "-q", "-am", "refactor: total moves into Cart"],
    );
    // The tests never call total(): lines 4-6 of b.py are not covered, the class line is.
    std::fs::write(
        d.path().join("lcov.info"),
        "SF:src/a.py\nDA:1,1\nend_of_record\nSF:src/b.py\nDA:1,1\nDA:3,1\nDA:4,1\nDA:5,0\nDA:6,0\nend_of_record\n",
    )
    .expect("write");
    let o = run_cx(d.path(), "reports = [\"lcov.info\"]", Some("HEAD~1"), &[]).expect("run");
    let ratio =
        |o: &GateOutput, n: &str| o.metrics.iter().find(|m| m.name == n).and_then(|m| m.ratio);
    // The `def` line is coverable and hit (definitions run on import); the body is not.
    assert_eq!(ratio(&o, "new_line"), Some((2, 4)), "{:?}", o.metrics);
    let o = run_cx(
        d.path(),
        "reports = [\"lcov.info\"]\nignore_moved_lines = true",
        Some("HEAD~1"),
        &[],
    )
    .expect("run");
    assert_eq!(ratio(&o, "new_line"), Some((1, 1)), "{:?}", o.metrics);
    assert!(
        o.notes
            .iter()
            .any(|n| n.contains("3 changed line(s) only moved")),
        "{:?}",
        o.notes
    );
}
