//! Attestations: a person's statement that a manual check passed (or failed), bound to what it
//! is about.
//!
//! `gatekeep attest GATE --role R --name N --evidence E [--fail]` records one in
//! `.gatekeep/attestations.toml` (next to the sign-offs, reviewed in git like them). Each is
//! bound to the commit, or, when the gate has `paths`, to a hash of every file those globs
//! match: a change there makes it stale, and the report says which files changed. It expires
//! `valid_for` after it was made. A stale, expired or hand-edited attestation whose binding no
//! longer matches is shown but never counted.

use crate::node::de::{Spanned, from_node};
use crate::node::error::{ConfigError, Located};
use crate::node::value::{Pos, parse_toml};
use crate::walk::{RepoIndex, Selector};
use anyhow::Context;
use globset::GlobSet;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

/// Where attestations are kept, relative to the config's folder.
pub const FILE: &str = ".gatekeep/attestations.toml";

/// The attestations file of the config folder `dir`, refused when a link takes it outside.
pub fn file(dir: &Path) -> anyhow::Result<std::path::PathBuf> {
    crate::paths::confine(dir, &dir.join(FILE), FILE).map_err(anyhow::Error::msg)
}

/// What a `manual` gate asks, as configured.
#[derive(Clone, Debug)]
pub struct Manual {
    pub question: String,
    pub roles: Vec<String>,
    pub valid_for: Option<Duration>,
    /// Globs the attestation is bound to; empty: the commit.
    pub paths: Vec<String>,
    pub paths_set: GlobSet,
}

/// The outcome a person attested.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Fail,
}

/// One attestation as written in the file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    pub gate: String,
    pub role: String,
    pub name: String,
    pub result: Outcome,
    pub evidence: String,
    /// UTC, RFC 3339.
    pub time: String,
    /// The question as it was asked; a changed question makes the attestation stale.
    pub question: String,
    /// The commit checked out when it was made (the binding when the gate has no `paths`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// The gate's `paths` when it was made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    /// Each bound file's SHA-256 (first 16 hex digits), when the gate has `paths`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub files: BTreeMap<String, String>,
    /// Where it was written (line:col in the file), for messages.
    #[serde(skip)]
    pub pos: Pos,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    gate: String,
    role: String,
    name: String,
    result: Outcome,
    evidence: String,
    time: Spanned<String>,
    question: String,
    #[serde(default)]
    commit: Option<String>,
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    files: BTreeMap<String, String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    attestation: Vec<Spanned<RawEntry>>,
}

#[derive(Serialize)]
struct OutFile<'a> {
    attestation: &'a [Entry],
}

/// Seconds since 1970 of `YYYY-MM-DDTHH:MM:SSZ`.
pub fn parse_time(s: &str) -> Option<i64> {
    let d = crate::date::Date::parse(s)?;
    let b = s.as_bytes();
    if s.len() != 20 || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<i64>().ok());
    let (h, m, sec) = (n(11..13)?, n(14..16)?, n(17..19)?);
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    Some(d.days() * 86400 + h * 3600 + m * 60 + sec)
}

