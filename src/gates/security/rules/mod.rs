//! The rule registry: every built-in rule with its documentation.
//!
//! A code rule is a regex over the lexer's code view (comments blanked, string contents `x`),
//! plus optional context checks: the arguments of the call the match opens (`args_require`,
//! `args_forbid`, on the code view), the original text at the match (`literal`, for rules that
//! depend on a literal's value), the original line (`line_require`), and the whole original file
//! (`file_require`, `file_forbid`). Secret rules live in [`super::secrets`].

mod java;

use super::lexer::Family;
use crate::model::Severity;

/// How sure a rule is that a match is a real problem.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// Rule categories (the issue's list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    CodeExecution,
    CommandInjection,
    Deserialization,
    Xxe,
    PathTraversal,
    WeakCrypto,
    Tls,
    Sql,
    /// A request the server makes to a URL its client chose (SSRF, CWE-918).
    Ssrf,
    /// A redirect to a URL its client chose (CWE-601).
    OpenRedirect,
    Secrets,
    Suppression,
}

impl Category {
    pub const ALL: &[Category] = &[
        Category::CodeExecution,
        Category::CommandInjection,
        Category::Deserialization,
        Category::Xxe,
        Category::PathTraversal,
        Category::WeakCrypto,
        Category::Tls,
        Category::Sql,
        Category::Ssrf,
        Category::OpenRedirect,
        Category::Secrets,
        Category::Suppression,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Category::CodeExecution => "code-execution",
            Category::CommandInjection => "command-injection",
            Category::Deserialization => "deserialization",
            Category::Xxe => "xxe",
            Category::PathTraversal => "path-traversal",
            Category::WeakCrypto => "weak-crypto",
            Category::Tls => "tls",
            Category::Sql => "sql",
            Category::Ssrf => "ssrf",
            Category::OpenRedirect => "open-redirect",
            Category::Secrets => "secrets",
            Category::Suppression => "suppression",
        }
    }
}

/// Languages a code rule applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum L {
    Java,
}

impl L {
    pub fn matches(self, f: Family) -> bool {
        match (self, f) {
            (L::Java, Family::Java) => true,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            L::Java => "java",
        }
    }
}

/// A built-in code rule.
#[derive(Debug)]
pub struct RuleDef {
    pub id: &'static str,
    /// A short title.
    pub title: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub cwe: u32,
    pub confidence: Confidence,
    pub lang: L,
    /// Prefilter: the file must contain one of these (ASCII case-insensitive) for the rule to run.
    pub keywords: &'static [&'static str],
    /// Regex over the code view. If it has a capture group 1, the finding points there.
    pub pattern: &'static str,
    /// The match ends at a call's `(`: the call's arguments (code view) must match this…
    pub args_require: Option<&'static str>,
    /// …and must not match this.
    pub args_forbid: Option<&'static str>,
    /// Must match the original text from the match start (up to 240 bytes past its end).
    pub literal: Option<&'static str>,
    /// Must match the original line of the match.
    pub line_require: Option<&'static str>,
    /// The original file must match this…
    pub file_require: Option<&'static str>,
    /// …and must not match this (e.g. the secure setting is present).
    pub file_forbid: Option<&'static str>,
    /// Matching that needs more than a regex (then `pattern` only documents the shape).
    pub special: Option<Special>,
    /// A call whose arguments are all constants (plain string literals — no interpolation, no
    /// concatenation — numbers, lists of them) is reported at low severity, "seems safe":
    /// nothing from outside reaches it, but the call is one edit away from injection (as
    /// bandit and ruff rate it).
    pub constant_low: bool,
    pub description: &'static str,
    pub bad: &'static str,
    pub good: &'static str,
    pub fix: &'static str,
}

/// Rules implemented in code rather than with one regex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    /// Python XML parsing through the standard library or lxml, with import aliases resolved
    /// (`import xml.etree.cElementTree as badET` then `badET.parse(…)`; `from xml.dom.minidom
    /// import parseString as p` then `p(…)`); names bound to `defusedxml` are safe.
    PyXmlImports,
    /// Java XML factories followed from creation to use, with their settings on the same
    /// variable in between (see `java_xxe.rs`).
    JavaXmlFactory,
}

/// Defaults for struct-update syntax in the rule tables.
pub const R: RuleDef = RuleDef {
    id: "",
    title: "",
    category: Category::CodeExecution,
    severity: Severity::High,
    cwe: 0,
    confidence: Confidence::High,
    lang: L::Java,
    keywords: &[],
    pattern: "",
    args_require: None,
    args_forbid: None,
    literal: None,
    line_require: None,
    file_require: None,
    file_forbid: None,
    special: None,
    constant_low: false,
    description: "",
    bad: "",
    good: "",
    fix: "",
};

/// Every built-in regex code rule, grouped by language; a rule that moved onto syntax trees
/// (a built-in tree rule of the same id, `rules/security/`) is retired here.
pub fn code_rules() -> impl Iterator<Item = &'static RuleDef> {
    let moved = super::tree::builtin_ids();
    java::RULES.iter().filter(move |r| !moved.contains(&r.id))
}

