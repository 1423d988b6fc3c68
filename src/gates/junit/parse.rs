//! A streaming reader of one JUnit XML report.
//!
//! The report is read with quick-xml over a `BufReader` and a reused event buffer. Text the gate
//! does not use — captured output, stack traces past their first line — is skipped straight from
//! the input without being buffered (`skip_text`), so memory is bounded by the nesting depth and
//! the size of one tag (or of one run of a failure's text before its first line is complete), not
//! by the size of the file.
//!
//! Counts come from the `<testcase>` elements. The headline attributes of `<testsuite>` /
//! `<testsuites>` (`tests=`, `failures=`, `errors=`, `skipped=`) are only compared with them, and
//! each disagreement is returned as a [`Mismatch`].
//!
//! An element the reader does not know directly inside `<testsuites>`, `<testsuite>` or
//! `<testcase>` (a `<failur>`, a `<test-case>`) is an error, never skipped: it may hold a result.
//! Entities declared in the report's own internal DTD subset are resolved. The cost of each
//! event does not depend on the nesting depth.

use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::collections::HashSet;
use std::fmt;
use std::io::{BufRead, Read};
use std::sync::Arc;

/// How one test case ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed,
    Error,
    Skipped,
}

/// Test case counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tests: u64,
    pub passed: u64,
    pub failed: u64,
    pub errors: u64,
    pub skipped: u64,
    /// Passed, but only after one or more failed attempts (`<flakyFailure>` / `<flakyError>`).
    pub flaky: u64,
}

impl Counts {
    fn add_outcome(&mut self, o: Outcome, flaky: bool) {
        self.tests += 1;
        match o {
            Outcome::Passed => {
                self.passed += 1;
                if flaky {
                    self.flaky += 1;
                }
            }
            Outcome::Failed => self.failed += 1,
            Outcome::Error => self.errors += 1,
            Outcome::Skipped => self.skipped += 1,
        }
    }

    pub fn add(&mut self, o: &Counts) {
        self.tests += o.tests;
        self.passed += o.passed;
        self.failed += o.failed;
        self.errors += o.errors;
        self.skipped += o.skipped;
        self.flaky += o.flaky;
    }
}

/// A test case that failed or errored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub outcome: Outcome,
    pub classname: String,
    pub name: String,
    /// First non-empty line of the failure message (see [`first_line`]).
    pub message: String,
    /// The `file` attribute of the test case, as written.
    pub file: Option<String>,
    /// The `line` attribute, 1-based (pytest's 0-based lines are converted).
    pub line: Option<u64>,
    /// Line of the `<testcase>` element in the report.
    pub report_line: u64,
}

/// A suite whose headline attributes disagree with its test cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// `testsuite` or `testsuites`.
    pub element: &'static str,
    pub name: Option<String>,
    /// Line of the element in the report.
    pub line: u64,
    /// `(attribute, headline value, counted value)` for each attribute that differs.
    pub diffs: Vec<(&'static str, u64, u64)>,
}

/// What one report holds.
#[derive(Debug, Default)]
pub struct Report {
    pub counts: Counts,
    pub failures: Vec<Failure>,
    pub mismatches: Vec<Mismatch>,
    /// Names (`classname::name`) of the first few flaky tests.
    pub flaky_names: Vec<String>,
    /// Whether the report was recognised as pytest's (0-based `line` attributes).
    pub pytest: bool,
    /// The watched tests that passed ([`parse_watching`]).
    pub passed_watched: Vec<TestId>,
}

/// How many flaky test names are kept per report.
pub const MAX_FLAKY_NAMES: usize = 10;
/// How many bytes of a failure body are kept while looking for its first line.
const MAX_BODY: usize = 1024;
/// Event buffer capacity kept between events.
const MAX_KEPT_BUFFER: usize = 1 << 20;
/// Longest message kept in a finding, in characters.
const MAX_MESSAGE: usize = 200;

