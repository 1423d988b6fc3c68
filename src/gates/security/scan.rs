//! The built-in secret scanner: one Aho-Corasick pass over each file picks the candidate secret
//! rules (and notes the suppression marker); only candidate rules' regexes run, on the lines
//! that hold their keywords. Code rules are tree rules (`super::tree`).

use super::gitleaks::{self, Candidate, Gitleaks};
use super::rules::Meta;
use super::secrets::{self, SecretRule};
use crate::model::Severity;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::bytes::Regex;
use std::sync::OnceLock;

/// Where a secret rule comes from.
#[derive(Clone, Copy)]
pub enum SecretDef {
    /// One of gatekeep's own rules ([`secrets::SECRET_RULES`]).
    Own(&'static SecretRule),
    /// A rule of the vendored gitleaks set ([`gitleaks`]), compiled on first use.
    Gitleaks(&'static gitleaks::Rule),
}

/// A secret rule, ready to run.
pub struct SecretMatcher {
    pub def: SecretDef,
    /// Own rules' pattern (gitleaks rules compile theirs on first use).
    pattern: Option<Regex>,
    /// Own rules' `path` filter.
    path: Option<Regex>,
    /// The replaced gitleaks rules whose allowlists apply (own rules).
    inherit: Vec<&'static gitleaks::Rule>,
}

impl SecretMatcher {
    pub fn id(&self) -> &'static str {
        match self.def {
            SecretDef::Own(d) => d.id,
            SecretDef::Gitleaks(r) => &r.id,
        }
    }
    pub fn title(&self) -> &'static str {
        match self.def {
            SecretDef::Own(d) => d.title,
            SecretDef::Gitleaks(r) => &r.title,
        }
    }
    pub fn severity(&self) -> Severity {
        match self.def {
            SecretDef::Own(d) => d.severity,
            SecretDef::Gitleaks(r) => r.severity(),
        }
    }
    /// A generic rule (assignment to a key-like name) gives way to a provider rule that finds
    /// the same secret.
    pub fn generic(&self) -> bool {
        match self.def {
            SecretDef::Own(d) => d.generic,
            SecretDef::Gitleaks(_) => false,
        }
    }
    pub fn meta(&self) -> Meta {
        match self.def {
            SecretDef::Own(d) => d.meta(),
            SecretDef::Gitleaks(r) => r.meta(),
        }
    }
}

/// All rules, compiled once per process.
pub struct Compiled {
    pub secrets: Vec<SecretMatcher>,
    /// Secret rules without keywords (they run on every file).
    always: Vec<usize>,
    /// Path-only secret rules (they flag a file by its name; see [`path_hits`]).
    path_only: Vec<(usize, &'static gitleaks::Rule)>,
    gitleaks: &'static Gitleaks,
    /// Keywords of every secret rule; pattern index → rule indices (and the suppression
    /// marker at `usize::MAX`).
    ac: AhoCorasick,
    kw_rules: Vec<Vec<usize>>,
    /// The keywords, lower-case, in the automaton's order: a file in a language with tree
    /// rules is searched once for these and that language's keywords together
    /// ([`super::tree::RuleSet::combined`]), and the matches handed to [`scan_matches`].
    pub words: Vec<String>,
}

pub const SUPPRESSION_MARKER: &str = "gatekeep:ignore";

fn re(p: &str) -> Result<Regex, String> {
    // ASCII classes (`\w`, `\b`): the rules only need ASCII, and Unicode classes make the
    // automata much larger and slower. Patterns are static and tested to compile
    // (rules::tests); a failure here is a bug, reported as the gate's ERROR.
    Regex::new(&format!("(?-u){p}"))
        .map_err(|e| format!("built-in rule pattern `{p}` does not compile: {e}"))
}

fn opt_re(p: Option<&str>) -> Result<Option<Regex>, String> {
    p.map(re).transpose()
}

/// All rules, compiled once per process; an error only for a bug in a built-in pattern.
pub fn compiled() -> anyhow::Result<&'static Compiled> {
    static C: OnceLock<Result<Compiled, String>> = OnceLock::new();
    C.get_or_init(build)
        .as_ref()
        .map_err(|e| anyhow::anyhow!("internal error in the security rules: {e}"))
}

