use super::*;
use crate::model::{GateResult, Metric, SignoffReport, Unit};
use std::collections::BTreeMap;

fn gate(id: &str, kind: &str, status: Status) -> GateResult {
    GateResult {
        id: id.into(),
        kind: kind.into(),
        level: Level::Blocker,
        status,
        duration_ms: 1,
        error: None,
        metrics: vec![],
        conditions: vec![],
        findings: vec![],
        notes: vec![],
        data: None,
        source: None,
        findings_not_listed: 0,
    }
}

fn cond(metric: &str, actual: Option<f64>, status: Status, note: Option<&str>) -> Condition {
    Condition {
        expr: format!("{metric} == 1"),
        metric: metric.into(),
        op: "==".into(),
        target: Some(1.0),
        actual,
        unit: Unit::None,
        status,
        waiver: None,
        note: note.map(str::to_string),
    }
}

fn manual_gate() -> GateResult {
    let mut g = gate("rollback", "manual", Status::Error);
    g.conditions = vec![
        cond("failed", Some(0.0), Status::Pass, None),
        cond(
            "attested.ops-lead",
            Some(1.0),
            Status::Pass,
            Some("attested by Dana on 2026-11-20 (ops-lead)"),
        ),
        cond(
            "attested.sre",
            None,
            Status::Error,
            Some("awaiting attestation by sre"),
        ),
    ];
    g.conditions[0].expr = "failed == 0".into();
    g.conditions[0].op = "==".into();
    g.conditions[0].target = Some(0.0);
    g.data = Some(serde_json::json!({"attestations": [
        {"gate": "rollback", "question": "Rollback tested in staging?", "role": "ops-lead",
         "state": "passed", "name": "Dana", "time": "2026-11-20T10:00:00Z",
         "evidence": "https://ci.example/run/812", "expires": "2026-12-04T10:00:00Z"},
        {"gate": "rollback", "question": "Rollback tested in staging?", "role": "sre",
         "state": "stale", "name": "Lee", "time": "2026-11-18T09:00:00Z",
         "evidence": "runbook drill", "changed": ["deploy/rollback.sh changed"]}
    ]}));
    g
}

fn checklist_gate() -> GateResult {
    let mut g = gate("deploy-checklist", "checklist", Status::Fail);
    g.metrics = vec![Metric::count("done", 13), Metric::count("total", 35)];
    let mut c = cond("open", Some(22.0), Status::Fail, None);
    c.expr = "open == 0".into();
    c.target = Some(0.0);
    g.conditions = vec![c];
    g.data = Some(serde_json::json!({
        "files": ["docs/deployment/CHECKLIST.md"],
        "sections": [
            {"file": "docs/deployment/CHECKLIST.md", "title": "Pre-Deployment", "slug": "pre-deployment", "done": 13, "total": 20},
            {"file": "docs/deployment/CHECKLIST.md", "title": "Build & Verify", "slug": "build--verify", "done": 0, "total": 15}
        ],
        "open_required": ["docs/deployment/CHECKLIST.md:12: Rollback scripts tested"]
    }));
    g
}

fn full() -> Report {
    let mut r = crate::report::sample::report();
    r.gates.push(manual_gate());
    r.gates.push(checklist_gate());
    r.release = true;
    r
}

fn record(time: &str, values: &[(&str, f64)]) -> Record {
    Record {
        time: time.into(),
        commit: Some("0123456789abcdef0123456789abcdef01234567".into()),
        profile: None,
        verdict: Verdict::NoGo,
        metrics: values
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect::<BTreeMap<_, _>>(),
        units: BTreeMap::new(),
    }
}

fn meta(history: &[Record]) -> Meta<'_> {
    Meta {
        date: "2026-11-21".into(),
        commit: Some("89abcdef0123456789abcdef0123456789abcdef".into()),
        history,
        since: None,
        has_history: true,
    }
}

#[test]
fn readiness_markdown_with_history() {
    let history = vec![
        record(
            "2026-11-01T09:00:00Z",
            &[("xml.errors", 96.0), ("coverage.line", 12.5)],
        ),
        record(
            "2026-11-10T09:00:00Z",
            &[("xml.errors", 40.0), ("coverage.line", 20.0)],
        ),
    ];
    let md = markdown(&full(), &meta(&history));
    // The "initial → current" view the hand-written reports lead with.
    assert!(md.contains("· 96 → 2 errors"), "{md}");
    insta::assert_snapshot!("readiness_markdown", md);
}