/// Why a report could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// Malformed XML, at a byte offset of the input.
    #[error("{message}")]
    Xml { offset: u64, message: String },
    /// Well-formed so far, but not a JUnit report.
    #[error("{message}")]
    NotJunit { offset: u64, message: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl ParseError {
    /// The byte offset the error is about, if any.
    pub fn offset(&self) -> Option<u64> {
        match self {
            ParseError::Xml { offset, .. } | ParseError::NotJunit { offset, .. } => Some(*offset),
            ParseError::Io(_) => None,
        }
    }
}

/// A `BufRead` that counts the newlines it hands out, to know the line of each tag.
struct LineCounter<R> {
    inner: R,
    newlines: u64,
}

impl<R: BufRead> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.newlines += count_newlines(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineCounter<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            self.newlines += count_newlines(buf.get(..amt).unwrap_or(buf));
        }
        self.inner.consume(amt)
    }
}

fn count_newlines(b: &[u8]) -> u64 {
    b.iter().filter(|&&c| c == b'\n').count() as u64
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Elem {
    Suites,
    Suite,
    Case,
    /// `<failure>`, `<error>`, `<skipped>`, `<flakyFailure>`, …
    Result(ResultKind),
    Other,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ResultKind {
    Failure,
    Error,
    Skipped,
    Flaky,
    Rerun,
}

impl ResultKind {
    fn of(local: &str) -> Option<ResultKind> {
        Some(match local {
            "failure" => ResultKind::Failure,
            "error" => ResultKind::Error,
            "skipped" => ResultKind::Skipped,
            "flakyFailure" | "flakyError" => ResultKind::Flaky,
            "rerunFailure" | "rerunError" => ResultKind::Rerun,
            _ => return None,
        })
    }
}

/// The headline and the counted test cases of one open suite.
struct SuiteFrame {
    element: &'static str,
    name: Option<String>,
    line: u64,
    headline: Headline,
    counts: Counts,
}

#[derive(Default)]
struct Headline {
    tests: Option<u64>,
    failures: Option<u64>,
    errors: Option<u64>,
    skipped: Option<u64>,
}

/// The message of a `<failure>` / `<error>`: its `message` attribute and the first line of its body.
#[derive(Default)]
struct Message {
    attr: Option<String>,
    body: String,
    /// The body's first non-empty line is complete.
    body_done: bool,
}

impl Message {
    fn push_text(&mut self, s: &str) {
        if self.body_done {
            return;
        }
        for ch in s.chars() {
            if ch == '\n' || ch == '\r' {
                if !self.body.trim().is_empty() {
                    self.body_done = true;
                    return;
                }
                self.body.clear();
                continue;
            }
            if self.body.len() >= MAX_BODY {
                self.body_done = true;
                return;
            }
            self.body.push(ch);
        }
    }

    /// The message shown: the `message` attribute's first line, unless it is absent or a
    /// generic placeholder (go-junit-report writes `Failed`, jest-junit writes none), in which
    /// case the first line of the body.
    fn text(&self) -> String {
        let attr = self.attr.as_deref().map(first_line).unwrap_or_default();
        let body = first_line(&self.body);
        let generic = matches!(
            attr.to_ascii_lowercase().as_str(),
            "" | "failed" | "failure" | "error" | "build error" | "runtime error"
        );
        let chosen = if generic && !body.is_empty() {
            body
        } else {
            attr
        };
        truncate(chosen, MAX_MESSAGE)
    }
}

/// The first non-empty line of `s`, trimmed.
pub fn first_line(s: &str) -> &str {
    s.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// `s` with runs of white space collapsed to one space, cut to `max_chars` characters.
fn truncate(s: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
        if out.len() > max_chars * 4 {
            break;
        }
    }
    match out.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", out.get(..i).unwrap_or_default()),
        None => out,
    }
}

/// The test case being read.
#[derive(Default)]
struct CaseState {
    classname: String,
    name: String,
    file: Option<String>,
    line: Option<u64>,
    report_line: u64,
    failure: Option<Message>,
    error: Option<Message>,
    skipped: bool,
    flaky: bool,
}

impl CaseState {
    fn outcome(&self) -> Outcome {
        if self.error.is_some() {
            Outcome::Error
        } else if self.failure.is_some() {
            Outcome::Failed
        } else if self.skipped {
            Outcome::Skipped
        } else {
            Outcome::Passed
        }
    }
}

/// A test's identity across runs: (class name, name), each trimmed.
pub type TestId = (String, String);

/// The identity of a test case.
pub fn test_id(classname: &str, name: &str) -> TestId {
    (classname.trim().to_string(), name.trim().to_string())
}

/// Parses one report from `input`.
pub fn parse<R: BufRead>(input: R, buf: &mut Vec<u8>) -> Result<Report, ParseError> {
    parse_watching(input, buf, None)
}

/// [`parse`], also listing in [`Report::passed_watched`] the tests of `watch` that passed (the
/// baseline's failing tests, to count the fixed ones without keeping every passed test).
pub fn parse_watching<R: BufRead>(
    input: R,
    buf: &mut Vec<u8>,
    watch: Option<Arc<HashSet<TestId>>>,
) -> Result<Report, ParseError> {
    let mut reader = quick_xml::Reader::from_reader(LineCounter {
        inner: input,
        newlines: 0,
    });
    reader.config_mut().check_end_names = true;
    let mut p = Parser {
        watch: watch.filter(|w| !w.is_empty()),
        ..Parser::default()
    };
    let mut entities: HashMap<String, String> = HashMap::new();
    let mut after_markup = false;
    loop {
        buf.clear();
        if buf.capacity() > MAX_KEPT_BUFFER {
            // One huge text node must not keep its memory for the rest of the run.
            buf.shrink_to(64 * 1024);
        }
        if after_markup && !p.stack.is_empty() && !p.wants_text() {
            // Text nobody reads (captured output, stack traces past their first line) is skipped
            // straight from the input, so a huge `<system-out>` is never held in memory. Only
            // right after markup: after a text event quick-xml may stand at an `&` it expects.
            skip_text(&mut reader)?;
        }
        let line = reader.get_ref().newlines + 1;
        let start = reader.buffer_position();
        let event = match reader.read_event_into(buf) {
            Ok(e) => e,
            Err(e) => {
                return Err(ParseError::Xml {
                    offset: reader.error_position(),
                    message: e.to_string(),
                });
            }
        };
        after_markup = !matches!(event, Event::Text(_) | Event::GeneralRef(_));
        let res = match event {
            Event::Start(e) => p.start(&e, line, false, &entities),
            Event::Empty(e) => p.start(&e, line, true, &entities),
            Event::End(_) => {
                p.end();
                Ok(())
            }
            Event::Text(t) => {
                if !p.capturing() && p.root_seen && p.stack.is_empty() && !t.trim().is_empty() {
                    Err("text after the root element".to_string())
                } else {
                    p.text(&t.xml10_content());
                    Ok(())
                }
            }
            Event::CData(t) => {
                p.text(&t.xml10_content());
                Ok(())
            }
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(c)) => {
                    p.text(c.encode_utf8(&mut [0u8; 4]));
                    Ok(())
                }
                Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                    Some(s) => {
                        p.text(s);
                        Ok(())
                    }
                    None => match entities.get(&*r) {
                        Some(v) => {
                            let text = expand(v, &entities);
                            p.text(&text);
                            Ok(())
                        }
                        None => Err(format!("unknown entity `&{};`", &*r)),
                    },
                },
                Err(e) => Err(e.to_string()),
            },
            Event::Eof => break,
            Event::DocType(d) => {
                entities = internal_entities(d.as_ref());
                Ok(())
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => Ok(()),
        };
        if let Err(message) = res {
            return Err(match p.not_junit {
                true => ParseError::NotJunit {
                    offset: start,
                    message,
                },
                false => ParseError::Xml {
                    offset: start,
                    message,
                },
            });
        }
    }
    if !p.root_seen {
        return Err(ParseError::NotJunit {
            offset: reader.buffer_position(),
            message: "no root element: the file is empty or holds no XML element".into(),
        });
    }
    if !p.stack.is_empty() {
        return Err(ParseError::Xml {
            offset: reader.buffer_position(),
            message: "unexpected end of file: unclosed elements".into(),
        });
    }
    Ok(p.report)
}

