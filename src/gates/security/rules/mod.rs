//! The rule registry's shared vocabulary: categories, confidence, the documentation every rule
//! gives ([`Meta`]), and retired rule ids. Code rules are tree rules (`super::tree`, files in
//! `rules/security/`); secret rules live in [`super::secrets`].

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

/// A retired rule id's entry: (the id, its successors, why it went).
pub fn retired(id: &str) -> Option<&'static (&'static str, &'static [&'static str], &'static str)> {
    RETIRED.iter().find(|(old, _, _)| *old == id)
}

/// The successors of a retired rule id (empty: not retired).
pub fn successors(id: &str) -> &'static [&'static str] {
    retired(id).map_or(&[], |(_, new, _)| new)
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

/// All rules' documentation: code (tree) rules, secret rules, and the suppression rule.
pub fn all_meta() -> Vec<Meta> {
    let mut v: Vec<Meta> = super::tree::builtin()
        .unwrap_or_default()
        .iter()
        .map(Meta::of_tree)
        .collect();
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
    fn ids_unique_and_well_formed_retired_ids_have_successors() {
        let metas = all_meta();
        let mut ids: Vec<&str> = metas.iter().map(|m| m.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate rule ids");
        for m in &metas {
            assert!(
                m.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                m.id
            );
        }
        // A retired id is no rule's, and its successors are.
        for (old, new, _) in RETIRED {
            assert!(!ids.contains(old), "{old} is retired but still a rule");
            for n in *new {
                assert!(ids.contains(n), "{old}'s successor {n} is no rule");
            }
        }
    }
}
