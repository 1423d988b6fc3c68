//! gitleaks' default rule set, vendored as `gitleaks.toml` (gitleaks/gitleaks, MIT licence,
//! Copyright (c) 2019 Zachary Rice) and applied with gitleaks' own semantics:
//!
//! - a rule runs on a file when one of its `keywords` occurs in it (ASCII case-insensitive; a
//!   rule without keywords always runs), over the whole text;
//! - the secret is capture group `secretGroup`, else the first non-empty group, else the match;
//! - a secret whose Shannon entropy is `<= entropy` is dropped;
//! - `path` limits a rule to matching files; a rule with a `path` and no `regex` flags the file;
//! - allowlists (the global one, then the rule's): `paths` skip a file, `regexes` are tested
//!   against the secret, the match or the line (`regexTarget`), `stopwords` against the
//!   lowercased secret, combined with `condition` (`OR` by default, or `AND`).
//!
//! gatekeep's own secret rules replace the gitleaks rules they cover (`SecretRule::gitleaks`);
//! those rules' allowlists still apply to the gatekeep rule's findings. Rules and allowlists
//! are compiled on first use, so a run pays only for the rules whose keywords occur.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use regex::bytes::Regex;
use serde::Deserialize;

use super::rules::{Category, Confidence, Meta};
use crate::model::Severity;

/// The vendored configuration (upstream file below a provenance and licence header).
pub const SOURCE: &str = include_str!("gitleaks.toml");

/// The gitleaks commit the rules come from.
pub const UPSTREAM: &str = "gitleaks/gitleaks@b58d3f10";

#[derive(Deserialize)]
struct FileDef {
    allowlist: Option<AllowDef>,
    #[serde(default)]
    rules: Vec<RuleDef>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuleDef {
    id: String,
    #[serde(default)]
    description: String,
    regex: Option<String>,
    #[serde(default)]
    secret_group: usize,
    #[serde(default)]
    entropy: f64,
    #[serde(default)]
    keywords: Vec<String>,
    path: Option<String>,
    #[serde(default)]
    allowlists: Vec<AllowDef>,
}

#[derive(Deserialize, Clone, Default)]
#[serde(rename_all = "camelCase")]
struct AllowDef {
    condition: Option<String>,
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    regexes: Vec<String>,
    regex_target: Option<String>,
    #[serde(default)]
    stopwords: Vec<String>,
}

/// What an allowlist's `regexes` are tested against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Secret,
    Match,
    Line,
}

/// A compiled allowlist.
pub struct Allowlist {
    and: bool,
    paths: Option<Regex>,
    regexes: Option<Regex>,
    target: Target,
    stopwords: Option<AhoCorasick>,
}

/// What a finding is checked against: the secret, the whole match, its line(s), the file.
pub struct Candidate<'a> {
    pub secret: &'a [u8],
    pub matched: &'a [u8],
    pub line: &'a [u8],
    pub path: &'a str,
}

fn compile(p: &str) -> Result<Regex, String> {
    // ASCII classes, as in Go's RE2 (`\w`, `\s`, `\b` are ASCII there too).
    Regex::new(&format!("(?-u){}", from_go(p))).map_err(|e| format!("gitleaks pattern `{p}`: {e}"))
}

/// Go's RE2 syntax to the regex crate's: RE2 reads a `{` that does not start a repetition
/// (`{n}`, `{n,}`, `{n,m}`) as a literal, where the regex crate wants it escaped.
fn from_go(p: &str) -> String {
    let b = p.as_bytes();
    let mut out = String::with_capacity(p.len() + 8);
    let mut i = 0;
    let mut class = false;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' => {
                let n = p[i + 1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&p[i..i + 1 + n]);
                i += 1 + n;
                continue;
            }
            b'[' if !class => {
                class = true;
                out.push('[');
                i += 1;
                if b.get(i) == Some(&b'^') {
                    out.push('^');
                    i += 1;
                }
                if b.get(i) == Some(&b']') {
                    out.push_str("\\]");
                    i += 1;
                }
                continue;
            }
            b'[' if class && b.get(i + 1) == Some(&b':') => {
                if let Some(k) = p[i..].find(":]") {
                    out.push_str(&p[i..i + k + 2]);
                    i += k + 2;
                    continue;
                }
            }
            b']' if class => class = false,
            b'{' if !class => {
                let rest = &p[i + 1..];
                let close = rest.find('}');
                let valid = close.is_some_and(|k| {
                    let inner = &rest[..k];
                    let (lo, hi) = inner.split_once(',').unwrap_or((inner, "0"));
                    !lo.is_empty()
                        && lo.bytes().all(|d| d.is_ascii_digit())
                        && hi.bytes().all(|d| d.is_ascii_digit())
                });
                if !valid {
                    out.push_str("\\{");
                    i += 1;
                    continue;
                }
            }
            _ => {}
        }
        let n = p[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&p[i..i + n]);
        i += n;
    }
    out
}