/// The general entities declared with a literal value in an internal DTD subset
/// (`<!ENTITY name "value">`); parameter and external entities are not read (a reference to one
/// stays an error).
fn internal_entities(doctype: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut rest = doctype;
    while let Some(i) = rest.find("<!ENTITY") {
        rest = rest.get(i + "<!ENTITY".len()..).unwrap_or_default();
        let t = rest.trim_start();
        if t.starts_with('%') {
            continue;
        }
        let name_end = t.find(|c: char| c.is_whitespace()).unwrap_or(t.len());
        let name = t.get(..name_end).unwrap_or_default();
        let v = t.get(name_end..).unwrap_or_default().trim_start();
        let Some(q) = v.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let body = v.get(1..).unwrap_or_default();
        let Some(end) = body.find(q) else { break };
        if !name.is_empty() {
            out.entry(name.to_string())
                .or_insert_with(|| body.get(..end).unwrap_or_default().to_string());
        }
        rest = body.get(end..).unwrap_or_default();
    }
    out
}

/// How deep entity values may refer to other entities.
const ENTITY_DEPTH: usize = 8;

/// The replacement text of an internal entity with its character and entity references resolved
/// (the raw value when it cannot be).
fn expand(v: &str, entities: &HashMap<String, String>) -> String {
    let mut depth = 0usize;
    let mut cur = v.to_string();
    while cur.contains('&') && depth < ENTITY_DEPTH {
        depth += 1;
        match quick_xml::escape::unescape_with(&cur, |n| {
            quick_xml::escape::resolve_predefined_entity(n)
                .or_else(|| entities.get(n).map(String::as_str))
        }) {
            Ok(next) => {
                let next = next.into_owned();
                if next == cur {
                    break;
                }
                cur = next;
            }
            Err(_) => break,
        }
    }
    cur
}

