//! Code rules on syntax trees: tree-sitter grammars through ast-grep, rules as YAML data.
//!
//! A rule file is an ast-grep rule (`id`, `language`, `rule`, `constraints`, `utils`, `message`,
//! `note`) with gatekeep's fields beside it (`severity`, `confidence`, `category`, `cwe`,
//! `keywords`, `constant`, `hardcoded`, `values`, `sources`, `sanitizers`, `untainted`,
//! `also_languages`; see
//! [`rule`]). Built-in rules live in `rules/security/<language>/` with their annotated test
//! files beside them, and are compiled into the binary by `build.rs`; a team's own rules come
//! from the gate's `rules_dir`.
//!
//! Matching runs on code nodes only, so a pattern cannot match inside a comment or a string.
//! A file is parsed only when it holds one of a candidate rule's keywords, and each parse is
//! bounded in time; a file the grammar cannot parse is noted (`parse_errors`) and still
//! scanned by the secret rules.

pub mod annotations;
mod c;
pub mod flow;
pub mod imports;
mod nodes;
pub mod rule;
pub mod syntax;
pub mod utils;

use ast_grep_core::Matcher;
use ast_grep_core::tree_sitter::{LanguageExt, StrDoc};
use ast_grep_core::{AstGrep as Root, Doc, Language, Node};
use ast_grep_language::SupportLang;
use std::time::{Duration, Instant};

pub use rule::{LoadError, TreeRule};

/// The grammars compiled into gatekeep (ast-grep-language features in Cargo.toml): those the
/// tree rules use. Each grammar's parse tables weigh 1–8 MB in the binary (all fourteen made it
/// 38.7 MB against the 15 MB budget), so a grammar comes in with its first rules.
pub const LANGS: &[SupportLang] = &[
    SupportLang::Bash,
    SupportLang::C,
    SupportLang::Cpp,
    SupportLang::CSharp,
    SupportLang::Go,
    SupportLang::Java,
    SupportLang::JavaScript,
    SupportLang::Kotlin,
    SupportLang::Php,
    SupportLang::Python,
    SupportLang::Ruby,
    SupportLang::Rust,
    SupportLang::Tsx,
    SupportLang::TypeScript,
];

/// Whether gatekeep has `lang`'s grammar.
pub fn has_grammar(lang: SupportLang) -> bool {
    LANGS.contains(&lang)
}

/// The grammar for a repository path: by extension, else by the language the walk or a shebang
/// detected (`walk::Lang`). Shell is by detection only (`.sh`, `.bash`, `.zsh`, `.ksh`, or a
/// shell's `#!` line): ast-grep also reads `.env`, `.cgi`, `.tool`… as Bash, names that hold
/// dotenv settings or Perl as often as shell.
pub fn lang_of(rel: &str, detected: Option<crate::walk::Lang>) -> Option<SupportLang> {
    use crate::walk::Lang as W;
    if let Some(l) =
        SupportLang::from_path(rel).filter(|l| has_grammar(*l) && *l != SupportLang::Bash)
    {
        return Some(l);
    }
    Some(match detected? {
        W::Python => SupportLang::Python,
        W::JavaScript => SupportLang::JavaScript,
        W::TypeScript if rel.ends_with(".tsx") => SupportLang::Tsx,
        W::TypeScript => SupportLang::TypeScript,
        W::Go => SupportLang::Go,
        W::Java => SupportLang::Java,
        W::Ruby => SupportLang::Ruby,
        W::Php => SupportLang::Php,
        W::CSharp => SupportLang::CSharp,
        W::Kotlin => SupportLang::Kotlin,
        W::C => SupportLang::C,
        W::Cpp => SupportLang::Cpp,
        W::Rust => SupportLang::Rust,
        W::Shell => SupportLang::Bash,
        _ => return None,
    })
}

/// How long one file's parse may take before it is abandoned (a grammar that loops, or a
/// pathological file).
pub const PARSE_BUDGET: Duration = Duration::from_secs(5);

/// Why a file has no tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseFailure {
    /// The parse ran past [`PARSE_BUDGET`].
    Timeout,
    /// The grammar panicked.
    Panic,
    /// tree-sitter returned no tree.
    NoTree,
}

