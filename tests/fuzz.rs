//! A mutation fuzzer over the real samples of every input format in `fixtures/` (issue 18,
//! "Proof"). Runs under stable as a normal test, seeded and bounded; the long run is
//! `bench/fuzz.sh` (`GATEKEEP_FUZZ_ITERS`, `GATEKEEP_FUZZ_SEED`).
//!
//! Each sample is read once intact, then damaged many times: truncation, bit flips, inserted
//! markup bytes, deleted closing tags, renamed and split tags (`<fail ure`, `<li ne`, `<lin`),
//! huge / negative / NaN numbers, a BOM, CRLF, deep nesting, invalid UTF-8, deleted and repeated
//! lines. For every damaged input it asserts:
//!
//! 1. no panic;
//! 2. no hang (each input must finish within [`HANG`]);
//! 3. when an independent strict oracle (quick-xml in strict mode plus the sample's own element
//!    names, `serde_json` plus the sample's own keys, a line grammar for LCOV and Go coverprofiles)
//!    says the input is damaged: the gate is ERROR, or its figures are not better than the intact
//!    sample's (coverage not higher, failed tests not fewer, findings not fewer). A damaged XML
//!    file is never a clean `xml` gate.

use gatekeep::gates::{GateOutput, run_for_test};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// An input that takes longer than this is a hang (debug build, busy machine: generous).
const HANG: Duration = Duration::from_secs(120);
/// Damaged inputs per sample by default (the CI run); `GATEKEEP_FUZZ_ITERS` overrides.
const DEFAULT_ITERS: usize = 32;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn iters() -> usize {
    std::env::var("GATEKEEP_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_ITERS)
}

fn seed() -> u64 {
    std::env::var("GATEKEEP_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(0x9E37_79B9_7F4A_7C15, |v: u64| {
            v.wrapping_mul(0x2545_F491_4F6C_DD1D)
        })
        | 1
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

// ---------------------------------------------------------------------------------------------
// Mutations

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Mutation {
    Truncate,
    FlipBits,
    InsertBytes,
    DeleteClosingTag,
    RenameTag,
    SplitTag,
    Number,
    Bom,
    Crlf,
    DeepNesting,
    InvalidUtf8,
    DeleteLine,
    RepeatLine,
}

const ALL: &[Mutation] = &[
    Mutation::Truncate,
    Mutation::FlipBits,
    Mutation::InsertBytes,
    Mutation::DeleteClosingTag,
    Mutation::RenameTag,
    Mutation::SplitTag,
    Mutation::Number,
    Mutation::Bom,
    Mutation::Crlf,
    Mutation::DeepNesting,
    Mutation::InvalidUtf8,
    Mutation::DeleteLine,
    Mutation::RepeatLine,
];

/// Positions of every `needle` in `hay`.
fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| &hay[i..i + needle.len()] == needle)
        .collect()
}

/// Start offsets of the lines of `b`.
fn line_starts(b: &[u8]) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(
        b.iter()
            .enumerate()
            .filter(|(_, c)| **c == b'\n')
            .map(|(i, _)| i + 1),
    );
    v.retain(|&i| i < b.len());
    v
}