/// An attribute value, normalized, with predefined, character and internal DTD entities resolved.
fn attr_value<'a>(
    a: &quick_xml::events::attributes::Attribute<'a>,
    entities: &HashMap<String, String>,
) -> Result<std::borrow::Cow<'a, str>, String> {
    a.normalized_value_with(quick_xml::XmlVersion::Implicit1_0, ENTITY_DEPTH, |n| {
        quick_xml::escape::resolve_predefined_entity(n)
            .or_else(|| entities.get(n).map(String::as_str))
    })
    .map_err(|err| err.to_string())
}

/// Elements known directly inside `<testsuites>` / `<testsuite>`.
fn known_in_suite(local: &str) -> bool {
    matches!(
        local,
        "testsuites" | "testsuite" | "testcase" | "properties" | "system-out" | "system-err"
    )
}

/// Elements known directly inside `<testcase>` besides the results ([`ResultKind`]).
fn known_in_case(local: &str) -> bool {
    matches!(local, "system-out" | "system-err" | "properties")
}

/// Skips character data and CDATA sections at the reader's position without buffering them,
/// stopping at the next markup that is not CDATA (or at the end of the input). Text skipped this
/// way is not checked (entities, UTF-8): it is content the gate does not use.
fn skip_text<R: BufRead>(reader: &mut quick_xml::Reader<R>) -> Result<(), ParseError> {
    const CDATA_OPEN: &[u8] = b"<![CDATA[";
    let mut s = reader.stream();
    loop {
        let chunk = s.fill_buf()?;
        if chunk.is_empty() {
            return Ok(());
        }
        match chunk.iter().position(|&b| b == b'<') {
            Some(0) => {
                // Markup: skip it only when it is a CDATA section and its opening is in view.
                if chunk.len() < CDATA_OPEN.len() || !chunk.starts_with(CDATA_OPEN) {
                    return Ok(());
                }
                s.consume(CDATA_OPEN.len());
                skip_cdata_body(&mut s)?;
            }
            Some(i) => s.consume(i),
            None => {
                let n = chunk.len();
                s.consume(n);
            }
        }
    }
}

/// Consumes the rest of a CDATA section, up to and including its `]]>`.
fn skip_cdata_body<B: BufRead>(s: &mut B) -> Result<(), ParseError> {
    let mut brackets = 0usize;
    loop {
        let chunk = s.fill_buf()?;
        if chunk.is_empty() {
            // Unterminated: quick-xml reports the end of input on the next read.
            return Ok(());
        }
        let mut end = None;
        for (i, &b) in chunk.iter().enumerate() {
            match b {
                b']' => brackets = (brackets + 1).min(2),
                b'>' if brackets == 2 => {
                    end = Some(i + 1);
                    break;
                }
                _ => brackets = 0,
            }
        }
        match end {
            Some(n) => {
                s.consume(n);
                return Ok(());
            }
            None => {
                let n = chunk.len();
                s.consume(n);
            }
        }
    }
}