fn any_of(ps: &[String]) -> Result<Option<Regex>, String> {
    if ps.is_empty() {
        return Ok(None);
    }
    let joined: Vec<String> = ps.iter().map(|p| format!("(?:{p})")).collect();
    compile(&joined.join("|")).map(Some)
}

impl Allowlist {
    fn build(d: &AllowDef) -> Result<Allowlist, String> {
        let target = match d.regex_target.as_deref() {
            None | Some("secret") | Some("") => Target::Secret,
            Some("match") => Target::Match,
            Some("line") => Target::Line,
            Some(t) => return Err(format!("unknown regexTarget `{t}`")),
        };
        let stopwords = if d.stopwords.is_empty() {
            None
        } else {
            let words: Vec<String> = d.stopwords.iter().map(|w| w.to_ascii_lowercase()).collect();
            Some(
                AhoCorasickBuilder::new()
                    .build(&words)
                    .map_err(|e| format!("stopwords: {e}"))?,
            )
        };
        Ok(Allowlist {
            and: d
                .condition
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case("and")),
            paths: any_of(&d.paths)?,
            regexes: any_of(&d.regexes)?,
            target,
            stopwords,
        })
    }

    fn path_matches(&self, path: &str) -> bool {
        !path.is_empty()
            && self
                .paths
                .as_ref()
                .is_some_and(|re| re.is_match(path.as_bytes()))
    }

    /// Whether the allowlist skips a whole file (gitleaks' `checkCommitOrPathAllowed`).
    pub fn skips_path(&self, path: &str) -> bool {
        if self.and && (self.regexes.is_some() || self.stopwords.is_some()) {
            // Checked per finding, with the other conditions.
            return false;
        }
        self.path_matches(path)
    }

    /// Whether the allowlist allows a finding (gitleaks' `checkFindingAllowed`).
    pub fn allows(&self, c: &Candidate<'_>) -> bool {
        let target = match self.target {
            Target::Secret => c.secret,
            Target::Match => c.matched,
            Target::Line => c.line,
        };
        let regex_ok =
            !target.is_empty() && self.regexes.as_ref().is_some_and(|re| re.is_match(target));
        let stop = !c.secret.is_empty()
            && self
                .stopwords
                .as_ref()
                .is_some_and(|ac| ac.is_match(&c.secret.to_ascii_lowercase()));
        if self.and {
            let mut checks = Vec::new();
            if self.paths.is_some() {
                checks.push(self.path_matches(c.path));
            }
            if self.regexes.is_some() {
                checks.push(regex_ok);
            }
            if self.stopwords.is_some() {
                checks.push(stop);
            }
            !checks.is_empty() && checks.iter().all(|&b| b)
        } else {
            regex_ok || stop
        }
    }
}

/// One ported rule.
pub struct Rule {
    /// gitleaks' id, e.g. `adafruit-api-key`.
    pub gl_id: String,
    /// Replaced by one of gatekeep's own rules (which applies this rule's allowlists).
    pub replaced: bool,
    /// gatekeep's id: `secret-` and gitleaks' id.
    pub id: String,
    pub title: String,
    pub description: String,
    pub bad: String,
    regex: Option<String>,
    pub secret_group: usize,
    pub entropy: f64,
    pub keywords: Vec<String>,
    /// Every keyword is spelled out in the pattern, so a match holds one: the rule need only
    /// run from the line where a keyword occurs through this many lines after it (see
    /// [`anchored`]); `None`: over the whole file.
    pub anchored: Option<usize>,
    path: Option<String>,
    allow: Vec<AllowDef>,
    compiled: OnceLock<Result<RuleC, String>>,
}

struct RuleC {
    regex: Option<Regex>,
    path: Option<Regex>,
    allow: Vec<Allowlist>,
}

