//! The release-readiness commands: `gatekeep attest` and `gatekeep report`.

use crate::attest;
use crate::cli::{CheckArgs, ColorChoice, UsageError, evaluate, load_config};
use crate::config::Config;
use crate::model::Verdict;
use crate::walk::{RepoIndex, Selector, glob_set};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct AttestArgs {
    /// The `manual` gate to attest.
    pub gate: String,
    /// The repository (default: the current folder).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    #[arg(short, long)]
    pub config: Option<PathBuf>,
    /// One of the gate's `roles`.
    #[arg(long)]
    pub role: String,
    /// Who attests.
    #[arg(long)]
    pub name: String,
    /// What shows it: a URL (CI run, ticket, dashboard) or a sentence.
    #[arg(long)]
    pub evidence: String,
    /// The check was done and FAILED (the gate then fails until a new attestation).
    #[arg(long)]
    pub fail: bool,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The repository (default: the current folder).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    #[arg(short, long)]
    pub config: Option<PathBuf>,
    #[arg(long, value_name = "FMT", default_value = "markdown", value_parser = ["markdown", "html"])]
    pub format: String,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The run that is the "initial state": its number in the history (1 = the first), a commit
    /// prefix or a date/time prefix (`2026-11-20`). Default: the first recorded run.
    #[arg(long, value_name = "RUN")]
    pub since: Option<String>,
    /// The history file (default: `[project] history` of the config).
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
    /// Apply a profile from the config.
    #[arg(long)]
    pub profile: Option<String>,
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
}

fn out(s: &str) {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(s.as_bytes()).and_then(|_| o.flush());
}

/// Reads the attestations when the config has a `manual` gate: a malformed file is a config
/// error (exit 2) with its file:line:col.
pub fn preflight(cfg: &Config) -> Result<(), UsageError> {
    if cfg.gates.iter().any(|g| g.gate.manual().is_some()) {
        attest::load(&attest::file(&cfg.dir)?)?;
    }
    Ok(())
}