fn mutate(rng: &mut XorShift, src: &[u8], m: Mutation) -> Vec<u8> {
    let mut b = src.to_vec();
    let n = b.len().max(1);
    match m {
        Mutation::Truncate => b.truncate(rng.below(n)),
        Mutation::FlipBits => {
            for _ in 0..1 + rng.below(3) {
                let i = rng.below(b.len());
                if let Some(c) = b.get_mut(i) {
                    *c ^= 1 << rng.below(8);
                }
            }
        }
        Mutation::InsertBytes => {
            const PIECES: &[&[u8]] = &[
                b"<",
                b">",
                b"\"",
                b"&",
                b"\0",
                b",",
                b":",
                b"{",
                b"}",
                b"]",
                b"/",
                b"=",
                b" ",
                b"\n",
                b"<x>",
                b"</",
                b"-1",
                b"end_of_record\n",
                b"DA:",
                b"<!--",
            ];
            let at = rng.below(n);
            let piece = PIECES[rng.below(PIECES.len())];
            b.splice(at.min(b.len())..at.min(b.len()), piece.iter().copied());
        }
        Mutation::DeleteClosingTag => {
            let ends = find_all(&b, b"</");
            if let Some(&s) = ends.get(rng.below(ends.len())) {
                let e = b[s..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(b.len(), |k| s + k + 1);
                b.drain(s..e);
            } else {
                // Not XML: drop a closing bracket or `end_of_record` instead.
                let ends: Vec<usize> = b
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| matches!(c, b'}' | b']'))
                    .map(|(i, _)| i)
                    .collect();
                if let Some(&s) = ends.get(rng.below(ends.len())) {
                    b.remove(s);
                } else if let Some(&s) = find_all(&b, b"end_of_record").first() {
                    b.drain(s..s + "end_of_record".len());
                }
            }
        }
        Mutation::RenameTag | Mutation::SplitTag => {
            let starts: Vec<usize> = find_all(&b, b"<")
                .into_iter()
                .filter(|&i| b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()))
                .collect();
            if let Some(&s) = starts.get(rng.below(starts.len())) {
                let name_len = b[s + 1..]
                    .iter()
                    .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':')))
                    .unwrap_or(0);
                if name_len > 1 {
                    let k = s + 1 + 1 + rng.below(name_len - 1);
                    if m == Mutation::SplitTag {
                        b.insert(k, b' ');
                    } else if rng.below(2) == 0 {
                        b.remove(k);
                    } else {
                        b[k] = b'x';
                    }
                }
            } else {
                // JSON / line formats: rename a key or a record tag.
                let quotes = find_all(&b, b"\"");
                if let Some(&q) = quotes.get(rng.below(quotes.len())) {
                    if q + 2 < b.len() && b[q + 1].is_ascii_alphabetic() {
                        b[q + 1] = if m == Mutation::SplitTag { b' ' } else { b'x' };
                    }
                } else {
                    let ls = line_starts(&b);
                    if let Some(&l) = ls.get(rng.below(ls.len())) {
                        if m == Mutation::SplitTag {
                            b.insert((l + 1).min(b.len()), b' ');
                        } else if let Some(c) = b.get_mut(l) {
                            *c = b'X';
                        }
                    }
                }
            }
        }
        Mutation::Number => {
            let digits: Vec<usize> = (0..b.len())
                .filter(|&i| b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()))
                .collect();
            if let Some(&s) = digits.get(rng.below(digits.len())) {
                let e = b[s..]
                    .iter()
                    .position(|c| !c.is_ascii_digit())
                    .map_or(b.len(), |k| s + k);
                const NUMS: &[&[u8]] = &[
                    b"99999999999999999999999999",
                    b"18446744073709551616",
                    b"-1",
                    b"-8.1",
                    b"NaN",
                    b"nan",
                    b"inf",
                    b"1e309",
                    b"0",
                    b"4294967296",
                    b"1.5",
                    b"",
                ];
                let r = NUMS[rng.below(NUMS.len())];
                b.splice(s..e, r.iter().copied());
            }
        }
        Mutation::Bom => {
            b.splice(0..0, b"\xEF\xBB\xBF".iter().copied());
        }
        Mutation::Crlf => {
            let mut out = Vec::with_capacity(b.len() + b.len() / 20);
            for &c in &b {
                if c == b'\n' {
                    out.push(b'\r');
                }
                out.push(c);
            }
            b = out;
        }
        Mutation::DeepNesting => {
            let depth = 1 + rng.below(20_000);
            let at = rng.below(n).min(b.len());
            let (open, close): (&[u8], &[u8]) = match b.first() {
                Some(b'{') | Some(b'[') => (b"[", b"]"),
                _ => (b"<d>", b"</d>"),
            };
            let mut ins = open.repeat(depth);
            ins.extend(close.repeat(depth));
            b.splice(at..at, ins);
        }
        Mutation::InvalidUtf8 => {
            const BAD: &[&[u8]] = &[
                b"\xFF",
                b"\xC3",
                b"\x80",
                b"\xED\xA0\x80",
                b"\xF4\x90\x80\x80",
            ];
            let at = rng.below(n).min(b.len());
            let piece = BAD[rng.below(BAD.len())];
            b.splice(at..at, piece.iter().copied());
        }
        Mutation::DeleteLine => {
            let ls = line_starts(&b);
            if let Some(&s) = ls.get(rng.below(ls.len())) {
                let e = b[s..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |k| s + k + 1);
                b.drain(s..e);
            }
        }
        Mutation::RepeatLine => {
            let ls = line_starts(&b);
            if let Some(&s) = ls.get(rng.below(ls.len())) {
                let e = b[s..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |k| s + k + 1);
                let line = b[s..e].to_vec();
                b.splice(s..s, line);
            }
        }
    }
    b
}