impl Rule {
    fn c(&self) -> Result<&RuleC, String> {
        self.compiled
            .get_or_init(|| {
                Ok(RuleC {
                    // Multi-line `$`: gitleaks runs a rule over a whole file, where `$` only
                    // matches at its very end, so a token ending a line (`…@gems.contribsys.com`
                    // then a newline) would be missed. `^` in rules is always `(?:^|\s…)`.
                    regex: self
                        .regex
                        .as_deref()
                        .map(|r| compile(&format!("(?m){r}")))
                        .transpose()?,
                    path: self.path.as_deref().map(compile).transpose()?,
                    allow: self
                        .allow
                        .iter()
                        .map(Allowlist::build)
                        .collect::<Result<_, _>>()?,
                })
            })
            .as_ref()
            .map_err(|e| format!("rule {}: {e}", self.gl_id))
    }

    /// The content pattern; `None` for a path-only rule.
    pub fn regex(&self) -> Result<Option<&Regex>, String> {
        Ok(self.c()?.regex.as_ref())
    }

    /// Whether the rule applies to a file (its `path`, and its allowlists' paths).
    pub fn applies_to(&self, path: &str) -> Result<bool, String> {
        let c = self.c()?;
        if c.path
            .as_ref()
            .is_some_and(|re| !re.is_match(path.as_bytes()))
        {
            return Ok(false);
        }
        Ok(!c.allow.iter().any(|a| a.skips_path(path)))
    }

    /// Whether one of the rule's allowlists allows a finding.
    pub fn allows(&self, cand: &Candidate<'_>) -> Result<bool, String> {
        Ok(self.c()?.allow.iter().any(|a| a.allows(cand)))
    }

    pub fn is_path_only(&self) -> bool {
        self.regex.is_none() && self.path.is_some()
    }

    /// A keyword-proximity rule (`<provider>… = <value>`), rather than a token format that
    /// identifies the provider by itself.
    pub fn semi_generic(&self) -> bool {
        self.regex
            .as_deref()
            .is_some_and(|r| r.contains("{0,50}?(?:"))
    }

    pub fn confidence(&self) -> Confidence {
        if self.semi_generic() {
            Confidence::Medium
        } else {
            Confidence::High
        }
    }

    pub fn severity(&self) -> Severity {
        if self.semi_generic() {
            Severity::High
        } else {
            Severity::Critical
        }
    }

    pub fn meta(&'static self) -> Meta {
        Meta {
            id: &self.id,
            title: &self.title,
            category: Category::Secrets,
            severity: self.severity(),
            cwe: 798,
            confidence: self.confidence(),
            langs: match &self.path {
                Some(p) => format!("files whose path matches `{p}`"),
                None => "every text file".to_string(),
            },
            description: &self.description,
            bad: &self.bad,
            good: super::secrets::GOOD,
            fix: super::secrets::FIX,
        }
    }
}

/// The loaded rule set.
pub struct Gitleaks {
    pub rules: Vec<Rule>,
    global: AllowDef,
    global_c: OnceLock<Result<Allowlist, String>>,
}

impl Gitleaks {
    fn global(&self) -> Result<&Allowlist, String> {
        self.global_c
            .get_or_init(|| Allowlist::build(&self.global))
            .as_ref()
            .map_err(|e| format!("global allowlist: {e}"))
    }

    /// Whether the global allowlist skips a file for every secret rule (lock files, vendored
    /// dependencies, images …).
    pub fn skips_path(&self, path: &str) -> Result<bool, String> {
        Ok(self.global()?.skips_path(path))
    }

    /// Whether the global allowlist allows a finding (`true`, `$VAR`, `{{ x }}`, `/usr/…`).
    pub fn allows(&self, cand: &Candidate<'_>) -> Result<bool, String> {
        Ok(self.global()?.allows(cand))
    }

    pub fn rule(&self, gl_id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.gl_id == gl_id)
    }
}

/// The terminator most gitleaks patterns end with; its `\s` takes one character at most.
const TERMINATOR: &str = r#"(?:[\x60'"\s;]|\\[nr]|$)"#;

