//! The `junit` gate: test results from JUnit XML reports (pytest, cargo-nextest, Maven Surefire,
//! jest-junit, go-junit-report, …), summed over every report file its globs match.
//!
//! Parsing is streaming ([`parse`]); this module turns the parsed reports into metrics, findings
//! and notes.

pub mod change;
pub mod parse;

use super::{ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc, OptionDoc};
use crate::model::{Finding, Metric, Severity};
use crate::node::de::{DeError, Spanned};
use crate::node::value::SNode;
use anyhow::{Context, Result, anyhow, bail};
use parse::{Counts, Failure, Outcome, ParseError, TestId};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Every id the `junit` gate reports, for `gatekeep explain ID`.
pub static FINDINGS: &[super::FindingDoc] = &[
    super::FindingDoc {
        id: "junit/failed",
        summary: "A test that failed (high)",
        description: "A `<testcase>` with a `<failure>`: an assertion did not hold. The message is \
the first line of the failure; the finding points at the test's source when the report names it.",
    },
    super::FindingDoc {
        id: "junit/error",
        summary: "A test that errored (high)",
        description: "A `<testcase>` with an `<error>`: the test could not run to its assertions \
(an exception, a fixture that failed, a panic outside an assertion).",
    },
    super::FindingDoc {
        id: "junit/headline-mismatch",
        summary: "A suite's headline counts disagree with its test cases (low)",
        description: "A `<testsuite>`'s `tests=`, `failures=`, `errors=` or `skipped=` differ from \
what its `<testcase>` elements give. The gate counts the test cases.",
    },
];

pub struct Kind;

