//! Suppressions: `gatekeep:ignore[rule-id, …] reason` on the finding's line or the line
//! before, and (when enabled) other tools' markers on the finding's line.

use super::scan::SUPPRESSION_MARKER;

/// One `gatekeep:ignore` marker.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// 1-based line.
    pub line: u64,
    /// 1-based column of the marker.
    pub col: u64,
    /// Rule ids; empty means every rule.
    pub rules: Vec<String>,
    pub reason: String,
}

impl Marker {
    pub fn covers(&self, rule: &str) -> bool {
        self.rules.is_empty()
            || self.rules.iter().any(|r| {
                r == rule || r == "*" || r == "all" || super::rules::successors(r).contains(&rule)
            })
    }
}

/// Parses the marker that starts at `s` (which begins with `gatekeep:ignore`).
pub fn parse(s: &str) -> (Vec<String>, String) {
    let rest = &s[SUPPRESSION_MARKER.len().min(s.len())..];
    let (rules, rest) = match rest.strip_prefix('[') {
        Some(r) => match r.split_once(']') {
            Some((ids, after)) => (
                ids.split(',')
                    .map(|x| x.trim().trim_start_matches("security/").to_string())
                    .filter(|x| !x.is_empty())
                    .collect(),
                after,
            ),
            None => (Vec::new(), r),
        },
        None => (Vec::new(), rest),
    };
    let mut reason = rest.trim();
    for closer in ["*/", "-->", "#}", "%>", "?>"] {
        reason = reason.strip_suffix(closer).unwrap_or(reason).trim_end();
    }
    let reason = reason.trim_start_matches([':', '-', '—', ' ', '\t']).trim();
    (rules, reason.to_string())
}

/// Every marker in a file, with 1-based lines.
pub fn markers(text: &str) -> Vec<Marker> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some(k) = line[from..].find(SUPPRESSION_MARKER) {
            let at = from + k;
            let (rules, reason) = parse(&line[at..]);
            out.push(Marker {
                line: i as u64 + 1,
                col: line[..at].chars().count() as u64 + 1,
                rules,
                reason,
            });
            from = at + SUPPRESSION_MARKER.len();
        }
    }
    out
}

/// The marker that suppresses `rule` at `line`, if any (same line first, then the line before).
pub fn find<'a>(markers: &'a [Marker], rule: &str, line: u64) -> Option<&'a Marker> {
    markers
        .iter()
        .find(|m| m.line == line && m.covers(rule))
        .or_else(|| {
            markers
                .iter()
                .find(|m| m.line + 1 == line && m.covers(rule))
        })
}

/// Whether another tool's marker on the finding's line suppresses it: `nosec` and `nosemgrep`
/// for code rules, `gitleaks:allow` and `pragma: allowlist secret` for secrets.
pub fn other_tool(line: &str, secret: bool) -> bool {
    if secret {
        line.contains("gitleaks:allow") || line.contains("pragma: allowlist secret")
    } else {
        line.contains("nosec") || line.contains("nosemgrep")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_markers() {
        let m = markers(
            "x = 1\neval(a)  # gatekeep:ignore[py-eval, py-exec] input is a constant table\n/* gatekeep:ignore[js-eval] */\n",
        );
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].rules, ["py-eval", "py-exec"]);
        assert_eq!(m[0].reason, "input is a constant table");
        assert_eq!(m[0].line, 2);
        assert_eq!(m[1].reason, "");
        assert!(find(&m, "py-exec", 2).is_some());
        assert!(find(&m, "js-eval", 4).is_some());
        assert!(find(&m, "py-pickle", 2).is_none());
        assert_eq!(parse("gatekeep:ignore all of it").0, Vec::<String>::new());
    }
}
