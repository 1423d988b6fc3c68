//! The `security` gate: a multi-language scanner whose code rules never fire inside comments
//! or strings, secret detection in every text file, and other scanners' reports.
//!
//! - [`rules`]: the code-rule registry; [`secrets`]: secret rules.
//! - [`tree`]: code rules on syntax trees (tree-sitter through ast-grep), as YAML data under
//!   `rules/security/` and a team's `rules_dir`, with data flow inside a function.
//! - [`scan`]: the regex engine (keyword prefilter, then the candidate rules' regexes) for the
//!   rules not yet on trees, and the secret rules.
//! - [`suppress`]: `gatekeep:ignore[...]` and other tools' markers.
//! - [`baseline`]: line-independent fingerprints and baseline files.
//! - `change`: with a base, the findings the change brought and fixed (the base's versions of
//!   the changed files, scanned from git's objects).
//! - [`ingest`]: SARIF, npm audit, cargo-audit, pip-audit, trivy, grype, gitleaks.

pub mod baseline;
mod change;
pub mod gitleaks;
pub mod ingest;
pub mod java_xxe;
pub mod rules;
pub mod scan;
pub mod secrets;
pub mod suppress;
pub mod tree;

pub use baseline::write_baseline;

use super::{
    ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc, OptionDoc, RuleInfo,
};
use crate::model::{Finding, Severity};
use crate::node::de::{DeError, Spanned};
use crate::node::value::SNode;
use crate::walk::FileEntry;
use rules::{Category, Confidence, Meta};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Kind;

/// Ids the `security` gate reports besides its rules' (which `explain` finds in the registry).
pub static FINDINGS: &[super::FindingDoc] = &[super::FindingDoc {
    id: "security/unreadable",
    summary: "A file the built-in rules could not read or scan (info; counted in `unreadable`)",
    description: "The file was selected but could not be read (removed or replaced during the \
run, an I/O error) or a rule failed on it. It was not scanned, so its findings are unknown: the \
`unreadable` metric counts it and `unreadable == 0` is checked whatever `thresholds` says. Files \
that are not UTF-8 are not unreadable: UTF-16 with a byte-order mark and Latin-1 are decoded and \
scanned; only binary files (a NUL byte, no UTF-16 mark) are skipped.",
}];

