//! Parser tests on the real samples in `fixtures/diagnostics/`, with counts checked against each
//! tool's own summary where it prints one; damaged inputs; `run`; the baseline.

use super::{Format, detect};
use crate::gates::{GateOutput, run_for_test};
use crate::model::Severity;
use regex::Regex;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/diagnostics")
        .join(rel)
}

fn text(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).unwrap()
}

/// Runs a gate over a copy of `rel` (as `report`), with `extra` options.
fn gate_on(rel: &str, extra: &str) -> anyhow::Result<GateOutput> {
    let d = tempfile::tempdir().unwrap();
    std::fs::copy(fixture(rel), d.path().join("report")).unwrap();
    run_for_test(
        "diagnostics",
        &format!("reports = [\"report\"]\n{extra}"),
        d.path(),
    )
}

fn m(out: &GateOutput, name: &str) -> f64 {
    out.metrics
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no metric {name}: {:?}", out.metrics))
        .value
}

/// The first capture groups of `re` in `text`, as numbers.
fn nums(re: &str, text: &str) -> Vec<f64> {
    let c = Regex::new(re)
        .unwrap()
        .captures(text)
        .unwrap_or_else(|| panic!("no `{re}` in the tool's output"));
    (1..c.len()).map(|i| c[i].parse::<f64>().unwrap()).collect()
}

#[test]
fn every_sample_is_detected_as_its_format() {
    for (rel, f) in [
        ("tsc/tsc.txt", Format::Tsc),
        ("eslint/eslint.json", Format::Eslint),
        ("biome/biome-lint.json", Format::Biome),
        ("ruff/ruff.json", Format::Ruff),
        ("mypy/mypy.txt", Format::Mypy),
        ("mypy/mypy-columns.txt", Format::Mypy),
        ("mypy/mypy.json", Format::MypyJson),
        ("pyright/pyright.json", Format::Pyright),
        ("cargo/clippy.json", Format::Cargo),
        ("cargo/clippy-error.json", Format::Cargo),
        ("golangci-lint/golden-json.json", Format::GolangciLint),
        ("go-vet/vet-json.txt", Format::GoVet),
        ("checkstyle/eslint-checkstyle.xml", Format::Checkstyle),
        ("sarif/ruff.sarif", Format::Sarif),
        ("gcc/gcc.txt", Format::Gcc),
    ] {
        let bytes = std::fs::read(fixture(rel)).unwrap();
        assert_eq!(detect(&bytes), Some(f), "{rel}");
    }
    assert_eq!(detect(b"hello world\n"), None);
    // tsc's global diagnostics have no file position.
    assert_eq!(
        detect(b"error TS5058: The specified path does not exist: 'x.json'.\n"),
        Some(Format::Tsc)
    );
    assert_eq!(detect(b"{\"coverage\": 1}"), None);
}

#[test]
fn tsc_counts_equal_tscs_own_summary() {
    let out = gate_on("tsc/tsc.txt", "").unwrap();
    // tsc's `--pretty` run of the same project: "Found 19 errors in 4 files."
    let found = nums(
        r"Found (\d+) errors in (\d+) files",
        &text("tsc/tsc-pretty.txt"),
    );
    assert_eq!(m(&out, "errors"), found[0]);
    assert_eq!(m(&out, "files_with_errors"), found[1]);
    assert_eq!(m(&out, "warnings"), 0.0);
    assert_eq!(m(&out, "code.TS6133"), 8.0);
    assert_eq!(
        m(&out, "code.TS2322"),
        text("tsc/tsc.txt").matches("error TS2322").count() as f64
    );
    // A message chain stays one diagnostic, with its further lines.
    let chain = out
        .findings
        .iter()
        .find(|f| f.path.as_deref() == Some("src/d.ts") && f.line == Some(4))
        .unwrap();
    assert_eq!(chain.column, Some(7));
    assert_eq!(chain.rule, "diagnostics/tsc/TS2322");
    assert!(
        chain
            .message
            .contains("Types of property 'n' are incompatible."),
        "{}",
        chain.message
    );
    assert_eq!(chain.severity, Severity::High);
    assert!(chain.fingerprint.is_some());
    // The detail: top codes with counts and the tool's wording.
    let top = out
        .notes
        .iter()
        .find(|n| n.starts_with("top codes"))
        .unwrap();
    assert!(
        top.contains("TS6133 ×8 — 'missing' is declared but its value is never read."),
        "{top}"
    );
}

