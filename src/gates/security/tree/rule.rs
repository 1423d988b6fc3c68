//! The rule file format: an ast-grep rule plus gatekeep's fields, validated into [`TreeRule`].
//!
//! ```yaml
//! id: py-os-system                  # ast-grep: id, language, rule, constraints, utils,
//! language: python                  #   message, note, metadata
//! message: os.system runs its argument through a shell
//! note: Use subprocess.run with an argument list.
//! rule:
//!   pattern: os.system($CMD)
//! severity: high                    # gatekeep: low | medium | high | critical
//! confidence: medium                #   (ast-grep's error/warning/info/hint are read as
//! category: command-injection       #   high/medium/low/low)
//! cwe: 78
//! keywords: [system]                # the file must hold one to be parsed (prefilter)
//! constant: [$CMD]                  # no finding when these captures are constants
//! hardcoded: [$KEY]                 # a finding only when these captures are constants
//! values: {$BITS: '^\d{1,3}$'}     # a finding only when the capture's text, or the constant
//!                                   #   a name among them was assigned, matches
//! sources:                          # taint: a capture fed by one of these is reported with
//!   - pattern: request.args.get($$$) #   its path; a sanitizer on the way clears it
//! sanitizers:
//!   - pattern: shlex.quote($$$)
//! untainted: medium                 # severity of a match no source reaches (none: no finding)
//! built: true                       # ... reported only when a `constant` capture is a string
//!                                   #   built from a non-constant part (`"… " + x`, f-string)
//! parameters: low                   # ... and one that a parameter of its function feeds
//!                                   #   unchanged, at this severity with its path (audit)
//! url: true                         # a traced `constant` capture is a URL: no finding when
//!                                   #   its start fixes the host (`"https://api.x/" + id`)
//! source_keywords: [request, argv]  # with `untainted: none`: the file must also hold one
//! check: java-xml-factory           # a check written in Rust decides, in files the rule
//!                                   #   matches (see [`Check`])
//! also_languages: [typescript, tsx] # the same rule, parsed for these grammars too
//! ```

use super::flow::Facts;
use super::nodes;
use super::utils::{LangUtils, Utils, is_util_path};
use super::{LANGS, TreeHit};
use crate::gates::security::rules::{Category, Confidence};
use crate::model::Severity;
use ast_grep_config::{
    DeserializeEnv, GlobalRules, RuleConfig, RuleCore, SerializableRule, SerializableRuleConfig,
    SerializableRuleCore,
};
use ast_grep_core::{Doc, Node};
use ast_grep_language::SupportLang;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// A rule file that cannot be used: where and why (a config error, exit 2).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct LoadError {
    pub path: String,
    pub line: u64,
    pub column: u64,
    pub message: String,
}

#[derive(serde::Deserialize)]
struct RuleDoc {
    #[serde(flatten)]
    ag: SerializableRuleConfig<SupportLang>,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    confidence: Option<Confidence>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    cwe: Option<serde_yaml::Value>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    source_keywords: Vec<String>,
    #[serde(default)]
    constant: Vec<String>,
    #[serde(default)]
    hardcoded: Vec<String>,
    #[serde(default)]
    values: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    sources: Vec<SerializableRule>,
    #[serde(default)]
    sanitizers: Vec<SerializableRule>,
    #[serde(default)]
    untainted: Option<String>,
    #[serde(default)]
    built: bool,
    #[serde(default)]
    parameters: Option<String>,
    #[serde(default)]
    url: bool,
    #[serde(default)]
    check: Option<String>,
    #[serde(default)]
    also_languages: Vec<SupportLang>,
}

/// A check written in Rust, for a finding that needs more than a pattern: in a file where its
/// rule matches, the check finds the rule's findings (the `rule` then says which files, and the
/// YAML file holds its documentation, keywords and tests as for any rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// Java XML parser factories followed from creation to the parser they build, with the
    /// settings made on the same variable in between (`java_xxe`).
    JavaXmlFactory,
}

impl Check {
    const ALL: &[(&str, Check)] = &[("java-xml-factory", Check::JavaXmlFactory)];
}