pub static DOC: KindDoc = KindDoc {
    kind: "security",
    summary: "Built-in security rules over the source tree, plus other scanners' reports",
    description: "\
Scans every selected file with built-in rules and reads other scanners' reports.

**Code rules** (Python, JavaScript/TypeScript incl. JSX/TSX, Go, Java, Kotlin, Rust, shell, PHP, \
Ruby, C#, C and C++) cover \
code execution, command injection, unsafe deserialization, XML external entities, path \
traversal / zip slip, weak cryptography, disabled TLS verification, SQL built by string \
concatenation or formatting, and requests (SSRF) and redirects to a URL whose host the client \
chose. Every code rule runs on syntax trees (tree-sitter grammars through ast-grep, with data \
flow inside a function in Python, JavaScript/TypeScript, Go, Java, Kotlin, Ruby, PHP, C# and \
C/C++ (through buffers and the file's macros); see \
docs/SECURITY_RULES.md) and matches code nodes only, so it never fires inside a comment or a \
string (the code inside f-string fields, JS template `${}` and shell `$(…)` is code). Rules use \
call context where it matters: `shell=True` must be inside the same `subprocess.*(…)` call, \
`yaml.load(…)` is flagged only without a safe loader, a Java XML factory only when it is not \
secured before it builds a parser.

**Secret rules** run on every text file (strings and comments included). gatekeep's own rules \
cover the common providers (AWS, GitHub, GitLab, Slack, Stripe, Google, npm, PyPI, OpenAI, \
SendGrid, Twilio), PEM private keys, JWTs, credentials in URLs, generic `password = \"…\"` and \
`api_key = …` assignments and high-entropy values in `.env` files, with entropy checks and \
filters for placeholders and references (`${VAR}`, `{{x}}`, `os.environ[…]`, `changeme`, `xxxx`, \
SCREAMING_CASE names, hashes). gitleaks' default rule set (~200 more providers, vendored from \
gitleaks/gitleaks, MIT) runs alongside with gitleaks' semantics — keywords, secret group, \
entropy, path filters and allowlists (lock files, vendored dependencies, well-known sample \
keys); its rules are `secret-<gitleaks id>` (`gatekeep explain secret-doppler-api-token`), and \
a gitleaks rule that one of gatekeep's own rules covers is replaced by it. One finding per \
secret: a provider rule wins over a generic one. Messages show only the first 4 characters of \
a secret.

Files are prefiltered with one Aho-Corasick pass over rule keywords; only files with a \
candidate rule are parsed, and only candidate rules run. Files are scanned on all cores.

**Suppressions**: `gatekeep:ignore[rule-id] reason` on the finding's line or the line before \
(several ids separated by commas; no brackets means every rule). A suppression without a \
reason still suppresses but is itself a low finding (`suppression-without-reason`). With \
`other_suppressions = true`, `nosec`/`nosemgrep` (code rules) and `gitleaks:allow`/`pragma: \
allowlist secret` (secrets) on the finding's line are honoured too. Suppressed findings are \
counted in the `suppressed` metric. A marker naming a report's rule \
(`gatekeep:ignore[semgrep-oss/python-eval] reason`, or just `[python-eval]`) suppresses that \
tool's finding at that place too; results a SARIF producer marked suppressed are counted there \
as well.

**Baseline**: `baseline = \"FILE\"` holds fingerprints of accepted findings; only new \
findings count (the accepted ones are counted in `baselined`). A fingerprint hashes the rule, \
the path, the whitespace-normalised line text and the occurrence index of that triple, so it \
survives lines moving. `gatekeep check --write-baseline` writes the file.

**New code.** With `--base REV` (or, when a threshold names one of these metrics, the base CI \
names: see docs/CI.md), `new_critical`, `new_high`, `new_medium`, `new_low` and `new_total` count \
the findings the change brings since the merge base of REV and HEAD (working tree and untracked \
files included). A built-in finding is new when its fingerprint (the baseline's: rule, path, \
whitespace-normalised line text, occurrence) is not among the findings of the base's version of \
its file: the base's versions of the changed files are read from git's objects (one `git \
cat-file --batch`, no checkout) and scanned in memory with the same rules and options. Renames \
are followed, so code moved within a file, or a file renamed, brings nothing new; findings in \
files the change does not touch are unchanged. Other scanners' findings (`reports`), which cannot \
be rerun at the base, are new when on a line the change adds or changes. `fixed_total` counts the \
base's findings in the changed files that the run no longer counts (fixed, deleted with their \
file, or suppressed since), and a note names the first ones. Findings carry `baseline_state` \
`new` or `unchanged` (SARIF `baselineState`; GitHub annotations show the new ones). Findings the \
`baseline` file accepts are in none of these counts. A shallow clone without the base, or no base \
at all, is an ERROR that says what to do.

**Reports** (`reports`, globs): SARIF 2.1.0 from any tool (lenient; `security-severity` in \
GitHub's bands when it is a score in (0, 10], else `level`: `NaN`, `-8.1` or `0` fall back to it), npm audit v2/v1 (advisories deduplicated by `source`; \
`moderate` is medium), cargo-audit (severity from the CVSS v3 vector), pip-audit (no \
severities: `unknown_severity`, default high), trivy, grype and gitleaks JSON; the format is \
detected from the content. A report showing the scanner failed (npm's error object, every \
package skipped, an empty or truncated file, a SARIF run without `results`) makes the gate \
ERROR, never \"0 findings\". Findings reported by several sources (the same advisory and \
package; a secret at the same place; the same CWE at the same place, e.g. semgrep's and \
gatekeep's `eval` finding) count once; the first source wins, native rules first.\n\n\
Native findings are named `security/<rule-id>`, ingested ones `security/<tool>/<rule>`; \
`gatekeep explain <rule-id>` documents a built-in rule.",
    options: &[
        OptionDoc { name: "rules", ty: "list of strings", default: "[] (all)", description: "Run only these rules: ids, globs (`py-*`) or categories (`secrets`, `code-execution`, `command-injection`, `deserialization`, `xxe`, `path-traversal`, `weak-crypto`, `tls`, `sql`, `ssrf`, `open-redirect`)." },
        OptionDoc { name: "exclude_rules", ty: "list of strings", default: "[]", description: "Rules not to run (same forms as `rules`)." },
        OptionDoc { name: "min_confidence", ty: "string", default: "\"low\"", description: "Skip rules below this confidence: `low`, `medium` or `high`." },
        OptionDoc { name: "severity_overrides", ty: "table", default: "{}", description: "Rule id → severity (`critical`, `high`, `medium`, `low`), e.g. `{ py-weak-hash = \"low\" }`." },
        OptionDoc { name: "reports", ty: "list of globs", default: "[]", description: "Other scanners' reports to read (relative to the config folder). A configured pattern matching no file is an error." },
        OptionDoc { name: "builtin", ty: "bool", default: "true", description: "Run the built-in scanner; `false` reads only `reports`." },
        OptionDoc { name: "baseline", ty: "path", default: "none", description: "Baseline file of accepted findings (written by `check --write-baseline`)." },
        OptionDoc { name: "unknown_severity", ty: "string", default: "\"high\"", description: "Severity for report findings without one (pip-audit, CVSS-less advisories)." },
        OptionDoc { name: "tests", ty: "string", default: "\"scan\"", description: "Findings in test files (`tests/`, `test/`, `__tests__/`, `testdata/`, `test_*.py`, `*_test.py`, `*_test.go`, `*.test.js`, `*.spec.ts`, `*Test.java`, …): `scan` (as any file), `lower` (one severity level lower) or `skip` (not scanned)." },
        OptionDoc { name: "rules_dir", ty: "path", default: "none", description: "A folder of the team's own rules (relative to the config folder): ast-grep YAML rule files with gatekeep's fields (`severity`, `category`, `cwe`, `confidence`, `keywords`, `constant`, `sources`, `sanitizers`, `untainted`), each with its `ruleid:`/`ok:` test file beside it; files under a `utils/` folder are shared utility rules (`matches: <id>`, over the built-in ones; docs/SECURITY_RULES.md). A bad rule file is a config error naming the file and position; `gatekeep rules test DIR` runs the tests." },
        OptionDoc { name: "other_suppressions", ty: "bool", default: "false", description: "Also honour `nosec`, `nosemgrep`, `gitleaks:allow` and `pragma: allowlist secret` on a finding's line." },
    ],
    metrics: &[
        MetricDoc { name: "critical", unit: "", description: "critical findings" },
        MetricDoc { name: "high", unit: "", description: "high findings" },
        MetricDoc { name: "medium", unit: "", description: "medium findings" },
        MetricDoc { name: "low", unit: "", description: "low findings" },
        MetricDoc { name: "total", unit: "", description: "all findings, of every severity (info included)" },
        MetricDoc { name: "secrets", unit: "", description: "secret findings (native and ingested)" },
        MetricDoc { name: "suppressed", unit: "", description: "findings suppressed in source (and by the reporting tools)" },
        MetricDoc { name: "baselined", unit: "", description: "findings accepted by the baseline (not counted above)" },
        MetricDoc { name: "files", unit: "", description: "text files scanned by the built-in rules (UTF-8, or decoded from UTF-16 with a byte-order mark or Latin-1)" },
        MetricDoc { name: "unreadable", unit: "", description: "files the built-in rules could not read or scan (listed as `security/unreadable`)" },
        MetricDoc { name: "parse_errors", unit: "", description: "files a grammar could not parse cleanly (listed in the `parse_errors` note; the secret rules still ran, and the code rules on the recovered tree unless the parse was abandoned)" },
        MetricDoc { name: "new_critical", unit: "", description: "with `--base REV` (or the base CI names): critical findings the change brings (not at the base, renames followed)" },
        MetricDoc { name: "new_high", unit: "", description: "with a base: high findings the change brings" },
        MetricDoc { name: "new_medium", unit: "", description: "with a base: medium findings the change brings" },
        MetricDoc { name: "new_low", unit: "", description: "with a base: low findings the change brings" },
        MetricDoc { name: "new_total", unit: "", description: "with a base: findings the change brings, of every severity: `new_total == 0` gates the change, not the legacy" },
        MetricDoc { name: "fixed_total", unit: "", description: "with a base: findings the base had in the changed files that the run no longer counts (fixed, deleted, or suppressed since)" },
    ],
    default_thresholds: &["critical == 0", "high == 0"],
    integrity: &["unreadable == 0"],
    dynamic_metrics: false,
    reads_tree: true,
    default_include: &[],
    example: "[gates.security]\nthresholds = [\"critical == 0\", \"high == 0\"]\nexclude_rules = [\"py-weak-hash\"]\nmin_confidence = \"medium\"\nseverity_overrides = { js-insecure-random = \"low\" }\nreports = [\"reports/semgrep.sarif\", \"npm-audit.json\"]\nbaseline = \".gatekeep/security-baseline.json\"\ntests = \"lower\"\n",
};

#[derive(serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    #[serde(default)]
    exclude_rules: Vec<Spanned<String>>,
    #[serde(default)]
    min_confidence: Option<Confidence>,
    #[serde(default)]
    severity_overrides: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    reports: Vec<Spanned<String>>,
    #[serde(default)]
    builtin: Option<bool>,
    #[serde(default)]
    baseline: Option<Spanned<String>>,
    #[serde(default)]
    unknown_severity: Option<Spanned<String>>,
    #[serde(default)]
    tests: Option<TestsMode>,
    #[serde(default)]
    other_suppressions: Option<bool>,
    #[serde(default)]
    rules_dir: Option<Spanned<String>>,
}

/// How findings in test files are treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TestsMode {
    #[default]
    Scan,
    Lower,
    Skip,
}

/// A configured security gate.
pub struct SecurityGate {
    enabled: scan::Enabled,
    tree: tree::RuleSet,
    tree_enabled: Vec<bool>,
    overrides: HashMap<String, Severity>,
    reports: Vec<String>,
    builtin: bool,
    baseline: Option<PathBuf>,
    unknown: Severity,
    tests: TestsMode,
    other_suppressions: bool,
    suppression_rule: bool,
}

fn all_ids() -> Vec<&'static str> {
    rules::all_meta().iter().map(|m| m.id).collect()
}

/// Whether a selector (`py-eval`, `py-*`, `secrets`) names a rule.
fn selects(pat: &str, m: &Meta) -> bool {
    if pat == m.id || pat == m.category.as_str() || rules::successors(pat).contains(&m.id) {
        return true;
    }
    crate::walk::glob(pat)
        .map(|g| g.compile_matcher().is_match(m.id))
        .unwrap_or(false)
}

fn check_selectors(list: &[Spanned<String>], metas: &[Meta]) -> Result<(), DeError> {
    for p in list {
        let p_id = p.value.trim_start_matches("security/");
        if !metas.iter().any(|m| selects(p_id, m)) {
            let cats = Category::ALL.iter().map(|c| c.as_str());
            let ids = all_ids();
            let sugg = crate::suggest::did_you_mean(p_id, ids.iter().copied().chain(cats));
            let mut e = DeError::at(
                p.pos,
                format!("`{}` matches no security rule or category", p.value),
            );
            e.suggestion = sugg.map(str::to_string);
            return Err(e);
        }
    }
    Ok(())
}

fn parse_severity(s: &Spanned<String>) -> Result<Severity, DeError> {
    match Severity::parse(&s.value) {
        Some(Severity::Info) | None => Err(DeError::at(
            s.pos,
            format!(
                "unknown severity `{}`, expected `critical`, `high`, `medium` or `low`",
                s.value
            ),
        )),
        Some(v) => Ok(v),
    }
}

impl GateKind for Kind {
    fn doc(&self) -> &'static KindDoc {
        &DOC
    }
    fn base_metrics(&self) -> &'static [&'static str] {
        &[
            "new_critical",
            "new_high",
            "new_medium",
            "new_low",
            "new_total",
            "fixed_total",
        ]
    }
    fn options_schema(&self) -> serde_json::Value {
        schemars::schema_for!(Options).to_value()
    }

    fn configure(&self, options: &SNode, cx: &ConfigCx<'_>) -> Result<Arc<dyn Gate>, DeError> {
        let o: Options = super::options(options)?;
        // The secret rules' regexes compile on another core while the tree rules load: the two
        // are a run's start (once per process), and were compiled one after the other.
        let mut metas = std::thread::scope(|s| {
            let _ = std::thread::Builder::new().spawn_scoped(s, || scan::compiled().is_ok());
            rules::all_meta()
        });
        let mut tree_rules: Vec<&'static tree::TreeRule> = tree::builtin()
            .map_err(|e| {
                DeError::at(
                    options.pos,
                    format!("internal error in a built-in rule: {e}"),
                )
            })?
            .iter()
            .collect();
        if let Some(dir) = &o.rules_dir {
            crate::paths::check_path(dir)?;
            let full = cx.config_dir.join(&dir.value);
            if !full.is_dir() {
                return Err(DeError::at(
                    dir.pos,
                    format!("`rules_dir`: {} is not a folder", full.display()),
                ));
            }
            let user = tree::load_user(&full, &dir.value)
                .map_err(|e| DeError::at(dir.pos, format!("a rule file in `rules_dir`: {e}")))?;
            for r in &user {
                if metas.iter().any(|m| m.id == r.id) {
                    return Err(DeError::at(
                        dir.pos,
                        format!(
                            "{}: rule id `{}` is a built-in rule's; give the team's rule its own id",
                            r.origin, r.id
                        ),
                    ));
                }
                metas.push(Meta::of_tree(r));
            }
            tree::register_user(&user);
            tree_rules.extend(user);
        }
        check_selectors(&o.rules, &metas)?;
        check_selectors(&o.exclude_rules, &metas)?;
        let min_conf = o.min_confidence.unwrap_or(Confidence::Low);
        let on = |m: &Meta| -> bool {
            let inc = o.rules.is_empty()
                || o.rules
                    .iter()
                    .any(|p| selects(p.value.trim_start_matches("security/"), m));
            let exc = o
                .exclude_rules
                .iter()
                .any(|p| selects(p.value.trim_start_matches("security/"), m));
            inc && !exc && m.confidence >= min_conf
        };
        let c = scan::compiled().map_err(|e| DeError::at(options.pos, e.to_string()))?;
        let enabled = scan::Enabled {
            secrets: c.secrets.iter().map(|r| on(&r.meta())).collect(),
        };
        let tree_enabled: Vec<bool> = tree_rules.iter().map(|r| on(&Meta::of_tree(r))).collect();
        let tree = tree::RuleSet::new(tree_rules);
        let suppression_rule = on(&rules::SUPPRESSION_NO_REASON);
        let mut overrides = HashMap::new();
        for (id, sev) in &o.severity_overrides {
            let id = id.trim_start_matches("security/");
            let sev_of = parse_severity(sev)?;
            let successors = rules::successors(id);
            if !successors.is_empty() {
                for new in successors {
                    overrides.entry(new.to_string()).or_insert(sev_of);
                }
                continue;
            }
            if !metas.iter().any(|m| m.id == id) {
                let ids = all_ids();
                let mut e = DeError::at(
                    sev.pos,
                    format!("`severity_overrides` names no rule `{id}`"),
                );
                e.suggestion =
                    crate::suggest::did_you_mean(id, ids.iter().copied()).map(str::to_string);
                return Err(e);
            }
            overrides.insert(id.to_string(), sev_of);
        }
        for r in &o.reports {
            crate::paths::check_path(r)?;
        }
        let baseline = match &o.baseline {
            Some(b) => {
                crate::paths::check_path(b)?;
                Some(PathBuf::from(&b.value))
            }
            None => None,
        };
        let unknown = match &o.unknown_severity {
            Some(s) => parse_severity(s)?,
            None => Severity::High,
        };
        let builtin = o.builtin.unwrap_or(true);
        if !builtin && o.reports.is_empty() {
            return Err(DeError::at(
                options.pos,
                "`builtin = false` needs `reports`: the gate would have nothing to check",
            ));
        }
        Ok(Arc::new(SecurityGate {
            enabled,
            tree,
            tree_enabled,
            overrides,
            reports: o.reports.iter().map(|r| r.value.clone()).collect(),
            builtin,
            baseline,
            unknown,
            tests: o.tests.unwrap_or_default(),
            other_suppressions: o.other_suppressions.unwrap_or(false),
            suppression_rule,
        }))
    }

    fn rule(&self, id: &str) -> Option<RuleInfo> {
        let id = id.trim_start_matches("security/");
        rules::all_meta()
            .into_iter()
            .chain(tree::registered_user().into_iter().map(Meta::of_tree))
            .find(|m| m.id == id)
            .map(|m| m.info())
    }

    fn rule_ids(&self) -> Vec<String> {
        all_ids().into_iter().map(str::to_string).collect()
    }
}