#[test]
fn tsc_5_counts_equal_its_own_summary() {
    let out = gate_on("tsc/tsc-5.9.txt", "").unwrap();
    let found = nums(
        r"Found (\d+) errors in (\d+) files",
        &text("tsc/tsc-5.9-pretty.txt"),
    );
    assert_eq!(m(&out, "errors"), found[0]);
    assert_eq!(m(&out, "files_with_errors"), found[1]);
}

#[test]
fn eslint_counts_equal_eslints_own_count() {
    let out = gate_on("eslint/eslint.json", "").unwrap();
    // "✖ 11 problems (8 errors, 3 warnings)"
    let own = nums(
        r"(\d+) problems \((\d+) errors?, (\d+) warnings?\)",
        &text("eslint/eslint-stylish.txt"),
    );
    assert_eq!(m(&out, "total"), own[0]);
    assert_eq!(m(&out, "errors"), own[1]);
    assert_eq!(m(&out, "warnings"), own[2]);
    assert_eq!(m(&out, "code.no-unused-vars"), 3.0);
    // The fatal parse error has no rule but counts as an error, at its position.
    let fatal = out
        .findings
        .iter()
        .find(|f| f.message.contains("Parsing error"))
        .unwrap();
    assert_eq!(fatal.rule, "diagnostics/eslint");
    assert_eq!(fatal.path.as_deref(), Some("/tmp/s/js/d.js"));
    assert_eq!((fatal.line, fatal.column), (Some(2), Some(3)));
}

#[test]
fn checkstyle_from_eslint_counts_what_eslint_json_counts() {
    let cs = gate_on("checkstyle/eslint-checkstyle.xml", "").unwrap();
    let js = gate_on("eslint/eslint.json", "").unwrap();
    for k in ["errors", "warnings", "code.no-unused-vars", "code.eqeqeq"] {
        assert_eq!(m(&cs, k), m(&js, k), "{k}");
    }
}

#[test]
fn biome_and_pyright_agree_with_their_summaries() {
    let out = gate_on("biome/biome-lint.json", "").unwrap();
    let v: serde_json::Value = serde_json::from_str(&text("biome/biome-lint.json")).unwrap();
    assert_eq!(m(&out, "errors"), v["summary"]["errors"].as_f64().unwrap());
    assert_eq!(
        m(&out, "warnings"),
        v["summary"]["warnings"].as_f64().unwrap()
    );
    assert_eq!(m(&out, "code.lint/correctness/noUnusedVariables"), 3.0);
    let out = gate_on("pyright/pyright.json", "").unwrap();
    let v: serde_json::Value = serde_json::from_str(&text("pyright/pyright.json")).unwrap();
    assert_eq!(
        m(&out, "errors"),
        v["summary"]["errorCount"].as_f64().unwrap()
    );
    assert_eq!(
        m(&out, "notes"),
        v["summary"]["informationCount"].as_f64().unwrap()
    );
    // 0-based ranges become 1-based positions: `add(1, "2")` on line 12, column 19.
    assert!(out.findings.iter().any(|f| f.line == Some(12)
        && f.column == Some(19)
        && f.rule == "diagnostics/pyright/reportArgumentType"));
}

#[test]
fn ruff_json_and_sarif_count_what_ruff_says() {
    // "Found 12 errors."
    let own = nums(r"Found (\d+) errors?\.", &text("ruff/ruff.txt"))[0];
    let json = gate_on("ruff/ruff.json", "").unwrap();
    let sarif = gate_on("sarif/ruff.sarif", "").unwrap();
    assert_eq!(m(&json, "errors"), own);
    assert_eq!(m(&sarif, "errors"), own);
    assert_eq!(m(&json, "code.F401"), m(&sarif, "code.F401"));
    assert!(
        sarif
            .findings
            .iter()
            .all(|f| f.rule.starts_with("diagnostics/ruff/"))
    );
    // SARIF gives the rule's description; the note uses it.
    let top = sarif
        .notes
        .iter()
        .find(|n| n.starts_with("top codes"))
        .unwrap();
    assert!(top.contains("F401 ×"), "{top}");
}

