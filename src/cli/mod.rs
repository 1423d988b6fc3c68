//! The command line (SPEC §1). Exit codes: 0 GO (also with accepted risks), 1 NO-GO,
//! 2 usage or config error.

pub mod ratchet;
pub mod release;

use crate::config::{self, Config, ConfigError, Date};
use crate::model::{BaseReport, GateResult, Report, ToolInfo, Verdict};
use crate::report::{self, Format, RenderCx};
use crate::runner::{self, RunEnv};
use crate::verdict::{self, Waivers};
use crate::walk::{RepoIndex, glob_set};
use anyhow::Context;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// `gatekeep --version`: the version, then the commit and target it was built from (build.rs).
/// `-V` prints the version alone.
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\ncommit: ",
    env!("GATEKEEP_BUILD_COMMIT"),
    "\ntarget: ",
    env!("GATEKEEP_BUILD_TARGET"),
);

/// Decides whether a repository is ready to ship: runs quality gates and prints GO / NO-GO.
#[derive(Parser, Debug)]
#[command(name = "gatekeep", version, long_version = LONG_VERSION, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the gates on the repo at PATH and print the verdict.
    Check(CheckArgs),
    /// The configured gates and all available gate kinds and formats.
    List(ConfigArgs),
    /// What a gate kind checks (options, metrics, defaults, an example), or one rule's documentation.
    Explain {
        /// A gate kind (e.g. `coverage`) or a rule id (e.g. `py-eval`).
        topic: String,
    },
    /// Write a commented gates.toml that fits what is in the repo.
    ///
    /// With --ratchet, for a repository that fails its gates today: the gates are run once and a
    /// `new-code` profile is added whose failing absolute thresholds are held at today's figures
    /// (coverage `line >= <today, rounded down>`, xml `errors <= <today>`, security
    /// `high <= <today>`) and whose thresholds on the change are strict (coverage
    /// `new_line >= 80`, diagnostics and xml `new_errors == 0`, security `new_total == 0`, docs
    /// `new_undocumented == 0` and `new_broken_links == 0`). `gatekeep check --profile new-code --base
    /// origin/main` is then GO on the repository as it is and NO-GO on a change that makes
    /// things worse: gatekeep can gate pull requests from day one, without waivers. A gate
    /// failing on what no figure can hold (a command's `exit_code == 0`) is a warning under
    /// the profile (GO WITH ACCEPTED RISKS while it fails).
    #[command(verbatim_doc_comment)]
    Init {
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Overwrite an existing config.
        #[arg(long)]
        force: bool,
        /// Run the gates once (commands included) and add a `new-code` profile: failing
        /// thresholds held at today's figures, strict thresholds on new code.
        #[arg(long)]
        ratchet: bool,
    },
    /// Check the config only; the same errors as `check`.
    Validate(ConfigArgs),
    /// The trend of every metric over the recorded runs (`[project] history` or `--history`).
    History(HistoryArgs),
    /// Record a release approval for the current state (runs the gates; a NO-GO cannot be signed).
    Signoff(SignoffArgs),
    /// Merge the JSON reports of a CI matrix into one verdict.
    Merge(MergeArgs),
    /// Attest a `manual` gate's check: record who states it passed (or failed), with evidence.
    Attest(release::AttestArgs),
    /// The release readiness report (Markdown or HTML): the run, the history, the sign-offs and
    /// the attestations, in the shape of a hand-written readiness report.
    Report(release::ReportArgs),
    /// The security gate's tree rules: `gatekeep rules test [DIR]` runs each rule on the
    /// `ruleid:` / `ok:` annotations of its test file (the built-in rules without DIR, a team's
    /// `rules_dir` with it). Exit 0: every rule passes; 1: a rule fails or has no test; 2: a
    /// rule file is invalid.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
    /// Print shell completions.
    Completions { shell: clap_complete::Shell },
    /// Print the config reference (Markdown) generated from the gate kinds' own docs.
    #[command(hide = true)]
    Reference,
    /// Print a man page (roff): gatekeep's, or one command's (`gatekeep man check`), with exit
    /// codes and environment variables, e.g. `gatekeep man check > gatekeep-check.1`.
    Man {
        /// A command (`check`, `merge`, …); default: the top-level page.
        command: Option<String>,
    },
    /// Print the JSON Schema of the config (committed as gates.schema.json).
    Schema,
}

#[derive(Subcommand, Debug)]
pub enum RulesAction {
    /// Run every rule against its annotated test file.
    Test {
        /// A folder of rule files (`*.yml` with their test files beside them); default: the
        /// built-in rules.
        dir: Option<PathBuf>,
    },
}