// ---------------------------------------------------------------------------------------------
// Oracles: is the damaged input still a valid document of its format?

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Xml,
    Json,
    /// One JSON document a line (Cargo's `--message-format=json`, mypy's `--output json`).
    JsonLines,
    Lcov,
    Gocover,
    /// No independent grammar (Go benchmark text): only panics and hangs are checked.
    Text,
}

/// Element names of an XML document, or `None` if quick-xml in strict mode rejects it.
fn xml_names(b: &[u8]) -> Option<BTreeSet<String>> {
    use quick_xml::events::Event;
    let text = std::str::from_utf8(b).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return None;
    }
    let mut r = quick_xml::Reader::from_str(text);
    let cfg = r.config_mut();
    cfg.check_end_names = true;
    cfg.check_comments = true;
    cfg.allow_unmatched_ends = false;
    let mut names = BTreeSet::new();
    let mut depth = 0usize;
    let mut roots = 0usize;
    let mut decl_ok = true;
    let mut first = true;
    loop {
        let ev = r.read_event().ok()?;
        let is_first = std::mem::replace(&mut first, false);
        match ev {
            Event::Decl(_) if !is_first => decl_ok = false,
            Event::Start(ref e) | Event::Empty(ref e) => {
                if depth == 0 {
                    roots += 1;
                }
                let name = e.name().as_ref().to_string();
                if !name_ok(&name) {
                    return None;
                }
                for a in e.attributes().with_checks(true) {
                    let a = a.ok()?;
                    if !name_ok(a.key.as_ref()) {
                        return None;
                    }
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .ok()?;
                    if a.value.contains('<') {
                        return None;
                    }
                }
                names.insert(name);
                if matches!(ev, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => depth = depth.checked_sub(1)?,
            Event::Text(t) => {
                if depth == 0 && !t.trim().is_empty() {
                    return None;
                }
                if t.contains(']') && t.contains("]]>") {
                    return None;
                }
                if t.chars().any(|c| {
                    let u = c as u32;
                    u < 0x20 && !matches!(c, '\t' | '\n' | '\r') || u == 0xFFFE || u == 0xFFFF
                }) {
                    return None;
                }
            }
            Event::GeneralRef(g) => {
                let name: &str = &g;
                if depth == 0 {
                    return None;
                }
                if !(name.starts_with('#') || matches!(name, "amp" | "lt" | "gt" | "quot" | "apos"))
                {
                    return None;
                }
                g.resolve_char_ref().ok()?;
            }
            // An external DTD is named, never read; an internal subset is not in any sample.
            Event::DocType(d) => {
                if is_first_non_decl_seen(depth, roots) && !d.contains('[') {
                    continue;
                }
                return None;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (depth == 0 && roots == 1 && decl_ok).then_some(names)
}

/// A DOCTYPE is only allowed in the prolog.
fn is_first_non_decl_seen(depth: usize, roots: usize) -> bool {
    depth == 0 && roots == 0
}

fn name_ok(n: &str) -> bool {
    let mut cs = n.chars();
    cs.next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == ':')
        && cs.all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.'))
}

/// Object keys of a JSON document, or `None` if serde_json rejects it.
fn json_keys(b: &[u8]) -> Option<BTreeSet<String>> {
    let v: serde_json::Value = serde_json::from_slice(b).ok()?;
    let mut keys = BTreeSet::new();
    let mut stack = vec![&v];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    // Istanbul and criterion key objects by path: only count name-like keys.
                    if !k.contains('/') && !k.contains('.') {
                        keys.insert(k.clone());
                    }
                    stack.push(x);
                }
            }
            serde_json::Value::Array(a) => stack.extend(a.iter()),
            _ => {}
        }
    }
    Some(keys)
}

/// Object keys of every line of a JSON-lines document, or `None` if serde_json rejects a line.
fn json_lines_keys(b: &[u8]) -> Option<BTreeSet<String>> {
    let mut keys = BTreeSet::new();
    for line in b.split(|&c| c == b'\n') {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        keys.extend(json_keys(line)?);
    }
    Some(keys)
}