/// Whether every keyword of a rule appears literally (ASCII case-insensitively, escapes
/// removed) in its pattern, and how many lines after a keyword's line a match can reach.
/// Such a rule's matches contain a keyword, so running it on those lines finds what a run
/// over the whole file finds, at a fraction of the cost for keywords as common as `s.`
/// (Vault) in source code. Lines a match can reach: 0 when the pattern has no `\s` but in
/// its terminator; 6 when it spans lines on purpose (`curl … \` continuation lines, up to 5);
/// else 2 (`name:` then the value on the next line). Patterns that span any number of lines
/// (`(?s`, `[\s\S]`, `\s*`, `\s+`) run over the whole file.
fn anchored(regex: &str, keywords: &[String]) -> Option<usize> {
    if keywords.is_empty()
        || regex.contains("(?s")
        || regex.contains(r"[\s\S")
        || regex.contains(r"\s*")
        || regex.contains(r"\s+")
    {
        return None;
    }
    let mut plain = String::with_capacity(regex.len());
    let mut esc = false;
    for c in regex.chars() {
        if esc {
            if c.is_ascii_punctuation() {
                plain.push(c);
            } else {
                plain.push('\\');
                plain.push(c);
            }
            esc = false;
        } else if c == '\\' {
            esc = true;
        } else {
            plain.push(c);
        }
    }
    let plain = plain.to_ascii_lowercase();
    if !keywords
        .iter()
        .all(|k| plain.contains(k.to_ascii_lowercase().as_str()))
    {
        return None;
    }
    let body = regex.strip_suffix(TERMINATOR).unwrap_or(regex);
    Some(if regex.contains(r"[\r\n]") {
        6
    } else if body.contains(r"\s") {
        2
    } else {
        0
    })
}

fn title_of(gl_id: &str) -> String {
    gl_id.replace('-', " ")
}

fn load() -> Result<Gitleaks, String> {
    let f: FileDef = toml::from_str(SOURCE).map_err(|e| format!("gitleaks.toml: {e}"))?;
    let replaced: Vec<&str> = super::secrets::SECRET_RULES
        .iter()
        .flat_map(|r| r.gitleaks.iter().copied())
        .collect();
    let mut rules = Vec::new();
    for r in f.rules {
        if r.regex.is_none() && r.path.is_none() {
            return Err(format!("gitleaks rule {} has neither regex nor path", r.id));
        }
        let own = replaced.contains(&r.id.as_str());
        let mut description = r.description.trim().to_string();
        description.push_str(&format!(
            " Ported from gitleaks' rule `{}` ({UPSTREAM}, MIT).",
            r.id
        ));
        rules.push(Rule {
            id: format!("secret-{}", r.id),
            title: title_of(&r.id),
            description,
            bad: format!(
                "(see the `tps` samples of `{}` in gitleaks' cmd/generate/config/rules/)",
                r.id
            ),
            anchored: r.regex.as_deref().and_then(|re| anchored(re, &r.keywords)),
            regex: r.regex,
            secret_group: r.secret_group,
            entropy: r.entropy,
            keywords: r.keywords,
            path: r.path,
            allow: r.allowlists,
            compiled: OnceLock::new(),
            gl_id: r.id,
            replaced: own,
        });
    }
    Ok(Gitleaks {
        rules,
        global: f.allowlist.unwrap_or_default(),
        global_c: OnceLock::new(),
    })
}

/// The rule set, loaded once per process.
pub fn get() -> Result<&'static Gitleaks, String> {
    static G: OnceLock<Result<Gitleaks, String>> = OnceLock::new();
    G.get_or_init(load).as_ref().map_err(Clone::clone)
}

/// The ported rules gatekeep runs (those not replaced by one of its own rules).
pub fn ported() -> impl Iterator<Item = &'static Rule> {
    get()
        .map(|g| g.rules.as_slice())
        .unwrap_or(&[])
        .iter()
        .filter(|r| !r.replaced)
}