fn build() -> Result<Compiled, String> {
    {
        let gl = gitleaks::get()?;
        let mut secrets: Vec<SecretMatcher> = secrets::SECRET_RULES
            .iter()
            .map(|d| {
                Ok(SecretMatcher {
                    def: SecretDef::Own(d),
                    pattern: Some(re(d.pattern)?),
                    path: opt_re(d.path)?,
                    inherit: d
                        .gitleaks
                        .iter()
                        .filter_map(|id| gitleaks::replaced(id))
                        .collect(),
                })
            })
            .collect::<Result<_, String>>()?;
        secrets.extend(gitleaks::ported().map(|r| SecretMatcher {
            def: SecretDef::Gitleaks(r),
            pattern: None,
            path: None,
            inherit: Vec::new(),
        }));
        let mut always = Vec::new();
        let mut path_only = Vec::new();
        let mut words: Vec<String> = Vec::new();
        let mut kw_rules: Vec<Vec<usize>> = Vec::new();
        let mut add = |w: &str, r: usize| {
            let w = w.to_ascii_lowercase();
            match words.iter().position(|x| *x == w) {
                Some(i) => kw_rules[i].push(r),
                None => {
                    words.push(w);
                    kw_rules.push(vec![r]);
                }
            }
        };
        for (i, r) in secrets.iter().enumerate() {
            match r.def {
                SecretDef::Own(d) if d.keywords.is_empty() => always.push(i),
                SecretDef::Own(d) => {
                    for k in d.keywords {
                        add(k, i);
                    }
                }
                SecretDef::Gitleaks(g) if g.is_path_only() => path_only.push((i, g)),
                SecretDef::Gitleaks(g) if g.keywords.is_empty() => always.push(i),
                SecretDef::Gitleaks(g) => {
                    for k in &g.keywords {
                        add(k, i);
                    }
                }
            }
        }
        add(SUPPRESSION_MARKER, usize::MAX);
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)
            .map_err(|e| format!("keyword automaton: {e}"))?;
        Ok(Compiled {
            secrets,
            always,
            path_only,
            gitleaks: gl,
            ac,
            kw_rules,
            words,
        })
    }
}

/// A raw match in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into `secrets`.
    pub rule: usize,
    pub offset: usize,
    /// End of the matched secret.
    pub end: usize,
    /// Redacted secret, for messages.
    pub secret: Option<String>,
}

/// What scanning one file found.
#[derive(Debug, Default)]
pub struct FileScan {
    pub hits: Vec<Hit>,
    /// Whether the file mentions the suppression marker.
    pub has_marker: bool,
    /// Internal errors (a vendored rule that does not compile): reported, never hidden.
    pub errors: Vec<String>,
}

/// Which rules a gate runs.
pub struct Enabled {
    pub secrets: Vec<bool>,
}

/// Scans one file's text; `rel` is its path relative to the repository (secret rules'
/// path filters and allowlists test it).
pub fn scan(c: &Compiled, en: &Enabled, rel: &str, text: &[u8]) -> FileScan {
    let matches =
        c.ac.find_overlapping_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start()));
    scan_matches(c, en, rel, text, matches)
}

/// [`scan`], given the keyword matches in `text`: (index into [`Compiled::words`], start), in
/// the order of an overlapping search.
pub fn scan_matches(
    c: &Compiled,
    en: &Enabled,
    rel: &str,
    text: &[u8],
    matches: impl Iterator<Item = (usize, usize)>,
) -> FileScan {
    let mut out = FileScan::default();
    // Own secret rules: the lines holding one of their keywords (their patterns are one line,
    // except PEM blocks, which are matched over the whole text). gitleaks rules: the whole
    // text, as gitleaks runs them, once a keyword occurs anywhere in the file.
    let mut cand_secret: Vec<Vec<(usize, usize)>> = vec![Vec::new(); c.secrets.len()];
    let mut cand_whole = vec![false; c.secrets.len()];
    let mut any_secret = false;
    for (word, start) in matches {
        for &r in c.kw_rules.get(word).into_iter().flatten() {
            if r == usize::MAX {
                out.has_marker = true;
            } else if en.secrets[r] {
                let i = r;
                let extra = match c.secrets[i].def {
                    SecretDef::Gitleaks(g) => g.anchored,
                    SecretDef::Own(_) => Some(0),
                };
                match extra {
                    None => cand_whole[i] = true,
                    Some(n) => {
                        let lines = &mut cand_secret[i];
                        if lines.last().is_none_or(|&(_, e)| start >= e) {
                            let (a, mut b) = line_bounds(text, start);
                            for _ in 0..n {
                                if b >= text.len() {
                                    break;
                                }
                                b = line_bounds(text, b + 1).1;
                            }
                            lines.push((a, (b + 1).min(text.len())));
                        }
                    }
                }
                any_secret = true;
            }
        }
    }
    for &i in &c.always {
        if en.secrets[i] {
            cand_whole[i] = true;
            any_secret = true;
        }
    }
    if any_secret {
        match c.gitleaks.skips_path(rel) {
            Ok(true) => {}
            Ok(false) => {
                let found = secret_hits(c, rel, text, &cand_secret, &cand_whole, &mut out.errors);
                out.hits.extend(found);
            }
            Err(e) => out.errors.push(e),
        }
    }
    out.hits.sort_by_key(|h| (h.offset, h.rule));
    out
}