#[derive(Default)]
struct Parser {
    stack: Vec<Elem>,
    /// How many `<testcase>` elements are open (kept so no event scans the stack).
    cases_open: usize,
    suites: Vec<SuiteFrame>,
    case: Option<CaseState>,
    /// The `<failure>`/`<error>` whose body is being read (failure: false, error: true).
    capture: Option<bool>,
    root_seen: bool,
    /// The pending error is about the document's shape rather than its syntax.
    not_junit: bool,
    report: Report,
    /// Tests whose passing is reported ([`parse_watching`]).
    watch: Option<Arc<HashSet<TestId>>>,
}

impl Parser {
    fn capturing(&self) -> bool {
        self.capture.is_some()
    }

    /// Whether the next text is needed: the first line of a failure's body not yet complete.
    fn wants_text(&self) -> bool {
        let (Some(is_error), Some(case)) = (self.capture, self.case.as_ref()) else {
            return false;
        };
        let msg = if is_error { &case.error } else { &case.failure };
        msg.as_ref().is_some_and(|m| !m.body_done)
    }

    fn start(
        &mut self,
        e: &BytesStart<'_>,
        line: u64,
        empty: bool,
        entities: &HashMap<String, String>,
    ) -> Result<(), String> {
        let qname = e.name();
        let local = qname.local_name();
        let local = local.as_ref();
        let in_case = self.cases_open > 0;
        let parent = self.stack.last().copied();
        let unknown = match parent {
            Some(Elem::Suites | Elem::Suite) if !known_in_suite(local) => Some(match parent {
                Some(Elem::Suites) => "testsuites",
                _ => "testsuite",
            }),
            Some(Elem::Case) if ResultKind::of(local).is_none() && !known_in_case(local) => {
                Some("testcase")
            }
            _ => None,
        };
        if let Some(parent) = unknown {
            self.not_junit = true;
            return Err(format!(
                "unknown element <{local}> inside <{parent}>: a damaged report, or a producer gatekeep does not know; it may hold test results, so the report is not read in part"
            ));
        }
        let elem = if !self.root_seen {
            self.root_seen = true;
            match local {
                "testsuites" => Elem::Suites,
                "testsuite" => Elem::Suite,
                other => {
                    self.not_junit = true;
                    return Err(format!(
                        "not a JUnit report: the root element is <{}>, expected <testsuites> or <testsuite>",
                        other
                    ));
                }
            }
        } else if self.stack.is_empty() {
            return Err("a second root element".into());
        } else if in_case {
            match (self.stack.last(), ResultKind::of(local)) {
                (Some(Elem::Case), Some(k)) => Elem::Result(k),
                _ => Elem::Other,
            }
        } else if matches!(self.stack.last(), Some(Elem::Suites | Elem::Suite)) {
            match local {
                "testsuites" => Elem::Suites,
                "testsuite" => Elem::Suite,
                "testcase" => Elem::Case,
                _ => Elem::Other,
            }
        } else {
            Elem::Other
        };
        match elem {
            Elem::Suites | Elem::Suite => {
                let mut frame = SuiteFrame {
                    element: if elem == Elem::Suites {
                        "testsuites"
                    } else {
                        "testsuite"
                    },
                    name: None,
                    line,
                    headline: Headline::default(),
                    counts: Counts::default(),
                };
                for a in e.attributes() {
                    let a = a.map_err(|err| err.to_string())?;
                    let value = || attr_value(&a, entities);
                    match a.key.local_name().as_ref() {
                        "name" => frame.name = Some(value()?.into_owned()),
                        "tests" => frame.headline.tests = value()?.trim().parse().ok(),
                        "failures" => frame.headline.failures = value()?.trim().parse().ok(),
                        "errors" => frame.headline.errors = value()?.trim().parse().ok(),
                        "skipped" => frame.headline.skipped = value()?.trim().parse().ok(),
                        _ => {}
                    }
                }
                if let Some(n) = &frame.name {
                    let is_pytest = match elem {
                        Elem::Suites => n.starts_with("pytest"),
                        _ => n == "pytest",
                    };
                    self.report.pytest |= is_pytest;
                }
                self.suites.push(frame);
            }
            Elem::Case => {
                let mut case = CaseState {
                    report_line: line,
                    ..CaseState::default()
                };
                let mut raw_line = None;
                for a in e.attributes() {
                    let a = a.map_err(|err| err.to_string())?;
                    let value = || attr_value(&a, entities);
                    match a.key.local_name().as_ref() {
                        "classname" => case.classname = value()?.into_owned(),
                        "name" => case.name = value()?.into_owned(),
                        "file" => {
                            case.file = Some(value()?.into_owned()).filter(|f| !f.trim().is_empty())
                        }
                        "line" => raw_line = value()?.trim().parse::<u64>().ok(),
                        _ => {}
                    }
                }
                case.line = raw_line;
                self.case = Some(case);
            }
            Elem::Result(kind) => {
                if let Some(case) = self.case.as_mut() {
                    let mut msg = Message::default();
                    if matches!(kind, ResultKind::Failure | ResultKind::Error) {
                        for a in e.attributes() {
                            let a = a.map_err(|err| err.to_string())?;
                            if a.key.local_name().as_ref() == "message" {
                                let v = attr_value(&a, entities)?;
                                msg.attr = Some(truncate(first_line(&v), MAX_MESSAGE));
                            }
                        }
                    }
                    match kind {
                        ResultKind::Failure if case.failure.is_none() => {
                            case.failure = Some(msg);
                            self.capture = (!empty).then_some(false);
                        }
                        ResultKind::Error if case.error.is_none() => {
                            case.error = Some(msg);
                            self.capture = (!empty).then_some(true);
                        }
                        ResultKind::Skipped => case.skipped = true,
                        ResultKind::Flaky => case.flaky = true,
                        _ => {}
                    }
                }
            }
            Elem::Other => {}
        }
        if empty {
            self.close(elem);
        } else {
            if elem == Elem::Case {
                self.cases_open += 1;
            }
            self.stack.push(elem);
        }
        Ok(())
    }

