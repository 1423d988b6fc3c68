//! `--format html`: one self-contained file for a release ticket — no external scripts, fonts
//! or styles. Verdict banner, metrics table (status as icon and word, never colour alone),
//! Δ and trend columns, each gate's findings (collapsible, filterable), waivers with days to
//! expiry, trend charts as inline SVG from the history, and the sign-off block. Readable when
//! printed (everything expands) and in dark mode.

use super::{
    Format, RenderCx, Why, actual_text, delta_text, explanations, location, target_text, trend_text,
};
use crate::model::{Report, Status, Unit, Verdict, WaiverState};
use crate::threshold::format_value;
use std::fmt::Write;

pub struct Html;

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn status_badge(s: Status) -> String {
    let (icon, class) = match s {
        Status::Pass => ("✔", "pass"),
        Status::Fail => ("✖", "fail"),
        Status::Error => ("⛔", "error"),
        Status::Waived => ("⚠", "waived"),
        Status::Skipped => ("⏭", "skipped"),
    };
    format!(
        "<span class=\"badge {class}\"><span aria-hidden=\"true\">{icon}</span> {}</span>",
        s.as_str()
    )
}

/// The page style, shared with the readiness report.
pub const STYLE: &str = r#"
:root { --bg:#fff; --fg:#1b1f24; --muted:#57606a; --line:#d0d7de; --card:#f6f8fa;
  --pass:#1a7f37; --fail:#cf222e; --error:#8250df; --waived:#9a6700; --skipped:#57606a; }
@media (prefers-color-scheme: dark) {
  :root { --bg:#0d1117; --fg:#e6edf3; --muted:#9198a1; --line:#30363d; --card:#161b22;
    --pass:#3fb950; --fail:#f85149; --error:#bc8cff; --waived:#d29922; --skipped:#9198a1; }
}
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--fg); margin: 0 auto; max-width: 72rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
.banner { border: 3px solid var(--line); border-radius: .5rem; padding: 1rem 1.25rem; margin-bottom: 1rem; }
.banner.go { border-color: var(--pass); } .banner.risk { border-color: var(--waived); } .banner.nogo { border-color: var(--fail); }
.banner .verdict { font-size: 2rem; font-weight: 800; letter-spacing: .02em; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--card); } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { font-weight: 700; white-space: nowrap; }
.badge.pass { color: var(--pass); } .badge.fail { color: var(--fail); } .badge.error { color: var(--error); }
.badge.waived { color: var(--waived); } .badge.skipped { color: var(--skipped); }
details { border: 1px solid var(--line); border-radius: .4rem; margin: .5rem 0; padding: .3rem .8rem; background: var(--card); }
summary { cursor: pointer; font-weight: 600; }
input[type=search] { width: 100%; padding: .45rem .6rem; font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: .3rem; margin: .5rem 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; }
svg.chart { width: 100%; max-width: 32rem; height: 9rem; display: block; }
svg.chart .line { fill: none; stroke: var(--fg); stroke-width: 2; } svg.chart .axis { stroke: var(--line); }
svg.chart text { fill: var(--muted); font-size: 11px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
.signoff li { margin: .2rem 0; }
@media print {
  body { max-width: none; padding: 0; font-size: 12px; } input[type=search] { display: none; }
  details { border: none; padding: 0; } details > summary { list-style: none; }
  .banner { break-inside: avoid; } tr { break-inside: avoid; }
}
"#;

const SCRIPT: &str = r#"
(function () {
  function apply(q) {
    q = (q || '').toLowerCase();
    var shown = 0, rows = document.querySelectorAll('tr.finding');
    rows.forEach(function (r) {
      var hit = !q || r.textContent.toLowerCase().indexOf(q) >= 0;
      r.hidden = !hit; if (hit) shown++;
    });
    var c = document.getElementById('filter-count');
    if (c) c.textContent = shown + ' of ' + rows.length + ' findings shown';
    if (q) document.querySelectorAll('details.gate').forEach(function (d) {
      if (d.querySelector('tr.finding:not([hidden])')) d.open = true;
    });
  }
  var input = document.getElementById('filter');
  if (input) input.addEventListener('input', function () { apply(input.value); });
  var m = /[#&]filter=([^&]*)/.exec(location.hash);
  if (m && input) { input.value = decodeURIComponent(m[1]); }
  apply(input ? input.value : '');
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
})();
"#;

/// An inline SVG line chart of a series, with its first and last values labelled.
fn chart(title: &str, values: &[f64], unit: &Unit) -> String {
    let (w, h, pad) = (320.0, 120.0, 18.0);
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
            (l.min(v), h.max(v))
        });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let n = values.len().max(2) - 1;
    let pts: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = pad + (w - 2.0 * pad) * i as f64 / n as f64;
            let y = h - pad - (h - 2.0 * pad) * (v - lo) / span;
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let first = values
        .first()
        .map(|v| format_value(*v, unit))
        .unwrap_or_default();
    let last = values
        .last()
        .map(|v| format_value(*v, unit))
        .unwrap_or_default();
    let desc = format!("{title}: {} runs, from {first} to {last}", values.len());
    format!(
        "<figure><svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{d}\"><title>{d}</title>\
<line class=\"axis\" x1=\"{pad}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\"/>\
<polyline class=\"line\" points=\"{p}\"/>\
<text x=\"{pad}\" y=\"12\">{f}</text><text x=\"{r}\" y=\"12\" text-anchor=\"end\">{l}</text></svg>\
<figcaption><code>{t}</code></figcaption></figure>",
        d = esc(&desc),
        b = h - pad,
        r = w - pad,
        p = pts.join(" "),
        f = esc(&first),
        l = esc(&last),
        t = esc(title)
    )
}