/// The replaced gitleaks rule `gl_id` (for its allowlists).
pub fn replaced(gl_id: &str) -> Option<&'static Rule> {
    get()
        .ok()?
        .rules
        .iter()
        .find(|r| r.replaced && r.gl_id == gl_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendored_rules_load_and_compile() {
        let g = get().expect("gitleaks.toml loads");
        assert!(g.rules.len() > 200, "{} rules", g.rules.len());
        for r in &g.rules {
            r.c().unwrap_or_else(|e| panic!("{e}"));
        }
        g.global().expect("global allowlist compiles");
        // Every gitleaks id a gatekeep rule claims to replace exists upstream.
        for own in super::super::secrets::SECRET_RULES {
            for id in own.gitleaks {
                assert!(replaced(id).is_some(), "{} replaces unknown {id}", own.id);
            }
        }
    }

    #[test]
    fn allowlists_follow_gitleaks() {
        let g = get().expect("loads");
        let cand = |secret: &'static str, path: &'static str| Candidate {
            secret: secret.as_bytes(),
            matched: secret.as_bytes(),
            line: secret.as_bytes(),
            path,
        };
        // Global: references and lock files.
        assert!(g.allows(&cand("${DB_PASSWORD}", "a.env")).expect("ok"));
        assert!(!g.allows(&cand("9f8e7d6c5b4a3928", "a.env")).expect("ok"));
        assert!(g.skips_path("web/package-lock.json").expect("ok"));
        assert!(!g.skips_path("src/main.rs").expect("ok"));
        // A rule allowlist: gitleaks' well-known public Google sample key.
        let gcp = replaced("gcp-api-key").expect("gatekeep replaces gcp-api-key");
        assert!(
            gcp.allows(&cand("AIzaSyabcdefghijklmnopqrstuvwxyz1234567", "x"))
                .expect("ok")
        );
        // gatekeep:ignore[secret-google-api-key] made-up key, the allowlist's own test input
        let made_up = "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY";
        assert!(!gcp.allows(&cand(made_up, "x")).expect("ok"));
    }

    #[test]
    fn anchoring() {
        let k = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let vault = r#"\b((?:hvs\.[\w-]{90,120}|s\.(?i:[a-z0-9]{24})))(?:[\x60'"\s;]|\\[nr]|$)"#;
        assert_eq!(anchored(vault, &k(&["hvs.", "s."])), Some(0));
        let semi =
            r#"(?i)[\w.-]{0,50}?(?:linear)(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|:)([a-f0-9]{32})"#;
        assert_eq!(anchored(semi, &k(&["linear"])), Some(2));
        let curl = r"\bcurl\b(?:.*|.*(?:[\r\n]{1,2}.*){1,5})[ \t\n\r](?:-u|--user)";
        assert_eq!(anchored(curl, &k(&["curl"])), Some(6));
        // The keyword is context, not part of the token.
        assert_eq!(
            anchored(r"\b(pat[[:alnum:]]{14}\.[a-f0-9]{64})\b", &k(&["airtable"])),
            None
        );
        assert_eq!(
            anchored(r"((live|test)_[a-f0-9]{35})", &k(&["test_", "live_"])),
            None
        );
        assert_eq!(
            anchored(r"kind:(?s:.){0,200}?secret", &k(&["secret"])),
            None
        );
        let g = get().expect("loads");
        let n = g.rules.iter().filter(|r| r.anchored.is_some()).count();
        assert!(n > 150, "{n} anchored rules");
    }

    #[test]
    fn go_syntax_is_translated() {
        assert_eq!(from_go(r"^\${(?:[A-Z_]+)}$"), r"^\$\{(?:[A-Z_]+)}$");
        assert_eq!(from_go(r"a{2,3}b{4}c{5,}"), r"a{2,3}b{4}c{5,}");
        assert_eq!(from_go(r"[^]]+[{]{{x}}"), r"[^\]]+[{]\{\{x}}");
        assert_eq!(from_go(r"[[:alnum:]{]"), r"[[:alnum:]{]");
        for p in [r"^\${(?:[A-Z_]+)}$", r"[^:]+:\[[^]]+]", r"{\d{0,2}}"] {
            assert!(compile(p).is_ok(), "{p}");
        }
    }

    #[test]
    fn and_condition_needs_every_check() {
        let d = AllowDef {
            condition: Some("AND".into()),
            paths: vec![r"\.bb$".into()],
            regexes: vec!["^x+$".into()],
            ..AllowDef::default()
        };
        let a = Allowlist::build(&d).expect("builds");
        let c = |p| Candidate {
            secret: b"xxx",
            matched: b"xxx",
            line: b"xxx",
            path: p,
        };
        assert!(a.allows(&c("a.bb")));
        assert!(!a.allows(&c("a.py")));
        // With regexes, an AND allowlist never skips a whole file.
        assert!(!a.skips_path("a.bb"));
    }
}