/// Rule ids that are gone, with the rules that report their findings now. A config naming one
/// (`rules`, `exclude_rules`, `severity_overrides`) applies to its successors, a
/// `gatekeep:ignore[…]` naming one covers them, and `gatekeep explain` says where it went, so
/// a config written for an earlier version keeps meaning what it meant.
pub const RETIRED: &[(&str, &[&str], &str)] = &[(
    "js-path-from-request",
    &["js-path-traversal", "js-path-join-input"],
    "a regex over the arguments of a path call; the tree rules trace the value from the request \
     instead: `js-path-traversal` where it is read, written or sent, `js-path-join-input` where \
     it is joined into a path",
)];

/// The successors of a retired rule id (empty: not retired).
pub fn successors(id: &str) -> &'static [&'static str] {
    RETIRED
        .iter()
        .find(|(old, _, _)| *old == id)
        .map_or(&[], |(_, new, _)| new)
}

/// Documentation common to code and secret rules.
#[derive(Clone, Debug)]
pub struct Meta {
    pub id: &'static str,
    pub title: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub cwe: u32,
    pub confidence: Confidence,
    pub langs: String,
    pub description: &'static str,
    pub bad: &'static str,
    pub good: &'static str,
    pub fix: &'static str,
}

impl Meta {
    pub fn of_code(r: &RuleDef) -> Meta {
        Meta {
            id: r.id,
            title: r.title,
            category: r.category,
            severity: r.severity,
            cwe: r.cwe,
            confidence: r.confidence,
            langs: r.lang.name().to_string(),
            description: r.description,
            bad: r.bad,
            good: r.good,
            fix: r.fix,
        }
    }

    /// A tree rule's documentation: its message, note, and the first `ruleid:` and `ok:`
    /// examples of its test file.
    pub fn of_tree(r: &'static super::tree::TreeRule) -> Meta {
        Meta {
            id: &r.id,
            title: &r.title,
            category: r.category,
            severity: r.severity,
            cwe: r.cwe,
            confidence: r.confidence,
            langs: r.lang_names(),
            description: &r.note,
            bad: &r.bad,
            good: &r.good,
            fix: "",
        }
    }

    /// The `RuleInfo` for `explain` and SARIF.
    pub fn info(&self) -> crate::gates::RuleInfo {
        let fix = if self.fix.is_empty() {
            String::new()
        } else {
            format!("Fix: {}\n\n", self.fix)
        };
        let help = format!(
            "{}\n\n- severity: {}\n- confidence: {}\n- CWE: CWE-{}\n- category: {}\n- languages: {}\n\nBad:\n\n```\n{}\n```\n\nGood:\n\n```\n{}\n```\n\n{}Suppress one occurrence with `gatekeep:ignore[{}] reason` on the line or the line before.",
            self.description,
            self.severity,
            self.confidence.as_str(),
            self.cwe,
            self.category.as_str(),
            self.langs,
            self.bad,
            self.good,
            fix,
            self.id
        );
        crate::gates::RuleInfo {
            id: self.id.to_string(),
            name: self.title.to_string(),
            short: self.title.to_string(),
            help,
            severity: self.severity,
            cwe: (self.cwe != 0).then(|| format!("CWE-{}", self.cwe)),
            tags: vec![
                "security".to_string(),
                self.category.as_str().to_string(),
                format!("confidence:{}", self.confidence.as_str()),
            ],
        }
    }
}

/// The suppression-without-reason rule.
pub const SUPPRESSION_NO_REASON: Meta = Meta {
    id: "suppression-without-reason",
    title: "gatekeep:ignore without a reason",
    category: Category::Suppression,
    severity: Severity::Low,
    cwe: 0,
    confidence: Confidence::High,
    langs: String::new(),
    description: "A `gatekeep:ignore[rule]` comment must say why the finding is accepted; one without a reason still suppresses, but is reported itself.",
    bad: "x = pickle.loads(b)  # gatekeep:ignore[py-pickle]",
    good: "x = pickle.loads(b)  # gatekeep:ignore[py-pickle] bytes come from our own signed cache",
    fix: "Write the reason after the closing bracket.",
};

/// All rules' documentation: code rules, secret rules, and the suppression rule.
pub fn all_meta() -> Vec<Meta> {
    let mut v: Vec<Meta> = code_rules().map(Meta::of_code).collect();
    v.extend(
        super::tree::builtin()
            .unwrap_or_default()
            .iter()
            .map(Meta::of_tree),
    );
    v.extend(
        super::secrets::SECRET_RULES
            .iter()
            .map(super::secrets::SecretRule::meta),
    );
    v.extend(super::gitleaks::ported().map(super::gitleaks::Rule::meta));
    v.push(SUPPRESSION_NO_REASON);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_unique_patterns_compile_docs_complete() {
        let metas = all_meta();
        let mut ids: Vec<&str> = metas.iter().map(|m| m.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate rule ids");
        for r in code_rules() {
            assert!(!r.keywords.is_empty(), "{} has no keywords", r.id);
            for p in [
                Some(r.pattern),
                r.args_require,
                r.args_forbid,
                r.literal,
                r.line_require,
                r.file_require,
                r.file_forbid,
            ]
            .into_iter()
            .flatten()
            {
                regex::bytes::Regex::new(&format!("(?-u){p}"))
                    .unwrap_or_else(|e| panic!("{}: {e}", r.id));
            }
            assert!(
                r.cwe != 0
                    && !r.description.is_empty()
                    && !r.bad.is_empty()
                    && !r.good.is_empty()
                    && !r.fix.is_empty(),
                "{}",
                r.id
            );
            assert!(
                r.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                r.id
            );
        }
    }
}
