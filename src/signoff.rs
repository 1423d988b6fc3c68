//! Release sign-off: approvals bound to what was checked.
//!
//! `gatekeep signoff --role R --name N` runs the gates and records an approval in
//! `.gatekeep/signoffs.toml`, bound to three hashes: the code (every file of the repo walk but
//! `.gatekeep/`), the config file, and the gate results (ids, levels, statuses, each condition's
//! status, each finding; not timings, which differ on every run). `check --release` then needs
//! every required role to have signed the current state.

use crate::model::{Report, SignoffEntryReport, SignoffReport};
use crate::walk::RepoIndex;
use anyhow::Context;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Where approvals are kept, relative to the config's folder.
pub const FILE: &str = ".gatekeep/signoffs.toml";

/// The sign-offs file of the config folder `dir`, refused when a link takes it outside.
pub fn file(dir: &Path) -> anyhow::Result<std::path::PathBuf> {
    crate::paths::confine(dir, &dir.join(FILE), FILE).map_err(anyhow::Error::msg)
}

/// One approval.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub role: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub time: String,
    pub code: String,
    pub config: String,
    pub results: String,
    pub verdict: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignoffFile {
    #[serde(default)]
    signoff: Vec<Entry>,
}

/// What a sign-off is bound to.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub code: String,
    pub config: String,
    pub results: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 over every file of the walk except `.gatekeep/` (path, then content).
pub fn code_hash(repo: &RepoIndex) -> anyhow::Result<String> {
    let mut h = Sha256::new();
    for f in repo.files() {
        if f.rel.starts_with(".gatekeep/") {
            continue;
        }
        let bytes = repo.bytes(f)?;
        h.update(f.rel.as_bytes());
        h.update([0u8]);
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes[..]);
    }
    Ok(hex(&h.finalize()))
}

/// SHA-256 of the config file's bytes (or of nothing, for the default gates).
pub fn config_hash(config: Option<&Path>) -> anyhow::Result<String> {
    let mut h = Sha256::new();
    if let Some(p) = config {
        h.update(std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?);
    }
    Ok(hex(&h.finalize()))
}

/// SHA-256 of what the gates decided: ids, levels, statuses, conditions, findings.
pub fn results_hash(report: &Report) -> String {
    let mut h = Sha256::new();
    for g in &report.gates {
        h.update(
            format!(
                "gate\0{}\0{}\0{}\0{}\n",
                g.id,
                g.kind,
                g.level.as_str(),
                g.status
            )
            .as_bytes(),
        );
        for c in &g.conditions {
            h.update(format!("cond\0{}\0{}\n", c.expr, c.status).as_bytes());
        }
        for f in &g.findings {
            h.update(
                format!(
                    "find\0{}\0{}\0{}\0{}\n",
                    f.rule,
                    f.path.as_deref().unwrap_or(""),
                    f.line.unwrap_or(0),
                    f.message
                )
                .as_bytes(),
            );
        }
    }
    hex(&h.finalize())
}

pub fn load(path: &Path) -> anyhow::Result<Vec<Entry>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let f: SignoffFile = toml::from_str(&text)
        .with_context(|| format!("{} is not a valid sign-off file", path.display()))?;
    Ok(f.signoff)
}

/// Records an approval, replacing the role's earlier one; written atomically.
pub fn record(path: &Path, entry: Entry) -> anyhow::Result<()> {
    let mut entries = load(path)?;
    entries.retain(|e| e.role != entry.role);
    entries.push(entry);
    entries.sort_by(|a, b| a.role.cmp(&b.role));
    let text = format!(
        "# Release sign-offs recorded by `gatekeep signoff`; each is bound to the code, config and gate results it approved.\n{}",
        toml::to_string(&SignoffFile { signoff: entries })?
    );
    crate::atomic::write_atomic(path, text.as_bytes())
}

/// The sign-off block for a report.
pub fn evaluate(required: &[String], entries: &[Entry], state: &State) -> SignoffReport {
    let mut out = Vec::new();
    let mut awaiting = Vec::new();
    for role in required {
        match entries.iter().find(|e| &e.role == role) {
            None => {
                awaiting.push(role.clone());
                out.push(SignoffEntryReport {
                    role: role.clone(),
                    name: None,
                    note: None,
                    time: None,
                    state: "pending".into(),
                    changed: Vec::new(),
                });
            }
            Some(e) => {
                let mut changed = Vec::new();
                if e.code != state.code {
                    changed.push("code".to_string());
                }
                if e.config != state.config {
                    changed.push("config".to_string());
                }
                if e.results != state.results {
                    changed.push("gate results".to_string());
                }
                if !changed.is_empty() {
                    awaiting.push(role.clone());
                }
                out.push(SignoffEntryReport {
                    role: role.clone(),
                    name: Some(e.name.clone()),
                    note: e.note.clone(),
                    time: Some(e.time.clone()),
                    state: if changed.is_empty() {
                        "signed"
                    } else {
                        "stale"
                    }
                    .into(),
                    changed,
                });
            }
        }
    }
    SignoffReport {
        required: required.to_vec(),
        entries: out,
        awaiting,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(role: &str, code: &str) -> Entry {
        Entry {
            role: role.into(),
            name: "Ann".into(),
            note: None,
            time: "2026-11-21T05:00:00Z".into(),
            code: code.into(),
            config: "c".into(),
            results: "r".into(),
            verdict: "GO".into(),
        }
    }

    #[test]
    fn pending_signed_and_stale() {
        let state = State {
            code: "a".into(),
            config: "c".into(),
            results: "r".into(),
        };
        let req = vec![
            "qa-lead".to_string(),
            "security-lead".to_string(),
            "tech-lead".to_string(),
        ];
        let r = evaluate(
            &req,
            &[entry("qa-lead", "a"), entry("tech-lead", "old")],
            &state,
        );
        assert_eq!(r.awaiting, vec!["security-lead", "tech-lead"]);
        assert_eq!(r.entries[0].state, "signed");
        assert_eq!(r.entries[1].state, "pending");
        assert_eq!(r.entries[2].state, "stale");
        assert_eq!(r.entries[2].changed, vec!["code"]);
    }

    #[test]
    fn record_replaces_a_role_and_round_trips() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join(FILE);
        record(&p, entry("qa-lead", "a")).unwrap();
        record(&p, entry("qa-lead", "b")).unwrap();
        record(&p, entry("tech-lead", "b")).unwrap();
        let e = load(&p).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].code, "b");
        std::fs::write(&p, "[[signoff]]\nrole = 1\n").unwrap();
        assert!(load(&p).is_err());
    }

    #[test]
    fn code_hash_ignores_the_gatekeep_folder_and_sees_edits() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a.txt"), "1").unwrap();
        let h1 =
            code_hash(&RepoIndex::scan(d.path(), &globset::GlobSet::empty(), 1).unwrap()).unwrap();
        std::fs::create_dir(d.path().join(".gatekeep")).unwrap();
        std::fs::write(d.path().join(".gatekeep/signoffs.toml"), "x").unwrap();
        let h2 =
            code_hash(&RepoIndex::scan(d.path(), &globset::GlobSet::empty(), 1).unwrap()).unwrap();
        assert_eq!(h1, h2);
        std::fs::write(d.path().join("a.txt"), "2").unwrap();
        let h3 =
            code_hash(&RepoIndex::scan(d.path(), &globset::GlobSet::empty(), 1).unwrap()).unwrap();
        assert_ne!(h1, h3);
    }
}