    fn end(&mut self) {
        if let Some(elem) = self.stack.pop() {
            if elem == Elem::Case {
                self.cases_open = self.cases_open.saturating_sub(1);
            }
            self.close(elem);
        }
    }

    fn close(&mut self, elem: Elem) {
        match elem {
            Elem::Result(_) => self.capture = None,
            Elem::Case => {
                if let Some(case) = self.case.take() {
                    self.finish_case(case);
                }
            }
            Elem::Suites | Elem::Suite => {
                if let Some(frame) = self.suites.pop() {
                    self.finish_suite(frame);
                }
            }
            Elem::Other => {}
        }
    }

    fn text(&mut self, s: &str) {
        let Some(is_error) = self.capture else { return };
        let Some(case) = self.case.as_mut() else {
            return;
        };
        let msg = if is_error {
            case.error.as_mut()
        } else {
            case.failure.as_mut()
        };
        if let Some(m) = msg {
            m.push_text(s);
        }
    }

    fn finish_case(&mut self, case: CaseState) {
        let outcome = case.outcome();
        if let Some(frame) = self.suites.last_mut() {
            frame.counts.add_outcome(outcome, case.flaky);
        }
        self.report.counts.add_outcome(outcome, case.flaky);
        if outcome == Outcome::Passed
            && case.flaky
            && self.report.flaky_names.len() < MAX_FLAKY_NAMES
        {
            self.report
                .flaky_names
                .push(display_name(&case.classname, &case.name));
        }
        if outcome == Outcome::Passed
            && let Some(w) = &self.watch
        {
            let id = test_id(&case.classname, &case.name);
            if w.contains(&id) {
                self.report.passed_watched.push(id);
            }
        }
        let message = match outcome {
            Outcome::Failed => case.failure.as_ref().map(Message::text),
            Outcome::Error => case.error.as_ref().map(Message::text),
            _ => return,
        };
        self.report.failures.push(Failure {
            outcome,
            classname: case.classname,
            name: case.name,
            message: message.unwrap_or_default(),
            file: case.file,
            line: case.line,
            report_line: case.report_line,
        });
    }