#[derive(Args, Debug)]
pub struct ConfigArgs {
    /// The repository (default: the current folder).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The config file (default: PATH/gates.toml, gates.yaml or gates.yml).
    #[arg(short, long)]
    pub config: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct SignoffArgs {
    /// The repository (default: the current folder).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    #[arg(short, long)]
    pub config: Option<PathBuf>,
    /// One of the config's `[signoff] required` roles.
    #[arg(long)]
    pub role: String,
    /// Who signs.
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub note: Option<String>,
    /// Sign the verdict of this profile (use the same with `check --release`).
    #[arg(long)]
    pub profile: Option<String>,
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// The parts: JSON reports written by `check --format json` / `-o json=FILE`.
    #[arg(required = true)]
    pub parts: Vec<PathBuf>,
    /// How many parts there must be; fewer is an ERROR, never a pass on partial data.
    #[arg(long, value_name = "N")]
    pub expect: Option<usize>,
    #[arg(long, value_name = "FMT", default_value = "table", value_parser = format_parser())]
    pub format: String,
    /// Also write the merged report in FMT to FILE (repeatable).
    #[arg(short, long = "output", value_name = "FMT=FILE")]
    pub outputs: Vec<String>,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
}

#[derive(Args, Debug)]
pub struct HistoryArgs {
    /// The repository (default: the current folder).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The config file (for `[project] history`).
    #[arg(short, long)]
    pub config: Option<PathBuf>,
    /// The history file (default: `[project] history` of the config).
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
    /// Only metrics whose `gate.metric` name contains this.
    #[arg(long, value_name = "NAME")]
    pub metric: Option<String>,
    /// Only the last N runs.
    #[arg(long, value_name = "N")]
    pub last: Option<usize>,
    #[arg(long, value_name = "FMT", default_value = "table", value_parser = ["table", "json", "markdown"])]
    pub format: String,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The repository (default: the current folder).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The config file (default: PATH/gates.toml, gates.yaml or gates.yml; with none, a default set).
    #[arg(short, long)]
    pub config: Option<PathBuf>,
    /// Run only these gates (repeatable).
    #[arg(long = "gate", value_name = "ID")]
    pub gates: Vec<String>,
    /// Apply a profile from the config.
    #[arg(long)]
    pub profile: Option<String>,
    /// What goes to stdout.
    #[arg(long, value_name = "FMT", default_value = "table", value_parser = format_parser())]
    pub format: String,
    /// Also write a report in FMT to FILE (repeatable; written atomically).
    #[arg(short, long = "output", value_name = "FMT=FILE")]
    pub outputs: Vec<String>,
    /// A JSON report of an earlier run: adds a Δ column and enables `baseline` in thresholds.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// A release decision: GO also needs every `[signoff] required` role to have signed this state.
    #[arg(long)]
    pub release: bool,
    /// Append this run to a history file (default: `[project] history` of the config).
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
    /// Git revision the change is measured from (its merge base with HEAD), for change metrics
    /// (coverage `diff_line`, diagnostics and xml `new_errors`, security `new_total`, docs
    /// `new_undocumented`) and `--changed`.
    /// Default: the pull or merge request's base in CI (GITHUB_BASE_REF,
    /// CI_MERGE_REQUEST_DIFF_BASE_SHA), else `origin/HEAD`, used only when a threshold or
    /// `--changed` needs a base.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Gates run concurrently, at most N at once (default: number of cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Print nothing on stderr but errors.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Log what happens on stderr.
    #[arg(short, long)]
    pub verbose: bool,
    /// Under GitHub Actions (GITHUB_ACTIONS=true), do not emit annotations or append the step summary.
    #[arg(long)]
    pub no_github: bool,
    /// GitHub annotations (`--format github`, and under GitHub Actions) for every finding, also
    /// those a change measured with `--base` did not bring and junit failures already failing in
    /// the `--baseline` report (default: new findings only).
    #[arg(long)]
    pub annotate_unchanged: bool,
    /// In a workspace, check only these members (folder or last folder name; repeatable).
    #[arg(long = "member", value_name = "NAME")]
    pub members: Vec<String>,
    /// In a workspace, check only the members the change touches: since `--base REV`, or the
    /// base CI names (GITHUB_BASE_REF, CI_MERGE_REQUEST_DIFF_BASE_SHA), or `origin/HEAD`.
    #[arg(long)]
    pub changed: bool,
    /// Rewrite the baseline files of gates that have one (security `baseline = "FILE"`) from
    /// this run's findings: what is found now is accepted from now on.
    #[arg(long)]
    pub write_baseline: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn format_parser() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(report::format_names())
}

/// Whether to colour stdout: `--color`, then NO_COLOR, CLICOLOR_FORCE, TERM=dumb, a terminal.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if var("NO_COLOR").is_some() {
                false
            } else if var("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                true
            } else {
                is_terminal && std::env::var("TERM").map(|t| t != "dumb").unwrap_or(true)
            }
        }
    }
}

/// A failure that ends the run with exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum UsageError {
    #[error("{0}")]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Usage(String),
    #[error("{0:#}")]
    Io(#[from] anyhow::Error),
    /// `check --changed`: no workspace member was touched. Not a failure: `check` says so and
    /// exits 0.
    #[error("{0}")]
    NothingToCheck(String),
}

/// Writes to stdout. A closed pipe (`gatekeep check | head`) is not an error; any other write
/// failure (`> /dev/full`, a full disk) is: the report would be lost, so it is exit 2.
fn out(s: &str) -> Result<(), UsageError> {
    crate::interrupt::checkpoint();
    let mut o = std::io::stdout().lock();
    match o.write_all(s.as_bytes()).and_then(|_| o.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(UsageError::Io(
            anyhow::Error::new(e).context("cannot write the report to standard output"),
        )),
        _ => Ok(()),
    }
}

pub fn main() -> i32 {
    crate::signals::install();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = e.exit_code();
            let _ = e.print();
            return code;
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}