/// `gatekeep attest`.
pub fn attest(args: AttestArgs) -> Result<i32, UsageError> {
    let Some(cfg) = load_config(&args.path, args.config.as_deref())? else {
        return Err(UsageError::Usage(format!(
            "no gates.toml, gates.yaml or gates.yml in {}: attestations answer a `manual` gate's question",
            args.path.display()
        )));
    };
    let file = attest::file(&cfg.dir)?;
    attest::load(&file)?;
    let manual_ids: Vec<&str> = cfg
        .gates
        .iter()
        .filter(|g| g.gate.manual().is_some())
        .map(|g| g.id.as_str())
        .collect();
    let Some(spec) = cfg.gates.iter().find(|g| g.id == args.gate) else {
        let hint = crate::suggest::did_you_mean(&args.gate, manual_ids.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        return Err(UsageError::Usage(format!(
            "no gate `{}`{hint}; manual gates: {}",
            args.gate,
            if manual_ids.is_empty() {
                "none".to_string()
            } else {
                manual_ids.join(", ")
            }
        )));
    };
    let Some(m) = spec.gate.manual() else {
        return Err(UsageError::Usage(format!(
            "gate `{}` is a `{}` gate, measured by gatekeep; only `manual` gates take attestations",
            spec.id,
            spec.kind.doc().kind
        )));
    };
    if !m.roles.contains(&args.role) {
        let hint = crate::suggest::did_you_mean(&args.role, m.roles.iter().map(String::as_str))
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        return Err(UsageError::Usage(format!(
            "`{}` is not a role of gate `{}`{hint}; roles: {}",
            args.role,
            spec.id,
            m.roles.join(", ")
        )));
    }
    for (flag, v) in [("--name", &args.name), ("--evidence", &args.evidence)] {
        if v.trim().is_empty() {
            return Err(UsageError::Usage(format!("{flag} must not be empty")));
        }
    }
    let root = args
        .path
        .canonicalize()
        .map_err(|e| UsageError::Usage(format!("{}: {e}", args.path.display())))?;
    let (commit, files, bound) = if m.paths.is_empty() {
        let Some(c) = crate::history::git_commit(&root) else {
            return Err(UsageError::Usage(format!(
                "gate `{}` binds attestations to the commit, but {} is not a git checkout with a commit; set `paths = [...]` on the gate to bind them to files instead",
                spec.id,
                root.display()
            )));
        };
        let b = format!("commit {}", c.get(..7).unwrap_or(&c));
        (Some(c), Default::default(), b)
    } else {
        let ex = glob_set(cfg.project.exclude.iter().map(String::as_str))
            .map_err(|e| UsageError::Usage(e.to_string()))?;
        let repo = RepoIndex::scan(&root, &ex, 2)?;
        let sel = Selector::new(&spec.include, &spec.exclude)
            .map_err(|e| UsageError::Usage(e.to_string()))?;
        let files = attest::bound_files(&repo, &sel, &m.paths_set)?;
        if files.is_empty() {
            return Err(UsageError::Usage(format!(
                "gate `{}`: `paths` [{}] match no file; nothing to bind the attestation to",
                spec.id,
                m.paths.join(", ")
            )));
        }
        let b = format!(
            "{} file{} under {}",
            files.len(),
            if files.len() == 1 { "" } else { "s" },
            m.paths.join(", ")
        );
        (crate::history::git_commit(&root), files, b)
    };
    let result = if args.fail {
        attest::Outcome::Fail
    } else {
        attest::Outcome::Pass
    };
    attest::record(
        &file,
        attest::Entry {
            gate: spec.id.clone(),
            role: args.role.clone(),
            name: args.name.trim().to_string(),
            result,
            evidence: args.evidence.trim().to_string(),
            time: attest::format_time(attest::now_secs()),
            question: m.question.clone(),
            commit,
            paths: m.paths.clone(),
            files,
            pos: Default::default(),
        },
    )?;
    out(&format!(
        "{} attested `{}` as {}: {} — \"{}\"; bound to {}{}; recorded in {}\n",
        args.name.trim(),
        spec.id,
        args.role,
        if args.fail { "FAILED" } else { "passed" },
        m.question,
        bound,
        m.valid_for
            .map(|v| format!(
                ", valid until {}",
                attest::format_time(attest::now_secs() + v.as_secs() as i64)
            ))
            .unwrap_or_default(),
        file.display()
    ));
    Ok(0)
}

/// Which recorded run `--since` names: a 1-based number, a commit prefix or a time prefix.
pub fn pick_since(history: &[crate::history::Record], since: &str) -> Result<usize, String> {
    let s = since.trim();
    if let Ok(n) = s.parse::<usize>()
        && s.len() < 4
    {
        return if n >= 1 && n <= history.len() {
            Ok(n - 1)
        } else {
            Err(format!(
                "--since {s}: the history has {} run{} (1 = the first)",
                history.len(),
                if history.len() == 1 { "" } else { "s" }
            ))
        };
    }
    let hit = history.iter().position(|r| {
        (s.len() >= 4 && r.commit.as_deref().is_some_and(|c| c.starts_with(s)))
            || r.time.starts_with(s)
    });
    hit.ok_or_else(|| {
        format!(
            "--since {s}: no recorded run has that commit prefix or time ({} runs, {} to {})",
            history.len(),
            history.first().map(|r| r.time.as_str()).unwrap_or("—"),
            history.last().map(|r| r.time.as_str()).unwrap_or("—")
        )
    })
}

/// `gatekeep report`.
pub fn report(args: ReportArgs) -> Result<i32, UsageError> {
    let check_args = CheckArgs {
        path: args.path.clone(),
        config: args.config.clone(),
        gates: Vec::new(),
        profile: args.profile.clone(),
        format: "table".into(),
        outputs: Vec::new(),
        baseline: None,
        base: None,
        jobs: args.jobs,
        color: ColorChoice::Never,
        quiet: false,
        verbose: false,
        release: false,
        history: args.history.clone(),
        no_github: true,
        annotate_unchanged: false,
        members: Vec::new(),
        changed: false,
        write_baseline: false,
    };
    let mut checked = evaluate(&check_args, false)?;
    crate::report::readiness::as_release(&mut checked.report);
    let has_history = args.history.is_some() || checked.cfg.project.history.is_some();
    let since = match &args.since {
        Some(s) if checked.history.is_empty() => {
            return Err(UsageError::Usage(format!(
                "--since {s}: no run is recorded yet{}",
                if has_history {
                    ""
                } else {
                    " (set `[project] history` or pass --history FILE)"
                }
            )));
        }
        Some(s) => Some(pick_since(&checked.history, s).map_err(UsageError::Usage)?),
        None => None,
    };
    let meta = crate::report::readiness::Meta {
        date: crate::date::Date::today().to_string(),
        commit: crate::history::git_commit(&checked.cfg.dir),
        history: &checked.history,
        since,
        has_history,
    };
    let text = if args.format == "html" {
        crate::report::readiness::html(&checked.report, &meta)
    } else {
        crate::report::readiness::markdown(&checked.report, &meta)
    };
    match &args.output {
        Some(p) => crate::report::write_atomic(p, text.as_bytes())?,
        None => out(&text),
    }
    Ok(match checked.report.verdict {
        Verdict::NoGo => 1,
        _ => 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Record;

    fn rec(time: &str, commit: &str) -> Record {
        Record {
            time: time.into(),
            commit: Some(commit.into()),
            profile: None,
            verdict: Verdict::NoGo,
            metrics: Default::default(),
            units: Default::default(),
        }
    }

    #[test]
    fn since_by_number_commit_or_time() {
        let h = vec![
            rec("2026-11-01T09:00:00Z", "aaaa1111"),
            rec("2026-11-10T09:00:00Z", "bbbb2222"),
        ];
        assert_eq!(pick_since(&h, "2"), Ok(1));
        assert_eq!(pick_since(&h, "bbbb"), Ok(1));
        assert_eq!(pick_since(&h, "2026-11-01"), Ok(0));
        assert!(pick_since(&h, "3").unwrap_err().contains("2 runs"));
        assert!(
            pick_since(&h, "cccc")
                .unwrap_err()
                .contains("no recorded run")
        );
    }
}
