//! `cargo audit --json`. Severity comes from the advisory's CVSS v3 vector (base score in
//! GitHub's bands); an advisory without a v3 vector gets `unknown_severity`. Warnings
//! (unmaintained, yanked) are noted, not counted.

use super::{Ext, Report, arr, s, score_band};
use crate::model::Severity;
use anyhow::{Result, bail};
use serde_json::Value;

pub fn parse(v: &Value, unknown: Severity) -> Result<Report> {
    let Some(vulns) = v.get("vulnerabilities") else {
        bail!("cargo-audit report without `vulnerabilities`");
    };
    let mut out = Report {
        format: "cargo-audit",
        findings: Vec::new(),
        suppressed: 0,
        notes: Vec::new(),
    };
    let mut no_cvss = 0;
    for item in arr(vulns, "list") {
        let adv = item.get("advisory").unwrap_or(&Value::Null);
        let id = s(adv, "id");
        let pkg = item.get("package").map_or("", |p| s(p, "name"));
        let ver = item.get("package").map_or("", |p| s(p, "version"));
        let sev = match adv
            .get("cvss")
            .and_then(Value::as_str)
            .and_then(cvss3_score)
        {
            Some(score) => score_band(score),
            None => {
                no_cvss += 1;
                unknown
            }
        };
        let aliases = arr(adv, "aliases").iter().filter_map(Value::as_str);
        let canon = super::canonical_id(id, aliases);
        out.findings.push(Ext {
            tool: "cargo-audit".into(),
            rule: id.to_string(),
            severity: sev,
            path: Some("Cargo.lock".into()),
            line: None,
            column: None,
            message: format!("{pkg} {ver}: {id} {}", s(adv, "title")),
            dedup: format!("vuln:{canon}:{pkg}"),
            secret: false,
        });
    }
    if no_cvss > 0 {
        out.notes.push(format!("cargo-audit: {no_cvss} advisories without a CVSS v3 vector were given the `unknown_severity`"));
    }
    if let Some(w) = v.get("warnings").and_then(Value::as_object) {
        let n: usize = w.values().filter_map(Value::as_array).map(Vec::len).sum();
        if n > 0 {
            out.notes.push(format!(
                "cargo-audit: {n} warnings (unmaintained/yanked/unsound) not counted"
            ));
        }
    }
    Ok(out)
}

/// The CVSS v3.0/v3.1 base score of a vector, or `None` when it is not a complete v3 vector.
pub fn cvss3_score(vector: &str) -> Option<f64> {
    let rest = vector
        .strip_prefix("CVSS:3.1/")
        .or_else(|| vector.strip_prefix("CVSS:3.0/"))?;
    let mut m = std::collections::HashMap::new();
    for part in rest.split('/') {
        let (k, val) = part.split_once(':')?;
        m.insert(k, val);
    }
    let scope_changed = match *m.get("S")? {
        "U" => false,
        "C" => true,
        _ => return None,
    };
    let av = match *m.get("AV")? {
        "N" => 0.85,
        "A" => 0.62,
        "L" => 0.55,
        "P" => 0.2,
        _ => return None,
    };
    let ac = match *m.get("AC")? {
        "L" => 0.77,
        "H" => 0.44,
        _ => return None,
    };
    let pr = match (*m.get("PR")?, scope_changed) {
        ("N", _) => 0.85,
        ("L", false) => 0.62,
        ("L", true) => 0.68,
        ("H", false) => 0.27,
        ("H", true) => 0.5,
        _ => return None,
    };
    let ui = match *m.get("UI")? {
        "N" => 0.85,
        "R" => 0.62,
        _ => return None,
    };
    let cia = |k: &str| -> Option<f64> {
        Some(match *m.get(k)? {
            "H" => 0.56,
            "L" => 0.22,
            "N" => 0.0,
            _ => return None,
        })
    };
    let (c, i, a) = (cia("C")?, cia("I")?, cia("A")?);
    let iss = 1.0 - (1.0 - c) * (1.0 - i) * (1.0 - a);
    let impact = if scope_changed {
        7.52 * (iss - 0.029) - 3.25 * (iss - 0.02f64).powi(15)
    } else {
        6.42 * iss
    };
    let expl = 8.22 * av * ac * pr * ui;
    if impact <= 0.0 {
        return Some(0.0);
    }
    let raw = if scope_changed {
        (1.08 * (impact + expl)).min(10.0)
    } else {
        (impact + expl).min(10.0)
    };
    Some(roundup(raw))
}

/// CVSS v3.1 `Roundup`: the smallest number with one decimal ≥ the input.
fn roundup(x: f64) -> f64 {
    let i = (x * 100_000.0).round() as i64;
    if i % 10_000 == 0 {
        i as f64 / 100_000.0
    } else {
        ((i / 10_000) + 1) as f64 / 10.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cvss_scores_match_nvd() {
        assert_eq!(
            cvss3_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
            Some(9.8)
        );
        assert_eq!(
            cvss3_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"),
            Some(6.1)
        );
        assert_eq!(
            cvss3_score("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H"),
            Some(5.9)
        );
        assert_eq!(
            cvss3_score("CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"),
            Some(7.8)
        );
        assert_eq!(
            cvss3_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"),
            Some(0.0)
        );
        assert_eq!(cvss3_score("CVSS:4.0/AV:N"), None);
    }
}