    fn finish_suite(&mut self, frame: SuiteFrame) {
        let c = frame.counts;
        let h = &frame.headline;
        let mut diffs = Vec::new();
        let checks: [(&'static str, Option<u64>, u64); 4] = [
            ("tests", h.tests, c.tests),
            ("failures", h.failures, c.failed),
            ("errors", h.errors, c.errors),
            ("skipped", h.skipped, c.skipped),
        ];
        for (attr, headline, counted) in checks {
            if let Some(v) = headline
                && v != counted
            {
                diffs.push((attr, v, counted));
            }
        }
        if !diffs.is_empty() {
            self.report.mismatches.push(Mismatch {
                element: frame.element,
                name: frame.name,
                line: frame.line,
                diffs,
            });
        }
        if let Some(parent) = self.suites.last_mut() {
            parent.counts.add(&c);
        }
    }
}

/// `classname::name`, or just `name` when the class name is empty or repeats the name
/// (jest-junit's default).
pub fn display_name(classname: &str, name: &str) -> String {
    let (c, n) = (classname.trim(), name.trim());
    if c.is_empty() || c == n {
        n.to_string()
    } else if n.is_empty() {
        c.to_string()
    } else {
        format!("{c}::{n}")
    }
}

/// Fixes up pytest's 0-based `line` attributes once the report is known to be pytest's.
pub fn finish(mut report: Report) -> Report {
    if report.pytest {
        for f in &mut report.failures {
            f.line = f.line.map(|l| l + 1);
        }
    }
    for f in &mut report.failures {
        f.line = f.line.filter(|&l| l > 0);
    }
    report
}

/// A byte offset turned into a 1-based line and column (in characters), by reading `input`
/// again up to the offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: u64,
    pub col: u64,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

pub fn line_col<R: Read>(mut input: R, offset: u64) -> std::io::Result<LineCol> {
    let mut pos = LineCol { line: 1, col: 1 };
    let mut left = offset;
    let mut chunk = [0u8; 8192];
    while left > 0 {
        let n = input.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        let take = (n as u64).min(left) as usize;
        for &b in chunk.get(..take).unwrap_or_default() {
            if b == b'\n' {
                pos.line += 1;
                pos.col = 1;
            } else if b & 0xC0 != 0x80 {
                pos.col += 1;
            }
        }
        left -= take as u64;
    }
    Ok(pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Report, ParseError> {
        parse(s.as_bytes(), &mut Vec::new()).map(finish)
    }

    #[test]
    fn counts_from_testcases_and_reports_headline_mismatch() {
        let r = parse_str(
            r#"<testsuite name="s" tests="3" failures="0">
  <testcase classname="C" name="a"/>
  <testcase classname="C" name="b"><failure message="boom">trace</failure></testcase>
  <testcase classname="C" name="c"><error>
     first line
     second</error></testcase>
  <testcase classname="C" name="d"><skipped/></testcase>
</testsuite>"#,
        )
        .unwrap();
        assert_eq!(
            r.counts,
            Counts {
                tests: 4,
                passed: 1,
                failed: 1,
                errors: 1,
                skipped: 1,
                flaky: 0
            }
        );
        assert_eq!(r.failures.len(), 2);
        assert_eq!(r.failures[0].message, "boom");
        assert_eq!(r.failures[0].report_line, 3);
        assert_eq!(r.failures[1].message, "first line");
        assert_eq!(r.failures[1].outcome, Outcome::Error);
        assert_eq!(r.mismatches.len(), 1);
        assert_eq!(
            r.mismatches[0].diffs,
            vec![("tests", 3, 4), ("failures", 0, 1)]
        );
        assert_eq!(r.mismatches[0].line, 1);
    }

    #[test]
    fn nested_suites_and_flaky() {
        let r = parse_str(
            r#"<?xml version="1.0"?>
<testsuites tests="2"><testsuite name="outer"><testsuite name="inner" tests="2">
<testcase name="x"><flakyFailure message="m"/></testcase>
<testcase name="y"><failure/><rerunFailure/></testcase>
</testsuite></testsuite></testsuites>"#,
        )
        .unwrap();
        assert_eq!(r.counts.tests, 2);
        assert_eq!(r.counts.passed, 1);
        assert_eq!(r.counts.flaky, 1);
        assert_eq!(r.counts.failed, 1);
        assert_eq!(r.flaky_names, vec!["x"]);
        assert!(r.mismatches.is_empty());
    }

    #[test]
    fn entities_and_cdata_in_bodies() {
        let r = parse_str(
            "<testsuite><testcase name=\"t\"><failure>a &lt;b&gt; &#x41;<![CDATA[ c\nd]]></failure></testcase></testsuite>",
        )
        .unwrap();
        assert_eq!(r.failures[0].message, "a <b> A c");
    }

    #[test]
    fn generic_message_falls_back_to_body() {
        let r = parse_str(
            "<testsuite><testcase name=\"t\"><failure message=\"Failed\"><![CDATA[    x_test.go:3: bad]]></failure></testcase></testsuite>",
        )
        .unwrap();
        assert_eq!(r.failures[0].message, "x_test.go:3: bad");
    }

    #[test]
    fn wrong_root_is_not_junit() {
        let e = parse_str("<coverage/>").unwrap_err();
        assert!(matches!(e, ParseError::NotJunit { .. }), "{e:?}");
        assert!(e.to_string().contains("<coverage>"));
    }

    #[test]
    fn malformed_xml_has_offset() {
        let input = "<testsuite>\n  <testcase name=\"a\">\n</testsuite>";
        let e = parse_str(input).unwrap_err();
        let off = e.offset().unwrap();
        let lc = line_col(input.as_bytes(), off).unwrap();
        assert_eq!(lc.line, 3, "{e}");
    }

    #[test]
    fn empty_input_is_an_error() {
        assert!(parse_str("").is_err());
        assert!(parse_str("<?xml version=\"1.0\"?>\n").is_err());
        assert!(parse_str("<testsuite>").is_err());
    }

    #[test]
    fn line_col_counts_chars() {
        let s = "ab\nçd<";
        assert_eq!(
            line_col(s.as_bytes(), s.len() as u64 - 1).unwrap(),
            LineCol { line: 2, col: 3 }
        );
    }

    #[test]
    fn captured_output_is_skipped_without_buffering() {
        // Each text is under MAX_KEPT_BUFFER, so a buffered one would leave the buffer that big.
        let mut xml = String::from("<testsuite><testcase name=\"t\"><failure message=\"m\">");
        xml.push_str("first\n");
        xml.push_str(&"at frame &lt;init&gt;\n".repeat(30_000));
        xml.push_str("</failure><system-out>");
        xml.push_str(&"log &amp; more\n".repeat(60_000));
        xml.push_str("</system-out><system-err><![CDATA[");
        xml.push_str(&"<x> ]] ] >\n".repeat(80_000));
        xml.push_str("]]></system-err></testcase><testcase name=\"u\"/></testsuite>");
        let mut buf = Vec::new();
        let input = std::io::BufReader::with_capacity(8192, xml.as_bytes());
        let r = finish(parse(input, &mut buf).unwrap());
        assert_eq!(r.counts.tests, 2);
        assert_eq!(r.failures[0].message, "m");
        assert!(buf.capacity() <= 8192, "buffer grew to {}", buf.capacity());
    }

    #[test]
    fn a_huge_text_run_does_not_keep_its_buffer() {
        let mut xml = String::from("<testsuite><testcase name=\"t\"><failure>");
        xml.push_str(&"x".repeat(3_000_000));
        xml.push_str("</failure></testcase></testsuite>");
        let mut buf = Vec::new();
        let r = finish(parse(xml.as_bytes(), &mut buf).unwrap());
        assert_eq!(r.failures[0].message.chars().count(), MAX_MESSAGE + 1);
        assert!(
            buf.capacity() <= 64 * 1024,
            "buffer kept {}",
            buf.capacity()
        );
    }

    #[test]
    fn small_read_buffers_give_the_same_result() {
        let xml = "<testsuites><testsuite name=\"s\" tests=\"3\">\n<testcase name=\"a\"><failure>\n  first <![CDATA[line]]>\nsecond</failure><system-out><![CDATA[x]]y]]>z</system-out></testcase>\n<testcase name=\"b\"><skipped/><system-out>a &lt; b</system-out></testcase>\n<testcase name=\"c\"/></testsuite></testsuites>";
        let want = finish(parse(xml.as_bytes(), &mut Vec::new()).unwrap());
        for cap in [1, 2, 5, 9, 10, 13, 64] {
            let input = std::io::BufReader::with_capacity(cap, xml.as_bytes());
            let got = finish(parse(input, &mut Vec::new()).unwrap());
            assert_eq!(got.counts, want.counts, "capacity {cap}");
            assert_eq!(got.failures, want.failures, "capacity {cap}");
        }
        assert_eq!(want.failures[0].message, "first line");
        assert_eq!(want.failures[0].report_line, 2);
        assert_eq!(want.counts.skipped, 1);
    }

    #[test]
    fn display_names() {
        assert_eq!(display_name("a.B", "t"), "a.B::t");
        assert_eq!(display_name("x y", "x y"), "x y");
        assert_eq!(display_name("", "t"), "t");
    }
}
