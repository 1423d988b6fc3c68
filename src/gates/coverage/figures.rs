//! The figures: covered/total counts of a file or of the whole model, and the metrics computed
//! from them (`line`, `branch`, `statements`, `combined`, …).
//!
//! `statements` counts statement blocks where the producer writes them (Go coverprofile blocks,
//! each with its `NumStmt`): covered statements / statements, as `go tool cover -func` totals
//! them. `combined` is (covered lines + covered branches) / (lines + branches), coverage.py's
//! headline (`Numbers.pc_covered`, what `coverage report` TOTAL and `--cov-fail-under` use).

use super::{Combine, FileCov, Headline, combine};
use crate::model::Metric;
use std::collections::BTreeMap;

/// Where a statement block is: (start line, start column, end line, end column).
pub type Span = (u32, u32, u32, u32);

/// Statement blocks of one file: span → (statements, hits).
pub type Stmts = BTreeMap<Span, (u32, u64)>;

/// Counters kept beside lines and branches, each a metric of its own: JaCoCo's `INSTRUCTION`
/// (per line: `ci` of `mi + ci`), `METHOD` and `COMPLEXITY` (per method), Istanbul's functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Element {
    Instruction = 0,
    Method = 1,
    Complexity = 2,
    Function = 3,
    /// Istanbul statements, one count per file (folded into `statements`).
    Statement = 4,
}

/// The metric of each [`Element`], in its order.
pub const ELEMENT_METRICS: [&str; 4] = ["instruction", "method", "complexity", "functions"];

/// Element counters of one file: (kind, key) → (covered, total). The key tells the element
/// apart within the file (a line, a method, a function).
pub type Elements = BTreeMap<(Element, u64), (u64, u64)>;

/// The key of a file-level counter used when the report has no per-element one.
pub const FILE_LEVEL: u64 = u64::MAX;

/// A file's line and branch counts: the per-file list behind `worst_files` and
/// `min_file_line`, kept narrow (a 200 MB LCOV lists 57,000 files).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FileCounts {
    pub lines_covered: u64,
    pub lines_total: u64,
    pub branches_covered: u64,
    pub branches_total: u64,
}

impl From<&Counts> for FileCounts {
    fn from(c: &Counts) -> FileCounts {
        FileCounts {
            lines_covered: c.lines_covered,
            lines_total: c.lines_total,
            branches_covered: c.branches_covered,
            branches_total: c.branches_total,
        }
    }
}

/// Covered and total counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub lines_covered: u64,
    pub lines_total: u64,
    pub branches_covered: u64,
    pub branches_total: u64,
    /// Statements (Go: the `NumStmt` of each block); 0 of 0 when the format has none.
    pub statements_covered: u64,
    pub statements_total: u64,
    /// (covered, total) per [`Element`].
    pub elements: [(u64, u64); 5],
}

impl Counts {
    /// The higher of each count (the same file's counts from two reports).
    pub(super) fn max(&mut self, o: &Counts) {
        self.lines_covered = self.lines_covered.max(o.lines_covered);
        self.lines_total = self.lines_total.max(o.lines_total);
        self.branches_covered = self.branches_covered.max(o.branches_covered);
        self.branches_total = self.branches_total.max(o.branches_total);
        self.statements_covered = self.statements_covered.max(o.statements_covered);
        self.statements_total = self.statements_total.max(o.statements_total);
        for (a, b) in self.elements.iter_mut().zip(o.elements.iter()) {
            a.0 = a.0.max(b.0);
            a.1 = a.1.max(b.1);
        }
    }

    pub(super) fn add(&mut self, o: &Counts) {
        self.lines_covered += o.lines_covered;
        self.lines_total += o.lines_total;
        self.branches_covered += o.branches_covered;
        self.branches_total += o.branches_total;
        self.statements_covered += o.statements_covered;
        self.statements_total += o.statements_total;
        for (a, b) in self.elements.iter_mut().zip(o.elements.iter()) {
            a.0 += b.0;
            a.1 += b.1;
        }
    }

    /// coverage.py's `ratio_covered`: (covered lines + covered branches, lines + branches).
    pub fn combined(&self) -> (u64, u64) {
        (
            self.lines_covered + self.branches_covered,
            self.lines_total + self.branches_total,
        )
    }
}