impl Format for Html {
    fn name(&self) -> &'static str {
        "html"
    }
    fn summary(&self) -> &'static str {
        "one self-contained HTML page for a release ticket (charts, findings filter, sign-off)"
    }
    fn render(&self, report: &Report, cx: &RenderCx<'_>) -> String {
        let mut o = String::new();
        let (vclass, vicon) = match report.verdict {
            Verdict::Go => ("go", "✔"),
            Verdict::GoWithAcceptedRisks => ("risk", "⚠"),
            Verdict::NoGo => ("nogo", "✖"),
        };
        let _ = writeln!(
            o,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta name=\"color-scheme\" content=\"light dark\">\
<title>{} — {}</title><style>{STYLE}</style></head><body>",
            esc(&report.project),
            report.verdict.label()
        );
        let _ = writeln!(
            o,
            "<header class=\"banner {vclass}\" role=\"banner\"><div class=\"verdict\" id=\"verdict\" data-verdict=\"{}\"><span aria-hidden=\"true\">{vicon}</span> {}</div>\
<h1>{}</h1><p class=\"muted\">{}{}{}</p></header>",
            serde_json::to_value(report.verdict)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            report.verdict.label(),
            esc(&report.project),
            esc(&super::table::banner(report)),
            report
                .profile
                .as_deref()
                .map(|p| format!(" · profile <code>{}</code>", esc(p)))
                .unwrap_or_default(),
            report
                .base
                .as_ref()
                .map(|b| format!(" · base {}", esc(&super::table::describe_base(b))))
                .unwrap_or_default()
        );

        // Metrics table.
        let delta = cx.baseline.is_some();
        let trend = cx.initial.is_some();
        let _ = writeln!(
            o,
            "<section><h2>Gates</h2><table id=\"metrics\"><thead><tr><th scope=\"col\">Gate</th><th scope=\"col\">Metric</th>\
<th scope=\"col\">Current</th><th scope=\"col\">Target</th><th scope=\"col\">Status</th>{}{}</tr></thead><tbody>",
            if delta {
                "<th scope=\"col\">Δ</th>"
            } else {
                ""
            },
            if trend {
                "<th scope=\"col\">Initial → Current</th>"
            } else {
                ""
            }
        );
        for g in &report.gates {
            let level = if g.level == crate::model::Level::Warning {
                " <span class=\"muted\">(warning)</span>"
            } else {
                ""
            };
            if g.conditions.is_empty() {
                let _ = writeln!(
                    o,
                    "<tr class=\"gate-row\" data-gate=\"{id}\" data-status=\"{s}\"><th scope=\"row\">{id}{level}</th><td>—</td><td></td><td></td><td>{b}</td>{e}</tr>",
                    id = esc(&g.id),
                    s = g.status,
                    b = status_badge(g.status),
                    e = "<td></td>".repeat(usize::from(delta) + usize::from(trend))
                );
                continue;
            }
            for (i, c) in g.conditions.iter().enumerate() {
                let _ = write!(
                    o,
                    "<tr class=\"gate-row\" data-gate=\"{id}\" data-status=\"{s}\"><th scope=\"row\">{label}</th><td><code>{m}</code></td><td class=\"num\">{a}</td><td>{t}</td><td>{b}</td>",
                    id = esc(&g.id),
                    s = c.status,
                    label = if i == 0 {
                        format!("{}{level}", esc(&g.id))
                    } else {
                        String::new()
                    },
                    m = esc(&c.metric),
                    a = esc(&actual_text(c, g)),
                    t = esc(&target_text(c)),
                    b = status_badge(c.status)
                );
                if delta {
                    let _ = write!(
                        o,
                        "<td class=\"num\">{}</td>",
                        esc(&delta_text(c, g, cx.baseline))
                    );
                }
                if trend {
                    let _ = write!(o, "<td>{}</td>", esc(&trend_text(c, g, cx.initial)));
                }
                o.push_str("</tr>\n");
            }
        }
        o.push_str("</tbody></table>\n");
        let mut notes = String::new();
        for w in explanations(report) {
            let _ = match w {
                Why::GateError { gate, error } => write!(
                    notes,
                    "<li>{} <b>{}</b> could not run: {}</li>",
                    status_badge(Status::Error),
                    esc(&gate.id),
                    esc(error)
                ),
                Why::Condition { gate, cond, text } => write!(
                    notes,
                    "<li>{} <b>{}</b> <code>{}</code>: {}</li>",
                    status_badge(cond.status),
                    esc(&gate.id),
                    esc(&cond.expr),
                    esc(&text)
                ),
            };
        }
        if !notes.is_empty() {
            let _ = write!(o, "<ul class=\"notes\">{notes}</ul>");
        }
        o.push_str("</section>\n");

        // Findings.
        let total: usize = report.gates.iter().map(|g| g.findings.len()).sum();
        if total > 0 {
            let _ = writeln!(
                o,
                "<section><h2>Findings</h2><label for=\"filter\">Filter findings (path, rule, message):</label>\
<input type=\"search\" id=\"filter\" placeholder=\"e.g. yaml or src/api\"><p id=\"filter-count\" class=\"muted\" aria-live=\"polite\"></p>"
            );
            for g in report.gates.iter().filter(|g| !g.findings.is_empty()) {
                let open = if matches!(g.status, Status::Fail | Status::Error | Status::Waived) {
                    " open"
                } else {
                    ""
                };
                let _ = writeln!(
                    o,
                    "<details class=\"gate\" data-gate=\"{id}\"{open}><summary>{id} — {n} {b}</summary>\
<table><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Location</th><th scope=\"col\">Rule</th><th scope=\"col\">Message</th></tr></thead><tbody>",
                    id = esc(&g.id),
                    n = super::findings_count(g, g.findings.len()),
                    b = status_badge(g.status)
                );
                for f in &g.findings {
                    let _ = writeln!(
                        o,
                        "<tr class=\"finding\"><td>{}{}</td><td><code>{}</code></td><td><code>{}</code></td><td>{}</td></tr>",
                        f.severity,
                        if super::is_new(f) { " <b>new</b>" } else { "" },
                        esc(&location(f)),
                        esc(&f.rule),
                        esc(&f.message)
                    );
                }
                o.push_str("</tbody></table></details>\n");
            }
            o.push_str("</section>\n");
        }

        // Trend charts from the history.
        if cx.history.len() >= 2 {
            let mut charts = String::new();
            for g in &report.gates {
                for c in &g.conditions {
                    let key = format!("{}.{}", g.id, c.metric);
                    let values: Vec<f64> = cx
                        .history
                        .iter()
                        .filter_map(|r| r.metrics.get(&key).copied())
                        .collect();
                    if values.len() >= 2 {
                        charts.push_str(&chart(&key, &values, &c.unit));
                    }
                }
            }
            if !charts.is_empty() {
                let _ = writeln!(
                    o,
                    "<section><h2>Trends</h2><p class=\"muted\">{} recorded runs.</p><div class=\"charts\">{charts}</div></section>",
                    cx.history.len()
                );
            }
        }

        // Waivers.
        if !report.waivers.is_empty() {
            o.push_str("<section><h2>Accepted risks</h2><table id=\"waivers\"><thead><tr><th scope=\"col\">Gate</th><th scope=\"col\">Owner</th><th scope=\"col\">Reason</th><th scope=\"col\">Expires</th><th scope=\"col\">State</th></tr></thead><tbody>\n");
            for w in &report.waivers {
                let days = match w.days_left {
                    Some(d) if d < 0 => format!("expired {} days ago", -d),
                    Some(0) => "expires today".into(),
                    Some(d) => format!("{d} days left"),
                    None => String::new(),
                };
                let state = match w.state {
                    WaiverState::Applied => {
                        status_badge(Status::Waived).replace("WAIVED", "applied")
                    }
                    WaiverState::Expired => status_badge(Status::Fail).replace("FAIL", "EXPIRED"),
                    WaiverState::Unused => "<span class=\"badge skipped\">unused</span>".into(),
                };
                let _ = writeln!(
                    o,
                    "<tr><td>{}{}</td><td>{}</td><td>{}</td><td>{} <span class=\"muted\">({days})</span></td><td>{state}</td></tr>",
                    esc(&w.gate),
                    w.metric
                        .as_deref()
                        .map(|m| format!(".{}", esc(m)))
                        .unwrap_or_default(),
                    esc(&w.owner),
                    esc(&w.reason),
                    esc(&w.expires)
                );
            }
            o.push_str("</tbody></table></section>\n");
        }

        // Sign-off.
        let so = super::signoff_lines(report);
        o.push_str("<section class=\"signoff\" id=\"signoff\"><h2>Sign-off</h2>");
        if so.is_empty() {
            o.push_str("<p class=\"muted\">No sign-off is required by the config (<code>[signoff] required</code>).</p>");
        } else {
            let _ = write!(o, "<p><b>{}</b></p><ul>", esc(&so[0]));
            for l in &so[1..] {
                let _ = write!(o, "<li>{}</li>", esc(l));
            }
            o.push_str("</ul>");
        }
        o.push_str("</section>\n");
        let _ = writeln!(
            o,
            "<footer class=\"muted\"><p>gatekeep {} · {} ms</p></footer><script>{SCRIPT}</script></body></html>",
            esc(&report.tool.version),
            report.duration_ms
        );
        o
    }
}
