//! `gatekeep init --ratchet`: a `new-code` profile for a repository that fails its absolute gates
//! today. The profile holds each failing absolute threshold at today's measured figure (a
//! ratchet: the figure may get better, never worse) and adds strict thresholds on what a change
//! adds (`new_line >= 80`, `new_errors == 0`, `new_total == 0`, `new_undocumented == 0`, …), so
//! gatekeep can gate pull requests from day one without waivers.

use super::{Cli, Command, UsageError, evaluate};
use crate::config::{self, Config, Date, GateSpec};
use crate::model::{Condition, GateResult, Report, Status, Unit};
use crate::threshold::{Op, Target, Threshold, trim_num};
use clap::Parser;
use std::fmt::Write as _;
use std::path::Path;

/// The profile's name.
pub const PROFILE: &str = "new-code";

/// The strict threshold on the change, per kind.
const NEW_CODE: &[(&str, &str)] = &[
    ("coverage", "new_line >= 80"),
    ("diagnostics", "new_errors == 0"),
    ("security", "new_total == 0"),
    ("xml", "new_errors == 0"),
    ("docs", "new_undocumented == 0"),
    ("docs", "new_broken_links == 0"),
];

/// Metrics that are never held at today's value: a failing command is not a figure to keep.
const NOT_RATCHETED: &[&str] = &["exit_code"];

/// What the ratchet decided for one gate.
#[derive(Debug, PartialEq)]
pub struct GateRatchet {
    pub id: String,
    pub thresholds: Vec<String>,
    /// One comment line per decision worth saying (`errors: 3 today, held at <= 3`).
    pub why: Vec<String>,
    /// A condition fails today that no figure can hold (a command's `exit_code == 0`): the gate
    /// is a warning under the profile — shown, the verdict GO WITH ACCEPTED RISKS, not hidden.
    pub warning: bool,
}

/// `init --ratchet`: runs the gates of the config just written once, and appends the
/// `new-code` profile to it.
pub fn init(root: &Path, files: &[(String, String)]) -> Result<(), UsageError> {
    let Some((rel, text)) = files.first() else {
        return Ok(());
    };
    let file = root.join(rel);
    eprintln!("gatekeep: measuring: running the gates once for the `new-code` profile");
    let cli = Cli::try_parse_from([
        std::ffi::OsStr::new("gatekeep"),
        std::ffi::OsStr::new("check"),
        std::ffi::OsStr::new("--quiet"),
        std::ffi::OsStr::new("--config"),
        file.as_os_str(),
        root.as_os_str(),
    ])
    .map_err(|e| UsageError::Usage(e.to_string()))?;
    let Command::Check(args) = cli.command else {
        return Err(UsageError::Usage("internal: not a check command".into()));
    };
    let checked = evaluate(&args, false).map_err(|e| {
        UsageError::Usage(format!(
            "{} is written, but measuring it for --ratchet failed: {e}",
            file.display()
        ))
    })?;
    let (profile, warnings) = profile(&checked.report, &checked.cfg, Date::today());
    let full = format!("{text}{profile}");
    config::parse(
        &full,
        &format!("{rel} (generated)"),
        config::Syntax::Toml,
        file.parent().unwrap_or(root),
    )?;
    crate::report::write_all_atomic(&[(file.clone(), full.into_bytes())])?;
    for w in warnings {
        eprintln!("gatekeep: {w}");
    }
    eprintln!(
        "gatekeep: {}: today's verdict is {}; added the `{}` profile: `gatekeep check --profile {} --base origin/main`",
        file.display(),
        checked.report.verdict.label(),
        PROFILE,
        PROFILE
    );
    Ok(())
}

/// The profile for a run of `cfg` (without a profile) that gave `report`; also the lines to
/// print about gates that could not be measured.
pub fn profile(report: &Report, cfg: &Config, today: Date) -> (String, Vec<String>) {
    let mut gates = Vec::new();
    let mut warnings = Vec::new();
    for spec in &cfg.gates {
        let Some(result) = report.gate(&spec.id) else {
            continue;
        };
        if result.status == Status::Error && result.metrics.is_empty() {
            warnings.push(format!(
                "gate `{}` could not be measured ({}): the `{PROFILE}` profile keeps its thresholds",
                spec.id,
                result.error.as_deref().unwrap_or("ERROR")
            ));
        }
        if let Some(g) = gate(spec, result) {
            gates.push(g);
        }
    }
    (render(&gates, today), warnings)
}