pub static DOC: KindDoc = KindDoc {
    kind: "junit",
    summary: "Test results from JUnit XML reports",
    description: "\
Reads JUnit XML test reports — pytest (`--junitxml`), cargo-nextest (`[profile.<name>.junit]`), \
Maven Surefire / Failsafe (`TEST-*.xml`, one file per class), jest-junit and go-junit-report — and \
sums the results of every file the `reports` globs match.

A report's root is `<testsuites>` or a bare `<testsuite>`, and suites may nest. Every `<testcase>` counts once, with one outcome: **error** if it holds an `<error>`, \
otherwise **failed** if it holds a `<failure>`, otherwise **skipped** if it holds a `<skipped>`, \
otherwise **passed**. A test that passed after failed attempts (nextest's and Surefire's \
`<flakyFailure>` / `<flakyError>`) is passed; the gate says so in a note and names it. Reruns that \
failed again (`<rerunFailure>` / `<rerunError>`) do not change the outcome of a failed test.

A report must be well-formed XML by the `xml` gate's strict rules; a damaged one (`<fail ure …/>`, \
a truncated file) is an ERROR with its file, line and column, never read in part. An element the \
gate does not know directly inside `<testsuites>`, `<testsuite>` (known: `testsuite`, `testcase`, \
`properties`, `system-out`, `system-err`) or `<testcase>` (known: the results above, `system-out`, \
`system-err`, `properties`) is an ERROR too, as it may hold a result. Entities declared in the \
report's own internal DTD subset are resolved.

The counts come from the test cases, never from the headline attributes of the suites \
(`tests=`, `failures=`, `errors=`, `skipped=`). Where a headline disagrees with the test cases it \
holds (jest-junit, for example, writes a `test.todo` as a bare `<testcase>`, which counts as \
passed, but leaves it out of `tests=`), the gate adds a \
`junit/headline-mismatch` finding (low) at that suite, naming both numbers.

`executed` is `tests - skipped`, the test cases that ran. `pass_rate` is `passed / executed`, in \
percent: skipped tests are left out of the denominator. When no test case ran (every one \
skipped), neither `executed` nor `pass_rate` has a value, and a threshold on them is ERROR, never \
PASS: zero executed tests is no data. `executed > 0` is always checked (see \"Always checked\"), \
also with your own `thresholds`, so a report in which every test is skipped is ERROR, not GO. \
Reports that hold no test case at all make the gate ERROR, as do a \
`reports` list that matches no file, a file that is not well-formed XML (the error names the file \
and the line:column), and a file whose root is not `<testsuites>`/`<testsuite>`.

Each failed or errored test is a finding — `junit/failed` or `junit/error` (high) — with the \
message `classname::name: <first line of the failure message>` (just `name` when the class name \
is empty or repeats it, as jest-junit writes it). The message is the `message` attribute, or the \
first line of the element's text when the attribute is absent or a placeholder such as `Failed` \
(go-junit-report). The finding points at the test's source where the report gives it — the \
`file` and `line` attributes of pytest (`junit_family=xunit1`; pytest's lines are 0-based and are \
shifted to 1-based) and jest-junit (`addFileAttribute`) — made relative to the repository root: \
a relative `file` is looked up from the report's folder upwards to the repository root and kept \
as written when it is not found. Otherwise the finding points at the `<testcase>` in the report \
(pytest's default `junit_family=xunit2` has no `file`; `-o junit_family=xunit1` adds it).

Memory does not grow with the size or the number of reports: each file is parsed as a stream \
(on up to one thread per core), failure bodies (stack traces, captured output) are not kept \
beyond their first line, and only the counts and the failed tests are kept. Text the gate does \
not use (`<system-out>`, `<system-err>`, stack traces past their first line) is skipped straight \
from the input, so even a 100 MB `<system-out>` is never held in memory; such text is not checked \
for well-formedness either.

**Compared with an earlier run** (`--baseline REPORT`, a JSON report of the same gates, e.g. \
written by `gatekeep check --format json -o base.json` on the base commit): a test is known by its \
class name and name. `new_failures` counts the failing (failed or errored) test cases that were \
not failing in the baseline — absent from it, passing, or skipped there — and `fixed_failures` the \
baseline's failing tests that passed now (a test that failed in one report and passed in \
another is still failing; one that is gone or skipped now is not counted as fixed). A test \
failing in both runs is an old failure, not a regression: `thresholds = [\"new_failures == 0\"]` \
lets old flaky failures be told apart from what the change broke. With a baseline, `junit/failed` \
and `junit/error` findings are marked `new` or `unchanged` (JSON `baseline_state`, SARIF \
`baselineState`; GitHub annotations show the new ones), and a note names the first new and fixed \
tests. Without `--baseline`, or when the baseline has no usable list for this gate (no gate of \
this id, the gate was ERROR or SKIPPED there, or its list was cut), a threshold on either metric \
is ERROR and says why, never PASS. So that any JSON report can serve as a baseline, the gate's \
`data.failing_tests` lists the failing tests (`{ classname, name }`, each once, sorted), at most \
10,000; `data.failing_tests_not_listed` counts the rest. `gatekeep merge` keeps the union of \
the parts' lists, so a CI matrix's merged report is a baseline too.",
    options: &[OptionDoc {
        name: "reports",
        ty: "list of globs",
        default: "(required)",
        description: "JUnit XML files, relative to the config's folder; globs such as \
`**/target/surefire-reports/TEST-*.xml` walk only below their literal leading folders and do not \
honour `.gitignore` (reports are usually ignored build output). Every matched file is read and \
the results summed; a list that matches nothing is an ERROR.",
    }],
    metrics: &[
        MetricDoc {
            name: "tests",
            unit: "",
            description: "test cases (`<testcase>` elements)",
        },
        MetricDoc {
            name: "passed",
            unit: "",
            description: "test cases that passed (flaky ones included)",
        },
        MetricDoc {
            name: "failed",
            unit: "",
            description: "test cases with a `<failure>` and no `<error>`",
        },
        MetricDoc {
            name: "errors",
            unit: "",
            description: "test cases with an `<error>`",
        },
        MetricDoc {
            name: "skipped",
            unit: "",
            description: "test cases with a `<skipped>` (pytest's xfail included)",
        },
        MetricDoc {
            name: "executed",
            unit: "",
            description: "test cases that ran: tests - skipped; absent when every test was skipped",
        },
        MetricDoc {
            name: "pass_rate",
            unit: "%",
            description: "passed / (tests - skipped); absent when no test ran",
        },
        MetricDoc {
            name: "new_failures",
            unit: "",
            description: "with --baseline REPORT: failing test cases that were not failing in the baseline run",
        },
        MetricDoc {
            name: "fixed_failures",
            unit: "",
            description: "with --baseline REPORT: tests failing in the baseline run that passed now",
        },
    ],
    default_thresholds: &["failed == 0", "errors == 0"],
    integrity: &["executed > 0"],
    dynamic_metrics: false,
    reads_tree: false,
    default_include: &[],
    example: "[gates.tests]
kind = \"junit\"
reports = [\"target/nextest/ci/junit.xml\", \"**/target/surefire-reports/TEST-*.xml\"]
thresholds = [\"executed > 0\", \"failed == 0\", \"errors == 0\", \"pass_rate >= 99%\"]
",
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    reports: Spanned<Vec<Spanned<String>>>,
}

struct JunitGate {
    reports: Vec<String>,
}

impl GateKind for Kind {
    fn doc(&self) -> &'static KindDoc {
        &DOC
    }

    fn configure(&self, options: &SNode, _cx: &ConfigCx<'_>) -> Result<Arc<dyn Gate>, DeError> {
        let o: Options = super::options(options)?;
        if o.reports.value.is_empty() {
            return Err(DeError::at(
                o.reports.pos,
                "`reports` is empty: give at least one JUnit XML file or glob",
            ));
        }
        for r in &o.reports.value {
            crate::paths::check_path(r)?;
            if r.value.trim().is_empty() {
                return Err(DeError::at(r.pos, "an empty path in `reports`"));
            }
            crate::walk::glob(&r.value)
                .map_err(|e| DeError::at(r.pos, format!("invalid glob `{}`: {e}", r.value)))?;
        }
        Ok(Arc::new(JunitGate {
            reports: o.reports.value.into_iter().map(|s| s.value).collect(),
        }))
    }
}

impl Gate for JunitGate {
    fn run(&self, cx: &GateCx<'_>) -> Result<GateOutput> {
        let files = cx.find_reports(&self.reports)?;
        if files.is_empty() {
            let list = self
                .reports
                .iter()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(", ");
            bail!("no JUnit report matched {list}");
        }
        let base = change::baseline_failing(cx.baseline, cx.id);
        let Partial {
            counts: total,
            mut findings,
            failing,
            passed_watched,
            flaky_names,
            pytest_files,
        } = read_all(cx, &files, base.as_ref().ok().cloned())?;
        if total.tests == 0 {
            bail!(
                "the {} JUnit report{} matched hold no <testcase>: no test ran",
                files.len(),
                plural(files.len())
            );
        }
        let mut out = GateOutput::default();
        let mut compared = None;
        // Compared with the baseline before sorting: `failing[i]` is the test of `findings[i]`.
        match &base {
            Ok(b) => {
                let c = change::compare(b, &mut findings, &failing, &passed_watched);
                out.notes.push(c.note());
                compared = Some((c.new_failures, c.fixed_failures));
            }
            Err(why) => {
                for m in change::METRICS {
                    out.no_data.push((m.to_string(), format!("`{m}`: {why}")));
                }
            }
        }
        let failing_ids: Vec<TestId> = failing.into_iter().flatten().collect();
        out.data = serde_json::to_value(change::JunitData::of(&failing_ids)).ok();
        findings.sort_by(|a, b| {
            (&a.path, a.line, &a.rule, &a.message).cmp(&(&b.path, b.line, &b.rule, &b.message))
        });

        out.count("tests", total.tests);
        out.count("passed", total.passed);
        out.count("failed", total.failed);
        out.count("errors", total.errors);
        out.count("skipped", total.skipped);
        let executed = total.tests - total.skipped;
        if executed > 0 {
            out.count("executed", executed);
        }
        match Metric::percent("pass_rate", total.passed, executed) {
            Some(m) => out.metric(m),
            None => out.notes.push(format!(
                "pass_rate has no value: all {} test case{} were skipped; no test ran, so `executed` has no value either",
                total.tests,
                plural(total.tests as usize)
            )),
        }
        if let Some((new, fixed)) = compared {
            out.count("new_failures", new);
            out.count("fixed_failures", fixed);
        }
        out.notes.push(format!(
            "{} JUnit report{}: {} test case{} ({} passed, {} failed, {} error{}, {} skipped)",
            files.len(),
            plural(files.len()),
            total.tests,
            plural(total.tests as usize),
            total.passed,
            total.failed,
            total.errors,
            plural(total.errors as usize),
            total.skipped
        ));
        if total.flaky > 0 {
            let more = total.flaky.saturating_sub(flaky_names.len() as u64);
            let mut list = flaky_names.join(", ");
            if more > 0 {
                list.push_str(&format!(" and {more} more"));
            }
            out.notes.push(format!(
                "{} flaky test{} passed after failed attempts and count{} as passed: {list}",
                total.flaky,
                plural(total.flaky as usize),
                if total.flaky == 1 { "s" } else { "" }
            ));
        }
        if pytest_files > 0 {
            out.notes.push(format!(
                "{pytest_files} pytest report{}: pytest's 0-based `line` attributes were shifted to 1-based",
                plural(pytest_files)
            ));
        }
        let mismatches = findings
            .iter()
            .filter(|f| f.rule == "junit/headline-mismatch")
            .count();
        if mismatches > 0 {
            out.notes.push(format!(
                "{mismatches} suite headline{} disagree{} with {} test cases; the counts use the test cases",
                plural(mismatches),
                if mismatches == 1 { "s" } else { "" },
                if mismatches == 1 { "its" } else { "their" }
            ));
        }
        out.findings = findings;
        Ok(out)
    }
}

/// What a run over some of the reports gathered.
#[derive(Default)]
struct Partial {
    counts: Counts,
    findings: Vec<Finding>,
    /// The test of each finding that is a failing test (aligned with `findings`).
    failing: Vec<Option<TestId>>,
    /// The baseline's failing tests that passed.
    passed_watched: Vec<TestId>,
    /// The first few flaky test names.
    flaky_names: Vec<String>,
    pytest_files: usize,
}

impl Partial {
    fn merge(&mut self, other: Partial) {
        self.counts.add(&other.counts);
        self.findings.extend(other.findings);
        self.failing.extend(other.failing);
        self.passed_watched.extend(other.passed_watched);
        for name in other.flaky_names {
            if self.flaky_names.len() < parse::MAX_FLAKY_NAMES {
                self.flaky_names.push(name);
            }
        }
        self.pytest_files += other.pytest_files;
    }
}

/// Reports per thread below which threads are not worth starting.
const FILES_PER_THREAD: usize = 64;

/// Reads every report, on up to one thread per core: each thread takes a contiguous run of the
/// (sorted) files and keeps one reused buffer, so memory does not grow with the number of files
/// beyond the failed tests found. The error reported is the one of the first failing file.
fn read_all(
    cx: &GateCx<'_>,
    files: &[PathBuf],
    watch: Option<Arc<HashSet<TestId>>>,
) -> Result<Partial> {
    let threads = crate::gates::threads()
        .min(8)
        .min(files.len().div_ceil(FILES_PER_THREAD))
        .max(1);
    if threads == 1 {
        return read_chunk(cx, files, 0, &AtomicUsize::new(usize::MAX), watch).map_err(|(_, e)| e);
    }
    // The index of the first file that failed so far; threads stop at files after it.
    let first_error = AtomicUsize::new(usize::MAX);
    let chunk = files.len().div_ceil(threads);
    let results: Vec<std::thread::Result<Result<Partial, (usize, anyhow::Error)>>> =
        std::thread::scope(|s| {
            let handles: Vec<_> = files
                .chunks(chunk)
                .enumerate()
                .map(|(k, part)| {
                    let first_error = &first_error;
                    let watch = watch.clone();
                    s.spawn(move || read_chunk(cx, part, k * chunk, first_error, watch))
                })
                .collect();
            handles.into_iter().map(|h| h.join()).collect()
        });
    let mut total = Partial::default();
    let mut error: Option<(usize, anyhow::Error)> = None;
    for r in results {
        match r {
            Ok(Ok(p)) => total.merge(p),
            Ok(Err((i, e))) => {
                if error.as_ref().is_none_or(|(j, _)| i < *j) {
                    error = Some((i, e));
                }
            }
            Err(_) => bail!("a thread reading JUnit reports panicked"),
        }
    }
    match error {
        Some((_, e)) => Err(e),
        None => Ok(total),
    }
}

/// Reads `files` (which start at index `offset` of the whole list) into one [`Partial`].
fn read_chunk(
    cx: &GateCx<'_>,
    files: &[PathBuf],
    offset: usize,
    first_error: &AtomicUsize,
    watch: Option<Arc<HashSet<TestId>>>,
) -> Result<Partial, (usize, anyhow::Error)> {
    let mut out = Partial::default();
    let mut sources = SourceResolver::default();
    let mut buf = Vec::with_capacity(16 * 1024);
    for (i, path) in files.iter().enumerate() {
        let index = offset + i;
        if first_error.load(Ordering::Relaxed) < index {
            // An earlier file failed: its error is the one reported.
            return Ok(out);
        }
        if cx.cancel.is_cancelled() {
            return Err((index, anyhow!("cancelled while reading JUnit reports")));
        }
        let report = match read_report(cx, path, &mut buf, watch.clone()) {
            Ok(r) => r,
            Err(e) => {
                first_error.fetch_min(index, Ordering::Relaxed);
                return Err((index, e));
            }
        };
        let shown = cx.display_path(path);
        out.counts.add(&report.counts);
        if report.pytest {
            out.pytest_files += 1;
        }
        for name in report.flaky_names {
            if out.flaky_names.len() < parse::MAX_FLAKY_NAMES {
                out.flaky_names.push(name);
            }
        }
        out.passed_watched.extend(report.passed_watched);
        for f in report.failures {
            out.failing
                .push(Some(parse::test_id(&f.classname, &f.name)));
            out.findings
                .push(failure_finding(cx, &mut sources, path, &shown, f));
        }
        for m in report.mismatches {
            out.failing.push(None);
            out.findings.push(mismatch_finding(&shown, m));
        }
    }
    Ok(out)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Parses one report file; errors name the file and, for XML errors, the line:column.
fn read_report(
    cx: &GateCx<'_>,
    path: &Path,
    buf: &mut Vec<u8>,
    watch: Option<Arc<HashSet<TestId>>>,
) -> Result<parse::Report> {
    let shown = cx.display_path(path);
    let file = File::open(path).with_context(|| format!("cannot open JUnit report {shown}"))?;
    // The strict checker of the `xml` gate decides whether the report is well-formed: quick-xml
    // alone would read past a damaged tag (`<fail ure …/>`) and drop what it held.
    let not_well_formed = || -> Result<Option<anyhow::Error>> {
        let issue = crate::gates::xml::first_error(path)
            .with_context(|| format!("cannot read JUnit report {shown}"))?;
        Ok(issue.map(|i| {
            anyhow!(
                "{shown}:{}:{}: malformed JUnit XML: {}",
                i.line,
                i.col,
                i.message
            )
        }))
    };
    match parse::parse_watching(BufReader::with_capacity(64 * 1024, file), buf, watch) {
        Ok(r) => match not_well_formed()? {
            Some(e) => Err(e),
            None => Ok(parse::finish(r)),
        },
        Err(ParseError::Io(e)) => {
            Err(anyhow!(e).context(format!("cannot read JUnit report {shown}")))
        }
        Err(e) => {
            if let Some(wf) = not_well_formed()? {
                return Err(wf);
            }
            let offset = e.offset().unwrap_or(0);
            let pos = File::open(path)
                .and_then(|f| parse::line_col(BufReader::new(f), offset))
                .with_context(|| format!("cannot read JUnit report {shown}"))?;
            match e {
                ParseError::NotJunit { message, .. } => Err(anyhow!("{shown}:{pos}: {message}")),
                _ => Err(anyhow!("{shown}:{pos}: malformed JUnit XML: {e}")),
            }
        }
    }
}

fn failure_finding(
    cx: &GateCx<'_>,
    sources: &mut SourceResolver,
    report: &Path,
    shown_report: &str,
    f: Failure,
) -> Finding {
    let (rule, what) = match f.outcome {
        Outcome::Error => ("junit/error", "error"),
        _ => ("junit/failed", "failed"),
    };
    let name = parse::display_name(&f.classname, &f.name);
    let message = if f.message.is_empty() {
        format!("{name}: {what} (no message)")
    } else {
        format!("{name}: {}", f.message)
    };
    let finding = Finding::new(rule, Severity::High, message);
    match &f.file {
        Some(file) => finding.at(sources.resolve(cx, report, file), f.line, None),
        None => finding.at(shown_report, Some(f.report_line), None),
    }
}

fn mismatch_finding(shown_report: &str, m: parse::Mismatch) -> Finding {
    let what = m
        .diffs
        .iter()
        .map(|(attr, headline, counted)| {
            format!("{attr}={headline} where its test cases give {counted}")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let name = m
        .name
        .as_deref()
        .map(|n| format!(" `{n}`"))
        .unwrap_or_default();
    Finding::new(
        "junit/headline-mismatch",
        Severity::Low,
        format!(
            "<{}>{name} says {what}; the counts use the test cases",
            m.element
        ),
    )
    .at(shown_report, Some(m.line), None)
}

/// Turns a test's `file` attribute into a repo-relative path, with a cache (many tests share a file).
#[derive(Default)]
struct SourceResolver {
    cache: HashMap<(PathBuf, String), String>,
}

impl SourceResolver {
    fn resolve(&mut self, cx: &GateCx<'_>, report: &Path, file: &str) -> String {
        let dir = report.parent().unwrap_or(cx.root).to_path_buf();
        let key = (dir, file.to_string());
        if let Some(hit) = self.cache.get(&key) {
            return hit.clone();
        }
        let resolved = resolve_source(cx, &key.0, file);
        self.cache.insert(key, resolved.clone());
        resolved
    }
}

fn resolve_source(cx: &GateCx<'_>, report_dir: &Path, file: &str) -> String {
    let normalized = file.trim().replace('\\', "/");
    let normalized = normalized
        .strip_prefix("./")
        .unwrap_or(&normalized)
        .to_string();
    let p = Path::new(&normalized);
    if p.is_absolute() {
        return cx.display_path(p);
    }
    let mut dir = Some(report_dir);
    while let Some(d) = dir {
        let candidate = d.join(p);
        if candidate.is_file() {
            return cx.display_path(&candidate);
        }
        if d == cx.root || !d.starts_with(cx.root) {
            break;
        }
        dir = d.parent();
    }
    let at_root = cx.root.join(p);
    if at_root.is_file() {
        return cx.display_path(&at_root);
    }
    normalized
}