/// lcov 1.16's record grammar (plus the LCOV 2.x records), strictly: every line is blank or a
/// record, records other than `TN` sit between `SF` and `end_of_record`.
fn lcov_ok(b: &[u8]) -> bool {
    // lcov reads bytes: a non-UTF-8 path or name is not damage by itself; a control character is.
    let text = String::from_utf8_lossy(b);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text
        .chars()
        .any(|c| (c < ' ' && !matches!(c, '\t' | '\r' | '\n')) || c == '\u{7f}')
    {
        return false;
    }
    static REC: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let rec = REC.get_or_init(|| {
        // Line numbers and counts: any integer (a huge count is a valid count; a huge line
        // number may be an ERROR, which is always allowed); counts may be negative.
        let n = r"[0-9]+";
        let c = r"-?[0-9]+";
        regex::Regex::new(&format!(
            r"^(TN:.*|SF:.*|VER:.*|MCDC:.*|FN:{n}(,{n})?,.+|FNDA:{c},.+|FNF:{n}|FNH:{n}|FNL:{n},{n}(,{n})?|FNA:{n},{c},.+|DA:{n},{c}(,.*)?|BRDA:{n},[^,]*,.*,({c}|-)|BRF:{n}|BRH:{n}|LF:{n}|LH:{n}|end_of_record)$"
        ))
        .unwrap()
    });
    static SPACES: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    // White space around the separators of a record is read past, as the reader does.
    let spaces =
        SPACES.get_or_init(|| regex::Regex::new(r"^([A-Za-z_]+):[ \t]*|[ \t]*,[ \t]*").unwrap());
    let mut in_section = false;
    let mut sections = 0;
    for line in text.split('\n') {
        let l = line.trim_matches(['\r', ' ', '\t']);
        let l = spaces.replace_all(l, |c: &regex::Captures<'_>| match c.get(1) {
            Some(k) => format!("{}:", k.as_str()),
            None => ",".to_string(),
        });
        let l = l.as_ref();
        if l.is_empty() {
            continue;
        }
        if !rec.is_match(l) {
            return false;
        }
        if l.starts_with("SF:") {
            if in_section {
                return false;
            }
            in_section = true;
        } else if l == "end_of_record" {
            if !in_section {
                return false;
            }
            in_section = false;
            sections += 1;
        } else if !l.starts_with("TN:") && !in_section {
            return false;
        }
    }
    !in_section && sections > 0
}

/// `go tool cover`'s profile grammar.
fn gocover_ok(b: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(b) else {
        return false;
    };
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"^.+:[0-9]+\.[0-9]+,[0-9]+\.[0-9]+ [0-9]+ [0-9]+$").unwrap()
    });
    let mut lines = text.lines();
    if !lines
        .next()
        .is_some_and(|l| matches!(l, "mode: set" | "mode: count" | "mode: atomic"))
    {
        return false;
    }
    lines.all(|l| l.is_empty() || re.is_match(l))
}

/// The structure of a valid document: element names, keys, or `Some(empty)` for line formats.
fn shape(kind: Kind, b: &[u8]) -> Option<BTreeSet<String>> {
    match kind {
        Kind::Xml => xml_names(b),
        Kind::Json => json_keys(b),
        Kind::JsonLines => json_lines_keys(b),
        Kind::Lcov => lcov_ok(b).then(BTreeSet::new),
        Kind::Gocover => gocover_ok(b).then(BTreeSet::new),
        Kind::Text => Some(BTreeSet::new()),
    }
}

/// Damaged: rejected by the oracle, or (for a report) using a name the intact sample never uses.
fn damaged(kind: Kind, intact: &BTreeSet<String>, b: &[u8], names_matter: bool) -> bool {
    match shape(kind, b) {
        None => true,
        Some(names) => names_matter && !names.is_subset(intact),
    }
}

// ---------------------------------------------------------------------------------------------
// Running a gate on one input, with panic and hang bounds

enum Outcome {
    Ok(GateOutput),
    Err(String),
    Panic(String),
    Hang,
}

fn run_one(kind: &'static str, opts: String, name: String, body: Vec<u8>) -> Outcome {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let d = tempfile::tempdir().unwrap();
            let p = d.path().join(&name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, &body).unwrap();
            run_for_test(kind, &opts, d.path()).map_err(|e| format!("{e:#}"))
        }));
        let _ = tx.send(match r {
            Ok(Ok(o)) => Outcome::Ok(o),
            Ok(Err(e)) => Outcome::Err(e),
            Err(p) => Outcome::Panic(
                p.downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default(),
            ),
        });
    });
    rx.recv_timeout(HANG).unwrap_or(Outcome::Hang)
}

/// The figures compared: larger is better for `up`, smaller is better for `down`.
struct Figures {
    up: &'static [&'static str],
    down: &'static [&'static str],
}

/// A metric, or a sum of metrics (`critical+high`): a finding that moves to a higher severity
/// is not a better figure, one that moves lower is.
fn metric(o: &GateOutput, name: &str) -> Option<f64> {
    name.split('+')
        .map(|n| o.metrics.iter().find(|m| m.name == n).map(|m| m.value))
        .sum()
}