/// Whether a repo path is a test file.
pub fn is_test_path(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let in_test_dir = rel.split('/').rev().skip(1).any(|d| {
        matches!(
            d,
            "test"
                | "tests"
                | "__tests__"
                | "testdata"
                | "testing"
                | "spec"
                | "specs"
                | "__mocks__"
        )
    });
    in_test_dir
        || name.starts_with("test_") && name.ends_with(".py")
        || name.ends_with("_test.py")
        || name == "conftest.py"
        || name.ends_with("_test.go")
        || name.ends_with("Test.java")
        || name.ends_with("Tests.java")
        || name.ends_with("_test.rs")
        || name.ends_with("_spec.rb")
        || name.ends_with("Test.php")
        || [".test.", ".spec."].iter().any(|m| name.contains(m))
}

/// One native finding before counting.
struct Native {
    finding: Finding,
    line_text: String,
    secret: bool,
    suppressed: bool,
    /// The rule's CWE (0: none), for deduplication against other tools' findings.
    cwe: u32,
}

/// A match before suppressions and overrides: a regex rule's, a secret rule's or a tree rule's.
struct Raw<'a> {
    id: &'a str,
    severity: Severity,
    message: String,
    secret: bool,
    cwe: u32,
    offset: usize,
    end: usize,
    flow: Vec<crate::model::FlowStep>,
}