/// Runs the candidate secret rules and keeps one finding per secret.
fn secret_hits(
    c: &Compiled,
    rel: &str,
    text: &[u8],
    lines: &[Vec<(usize, usize)>],
    whole: &[bool],
    errors: &mut Vec<String>,
) -> Vec<Hit> {
    let mut found = Vec::new();
    for (i, s) in c.secrets.iter().enumerate() {
        let r = match s.def {
            // PEM blocks span lines; keyword-less rules (picked by their path) read everything.
            SecretDef::Own(d)
                if (d.id == "secret-private-key" && !lines[i].is_empty())
                    || (d.keywords.is_empty() && whole[i]) =>
            {
                own_rule(c, s, i, text, rel, 0, text.len(), &mut found)
            }
            SecretDef::Own(_) => lines[i]
                .iter()
                .try_for_each(|&(a, b)| own_rule(c, s, i, text, rel, a, b, &mut found)),
            SecretDef::Gitleaks(g) if whole[i] => {
                gitleaks_rule(c.gitleaks, g, i, text, rel, 0, text.len(), &mut found)
            }
            SecretDef::Gitleaks(g) => lines[i].iter().try_for_each(|&(a, b)| {
                gitleaks_rule(c.gitleaks, g, i, text, rel, a, b, &mut found)
            }),
        };
        if let Err(e) = r {
            errors.push(format!("internal error in a secret rule: {e}"));
        }
    }
    // One finding per secret: where two rules' secrets overlap, a provider rule wins over a
    // generic one, then gatekeep's own rules (listed first) over the ported ones.
    found.sort_by_key(|h| (c.secrets[h.rule].generic(), h.rule, h.offset));
    let mut kept: Vec<Hit> = Vec::with_capacity(found.len());
    for h in found {
        if !kept.iter().any(|k| h.offset < k.end && k.offset < h.end) {
            kept.push(h);
        }
    }
    kept
}

/// Start and end (exclusive, without the newline) of the line holding `at`.
pub fn line_bounds(text: &[u8], at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let s = text[..at]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |k| k + 1);
    let e = text[at..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(text.len(), |k| at + k);
    (s, e)
}

/// The line(s) holding `text[a..b]`.
fn lines_of(text: &[u8], a: usize, b: usize) -> &[u8] {
    &text[line_bounds(text, a).0..line_bounds(text, b).1]
}