fn run(cli: Cli) -> Result<i32, UsageError> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::List(args) => list(args),
        Command::Explain { topic } => explain(&topic),
        Command::Rules {
            action: RulesAction::Test { dir },
        } => rules_test(dir.as_deref()),
        Command::Init {
            path,
            force,
            ratchet,
        } => init(&path, force, ratchet),
        Command::Validate(args) => {
            let cfg = load_config(&args.path, args.config.as_deref())?;
            match cfg {
                Some(c) => {
                    release::preflight(&c)?;
                    out(&format!(
                        "{}: ok, {} gate{}, {} waiver{}, {} profile{}\n",
                        c.file
                            .as_deref()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default(),
                        c.gates.len(),
                        plural(c.gates.len()),
                        c.waivers.len(),
                        plural(c.waivers.len()),
                        c.profiles.len(),
                        plural(c.profiles.len())
                    ))?;
                    Ok(0)
                }
                None => Err(UsageError::Usage(format!(
                    "no gates.toml, gates.yaml or gates.yml in {}",
                    args.path.display()
                ))),
            }
        }
        Command::History(args) => history(args),
        Command::Merge(args) => merge(args),
        Command::Signoff(args) => signoff(args),
        Command::Attest(args) => release::attest(args),
        Command::Report(args) => release::report(args),
        Command::Completions { shell } => {
            let mut cmd = crate::manpage::for_completion(Cli::command());
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "gatekeep", &mut buf);
            out(&String::from_utf8_lossy(&buf))?;
            Ok(0)
        }
        Command::Schema => {
            let mut s =
                serde_json::to_string_pretty(&config::schema::config_schema()).unwrap_or_default();
            s.push('\n');
            out(&s)?;
            Ok(0)
        }
        Command::Man { command } => {
            out(&crate::manpage::render(Cli::command(), command.as_deref())
                .map_err(UsageError::Usage)?)?;
            Ok(0)
        }
        Command::Reference => {
            out(&crate::explain::reference())?;
            Ok(0)
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Loads the config named by `-c`, or found in `root`; `None` when there is none.
pub fn load_config(root: &Path, explicit: Option<&Path>) -> Result<Option<Config>, UsageError> {
    if !root.is_dir() {
        return Err(UsageError::Usage(format!(
            "{} is not a folder",
            root.display()
        )));
    }
    match explicit {
        Some(p) => Ok(Some(config::load(p)?)),
        None => match crate::workspace::find_config(root).map_err(UsageError::Usage)? {
            Some(p) => Ok(Some(config::load(&p)?)),
            None => Ok(None),
        },
    }
}

/// A finished evaluation, before output.
pub struct Checked {
    pub report: Report,
    pub baseline: Option<Arc<Report>>,
    pub initial: Option<std::collections::BTreeMap<String, f64>>,
    pub history: Vec<crate::history::Record>,
    pub outputs: Vec<(&'static dyn report::Format, PathBuf)>,
    pub cfg: Config,
    pub state: Option<crate::signoff::State>,
    pub verbose: bool,
}

/// Runs the gates as `check` does and computes the report; `record_history` appends the run.
pub fn evaluate(args: &CheckArgs, record_history: bool) -> Result<Checked, UsageError> {
    let start = Instant::now();
    let jobs = args
        .jobs
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        })
        .max(1);
    let verbose = args.verbose && !args.quiet;
    // Validate outputs before doing any work.
    let outputs = parse_outputs(&args.outputs)?;
    let baseline: Option<Arc<Report>> = match &args.baseline {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| {
                UsageError::Usage(format!("cannot read baseline {}: {e}", p.display()))
            })?;
            let r: Report = serde_json::from_str(&text).map_err(|e| {
                UsageError::Usage(format!(
                    "{}:{}:{}: not a gatekeep JSON report: {e}",
                    p.display(),
                    e.line(),
                    e.column()
                ))
            })?;
            Some(Arc::new(r))
        }
        None => None,
    };

    let explicit = load_config(&args.path, args.config.as_deref())?;
    let mut excludes: Vec<String> = explicit
        .as_ref()
        .map(|c| c.project.exclude.clone())
        .unwrap_or_default();
    // gatekeep's own state is never an input to a gate: `.gatekeep/` is never walked, nor a
    // history file kept elsewhere.
    if let Some(h) = explicit.as_ref().and_then(|c| {
        let h = c.dir.join(&c.project.history.as_ref()?.value);
        let root = args.path.canonicalize().ok()?;
        let h = h.canonicalize().unwrap_or(h);
        Some(
            h.strip_prefix(&root)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/"),
        )
    }) {
        excludes.push(globset::escape(&h));
    }
    let ex = glob_set(excludes.iter().map(String::as_str))
        .map_err(|e| UsageError::Usage(e.to_string()))?;
    let walk_start = Instant::now();
    let repo = Arc::new(RepoIndex::scan(&args.path, &ex, jobs)?);
    if verbose {
        eprintln!(
            "gatekeep: walked {} files in {:.1} ms",
            repo.files().len(),
            walk_start.elapsed().as_secs_f64() * 1000.0
        );
    }
    let (cfg, defaults_used) = match explicit {
        Some(c) => (c, Vec::new()),
        None => {
            let (c, ids) = config::defaults::config_for(repo.root(), &repo)?;
            if !args.quiet {
                eprintln!(
                    "gatekeep: no gates.toml in {}; using the default gates: {} (`gatekeep init` writes them out)",
                    args.path.display(),
                    ids.join(", ")
                );
            }
            (c, ids)
        }
    };
    if verbose && let Some(f) = &cfg.file {
        eprintln!("gatekeep: config {}", f.display());
    }
    // A malformed attestations file stops the run (exit 2) with its file:line:col.
    release::preflight(&cfg)?;
    // The units to run: the config itself, or, for a workspace, its members (and the root's own
    // gates, if it has any), each with its own config and view of the one walk.
    struct Unit {
        /// `""` for a plain config; the member folder in a workspace (`.` for the root's gates).
        name: String,
        cfg: Config,
        env: Arc<RunEnv>,
        skipped: Vec<String>,
    }
    let mut units: Vec<Unit> = Vec::new();
    // The change a run gates: `--base`, or the base CI names (pull/merge request), or
    // `origin/HEAD`. Found only when `--changed` or a threshold asks for it.
    let effective_base = match &args.base {
        Some(b) => (b.clone(), crate::changes::BaseSource::Flag),
        None => crate::changes::detect_base(|k| std::env::var(k).ok()),
    };
    let mut base_used = args.base.is_some() || args.changed;
    // Every unit runs with the same options, in its own folder and view of the walk.
    let env_for = |repo: Arc<RepoIndex>, config_dir: PathBuf| {
        Arc::new(RunEnv {
            root: repo.root().to_path_buf(),
            config_dir,
            repo,
            base: args.base.clone(),
            baseline: baseline.clone(),
            jobs,
            write_baseline: args.write_baseline,
        })
    };
    if cfg.workspace.is_some() {
        let (found, missing) = crate::workspace::discover(&cfg, &repo)?;
        for m in missing {
            if !args.quiet {
                eprintln!(
                    "warning: workspace folder {m} matches `members` but has no gates.toml; skipped"
                );
            }
        }
        let changed = if args.changed {
            let b = &effective_base.0;
            Some(
                crate::workspace::changed_files(repo.root(), b).with_context(|| {
                    format!(
                        "--changed: the change since `{b}` ({})",
                        base_found_by(effective_base.1)
                    )
                })?,
            )
        } else {
            None
        };
        for name in &found {
            if !crate::workspace::selected(name, &args.members) {
                continue;
            }
            if let Some(ch) = &changed
                && !crate::workspace::touched(name, ch)
            {
                if verbose {
                    eprintln!(
                        "gatekeep: member {name} not touched since {}; skipped",
                        effective_base.0
                    );
                }
                continue;
            }
            let m = crate::workspace::load_member(name, &cfg, &repo)?;
            units.push(Unit {
                name: name.clone(),
                env: env_for(Arc::new(m.repo), m.config.dir.clone()),
                cfg: m.config,
                skipped: Vec::new(),
            });
        }
        for w in &args.members {
            if !found
                .iter()
                .any(|n| crate::workspace::selected(n, std::slice::from_ref(w)))
            {
                let candidates = found
                    .iter()
                    .flat_map(|n| [n.as_str(), n.rsplit('/').next().unwrap_or(n)]);
                let hint = crate::suggest::did_you_mean(w, candidates)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(UsageError::Usage(format!(
                    "--member {w}: no such member{hint}; members: {}",
                    found.join(", ")
                )));
            }
        }
        // Inherited waivers must name a gate of some member.
        for w in &cfg.waivers {
            if !cfg.gates.iter().any(|g| g.id == w.gate)
                && !units
                    .iter()
                    .any(|u| u.cfg.gates.iter().any(|g| g.id == w.gate))
                && args.members.is_empty()
                && changed.is_none()
            {
                return Err(UsageError::Usage(format!(
                    "{}:{}: waiver for gate `{}`, which no workspace member has",
                    cfg.file
                        .as_deref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                    w.pos,
                    w.gate
                )));
            }
        }
        if !cfg.gates.is_empty() {
            let root_env = env_for(repo.clone(), cfg.dir.clone());
            let root_cfg = cfg.clone();
            units.insert(
                0,
                Unit {
                    name: ".".into(),
                    cfg: root_cfg,
                    env: root_env,
                    skipped: Vec::new(),
                },
            );
        }
        if units.is_empty() {
            return Err(if changed.is_some() {
                // A change outside every member (a README-only pull request) is not an error.
                UsageError::NothingToCheck(format!(
                    "no workspace member was touched since {}: nothing to check",
                    effective_base.0
                ))
            } else {
                UsageError::Usage("the workspace has no members with a gates.toml".into())
            });
        }
    } else {
        if !args.members.is_empty() || args.changed {
            return Err(UsageError::Usage(format!(
                "{} needs a workspace, and {} has no `[workspace]` table",
                if args.members.is_empty() {
                    "--changed"
                } else if args.changed {
                    "--member (and --changed)"
                } else {
                    "--member"
                },
                cfg.file
                    .as_deref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "the default config".into())
            )));
        }
        units.push(Unit {
            name: String::new(),
            env: env_for(repo.clone(), cfg.dir.clone()),
            cfg: cfg.clone(),
            skipped: Vec::new(),
        });
    }
    let workspace = cfg.workspace.is_some();
    let qualified = |unit: &str, id: &str| {
        if unit.is_empty() {
            id.to_string()
        } else {
            format!("{unit}:{id}")
        }
    };

    // Profiles and --gate, per unit.
    if let Some(p) = &args.profile {
        let mut applied = false;
        for u in &mut units {
            if u.cfg.profiles.iter().any(|(n, _)| n == p) || !workspace {
                u.skipped = u.cfg.apply_profile(p).map_err(UsageError::Usage)?;
                applied = true;
            }
        }
        if !applied {
            return Err(UsageError::Usage(format!(
                "unknown profile `{p}`: no workspace member defines it"
            )));
        }
    }
    if !args.gates.is_empty() {
        let all: Vec<String> = units
            .iter()
            .flat_map(|u| {
                u.cfg
                    .gates
                    .iter()
                    .map(|g| qualified(&u.name, &g.id))
                    .collect::<Vec<_>>()
            })
            .collect();
        let plain: Vec<&str> = units
            .iter()
            .flat_map(|u| u.cfg.gates.iter().map(|g| g.id.as_str()))
            .collect();
        for g in &args.gates {
            if !all.contains(g) && !plain.contains(&g.as_str()) {
                let hint = crate::suggest::did_you_mean(g, all.iter().map(String::as_str))
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(UsageError::Usage(format!(
                    "--gate {g}: no such gate{hint}; configured: {}",
                    all.join(", ")
                )));
            }
        }
        for u in &mut units {
            for g in &u.cfg.gates {
                let q = qualified(&u.name, &g.id);
                if !args.gates.contains(&q)
                    && !args.gates.contains(&g.id)
                    && !u.skipped.contains(&g.id)
                {
                    u.skipped.push(g.id.clone());
                }
            }
        }
    }
    for u in &mut units {
        u.cfg.scope_waivers(args.profile.as_deref());
        // Gates that run only under some profiles.
        for g in &u.cfg.gates {
            if !g.runs_under(args.profile.as_deref()) && !u.skipped.contains(&g.id) {
                u.skipped.push(g.id.clone());
            }
        }
    }
    // No `--base`: a threshold on a change metric (`diff_line`, `new_errors`, `new_total`, …) uses
    // the detected base, so a pull request in CI is gated on its change without extra flags.
    if args.base.is_none() {
        for u in &mut units {
            let needs = u.cfg.gates.iter().any(|g| {
                !u.skipped.contains(&g.id)
                    && g.thresholds
                        .iter()
                        .any(|t| g.kind.base_metrics().contains(&t.metric.as_str()))
            });
            if needs {
                let mut env = (*u.env).clone();
                env.base = Some(effective_base.0.clone());
                u.env = Arc::new(env);
                base_used = true;
            }
        }
    }
    // Read the change while the gates read their inputs: a gate that needs it then waits for
    // the read in flight instead of starting it (`git diff` and `git ls-files` each walk the
    // work tree).
    let mut prefetched = std::collections::BTreeSet::new();
    for u in &units {
        let wants = u
            .cfg
            .gates
            .iter()
            .any(|g| !u.skipped.contains(&g.id) && !g.kind.base_metrics().is_empty());
        if let Some(b) = &u.env.base
            && wants
            && prefetched.insert((u.env.root.clone(), b.clone()))
        {
            let (root, b) = (u.env.root.clone(), b.clone());
            std::thread::spawn(move || {
                let deadline = Instant::now() + std::time::Duration::from_secs(30);
                let _ = crate::changes::changed_lines(
                    &root,
                    &b,
                    deadline,
                    &crate::cancel::Cancel::default(),
                );
            });
        }
    }
    let mut run_jobs = Vec::new();
    for u in &units {
        for g in &u.cfg.gates {
            if !u.skipped.contains(&g.id) {
                let mut spec = g.clone();
                spec.id = qualified(&u.name, &g.id);
                run_jobs.push(runner::Job {
                    spec,
                    env: u.env.clone(),
                });
            }
        }
    }
    if run_jobs.is_empty() {
        let profile_only: Vec<String> = units
            .iter()
            .flat_map(|u| u.cfg.gates.iter())
            .filter(|g| !g.runs_under(args.profile.as_deref()))
            .map(|g| {
                let p: Vec<&str> = g.profiles.iter().map(|p| p.value.as_str()).collect();
                format!("{} (--profile {})", g.id, p.join(" or "))
            })
            .collect();
        return Err(UsageError::Usage(if profile_only.is_empty() {
            "no gates to run".into()
        } else {
            format!(
                "no gates to run; these run only under a profile: {}",
                profile_only.join(", ")
            )
        }));
    }
    // Tell the shared cache who will read what, so each file is read once and dropped after
    // its last reader.
    for j in &run_jobs {
        if j.spec.kind.doc().reads_tree
            && let Ok(sel) = crate::walk::Selector::new(&j.spec.include, &j.spec.exclude)
        {
            let gate = j.spec.gate.clone();
            j.env.repo.expect_reader(&sel, |f| gate.reads(f));
        }
    }
    let progress: Arc<dyn runner::Progress> = if !args.quiet && std::io::stderr().is_terminal() {
        Arc::new(crate::progress::Live::new())
    } else {
        Arc::new(runner::Silent)
    };
    let mut outcomes = runner::run_jobs(run_jobs, jobs, progress).into_iter();

    let today = Date::today();
    let mut results: Vec<GateResult> = Vec::new();
    let mut waiver_reports = Vec::new();
    let mut members = Vec::new();
    for u in &units {
        let mut waivers = Waivers::new(&u.cfg.waivers, today);
        // The config file's text, to point at each threshold's line (CodeClimate).
        let config_text = u
            .cfg
            .file
            .as_deref()
            .and_then(|f| Some((f, std::fs::read_to_string(f).ok()?)));
        let mut unit_results = Vec::new();
        for spec in &u.cfg.gates {
            if u.skipped.contains(&spec.id) {
                let mut r = verdict::skipped(spec);
                r.id = qualified(&u.name, &spec.id);
                unit_results.push(r);
                continue;
            }
            let Some(o) = outcomes.next() else { break };
            // The baseline report has qualified ids too.
            let mut r = verdict::evaluate_as(
                spec,
                &qualified(&u.name, &spec.id),
                o.output,
                o.duration.as_millis() as u64,
                baseline.as_deref(),
                &mut waivers,
            );
            r.id = qualified(&u.name, &spec.id);
            crate::workspace::rebase_findings(repo.root(), &u.name, &mut r);
            r.source = config_text
                .as_ref()
                .map(|(f, text)| verdict::config_source(f, repo.root(), text, spec));
            if verbose {
                eprintln!("gatekeep: {} {} in {} ms", r.id, r.status, r.duration_ms);
            }
            unit_results.push(r);
        }
        if workspace {
            members.push(crate::model::MemberSummary {
                name: u.name.clone(),
                project: u.cfg.project_name(&u.env.root),
                verdict: verdict::verdict(&unit_results),
                gates: unit_results.len(),
            });
        }
        let mut wr = waivers.report();
        for w in &mut wr {
            w.gate = qualified(&u.name, &w.gate);
        }
        waiver_reports.extend(wr);
        results.extend(unit_results);
    }
    let report = Report {
        schema_version: 1,
        tool: ToolInfo {
            name: "gatekeep".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        project: cfg.project_name(&args.path),
        verdict: verdict::verdict(&results),
        duration_ms: start.elapsed().as_millis() as u64,
        profile: args.profile.clone(),
        base: base_used.then(|| BaseReport {
            rev: effective_base.0.clone(),
            found_by: base_found_by(effective_base.1).to_string(),
            commit: crate::changes::resolved_commit(&effective_base.0),
        }),
        gates: results,
        waivers: waiver_reports,
        defaults_used,
        release: args.release,
        signoff: None,
        members,
    };
    let mut report = report;
    let mut state = None;
    if let Some(sc) = &cfg.signoff {
        let st = crate::signoff::State {
            code: crate::signoff::code_hash(&repo)?,
            config: crate::signoff::config_hash(cfg.file.as_deref())?,
            results: crate::signoff::results_hash(&report),
        };
        let entries = crate::signoff::load(&crate::signoff::file(&cfg.dir)?)?;
        let block = crate::signoff::evaluate(&sc.required, &entries, &st);
        if args.release && report.verdict != Verdict::NoGo && !block.awaiting.is_empty() {
            report.verdict = Verdict::NoGo;
        }
        report.signoff = Some(block);
        state = Some(st);
    } else if args.release {
        return Err(UsageError::Usage(
            "--release needs `[signoff] required = [\"role\", …]` in the config".into(),
        ));
    }

    // History: read what was recorded before, then append this run.
    let history_path = args
        .history
        .clone()
        .map(Ok)
        .or_else(|| {
            cfg.project.history.as_ref().map(|h| {
                crate::paths::confine(&cfg.dir, &cfg.dir.join(&h.value), &h.value)
                    .map_err(|e| UsageError::Usage(format!("[project] history: {e}")))
            })
        })
        .transpose()?;
    let mut initial: Option<std::collections::BTreeMap<String, f64>> = None;
    let mut history = Vec::new();
    if let Some(hp) = &history_path {
        let (records, warnings) = crate::history::read(hp)?;
        for w in warnings {
            if !args.quiet {
                eprintln!("warning: {w}");
            }
        }
        if !records.is_empty() {
            let mut first = std::collections::BTreeMap::new();
            for r in &records {
                for (k, v) in &r.metrics {
                    first.entry(k.clone()).or_insert(*v);
                }
            }
            initial = Some(first);
        }
        history = records;
        if record_history {
            let record = crate::history::Record::from_report(
                &report,
                crate::history::git_commit(repo.root()),
                crate::history::now_rfc3339(),
            );
            crate::history::append(hp, &record)?;
            history.push(record);
        }
    }
    Ok(Checked {
        report,
        baseline,
        initial,
        history,
        outputs,
        cfg,
        state,
        verbose,
    })
}

