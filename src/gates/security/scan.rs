//! The built-in scanner: one Aho-Corasick pass over each file picks the candidate rules; only
//! files with a candidate code rule are lexed, and only candidate rules' regexes run.

use super::lexer::{self, Family};
use super::rules::{self, Category, RuleDef};
use super::secrets::{self, SecretRule};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::bytes::Regex;
use std::sync::OnceLock;

/// A compiled code rule.
pub struct CodeRule {
    pub def: &'static RuleDef,
    pattern: Regex,
    args_require: Option<Regex>,
    args_forbid: Option<Regex>,
    literal: Option<Regex>,
    line_require: Option<Regex>,
    file_require: Option<Regex>,
    file_forbid: Option<Regex>,
}

/// A compiled secret rule.
pub struct SecretMatcher {
    pub def: &'static SecretRule,
    pattern: Regex,
}

/// All rules, compiled once per process.
pub struct Compiled {
    pub code: Vec<CodeRule>,
    pub secrets: Vec<SecretMatcher>,
    /// Keywords of every rule; pattern index → rule indices (code rules first, then secrets
    /// offset by `code.len()`, then the suppression marker at `usize::MAX`).
    ac: AhoCorasick,
    kw_rules: Vec<Vec<usize>>,
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
        let code: Vec<CodeRule> = rules::code_rules()
            .map(|d| {
                Ok(CodeRule {
                    def: d,
                    pattern: re(&format!("(?m){}", d.pattern))?,
                    args_require: opt_re(d.args_require)?,
                    args_forbid: opt_re(d.args_forbid)?,
                    literal: opt_re(d.literal)?,
                    line_require: opt_re(d.line_require)?,
                    file_require: opt_re(d.file_require)?,
                    file_forbid: opt_re(d.file_forbid)?,
                })
            })
            .collect::<Result<_, String>>()?;
        let secrets: Vec<SecretMatcher> = secrets::SECRET_RULES
            .iter()
            .map(|d| {
                Ok(SecretMatcher {
                    def: d,
                    pattern: re(d.pattern)?,
                })
            })
            .collect::<Result<_, String>>()?;
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
        for (i, r) in code.iter().enumerate() {
            for k in r.def.keywords {
                add(k, i);
            }
        }
        for (i, r) in secrets.iter().enumerate() {
            for k in r.def.keywords {
                add(k, code.len() + i);
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
            code,
            secrets,
            ac,
            kw_rules,
        })
    }
}

/// A raw match in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into `code` (or `code.len() + i` for secret `i`).
    pub rule: usize,
    pub offset: usize,
    /// End of the matched secret; for code rules, the end of the statement the match starts
    /// (where other tools put `# nosec` on multi-line statements).
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
}

/// Which rules a gate runs.
pub struct Enabled {
    pub code: Vec<bool>,
    pub secrets: Vec<bool>,
}

/// Scans one file's text.
pub fn scan(c: &Compiled, en: &Enabled, family: Option<Family>, text: &[u8]) -> FileScan {
    let mut out = FileScan::default();
    let n_code = c.code.len();
    let mut cand_code = vec![false; n_code];
    // Per secret rule: the lines holding one of its keywords (secret patterns are one line,
    // except PEM blocks, which are matched over the whole text).
    let mut cand_secret: Vec<Vec<(usize, usize)>> = vec![Vec::new(); c.secrets.len()];
    let mut any_code = false;
    let mut any_secret = false;
    for m in c.ac.find_overlapping_iter(text) {
        for &r in &c.kw_rules[m.pattern().as_usize()] {
            if r == usize::MAX {
                out.has_marker = true;
            } else if r < n_code {
                if !cand_code[r]
                    && en.code[r]
                    && family.is_some_and(|f| c.code[r].def.lang.matches(f))
                {
                    cand_code[r] = true;
                    any_code = true;
                }
            } else if en.secrets[r - n_code] {
                let lines = &mut cand_secret[r - n_code];
                if lines.last().is_none_or(|&(_, e)| m.start() >= e) {
                    let (a, b) = line_bounds(text, m.start());
                    lines.push((a, (b + 1).min(text.len())));
                }
                any_secret = true;
            }
        }
    }
    if any_code && let Some(f) = family {
        let view = lexer::code_view(f, text);
        for (i, r) in c.code.iter().enumerate() {
            if cand_code[i] {
                code_rule(r, i, text, &view, &mut out.hits);
            }
        }
    }
    if any_secret {
        let mut found = Vec::new();
        for (i, s) in c.secrets.iter().enumerate() {
            let lines = &cand_secret[i];
            if lines.is_empty() {
                continue;
            }
            if s.def.id == "secret-private-key" {
                secret_rule(s, n_code + i, text, 0, text.len(), &mut found);
            } else {
                for &(a, b) in lines {
                    secret_rule(s, n_code + i, text, a, b, &mut found);
                }
            }
        }
        // A generic match that overlaps a provider match is the same secret.
        let generic = |h: &Hit| c.secrets[h.rule - n_code].def.generic;
        let specific: Vec<(usize, usize)> = found
            .iter()
            .filter(|h| !generic(h))
            .map(|h| (h.offset, h.end))
            .collect();
        found.retain(|h| !generic(h) || !specific.iter().any(|&(a, b)| h.offset < b && a < h.end));
        out.hits.extend(found);
    }
    out.hits.sort_by_key(|h| (h.offset, h.rule));
    out
}