/// What one format's run found.
#[derive(Default)]
struct Tally {
    tried: usize,
    damaged: usize,
    errors: usize,
    failures: Vec<String>,
}

impl Sample {
    /// Whether a name the intact sample never uses is damage. Not for the `xml` gate (any
    /// well-formed document passes it) nor for scanners' JSON reports, whose readers ignore
    /// unknown keys by design (SARIF property bags, fields added by new scanner versions): only
    /// syntax damage counts there.
    fn names_matter(&self) -> bool {
        !matches!(self.gate, "xml" | "security")
    }
}

struct Sample {
    format: &'static str,
    kind: Kind,
    gate: &'static str,
    /// Gate options; `{}` is replaced by the file name.
    opts: &'static str,
    path: &'static str,
    figures: Figures,
}

const COVERAGE: Figures = Figures {
    up: &["line", "branch"],
    down: &[],
};
const JUNIT: Figures = Figures {
    up: &["passed", "pass_rate"],
    down: &["failed", "errors"],
};
const SECURITY: Figures = Figures {
    up: &[],
    down: &["critical", "critical+high", "critical+high+medium", "total"],
};
const XMLGATE: Figures = Figures {
    up: &[],
    down: &["errors", "invalid_files"],
};
const NONE: Figures = Figures { up: &[], down: &[] };
const DIAGNOSTICS: Figures = Figures {
    up: &[],
    down: &["errors", "errors+warnings", "total"],
};

fn fuzz(samples: &[Sample]) -> BTreeMap<&'static str, Tally> {
    let n = iters();
    let mut out: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut rng = XorShift(seed());
    for s in samples {
        let src = std::fs::read(fixtures().join(s.path)).unwrap();
        let name = Path::new(s.path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let opts = s.opts.replace("{}", &name);
        let intact_shape = shape(s.kind, &src)
            .unwrap_or_else(|| panic!("the oracle rejects the intact sample {}", s.path));
        let intact = match run_one(s.gate, opts.clone(), name.clone(), src.clone()) {
            Outcome::Ok(o) => o,
            Outcome::Err(e) => panic!("intact {}: {e}", s.path),
            Outcome::Panic(p) => panic!("intact {}: panic {p}", s.path),
            Outcome::Hang => panic!("intact {}: hang", s.path),
        };
        // Large samples get fewer inputs (each costs more), never fewer than 8.
        let count = (n * 64 * 1024 / src.len().max(64 * 1024)).max(8.min(n));
        let t = out.entry(s.format).or_default();
        for i in 0..count {
            let m = ALL[(i + rng.below(ALL.len())) % ALL.len()];
            let body = mutate(&mut rng, &src, m);
            if body == src {
                continue;
            }
            t.tried += 1;
            let is_damaged = damaged(s.kind, &intact_shape, &body, s.names_matter());
            t.damaged += usize::from(is_damaged);
            let what = format!(
                "{} {m:?} #{i} (GATEKEEP_FUZZ_SEED={})",
                s.path,
                std::env::var("GATEKEEP_FUZZ_SEED").unwrap_or_else(|_| "unset".into())
            );
            match run_one(s.gate, opts.clone(), name.clone(), body.clone()) {
                Outcome::Panic(p) => t.failures.push(format!("{what}: panic: {p}")),
                Outcome::Hang => t
                    .failures
                    .push(format!("{what}: no result within {HANG:?}")),
                Outcome::Err(_) => t.errors += 1,
                Outcome::Ok(o) if is_damaged => {
                    for &k in s.figures.up {
                        if let (Some(a), Some(b)) = (metric(&intact, k), metric(&o, k))
                            && b > a + 1e-9
                        {
                            t.failures
                                .push(format!("{what}: damaged input raised `{k}` {a} → {b}"));
                        }
                    }
                    for &k in s.figures.down {
                        let a = metric(&intact, k).unwrap_or(0.0);
                        match metric(&o, k) {
                            Some(b) if b + 1e-9 < a => t
                                .failures
                                .push(format!("{what}: damaged input lowered `{k}` {a} → {b}")),
                            None if a > 0.0 => t
                                .failures
                                .push(format!("{what}: damaged input lost `{k}` (was {a})")),
                            _ => {}
                        }
                    }
                    if s.gate == "xml" && metric(&o, "errors").unwrap_or(0.0) == 0.0 {
                        t.failures
                            .push(format!("{what}: a damaged XML file passes the xml gate"));
                    }
                }
                Outcome::Ok(_) => {}
            }
        }
    }
    out
}