#[test]
fn mypy_text_and_json_count_what_mypy_says() {
    // "Found 7 errors in 2 files (checked 2 source files)"
    let own = nums(r"Found (\d+) errors in (\d+) files", &text("mypy/mypy.txt"));
    for rel in ["mypy/mypy.txt", "mypy/mypy-columns.txt", "mypy/mypy.json"] {
        let out = gate_on(rel, "").unwrap();
        assert_eq!(m(&out, "errors"), own[0], "{rel}");
        assert_eq!(m(&out, "files_with_errors"), own[1], "{rel}");
        assert_eq!(m(&out, "notes"), 1.0, "{rel}");
        assert_eq!(m(&out, "code.arg-type"), 1.0, "{rel}");
    }
    // Columns: 1-based in the text form, 0-based in JSON; both land on the same column.
    let t = gate_on("mypy/mypy-columns.txt", "").unwrap();
    let j = gate_on("mypy/mypy.json", "").unwrap();
    let pos = |o: &GateOutput| {
        o.findings
            .iter()
            .map(|f| (f.path.clone(), f.line, f.column))
            .collect::<Vec<_>>()
    };
    assert_eq!(pos(&t), pos(&j));
}

#[test]
fn cargo_clippy_warnings_and_errors() {
    let out = gate_on("cargo/clippy.json", "").unwrap();
    assert_eq!(m(&out, "errors"), 0.0);
    assert_eq!(m(&out, "warnings"), 5.0);
    assert_eq!(m(&out, "code.clippy::unwrap_used"), 1.0);
    let f = out
        .findings
        .iter()
        .find(|f| f.rule == "diagnostics/rustc/clippy::unwrap_used")
        .unwrap();
    assert_eq!(
        (f.path.as_deref(), f.line, f.column),
        (Some("src/lib.rs"), Some(5), Some(5))
    );
    // cargo's own count: "due to 2 previous errors; 1 warning emitted"
    let own = nums(
        r"due to (\d+) previous errors?; (\d+) warnings? emitted",
        &text("cargo/clippy-error.stderr.txt"),
    );
    let out = gate_on("cargo/clippy-error.json", "").unwrap();
    assert_eq!(m(&out, "errors"), own[0]);
    assert_eq!(m(&out, "warnings"), own[1]);
    assert_eq!(m(&out, "code.E0308"), 2.0);
}

#[test]
fn gcc_text_skips_context_lines() {
    let out = gate_on("gcc/gcc.txt", "").unwrap();
    let t = text("gcc/gcc.txt");
    let count = |w: &str| t.lines().filter(|l| l.contains(w)).count() as f64;
    assert_eq!(m(&out, "errors"), count(": error: "));
    assert_eq!(m(&out, "warnings"), count(": warning: "));
    assert_eq!(m(&out, "notes"), count(": note: "));
    assert_eq!(m(&out, "code.-Wunused-variable"), 3.0);
    assert!(
        out.findings
            .iter()
            .any(|f| f.path.as_deref() == Some("util.h")
                && f.line == Some(1)
                && f.column == Some(32))
    );
}

#[test]
fn golangci_lint_and_go_vet() {
    let out = gate_on("golangci-lint/golden-json.json", "").unwrap();
    let v: serde_json::Value =
        serde_json::from_str(&text("golangci-lint/golden-json.json")).unwrap();
    let issues = v["Issues"].as_array().unwrap();
    assert_eq!(m(&out, "total"), issues.len() as f64);
    assert_eq!(m(&out, "warnings"), 1.0);
    let maligned = issues
        .iter()
        .filter(|i| i["FromLinter"] == "maligned")
        .count();
    assert_eq!(m(&out, "code.maligned"), maligned as f64);
    let out = gate_on("go-vet/vet-json.txt", "").unwrap();
    assert_eq!(m(&out, "errors"), 2.0);
    let f = out
        .findings
        .iter()
        .find(|f| f.rule == "diagnostics/go-vet/findcall")
        .unwrap();
    assert_eq!(
        (f.path.as_deref(), f.line, f.column),
        (Some("a/a.go"), Some(4), Some(11))
    );
}

// ---------------------------------------------------------------------------------------------
// Damaged inputs

fn gate_on_text(content: &[u8], extra: &str) -> anyhow::Result<GateOutput> {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("report"), content).unwrap();
    run_for_test(
        "diagnostics",
        &format!("reports = [\"report\"]\n{extra}"),
        d.path(),
    )
}