/// A rule for one grammar. Its matchers are compiled on first use: compiling every built-in
/// rule's patterns and regexes took most of the gate's start-up (65 ms of 110 ms), and a
/// repository needs the few rules whose keywords it holds. A team's rules are compiled when
/// they load, so that a bad one is a config error.
pub struct ForLang {
    pub lang: SupportLang,
    /// Identifies the sources, sanitizers and utilities: rules with the same ones share a
    /// file's taint analysis.
    pub taint_key: u64,
    spec: Spec,
    compiled: OnceLock<Result<Matchers, String>>,
}

/// A rule's matchers for one grammar.
pub struct Matchers {
    pub matcher: RuleCore,
    pub sources: Vec<RuleCore>,
    pub sanitizers: Vec<RuleCore>,
}

/// What a rule's matchers are compiled from.
struct Spec {
    id: String,
    config: SerializableRuleConfig<SupportLang>,
    sources: Vec<SerializableRule>,
    sanitizers: Vec<SerializableRule>,
    /// `constant`, `hardcoded` and `values` captures, which the rule must define.
    captures: Vec<(&'static str, Vec<String>)>,
    /// The rule set's shared utilities for this grammar (`utils/` files).
    shared: Option<Arc<LangUtils>>,
}

impl Spec {
    /// Compiles the matchers; an error names the rule field at fault.
    fn compile(&self) -> Result<Matchers, (&'static str, String)> {
        let (id, lang) = (&self.id, self.config.language);
        let none = GlobalRules::default();
        let globals = match &self.shared {
            Some(u) => u
                .globals()
                .map_err(|e| ("rule", format!("rule `{id}`: {e}")))?,
            None => &none,
        };
        let rc = RuleConfig::try_from(self.config.clone(), globals)
            .map_err(|e| ("rule", format!("rule `{id}` ({lang}): {}", error_chain(&e))))?;
        let defined = rc.matcher.defined_vars();
        for (field, names) in &self.captures {
            if let Some(c) = names.iter().find(|c| !defined.contains(c.as_str())) {
                return Err((
                    field,
                    format!("rule `{id}`: `{field}` names `${c}`, which the rule does not capture"),
                ));
            }
        }
        let utils = &self.config.utils;
        let mut sources = Vec::new();
        for s in &self.sources {
            sources.push(
                compile_core(s, utils, globals, lang)
                    .map_err(|e| ("sources", format!("rule `{id}` ({lang}): a source: {e}")))?,
            );
        }
        let mut sanitizers = Vec::new();
        for s in &self.sanitizers {
            sanitizers.push(compile_core(s, utils, globals, lang).map_err(|e| {
                (
                    "sanitizers",
                    format!("rule `{id}` ({lang}): a sanitizer: {e}"),
                )
            })?);
        }
        Ok(Matchers {
            matcher: rc.matcher,
            sources,
            sanitizers,
        })
    }
}

impl ForLang {
    /// The compiled matchers (compiled by the first caller; an error only for a rule that
    /// was not validated when it loaded, i.e. a bug in a built-in rule, which the tests and
    /// `gatekeep rules test` compile eagerly).
    pub fn matchers(&self) -> Result<&Matchers, String> {
        self.compiled
            .get_or_init(|| self.spec.compile().map_err(|(_, m)| m))
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// A validated tree rule.
pub struct TreeRule {
    pub id: String,
    /// The rule's `message`.
    pub title: String,
    /// The rule's `note` (description and fix, markdown).
    pub note: String,
    pub severity: Severity,
    pub confidence: Confidence,
    pub category: Category,
    pub cwe: u32,
    pub keywords: Vec<String>,
    /// For a rule that reports only traced values (`untainted: none`): the file must also hold
    /// one of these (a source's name) to be parsed for it.
    pub source_keywords: Vec<String>,
    /// Metavariables (without `$`) whose captures, all constant, mean no finding.
    pub constant: Vec<String>,
    /// Metavariables (without `$`) that must all be constants for a finding: the literal is
    /// the problem (a hard-coded key).
    pub hardcoded: Vec<String>,
    /// Metavariables (without `$`) whose text, or the constant a name among them was assigned
    /// (`bits = 512` then `RSA.new(bits)`), must match the regex for a finding.
    pub values: Vec<(String, regex::Regex)>,
    /// Severity of a sink no source reaches (`None`: no finding). Only for taint rules.
    pub untainted: Option<Severity>,
    /// A match no source reaches is reported only when a `constant` capture is a string built
    /// from a non-constant part (inline, or through the name's latest assignment).
    pub built: bool,
    /// With `built`: the severity of a match whose `constant` capture a parameter of the
    /// enclosing function feeds unchanged (no source, not built): the callers decide what it
    /// holds, so it is an audit finding, reported with its path.
    pub parameters: Option<Severity>,
    /// The `constant` captures are URLs (SSRF and redirect sinks): a traced value is reported
    /// only when it may choose the host, i.e. when the URL does not start with a constant
    /// `scheme://host/` or a local `/path`, nor with another value that is not traced (a
    /// configured base URL). See [`Facts::url_start`].
    pub url: bool,
    /// A check written in Rust that finds this rule's findings (see [`Check`]).
    pub check: Option<Check>,
    pub langs: Vec<ForLang>,
    /// The file the rule came from (repository-relative for a team's rules,
    /// `rules/security/...` for built-in ones).
    pub origin: String,
    /// The rule's annotated test file: name and text.
    pub tests: Option<(String, String)>,
    /// The first `ruleid:` and `ok:` examples of the test file, for the documentation.
    pub bad: String,
    pub good: String,
}

impl TreeRule {
    pub fn applies_to(&self, lang: SupportLang) -> bool {
        self.langs.iter().any(|l| l.lang == lang)
    }

    pub fn is_taint(&self) -> bool {
        self.langs.iter().any(|l| !l.spec.sources.is_empty())
    }

    /// Compiles the rule for every grammar now (see [`ForLang`]).
    pub fn compile_all(&self) -> Result<(), String> {
        self.langs.iter().try_for_each(|l| l.matchers().map(|_| ()))
    }

    /// The languages, for documentation.
    pub fn lang_names(&self) -> String {
        self.langs
            .iter()
            .map(|l| l.lang.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Runs the rule on a parsed file; an error only when the rule does not compile.
    pub fn run(
        &self,
        index: usize,
        lang: SupportLang,
        facts: &mut Facts<'_>,
        hits: &mut Vec<TreeHit>,
    ) -> Result<(), String> {
        let Some(c) = self.langs.iter().find(|l| l.lang == lang) else {
            return Ok(());
        };
        let key = c.taint_key;
        let c = c.matchers()?;
        if let Some(Check::JavaXmlFactory) = self.check {
            // The rule's matches only say the file creates a factory: the check reads it all.
            if facts.find_all(&c.matcher).next().is_some() {
                let (text, view) = facts.code_view();
                for offset in crate::gates::security::java_xxe::hits(text.as_bytes(), &view) {
                    let end = text[offset..].find('\n').map_or(text.len(), |e| offset + e);
                    hits.push(TreeHit {
                        rule: index,
                        offset,
                        end,
                        severity: None,
                        flow: Vec::new(),
                    });
                }
            }
            return Ok(());
        }
        // A rule that reports only traced values, in a file none of its sources is in.
        if self.untainted.is_none() && !c.sources.is_empty() && !facts.has_source(key, &c.sources) {
            return Ok(());
        }
        let matches: Vec<_> = facts.find_all(&c.matcher).collect();
        let mut taint = None;
        for m in matches {
            let env = m.get_env();
            // `hardcoded`: every such capture must be a constant (a literal, or a name
            // holding one) for a finding.
            if !self.hardcoded.iter().all(|name| {
                let v = captured_named(env, name);
                !v.is_empty() && v.iter().all(|n| facts.is_constant(n))
            }) {
                continue;
            }
            // `values`: the capture's text, the constant a name was assigned, or (Python) the
            // name it was imported as, must match.
            if !self.values.iter().all(|(name, re)| {
                captured_named(env, name).iter().any(|n| {
                    re.is_match(&n.text())
                        || facts.literal_value(n).is_some_and(|v| re.is_match(&v))
                        || facts.imported_names(n).iter().any(|full| re.is_match(full))
                })
            }) {
                continue;
            }
            // The taint analysis runs once a match has passed the checks above: a rule that
            // matches every call (`$F($$$)`) and filters by `values` does not analyse a file
            // none of whose calls it names.
            if taint.is_none() && !c.sources.is_empty() {
                taint = Some(facts.taint(key, &c.sources, &c.sanitizers));
            }
            let watched: Vec<Node<'_, _>> = if self.constant.is_empty() {
                env.get_matched_variables()
                    .flat_map(|v| captured(env, &v))
                    .collect()
            } else {
                self.constant
                    .iter()
                    .flat_map(|name| captured_named(env, name))
                    .collect()
            };
            let all_constant = !self.constant.is_empty()
                && match &taint {
                    Some(t) => watched.iter().all(|n| t.is_safe(facts, n)),
                    None => watched.iter().all(|n| facts.is_constant(n)),
                };
            let range = m.range();
            let mut hit = TreeHit {
                rule: index,
                offset: range.start,
                end: range.end,
                severity: None,
                flow: Vec::new(),
            };
            if let Some(t) = &taint {
                let node: &Node<'_, _> = &m;
                let path = if watched.is_empty() {
                    t.trace_of(facts, node).map(|p| (p, node.clone()))
                } else {
                    first_path(&watched, |n| t.trace_of(facts, n))
                };
                match path {
                    // A URL whose start fixes the host: the traced value is only its path or
                    // query.
                    Some((_, through)) if self.url && !t.controls_url(facts, &through) => {
                        continue;
                    }
                    Some((mut steps, through)) => {
                        steps.push(sink_step(node, &through));
                        hit.flow = steps;
                    }
                    None if all_constant => continue,
                    None => match self.untainted {
                        None => continue,
                        Some(s) => hit.severity = (s != self.severity).then_some(s),
                    },
                }
            } else if all_constant {
                continue;
            }
            if self.built && hit.flow.is_empty() {
                let safe: Vec<_> = taint
                    .as_ref()
                    .map(|t| t.sanitizers().to_vec())
                    .unwrap_or_default();
                if let Some((mut steps, through)) =
                    first_path(&watched, |n| facts.is_built(n, key, &safe))
                {
                    // Where the query was built, when not in place.
                    if !steps.is_empty() {
                        steps.push(sink_step(&m, &through));
                        hit.flow = steps;
                    }
                } else {
                    let Some(sev) = self.parameters else { continue };
                    let p = facts.parameter_taint(key, &safe);
                    let Some((mut steps, through)) =
                        first_path(&watched, |n| p.passed_on(facts, n))
                    else {
                        continue;
                    };
                    steps.push(sink_step(&m, &through));
                    hit.flow = steps;
                    hit.severity = (sev != self.severity).then_some(sev);
                }
            }
            // Where a hard-coded value named at the sink was written (`KEY = "…"` above
            // `jwt.sign(p, KEY)`): the line to fix. Looked up only for a match that is reported.
            if hit.flow.is_empty()
                && let Some((from, through)) = self
                    .hardcoded
                    .iter()
                    .chain(self.values.iter().map(|(name, _)| name))
                    .flat_map(|name| captured_named(env, name))
                    .find_map(|n| facts.constant_origin(&n).map(|s| (s, n)))
            {
                let sink = sink_step(&m, &through);
                if from.line != sink.line {
                    hit.flow = vec![from, sink];
                }
            }
            hits.push(hit);
        }
        Ok(())
    }
}

/// The first of `watched` that `path` finds a path to, with that path.
fn first_path<'t, D: Doc>(
    watched: &[Node<'t, D>],
    mut path: impl FnMut(&Node<'t, D>) -> Option<Vec<super::Step>>,
) -> Option<(Vec<super::Step>, Node<'t, D>)> {
    watched.iter().find_map(|n| path(n).map(|p| (p, n.clone())))
}

/// The last step of a path: the sink call, or, when the argument that carries the value starts
/// on a line of its own (`raw(\n    "SELECT …" % name\n)`), that argument, so the path ends
/// where the value enters the call.
fn sink_step<D: Doc>(call: &Node<'_, D>, through: &Node<'_, D>) -> super::Step {
    if through.start_pos().line() != call.start_pos().line() {
        nodes::step(through, "sink")
    } else {
        nodes::step(call, "sink")
    }
}

/// The nodes a metavariable captured (one, or a `$$$` list).
fn captured<'t, D: Doc>(
    env: &ast_grep_core::meta_var::MetaVarEnv<'t, D>,
    v: &ast_grep_core::meta_var::MetaVariable,
) -> Vec<Node<'t, D>> {
    use ast_grep_core::meta_var::MetaVariable as M;
    match v {
        M::Capture(name, _) => env.get_match(name).cloned().into_iter().collect(),
        M::MultiCapture(name) => env.get_multiple_matches(name),
        _ => Vec::new(),
    }
}

/// The nodes captured under `name` (without `$`): one, or a `$$$` list.
fn captured_named<'t, D: Doc>(
    env: &ast_grep_core::meta_var::MetaVarEnv<'t, D>,
    name: &str,
) -> Vec<Node<'t, D>> {
    let mut v: Vec<Node<'t, D>> = env.get_match(name).cloned().into_iter().collect();
    v.extend(env.get_multiple_matches(name));
    v
}

/// Metavariable names (`$CMD` → `CMD`) listed under `field`.
fn metavariables(
    id: &str,
    field: &'static str,
    list: &[String],
) -> Result<Vec<String>, (&'static str, String)> {
    let mut out = Vec::new();
    for c in list {
        let name = c.trim().trim_start_matches('$');
        if name.is_empty()
            || !name
                .chars()
                .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_')
        {
            return Err((
                field,
                format!("rule `{id}`: `{field}` lists metavariables like `$CMD`, found `{c}`"),
            ));
        }
        out.push(name.to_string());
    }
    Ok(out)
}

fn parse_severity(s: &str) -> Option<Severity> {
    Some(match s.trim().to_ascii_lowercase().as_str() {
        "critical" => Severity::Critical,
        "high" | "error" => Severity::High,
        "medium" | "warning" => Severity::Medium,
        "low" | "info" | "hint" => Severity::Low,
        _ => return None,
    })
}

fn parse_category(s: &str) -> Option<Category> {
    Category::ALL
        .iter()
        .copied()
        .find(|c| c.as_str() == s.trim() && *c != Category::Suppression)
}

fn parse_cwe(v: &serde_yaml::Value) -> Option<u32> {
    match v {
        serde_yaml::Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        serde_yaml::Value::String(s) => s
            .trim()
            .trim_start_matches("CWE-")
            .trim_start_matches("cwe-")
            .parse()
            .ok(),
        _ => None,
    }
}

/// Where a YAML error is (1-based; the document's start when serde_yaml does not say).
pub(super) fn yaml_position(e: &serde_yaml::Error) -> (u64, u64) {
    e.location()
        .map_or((1, 1), |l| (l.line() as u64, l.column() as u64))
}

/// Where `key:` starts in a YAML document (1-based), for errors found after deserializing.
pub(super) fn key_position(text: &str, key: &str) -> (u64, u64) {
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.strip_prefix(key).is_some_and(|r| r.starts_with(':')) {
            return (i as u64 + 1, (line.len() - t.len()) as u64 + 1);
        }
    }
    (1, 1)
}