/// Runs one of gatekeep's own secret rules over `text[from..to]` (offsets stay relative to
/// `text`).
#[allow(clippy::too_many_arguments)]
fn own_rule(
    c: &Compiled,
    s: &SecretMatcher,
    idx: usize,
    text: &[u8],
    rel: &str,
    from: usize,
    to: usize,
    hits: &mut Vec<Hit>,
) -> Result<(), String> {
    let (SecretDef::Own(def), Some(pattern)) = (s.def, &s.pattern) else {
        return Ok(());
    };
    if s.path.as_ref().is_some_and(|p| !p.is_match(rel.as_bytes())) {
        return Ok(());
    }
    let Some(hay) = text.get(from..to) else {
        return Ok(());
    };
    for caps in pattern.captures_iter(hay) {
        let Some(m) = (1..caps.len()).find_map(|g| caps.get(g)) else {
            continue;
        };
        let v = m.as_bytes();
        if def.min_entropy > 0.0 && secrets::entropy(v) < def.min_entropy {
            continue;
        }
        if def.generic && (secrets::is_placeholder(v) || is_prose_or_path(v)) {
            continue;
        }
        // The match, widened to the whole name it is assigned to (`publicToken`, `csrf-token`:
        // the pattern starts at `Token`).
        let mut start = caps.get(0).map_or(m.start(), |w| w.start());
        while start > 0
            && matches!(hay[start - 1], b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' | b'.')
        {
            start -= 1;
        }
        let whole = start..caps.get(0).map_or(m.end(), |w| w.end());
        // A name saying the value is public, or an anti-CSRF token, is not a credential.
        if def.generic {
            let name = String::from_utf8_lossy(&hay[whole.start..m.start()]).to_ascii_lowercase();
            // … nor is a hash of one (`hashed_secret`, `password_hash`).
            if ["public", "csrf", "xsrf", "hash"]
                .iter()
                .any(|w| name.contains(w))
            {
                continue;
            }
        }
        // A redacted sample (`xoxp-123-…-####`, `sk_live_****`).
        if matches!(hay.get(m.end()), Some(b'#' | b'*')) {
            continue;
        }
        if matches!(def.id, "secret-generic-api-key" | "secret-dotenv-value") && !looks_random(v) {
            continue;
        }
        if !def.generic && v.windows(7).any(|w| w.eq_ignore_ascii_case(b"example")) {
            continue;
        }
        let (a, b) = (from + m.start(), from + m.end());
        let cand = Candidate {
            secret: v,
            matched: &hay[whole],
            line: lines_of(text, a, b),
            path: rel,
        };
        if c.gitleaks.allows(&cand)? {
            continue;
        }
        let mut allowed = false;
        for g in &s.inherit {
            allowed |= g.applies_to(rel).map(|ok| !ok)? || g.allows(&cand)?;
        }
        if allowed {
            continue;
        }
        hits.push(Hit {
            rule: idx,
            offset: a,
            end: b,
            secret: Some(secrets::redact(v)),
        });
    }
    Ok(())
}

/// Runs a ported gitleaks rule over `text[from..to]` (the whole text, or the lines holding
/// an anchored rule's keyword), with gitleaks' semantics (see [`gitleaks`]).
#[allow(clippy::too_many_arguments)]
fn gitleaks_rule(
    gl: &Gitleaks,
    r: &gitleaks::Rule,
    idx: usize,
    text: &[u8],
    rel: &str,
    from: usize,
    to: usize,
    hits: &mut Vec<Hit>,
) -> Result<(), String> {
    if !r.applies_to(rel)? {
        return Ok(());
    }
    let Some(re) = r.regex()? else {
        // Path-only rules never get here: [`path_hits`] runs them.
        return Ok(());
    };
    let Some(hay) = text.get(from..to) else {
        return Ok(());
    };
    for caps in re.captures_iter(hay) {
        let Some(w) = caps.get(0) else { continue };
        let at = |m: regex::bytes::Match<'_>| (from + m.start(), from + m.end());
        let (mut ms, mut me) = at(w);
        while ms < me && text[ms] == b'\n' {
            ms += 1;
        }
        while me > ms && text[me - 1] == b'\n' {
            me -= 1;
        }
        let (a, b) = if caps.len() >= 2 {
            if r.secret_group > 0 {
                match caps.get(r.secret_group) {
                    Some(g) => at(g),
                    None => continue,
                }
            } else {
                (1..caps.len())
                    .find_map(|g| caps.get(g).filter(|m| !m.is_empty()))
                    .map_or((ms, me), at)
            }
        } else {
            (ms, me)
        };
        let v = &text[a..b];
        if r.entropy != 0.0 && secrets::entropy(v) <= r.entropy {
            continue;
        }
        let cand = Candidate {
            secret: v,
            matched: &text[ms..me],
            line: lines_of(text, ms, me),
            path: rel,
        };
        if gl.allows(&cand)? || r.allows(&cand)? {
            continue;
        }
        hits.push(Hit {
            rule: idx,
            offset: a,
            end: b,
            secret: Some(secrets::redact(v)),
        });
    }
    Ok(())
}

/// Path-only secret rules (gitleaks' `pkcs12-file`): they flag a file by its name, binary or
/// not.
pub fn path_hits(c: &Compiled, en: &Enabled, rel: &str) -> Result<Vec<usize>, String> {
    let mut out = Vec::new();
    for &(i, r) in &c.path_only {
        if en.secrets[i] && r.applies_to(rel)? && !c.gitleaks.skips_path(rel)? {
            out.push(i);
        }
    }
    Ok(out)
}

/// Generic assignments whose value is a file path, a URL without credentials, or prose.
fn is_prose_or_path(v: &[u8]) -> bool {
    let sp = v.iter().filter(|&&c| c == b' ').count();
    // Prose ("Enter your password") rather than a secret.
    sp >= 2 || v.starts_with(b"/") || v.starts_with(b"./") || v.starts_with(b"http")
}

/// An unquoted value must look machine-made: letters and digits mixed, and not an identifier
/// made of words (`module_strict_utf8_response`, `vault-password-wrong`).
fn looks_random(v: &[u8]) -> bool {
    let digits = v.iter().filter(|c| c.is_ascii_digit()).count();
    let letters = v.iter().filter(|c| c.is_ascii_alphabetic()).count();
    if digits == 0 || letters == 0 {
        return false;
    }
    // Word-separated identifiers: most segments between `_`, `-`, `.` are lowercase words.
    let segs: Vec<&[u8]> = v
        .split(|c| matches!(c, b'_' | b'-' | b'.' | b'/'))
        .filter(|s| !s.is_empty())
        .collect();
    if segs.len() >= 2 {
        let wordy = segs
            .iter()
            .filter(|s| s.len() >= 3 && s.iter().all(|c| c.is_ascii_lowercase()))
            .count();
        if wordy * 2 >= segs.len() {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(c: &Compiled) -> Enabled {
        Enabled {
            secrets: vec![true; c.secrets.len()],
        }
    }

    fn ids(src: &str) -> Vec<&'static str> {
        ids_at("src/x", src)
    }

    fn ids_at(rel: &str, src: &str) -> Vec<&'static str> {
        let c = compiled().unwrap();
        scan(c, &all(c), rel, src.as_bytes())
            .hits
            .iter()
            .map(|h| c.secrets[h.rule].id())
            .collect()
    }

    #[test]
    fn widened_gitleaks_rules_find_tokens_gitleaks_ends_too_early() {
        for (src, id) in [
            (
                "orgs = (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)\n",
                "secret-huggingface-organization-api-token",
            ),
            (
                "<t>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</t>\n",
                "secret-huggingface-organization-api-token",
            ),
            (
                "hooks.slack.com/services/ye47dproeerf5f5cd2cxh7euegmx5an6a1ezalz59stg\n",
                "secret-slack-webhook",
            ),
            (
                "u = https://graph.facebook.com/me?access_token=EAAAACZAVC6ygBAAvRshdD1iGP7VZAR4JMQxRhnViVIjzoIV3nCnZBejzSsCwCgRs5aZAAbBNI837xWZBnAMCRIdZADqjjpOtZAGBDgZBcUz5l7n0&limit=1\n",
                "secret-facebook-graph-token",
            ),
        ] {
            assert_eq!(ids(src), [id], "{src}");
        }
        // Longer than a token, or lowercase hex that starts like one: not findings.
        assert!(ids("x = api_org_SsoVOUjCvLHVMPztkHOSYFLoEcaDXvWbvmQQ\n").is_empty());
        assert!(ids("checksum: eaac4cf978b6fbd480f1092cab8b233c9b949bcabfc9b598dd79a758f7243c28765ef7639c876fa72940dac687181b35486ea01ff7df3e65ce3848c64822c581\n").is_empty());
    }

    #[test]
    fn npmrc_credentials_but_not_references() {
        for bad in [
            "_auth = stvtaW46YWRtaW4=\n",
            "//registry.npmjs.org/:_authToken=27dfe8d8-889b-4380-92ff-9c3c6ea5d478\n",
            "//acme.npm/releases:_password=CorrectHorseBatteryStaple\n",
        ] {
            assert_eq!(ids_at(".npmrc", bad), ["secret-npmrc-auth"], "{bad}");
            // Only in an .npmrc.
            assert!(ids_at("notes.txt", bad).is_empty(), "{bad}");
        }
        for ok in [
            "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n",
            "always-auth=true\n",
            "# _auth = stvtaW46YWRtaW4= is how the old format looked\n",
        ] {
            assert!(ids_at("app/.npmrc", ok).is_empty(), "{ok}");
        }
    }

    #[test]
    fn secrets_basic() {
        assert_eq!(ids("AKIAZ4N2R7Q5X6LQWT3P\n"), ["secret-aws-access-key"]);
        assert!(ids("AKIAIOSFODNN7EXAMPLE\n").is_empty());
        assert_eq!(
            ids("password = \"hunter2-Pr0duction!\"\n"),
            ["secret-generic-password"]
        );
        assert!(ids("password = \"${DB_PASSWORD}\"\npassword = \"changeme\"\n").is_empty());
    }

    #[test]
    fn ported_gitleaks_rules_run_with_gitleaks_semantics() {
        // Provider formats gatekeep has no rule of its own for.
        assert!(
            ids("A3-AAAAAA-AAAAAAAAAAA-AAAAA-AAAAA-AAAAA\n").is_empty(),
            "entropy at or below the rule's threshold (3.8) is dropped"
        );
        assert_eq!(
            ids("A3-ASWWYB-798JRYLJVD4-23DC2-86TVM-H43EB\n"),
            ["secret-1password-secret-key"]
        );
        assert_eq!(
            ids(
                "key: AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGF\n"
            ),
            ["secret-age-secret-key"]
        );
        assert_eq!(
            ids("DOPPLER_TOKEN=dp.pt.Tq7wL2mZ9xK4vB8nR3yH6cJ1dF5gS0pA2eU7iO9kM3l\n"),
            ["secret-doppler-api-token"]
        );
        // A `$` in a gitleaks pattern matches at the end of a line, not only of the file.
        assert_eq!(
            ids("source https://cafebabe:deadbeef@gems.contribsys.com\nsource x\n"),
            ["secret-sidekiq-sensitive-url"]
        );
        // gitleaks' well-known public sample key (its allowlist) is not a finding; a real-looking
        // one is.
        assert!(ids("k = \"AIzaSyabcdefghijklmnopqrstuvwxyz1234567\"\n").is_empty());
        assert_eq!(
            ids("k = \"AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY\"\n"),
            ["secret-google-api-key"]
        );
    }

    #[test]
    fn one_finding_per_secret_own_rules_first() {
        // gitleaks' curl-auth-header would also match this token: the provider rule reports it.
        assert_eq!(
            ids(
                "curl -H \"Authorization: Bearer ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ\" https://api.github.com\n"
            ),
            ["secret-github-token"]
        );
        // A generic assignment of a provider token is the provider's finding.
        assert_eq!(
            ids("api_token = \"ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ\"\n"),
            ["secret-github-token"]
        );
    }

    #[test]
    fn global_allowlist_paths_skip_secret_rules_only() {
        let line = "password = \"hunter2-Pr0duction!\"\n";
        assert_eq!(ids_at("src/a.py", line), ["secret-generic-password"]);
        assert!(ids_at("web/package-lock.json", line).is_empty());
        assert!(ids_at("node_modules/x/index.js", line).is_empty());
    }

    #[test]
    fn generic_names_and_values() {
        // The whole name counts: `publicToken`, `csrf-token`, `hashed_secret` are not credentials.
        assert!(ids("publicToken = \"9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit\"\n").is_empty());
        assert!(ids("csrf-token=Mj2qykJO5rELyHgezQ69nzUX0i3OH67V7+V4eUrLfpuyOu\n").is_empty());
        assert!(
            ids("\"hashed_secret\": \"b5198bd9fe6726cf064a5b80b6dfe25ab793147f\",\n").is_empty()
        );
        // Quoted and YAML `!!binary` values of key-like names.
        assert_eq!(
            ids("key=\"ToCynx5Se4e2PtoZxEhW7lUJcOX15c54\"\n"),
            ["secret-generic-api-key"]
        );
        assert_eq!(
            ids("hex_secret: !!binary MmIwMDA0MmY3NDgxYzdiMDU2YzRiNDEwZDI4ZjMzY2Y=\n"),
            ["secret-generic-api-key"]
        );
        // A redacted sample.
        assert!(ids("\"token4\": \"xoxp-572370529330-####################\"\n").is_empty());
    }

    #[test]
    fn dotenv_values_by_path() {
        let env = "NODE_ENV=production\nMIMI=gX69YO4CvBsVjzAwYxdGyDd30t5+9ez31gKATtj4\nHOME_URL=https://example.org/a\nLONG_NAME=module_strict_utf8_response\n";
        for rel in [".env", "deploy/.env.production", "prod.env"] {
            assert_eq!(ids_at(rel, env), ["secret-dotenv-value"], "{rel}");
        }
        assert!(ids_at("docs/notes.txt", env).is_empty());
        assert!(ids_at(".env", "A=${SECRET_FROM_VAULT_1234567890}\n").is_empty());
    }
}