fn report(name: &str, tallies: &BTreeMap<&'static str, Tally>) {
    let mut failures = Vec::new();
    for (format, t) in tallies {
        eprintln!(
            "fuzz {name} {format}: {} inputs, {} damaged by the oracle, {} ERROR, {} failures",
            t.tried,
            t.damaged,
            t.errors,
            t.failures.len()
        );
        failures.extend(t.failures.iter().cloned());
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

macro_rules! sample {
    ($format:expr, $kind:expr, $gate:expr, $opts:expr, $path:expr, $fig:expr) => {
        Sample {
            format: $format,
            kind: $kind,
            gate: $gate,
            opts: $opts,
            path: $path,
            figures: $fig,
        }
    };
}

const COV: &str = "reports = [\"{}\"]";

#[test]
fn fuzz_coverage_xml_reports() {
    let s = [
        sample!(
            "cobertura",
            Kind::Xml,
            "coverage",
            COV,
            "coverage/python/coverage.xml",
            COVERAGE
        ),
        sample!(
            "cobertura",
            Kind::Xml,
            "coverage",
            COV,
            "coverage/c/gcovr-cobertura.xml",
            COVERAGE
        ),
        sample!(
            "cobertura",
            Kind::Xml,
            "coverage",
            COV,
            "coverage/dotnet/coverage.cobertura.xml",
            COVERAGE
        ),
        sample!(
            "cobertura",
            Kind::Xml,
            "coverage",
            COV,
            "coverage/js/nyc/cobertura-coverage.xml",
            COVERAGE
        ),
        sample!(
            "clover",
            Kind::Xml,
            "coverage",
            COV,
            "coverage/php/byte-buffer-clover.xml",
            COVERAGE
        ),
        sample!(
            "clover",
            Kind::Xml,
            "coverage",
            COV,
            "coverage/c/gcovr-clover.xml",
            COVERAGE
        ),
        sample!(
            "clover",
            Kind::Xml,
            "coverage",
            COV,
            "coverage/js/c8/clover.xml",
            COVERAGE
        ),
        sample!(
            "opencover",
            Kind::Xml,
            "coverage",
            COV,
            "coverage/dotnet/coverage.opencover.xml",
            COVERAGE
        ),
        sample!(
            "opencover",
            Kind::Xml,
            "coverage",
            COV,
            "coverage/dotnet/badge-example.opencover.xml",
            COVERAGE
        ),
        sample!(
            "jacoco",
            Kind::Xml,
            "coverage",
            COV,
            "coverage/c/gcovr-jacoco.xml",
            COVERAGE
        ),
        sample!(
            "jacoco",
            Kind::Xml,
            "coverage",
            COV,
            "coverage/java/pureedgesim-jacoco.xml",
            COVERAGE
        ),
        sample!(
            "sonar-generic",
            Kind::Xml,
            "coverage",
            COV,
            "coverage/sonarqube/gcovr-8.8-sonarqube.xml",
            COVERAGE
        ),
        sample!(
            "sonar-generic",
            Kind::Xml,
            "coverage",
            COV,
            "coverage/sonarqube/sonarqube-scanner-test.xml",
            COVERAGE
        ),
    ];
    report("coverage-xml", &fuzz(&s));
}

#[test]
fn fuzz_coverage_text_and_json_reports() {
    let s = [
        sample!(
            "lcov",
            Kind::Lcov,
            "coverage",
            COV,
            "coverage/python/coverage.lcov",
            COVERAGE
        ),
        sample!(
            "lcov",
            Kind::Lcov,
            "coverage",
            COV,
            "coverage/c/lcov-capture.info",
            COVERAGE
        ),
        sample!(
            "lcov",
            Kind::Lcov,
            "coverage",
            COV,
            "coverage/rust/llvm-cov-branch.lcov",
            COVERAGE
        ),
        sample!(
            "lcov",
            Kind::Lcov,
            "coverage",
            COV,
            "coverage/js/nyc/lcov.info",
            COVERAGE
        ),
        sample!(
            "lcov",
            Kind::Lcov,
            "coverage",
            COV,
            "coverage/dotnet/coverage.info",
            COVERAGE
        ),
        sample!(
            "gocover",
            Kind::Gocover,
            "coverage",
            COV,
            "coverage/go/cover-count.out",
            COVERAGE
        ),
        sample!(
            "gocover",
            Kind::Gocover,
            "coverage",
            COV,
            "coverage/go/cover-set.out",
            COVERAGE
        ),
        sample!(
            "coveragepy-json",
            Kind::Json,
            "coverage",
            COV,
            "coverage/python/coverage.json",
            COVERAGE
        ),
        sample!(
            "llvm-cov-json",
            Kind::Json,
            "coverage",
            COV,
            "coverage/rust/llvm-cov-branch.json",
            COVERAGE
        ),
        sample!(
            "istanbul-json",
            Kind::Json,
            "coverage",
            COV,
            "coverage/js/nyc/coverage-final.json",
            COVERAGE
        ),
        sample!(
            "istanbul-json",
            Kind::Json,
            "coverage",
            COV,
            "coverage/js/c8/coverage-final.json",
            COVERAGE
        ),
        sample!(
            "simplecov",
            Kind::Json,
            "coverage",
            COV,
            "coverage/simplecov/branch-2-commands.resultset.json",
            COVERAGE
        ),
        sample!(
            "simplecov",
            Kind::Json,
            "coverage",
            COV,
            "coverage/simplecov/simplecov-old-format.resultset.json",
            COVERAGE
        ),
        sample!(
            "gcovr-json",
            Kind::Json,
            "coverage",
            COV,
            "coverage/gcovr-json/gcovr-8.8.json",
            COVERAGE
        ),
        sample!(
            "gcovr-json",
            Kind::Json,
            "coverage",
            COV,
            "coverage/gcovr-json/gcovr-5.2.json",
            COVERAGE
        ),
        sample!(
            "coveralls",
            Kind::Json,
            "coverage",
            COV,
            "coverage/coveralls/coveralls-python-4.1.0.json",
            COVERAGE
        ),
        sample!(
            "coveralls",
            Kind::Json,
            "coverage",
            COV,
            "coverage/coveralls/node-coveralls-3.1.1-nyc.json",
            COVERAGE
        ),
        sample!(
            "coveralls",
            Kind::Json,
            "coverage",
            COV,
            "coverage/coveralls/gcovr-8.8-coveralls.json",
            COVERAGE
        ),
    ];
    report("coverage-text-json", &fuzz(&s));
}

const JU: &str = "reports = [\"{}\"]";

#[test]
fn fuzz_junit_reports() {
    let s = [
        sample!(
            "junit",
            Kind::Xml,
            "junit",
            JU,
            "junit/pytest/junit-xunit1.xml",
            JUNIT
        ),
        sample!(
            "junit",
            Kind::Xml,
            "junit",
            JU,
            "junit/jest/junit.xml",
            JUNIT
        ),
        sample!(
            "junit",
            Kind::Xml,
            "junit",
            JU,
            "junit/go/report.xml",
            JUNIT
        ),
        sample!(
            "junit",
            Kind::Xml,
            "junit",
            JU,
            "junit/nextest/junit.xml",
            JUNIT
        ),
        sample!(
            "junit",
            Kind::Xml,
            "junit",
            JU,
            "junit/surefire/TEST-com.shape.CircleTest.xml",
            JUNIT
        ),
        sample!(
            "junit",
            Kind::Xml,
            "junit",
            JU,
            "junit/surefire/TEST-org.acme.FlakyTest.xml",
            JUNIT
        ),
    ];
    report("junit", &fuzz(&s));
}

const PERF: &str = "sources = [{ path = \"{}\", name = \"p\" }]";

#[test]
fn fuzz_perf_inputs() {
    let s = [
        sample!(
            "hyperfine",
            Kind::Json,
            "perf",
            PERF,
            "perf/hyperfine/hyperfine.json",
            NONE
        ),
        sample!(
            "pytest-benchmark",
            Kind::Json,
            "perf",
            PERF,
            "perf/pytest-benchmark/pytest-benchmark.json",
            NONE
        ),
        sample!(
            "k6",
            Kind::Json,
            "perf",
            PERF,
            "perf/k6/summary-export-ticket-reserve.json",
            NONE
        ),
        sample!(
            "criterion",
            Kind::Json,
            "perf",
            PERF,
            "perf/criterion/sort/100/new/estimates.json",
            NONE
        ),
        sample!(
            "gobench",
            Kind::Text,
            "perf",
            PERF,
            "perf/gobench/gobench.txt",
            NONE
        ),
    ];
    report("perf", &fuzz(&s));
}

const SEC: &str = "builtin = false\nreports = [\"{}\"]\n";

#[test]
fn fuzz_security_reports() {
    let s = [
        sample!(
            "sarif",
            Kind::Json,
            "security",
            SEC,
            "security/reports/bandit.sarif",
            SECURITY
        ),
        sample!(
            "sarif",
            Kind::Json,
            "security",
            SEC,
            "security/reports/gitleaks.sarif",
            SECURITY
        ),
        sample!(
            "npm-audit",
            Kind::Json,
            "security",
            SEC,
            "security/reports/npm-audit-v2.json",
            SECURITY
        ),
        sample!(
            "cargo-audit",
            Kind::Json,
            "security",
            SEC,
            "security/reports/cargo-audit.json",
            SECURITY
        ),
        sample!(
            "grype",
            Kind::Json,
            "security",
            SEC,
            "security/reports/grype.json",
            SECURITY
        ),
        sample!(
            "gitleaks",
            Kind::Json,
            "security",
            SEC,
            "security/reports/gitleaks.json",
            SECURITY
        ),
    ];
    report("security", &fuzz(&s));
}

const XMLG: &str = "";

#[test]
fn fuzz_xml_gate() {
    let s = [
        sample!(
            "xml",
            Kind::Xml,
            "xml",
            XMLG,
            "xml/wf/comment/ok.xml",
            XMLGATE
        ),
        sample!("xml", Kind::Xml, "xml", XMLG, "xml/wf/amp/ok.xml", XMLGATE),
        sample!(
            "xml",
            Kind::Xml,
            "xml",
            XMLG,
            "junit/jest/junit.xml",
            XMLGATE
        ),
        sample!(
            "xml",
            Kind::Xml,
            "xml",
            XMLG,
            "coverage/dotnet/coverage.cobertura.xml",
            XMLGATE
        ),
    ];
    report("xml", &fuzz(&s));
}

const DIAG: &str = "reports = [\"{}\"]";

/// The `diagnostics` gate's formats. The text formats without a count of their own (tsc
/// `--pretty false`, GCC/Clang, mypy text) have no independent grammar here: only panics and
/// hangs are checked for them (a log cut at a line boundary is a shorter valid log).
#[test]
fn fuzz_diagnostics_reports() {
    let s = [
        sample!(
            "eslint",
            Kind::Json,
            "diagnostics",
            DIAG,
            "diagnostics/eslint/eslint.json",
            DIAGNOSTICS
        ),
        sample!(
            "biome",
            Kind::Json,
            "diagnostics",
            DIAG,
            "diagnostics/biome/biome-lint.json",
            DIAGNOSTICS
        ),
        sample!(
            "ruff",
            Kind::Json,
            "diagnostics",
            DIAG,
            "diagnostics/ruff/ruff.json",
            DIAGNOSTICS
        ),
        sample!(
            "pyright",
            Kind::Json,
            "diagnostics",
            DIAG,
            "diagnostics/pyright/pyright.json",
            DIAGNOSTICS
        ),
        sample!(
            "golangci-lint",
            Kind::Json,
            "diagnostics",
            DIAG,
            "diagnostics/golangci-lint/golden-json.json",
            DIAGNOSTICS
        ),
        sample!(
            "sarif-linter",
            Kind::Json,
            "diagnostics",
            DIAG,
            "diagnostics/sarif/ruff.sarif",
            DIAGNOSTICS
        ),
        sample!(
            "cargo",
            Kind::JsonLines,
            "diagnostics",
            DIAG,
            "diagnostics/cargo/clippy.json",
            DIAGNOSTICS
        ),
        sample!(
            "mypy-json",
            Kind::JsonLines,
            "diagnostics",
            DIAG,
            "diagnostics/mypy/mypy.json",
            DIAGNOSTICS
        ),
        sample!(
            "checkstyle",
            Kind::Xml,
            "diagnostics",
            DIAG,
            "diagnostics/checkstyle/eslint-checkstyle.xml",
            DIAGNOSTICS
        ),
        sample!(
            "tsc",
            Kind::Text,
            "diagnostics",
            DIAG,
            "diagnostics/tsc/tsc.txt",
            DIAGNOSTICS
        ),
        sample!(
            "gcc",
            Kind::Text,
            "diagnostics",
            DIAG,
            "diagnostics/gcc/gcc.txt",
            DIAGNOSTICS
        ),
        sample!(
            "mypy",
            Kind::Text,
            "diagnostics",
            DIAG,
            "diagnostics/mypy/mypy.txt",
            DIAGNOSTICS
        ),
        sample!(
            "go-vet",
            Kind::Text,
            "diagnostics",
            DIAG,
            "diagnostics/go-vet/vet-json.txt",
            DIAGNOSTICS
        ),
    ];
    report("diagnostics", &fuzz(&s));
}