fn check(args: CheckArgs) -> Result<i32, UsageError> {
    let Checked {
        report,
        baseline,
        initial,
        history,
        outputs,
        verbose,
        ..
    } = match evaluate(&args, true) {
        Err(UsageError::NothingToCheck(m)) => {
            // People read it on stdout; a machine format keeps stdout for its own syntax.
            if args.format == "table" {
                out(&format!("{m}\n"))?;
            } else {
                eprintln!("gatekeep: {m}");
            }
            return Ok(0);
        }
        r => r?,
    };
    crate::interrupt::checkpoint();

    let color = use_color(args.color, std::io::stdout().is_terminal());
    let file_cx = RenderCx {
        color: false,
        baseline: baseline.as_deref(),
        initial: initial.as_ref(),
        history: &history,
        width: None,
        annotate_unchanged: args.annotate_unchanged,
    };
    // All `-o` files are staged, then renamed: never half new, half old.
    let files: Vec<(PathBuf, Vec<u8>)> = outputs
        .iter()
        .map(|(fmt, path)| (path.clone(), fmt.render(&report, &file_cx).into_bytes()))
        .collect();
    report::write_all_atomic(&files)?;
    if verbose {
        for (fmt, path) in &outputs {
            eprintln!(
                "gatekeep: wrote {} report to {}",
                fmt.name(),
                path.display()
            );
        }
    }
    if !args.no_github && std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
        github_actions(&report, &args.format, &file_cx)?;
    }
    let stdout_fmt = report::format(&args.format).unwrap_or(&report::table::Table);
    out(&stdout_fmt.render(
        &report,
        &RenderCx {
            color,
            baseline: baseline.as_deref(),
            initial: initial.as_ref(),
            history: &history,
            width: report::table::terminal_width(),
            annotate_unchanged: args.annotate_unchanged,
        },
    ))?;
    Ok(match report.verdict {
        Verdict::NoGo => 1,
        _ => 0,
    })
}