impl std::fmt::Display for ParseFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParseFailure::Timeout => write!(
                f,
                "the parse took over {} s and was abandoned",
                PARSE_BUDGET.as_secs()
            ),
            ParseFailure::Panic => write!(f, "the grammar crashed on it"),
            ParseFailure::NoTree => write!(f, "the grammar returned no tree"),
        }
    }
}

/// A parsed file.
pub type Tree = Root<StrDoc<SupportLang>>;

/// Parses `src` as `lang` within `budget`. tree-sitter recovers from syntax errors, so a tree
/// is returned for any text; [`first_error`] tells where it had to recover.
///
/// PHP: ast-grep's PHP grammar is tree-sitter-php's PHP-only one, which reads a template's
/// HTML as code (`<p>Call eval($x)</p>` held an `eval` call). The file is first parsed with the
/// full grammar, and its HTML text and open/close tags are blanked ([`php_code_only`]) before
/// the code is parsed; offsets, lines and columns are unchanged.
///
/// Bash: tree-sitter-bash runs a command on past the end of its line in some files; those
/// line ends are made `;` and the file parsed again ([`bash_line_ends`]).
pub fn parse(src: &str, lang: SupportLang, budget: Duration) -> Result<Tree, ParseFailure> {
    let started = Instant::now();
    let run = || -> Result<Tree, ParseFailure> {
        let code = match lang {
            SupportLang::Php => php_code_only(src, started, budget)?,
            _ => None,
        };
        let mut src = code.unwrap_or_else(|| src.to_string());
        let grammar = lang.get_ts_language();
        let mut tree = parse_within(&src, &grammar, started, budget)?;
        if lang == SupportLang::Bash {
            for _ in 0..BASH_ROUNDS {
                let Some(ended) = bash_line_ends(&src, &tree) else {
                    break;
                };
                src = ended;
                tree = parse_within(&src, &grammar, started, budget)?;
            }
        }
        Ok(Root::doc(StrDoc { src, lang, tree }))
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or(Err(ParseFailure::Panic))
}

/// How many times a Bash file is parsed again after [`bash_line_ends`] ended commands.
const BASH_ROUNDS: usize = 16;

/// tree-sitter-bash 0.25 reads the line break after a pipeline of three or more commands as a
/// space when a later statement holds a redirect, `&&` or `||` (tree-sitter-bash #347; #316 for
/// `[ … ]`): `a | b | c`, then `echo x > f` lines below, parse as one command `c` whose
/// arguments are every word in between, and the commands written there are lost (`curl … | sh`
/// among them). A simple command never runs on past a line break without a `\`, so the first
/// such break inside each command is made a `;` (a comment just before it, which would run on
/// through the `;`, becomes spaces), for the caller to parse again; commands inside an `ERROR`
/// node, where the parser recovered from text it could not read (zsh syntax), are left alone.
/// `None`: no command spans a line break. Byte offsets are unchanged, and findings are placed by them; the tree's rows are
/// one fewer for each line break made a `;` (so [`first_error`] counts lines in the text).
pub fn bash_line_ends(src: &str, tree: &tree_sitter::Tree) -> Option<String> {
    let bytes = src.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut cursor = tree.walk();
    'walk: loop {
        let n = cursor.node();
        if n.kind() == "command" {
            let mut c = n.walk();
            let parts: Vec<tree_sitter::Node<'_>> = n.children(&mut c).collect();
            for w in parts.windows(2) {
                let Some(at) = bare_line_break(bytes, w[0].end_byte(), w[1].start_byte()) else {
                    continue;
                };
                let o = out.get_or_insert_with(|| bytes.to_vec());
                if w[0].kind() == "comment" {
                    o[w[0].byte_range()].fill(b' ');
                }
                o[at] = b';';
                break;
            }
        }
        // What the parser recovered from an error is not a misread line end.
        if !n.is_error() && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    // Only ASCII bytes were written, over whole characters: still UTF-8.
    out.and_then(|o| String::from_utf8(o).ok())
}

/// The first `\n` in `bytes[a..b]` that does not end a continued line (`\` before it, or `\`
/// and `\r`).
fn bare_line_break(bytes: &[u8], a: usize, b: usize) -> Option<usize> {
    (a..b.min(bytes.len())).find(|&i| {
        if bytes[i] != b'\n' {
            return false;
        }
        let mut j = i;
        if j > 0 && bytes[j - 1] == b'\r' {
            j -= 1;
        }
        j == 0 || bytes[j - 1] != b'\\'
    })
}

/// One tree-sitter parse that gives up once `budget` has passed since `started`.
fn parse_within(
    src: &str,
    language: &tree_sitter::Language,
    started: Instant,
    budget: Duration,
) -> Result<tree_sitter::Tree, ParseFailure> {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(language)
        .map_err(|_| ParseFailure::NoTree)?;
    let timed_out = std::cell::Cell::new(false);
    let mut progress = |_: &tree_sitter::ParseState| {
        if started.elapsed() > budget {
            timed_out.set(true);
            std::ops::ControlFlow::Break(())
        } else {
            std::ops::ControlFlow::Continue(())
        }
    };
    let options = tree_sitter::ParseOptions::new().progress_callback(&mut progress);
    let tree = parser.parse_with_options(
        &mut |i, _| src.as_bytes().get(i..).unwrap_or(&[]),
        None,
        Some(options),
    );
    match tree {
        Some(tree) => Ok(tree),
        None if timed_out.get() => Err(ParseFailure::Timeout),
        None => Err(ParseFailure::NoTree),
    }
}

/// A PHP file's code alone, for the PHP-only grammar: the full grammar's `text` (HTML outside
/// `<?php … ?>`) and `<?php`/`<?=` tags become spaces (line breaks kept), and each `?>`, which
/// ends a statement, becomes `; `. Same length, same lines. A file without an opening tag is
/// all text, as PHP prints it. `None` when there is nothing to blank.
pub fn php_code_only(
    src: &str,
    started: Instant,
    budget: Duration,
) -> Result<Option<String>, ParseFailure> {
    let full: tree_sitter::Language = tree_sitter_php::LANGUAGE_PHP.into();
    let tree = parse_within(src, &full, started, budget)?;
    let mut out = src.as_bytes().to_vec();
    let mut changed = false;
    let mut cursor = tree.walk();
    let mut blank = |r: std::ops::Range<usize>, end_tag: bool| {
        for (i, b) in out[r].iter_mut().enumerate() {
            if *b != b'\n' {
                *b = if end_tag && i == 0 { b';' } else { b' ' };
            }
        }
        changed = true;
    };
    // Pre-order walk; a `text`, tag or end tag has no children worth reading.
    'walk: loop {
        let n = cursor.node();
        match n.kind() {
            "text" | "php_tag" => blank(n.byte_range(), false),
            "php_end_tag" => blank(n.byte_range(), true),
            _ => {
                if cursor.goto_first_child() {
                    continue;
                }
            }
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    if !changed {
        return Ok(None);
    }
    // Only ASCII bytes were written, over whole nodes: still UTF-8.
    Ok(String::from_utf8(out).ok())
}

/// The 1-based line and column of the first syntax error or missing node, if any, counted in
/// `text`, the file's own text (a Bash tree's rows may be fewer: see [`bash_line_ends`]).
pub fn first_error(tree: &Tree, text: &str) -> Option<(u64, u64)> {
    let root = tree.root();
    if !root.get_inner_node().has_error() {
        return None;
    }
    root.dfs()
        .find(|n| n.is_error() || n.is_missing())
        .map(|n| {
            let at = n.range().start.min(text.len());
            let before = String::from_utf8_lossy(&text.as_bytes()[..at]);
            let line = before.matches('\n').count() as u64 + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() as u64 + 1;
            (line, column)
        })
}

/// One step of a data flow (source, assignments, sink).
pub use crate::model::FlowStep as Step;

/// A tree rule's match.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeHit {
    /// Index into the rule set.
    pub rule: usize,
    pub offset: usize,
    pub end: usize,
    /// The severity for this match when it differs from the rule's (an untainted sink).
    pub severity: Option<crate::model::Severity>,
    /// Source to sink, for taint rules.
    pub flow: Vec<Step>,
}

/// The tree rules one gate runs, with their keyword prefilter.
pub struct RuleSet {
    pub rules: Vec<&'static TreeRule>,
    /// The keywords of each language's rules (a Python file is not searched for Java's
    /// `File` or `update(`).
    by_lang: Vec<(SupportLang, Keywords)>,
}

/// What one search of a file for both keyword sets found ([`RuleSet::search_both`]).
#[derive(Debug, Default)]
pub struct KeywordMatches {
    /// (index into the secret rules' keywords, start).
    pub secret: Vec<(usize, usize)>,
    /// (index into the language's tree keywords, start).
    pub code: Vec<(usize, usize)>,
}

/// The keyword prefilter of one language's rules.
struct Keywords {
    /// The keywords, lower-case; index → `kw_rules`.
    words: Vec<String>,
    /// Their automaton, built when the first file of the language is searched (a run builds
    /// only its repository's languages'). `None` inside: no keywords, or (never seen) no
    /// automaton could be built, and then every keyword rule is a candidate.
    ac: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>>,
    /// The secret rules' keywords followed by these, for the one search of a file that both
    /// need ([`RuleSet::combined`]); built on first use, like `ac`.
    combined: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>>,
    /// Pattern index → (rule, whether a source keyword).
    kw_rules: Vec<Vec<(usize, bool)>>,
    /// Rules without keywords: they run on every file of their language.
    always: Vec<usize>,
}

impl Keywords {
    fn new(rules: &[&'static TreeRule], lang: SupportLang) -> Keywords {
        let mut words: Vec<String> = Vec::new();
        let mut kw_rules: Vec<Vec<(usize, bool)>> = Vec::new();
        let mut always = Vec::new();
        let mut add = |w: &str, i: usize, source: bool| {
            let k = w.to_ascii_lowercase();
            match words.iter().position(|x| *x == k) {
                Some(j) => kw_rules[j].push((i, source)),
                None => {
                    words.push(k);
                    kw_rules.push(vec![(i, source)]);
                }
            }
        };
        for (i, r) in rules.iter().enumerate() {
            if !r.applies_to(lang) {
                continue;
            }
            if r.keywords.is_empty() {
                always.push(i);
            }
            for k in &r.keywords {
                add(k, i, false);
            }
            for k in &r.source_keywords {
                add(k, i, true);
            }
        }
        Keywords {
            words,
            ac: std::sync::OnceLock::new(),
            combined: std::sync::OnceLock::new(),
            kw_rules,
            always,
        }
    }

    fn automaton(&self) -> Option<&aho_corasick::AhoCorasick> {
        self.ac
            .get_or_init(|| {
                if self.words.is_empty() {
                    return None;
                }
                keyword_automaton(&self.words)
            })
            .as_ref()
    }
}

/// A case-insensitive automaton of `words`, or `None` if none can be built (never seen).
/// A DFA: one table step per byte, where the default (an NFA for this many case-insensitive
/// words) took three times the instructions, over every file of the language.
fn keyword_automaton<S: AsRef<[u8]>>(words: &[S]) -> Option<aho_corasick::AhoCorasick> {
    let build = |kind| {
        aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(kind)
            .build(words)
    };
    build(Some(aho_corasick::AhoCorasickKind::DFA))
        .or_else(|_| build(None))
        .ok()
}

impl RuleSet {
    pub fn new(rules: Vec<&'static TreeRule>) -> RuleSet {
        let mut by_lang = Vec::new();
        for &lang in LANGS {
            if rules.iter().any(|r| r.applies_to(lang)) {
                by_lang.push((lang, Keywords::new(&rules, lang)));
            }
        }
        RuleSet { rules, by_lang }
    }

    /// Whether any rule applies to `lang` at all.
    pub fn covers(&self, lang: SupportLang) -> bool {
        self.rules.iter().any(|r| r.applies_to(lang))
    }

    /// One automaton for `secret_words` (the secret rules' keywords, [`super::scan::Compiled::words`])
    /// followed by `lang`'s keywords: a file of the language is searched once for both. Its
    /// patterns from `secret_words.len()` on are this set's keywords, in the order
    /// [`RuleSet::candidates_from`] takes. `None` when the language has no keywords (or no
    /// automaton could be built): search for each apart. Built on the language's first file
    /// (the secret words are the same for every call: the process's rules).
    fn combined(
        &self,
        lang: SupportLang,
        secret_words: &[String],
    ) -> Option<&aho_corasick::AhoCorasick> {
        let (_, kw) = self.by_lang.iter().find(|(l, _)| *l == lang)?;
        kw.combined
            .get_or_init(|| {
                if kw.words.is_empty() {
                    return None;
                }
                let all: Vec<&String> = secret_words.iter().chain(&kw.words).collect();
                keyword_automaton(&all)
            })
            .as_ref()
    }

    /// One search of `text`, a file of `lang`, for the secret rules' keywords and the
    /// language's keywords together ([`RuleSet::combined`]): the secret matches (index into
    /// `secret_words`, start) for [`super::scan::scan_matches`], and the language's (keyword
    /// index, start) for [`RuleSet::candidates_from`]. `None`: no combined automaton; search
    /// for each apart.
    pub fn search_both(
        &self,
        lang: SupportLang,
        secret_words: &[String],
        text: &[u8],
    ) -> Option<KeywordMatches> {
        let ac = self.combined(lang, secret_words)?;
        let mut found = KeywordMatches::default();
        for m in ac.find_overlapping_iter(text) {
            let p = m.pattern().as_usize();
            match p.checked_sub(secret_words.len()) {
                Some(k) => found.code.push((k, m.start())),
                None => found.secret.push((p, m.start())),
            }
        }
        Some(found)
    }

    /// The rules for `lang` whose keywords (and source keywords, if they have any) occur in
    /// `text`, case-insensitively, at the start of a word (not inside a longer name).
    pub fn candidates(&self, lang: SupportLang, text: &[u8], enabled: &[bool]) -> Vec<usize> {
        let Some((_, kw)) = self.by_lang.iter().find(|(l, _)| *l == lang) else {
            return Vec::new();
        };
        match kw.automaton() {
            Some(ac) => {
                let matches = ac
                    .find_overlapping_iter(text)
                    .map(|m| (m.pattern().as_usize(), m.start()));
                self.candidates_from(lang, text, enabled, Some(matches))
            }
            None => self.candidates_from(lang, text, enabled, None::<std::iter::Empty<_>>),
        }
    }

    /// [`RuleSet::candidates`], given the matches of `lang`'s keywords in `text`: (keyword
    /// index, start), from [`RuleSet::combined`] or the language's own automaton; `None`: the
    /// language has keywords but no automaton (never seen), so every keyword rule runs.
    pub fn candidates_from(
        &self,
        lang: SupportLang,
        text: &[u8],
        enabled: &[bool],
        matches: Option<impl Iterator<Item = (usize, usize)>>,
    ) -> Vec<usize> {
        let mut on = vec![false; self.rules.len()];
        let mut source = vec![false; self.rules.len()];
        let Some((_, kw)) = self.by_lang.iter().find(|(l, _)| *l == lang) else {
            return Vec::new();
        };
        for &i in &kw.always {
            on[i] = true;
        }
        if matches.is_none() && !kw.words.is_empty() {
            // No automaton (never seen): every keyword rule runs, none is skipped unseen.
            for rules in &kw.kw_rules {
                for &(i, is_source) in rules {
                    if is_source {
                        source[i] = true;
                    } else {
                        on[i] = true;
                    }
                }
            }
        }
        for (word, start) in matches.into_iter().flatten() {
            if !starts_word(text, start) {
                continue;
            }
            for &(i, is_source) in kw.kw_rules.get(word).into_iter().flatten() {
                if is_source {
                    source[i] = true;
                } else {
                    on[i] = true;
                }
            }
        }
        (0..self.rules.len())
            .filter(|&i| on[i] && (source[i] || self.rules[i].source_keywords.is_empty()))
            .filter(|&i| enabled.get(i).copied().unwrap_or(true))
            .collect()
    }
}

/// Whether a keyword found at `at` starts a word: `exec(` is not found in `_low_level_exec(`,
/// nor `shell=` in `use_unsafe_shell=` (a name the rule's pattern cannot match). A keyword
/// that starts with punctuation (`.Query(`) starts a word wherever it is.
pub(crate) fn starts_word(text: &[u8], at: usize) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    at == 0 || !word(text[at]) || !word(text[at - 1])
}

/// What the tree rules found in one file.
#[derive(Debug, Default)]
pub struct TreeScan {
    pub hits: Vec<TreeHit>,
    /// The grammar could not parse the file (no code rule ran), or parsed it with errors
    /// (rules ran on the recovered tree): `line:col: what`.
    pub parse_error: Option<String>,
    /// Whether the file was parsed at all.
    pub parsed: bool,
    /// Rules that could not run (a built-in rule that does not compile: a bug, never hidden).
    pub errors: Vec<String>,
}

/// Runs the candidate tree rules of `set` on one file.
pub fn scan(set: &RuleSet, enabled: &[bool], lang: SupportLang, text: &[u8]) -> TreeScan {
    scan_candidates(set, lang, text, set.candidates(lang, text, enabled))
}

/// Runs `cands` (indices into `set`'s rules, from [`RuleSet::candidates_from`]) on one file.
pub fn scan_candidates(
    set: &RuleSet,
    lang: SupportLang,
    text: &[u8],
    cands: Vec<usize>,
) -> TreeScan {
    let mut out = TreeScan::default();
    if cands.is_empty() {
        return out;
    }
    let src = String::from_utf8_lossy(text);
    let tree = match parse(&src, lang, PARSE_BUDGET) {
        Ok(t) => t,
        Err(e) => {
            out.parse_error = Some(e.to_string());
            return out;
        }
    };
    out.parsed = true;
    if let Some((l, c)) = first_error(&tree, &src) {
        out.parse_error = Some(format!(
            "{l}:{c}: syntax error (rules ran on the recovered tree)"
        ));
    }
    let run = || {
        let mut hits = Vec::new();
        let mut errors = Vec::new();
        let mut facts = flow::Facts::new(&tree, lang);
        for &i in &cands {
            if let Err(e) = set.rules[i].run(i, lang, &mut facts, &mut hits) {
                errors.push(format!(
                    "internal error: rule `{}` does not compile: {e}",
                    set.rules[i].id
                ));
            }
        }
        (hits, errors)
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok((mut hits, errors)) => {
            out.errors = errors;
            hits.sort_by_key(|h| (h.offset, h.rule));
            hits.dedup_by_key(|h| (h.offset, h.rule));
            // Flow steps are placed by the tree's rows, which are fewer than the file's lines
            // when line ends were made `;` (a Bash file parsed again): placed by the file's.
            let parsed = tree.source();
            if hits.iter().any(|h| !h.flow.is_empty())
                && parsed.matches('\n').count() != src.matches('\n').count()
            {
                for st in hits.iter_mut().flat_map(|h| h.flow.iter_mut()) {
                    (st.line, st.column) = relocate(parsed, &src, st.line, st.column);
                }
            }
            out.hits = hits;
        }
        Err(_) => {
            out.parse_error = Some("a rule crashed on this file; no code rule ran".to_string());
        }
    }
    out
}

/// The 1-based line and column in `text` of the place at `line`:`column` (1-based, columns in
/// characters) of `parsed`, a copy of `text` with the same bytes at the same offsets but some
/// line ends changed (a Bash file after [`bash_line_ends`]), whose rows are the tree's.
pub fn relocate(parsed: &str, text: &str, line: u64, column: u64) -> (u64, u64) {
    let row = line.saturating_sub(1) as usize;
    let start = if row == 0 {
        0
    } else {
        match parsed.match_indices('\n').nth(row - 1) {
            Some((i, _)) => i + 1,
            None => return (line, column),
        }
    };
    let offset = parsed[start..]
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map_or(parsed.len(), |(i, _)| start + i)
        .min(text.len());
    let Some(before) = text.get(..offset) else {
        return (line, column);
    };
    let l = before.matches('\n').count() as u64 + 1;
    let c = before.rsplit('\n').next().unwrap_or("").chars().count() as u64 + 1;
    (l, c)
}

/// The 1-based line and column of a node, by the tree's rows (see [`relocate`]).
pub fn position<D: Doc>(n: &Node<'_, D>) -> (u64, u64) {
    let p = n.start_pos();
    (p.line() as u64 + 1, p.column(n) as u64 + 1)
}

/// Whether `m` matches anything in `tree` (for tests and `rules test`).
pub fn count_matches<M: Matcher>(tree: &Tree, m: M) -> usize {
    tree.root().find_all(m).count()
}

#[cfg(test)]
mod tests;

mod builtin_files {
    include!(concat!(env!("OUT_DIR"), "/tree_rules.rs"));
}

/// The built-in tree rules (`rules/security/`), read and validated once per process, each
/// rule's matchers compiled on first use ([`rule::ForLang`]); an error only for a bug in a
/// built-in rule file (the tests and `gatekeep rules test` compile every one).
pub fn builtin() -> Result<&'static [TreeRule], String> {
    static B: std::sync::OnceLock<Result<Vec<TreeRule>, String>> = std::sync::OnceLock::new();
    B.get_or_init(|| {
        let shared = utils::Utils::builtin()?;
        let load = |files: &[builtin_files::Builtin]| -> Result<Vec<TreeRule>, String> {
            let mut v = Vec::new();
            for (path, yaml, test) in files {
                let tests = test.map(|(n, t)| (n.to_string(), t.to_string()));
                let rules =
                    rule::load_with(path, yaml, tests, false, shared).map_err(|e| e.to_string())?;
                v.extend(rules);
            }
            Ok(v)
        };
        // Reading the rule files is most of a run's start: split over the cores, in order.
        let all = builtin_files::BUILTIN;
        let parts = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        let chunk = all.len().div_ceil(parts).max(1);
        std::thread::scope(|s| {
            // A chunk whose thread cannot be started is read on this one.
            let parts: Vec<_> = all
                .chunks(chunk)
                .map(|c| {
                    (
                        c,
                        std::thread::Builder::new().spawn_scoped(s, move || load(c)),
                    )
                })
                .collect();
            let mut v = Vec::new();
            for (c, h) in parts {
                v.extend(match h {
                    Ok(h) => h
                        .join()
                        .map_err(|_| "loading the built-in rules crashed".to_string())??,
                    Err(_) => load(c)?,
                });
            }
            Ok(v)
        })
    })
    .as_ref()
    .map(Vec::as_slice)
    .map_err(Clone::clone)
}