/// RFC 3339 UTC of seconds since 1970.
pub fn format_time(secs: i64) -> String {
    let d = crate::date::Date::from_days(secs.div_euclid(86400));
    let s = secs.rem_euclid(86400);
    format!("{d}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// Now, in seconds since 1970; with `GATEKEEP_TODAY=YYYY-MM-DD`, the start of that day (UTC).
pub fn now_secs() -> i64 {
    if std::env::var("GATEKEEP_TODAY")
        .ok()
        .and_then(|s| crate::date::Date::parse(&s))
        .is_some()
    {
        return crate::date::Date::today().days() * 86400;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// `14d`, `2w`, `36h`, or any duration `timeout` takes.
pub fn parse_valid_for(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    for (suffix, secs) in [("d", 86400u64), ("w", 7 * 86400)] {
        if let Some(n) = t.strip_suffix(suffix)
            && let Ok(n) = n.trim().parse::<u64>()
        {
            return Ok(Duration::from_secs(n * secs));
        }
    }
    crate::threshold::parse_duration(t)
}

fn located(path: &Path, src: &str, pos: Pos, message: String) -> ConfigError {
    ConfigError::Invalid(Box::new(Located {
        file: path.display().to_string(),
        pos,
        message,
        suggestion: None,
        line_text: src
            .lines()
            .nth(pos.line.wrapping_sub(1))
            .map(str::to_string),
    }))
}

/// Reads the attestations; a missing file is none. A malformed file is an error at its
/// file:line:col (exit 2 on the command line).
pub fn load(path: &Path) -> Result<Vec<Entry>, ConfigError> {
    let src = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(ConfigError::Io {
                path: path.display().to_string(),
                source,
            });
        }
    };
    let node = parse_toml(&src).map_err(|e| {
        located(
            path,
            &src,
            e.pos,
            format!("invalid TOML in the attestations: {}", e.message),
        )
    })?;
    let raw: RawFile = from_node(&node).map_err(|e| {
        let msg = match &e.suggestion {
            Some(s) => format!("{} (did you mean `{s}`?)", e.message),
            None => e.message.clone(),
        };
        located(path, &src, e.pos.unwrap_or(node.pos), msg)
    })?;
    let mut out = Vec::new();
    for r in raw.attestation {
        let pos = r.pos;
        let r = r.value;
        if parse_time(&r.time).is_none() {
            return Err(located(
                path,
                &src,
                r.time.pos,
                format!(
                    "invalid time `{}`: expected UTC as `2026-11-21T05:30:00Z`",
                    r.time.value
                ),
            ));
        }
        out.push(Entry {
            gate: r.gate,
            role: r.role,
            name: r.name,
            result: r.result,
            evidence: r.evidence,
            time: r.time.value,
            question: r.question,
            commit: r.commit,
            paths: r.paths,
            files: r.files,
            pos,
        });
    }
    Ok(out)
}

/// Records an attestation, replacing the same gate and role's earlier one; written atomically.
pub fn record(path: &Path, entry: Entry) -> anyhow::Result<()> {
    let mut entries = load(path).map_err(|e| anyhow::anyhow!("{e}"))?;
    entries.retain(|e| !(e.gate == entry.gate && e.role == entry.role));
    entries.push(entry);
    entries.sort_by(|a, b| (&a.gate, &a.role).cmp(&(&b.gate, &b.role)));
    let text = format!(
        "# Attestations recorded by `gatekeep attest`; each is bound to the commit or to the files it is about.\n{}",
        toml::to_string(&OutFile {
            attestation: &entries
        })
        .context("cannot write the attestations as TOML")?
    );
    crate::atomic::write_atomic(path, text.as_bytes())
}

/// SHA-256 (first 16 hex digits) of each walked file the globs match (never `.gatekeep/`).
pub fn bound_files(
    repo: &RepoIndex,
    selector: &Selector,
    paths: &GlobSet,
) -> anyhow::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for f in repo.select(selector) {
        // The walk never yields `.gatekeep/` (walk::STATE_DIRS).
        if !paths.is_match(&f.rel) {
            continue;
        }
        let bytes = repo.bytes(f)?;
        let h = Sha256::digest(&bytes[..]);
        let hex: String = h.iter().take(8).map(|b| format!("{b:02x}")).collect();
        out.insert(f.rel.clone(), hex);
    }
    Ok(out)
}

/// What the attestations are compared against.
#[derive(Clone, Debug, Default)]
pub struct Current {
    pub commit: Option<String>,
    /// The bound files now (gates with `paths`).
    pub files: BTreeMap<String, String>,
    pub now: i64,
}

/// One role's attestation state, as reports show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttestationReport {
    pub gate: String,
    pub question: String,
    pub role: String,
    /// `passed`, `failed`, `stale`, `expired` or `pending`.
    pub state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// When it expires (or expired), with `valid_for`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    /// What changed since a stale attestation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<String>,
}