fn signoff(args: SignoffArgs) -> Result<i32, UsageError> {
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
        quiet: true,
        verbose: false,
        release: false,
        history: None,
        no_github: true,
        annotate_unchanged: false,
        members: Vec::new(),
        changed: false,
        write_baseline: false,
    };
    let checked = evaluate(&check_args, false)?;
    let Some(sc) = &checked.cfg.signoff else {
        return Err(UsageError::Usage(
            "the config has no `[signoff] required = [...]`".into(),
        ));
    };
    if !sc.required.contains(&args.role) {
        let hint = crate::suggest::did_you_mean(&args.role, sc.required.iter().map(String::as_str))
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        return Err(UsageError::Usage(format!(
            "`{}` is not a required role{hint}; required: {}",
            args.role,
            sc.required.join(", ")
        )));
    }
    if args.name.trim().is_empty() {
        return Err(UsageError::Usage("--name must not be empty".into()));
    }
    if checked.report.verdict == Verdict::NoGo {
        eprintln!(
            "error: the verdict is NO-GO; a NO-GO cannot be signed into a GO. Fix or waive what fails, then sign.\n{}",
            crate::report::table::banner(&checked.report)
        );
        return Ok(1);
    }
    let Some(state) = checked.state else {
        return Err(UsageError::Usage("no sign-off state".into()));
    };
    let path = crate::signoff::file(&checked.cfg.dir)?;
    crate::signoff::record(
        &path,
        crate::signoff::Entry {
            role: args.role.clone(),
            name: args.name.clone(),
            note: args.note.clone(),
            time: crate::history::now_rfc3339(),
            code: state.code,
            config: state.config,
            results: state.results,
            verdict: checked.report.verdict.label().into(),
        },
    )?;
    out(&format!(
        "{} signed {} as {} ({}) in {}\n",
        args.name,
        checked.report.verdict.label(),
        args.role,
        checked.report.project,
        path.display()
    ))?;
    Ok(0)
}