fn compile_core(
    rule: &SerializableRule,
    utils: &Option<HashMap<String, SerializableRule>>,
    globals: &GlobalRules,
    lang: SupportLang,
) -> Result<RuleCore, String> {
    let core = SerializableRuleCore {
        rule: rule.clone(),
        constraints: None,
        utils: utils.clone(),
        transform: None,
    };
    core.get_matcher(DeserializeEnv::new(lang).with_globals(globals))
        .map_err(|e| error_chain(&e))
}

pub(super) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// Parses and validates every rule in one YAML file (several documents allowed), compiling
/// its matchers (a team's rules: a rule that does not compile is a config error). The rules
/// see the built-in shared utilities.
pub fn load(
    path: &str,
    text: &str,
    tests: Option<(String, String)>,
) -> Result<Vec<TreeRule>, LoadError> {
    load_with(path, text, tests, true, builtin_utils(path)?)
}

/// The built-in shared utilities, which a team's rules see; an error (a bug in a built-in
/// utility, which the tests catch) is reported against `path`, the rules being loaded.
fn builtin_utils(path: &str) -> Result<&'static Utils, LoadError> {
    Utils::builtin().map_err(|message| LoadError {
        path: path.to_string(),
        line: 1,
        column: 1,
        message,
    })
}

/// As [`load`], with the rule set's shared utilities; with `compile == false` the matchers are
/// compiled on first use (the built-in rules, which the tests compile).
pub fn load_with(
    path: &str,
    text: &str,
    tests: Option<(String, String)>,
    compile: bool,
    shared: &Utils,
) -> Result<Vec<TreeRule>, LoadError> {
    let err = |(line, column): (u64, u64), message: String| LoadError {
        path: path.to_string(),
        line,
        column,
        message,
    };
    let mut out = Vec::new();
    for de in serde_yaml::Deserializer::from_str(text) {
        let doc: RuleDoc = serde::Deserialize::deserialize(de)
            .map_err(|e| err(yaml_position(&e), format!("not a valid rule: {e}")))?;
        out.push(
            validate(doc, path, tests.clone(), compile, shared)
                .map_err(|(key, m)| err(key_position(text, key), m))?,
        );
    }
    if out.is_empty() {
        return Err(err((1, 1), "the file holds no rule".to_string()));
    }
    Ok(out)
}

