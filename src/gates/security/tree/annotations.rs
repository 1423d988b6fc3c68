//! `gatekeep rules test`: every rule against the `ruleid:` / `ok:` annotations of its test
//! file, the convention of semgrep and ast-grep.
//!
//! An annotation is a line holding only a comment (`#`, `//`, `/*`, `--`, `<!--`) that says
//! `ruleid: ID[, ID…]` (the next line must be reported by rule ID) or `ok: ID` (it must not be).
//! `todoruleid:` and `todook:` mark known misses and known false alarms: they are listed, not
//! failed. A finding on a line no `ruleid:` annotation names is a failure too: a rule's test
//! file says everything the rule reports.

use super::{RuleSet, scan};
use ast_grep_core::Language;
use std::fmt::Write;

/// One rule's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub rule: String,
    pub file: String,
    /// Lines (1-based) annotated `ruleid:` that the rule did not report.
    pub missed: Vec<u64>,
    /// Lines the rule reported that no `ruleid:` names (including `ok:` lines).
    pub unexpected: Vec<u64>,
    /// `ruleid:` lines it reported.
    pub caught: usize,
    /// `ok:` lines it left alone.
    pub passed_ok: usize,
    /// `todoruleid:` / `todook:` lines.
    pub todo: usize,
    /// The rule has no test file, or the file has no annotation for it.
    pub untested: bool,
    /// A taint rule's `ruleid:` line whose finding carries no flow.
    pub flowless: Vec<u64>,
    /// The rule could not run (it does not compile for its test file's grammar).
    pub errors: Vec<String>,
    /// Annotations in the test file that name no rule of the set (line, id): a typo, or text
    /// after the id (`# ok: my-rule (why)`), which would otherwise test nothing.
    pub unknown: Vec<(u64, String)>,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        !self.untested
            && self.missed.is_empty()
            && self.unexpected.is_empty()
            && self.flowless.is_empty()
            && self.errors.is_empty()
            && self.unknown.is_empty()
    }
}

/// What an annotation says of the next line.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Mark {
    RuleId,
    Ok,
    Todo,
}

/// The annotation on a comment-only line: its kind and rule ids.
pub(super) fn annotation(line: &str) -> Option<(Mark, Vec<String>)> {
    let t = line.trim();
    let body = ["<!--", "//", "/*", "#", "--", "{/*"]
        .iter()
        .find_map(|p| t.strip_prefix(p))?;
    let body = body
        .trim()
        .trim_end_matches("-->")
        .trim_end_matches("*/}")
        .trim_end_matches("*/")
        .trim();
    let (mark, rest) = if let Some(r) = body.strip_prefix("ruleid:") {
        (Mark::RuleId, r)
    } else if let Some(r) = body.strip_prefix("ok:") {
        (Mark::Ok, r)
    } else if let Some(r) = body
        .strip_prefix("todoruleid:")
        .or_else(|| body.strip_prefix("todook:"))
    {
        (Mark::Todo, r)
    } else {
        return None;
    };
    let ids = rest
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    Some((mark, ids))
}

/// Runs every rule of `set` that has a test file.
pub fn run(set: &RuleSet) -> Vec<Outcome> {
    let mut out = Vec::new();
    for (i, r) in set.rules.iter().enumerate() {
        let mut o = Outcome {
            rule: r.id.clone(),
            file: r.origin.clone(),
            missed: Vec::new(),
            unexpected: Vec::new(),
            caught: 0,
            passed_ok: 0,
            todo: 0,
            untested: true,
            flowless: Vec::new(),
            errors: Vec::new(),
            unknown: Vec::new(),
        };
        let Some((name, text)) = &r.tests else {
            out.push(o);
            continue;
        };
        o.file = name.clone();
        let lines: Vec<&str> = text.split('\n').collect();
        let mut want: Vec<u64> = Vec::new();
        let mut ok: Vec<u64> = Vec::new();
        let mut todo: Vec<u64> = Vec::new();
        for (n, l) in lines.iter().enumerate() {
            if let Some((_, ids)) = annotation(l) {
                for id in &ids {
                    if !set.rules.iter().any(|x| &x.id == id) {
                        o.unknown.push((n as u64 + 1, id.clone()));
                    }
                }
            }
            if let Some((mark, ids)) = annotation(l)
                && ids.contains(&r.id)
            {
                let target = n as u64 + 2;
                match mark {
                    Mark::RuleId => want.push(target),
                    Mark::Ok => ok.push(target),
                    Mark::Todo => todo.push(target),
                }
            }
        }
        o.todo = todo.len();
        o.untested = want.is_empty() && ok.is_empty();
        let lang = r
            .langs
            .iter()
            .map(|l| l.lang)
            .find(|l| ast_grep_language::SupportLang::from_path(name) == Some(*l))
            .or_else(|| r.langs.first().map(|l| l.lang));
        let Some(lang) = lang else {
            out.push(o);
            continue;
        };
        let only: Vec<bool> = (0..set.rules.len()).map(|j| j == i).collect();
        let found = scan(set, &only, lang, text.as_bytes());
        o.errors.clone_from(&found.errors);
        let line_of = |off: usize| -> u64 {
            text.as_bytes()[..off.min(text.len())]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64
                + 1
        };
        let mut reported: Vec<(u64, bool)> = found
            .hits
            .iter()
            .map(|h| (line_of(h.offset), !h.flow.is_empty()))
            .collect();
        reported.sort_unstable();
        reported.dedup();
        for w in &want {
            match reported.iter().find(|(l, _)| l == w) {
                Some((_, has_flow)) => {
                    o.caught += 1;
                    if r.is_taint() && !has_flow && r.untainted.is_none() {
                        o.flowless.push(*w);
                    }
                }
                None => o.missed.push(*w),
            }
        }
        // A `todook:` line is a known false alarm and a `todoruleid:` line a known miss:
        // counted, never failed, whether the rule reports them or not.
        for (l, _) in &reported {
            if !want.contains(l) && !todo.contains(l) {
                o.unexpected.push(*l);
            }
        }
        o.passed_ok = ok.iter().filter(|l| !o.unexpected.contains(l)).count();
        out.push(o);
    }
    out
}