/// Under GitHub Actions: annotations (on stderr, so stdout stays the chosen format; the runner
/// reads workflow commands from both) and the Markdown summary appended to $GITHUB_STEP_SUMMARY.
fn github_actions(
    report: &Report,
    stdout_format: &str,
    cx: &RenderCx<'_>,
) -> Result<(), UsageError> {
    if stdout_format != "github" {
        eprint!("{}", report::github::Github.render(report, cx));
    }
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let md = report::markdown::Markdown.render(report, cx);
        let path = PathBuf::from(path);
        let existing = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as usize;
        if existing + md.len() > report::markdown::LIMIT {
            eprintln!(
                "warning: $GITHUB_STEP_SUMMARY would exceed GitHub's 1 MiB limit; the gatekeep summary was not appended"
            );
        } else {
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .map_err(|e| {
                    UsageError::Usage(format!(
                        "cannot open $GITHUB_STEP_SUMMARY {}: {e}",
                        path.display()
                    ))
                })?;
            f.write_all(md.as_bytes()).map_err(|e| {
                UsageError::Usage(format!(
                    "cannot write $GITHUB_STEP_SUMMARY {}: {e}",
                    path.display()
                ))
            })?;
        }
    }
    Ok(())
}

fn parse_outputs(
    specs: &[String],
) -> Result<Vec<(&'static dyn report::Format, PathBuf)>, UsageError> {
    let mut outputs = Vec::new();
    for o in specs {
        let Some((fmt, file)) = o.split_once('=') else {
            return Err(UsageError::Usage(format!(
                "--output takes FMT=FILE, found `{o}`"
            )));
        };
        let f = report::format(fmt).ok_or_else(|| {
            UsageError::Usage(format!(
                "unknown format `{fmt}` in --output; expected one of {}",
                report::format_names().join(", ")
            ))
        })?;
        outputs.push((f, PathBuf::from(file)));
    }
    Ok(outputs)
}