impl AttestationReport {
    /// Counted: a valid attestation that passed or failed.
    pub fn counted(&self) -> bool {
        self.state == "passed" || self.state == "failed"
    }

    /// One line for notes: what is attested, by whom, or what is awaited and why.
    pub fn describe(&self) -> String {
        let who = format!(
            "{} on {}",
            self.name.as_deref().unwrap_or("?"),
            self.time
                .as_deref()
                .map(|t| t.get(..10).unwrap_or(t))
                .unwrap_or("?")
        );
        let evidence = self
            .evidence
            .as_deref()
            .map(|e| format!("; evidence: {e}"))
            .unwrap_or_default();
        match self.state.as_str() {
            "passed" => format!(
                "attested by {who} ({}){evidence}{}",
                self.role,
                self.expires
                    .as_deref()
                    .map(|e| format!("; valid until {}", e.get(..10).unwrap_or(e)))
                    .unwrap_or_default()
            ),
            "failed" => format!("{who} ({}) attested that it FAILED{evidence}", self.role),
            "stale" => format!(
                "awaiting attestation by {}: the attestation by {who} is stale ({})",
                self.role,
                self.changed.join(", ")
            ),
            "expired" => format!(
                "awaiting attestation by {}: the attestation by {who} expired on {}",
                self.role,
                self.expires
                    .as_deref()
                    .map(|e| e.get(..10).unwrap_or(e))
                    .unwrap_or("?")
            ),
            _ => format!("awaiting attestation by {}", self.role),
        }
    }
}

fn short(c: &str) -> &str {
    c.get(..7).unwrap_or(c)
}

/// What changed between a recorded and a current file binding.
fn files_changed(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    for (p, h) in new {
        match old.get(p) {
            None => out.push(format!("{p} added")),
            Some(o) if o != h => out.push(format!("{p} changed")),
            _ => {}
        }
    }
    for p in old.keys().filter(|p| !new.contains_key(*p)) {
        out.push(format!("{p} removed"));
    }
    out
}

