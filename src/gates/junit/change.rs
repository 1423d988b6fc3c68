//! The failing tests compared with an earlier run's (`--baseline REPORT`): `new_failures` (failing
//! now, not failing in the baseline) and `fixed_failures` (failing in the baseline, passing now).
//!
//! A test is identified by (class name, name). Every junit gate writes its failing tests to the
//! JSON report (`data.failing_tests`, at most [`MAX_LISTED`]), so any JSON report of the same
//! config can serve as the baseline.

use super::parse::TestId;
use crate::model::{BaselineState, Finding, Report, Status};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

/// How many failing tests a report lists in `data.failing_tests`.
pub const MAX_LISTED: usize = 10_000;

/// The metrics that need a baseline report.
pub const METRICS: [&str; 2] = ["new_failures", "fixed_failures"];

/// One test in the JSON report.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TestRef {
    pub classname: String,
    pub name: String,
}

/// The junit gate's `data` in the JSON report.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct JunitData {
    /// The tests that failed or errored, each once, sorted; at most [`MAX_LISTED`].
    pub failing_tests: Vec<TestRef>,
    /// Failing tests beyond [`MAX_LISTED`], not listed.
    #[serde(default)]
    pub failing_tests_not_listed: u64,
}

impl JunitData {
    /// The data for a run whose failing tests are `ids` (in any order, repeats allowed).
    pub fn of(ids: &[TestId]) -> JunitData {
        let distinct: BTreeSet<&TestId> = ids.iter().collect();
        let total = distinct.len();
        JunitData {
            failing_tests: distinct
                .into_iter()
                .take(MAX_LISTED)
                .map(|(c, n)| TestRef {
                    classname: c.clone(),
                    name: n.clone(),
                })
                .collect(),
            failing_tests_not_listed: total.saturating_sub(MAX_LISTED) as u64,
        }
    }
}

/// The `data` of a junit gate merged from CI matrix parts (`gatekeep merge`): the union of the
/// parts' failing tests, so a merged report can be a baseline too. `None` when a part that ran
/// the gate lists none (an older report).
pub fn merge_data<'a>(
    parts: impl Iterator<Item = Option<&'a serde_json::Value>>,
) -> Option<serde_json::Value> {
    let mut ids: BTreeSet<TestRef> = BTreeSet::new();
    let mut not_listed = 0u64;
    for d in parts {
        let d: JunitData = serde_json::from_value(d?.clone()).ok()?;
        not_listed += d.failing_tests_not_listed;
        ids.extend(d.failing_tests);
    }
    let total = ids.len();
    let merged = JunitData {
        failing_tests: ids.into_iter().take(MAX_LISTED).collect(),
        failing_tests_not_listed: not_listed + total.saturating_sub(MAX_LISTED) as u64,
    };
    serde_json::to_value(merged).ok()
}

/// The baseline's failing tests, or why there are none to compare with (the note of a
/// condition on `new_failures` / `fixed_failures`, after the metric's name).
pub fn baseline_failing(
    baseline: Option<&Report>,
    gate_id: &str,
) -> Result<Arc<HashSet<TestId>>, String> {
    let Some(report) = baseline else {
        return Err(
            "it compares the failing tests with an earlier run's and needs --baseline REPORT, a \
             JSON report of that run (on the base: `gatekeep check -o json=base.json`)"
                .into(),
        );
    };
    let Some(g) = report.gate(gate_id) else {
        return Err(format!(
            "the baseline report has no gate `{gate_id}` to compare the failing tests with"
        ));
    };
    let data = g
        .data
        .as_ref()
        .and_then(|d| serde_json::from_value::<JunitData>(d.clone()).ok());
    let Some(data) = data else {
        return Err(match (g.status, &g.error) {
            (Status::Skipped, _) => {
                format!(
                    "the baseline's gate `{gate_id}` was SKIPPED: it has no failing tests to compare with"
                )
            }
            (Status::Error, Some(e)) => format!(
                "the baseline's gate `{gate_id}` was ERROR ({e}): it has no failing tests to compare with"
            ),
            _ => format!(
                "the baseline's gate `{gate_id}` does not list its failing tests (`data.failing_tests`, \
                 written by gatekeep since `new_failures`): write the baseline report again"
            ),
        });
    };
    if data.failing_tests_not_listed > 0 {
        return Err(format!(
            "the baseline lists only {} of its {} failing tests: the others cannot be told apart \
             from new failures",
            data.failing_tests.len(),
            data.failing_tests.len() as u64 + data.failing_tests_not_listed
        ));
    }
    Ok(Arc::new(
        data.failing_tests
            .into_iter()
            .map(|t| (t.classname, t.name))
            .collect(),
    ))
}

/// What the comparison found.
pub struct Compared {
    pub new_failures: u64,
    pub fixed_failures: u64,
    /// Display names of the first few new and fixed tests, for the note.
    pub new_names: Vec<String>,
    pub fixed_names: Vec<String>,
    pub still_failing: u64,
}

/// How many names a note lists.
const NOTE_NAMES: usize = 5;

