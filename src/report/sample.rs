//! A fixed report for the format snapshot tests.

use crate::model::*;

fn cond(
    expr: &str,
    metric: &str,
    op: &str,
    target: f64,
    actual: Option<f64>,
    unit: Unit,
    status: Status,
) -> Condition {
    Condition {
        expr: expr.into(),
        metric: metric.into(),
        op: op.into(),
        target: Some(target),
        actual,
        unit,
        status,
        waiver: None,
        note: None,
    }
}

pub fn report() -> Report {
    let mut cov_line = cond(
        "line >= 85",
        "line",
        ">=",
        85.0,
        Some(32.0),
        Unit::Percent,
        Status::Waived,
    );
    cov_line.waiver = Some(WaiverRef {
        owner: "qa-lead".into(),
        reason: "core stable; monitored rollout".into(),
        expires: "2026-12-31".into(),
    });
    let mut line_metric = Metric::new("line", 32.0, Unit::Percent);
    line_metric.ratio = Some((32, 100));
    let mut perf_err = cond(
        "api.p95 < 10s",
        "api.p95",
        "<",
        10.0,
        None,
        Unit::Seconds,
        Status::Error,
    );
    perf_err.note =
        Some("no data for `api.p95`; available: api.mean (did you mean `api.mean`?)".into());
    Report {
        schema_version: 1,
        tool: ToolInfo {
            name: "gatekeep".into(),
            version: "0.1.0".into(),
        },
        project: "tallinn".into(),
        verdict: Verdict::NoGo,
        duration_ms: 412,
        profile: None,
        base: None,
        gates: vec![
            GateResult {
                id: "xml".into(),
                kind: "xml".into(),
                level: Level::Blocker,
                status: Status::Pass,
                duration_ms: 12,
                error: None,
                metrics: vec![Metric::count("errors", 2), Metric::count("files", 32)],
                conditions: vec![cond(
                    "errors < 5",
                    "errors",
                    "<",
                    5.0,
                    Some(2.0),
                    Unit::None,
                    Status::Pass,
                )],
                findings: vec![
                    Finding::new(
                        "xml/mismatched-tag",
                        Severity::Medium,
                        "expected </description>, found </examples>; <description> opened at 12:5",
                    )
                    .at(".claude/commands/review.md", Some(20), Some(3)),
                ],
                notes: vec![],
                data: None,
                source: None,
                findings_not_listed: 0,
            },
            GateResult {
                id: "coverage".into(),
                kind: "coverage".into(),
                level: Level::Blocker,
                status: Status::Waived,
                duration_ms: 35,
                error: None,
                metrics: vec![line_metric],
                conditions: vec![cov_line],
                findings: vec![
                    Finding::new(
                        "coverage/low-file",
                        Severity::Medium,
                        "19.3% of 280 lines covered",
                    )
                    .at("src/mcp_server.py", None, None),
                ],
                notes: vec![],
                data: None,
                source: None,
                findings_not_listed: 0,
            },
            GateResult {
                id: "security".into(),
                kind: "security".into(),
                level: Level::Blocker,
                status: Status::Fail,
                duration_ms: 80,
                error: None,
                metrics: vec![Metric::count("critical", 0), Metric::count("high", 2)],
                conditions: vec![
                    cond(
                        "critical == 0",
                        "critical",
                        "==",
                        0.0,
                        Some(0.0),
                        Unit::None,
                        Status::Pass,
                    ),
                    cond(
                        "high == 0",
                        "high",
                        "==",
                        0.0,
                        Some(2.0),
                        Unit::None,
                        Status::Fail,
                    ),
                ],
                findings: vec![
                    Finding::new(
                        "security/py-path-traversal",
                        Severity::High,
                        "request input joined into a file path",
                    )
                    .at("src/files.py", Some(41), Some(12)),
                    Finding::new(
                        "security/py-yaml-load",
                        Severity::High,
                        "yaml.load without a safe Loader, message with | pipe, and\nnewline",
                    )
                    .at("src/config,loader.py", Some(7), Some(5)),
                ],
                notes: vec![],
                data: None,
                source: Some(crate::model::ConfigSource {
                    path: "ci/gates.toml".into(),
                    line: 12,
                    thresholds: [("high == 0".to_string(), 14)].into_iter().collect(),
                }),
                findings_not_listed: 0,
            },
            GateResult {
                id: "perf".into(),
                kind: "perf".into(),
                level: Level::Blocker,
                status: Status::Error,
                duration_ms: 3,
                error: None,
                metrics: vec![Metric::new("api.mean", 6.8, Unit::Seconds)],
                conditions: vec![perf_err],
                findings: vec![],
                notes: vec![],
                data: None,
                source: None,
                findings_not_listed: 0,
            },
            GateResult {
                id: "build".into(),
                kind: "command".into(),
                level: Level::Warning,
                status: Status::Error,
                duration_ms: 1,
                error: Some("command not found: `npm run build`".into()),
                metrics: vec![],
                conditions: vec![Condition {
                    note: Some("the gate could not run".into()),
                    ..cond(
                        "exit_code == 0",
                        "exit_code",
                        "==",
                        0.0,
                        None,
                        Unit::None,
                        Status::Error,
                    )
                }],
                findings: vec![],
                notes: vec![],
                data: None,
                source: None,
                findings_not_listed: 0,
            },
            GateResult {
                id: "docs".into(),
                kind: "docs".into(),
                level: Level::Blocker,
                status: Status::Skipped,
                duration_ms: 0,
                error: None,
                metrics: vec![],
                conditions: vec![],
                findings: vec![],
                notes: vec![],
                data: None,
                source: None,
                findings_not_listed: 0,
            },
        ],
        waivers: vec![
            WaiverReport {
                gate: "coverage".into(),
                metric: Some("line".into()),
                owner: "qa-lead".into(),
                expires: "2026-12-31".into(),
                reason: "core stable; monitored rollout".into(),
                state: WaiverState::Applied,
                days_left: Some(40),
            },
            WaiverReport {
                gate: "security".into(),
                metric: None,
                owner: "sec-lead".into(),
                expires: "2025-08-15".into(),
                reason: "pentest scheduled".into(),
                state: WaiverState::Expired,
                days_left: Some(-463),
            },
        ],
        defaults_used: vec![],
        release: false,
        members: vec![],
        signoff: Some(SignoffReport {
            required: vec!["tech-lead".into(), "security-lead".into(), "qa-lead".into()],
            entries: vec![
                SignoffEntryReport {
                    role: "tech-lead".into(),
                    name: Some("Kadri Tamm".into()),
                    note: Some("perf numbers reviewed".into()),
                    time: Some("2026-11-20T16:02:11Z".into()),
                    state: "signed".into(),
                    changed: vec![],
                },
                SignoffEntryReport {
                    role: "security-lead".into(),
                    name: Some("Mart Kask".into()),
                    note: None,
                    time: Some("2026-11-19T09:30:00Z".into()),
                    state: "stale".into(),
                    changed: vec!["code".into(), "gate results".into()],
                },
                SignoffEntryReport {
                    role: "qa-lead".into(),
                    name: None,
                    note: None,
                    time: None,
                    state: "pending".into(),
                    changed: vec![],
                },
            ],
            awaiting: vec!["security-lead".into(), "qa-lead".into()],
        }),
    }
}