#[test]
fn a_truncated_json_is_an_error_with_the_position() {
    let full = text("eslint/eslint.json");
    let cut = &full.as_bytes()[..full.len() / 2];
    let e = gate_on_text(cut, "").unwrap_err().to_string();
    assert!(e.starts_with("report:1:"), "{e}");
    assert!(e.contains("invalid eslint output"), "{e}");
    assert!(e.contains("truncated"), "{e}");
    // Pretty-printed JSON: the position is a real line.
    let full = text("ruff/ruff.json");
    let lines = full.lines().count();
    let cut: String = full.lines().take(lines / 2).collect::<Vec<_>>().join("\n");
    let e = gate_on_text(cut.as_bytes(), "").unwrap_err().to_string();
    let re = Regex::new(r"^report:(\d+):(\d+): invalid ruff output").unwrap();
    let c = re.captures(&e).unwrap_or_else(|| panic!("{e}"));
    assert!(c[1].parse::<usize>().unwrap() >= lines / 2 - 1, "{e}");
    // A truncated Checkstyle document.
    let full = text("checkstyle/eslint-checkstyle.xml");
    let e = gate_on_text(&full.as_bytes()[..full.len() - 40], "")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("report:1:"), "{e}");
    assert!(e.contains("invalid checkstyle output"), "{e}");
}

#[test]
fn an_unknown_or_empty_report_is_an_error() {
    let e = gate_on_text(b"Lorem ipsum dolor sit amet\n", "")
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("report:1:1: not a diagnostics format gatekeep recognizes"),
        "{e}"
    );
    let e = gate_on_text(b"\n  \n", "").unwrap_err().to_string();
    assert!(e.starts_with("report:1:1: the report is empty"), "{e}");
    // With the format forced, an empty tsc log is a clean run.
    let out = gate_on_text(b"", "format = \"tsc\"\n").unwrap();
    assert_eq!(m(&out, "errors"), 0.0);
    // A line that is not tsc's is an error at that line, never skipped.
    let mut t = text("tsc/tsc.txt");
    t.push_str("npm ERR! could not determine executable to run\n");
    let e = gate_on_text(t.as_bytes(), "").unwrap_err().to_string();
    let n = t.lines().count();
    assert!(
        e.starts_with(&format!("report:{n}:1: invalid tsc output")),
        "{e}"
    );
    // A forced format that does not fit.
    let e = gate_on("ruff/ruff.json", "format = \"biome\"\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("invalid biome output"), "{e}");
    let e = run_for_test(
        "diagnostics",
        "reports = [\"r\"]\nformat = \"pylint\"\n",
        tempfile::tempdir().unwrap().path(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("unknown diagnostics format `pylint`"), "{e}");
}

#[test]
fn a_count_that_disagrees_with_the_tools_summary_is_an_error() {
    // mypy's output with one diagnostic line lost: its own "Found 7 errors" now disagrees.
    let t = text("mypy/mypy.txt");
    let damaged: String = t
        .lines()
        .filter(|l| !l.contains("[arg-type]"))
        .map(|l| format!("{l}\n"))
        .collect();
    let e = gate_on_text(damaged.as_bytes(), "")
        .unwrap_err()
        .to_string();
    assert!(e.contains("says 7 errors, but gatekeep read 6"), "{e}");
    // An ESLint file whose errorCount disagrees with its messages.
    let t = text("eslint/eslint.json").replacen("\"errorCount\":5", "\"errorCount\":6", 1);
    assert!(t != text("eslint/eslint.json"));
    let e = gate_on_text(t.as_bytes(), "").unwrap_err().to_string();
    assert!(e.contains("the tool's own summary"), "{e}");
}

#[test]
fn no_report_is_an_error_and_options_are_checked() {
    let d = tempfile::tempdir().unwrap();
    let e = run_for_test("diagnostics", "reports = [\"none/*.json\"]\n", d.path())
        .unwrap_err()
        .to_string();
    assert!(e.contains("no report matched"), "{e}");
    let e = run_for_test("diagnostics", "", d.path())
        .unwrap_err()
        .to_string();
    assert!(e.contains("needs `reports"), "{e}");
    let e = run_for_test(
        "diagnostics",
        "reports = [\"a\"]\nrun = \"true\"\n",
        d.path(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("exclude each other"), "{e}");
    let e = run_for_test("diagnostics", "run = \"true\"\nformt = \"tsc\"\n", d.path())
        .unwrap_err()
        .to_string();
    assert!(e.contains("unknown key `formt`"), "{e}");
}

#[test]
fn two_reports_of_one_run_are_counted_once() {
    let d = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("ruff/ruff.json"), d.path().join("ruff.json")).unwrap();
    std::fs::copy(fixture("sarif/ruff.sarif"), d.path().join("ruff.sarif")).unwrap();
    let out = run_for_test(
        "diagnostics",
        "reports = [\"ruff.json\", \"ruff.sarif\"]\n",
        d.path(),
    )
    .unwrap();
    assert_eq!(m(&out, "errors"), 12.0);
    assert!(
        out.notes
            .iter()
            .any(|n| n.contains("12 diagnostics reported more than once")),
        "{:?}",
        out.notes
    );
}

// ---------------------------------------------------------------------------------------------
// `run`

fn run_gate(run: &str, extra: &str) -> anyhow::Result<GateOutput> {
    let d = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("tsc/tsc.txt"), d.path().join("tsc.txt")).unwrap();
    std::fs::copy(fixture("eslint/eslint.json"), d.path().join("eslint.json")).unwrap();
    run_for_test("diagnostics", &format!("run = '{run}'\n{extra}"), d.path())
}