fn validate(
    doc: RuleDoc,
    path: &str,
    tests: Option<(String, String)>,
    compile: bool,
    shared: &Utils,
) -> Result<TreeRule, (&'static str, String)> {
    let ag = doc.ag;
    let id = ag.id.clone();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err((
            "id",
            format!("`id` must be lowercase letters, digits and `-`, found `{id}`"),
        ));
    }
    if ag.message.trim().is_empty() {
        return Err(("id", format!("rule `{id}` has no `message`")));
    }
    let mut langs_wanted = vec![ag.language];
    langs_wanted.extend(doc.also_languages.iter().copied());
    for l in &langs_wanted {
        if !LANGS.contains(l) {
            return Err((
                "language",
                format!(
                    "rule `{id}`: gatekeep has no grammar for `{l}`; it has {}",
                    LANGS
                        .iter()
                        .map(|l| l.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    let severity = match &doc.severity {
        None => Severity::Medium,
        Some(s) => parse_severity(s).ok_or((
            "severity",
            format!("rule `{id}`: `severity` must be low, medium, high or critical, found `{s}`"),
        ))?,
    };
    let untainted = match doc.untainted.as_deref().map(str::trim) {
        None => Some(severity),
        Some("none") => None,
        Some(s) => Some(parse_severity(s).ok_or((
            "untainted",
            format!(
                "rule `{id}`: `untainted` must be none, low, medium, high or critical, found `{s}`"
            ),
        ))?),
    };
    if doc.untainted.is_some() && doc.sources.is_empty() {
        return Err((
            "untainted",
            format!("rule `{id}`: `untainted` needs `sources`"),
        ));
    }
    if !doc.source_keywords.is_empty() && (doc.sources.is_empty() || untainted.is_some()) {
        return Err((
            "source_keywords",
            format!(
                "rule `{id}`: `source_keywords` is for taint-only rules (`sources` and `untainted: none`): other rules report without a source"
            ),
        ));
    }
    if !doc.sanitizers.is_empty() && doc.sources.is_empty() {
        return Err((
            "sanitizers",
            format!("rule `{id}`: `sanitizers` needs `sources`"),
        ));
    }
    let category = match &doc.category {
        None => {
            return Err((
                "id",
                format!(
                    "rule `{id}` has no `category` (one of {})",
                    category_names()
                ),
            ));
        }
        Some(c) => parse_category(c).ok_or((
            "category",
            format!(
                "rule `{id}`: unknown category `{c}` (one of {})",
                category_names()
            ),
        ))?,
    };
    let cwe = match &doc.cwe {
        None => 0,
        Some(v) => parse_cwe(v).ok_or((
            "cwe",
            format!("rule `{id}`: `cwe` must be a number or `CWE-<n>`"),
        ))?,
    };
    if doc.built && doc.constant.is_empty() {
        return Err((
            "built",
            format!("rule `{id}`: `built` needs `constant` (the captures that must be built)"),
        ));
    }
    let parameters = match doc.parameters.as_deref().map(str::trim) {
        None => None,
        Some(s) => Some(parse_severity(s).ok_or((
            "parameters",
            format!("rule `{id}`: `parameters` must be low, medium, high or critical, found `{s}`"),
        ))?),
    };
    if parameters.is_some() && !doc.built {
        return Err((
            "parameters",
            format!(
                "rule `{id}`: `parameters` needs `built: true` (without it, a value from a parameter is already reported at `untainted`)"
            ),
        ));
    }
    if doc.url && (doc.constant.is_empty() || doc.sources.is_empty()) {
        return Err((
            "url",
            format!(
                "rule `{id}`: `url` needs `constant` (the URL captures) and `sources` (it judges a traced URL)"
            ),
        ));
    }
    let check = match &doc.check {
        None => None,
        Some(name) => match Check::ALL.iter().find(|(n, _)| n == name) {
            Some((_, c)) => Some(*c),
            None => {
                let known: Vec<&str> = Check::ALL.iter().map(|(n, _)| *n).collect();
                return Err((
                    "check",
                    format!(
                        "rule `{id}`: unknown check `{name}`, expected one of: {}",
                        known.join(", ")
                    ),
                ));
            }
        },
    };
    let constant = metavariables(&id, "constant", &doc.constant)?;
    let hardcoded = metavariables(&id, "hardcoded", &doc.hardcoded)?;
    let value_names: Vec<String> = doc.values.keys().cloned().collect();
    let value_names = metavariables(&id, "values", &value_names)?;
    let mut values = Vec::new();
    for (name, (_, pattern)) in value_names.iter().zip(doc.values.iter()) {
        let re = regex::Regex::new(pattern).map_err(|e| {
            (
                "values",
                format!("rule `{id}`: `values` for `${name}` is not a regex: {e}"),
            )
        })?;
        values.push((name.clone(), re));
    }
    if let Some(c) = hardcoded.iter().find(|c| constant.contains(c)) {
        return Err((
            "hardcoded",
            format!("rule `{id}`: `${c}` cannot be both `constant` and `hardcoded`"),
        ));
    }
    // What the taint analysis depends on, in a stable order (`utils` is a hash map): rules
    // with the same text share a file's analysis.
    let taint_text = serde_yaml::to_string(&(
        &doc.sources,
        &doc.sanitizers,
        ag.utils
            .as_ref()
            .map(|u| u.iter().collect::<std::collections::BTreeMap<_, _>>()),
    ))
    .unwrap_or_else(|_| id.clone());
    let mut langs = Vec::new();
    for lang in langs_wanted {
        let mut config = ag.clone();
        config.language = lang;
        let shared = shared.get(lang).cloned();
        let spec = Spec {
            id: id.clone(),
            config,
            sources: doc.sources.clone(),
            sanitizers: doc.sanitizers.clone(),
            captures: vec![
                ("constant", constant.clone()),
                ("hardcoded", hardcoded.clone()),
                ("values", value_names.clone()),
            ],
            shared: shared.clone(),
        };
        let compiled = OnceLock::new();
        if compile {
            let _ = compiled.set(Ok(spec.compile()?));
        }
        let taint_key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (&taint_text, lang.to_string()).hash(&mut h);
            shared.as_ref().map(|u| u.key()).hash(&mut h);
            h.finish()
        };
        langs.push(ForLang {
            lang,
            taint_key,
            spec,
            compiled,
        });
    }
    let (bad, good) = examples(&id, &tests);
    Ok(TreeRule {
        bad,
        good,
        id,
        title: ag.message.trim().to_string(),
        note: ag.note.clone().unwrap_or_default().trim().to_string(),
        severity,
        confidence: doc.confidence.unwrap_or(Confidence::Medium),
        category,
        cwe,
        keywords: doc.keywords,
        source_keywords: doc.source_keywords,
        constant,
        hardcoded,
        values,
        built: doc.built,
        parameters,
        url: doc.url,
        check,
        untainted: if doc.sources.is_empty() {
            Some(severity)
        } else {
            untainted
        },
        langs,
        origin: path.to_string(),
        tests,
    })
}

fn category_names() -> String {
    Category::ALL
        .iter()
        .filter(|c| **c != Category::Suppression)
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A rule's test file: a sibling with the rule file's stem and a source extension.
pub fn is_test_file_for(rule_path: &std::path::Path, candidate: &std::path::Path) -> bool {
    let ext = candidate.extension().and_then(|e| e.to_str()).unwrap_or("");
    !matches!(ext, "yml" | "yaml" | "md" | "")
        && candidate.file_stem() == rule_path.file_stem()
        && candidate.parent() == rule_path.parent()
}

/// Loads every `*.yml`/`*.yaml` rule under `dir` (sorted, recursively), with its test file.
/// Files under a `utils/` folder are shared utilities ([`Utils`]): the rules see them and the
/// built-in ones, and they are compiled now, so that a bad one is a config error.
pub fn load_dir(dir: &std::path::Path, shown: &str) -> Result<Vec<TreeRule>, LoadError> {
    let mut files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let read = |f: &std::path::Path| -> Result<(String, String), LoadError> {
        let rel = f.strip_prefix(dir).unwrap_or(f);
        let shown_path = format!("{}/{}", shown.trim_end_matches('/'), rel.display());
        let text = std::fs::read_to_string(f).map_err(|e| LoadError {
            path: shown_path.clone(),
            line: 1,
            column: 1,
            message: format!("cannot read the rule file: {e}"),
        })?;
        Ok((shown_path, text))
    };
    let is_yaml = |f: &std::path::Path| {
        matches!(
            f.extension().and_then(|e| e.to_str()).unwrap_or(""),
            "yml" | "yaml"
        )
    };
    let is_util = |f: &std::path::Path| is_util_path(f.strip_prefix(dir).unwrap_or(f));
    let mut util_files = Vec::new();
    for f in files.iter().filter(|f| is_yaml(f) && is_util(f)) {
        util_files.push(read(f)?);
    }
    let builtin = builtin_utils(shown)?;
    let shared = if util_files.is_empty() {
        builtin.clone()
    } else {
        let u = Utils::parse(&util_files, Some(builtin))?;
        u.compile_all()?;
        u
    };
    let mut out = Vec::new();
    for f in files.iter().filter(|f| is_yaml(f) && !is_util(f)) {
        let (shown_path, text) = read(f)?;
        let tests = files.iter().find(|c| is_test_file_for(f, c)).and_then(|c| {
            let name = c.file_name()?.to_string_lossy().to_string();
            std::fs::read_to_string(c).ok().map(|t| (name, t))
        });
        out.extend(load_with(&shown_path, &text, tests, true, &shared)?);
    }
    Ok(out)
}

/// The first example of each kind in a rule's test file: the line after the first `ruleid:`
/// annotation (bad) and after the first `ok:` one (good), for the rule's documentation.
fn examples(id: &str, tests: &Option<(String, String)>) -> (String, String) {
    use super::annotations::{Mark, annotation};
    let Some((_, text)) = tests else {
        return (String::new(), String::new());
    };
    let lines: Vec<&str> = text.lines().collect();
    let find = |want: Mark| {
        lines
            .iter()
            .position(|l| {
                annotation(l).is_some_and(|(m, ids)| m == want && ids.iter().any(|x| x == id))
            })
            .and_then(|i| lines.get(i + 1))
            .map(|l| l.trim().to_string())
            .unwrap_or_default()
    };
    (find(Mark::RuleId), find(Mark::Ok))
}