/// Ids of the built-in tree rules (the regex rules of the same id are retired).
pub fn builtin_ids() -> Vec<&'static str> {
    builtin()
        .map(|b| b.iter().map(|r| r.id.as_str()).collect())
        .unwrap_or_default()
}

/// A team's rules, loaded once per run from the gate's `rules_dir`: they live as long as the
/// process, like the built-in ones, so that `explain` and SARIF can borrow their texts.
pub fn load_user(dir: &std::path::Path, shown: &str) -> Result<Vec<&'static TreeRule>, LoadError> {
    Ok(rule::load_dir(dir, shown)?
        .into_iter()
        .map(|r| &*Box::leak(Box::new(r)))
        .collect())
}

/// The team rules loaded by this process's configs, so that `explain` and SARIF find their
/// documentation by id.
static USER: std::sync::Mutex<Vec<&'static TreeRule>> = std::sync::Mutex::new(Vec::new());

pub fn register_user(rules: &[&'static TreeRule]) {
    if let Ok(mut v) = USER.lock() {
        for r in rules {
            if !v.iter().any(|x| x.id == r.id) {
                v.push(r);
            }
        }
    }
}

pub fn registered_user() -> Vec<&'static TreeRule> {
    USER.lock().map(|v| v.clone()).unwrap_or_default()
}