#[test]
fn run_nonzero_exit_with_diagnostics_is_data() {
    // tsc exits non-zero when it finds errors.
    let out = run_gate("cat tsc.txt; echo progress >&2; exit 2", "").unwrap();
    assert_eq!(m(&out, "errors"), 19.0);
    assert!(out.notes.iter().any(|n| n.contains("exited with code 2")));
    let out = run_gate("cat eslint.json; exit 1", "format = \"eslint\"\n").unwrap();
    assert_eq!(m(&out, "errors"), 8.0);
    // A clean run prints nothing and exits 0.
    let out = run_gate("true", "").unwrap();
    assert_eq!(m(&out, "errors"), 0.0);
    assert_eq!(m(&out, "total"), 0.0);
}

#[test]
fn run_paths_are_relative_to_cwd_in_findings() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("web/src")).unwrap();
    std::fs::write(d.path().join("web/src/a.ts"), "let a = 1;\n").unwrap();
    let out = run_for_test(
        "diagnostics",
        "run = \"echo \\\"src/a.ts(1,5): error TS6133: 'a' is declared but its value is never read.\\\"; exit 2\"\ncwd = \"web\"\n",
        d.path(),
    )
    .unwrap();
    assert_eq!(out.findings[0].path.as_deref(), Some("web/src/a.ts"));
}