/// Evaluates each required role of one manual gate.
pub fn evaluate(
    gate: &str,
    m: &Manual,
    entries: &[Entry],
    cur: &Current,
) -> Vec<AttestationReport> {
    m.roles
        .iter()
        .map(|role| {
            let mut r = AttestationReport {
                gate: gate.to_string(),
                question: m.question.clone(),
                role: role.clone(),
                state: "pending".into(),
                name: None,
                time: None,
                evidence: None,
                expires: None,
                changed: Vec::new(),
            };
            let Some(e) = entries.iter().find(|e| e.gate == gate && &e.role == role) else {
                return r;
            };
            r.name = Some(e.name.clone());
            r.time = Some(e.time.clone());
            r.evidence = Some(e.evidence.clone());
            let made = parse_time(&e.time).unwrap_or(i64::MAX);
            let mut changed = Vec::new();
            // A time edited into the future would stretch `valid_for`; a day's slack allows
            // for clocks and `GATEKEEP_TODAY`.
            if made > cur.now.saturating_add(86400) {
                changed.push(format!("its time {} is in the future", e.time));
            }
            if e.question != m.question {
                changed.push("the question changed".to_string());
            }
            if m.paths.is_empty() {
                match (&e.commit, &cur.commit) {
                    (Some(a), Some(b)) if a == b => {}
                    (Some(a), Some(b)) => {
                        changed.push(format!("commit {} → {}", short(a), short(b)))
                    }
                    (None, _) => changed.push("no commit recorded".into()),
                    (Some(_), None) => {
                        changed.push("no commit to compare (not a git checkout)".into())
                    }
                }
            } else {
                if e.paths != m.paths {
                    changed.push(format!(
                        "paths were [{}], now [{}]",
                        e.paths.join(", "),
                        m.paths.join(", ")
                    ));
                }
                changed.extend(files_changed(&e.files, &cur.files));
            }
            if let Some(v) = m.valid_for {
                let until = made.saturating_add(v.as_secs() as i64);
                r.expires = Some(format_time(until));
                if changed.is_empty() && cur.now > until {
                    r.state = "expired".into();
                    return r;
                }
            }
            if !changed.is_empty() {
                r.state = "stale".into();
                r.changed = changed;
                return r;
            }
            r.state = match e.result {
                Outcome::Pass => "passed",
                Outcome::Fail => "failed",
            }
            .into();
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manual(paths: &[&str], valid_for: Option<&str>) -> Manual {
        Manual {
            question: "Rollback tested in staging?".into(),
            roles: vec!["ops-lead".into(), "qa-lead".into()],
            valid_for: valid_for.map(|v| parse_valid_for(v).unwrap()),
            paths: paths.iter().map(|s| s.to_string()).collect(),
            paths_set: crate::walk::glob_set(paths.iter().copied()).unwrap(),
        }
    }

    fn entry(result: Outcome) -> Entry {
        Entry {
            gate: "rollback".into(),
            role: "ops-lead".into(),
            name: "Dana".into(),
            result,
            evidence: "https://ci/run/1".into(),
            time: "2026-11-20T10:00:00Z".into(),
            question: "Rollback tested in staging?".into(),
            commit: Some("a".repeat(40)),
            paths: vec![],
            files: BTreeMap::new(),
            pos: Pos::default(),
        }
    }

    fn cur(commit: &str, now: &str) -> Current {
        Current {
            commit: Some(commit.repeat(40)),
            files: BTreeMap::new(),
            now: parse_time(now).unwrap(),
        }
    }

    #[test]
    fn times_and_durations() {
        let t = parse_time("2026-11-20T10:00:00Z").unwrap();
        assert_eq!(format_time(t), "2026-11-20T10:00:00Z");
        assert!(parse_time("2026-11-20 10:00:00").is_none());
        assert!(parse_time("2026-11-20T25:00:00Z").is_none());
        assert_eq!(
            parse_valid_for("14d").unwrap(),
            Duration::from_secs(14 * 86400)
        );
        assert_eq!(
            parse_valid_for("2w").unwrap(),
            Duration::from_secs(14 * 86400)
        );
        assert_eq!(
            parse_valid_for("36h").unwrap(),
            Duration::from_secs(36 * 3600)
        );
        assert!(parse_valid_for("soon").is_err());
    }

    #[test]
    fn pending_passed_failed_expired_and_stale_by_commit() {
        let m = manual(&[], Some("14d"));
        let r = evaluate(
            "rollback",
            &m,
            &[entry(Outcome::Pass)],
            &cur("a", "2026-11-21T00:00:00Z"),
        );
        assert_eq!(r[0].state, "passed");
        assert_eq!(r[0].expires.as_deref(), Some("2026-12-04T10:00:00Z"));
        assert_eq!(r[1].state, "pending");
        assert_eq!(r[1].describe(), "awaiting attestation by qa-lead");
        let r = evaluate(
            "rollback",
            &m,
            &[entry(Outcome::Fail)],
            &cur("a", "2026-11-21T00:00:00Z"),
        );
        assert_eq!(r[0].state, "failed");
        // Expires valid_for after it was made.
        let r = evaluate(
            "rollback",
            &m,
            &[entry(Outcome::Pass)],
            &cur("a", "2026-12-04T10:00:01Z"),
        );
        assert_eq!(r[0].state, "expired");
        assert!(
            r[0].describe().contains("expired on 2026-12-04"),
            "{}",
            r[0].describe()
        );
        // Another commit: stale, with what changed.
        let r = evaluate(
            "rollback",
            &m,
            &[entry(Outcome::Pass)],
            &cur("b", "2026-11-21T00:00:00Z"),
        );
        assert_eq!(r[0].state, "stale");
        assert_eq!(r[0].changed, vec!["commit aaaaaaa → bbbbbbb"]);
        assert!(!r[0].counted());
        // Another question: stale.
        let mut e = entry(Outcome::Pass);
        e.question = "Rollback tested?".into();
        let r = evaluate("rollback", &m, &[e], &cur("a", "2026-11-21T00:00:00Z"));
        assert_eq!(r[0].changed, vec!["the question changed"]);
        // A time in the future (a hand edit to stretch valid_for) is not counted.
        let mut e = entry(Outcome::Pass);
        e.time = "2026-11-25T10:00:00Z".into();
        let r = evaluate("rollback", &m, &[e], &cur("a", "2026-11-21T00:00:00Z"));
        assert_eq!(r[0].state, "stale");
        assert_eq!(
            r[0].changed,
            vec!["its time 2026-11-25T10:00:00Z is in the future"]
        );
        // An attestation for another gate does not count.
        let mut e = entry(Outcome::Pass);
        e.gate = "monitoring".into();
        let r = evaluate("rollback", &m, &[e], &cur("a", "2026-11-21T00:00:00Z"));
        assert_eq!(r[0].state, "pending");
    }

    #[test]
    fn stale_by_paths_names_the_files() {
        let m = manual(&["deploy/**"], None);
        let mut e = entry(Outcome::Pass);
        e.paths = vec!["deploy/**".into()];
        e.files.insert("deploy/a.sh".into(), "1111".into());
        e.files.insert("deploy/b.sh".into(), "2222".into());
        let mut c = cur("b", "2026-11-21T00:00:00Z");
        c.files = e.files.clone();
        // Another commit that does not touch the paths: still valid.
        let r = evaluate("rollback", &m, std::slice::from_ref(&e), &c);
        assert_eq!(r[0].state, "passed");
        c.files.insert("deploy/a.sh".into(), "3333".into());
        c.files.remove("deploy/b.sh");
        c.files.insert("deploy/c.sh".into(), "4444".into());
        let r = evaluate("rollback", &m, &[e], &c);
        assert_eq!(r[0].state, "stale");
        assert_eq!(
            r[0].changed,
            vec![
                "deploy/a.sh changed",
                "deploy/c.sh added",
                "deploy/b.sh removed"
            ]
        );
    }

    #[test]
    fn record_round_trips_and_replaces() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join(FILE);
        let mut e = entry(Outcome::Pass);
        e.paths = vec!["deploy/**".into()];
        e.files.insert("deploy/a.sh".into(), "1111".into());
        record(&p, e.clone()).unwrap();
        e.result = Outcome::Fail;
        record(&p, e.clone()).unwrap();
        let mut other = entry(Outcome::Pass);
        other.role = "qa-lead".into();
        record(&p, other).unwrap();
        let back = load(&p).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].result, Outcome::Fail);
        assert_eq!(back[0].files, e.files);
        assert!(load(&d.path().join("none.toml")).unwrap().is_empty());
    }

    #[test]
    fn malformed_files_name_the_line_and_column() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.toml");
        let good = toml::to_string(&OutFile {
            attestation: &[entry(Outcome::Pass)],
        })
        .unwrap();
        for (text, want) in [
            ("[[attestation]\n".to_string(), ":1:"),
            (
                good.replace("result = \"pass\"", "result = \"maybe\""),
                ":5:",
            ),
            (good.replace("2026-11-20T10:00:00Z", "yesterday"), ":7:"),
            (good.replace("evidence", "evidense"), ":6:1: unknown key"),
        ] {
            std::fs::write(&p, &text).unwrap();
            let e = load(&p).unwrap_err().to_string();
            assert!(
                e.starts_with(&format!("{}{want}", p.display())),
                "{text}\n→ {e}"
            );
        }
    }
}