/// Per-thread scan results.
#[derive(Default)]
struct Partial {
    found: Vec<Native>,
    files: u64,
    /// Binary files (not scanned).
    skipped: u64,
    /// Files parsed for the tree rules (those holding a rule's keyword).
    parsed: u64,
    /// Files read from another encoding (path and encoding).
    decoded: Vec<String>,
    unreadable: Vec<String>,
    /// Files a grammar could not parse, or parsed with errors: `path: line:col: what`.
    parse_errors: Vec<String>,
}

impl SecurityGate {
    /// Scans one work-tree file: its name, then its content.
    fn scan_file(&self, c: &scan::Compiled, cx: &GateCx<'_>, entry: &FileEntry, out: &mut Partial) {
        self.scan_name(c, &entry.rel, out);
        let raw = match cx.repo.bytes(entry) {
            Ok(b) => b,
            Err(e) => {
                out.unreadable.push(format!("{e:#}"));
                return;
            }
        };
        self.scan_content(c, &entry.rel, entry.lang, &raw, out);
    }

    /// The rules that flag a file by its name (`rel`, relative to the repository).
    fn scan_name(&self, c: &scan::Compiled, rel: &str, out: &mut Partial) {
        match scan::path_hits(c, &self.enabled, rel) {
            Ok(rules) => {
                for r in rules {
                    let m = &c.secrets[r];
                    let sev = self.overrides.get(m.id()).copied().unwrap_or(m.severity());
                    out.found.push(Native {
                        finding: Finding::new(
                            format!("security/{}", m.id()),
                            sev,
                            format!("{}: file detected by its name", m.title()),
                        )
                        .at(rel, None, None),
                        line_text: String::new(),
                        secret: true,
                        suppressed: false,
                        cwe: 798,
                    });
                }
            }
            Err(e) => out
                .unreadable
                .push(format!("internal error in a secret rule: {e}")),
        }
    }