#[test]
fn run_that_did_not_produce_a_result_is_an_error() {
    let e = run_gate("no-such-linter-gk --json", "")
        .unwrap_err()
        .to_string();
    assert!(e.contains("command not found"), "{e}");
    // Empty output with a non-zero exit: a crash, not "0 errors".
    let e = run_gate("echo Segmentation fault >&2; exit 3", "")
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("stdout of `echo Segmentation fault >&2; exit 3`:1:1: empty output"),
        "{e}"
    );
    assert!(e.contains("exit code 3"), "{e}");
    assert!(e.contains("Segmentation fault"), "{e}");
    let e = run_gate("kill -SEGV $$", "").unwrap_err().to_string();
    assert!(e.contains("killed by signal"), "{e}");
    // Unparseable output: the stdout is named with the position.
    let e = run_gate(
        "echo \"npx: command tsc not installed\"; exit 1",
        "format = \"tsc\"\n",
    )
    .unwrap_err()
    .to_string();
    assert!(e.starts_with("stdout of `echo"), "{e}");
    assert!(e.contains(":1:1: invalid tsc output"), "{e}");
    // Truncated JSON with exit 0 is still an error.
    let e = run_gate("head -c 300 eslint.json", "")
        .unwrap_err()
        .to_string();
    assert!(e.contains("invalid eslint output"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// Baseline

const SRC: &str = "let a = 1;\nlet b = 2;\nlet c = 3;\n";

fn tsc_line(line: u64, code: &str, msg: &str) -> String {
    format!("src/a.ts({line},5): error {code}: {msg}\n")
}

#[test]
fn baseline_accepts_old_diagnostics_even_moved_and_blocks_new_ones() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("src")).unwrap();
    std::fs::write(d.path().join("src/a.ts"), SRC).unwrap();
    let report = tsc_line(1, "TS6133", "'a' is declared but its value is never read.")
        + &tsc_line(2, "TS6133", "'b' is declared but its value is never read.");
    std::fs::write(d.path().join("tsc.txt"), &report).unwrap();
    let opts = "reports = [\"tsc.txt\"]\nbaseline = \"base.json\"\n";
    // No baseline file yet: an error that says how to write one.
    let e = run_for_test("diagnostics", opts, d.path())
        .unwrap_err()
        .to_string();
    assert!(e.contains("--write-baseline"), "{e}");
    // Write it from this run's findings (what `check --write-baseline` does).
    let first = run_for_test("diagnostics", "reports = [\"tsc.txt\"]\n", d.path()).unwrap();
    crate::gates::security::write_baseline(&first.findings, &d.path().join("base.json")).unwrap();
    let out = run_for_test("diagnostics", opts, d.path()).unwrap();
    assert_eq!(m(&out, "errors"), 0.0);
    assert_eq!(m(&out, "baselined"), 2.0);
    // Two lines inserted above: the same diagnostics on other lines stay accepted; a new one
    // (line `c`) blocks.
    std::fs::write(d.path().join("src/a.ts"), format!("// x\n// y\n{SRC}")).unwrap();
    let report = tsc_line(3, "TS6133", "'a' is declared but its value is never read.")
        + &tsc_line(4, "TS6133", "'b' is declared but its value is never read.")
        + &tsc_line(5, "TS6133", "'c' is declared but its value is never read.");
    std::fs::write(d.path().join("tsc.txt"), &report).unwrap();
    let out = run_for_test("diagnostics", opts, d.path()).unwrap();
    assert_eq!(m(&out, "errors"), 1.0);
    assert_eq!(m(&out, "baselined"), 2.0);
    assert_eq!(m(&out, "code.TS6133"), 1.0);
    assert_eq!(out.findings.len(), 1);
    assert_eq!(out.findings[0].line, Some(5));
}

#[test]
fn max_findings_lists_some_and_counts_all() {
    let out = gate_on("tsc/tsc.txt", "max_findings = 3\ntop_codes = 2\n").unwrap();
    assert_eq!(m(&out, "errors"), 19.0);
    assert_eq!(out.findings.len(), 3);
    assert!(
        out.notes
            .iter()
            .any(|n| n.starts_with("16 more diagnostics"))
    );
    let top = out
        .notes
        .iter()
        .find(|n| n.starts_with("top codes"))
        .unwrap();
    assert_eq!(top.lines().count(), 3, "{top}");
}

#[test]
fn parsers_never_panic_and_errors_have_positions() {
    let samples = [
        "tsc/tsc.txt",
        "eslint/eslint.json",
        "biome/biome-lint.json",
        "ruff/ruff.json",
        "mypy/mypy.txt",
        "mypy/mypy.json",
        "pyright/pyright.json",
        "cargo/clippy-error.json",
        "golangci-lint/golden-json.json",
        "go-vet/vet-json.txt",
        "checkstyle/eslint-checkstyle.xml",
        "sarif/ruff.sarif",
        "gcc/gcc.txt",
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r");
    let pos = Regex::new(r"^r:\d+:\d+: ").unwrap();
    let check = |bytes: &[u8], forced: Option<Format>| {
        std::fs::write(&path, bytes).unwrap();
        let input = super::Input {
            shown: "r".into(),
            file: &path,
        };
        let mut n = 0u64;
        if let Err(e) = super::read_input(&input, forced, false, &mut |_| n += 1) {
            let msg = format!("{e:#}");
            assert!(pos.is_match(&msg), "no position in `{msg}`");
        }
    };
    let mut rng = crate::testutil::XorShift(0x9E37_79B9_7F4A_7C15);
    for s in samples {
        let bytes = std::fs::read(fixture(s)).unwrap();
        let step = (bytes.len() / 60).max(1);
        let mut cut = 0;
        while cut <= bytes.len() {
            check(&bytes[..cut], None);
            cut += step;
        }
        for f in Format::ALL {
            check(&bytes, Some(*f));
            check(&bytes[..bytes.len() / 2], Some(*f));
        }
        for _ in 0..30 {
            let mut b = bytes.clone();
            for _ in 0..4 {
                let i = (rng.next_u64() % b.len() as u64) as usize;
                b[i] = (rng.next_u64() & 0xff) as u8;
            }
            check(&b, None);
        }
    }
}
