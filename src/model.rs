//! The data every gate produces and every report consumes (SPEC §4).

use serde::{Deserialize, Serialize};
use std::fmt;

/// The unit of a metric value. Values are always stored in the base unit:
/// percent for `%`, seconds for time, bytes for size.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Unit {
    /// A plain number or count.
    #[default]
    None,
    /// Percent, 0–100.
    Percent,
    /// Seconds.
    Seconds,
    /// Bytes.
    Bytes,
    /// A unit gatekeep cannot convert (e.g. `req/s`); thresholds on it take plain numbers.
    Other(String),
}

impl Unit {
    /// The symbol used in reports (`%`, `s`, `B`), or `None` for plain numbers.
    pub fn symbol(&self) -> Option<&str> {
        match self {
            Unit::None => None,
            Unit::Percent => Some("%"),
            Unit::Seconds => Some("s"),
            Unit::Bytes => Some("B"),
            Unit::Other(s) => Some(s.as_str()),
        }
    }

    /// Parses a unit symbol as written in reports and configs.
    pub fn from_symbol(s: &str) -> Unit {
        match s {
            "" => Unit::None,
            "%" => Unit::Percent,
            "s" => Unit::Seconds,
            "B" => Unit::Bytes,
            other => Unit::Other(other.to_string()),
        }
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.symbol() {
            Some(sym) => s.serialize_str(sym),
            None => s.serialize_none(),
        }
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        Ok(s.map(|s| Unit::from_symbol(&s)).unwrap_or(Unit::None))
    }
}

/// One measured value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    pub name: String,
    pub value: f64,
    pub unit: Unit,
    /// Raw samples behind the value (perf sources that give them), in the metric's unit.
    /// Used for significance tests against a baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub samples: Option<Vec<f64>>,
    /// Exact numerator/denominator when the value is a ratio (shown as `41/43`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratio: Option<(u64, u64)>,
    /// Shown beside the value in the Current column, e.g. `3 warnings, 0 notes` beside a
    /// diagnostics gate's error count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Metric {
    pub fn new(name: impl Into<String>, value: f64, unit: Unit) -> Metric {
        Metric {
            name: name.into(),
            value,
            unit,
            samples: None,
            ratio: None,
            detail: None,
        }
    }
    /// A plain count.
    pub fn count(name: impl Into<String>, value: u64) -> Metric {
        Metric::new(name, value as f64, Unit::None)
    }
    /// A percentage `num/den*100`; `None` when `den == 0` (no data — the metric is absent).
    pub fn percent(name: impl Into<String>, num: u64, den: u64) -> Option<Metric> {
        if den == 0 {
            return None;
        }
        let mut m = Metric::new(name, num as f64 * 100.0 / den as f64, Unit::Percent);
        m.ratio = Some((num, den));
        Some(m)
    }
}

/// Severity of a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s.to_ascii_lowercase().as_str() {
            "info" | "note" | "none" => Severity::Info,
            "low" => Severity::Low,
            "medium" | "moderate" => Severity::Medium,
            "high" => Severity::High,
            "critical" => Severity::Critical,
            _ => return None,
        })
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something a gate wants a person to look at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    /// Repo-relative, `/`-separated.
    pub path: Option<String>,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub message: String,
    /// A stable identity independent of line numbers (SARIF partialFingerprints).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// With a base (`--base`): whether the change brought this finding (`new`) or it was there
    /// before (`unchanged`); SARIF `baselineState`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_state: Option<BaselineState>,
    /// How a value reached the finding's line, for data-flow findings: the source first, the
    /// finding's own line last (SARIF `codeFlows`). Steps are in the finding's file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flow: Vec<FlowStep>,
}

/// One step of a data flow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowStep {
    /// 1-based.
    pub line: u64,
    /// 1-based, in characters.
    pub column: u64,
    /// What happens there: `source: request.args.get("cmd")`, `assigned: full = "ls " + cmd`,
    /// `sink: os.system(full)`.
    pub message: String,
}

/// Whether a finding is new in the change (SARIF `baselineState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BaselineState {
    New,
    Unchanged,
}

impl Finding {
    pub fn new(rule: impl Into<String>, severity: Severity, message: impl Into<String>) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            path: None,
            line: None,
            column: None,
            message: message.into(),
            fingerprint: None,
            baseline_state: None,
            flow: Vec::new(),
        }
    }
    /// Marks the finding as brought by the change.
    pub fn new_in_change(mut self) -> Finding {
        self.baseline_state = Some(BaselineState::New);
        self
    }
    pub fn at(
        mut self,
        path: impl Into<String>,
        line: Option<u64>,
        column: Option<u64>,
    ) -> Finding {
        self.path = Some(path.into());
        self.line = line;
        self.column = column;
        self
    }
}