/// Marks each failure finding `new` or `unchanged` and counts. `failing[i]` is the id of the
/// test of `findings[i]` (`None` for findings that are not a failing test); `passed` are the
/// baseline's failing tests that passed now.
pub fn compare(
    base: &HashSet<TestId>,
    findings: &mut [Finding],
    failing: &[Option<TestId>],
    passed: &[TestId],
) -> Compared {
    let mut c = Compared {
        new_failures: 0,
        fixed_failures: 0,
        new_names: Vec::new(),
        fixed_names: Vec::new(),
        still_failing: 0,
    };
    let mut failing_now: HashSet<&TestId> = HashSet::new();
    for (f, id) in findings.iter_mut().zip(failing) {
        let Some(id) = id else { continue };
        failing_now.insert(id);
        if base.contains(id) {
            f.baseline_state = Some(BaselineState::Unchanged);
            c.still_failing += 1;
        } else {
            f.baseline_state = Some(BaselineState::New);
            c.new_failures += 1;
            if c.new_names.len() < NOTE_NAMES {
                c.new_names.push(super::parse::display_name(&id.0, &id.1));
            }
        }
    }
    // A test that passed in one report and failed in another is still failing.
    let fixed: BTreeSet<&TestId> = passed
        .iter()
        .filter(|id| base.contains(*id) && !failing_now.contains(id))
        .collect();
    c.fixed_failures = fixed.len() as u64;
    c.fixed_names = fixed
        .iter()
        .take(NOTE_NAMES)
        .map(|id| super::parse::display_name(&id.0, &id.1))
        .collect();
    c
}

impl Compared {
    /// The note: what is new, what is still failing, what was fixed.
    pub fn note(&self) -> String {
        let list = |names: &[String], total: u64| {
            let mut s = names.join(", ");
            let more = total.saturating_sub(names.len() as u64);
            if more > 0 {
                s.push_str(&format!(" and {more} more"));
            }
            s
        };
        let mut parts = Vec::new();
        parts.push(if self.new_failures == 0 {
            "no new failing test".to_string()
        } else {
            format!(
                "{} new failing test{}: {}",
                self.new_failures,
                if self.new_failures == 1 { "" } else { "s" },
                list(&self.new_names, self.new_failures)
            )
        });
        parts.push(format!(
            "{} failing in the baseline too",
            self.still_failing
        ));
        if self.fixed_failures > 0 {
            parts.push(format!(
                "{} fixed: {}",
                self.fixed_failures,
                list(&self.fixed_names, self.fixed_failures)
            ));
        }
        format!("compared with the baseline report: {}", parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;

    fn id(c: &str, n: &str) -> TestId {
        (c.to_string(), n.to_string())
    }

    #[test]
    fn data_is_sorted_distinct_and_bounded() {
        let mut ids: Vec<TestId> = (0..MAX_LISTED + 3)
            .rev()
            .map(|i| id("c", &format!("t{i:06}")))
            .collect();
        ids.push(id("c", "t000000"));
        let d = JunitData::of(&ids);
        assert_eq!(d.failing_tests.len(), MAX_LISTED);
        assert_eq!(d.failing_tests_not_listed, 3);
        assert_eq!(d.failing_tests[0].name, "t000000");
        assert_eq!(d.failing_tests[1].name, "t000001");
    }

    #[test]
    fn new_unchanged_and_fixed() {
        let base: HashSet<TestId> = [id("a", "old"), id("a", "fixed"), id("a", "moved")].into();
        let mut findings = vec![
            Finding::new("junit/failed", Severity::High, "a::old"),
            Finding::new("junit/error", Severity::High, "a::new"),
            Finding::new("junit/headline-mismatch", Severity::Low, "suite"),
            Finding::new("junit/failed", Severity::High, "a::moved"),
        ];
        let failing = [
            Some(id("a", "old")),
            Some(id("a", "new")),
            None,
            Some(id("a", "moved")),
        ];
        // `moved` passed in one report and failed in another: not fixed.
        let passed = [id("a", "fixed"), id("a", "moved")];
        let c = compare(&base, &mut findings, &failing, &passed);
        assert_eq!(
            (c.new_failures, c.fixed_failures, c.still_failing),
            (1, 1, 2)
        );
        assert_eq!(findings[0].baseline_state, Some(BaselineState::Unchanged));
        assert_eq!(findings[1].baseline_state, Some(BaselineState::New));
        assert_eq!(findings[2].baseline_state, None);
        assert_eq!(c.fixed_names, vec!["a::fixed"]);
        assert!(
            c.note().contains("1 new failing test: a::new"),
            "{}",
            c.note()
        );
    }

    #[test]
    fn merged_parts_give_the_union() {
        let a = serde_json::to_value(JunitData::of(&[id("a", "x"), id("a", "y")])).unwrap();
        let b = serde_json::to_value(JunitData::of(&[id("a", "y"), id("b", "z")])).unwrap();
        let m = merge_data([Some(&a), Some(&b)].into_iter()).unwrap();
        let d: JunitData = serde_json::from_value(m).unwrap();
        let names: Vec<&str> = d.failing_tests.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["x", "y", "z"]);
        assert!(merge_data([Some(&a), None].into_iter()).is_none());
    }

    #[test]
    fn no_baseline_says_it_is_needed() {
        let e = baseline_failing(None, "tests").unwrap_err();
        assert!(e.contains("needs --baseline REPORT"), "{e}");
    }
}