/// The profile's thresholds for one gate, or `None` when the gate needs none of its own (it
/// passes and its kind has no new-code threshold).
pub fn gate(spec: &GateSpec, result: &GateResult) -> Option<GateRatchet> {
    let kind = spec.kind.doc();
    let mut out = GateRatchet {
        id: spec.id.clone(),
        thresholds: Vec::new(),
        why: Vec::new(),
        warning: false,
    };
    let mut changed = false;
    // The thresholds the run evaluated: the configured ones, or — when the gate chose its
    // defaults from its inputs (coverage of Go coverprofiles: `statements >= 80`) — those.
    let configured_ran = spec
        .thresholds
        .iter()
        .any(|t| result.conditions.iter().any(|c| c.expr == t.expr));
    let chosen: Vec<Threshold> = if spec.default_thresholds && !configured_ran {
        result
            .conditions
            .iter()
            .filter_map(|c| Threshold::parse(&c.expr).ok())
            .filter(|t| kind.metric(&t.metric).is_some())
            .collect()
    } else {
        Vec::new()
    };
    let evaluated = if chosen.is_empty() {
        &spec.thresholds
    } else {
        &chosen
    };
    for t in evaluated {
        let cond = result.conditions.iter().find(|c| c.expr == t.expr);
        let held = cond
            .filter(|c| c.status == Status::Fail)
            .filter(|_| !kind.integrity.contains(&t.expr.as_str()))
            .and_then(|c| hold(t, c));
        match (held, cond) {
            (Some(h), Some(c)) => {
                changed = true;
                out.why.push(format!(
                    "{}: {} today (`{}` fails): held at `{h}`",
                    t.metric,
                    crate::threshold::format_value(c.actual.unwrap_or_default(), &c.unit),
                    t.expr
                ));
                out.thresholds.push(h);
            }
            (None, Some(c)) if c.status == Status::Fail => {
                changed = true;
                out.warning = true;
                out.why.push(format!(
                    "{}: `{}` fails today and no figure can hold it: a warning under this \
                     profile until it passes",
                    t.metric, t.expr
                ));
                out.thresholds.push(t.expr.clone());
            }
            _ => out.thresholds.push(t.expr.clone()),
        }
    }
    for (k, strict) in NEW_CODE {
        if *k == kind.kind && !out.thresholds.iter().any(|t| t == strict) {
            changed = true;
            out.thresholds.push(strict.to_string());
        }
    }
    changed.then_some(out)
}

/// `t`, failing today at `c.actual`, rewritten to hold at that figure (rounded in the lenient
/// direction: a coverage of 61.4% is held at `>= 61`).
fn hold(t: &Threshold, c: &Condition) -> Option<String> {
    if NOT_RATCHETED.contains(&t.metric.as_str()) || !matches!(t.target, Target::Value(_)) {
        return None;
    }
    let actual = c.actual?;
    let (op, up) = match t.op {
        Op::Le | Op::Lt => ("<=", true),
        // `errors == 0`: lower is better.
        Op::Eq if c.target == Some(0.0) => ("<=", true),
        Op::Ge | Op::Gt => (">=", false),
        Op::Eq | Op::Ne => return None,
    };
    Some(format!("{} {op} {}", t.metric, number(actual, &c.unit, up)))
}

/// A value as a threshold writes it, rounded up or down to a whole number of its unit (ms for
/// times).
fn number(v: f64, unit: &Unit, up: bool) -> String {
    let round = |x: f64| if up { x.ceil() } else { x.floor() };
    match unit {
        Unit::Seconds => format!("{}ms", trim_num(round(v * 1000.0), 0)),
        Unit::Bytes => format!("{}B", trim_num(round(v), 0)),
        _ => trim_num(round(v), 0),
    }
}

fn render(gates: &[GateRatchet], today: Date) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "\n# The `{PROFILE}` profile, written by `gatekeep init --ratchet` on {today} from one run of\n\
         # the gates above. Thresholds this repository failed that day are held at that day's\n\
         # figures (a ratchet: they may get better, never worse), and what a change adds must meet\n\
         # strict thresholds (`new_*`, measured since the merge base with the base branch):\n\
         #   gatekeep check --profile {PROFILE} --base origin/main\n\
         # (in a GitHub pull request or GitLab merge request the base is found without --base).\n\
         # Tighten the held figures as they improve; once the defaults pass, drop the profile.\n\
         # Thresholds are all-must-hold (there is no \"or\"): `new_line >= 80` applies to small\n\
         # changes too; `new_lines_total` counts a change's coverable lines.\n\
         # Test failures against an earlier run: `new_failures == 0` on a junit gate, with\n\
         # `--baseline base.json` written by `gatekeep check -o json=base.json` on the base.\n\
         [profiles.{PROFILE}.thresholds]\n"
    );
    if gates.is_empty() {
        s.push_str("# every gate passed its thresholds: nothing to hold\n");
    }
    for g in gates {
        for w in &g.why {
            let _ = writeln!(s, "# {}: {w}", g.id);
        }
        let list: Vec<String> = g.thresholds.iter().map(|t| format!("{t:?}")).collect();
        let _ = writeln!(s, "{} = [{}]", toml_key(&g.id), list.join(", "));
    }
    let warnings: Vec<&GateRatchet> = gates.iter().filter(|g| g.warning).collect();
    if !warnings.is_empty() {
        let _ = writeln!(
            s,
            "# Gates failing today on a condition no figure can hold: shown as warnings (the\n\
             # verdict is GO WITH ACCEPTED RISKS while they fail), blockers again once removed here.\n\
             [profiles.{PROFILE}.levels]"
        );
        for g in warnings {
            let _ = writeln!(s, "{} = \"warning\"", toml_key(&g.id));
        }
    }
    s
}