/// Status of a condition or a gate (SPEC §2.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Status {
    Pass,
    Fail,
    Waived,
    Error,
    Skipped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::Fail => "FAIL",
            Status::Waived => "WAIVED",
            Status::Error => "ERROR",
            Status::Skipped => "SKIPPED",
        }
    }
    /// Rank for combining: ERROR > FAIL > WAIVED > PASS > SKIPPED.
    pub fn rank(self) -> u8 {
        match self {
            Status::Skipped => 0,
            Status::Pass => 1,
            Status::Waived => 2,
            Status::Fail => 3,
            Status::Error => 4,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The release decision (SPEC §2.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Verdict {
    Go,
    GoWithAcceptedRisks,
    NoGo,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Go => "GO",
            Verdict::GoWithAcceptedRisks => "GO WITH ACCEPTED RISKS",
            Verdict::NoGo => "NO-GO",
        }
    }
    pub fn exit_code(self) -> i32 {
        match self {
            Verdict::NoGo => 1,
            _ => 0,
        }
    }
}

/// Gate level.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    Blocker,
    Warning,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Blocker => "blocker",
            Level::Warning => "warning",
        }
    }
}

/// A waiver as referenced from a condition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaiverRef {
    pub owner: String,
    pub reason: String,
    pub expires: String,
}

/// One evaluated threshold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub expr: String,
    pub metric: String,
    pub op: String,
    /// The target in the metric's unit, once resolved (a baseline target is resolved against the baseline).
    pub target: Option<f64>,
    pub actual: Option<f64>,
    #[serde(default)]
    pub unit: Unit,
    pub status: Status,
    pub waiver: Option<WaiverRef>,
    /// Why the condition is ERROR, or how a baseline comparison was decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One gate's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GateResult {
    pub id: String,
    pub kind: String,
    pub level: Level,
    pub status: Status,
    pub duration_ms: u64,
    pub error: Option<String>,
    pub metrics: Vec<Metric>,
    pub conditions: Vec<Condition>,
    pub findings: Vec<Finding>,
    /// Informational lines (e.g. which report format was detected, which defaults were used).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Data for `gatekeep merge` (coverage line data as LCOV, with `merge_data = true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Value>,
    /// Where the gate is configured (absent for the built-in defaults).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ConfigSource>,
    /// Findings the gate counted but did not list (beyond its listing limit): the true count is
    /// `findings.len() + findings_not_listed`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub findings_not_listed: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Where a gate is configured: the config file and lines, for formats that point at a place
/// (CodeClimate issues of failed conditions).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfigSource {
    /// The config file, relative to the repository root.
    pub path: String,
    /// The line of the gate's table (`[gates.id]`).
    pub line: u64,
    /// The line of each threshold written in the file, by expression.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub thresholds: std::collections::BTreeMap<String, u64>,
}

/// A waiver's state in a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WaiverState {
    Applied,
    Expired,
    Unused,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaiverReport {
    pub gate: String,
    pub metric: Option<String>,
    pub owner: String,
    pub expires: String,
    pub reason: String,
    pub state: WaiverState,
    /// Days until expiry (negative once expired).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolInfo {
    pub name: String,
    pub version: String,
}

/// The whole run (SPEC §4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: u32,
    pub tool: ToolInfo,
    pub project: String,
    pub verdict: Verdict,
    pub duration_ms: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// The base of the change, when a gate or `--changed` measured one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<BaseReport>,
    pub gates: Vec<GateResult>,
    pub waivers: Vec<WaiverReport>,
    /// Set when no config was found and a default set of gates was chosen (SPEC §6).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub defaults_used: Vec<String>,
    /// `check --release`: the verdict also needs every required sign-off.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub release: bool,
    /// The sign-off block, when the config has `[signoff] required`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signoff: Option<SignoffReport>,
    /// A workspace run: each member's verdict (gate ids are then `member:gate`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<MemberSummary>,
}

/// The base revision the change was measured against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaseReport {
    /// The revision given or found (`origin/main`).
    pub rev: String,
    /// How it was found (`--base`, the pull request's base, `origin/HEAD`).
    pub found_by: String,
    /// The commit compared with (the merge base of `rev` and HEAD), once a gate read the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
}

/// One workspace member's outcome.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberSummary {
    /// The member's folder relative to the root (`.` for the root's own gates).
    pub name: String,
    pub project: String,
    pub verdict: Verdict,
    pub gates: usize,
}

/// Who has to approve a release, and who has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignoffReport {
    pub required: Vec<String>,
    pub entries: Vec<SignoffEntryReport>,
    /// Roles without a valid sign-off for the current state.
    pub awaiting: Vec<String>,
}

/// One required role's sign-off.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignoffEntryReport {
    pub role: String,
    pub name: Option<String>,
    pub note: Option<String>,
    pub time: Option<String>,
    /// `signed`, `stale` (signed another state) or `pending`.
    pub state: String,
    /// What changed since a stale sign-off: `code`, `config`, `gate results`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<String>,
}

impl Report {
    pub fn gate(&self, id: &str) -> Option<&GateResult> {
        self.gates.iter().find(|g| g.id == id)
    }
}

impl GateResult {
    pub fn metric(&self, name: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.name == name)
    }
    /// The true number of findings, listed or not.
    pub fn findings_total(&self) -> u64 {
        self.findings.len() as u64 + self.findings_not_listed
    }
}