fn merge(args: MergeArgs) -> Result<i32, UsageError> {
    let outputs = parse_outputs(&args.outputs)?;
    let mut parts = Vec::new();
    for p in &args.parts {
        parts.push(crate::merge::read_part(p).map_err(|e| UsageError::Usage(format!("{e:#}")))?);
    }
    crate::merge::check_parts(&parts).map_err(UsageError::Usage)?;
    let (report, warnings) = crate::merge::merge(&parts, args.expect);
    for w in warnings {
        eprintln!("warning: {w}");
    }
    let cx = RenderCx::default();
    let files: Vec<(PathBuf, Vec<u8>)> = outputs
        .iter()
        .map(|(fmt, path)| (path.clone(), fmt.render(&report, &cx).into_bytes()))
        .collect();
    report::write_all_atomic(&files)?;
    let color = use_color(args.color, std::io::stdout().is_terminal());
    let stdout_fmt = report::format(&args.format).unwrap_or(&report::table::Table);
    out(&stdout_fmt.render(
        &report,
        &RenderCx {
            color,
            width: report::table::terminal_width(),
            ..Default::default()
        },
    ))?;
    Ok(if report.verdict == Verdict::NoGo {
        1
    } else {
        0
    })
}

fn history(args: HistoryArgs) -> Result<i32, UsageError> {
    let path = match &args.history {
        Some(p) => p.clone(),
        None => {
            let cfg = load_config(&args.path, args.config.as_deref())?;
            match cfg
                .as_ref()
                .and_then(|c| c.project.history.as_ref().map(|h| c.dir.join(&h.value)))
            {
                Some(p) => p,
                None => {
                    return Err(UsageError::Usage(
                        "no history: set `[project] history = \".gatekeep/history.jsonl\"` or pass --history FILE".into(),
                    ));
                }
            }
        }
    };
    let (records, warnings) = crate::history::read(&path)?;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    if records.is_empty() {
        return Err(UsageError::Usage(format!(
            "{}: no runs recorded yet",
            path.display()
        )));
    }
    let trends = crate::history::trends(&records, args.metric.as_deref(), args.last);
    if trends.is_empty() {
        return Err(UsageError::Usage(format!(
            "no metric matches `{}`",
            args.metric.as_deref().unwrap_or_default()
        )));
    }
    out(&crate::history::render(&trends, &args.format))?;
    Ok(0)
}