/// A gate id as a TOML key (bare when it can be).
fn toml_key(id: &str) -> String {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        id.to_string()
    } else {
        format!("{id:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cond(expr: &str, actual: f64, unit: Unit, target: f64) -> Condition {
        Condition {
            expr: expr.into(),
            metric: String::new(),
            op: String::new(),
            target: Some(target),
            actual: Some(actual),
            unit,
            status: Status::Fail,
            waiver: None,
            note: None,
        }
    }

    #[test]
    fn holds_at_todays_figure_rounded_leniently() {
        let t = |s: &str| Threshold::parse(s).unwrap();
        assert_eq!(
            hold(&t("line >= 80"), &cond("", 61.47, Unit::Percent, 80.0)),
            Some("line >= 61".into())
        );
        assert_eq!(
            hold(&t("errors == 0"), &cond("", 3.0, Unit::None, 0.0)),
            Some("errors <= 3".into())
        );
        assert_eq!(
            hold(
                &t("duration < 10s"),
                &cond("", 12.3456, Unit::Seconds, 10.0)
            ),
            Some("duration <= 12346ms".into())
        );
        assert_eq!(
            hold(&t("bytes < 1MB"), &cond("", 1_500_000.2, Unit::Bytes, 1e6)),
            Some("bytes <= 1500001B".into())
        );
        assert_eq!(
            hold(&t("exit_code == 0"), &cond("", 1.0, Unit::None, 0.0)),
            None
        );
        assert_eq!(hold(&t("x != 3"), &cond("", 3.0, Unit::None, 3.0)), None);
        assert_eq!(hold(&t("x == 2"), &cond("", 3.0, Unit::None, 2.0)), None);
    }

    #[test]
    fn a_failing_exit_code_makes_the_gate_a_warning_under_the_profile() {
        let cfg = crate::config::parse(
            "[gates.build]\nkind = \"command\"\nrun = \"false\"\n\
             [gates.xml]\n",
            "gates.toml",
            crate::config::Syntax::Toml,
            std::path::Path::new("."),
        )
        .unwrap();
        let result = |id: &str, expr: &str, actual: f64| GateResult {
            id: id.into(),
            kind: String::new(),
            level: crate::model::Level::Blocker,
            status: Status::Fail,
            duration_ms: 0,
            error: None,
            metrics: Vec::new(),
            conditions: vec![cond(expr, actual, Unit::None, 0.0)],
            findings: Vec::new(),
            notes: Vec::new(),
            data: None,
            source: None,
            findings_not_listed: 0,
        };
        let build = gate(&cfg.gates[0], &result("build", "exit_code == 0", 1.0)).unwrap();
        assert!(build.warning);
        assert_eq!(build.thresholds, ["exit_code == 0"]);
        let xml = gate(&cfg.gates[1], &result("xml", "errors == 0", 4.0)).unwrap();
        assert!(!xml.warning);
        assert_eq!(xml.thresholds, ["errors <= 4", "new_errors == 0"]);
        let text = render(&[build, xml], Date::parse("2026-01-15").unwrap());
        assert!(
            text.contains("[profiles.new-code.levels]\nbuild = \"warning\"\n"),
            "{text}"
        );
        let full =
            format!("[gates.build]\nkind = \"command\"\nrun = \"false\"\n[gates.xml]\n{text}");
        let cfg = crate::config::parse(
            &full,
            "gates.toml",
            crate::config::Syntax::Toml,
            std::path::Path::new("."),
        )
        .unwrap();
        assert_eq!(cfg.profiles[0].0, "new-code");
    }

    #[test]
    fn thresholds_the_gate_chose_are_the_ones_held() {
        // Coverage of Go coverprofiles is checked with `statements >= 80` when no thresholds
        // are configured; the profile must hold that, not the unevaluated `line >= 80`.
        let cfg = crate::config::parse(
            "[gates.coverage]\nreports = [\"coverage.out\"]\n",
            "gates.toml",
            crate::config::Syntax::Toml,
            std::path::Path::new("."),
        )
        .unwrap();
        let mut c = cond("statements >= 80", 42.5, Unit::Percent, 80.0);
        c.metric = "statements".into();
        let result = GateResult {
            id: "coverage".into(),
            kind: "coverage".into(),
            level: crate::model::Level::Blocker,
            status: Status::Fail,
            duration_ms: 0,
            error: None,
            metrics: Vec::new(),
            conditions: vec![c],
            findings: Vec::new(),
            notes: Vec::new(),
            data: None,
            source: None,
            findings_not_listed: 0,
        };
        let g = gate(&cfg.gates[0], &result).unwrap();
        assert_eq!(g.thresholds, ["statements >= 42", "new_line >= 80"]);
    }

    #[test]
    fn keys_are_quoted_when_needed() {
        assert_eq!(toml_key("tests"), "tests");
        assert_eq!(toml_key("my-gate_2"), "my-gate_2");
        assert_eq!(toml_key("a.b"), "\"a.b\"");
    }
}