impl FileCov {
    /// Records a statement block: `n` statements at `span`, run `hits` times. A span recorded
    /// again combines its hits by `mode` (Go `set`: OR, otherwise add, as `go tool cover`'s
    /// profile reader merges repeated blocks). `Err(old)` when it was recorded with another
    /// number of statements (`go tool cover`: "inconsistent NumStmt"); the record is unchanged.
    pub fn stmt(&mut self, span: Span, n: u32, hits: u64, mode: Combine) -> Result<(), u32> {
        let stmts = &mut self.extra_mut().stmts;
        match stmts.get_mut(&span) {
            Some((old, _)) if *old != n => Err(*old),
            Some((_, h)) => {
                *h = combine(mode, *h, hits);
                Ok(())
            }
            None => {
                stmts.insert(span, (n, hits));
                Ok(())
            }
        }
    }

    /// Adds another file's statement blocks (another report): hits combine by `mode`; a block
    /// two reports give different statement counts (different sources) keeps the larger count.
    pub(super) fn merge_stmts(&mut self, o: Stmts, mode: Combine) {
        let stmts = &mut self.extra_mut().stmts;
        if stmts.is_empty() {
            *stmts = o;
            return;
        }
        for (span, (n, h)) in o {
            let e = stmts.entry(span).or_insert((n, 0));
            e.0 = e.0.max(n);
            e.1 = combine(mode, e.1, h);
        }
    }

    /// Records an element counter; an element recorded again (another report of the same file)
    /// keeps the higher covered and total counts.
    pub fn element(&mut self, e: Element, key: u64, covered: u64, total: u64) {
        let v = self.extra_mut().elements.entry((e, key)).or_insert((0, 0));
        v.0 = v.0.max(covered);
        v.1 = v.1.max(total);
    }

    /// Adds another file's element counters.
    pub(super) fn merge_elements(&mut self, o: Elements) {
        let elements = &mut self.extra_mut().elements;
        if elements.is_empty() {
            *elements = o;
            return;
        }
        for ((e, k), (c, t)) in o {
            self.element(e, k, c, t);
        }
    }

    /// Whether the file has a counter of kind `e`.
    pub fn has_element(&self, e: Element) -> bool {
        self.extra
            .as_ref()
            .is_some_and(|x| x.elements.range((e, 0)..=(e, u64::MAX)).next().is_some())
    }

    /// (covered, total) per [`Element`].
    pub(super) fn element_counts(&self) -> [(u64, u64); 5] {
        let mut out = [(0u64, 0u64); 5];
        let Some(x) = &self.extra else {
            return out;
        };
        for (&(e, _), &(c, t)) in &x.elements {
            if let Some(slot) = out.get_mut(e as usize) {
                slot.0 += c.min(t);
                slot.1 += t;
            }
        }
        out
    }

    /// (covered statements, statements): Go blocks and Istanbul's per-file statement counts.
    pub(super) fn stmt_counts(&self) -> (u64, u64) {
        let (mut c, mut t) = (0u64, 0u64);
        let Some(x) = &self.extra else {
            return (c, t);
        };
        if let Some(&(ec, et)) = x.elements.get(&(Element::Statement, FILE_LEVEL)) {
            c += ec.min(et);
            t += et;
        }
        for &(n, h) in x.stmts.values() {
            t += u64::from(n);
            if h > 0 {
                c += u64::from(n);
            }
        }
        (c, t)
    }
}

pub(super) fn pct(c: u64, t: u64) -> String {
    if t == 0 {
        "no data".to_string()
    } else {
        format!(
            "{}%",
            crate::threshold::trim_num(c as f64 * 100.0 / t as f64, 1)
        )
    }
}

pub(super) fn no_data_what(metric: &str) -> &'static str {
    if metric.starts_with("branch") {
        "branches"
    } else if metric == "statements" {
        "statement counts (only Go coverprofiles and Istanbul JSON give them)"
    } else if ELEMENT_METRICS.contains(&metric) {
        "counters of that kind (JaCoCo: instruction, method, complexity; Istanbul: functions)"
    } else if metric == "combined" {
        "coverable lines or branches"
    } else {
        "coverable lines"
    }
}