fn code_rule(r: &CodeRule, idx: usize, text: &[u8], view: &[u8], hits: &mut Vec<Hit>) {
    if r.file_require.as_ref().is_some_and(|re| !re.is_match(text)) {
        return;
    }
    if let Some(rules::Special::PyXmlImports) = r.def.special {
        for at in py_xml::hits(view) {
            hits.push(Hit {
                rule: idx,
                offset: at,
                end: statement_end(view, at),
                secret: None,
            });
        }
        return;
    }
    let mut file_ok: Option<bool> = None;
    for caps in r.pattern.captures_iter(view) {
        let Some(whole) = caps.get(0) else { continue };
        let anchor = (1..caps.len()).find_map(|g| caps.get(g)).unwrap_or(whole);
        let at = anchor.start();
        if let Some(lit) = &r.literal {
            let end = (whole.end() + 240).min(text.len());
            if !lit.is_match(&text[at..end]) && !lit.is_match(&text[whole.start()..end]) {
                continue;
            }
        }
        if r.args_require.is_some() || r.args_forbid.is_some() {
            let (a, b) = call_args(view, anchor.end());
            let args = &view[a..b];
            if r.args_require.as_ref().is_some_and(|re| !re.is_match(args)) {
                continue;
            }
            // A forbidden (safe) setting counts in the view or in the original text, as in
            // `unserialize($d, ['allowed_classes' => false])`.
            if r.args_forbid
                .as_ref()
                .is_some_and(|re| re.is_match(args) || re.is_match(&text[a..b]))
            {
                continue;
            }
        }
        if let Some(lr) = &r.line_require {
            let (s, e) = line_bounds(text, at);
            if !lr.is_match(&text[s..e]) {
                continue;
            }
        }
        if let Some(ff) = &r.file_forbid
            && *file_ok.get_or_insert_with(|| ff.is_match(text))
        {
            return;
        }
        hits.push(Hit {
            rule: idx,
            offset: at,
            end: statement_end(view, at),
            secret: None,
        });
    }
}