/// The report `gatekeep rules test` prints.
pub fn render(outcomes: &[Outcome]) -> String {
    let mut s = String::new();
    for o in outcomes {
        let verdict = if o.untested {
            "UNTESTED"
        } else if o.passed() {
            "PASS"
        } else {
            "FAIL"
        };
        let _ = write!(
            s,
            "{verdict:<8} {} ({}): {} ruleid caught, {} ok clean",
            o.rule, o.file, o.caught, o.passed_ok
        );
        if o.todo > 0 {
            let _ = write!(s, ", {} todo", o.todo);
        }
        let _ = writeln!(s);
        let lines = |v: &[u64]| {
            v.iter()
                .map(|l| l.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !o.missed.is_empty() {
            let _ = writeln!(
                s,
                "         missed (ruleid, not reported): line {}",
                lines(&o.missed)
            );
        }
        if !o.unexpected.is_empty() {
            let _ = writeln!(
                s,
                "         unexpected (reported, no ruleid): line {}",
                lines(&o.unexpected)
            );
        }
        if !o.flowless.is_empty() {
            let _ = writeln!(
                s,
                "         taint finding without a flow: line {}",
                lines(&o.flowless)
            );
        }
        for e in &o.errors {
            let _ = writeln!(s, "         {e}");
        }
        for (line, id) in &o.unknown {
            let _ = writeln!(
                s,
                "         line {line}: the annotation names `{id}`, which is not a rule of this set (one id per entry, comma-separated, nothing after them)"
            );
        }
        if o.untested {
            let _ = writeln!(
                s,
                "         no test file with `ruleid: {}` / `ok: {}` annotations beside the rule",
                o.rule, o.rule
            );
        }
    }
    let failed = outcomes.iter().filter(|o| !o.passed()).count();
    let _ = writeln!(
        s,
        "\n{} rules, {} passed, {} failed or untested",
        outcomes.len(),
        outcomes.len() - failed,
        failed
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_in_every_comment_style() {
        assert_eq!(
            annotation("    # ruleid: a, b"),
            Some((Mark::RuleId, vec!["a".into(), "b".into()]))
        );
        assert_eq!(annotation("// ok: a"), Some((Mark::Ok, vec!["a".into()])));
        assert_eq!(
            annotation("/* ok: a */"),
            Some((Mark::Ok, vec!["a".into()]))
        );
        assert_eq!(
            annotation("<!-- ruleid: a -->"),
            Some((Mark::RuleId, vec!["a".into()]))
        );
        assert_eq!(
            annotation("# todoruleid: a"),
            Some((Mark::Todo, vec!["a".into()]))
        );
        assert_eq!(annotation("x = 1  # ruleid: a"), None);
        assert_eq!(annotation("# a comment"), None);
    }

    /// An annotation naming a rule the set does not have fails the rule whose test file holds
    /// it: a typo would otherwise test nothing, and still pass.
    #[test]
    fn an_annotation_naming_no_rule_of_the_set_fails() {
        let yaml = "id: team-eval\nlanguage: python\nmessage: m\ncategory: code-execution\n\
                    rule:\n  pattern: eval($X)\n";
        let tests = "# ruleid: team-eval\neval(a)\n# ok: team-evl\nprint(b)\n# ok: team-eval (a comment)\nprint(c)\n";
        let set = super::super::tests::team_set(yaml, Some(tests));
        let outcomes = run(&set);
        let o = &outcomes[0];
        assert!(!o.passed());
        assert_eq!(
            o.unknown,
            vec![
                (3, "team-evl".to_string()),
                (5, "team-eval (a comment)".to_string())
            ]
        );
        assert!(
            render(&outcomes).contains("line 3: the annotation names `team-evl`"),
            "{}",
            render(&outcomes)
        );
    }
}