pub(super) fn ranges(lines: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() && out.len() < 10 {
        let start = lines[i];
        let mut end = start;
        while i + 1 < lines.len() && lines[i + 1] == end + 1 {
            i += 1;
            end = lines[i];
        }
        out.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    if i < lines.len() {
        out.push("…".into());
    }
    out.join(", ")
}

pub(super) fn push_metrics(ms: &mut Vec<Metric>, c: &Counts, per: &[(&str, FileCounts)]) {
    ms.extend(Metric::percent("line", c.lines_covered, c.lines_total));
    ms.extend(Metric::percent(
        "branch",
        c.branches_covered,
        c.branches_total,
    ));
    ms.extend(Metric::percent(
        "statements",
        c.statements_covered,
        c.statements_total,
    ));
    let (cc, ct) = c.combined();
    ms.extend(Metric::percent("combined", cc, ct));
    for (name, &(ec, et)) in ELEMENT_METRICS.iter().zip(c.elements.iter()) {
        ms.extend(Metric::percent(*name, ec, et));
    }
    ms.push(Metric::count("lines_covered", c.lines_covered));
    ms.push(Metric::count("lines_total", c.lines_total));
    ms.push(Metric::count("branches_covered", c.branches_covered));
    ms.push(Metric::count("branches_total", c.branches_total));
    let worst = per
        .iter()
        .filter(|(_, c)| c.lines_total > 0)
        .min_by(|a, b| {
            let l = u128::from(a.1.lines_covered) * u128::from(b.1.lines_total);
            let r = u128::from(b.1.lines_covered) * u128::from(a.1.lines_total);
            l.cmp(&r)
        });
    if let Some((_, w)) = worst {
        ms.extend(Metric::percent(
            "min_file_line",
            w.lines_covered,
            w.lines_total,
        ));
    }
}

/// Compares a producer's headline with the records; a message when they disagree beyond rounding.
pub(super) fn headline_mismatch(h: &Headline, c: &Counts) -> Option<String> {
    let mut parts = Vec::new();
    if let Some((hc, ht)) = h.lines {
        if (hc, ht) != (c.lines_covered, c.lines_total) {
            parts.push(format!(
                "lines {hc}/{ht} ({}) but its records give {}/{} ({})",
                pct(hc, ht),
                c.lines_covered,
                c.lines_total,
                pct(c.lines_covered, c.lines_total)
            ));
        }
    } else if let Some((rate, decimals)) = h.line_rate
        && c.lines_total > 0
    {
        let actual = c.lines_covered as f64 / c.lines_total as f64;
        let tol = 0.5 * 10f64.powi(-(decimals.min(15) as i32)) + 1e-12;
        if (actual - rate).abs() > tol {
            parts.push(format!(
                "line rate {rate} but its records give {}/{} ({})",
                c.lines_covered,
                c.lines_total,
                pct(c.lines_covered, c.lines_total)
            ));
        }
    }
    if let Some((hc, ht)) = h.branches
        && (hc, ht) != (c.branches_covered, c.branches_total)
    {
        {
            parts.push(format!(
                "branches {hc}/{ht} but its records give {}/{}",
                c.branches_covered, c.branches_total
            ));
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(format!(
            "the report's headline ({}) says {}; the figures use the records",
            h.what,
            parts.join("; ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_statement_blocks_combine_by_mode_and_count_once() {
        let span = (1, 1, 3, 2);
        let mut f = FileCov::default();
        assert_eq!(f.stmt(span, 2, 0, Combine::Or), Ok(()));
        assert_eq!(f.stmt(span, 2, 1, Combine::Or), Ok(()));
        assert_eq!(f.stmt((4, 1, 4, 9), 3, 0, Combine::Or), Ok(()));
        // Another statement count for the same block: refused, the record unchanged.
        assert_eq!(f.stmt(span, 5, 1, Combine::Or), Err(2));
        assert_eq!(f.stmt_counts(), (2, 5));
        // Another report: hits combine, a disagreeing count keeps the larger.
        let mut g = FileCov::default();
        assert_eq!(g.stmt((4, 1, 4, 9), 4, 7, Combine::Add), Ok(()));
        let g_stmts = g.extra.take().map(|x| x.stmts).unwrap_or_default();
        f.merge_stmts(g_stmts, Combine::Add);
        assert_eq!(f.stmt_counts(), (6, 6));
    }

    #[test]
    fn combined_is_lines_plus_branches_and_no_data_at_0_of_0() {
        let c = Counts {
            lines_covered: 17,
            lines_total: 23,
            branches_covered: 10,
            branches_total: 14,
            ..Counts::default()
        };
        let mut ms = Vec::new();
        push_metrics(&mut ms, &c, &[]);
        let m = ms.iter().find(|m| m.name == "combined").expect("combined");
        assert_eq!(m.ratio, Some((27, 37)));
        assert!(ms.iter().all(|m| m.name != "statements"));
        let mut ms = Vec::new();
        push_metrics(&mut ms, &Counts::default(), &[]);
        assert!(ms.iter().all(|m| m.name != "combined" && m.name != "line"));
    }
}