/// The argument text of the call whose `(` is the first one at or after `from` (code view),
/// without the closing parenthesis; at most 8 KiB.
fn call_args(view: &[u8], from: usize) -> (usize, usize) {
    let Some(open) = view
        .get(from..)
        .and_then(|s| s.iter().position(|&c| c == b'('))
    else {
        return (0, 0);
    };
    let start = from + open + 1;
    let limit = (start + 8192).min(view.len());
    let mut depth = 0usize;
    for (k, &c) in view[start..limit].iter().enumerate() {
        match c {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                if depth == 0 {
                    return (start, start + k);
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    (start, limit)
}

/// The end of the statement starting at `at` in a code view: the first newline outside
/// brackets and outside a multi-line (triple-quoted or backtick) string; at most 64 lines on.
fn statement_end(view: &[u8], at: usize) -> usize {
    let mut depth = 0usize;
    let mut lines = 0;
    let mut open: Option<&[u8]> = None;
    let mut i = at;
    while i < view.len() {
        let rest = &view[i..];
        if let Some(q) = open {
            if rest.starts_with(q) {
                open = None;
                i += q.len();
                continue;
            }
        } else if rest.starts_with(b"\"\"\"") || rest.starts_with(b"\x27\x27\x27") {
            open = Some(&rest[..3]);
            i += 3;
            continue;
        } else if rest[0] == b'`' {
            open = Some(&rest[..1]);
            i += 1;
            continue;
        }
        match view[i] {
            b'(' | b'[' | b'{' if open.is_none() => depth += 1,
            b')' | b']' | b'}' if open.is_none() => depth = depth.saturating_sub(1),
            b'\n' => {
                lines += 1;
                if (depth == 0 && open.is_none()) || lines > 64 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    view.len()
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

/// Runs a secret rule over `text[from..to]` (offsets stay relative to `text`).
fn secret_rule(
    s: &SecretMatcher,
    idx: usize,
    text: &[u8],
    from: usize,
    to: usize,
    hits: &mut Vec<Hit>,
) {
    let Some(hay) = text.get(from..to) else {
        return;
    };
    for caps in s.pattern.captures_iter(hay) {
        let Some(m) = (1..caps.len()).find_map(|g| caps.get(g)) else {
            continue;
        };
        let v = m.as_bytes();
        if s.def.min_entropy > 0.0 && secrets::entropy(v) < s.def.min_entropy {
            continue;
        }
        if s.def.generic && (secrets::is_placeholder(v) || is_prose_or_path(v)) {
            continue;
        }
        // A name saying the value is public, or an anti-CSRF token, is not a credential.
        if s.def.generic {
            let whole = &hay[caps.get(0).map_or(m.start(), |w| w.start())..m.start()];
            let name = String::from_utf8_lossy(whole).to_ascii_lowercase();
            if name.contains("public") || name.contains("csrf") || name.contains("xsrf") {
                continue;
            }
        }
        // A redacted sample (`xoxp-123-…-####`, `sk_live_****`).
        if matches!(hay.get(m.end()), Some(b'#' | b'*')) {
            continue;
        }
        if s.def.id == "secret-generic-api-key" && !looks_random(v) {
            continue;
        }
        if !s.def.generic && v.windows(7).any(|w| w.eq_ignore_ascii_case(b"example")) {
            continue;
        }
        hits.push(Hit {
            rule: idx,
            offset: from + m.start(),
            end: from + m.end(),
            secret: Some(secrets::redact(v)),
        });
    }
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

/// The category of a rule index.
pub fn category(c: &Compiled, rule: usize) -> Category {
    if rule < c.code.len() {
        c.code[rule].def.category
    } else {
        Category::Secrets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(c: &Compiled) -> Enabled {
        Enabled {
            code: vec![true; c.code.len()],
            secrets: vec![true; c.secrets.len()],
        }
    }

    fn ids(fam: Option<Family>, src: &str) -> Vec<&'static str> {
        let c = compiled().unwrap();
        scan(c, &all(c), fam, src.as_bytes())
            .hits
            .iter()
            .map(|h| {
                if h.rule < c.code.len() {
                    c.code[h.rule].def.id
                } else {
                    c.secrets[h.rule - c.code.len()].def.id
                }
            })
            .collect()
    }

    #[test]
    fn call_context() {
        let py = Some(Family::Python);
        assert_eq!(
            ids(py, "subprocess.run(cmd, shell=True)\n"),
            ["py-subprocess-shell"]
        );
        assert!(
            ids(
                py,
                "subprocess.run(cmd, shell=False)\nsubprocess.run(['ls'], env={'shell': True})\n"
            )
            .is_empty()
        );
        assert_eq!(ids(py, "yaml.load(s)\n"), ["py-yaml-load"]);
        assert!(ids(py, "yaml.load(s, Loader=yaml.SafeLoader)\n").is_empty());
        assert!(ids(py, "subprocess.run(\"echo shell=True\")\n").is_empty());
    }

    #[test]
    fn secrets_basic() {
        assert_eq!(
            ids(None, "AKIAZ4N2R7Q5X6LQWT3P\n"),
            ["secret-aws-access-key"]
        );
        assert!(ids(None, "AKIAIOSFODNN7EXAMPLE\n").is_empty());
        assert_eq!(
            ids(None, "password = \"hunter2-Pr0duction!\"\n"),
            ["secret-generic-password"]
        );
        assert!(
            ids(
                None,
                "password = \"${DB_PASSWORD}\"\npassword = \"changeme\"\n"
            )
            .is_empty()
        );
    }
}

/// Python XML parser calls with import aliases resolved (see [`rules::Special::PyXmlImports`]).
mod py_xml {
    use regex::bytes::Regex;
    use std::sync::OnceLock;

    const UNSAFE: &[&str] = &[
        "xml.etree.ElementTree",
        "xml.etree.cElementTree",
        "xml.dom.minidom",
        "xml.dom.pulldom",
        "xml.dom.expatbuilder",
        "xml.sax",
        "xml.sax.expatreader",
        "xml.parsers.expat",
        "lxml.etree",
    ];
    const FNS: &str = "parse|iterparse|fromstring|fromstringlist|XML|XMLID|XMLParser|parseString|make_parser|create_parser|ParserCreate|RestrictedElement|GlobalParserTLS|getDefaultParser|check_docinfo";

    fn imports() -> Option<&'static (Regex, Regex)> {
        static R: OnceLock<Option<(Regex, Regex)>> = OnceLock::new();
        R.get_or_init(|| {
            Some((
                Regex::new(r"(?m-u)^[ \t]*import[ \t]+([^\n#;]+)").ok()?,
                Regex::new(r"(?m-u)^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+\(?([^\n#;)]+)")
                    .ok()?,
            ))
        })
        .as_ref()
    }

    fn is_unsafe(m: &str) -> bool {
        UNSAFE.contains(&m)
    }

    /// Offsets (in the code view) of unsafe parser calls.
    pub fn hits(view: &[u8]) -> Vec<usize> {
        let Some((imp, from)) = imports() else {
            return Vec::new();
        };
        let mut modules: Vec<String> = Vec::new();
        let mut funcs: Vec<String> = Vec::new();
        let fn_re = format!("^(?:{FNS})$");
        let is_fn = |n: &str| Regex::new(&fn_re).is_ok_and(|r| r.is_match(n.as_bytes()));
        for c in imp.captures_iter(view) {
            let Some(list) = c.get(1) else { continue };
            for item in String::from_utf8_lossy(list.as_bytes()).split(',') {
                let mut parts = item.split_whitespace();
                let Some(m) = parts.next() else { continue };
                let alias = match (parts.next(), parts.next()) {
                    (Some("as"), Some(a)) => Some(a.to_string()),
                    _ => None,
                };
                if is_unsafe(m) {
                    modules.push(alias.unwrap_or_else(|| m.to_string()));
                }
            }
        }
        for c in from.captures_iter(view) {
            let (Some(m), Some(list)) = (c.get(1), c.get(2)) else {
                continue;
            };
            let m = String::from_utf8_lossy(m.as_bytes()).to_string();
            for item in String::from_utf8_lossy(list.as_bytes()).split(',') {
                let mut parts = item.split_whitespace();
                let Some(name) = parts.next() else { continue };
                let bound = match (parts.next(), parts.next()) {
                    (Some("as"), Some(a)) => a.to_string(),
                    _ => name.to_string(),
                };
                let full = format!("{m}.{name}");
                if is_unsafe(&full) {
                    modules.push(bound);
                } else if is_unsafe(&m) && is_fn(name) {
                    funcs.push(bound);
                }
            }
        }
        if modules.is_empty() && funcs.is_empty() {
            return Vec::new();
        }
        let esc = |v: &[String]| {
            v.iter()
                .map(|s| regex::escape(s))
                .collect::<Vec<_>>()
                .join("|")
        };
        let mut alts = Vec::new();
        if !modules.is_empty() {
            alts.push(format!("(?:{})\\.(?:{FNS})", esc(&modules)));
        }
        if !funcs.is_empty() {
            alts.push(format!("(?:{})", esc(&funcs)));
        }
        let Ok(call) = Regex::new(&format!(r"(?m-u)(?:^|[^\w.])((?:{})\s*\()", alts.join("|")))
        else {
            return Vec::new();
        };
        call.captures_iter(view)
            .filter_map(|c| c.get(1))
            .map(|m| m.start())
            .filter(|&at| !is_import_line(view, at))
            .collect()
    }

    fn is_import_line(view: &[u8], at: usize) -> bool {
        let s = view[..at]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |k| k + 1);
        let line = String::from_utf8_lossy(&view[s..at]);
        let t = line.trim_start();
        t.starts_with("import ") || t.starts_with("from ")
    }
}