    /// Scans one file's content under its path `rel` (whose language picks the grammar): a
    /// work-tree file, or a changed file as it was at the base, read from git.
    fn scan_content(
        &self,
        c: &scan::Compiled,
        rel: &str,
        lang: Option<crate::walk::Lang>,
        raw: &[u8],
        out: &mut Partial,
    ) {
        // Not UTF-8 is no reason to skip a file: one Latin-1 byte in a comment would hide
        // every secret in it. Only binary files (NUL, no UTF-16 mark) are skipped.
        let decoded = crate::text::decode(raw);
        let text: &[u8] = match &decoded {
            crate::text::Decoded::Binary => {
                out.skipped += 1;
                return;
            }
            crate::text::Decoded::Converted(v, enc) => {
                out.decoded.push(format!("{rel} ({enc})"));
                v
            }
            crate::text::Decoded::Utf8(b) => b,
        };
        out.files += 1;
        let lang = lang.or_else(|| shebang_lang(text));
        let tree_lang = tree::lang_of(rel, lang).filter(|l| self.tree.covers(*l));
        let (fs, ts) = match tree_lang.map(|l| (l, self.tree.search_both(l, &c.words, text))) {
            // One search for the secret rules' keywords and the language's tree keywords: a
            // second pass over the same bytes was 3% of a run on a Python tree.
            Some((l, Some(found))) => {
                let cands = self.tree.candidates_from(
                    l,
                    text,
                    &self.tree_enabled,
                    Some(found.code.into_iter()),
                );
                (
                    scan::scan_matches(c, &self.enabled, rel, text, found.secret.into_iter()),
                    tree::scan_candidates(&self.tree, l, text, cands),
                )
            }
            Some((l, None)) => (
                scan::scan(c, &self.enabled, rel, text),
                tree::scan(&self.tree, &self.tree_enabled, l, text),
            ),
            None => (
                scan::scan(c, &self.enabled, rel, text),
                tree::TreeScan::default(),
            ),
        };
        out.unreadable.extend(fs.errors.iter().cloned());
        out.parsed += u64::from(ts.parsed);
        out.unreadable
            .extend(ts.errors.iter().map(|e| format!("{rel}: {e}")));
        if let Some(e) = &ts.parse_error {
            out.parse_errors.push(format!("{rel}: {e}"));
        }
        if fs.hits.is_empty() && ts.hits.is_empty() && !fs.has_marker {
            return;
        }
        // UTF-8: checked or converted above.
        let s = String::from_utf8_lossy(text);
        let lines: Vec<&str> = s.split('\n').collect();
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(
                text.iter()
                    .enumerate()
                    .filter(|(_, b)| **b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        let markers = if fs.has_marker {
            suppress::markers(&s)
        } else {
            Vec::new()
        };
        let test_file = is_test_path(rel);
        let mut raw: Vec<Raw> = fs
            .hits
            .iter()
            .map(|h| {
                let d = &c.secrets[h.rule];
                let message = match &h.secret {
                    Some(red) => format!("{}: {red}", d.title()),
                    None => d.title().to_string(),
                };
                Raw {
                    id: d.id(),
                    severity: d.severity(),
                    message,
                    secret: true,
                    cwe: 798,
                    offset: h.offset,
                    end: h.end,
                    flow: Vec::new(),
                }
            })
            .collect();
        raw.extend(ts.hits.into_iter().map(|h| {
            let r = self.tree.rules[h.rule];
            let message = match (&h.severity, h.flow.first()) {
                (_, Some(src)) => format!(
                    "{}: a value from line {} reaches it ({})",
                    r.title,
                    src.line,
                    src.message.trim_start_matches("source: ")
                ),
                (Some(_), None) => format!(
                    "{}: no source traced to it, check where the value comes from",
                    r.title
                ),
                (None, None) => r.title.clone(),
            };
            Raw {
                id: &r.id,
                severity: h.severity.unwrap_or(r.severity),
                message,
                secret: false,
                cwe: r.cwe,
                offset: h.offset,
                end: h.end,
                flow: h.flow,
            }
        }));
        raw.sort_by_key(|h| h.offset);
        for h in raw {
            let li = line_starts
                .partition_point(|&st| st <= h.offset)
                .saturating_sub(1);
            let line_no = li as u64 + 1;
            let line_text = lines.get(li).copied().unwrap_or("").trim_end_matches('\r');
            let col = s
                .get(line_starts[li]..h.offset)
                .map_or(1, |p| p.chars().count() as u64 + 1);
            let mut sev = self.overrides.get(h.id).copied().unwrap_or(h.severity);
            if test_file && self.tests == TestsMode::Lower {
                sev = lower(sev);
            }
            // Other tools' markers count on the finding's line, or for a code finding anywhere
            // in its (multi-line) statement, as bandit reads `# nosec`.
            let last = if h.secret {
                li
            } else {
                line_starts
                    .partition_point(|&st| st <= h.end)
                    .saturating_sub(1)
            };
            let suppressed = suppress::find(&markers, h.id, line_no).is_some()
                || self.other_suppressions
                    && (li..=last.max(li)).any(|k| {
                        suppress::other_tool(lines.get(k).copied().unwrap_or(""), h.secret)
                    });
            let mut finding = Finding::new(format!("security/{}", h.id), sev, h.message).at(
                rel,
                Some(line_no),
                Some(col),
            );
            finding.flow = h.flow;
            out.found.push(Native {
                finding,
                line_text: line_text.to_string(),
                secret: h.secret,
                suppressed,
                cwe: h.cwe,
            });
        }
        if self.suppression_rule {
            for m in markers.iter().filter(|m| m.reason.is_empty()) {
                let li = (m.line - 1) as usize;
                let sev = self
                    .overrides
                    .get(rules::SUPPRESSION_NO_REASON.id)
                    .copied()
                    .unwrap_or(Severity::Low);
                out.found.push(Native {
                    finding: Finding::new(
                        format!("security/{}", rules::SUPPRESSION_NO_REASON.id),
                        sev,
                        "gatekeep:ignore without a reason: say why the finding is accepted",
                    )
                    .at(rel, Some(m.line), Some(m.col)),
                    line_text: lines.get(li).copied().unwrap_or("").to_string(),
                    secret: false,
                    suppressed: false,
                    cwe: 0,
                });
            }
        }
    }

    fn scan_tree(&self, cx: &GateCx<'_>) -> anyhow::Result<Partial> {
        let c = scan::compiled()?;
        let files: Vec<&FileEntry> = cx
            .files()
            .filter(|f| !(self.tests == TestsMode::Skip && is_test_path(&f.rel)))
            .collect();
        let threads = crate::gates::threads().clamp(1, 16);
        let next = AtomicUsize::new(0);
        let parts: Vec<Partial> = std::thread::scope(|sc| {
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    sc.spawn(|| {
                        let mut p = Partial::default();
                        loop {
                            let i = next.fetch_add(16, Ordering::Relaxed);
                            if i >= files.len() || cx.cancel.is_cancelled() {
                                break;
                            }
                            for f in &files[i..(i + 16).min(files.len())] {
                                self.scan_file(c, cx, f, &mut p);
                            }
                        }
                        p
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        if cx.cancel.is_cancelled() {
            anyhow::bail!("cancelled");
        }
        let mut all = Partial::default();
        for mut p in parts {
            all.found.append(&mut p.found);
            all.files += p.files;
            all.skipped += p.skipped;
            all.parsed += p.parsed;
            all.decoded.append(&mut p.decoded);
            all.unreadable.append(&mut p.unreadable);
            all.parse_errors.append(&mut p.parse_errors);
        }
        Ok(all)
    }
}

fn lower(s: Severity) -> Severity {
    match s {
        Severity::Critical => Severity::High,
        Severity::High => Severity::Medium,
        Severity::Medium | Severity::Low => Severity::Low,
        Severity::Info => Severity::Info,
    }
}

/// The language a `#!` line names, for files without an extension (`#!/bin/sh`,
/// `#!/usr/bin/env python3`): the walk detects languages by name only.
fn shebang_lang(text: &[u8]) -> Option<crate::walk::Lang> {
    use crate::walk::Lang as W;
    let first = text.strip_prefix(b"#!")?;
    let line = &first[..first
        .iter()
        .position(|&c| c == b'\n')
        .unwrap_or(first.len())];
    let l = String::from_utf8_lossy(line);
    if l.contains("python") {
        Some(W::Python)
    } else if l.ends_with("sh") || l.contains("bash") || l.contains("/sh ") {
        Some(W::Shell)
    } else if l.contains("node") {
        Some(W::JavaScript)
    } else if l.contains("ruby") {
        Some(W::Ruby)
    } else if l.contains("php") {
        Some(W::Php)
    } else {
        None
    }
}

impl Gate for SecurityGate {
    fn run(&self, cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        let mut out = GateOutput::default();
        let mut suppressed = 0u64;
        let mut natives: Vec<Native> = Vec::new();
        let mut unread: Vec<Finding> = Vec::new();
        if self.builtin {
            let mut p = self.scan_tree(cx)?;
            out.notes.push(format!(
                "built-in rules: {} text files scanned ({} parsed for the tree rules: those holding a rule's keyword), {} binary files skipped",
                p.files, p.parsed, p.skipped
            ));
            if !p.parse_errors.is_empty() {
                p.parse_errors.sort();
                out.notes.push(format!(
                    "parse_errors: {} files could not be parsed cleanly (secret rules still ran; code rules ran on the recovered tree unless said): {}",
                    p.parse_errors.len(),
                    p.parse_errors
                        .iter()
                        .take(10)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
            }
            if !p.decoded.is_empty() {
                out.notes.push(format!(
                    "{} files are not UTF-8 and were scanned as decoded, e.g. {}",
                    p.decoded.len(),
                    p.decoded[0]
                ));
            }
            if p.files == 0 && self.reports.is_empty() {
                anyhow::bail!(
                    "no text file to scan ({} files selected); check `include`/`exclude`",
                    p.files + p.skipped + p.unreadable.len() as u64
                );
            }
            // Listed after the counted findings (info: the `unreadable` metric counts them).
            unread = p
                .unreadable
                .iter()
                .take(20)
                .map(|u| {
                    Finding::new(
                        "security/unreadable",
                        Severity::Info,
                        format!("not scanned: {u}"),
                    )
                })
                .collect();
            out.count("files", p.files);
            out.count("unreadable", p.unreadable.len() as u64);
            out.count("parse_errors", p.parse_errors.len() as u64);
            natives = p.found;
        }
        // Other scanners' reports.
        // Keys under which other tools' findings duplicate native ones: a secret at the same
        // place, or the same CWE at the same place. A suppressed native finding also absorbs
        // the duplicate (the suppression applies to the place, whoever reports it).
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for n in &natives {
            let (p, l) = (
                n.finding.path.as_deref().unwrap_or(""),
                n.finding.line.unwrap_or(0),
            );
            if n.secret {
                seen.insert(format!("secret:{p}:{l}"));
            }
            if n.cwe != 0 {
                seen.insert(format!("cwe:{p}:{l}:{}", n.cwe));
            }
        }
        let mut ingested: Vec<(Finding, bool)> = Vec::new();
        if !self.reports.is_empty() {
            let paths = cx.find_reports(&self.reports)?;
            if paths.is_empty() {
                anyhow::bail!("no report matched {}", self.reports.join(", "));
            }
            let mut dups = 0;
            for p in &paths {
                let r = ingest::read(p, self.unknown)?;
                out.notes.push(format!(
                    "{}: {} ({} findings)",
                    cx.display_path(p),
                    r.format,
                    r.findings.len()
                ));
                out.notes.extend(r.notes);
                suppressed += r.suppressed;
                for e in r.findings {
                    if !seen.insert(e.dedup.clone()) {
                        dups += 1;
                        continue;
                    }
                    let mut f = Finding::new(
                        format!("security/{}/{}", e.tool, e.rule),
                        e.severity,
                        e.message,
                    );
                    f.path = e.path.map(|p| {
                        let pb = PathBuf::from(&p);
                        if pb.is_absolute() {
                            cx.display_path(&pb)
                        } else {
                            p
                        }
                    });
                    f.line = e.line;
                    f.column = e.column;
                    ingested.push((f, e.secret));
                }
            }
            if dups > 0 {
                out.notes.push(format!(
                    "{dups} findings reported by more than one source were counted once"
                ));
            }
        }
        // Suppressions.
        // (finding, whether a secret, whether a built-in rule's, its line's text)
        let mut findings: Vec<(Finding, bool, bool, Option<String>)> = Vec::new();
        for n in natives {
            if n.suppressed {
                suppressed += 1;
            } else {
                findings.push((n.finding, n.secret, true, Some(n.line_text)));
            }
        }
        // `gatekeep:ignore[<tool>/<rule>]` (or `[<rule>]`) in the repo file also suppresses
        // another tool's finding there.
        let mut marker_cache: HashMap<String, Vec<suppress::Marker>> = HashMap::new();
        for (f, secret) in ingested {
            if let (Some(p), Some(l)) = (f.path.as_deref(), f.line) {
                let markers = marker_cache
                    .entry(p.to_string())
                    .or_insert_with(|| file_markers(cx, p));
                let full = f.rule.trim_start_matches("security/");
                let short = full.split_once('/').map_or(full, |(_, r)| r);
                if suppress::find(markers, full, l).is_some()
                    || suppress::find(markers, short, l).is_some()
                {
                    suppressed += 1;
                    continue;
                }
            }
            let text = f
                .path
                .as_deref()
                .zip(f.line)
                .and_then(|(p, l)| line_of(cx, p, l));
            findings.push((f, secret, false, text));
        }
        findings.sort_by(|a, b| {
            (&a.0.path, a.0.line, a.0.column, &a.0.rule)
                .cmp(&(&b.0.path, b.0.line, b.0.column, &b.0.rule))
        });
        // Fingerprints on every finding.
        let texts: Vec<Option<String>> = findings.iter().map(|x| x.3.clone()).collect();
        let mut fs: Vec<Finding> = findings.iter().map(|x| x.0.clone()).collect();
        baseline::assign(&mut fs, &texts);
        // (secret, built-in) per finding.
        let flags: Vec<(bool, bool)> = findings.iter().map(|x| (x.1, x.2)).collect();
        // With a base: the base's findings in the changed files (before the baseline file takes
        // its accepted ones out, which were not fixed).
        let change = match cx.base {
            Some(rev) => {
                let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
                let deadline = cx.deadline.map_or(deadline, |d| d.min(deadline));
                let changed = crate::changes::changed_lines(cx.root, rev, deadline, cx.cancel)?;
                let base = if self.builtin {
                    change::base(self, cx, &changed)?
                } else {
                    change::Base::default()
                };
                let current: std::collections::HashSet<String> =
                    fs.iter().filter_map(|f| f.fingerprint.clone()).collect();
                Some((rev, changed, base, current))
            }
            None => None,
        };
        // Baseline.
        let mut baselined = 0u64;
        let (mut fs, flags) = match &self.baseline {
            Some(b) => {
                let path = cx.confined_path(&b.to_string_lossy())?;
                if cx.write_baseline {
                    baseline::write_baseline(&fs, &path)?;
                    out.notes.push(format!(
                        "wrote baseline {} with {} findings",
                        cx.display_path(&path),
                        fs.len()
                    ));
                }
                let accepted = baseline::read_baseline(&path)?;
                let mut keep = Vec::new();
                let mut kept = Vec::new();
                for (f, s) in fs.into_iter().zip(flags) {
                    if f.fingerprint
                        .as_ref()
                        .is_some_and(|fp| accepted.contains(fp))
                    {
                        baselined += 1;
                    } else {
                        keep.push(f);
                        kept.push(s);
                    }
                }
                out.notes.push(format!(
                    "baseline {}: {baselined} findings accepted",
                    cx.display_path(&path)
                ));
                (keep, kept)
            }
            None => (fs, flags),
        };
        let native: Vec<bool> = flags.iter().map(|x| x.1).collect();
        let tally = change.as_ref().map(|(rev, changed, base, current)| {
            let t = change::mark(&mut fs, &native, current, changed, base);
            if self.builtin {
                out.notes.push(format!(
                    "since {rev} ({}): {} changed files scanned as they were at the base",
                    changed.commit.get(..12).unwrap_or(&changed.commit),
                    base.files
                ));
            }
            out.notes.extend(change::fixed_note(rev, &t.fixed));
            t
        });
        let count = |s: Severity| fs.iter().filter(|f| f.severity == s).count() as u64;
        out.count("critical", count(Severity::Critical));
        out.count("high", count(Severity::High));
        out.count("medium", count(Severity::Medium));
        out.count("low", count(Severity::Low));
        // Every finding counts in `total`, `info` ones too (a scanner's note is still a finding).
        out.count("total", fs.len() as u64);
        out.count("secrets", flags.iter().filter(|s| s.0).count() as u64);
        out.count("suppressed", suppressed);
        if self.baseline.is_some() {
            out.count("baselined", baselined);
        }
        if let Some(t) = &tally {
            out.count("new_critical", t.new[0]);
            out.count("new_high", t.new[1]);
            out.count("new_medium", t.new[2]);
            out.count("new_low", t.new[3]);
            out.count("new_total", t.new.iter().sum());
            out.count("fixed_total", t.fixed.len() as u64);
        }
        if suppressed > 0 {
            out.notes.push(format!("{suppressed} findings suppressed"));
        }
        out.findings = fs;
        out.findings.append(&mut unread);
        Ok(out)
    }
}

/// The `gatekeep:ignore` markers of a repo file (none when it is not in the walk).
fn file_markers(cx: &GateCx<'_>, rel: &str) -> Vec<suppress::Marker> {
    let Some(e) = cx.repo.get(rel) else {
        return Vec::new();
    };
    match cx.repo.text(e) {
        Ok(Some(t)) => std::str::from_utf8(&t)
            .map(suppress::markers)
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The text of line `line` of a repo file, if it is in the walk and readable.
fn line_of(cx: &GateCx<'_>, rel: &str, line: u64) -> Option<String> {
    let e = cx.repo.get(rel)?;
    let t = cx.repo.text(e).ok()??;
    let s = std::str::from_utf8(&t).ok()?;
    s.lines()
        .nth(line.checked_sub(1)? as usize)
        .map(str::to_string)
}