#[test]
fn since_picks_the_initial_run() {
    let history = vec![
        record("2026-11-01T09:00:00Z", &[("xml.errors", 96.0)]),
        record("2026-11-10T09:00:00Z", &[("xml.errors", 40.0)]),
    ];
    let mut m = meta(&history);
    m.since = Some(1);
    let md = markdown(&full(), &m);
    assert!(md.contains("· 40 → 2 errors"), "{md}");
    assert!(md.contains("run of 2026-11-10T09:00:00Z"), "{md}");
}

#[test]
fn readiness_markdown_without_history_or_data_says_no_data() {
    let mut r = crate::report::sample::report();
    r.signoff = None;
    let m = Meta {
        date: "2026-11-21".into(),
        commit: None,
        history: &[],
        since: None,
        has_history: false,
    };
    let md = markdown(&r, &m);
    assert!(
        md.contains("no data (no history: set `[project] history`)"),
        "{md}"
    );
    assert!(md.contains("no data (no `manual` gate configured)"), "{md}");
    assert!(
        md.contains("no data (no `checklist` gate configured)"),
        "{md}"
    );
    assert!(md.contains("no data (no `[signoff] required`"), "{md}");
    assert!(!md.contains(" → "), "no trend without history: {md}");
    insta::assert_snapshot!("readiness_markdown_no_history", md);
}

#[test]
fn pending_approvals_make_an_all_green_run_no_go() {
    let mut g = gate("build", "command", Status::Pass);
    g.conditions = vec![cond("exit_code", Some(0.0), Status::Pass, None)];
    let mut r = crate::report::sample::report();
    r.gates = vec![g];
    r.waivers.clear();
    r.verdict = Verdict::Go;
    r.signoff = Some(SignoffReport {
        required: vec!["qa-lead".into(), "tech-lead".into()],
        entries: vec![
            crate::model::SignoffEntryReport {
                role: "qa-lead".into(),
                name: Some("Ann".into()),
                note: None,
                time: Some("2026-11-20T08:00:00Z".into()),
                state: "signed".into(),
                changed: vec![],
            },
            crate::model::SignoffEntryReport {
                role: "tech-lead".into(),
                name: None,
                note: None,
                time: None,
                state: "pending".into(),
                changed: vec![],
            },
        ],
        awaiting: vec!["tech-lead".into()],
    });
    as_release(&mut r);
    assert_eq!(r.verdict, Verdict::NoGo);
    let md = markdown(&r, &meta(&[]));
    assert!(
        md.contains("**Decision: NO-GO.** 1 of 1 gates passed."),
        "{md}"
    );
    assert!(md.contains("Blocked by: approvals."), "{md}");
    assert!(
        md.contains("| tech-lead | [Pending] | — | pending |"),
        "{md}"
    );
    assert!(md.contains("**NO-GO** — blocked by approvals."), "{md}");
    // Once every role signed: GO.
    let s = r.signoff.as_mut().unwrap();
    s.awaiting.clear();
    s.entries[1].state = "signed".into();
    s.entries[1].name = Some("Bo".into());
    s.entries[1].time = Some("2026-11-21T08:00:00Z".into());
    r.verdict = Verdict::Go;
    as_release(&mut r);
    assert_eq!(r.verdict, Verdict::Go);
    assert!(markdown(&r, &meta(&[])).contains("**GO** — every gate passes"));
}

#[test]
fn html_is_self_contained_escaped_and_prints_on_a4() {
    let mut r = full();
    r.project = "<script>x</script>".into();
    let h = html(&r, &meta(&[]));
    assert!(h.contains("@page { size: A4"));
    assert!(h.contains("@media print"));
    assert!(!h.contains("<script>x"), "escaped");
    assert!(!h.contains("src=\"http"), "no external resources");
    for id in [
        "summary",
        "gates",
        "blockers",
        "risks",
        "attested",
        "checklists",
        "approvals",
        "decision",
    ] {
        assert!(h.contains(&format!("<section id=\"{id}\"")), "{id}");
    }
    assert!(h.contains("<strong>Decision: NO-GO.</strong>"), "{h}");
}