fn list(args: ConfigArgs) -> Result<i32, UsageError> {
    let mut s = String::new();
    match load_config(&args.path, args.config.as_deref())? {
        Some(cfg) => {
            s.push_str(&format!(
                "Configured gates ({}):\n",
                cfg.file.as_deref().map(|p| p.display().to_string()).unwrap_or_default()
            ));
            for g in &cfg.gates {
                let th: Vec<&str> = g.thresholds.iter().map(|t| t.expr.as_str()).collect();
                let only = if g.profiles.is_empty() {
                    String::new()
                } else {
                    let p: Vec<&str> = g.profiles.iter().map(|p| p.value.as_str()).collect();
                    format!("  (only with --profile {})", p.join(" or "))
                };
                s.push_str(&format!(
                    "  {:<20} {:<10} {:<8} {}{only}\n",
                    g.id,
                    g.kind.doc().kind,
                    g.level.as_str(),
                    th.join(", ")
                ));
            }
            if !cfg.profiles.is_empty() {
                let names: Vec<&str> = cfg.profiles.iter().map(|(n, _)| n.as_str()).collect();
                s.push_str(&format!("Profiles: {}\n", names.join(", ")));
            }
            s.push('\n');
        }
        None => s.push_str("No config found: `gatekeep check` would use the default gates (`gatekeep init` writes them).\n\n"),
    }
    s.push_str("Gate kinds (`gatekeep explain KIND`):\n");
    for k in crate::gates::KINDS {
        let d = k.doc();
        s.push_str(&format!("  {:<12} {}\n", d.kind, d.summary));
    }
    s.push_str("\nOutput formats (`--format`, `-o FMT=FILE`):\n");
    for f in report::FORMATS {
        s.push_str(&format!("  {:<12} {}\n", f.name(), f.summary()));
    }
    out(&s)?;
    Ok(0)
}

fn explain(topic: &str) -> Result<i32, UsageError> {
    if let Some(text) = crate::explain::topic_text(topic) {
        out(&text)?;
        return Ok(0);
    }
    // A team's rule: loading the config in the current folder registers its `rules_dir`.
    if load_config(Path::new("."), None).is_ok()
        && let Some(text) = crate::explain::topic_text(topic)
    {
        out(&text)?;
        return Ok(0);
    }
    let names = crate::explain::topics();
    let hint = crate::suggest::did_you_mean(topic, names.iter().map(String::as_str))
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    Err(UsageError::Usage(format!(
        "`{topic}` is neither a gate kind, a finding id nor a rule{hint}; `gatekeep list` shows \
         the kinds, `gatekeep explain KIND` its finding ids"
    )))
}

fn rules_test(dir: Option<&Path>) -> Result<i32, UsageError> {
    use crate::gates::security::tree;
    let rules: Vec<&'static tree::TreeRule> = match dir {
        None => tree::builtin()
            .map_err(|e| UsageError::Io(anyhow::anyhow!("internal error in a built-in rule: {e}")))?
            .iter()
            .collect(),
        Some(d) => {
            if !d.is_dir() {
                return Err(UsageError::Usage(format!(
                    "{} is not a folder",
                    d.display()
                )));
            }
            tree::load_user(d, &d.display().to_string())
                .map_err(|e| UsageError::Usage(format!("invalid rule file: {e}")))?
        }
    };
    if rules.is_empty() {
        return Err(UsageError::Usage("no rule file (`*.yml`) found".into()));
    }
    // The built-in rules compile on first use in a check; here, every one of them.
    for r in &rules {
        r.compile_all().map_err(|e| {
            UsageError::Io(anyhow::anyhow!("internal error in a built-in rule: {e}"))
        })?;
    }
    let set = tree::RuleSet::new(rules);
    let outcomes = tree::annotations::run(&set);
    out(&tree::annotations::render(&outcomes))?;
    Ok(if outcomes.iter().all(|o| o.passed()) {
        0
    } else {
        1
    })
}

fn init(path: &Path, force: bool, ratchet: bool) -> Result<i32, UsageError> {
    if !path.is_dir() {
        return Err(UsageError::Usage(format!(
            "{} is not a folder",
            path.display()
        )));
    }
    let target = path.join("gates.toml");
    if let Some(existing) = config::find(path) {
        if !force {
            return Err(UsageError::Usage(format!(
                "{} already exists; use --force to overwrite it",
                existing.display()
            )));
        }
        if existing != target {
            // Writing gates.toml beside it would leave two configs (refused by every command).
            return Err(UsageError::Usage(format!(
                "{} already exists; --force overwrites only gates.toml: delete it first",
                existing.display()
            )));
        }
    }
    let repo = RepoIndex::scan(path, &globset::GlobSet::empty(), 2)?;
    // A monorepo gets `[workspace]` and one config per member that has none.
    let files = config::defaults::init_files(repo.root(), &repo);
    if ratchet && files.len() > 1 {
        return Err(UsageError::Usage(
            "--ratchet does not support a monorepo yet: run `gatekeep init --ratchet` in each \
             member's folder"
                .into(),
        ));
    }
    // What we write must load: check everything before writing anything.
    for (rel, text) in &files {
        let dir = repo.root().join(rel);
        config::parse(
            text,
            &format!("{rel} (generated)"),
            config::Syntax::Toml,
            dir.parent().unwrap_or(repo.root()),
        )?;
    }
    // All files staged, then renamed together.
    report::write_all_atomic(
        &files
            .iter()
            .map(|(rel, text)| (repo.root().join(rel), text.clone().into_bytes()))
            .collect::<Vec<_>>(),
    )?;
    for (rel, text) in &files {
        eprintln!("gatekeep: wrote {}", repo.root().join(rel).display());
        for line in text.lines().filter(|l| l.starts_with("# Needs `")) {
            eprintln!("gatekeep: {rel}: {}", line.trim_start_matches("# "));
        }
    }
    if ratchet {
        ratchet::init(repo.root(), &files)?;
    }
    Ok(0)
}

/// How the base was found, as reports say it.
fn base_found_by(src: crate::changes::BaseSource) -> &'static str {
    use crate::changes::BaseSource as B;
    match src {
        B::Flag => "given with --base",
        B::GithubPullRequest => "the pull request's base, GITHUB_BASE_REF",
        B::GitlabMergeRequest => "the merge request's base, CI_MERGE_REQUEST_DIFF_BASE_SHA",
        B::OriginHead => "no --base given: the remote's default branch, origin/HEAD",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_choice() {
        assert!(use_color(ColorChoice::Always, false));
        assert!(!use_color(ColorChoice::Never, true));
    }

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
