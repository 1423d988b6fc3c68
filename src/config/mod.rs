//! Loading `gates.toml` / `gates.yaml` into typed, validated structs.
//!
//! The document is read into a positioned node tree ([`value`]), then deserialized with a
//! strict serde deserializer ([`de`]) so that every error names the file, line and column.
//! Gate tables are split into the common keys (handled here) and the kind's own options, which
//! each kind deserializes into its own `deny_unknown_fields` struct.

pub mod defaults;
pub mod schema;

pub use crate::date::Date;
pub use crate::node::error::{ConfigError, Located};
pub use crate::node::{de, value};
pub use crate::paths::check_path;
pub use crate::threshold::{MAX_DURATION_SECS, parse_duration};

use crate::gates::{self, ConfigCx, Gate, GateKind, MetricLookup};
use crate::model::Level;
use crate::threshold::Threshold;
use de::{DeError, Spanned, from_node};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use value::{Node, Pos, SKey, SNode};

/// The `[project]` table.
#[derive(Debug, Default, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// The name shown in the verdict and reports; default: the repository folder's name.
    pub name: Option<String>,
    /// Globs of repo paths no gate reads (on top of `.gitignore`), e.g. `vendor/**`.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// A JSON-lines file each `check` appends a record to (relative to the config's folder), for
    /// `gatekeep history` and the "initial → current" column, e.g. `.gatekeep/history.jsonl`.
    /// It is never an input to a gate.
    pub history: Option<Spanned<String>>,
}

/// A validated waiver.
#[derive(Debug, Clone)]
pub struct Waiver {
    pub gate: String,
    pub metric: Option<String>,
    pub reason: String,
    pub owner: String,
    pub expires: Date,
    /// Only under this profile (`--profile`); `None`: always.
    pub profile: Option<String>,
    pub pos: Pos,
}

/// A validated gate.
#[derive(Clone)]
pub struct GateSpec {
    pub id: String,
    pub kind: &'static dyn GateKind,
    pub level: Level,
    /// Configured thresholds, or the kind's defaults.
    pub thresholds: Vec<Threshold>,
    /// `thresholds` are the kind's defaults (none configured, none from a profile): the gate may
    /// replace them with defaults chosen from its inputs (`GateOutput::default_thresholds`).
    pub default_thresholds: bool,
    pub timeout: Duration,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub gate: Arc<dyn Gate>,
    pub pos: Pos,
    /// `profiles = [...]`: the gate runs only under one of these profiles.
    pub profiles: Vec<Spanned<String>>,
}

impl GateSpec {
    /// Whether the gate runs under `profile` (a gate without `profiles` always does).
    pub fn runs_under(&self, profile: Option<&str>) -> bool {
        self.profiles.is_empty()
            || self
                .profiles
                .iter()
                .any(|p| Some(p.value.as_str()) == profile)
    }
}

impl fmt::Debug for GateSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GateSpec")
            .field("id", &self.id)
            .field("kind", &self.kind.doc().kind)
            .field("level", &self.level)
            .field("thresholds", &self.thresholds)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// A validated profile (SPEC §2.4).
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub gates: Option<Vec<String>>,
    pub thresholds: BTreeMap<String, Vec<Threshold>>,
    pub levels: BTreeMap<String, Level>,
}

/// A loaded config.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from (`None`: built-in defaults).
    pub file: Option<PathBuf>,
    /// Relative paths in the config resolve against this folder.
    pub dir: PathBuf,
    pub project: Project,
    pub gates: Vec<GateSpec>,
    pub waivers: Vec<Waiver>,
    pub profiles: Vec<(String, Profile)>,
    pub signoff: Option<SignoffConfig>,
    pub workspace: Option<WorkspaceConfig>,
}

/// `[workspace]`: a monorepo root whose members each have their own config.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceConfig {
    /// Globs of member folders (relative to the root config's folder), e.g. `services/*`.
    pub members: Vec<Spanned<String>>,
}

/// `[signoff]`: who has to approve a release (`check --release`).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignoffConfig {
    /// The roles that must sign (`gatekeep signoff --role R --name N`) before `check --release`
    /// is GO; a sign-off binds the code, the config and the gate results, and goes stale when
    /// one of them changes. Sign-offs are kept in `.gatekeep/signoffs.toml`.
    pub required: Vec<String>,
}

/// Which syntax a config is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Toml,
    Yaml,
}

impl Syntax {
    pub fn of_path(p: &Path) -> Syntax {
        match p.extension().and_then(|e| e.to_str()) {
            Some("yaml" | "yml") => Syntax::Yaml,
            _ => Syntax::Toml,
        }
    }
}

/// The config file for a repo: the first of gates.toml, gates.yaml, gates.yml.
pub fn find(root: &Path) -> Option<PathBuf> {
    ["gates.toml", "gates.yaml", "gates.yml"]
        .iter()
        .map(|n| root.join(n))
        .find(|p| p.is_file())
}

/// Reads and validates a config file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let src = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let dir = path
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .unwrap_or(Path::new("."));
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut cfg = parse(
        &src,
        &path.display().to_string(),
        Syntax::of_path(path),
        &dir,
    )?;
    cfg.file = Some(path.to_path_buf());
    Ok(cfg)
}

const TOP_KEYS: &[&str] = &[
    "project",
    "gates",
    "waivers",
    "profiles",
    "signoff",
    "workspace",
];
const COMMON_KEYS: &[&str] = &[
    "kind",
    "level",
    "thresholds",
    "timeout",
    "include",
    "exclude",
    "profiles",
];

/// Parses and validates a config from text. `file` is the name used in errors.
pub fn parse(src: &str, file: &str, syntax: Syntax, dir: &Path) -> Result<Config, ConfigError> {
    let lines: Vec<&str> = src.lines().collect();
    let locate = |pos: Pos, message: String, suggestion: Option<String>| {
        ConfigError::Invalid(Box::new(Located {
            file: file.to_string(),
            pos,
            message,
            suggestion,
            line_text: lines.get(pos.line.wrapping_sub(1)).map(|s| s.to_string()),
        }))
    };
    let from_de =
        |e: DeError, fallback: Pos| locate(e.pos.unwrap_or(fallback), e.message, e.suggestion);

    let root = match syntax {
        Syntax::Toml => value::parse_toml(src),
        Syntax::Yaml => value::parse_yaml(src),
    }
    .map_err(|e| {
        let what = if syntax == Syntax::Toml {
            "TOML"
        } else {
            "YAML"
        };
        locate(e.pos, format!("invalid {what}: {}", e.message), None)
    })?;
    let Some(entries) = root.entries() else {
        return Err(locate(
            root.pos,
            format!(
                "expected a table at the top, found {}",
                root.node.type_name()
            ),
            None,
        ));
    };
    for (k, _) in entries {
        if !TOP_KEYS.contains(&k.name.as_str()) {
            return Err(locate(
                k.pos,
                format!(
                    "unknown key `{}`, expected one of {}",
                    k.name,
                    quote_list(TOP_KEYS)
                ),
                crate::suggest::did_you_mean(&k.name, TOP_KEYS.iter().copied()).map(str::to_string),
            ));
        }
    }

    let project: Project = match root.get("project") {
        Some((_, n)) => from_node(n).map_err(|e| from_de(e, n.pos))?,
        None => Project::default(),
    };
    if let Some(h) = &project.history {
        check_path(h).map_err(|e| from_de(e, h.pos))?;
    }
    for g in &project.exclude {
        crate::walk::glob(g).map_err(|e| {
            locate(
                root.get("project").map(|p| p.1.pos).unwrap_or_default(),
                format!("invalid glob `{g}`: {e}"),
                None,
            )
        })?;
    }

    let mut gates = Vec::new();
    if let Some((gk, gnode)) = root.get("gates") {
        let Some(gentries) = gnode.entries() else {
            return Err(locate(
                gk.pos,
                "`gates` must be a table of gates keyed by id".into(),
                None,
            ));
        };
        for (key, node) in gentries {
            gates.push(build_gate(key, node, dir).map_err(|e| from_de(e, node.pos))?);
        }
    }

    let workspace: Option<WorkspaceConfig> = match root.get("workspace") {
        Some((_, n)) => {
            let ws: WorkspaceConfig = from_node(n).map_err(|e| from_de(e, n.pos))?;
            if ws.members.is_empty() {
                return Err(locate(
                    n.pos,
                    "`[workspace] members` must list at least one folder glob".into(),
                    None,
                ));
            }
            for m in &ws.members {
                check_path(m).map_err(|e| from_de(e, m.pos))?;
                crate::walk::glob(&m.value)
                    .map_err(|e| locate(m.pos, format!("invalid glob `{}`: {e}", m.value), None))?;
            }
            Some(ws)
        }
        None => None,
    };

    let mut waivers = Vec::new();
    if let Some((_, wnode)) = root.get("waivers") {
        let raw: Vec<Spanned<RawWaiver>> = from_node(wnode).map_err(|e| from_de(e, wnode.pos))?;
        for w in raw {
            // A workspace root's waivers are inherited by its members: checked once they load.
            let known = if workspace.is_some() && !gates.iter().any(|g| g.id == w.value.gate.value)
            {
                None
            } else {
                Some(gates.as_slice())
            };
            waivers.push(validate_waiver(w, known).map_err(|e| from_de(e, wnode.pos))?);
        }
    }

    let mut profiles = Vec::new();
    if let Some((_, pnode)) = root.get("profiles") {
        let Some(pentries) = pnode.entries() else {
            return Err(locate(
                pnode.pos,
                "`profiles` must be a table of profiles keyed by name".into(),
                None,
            ));
        };
        for (key, node) in pentries {
            let raw: RawProfile = from_node(node).map_err(|e| from_de(e, node.pos))?;
            profiles.push((
                key.name.clone(),
                validate_profile(raw, &gates).map_err(|e| from_de(e, node.pos))?,
            ));
        }
    }

    // A gate's `profiles` must name defined profiles.
    for g in &gates {
        let names: Vec<&str> = profiles.iter().map(|(n, _)| n.as_str()).collect();
        for p in &g.profiles {
            if !names.contains(&p.value.as_str()) {
                return Err(locate(
                    p.pos,
                    format!(
                        "gate `{}` runs under unknown profile `{}`; define `[profiles.{}]`",
                        g.id, p.value, p.value
                    ),
                    crate::suggest::did_you_mean(&p.value, names.iter().copied())
                        .map(str::to_string),
                ));
            }
        }
    }

    // A waiver scoped to a profile must name one.
    if let Some((_, wnode)) = root.get("waivers") {
        let raw: Vec<Spanned<RawWaiver>> = from_node(wnode).map_err(|e| from_de(e, wnode.pos))?;
        let names: Vec<&str> = profiles
            .iter()
            .map(|(n, _): &(String, Profile)| n.as_str())
            .collect();
        for w in raw {
            if let Some(p) = &w.value.profile
                && !names.contains(&p.value.as_str())
            {
                return Err(locate(
                    p.pos,
                    format!("waiver for unknown profile `{}`", p.value),
                    crate::suggest::did_you_mean(&p.value, names.iter().copied())
                        .map(str::to_string),
                ));
            }
        }
    }

    let signoff: Option<SignoffConfig> = match root.get("signoff") {
        Some((_, n)) => {
            let sc: SignoffConfig = from_node(n).map_err(|e| from_de(e, n.pos))?;
            if sc.required.is_empty() || sc.required.iter().any(|r| r.trim().is_empty()) {
                return Err(locate(
                    n.pos,
                    "`[signoff] required` must list at least one role, none empty".into(),
                    None,
                ));
            }
            Some(sc)
        }
        None => None,
    };

    Ok(Config {
        file: None,
        dir: dir.to_path_buf(),
        project,
        gates,
        waivers,
        profiles,
        signoff,
        workspace,
    })
}

fn quote_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Keys every gate takes.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Common {
    /// `blocker` (default: failing makes NO-GO) or `warning` (shown, never blocks).
    #[serde(default)]
    level: Option<Level>,
    /// Conditions `"<metric> <op> <value>"`, all must hold; default: the kind's.
    #[serde(default)]
    thresholds: Option<Vec<Spanned<String>>>,
    /// Bound on the gate (default `5m`); on expiry the gate is ERROR and child processes are killed.
    #[serde(default)]
    timeout: Option<Spanned<String>>,
    /// Globs over repo paths the gate reads, for kinds that read the tree.
    #[serde(default)]
    include: Option<Vec<Spanned<String>>>,
    /// Globs over repo paths the gate leaves out, for kinds that read the tree.
    #[serde(default)]
    exclude: Option<Vec<Spanned<String>>>,
    /// Run the gate only under these profiles (`--profile NAME`); without one of them it is
    /// SKIPPED. For gates that need a tool a newcomer may not have (e.g. coverage in CI).
    #[serde(default)]
    profiles: Option<Vec<Spanned<String>>>,
}

fn build_gate(key: &SKey, node: &SNode, dir: &Path) -> Result<GateSpec, DeError> {
    let id = key.name.clone();
    let Some(entries) = node.entries() else {
        return Err(DeError::at(
            node.pos,
            format!(
                "gate `{id}` must be a table, found {}",
                node.node.type_name()
            ),
        ));
    };
    let kind_name = match node.get("kind") {
        Some((_, k)) => match k.as_str() {
            Some(s) => Spanned::new(k.pos, s.to_string()),
            None => {
                return Err(DeError::at(
                    k.pos,
                    format!("`kind` must be a string, found {}", k.node.type_name()),
                ));
            }
        },
        None => Spanned::new(key.pos, id.clone()),
    };
    let kind_names: Vec<&str> = gates::KINDS.iter().map(|k| k.doc().kind).collect();
    let kind = gates::kind(&kind_name.value).ok_or_else(|| {
        let explicit = node.get("kind").is_some();
        let message = if explicit {
            format!(
                "unknown gate kind `{}`, expected one of {}",
                kind_name.value,
                quote_list(&kind_names)
            )
        } else {
            format!(
                "gate `{id}` needs a `kind`: its id does not name a kind (one of {})",
                quote_list(&kind_names)
            )
        };
        DeError {
            pos: Some(kind_name.pos),
            message,
            suggestion: crate::suggest::did_you_mean(&kind_name.value, kind_names.iter().copied())
                .map(str::to_string),
        }
    })?;
    let doc = kind.doc();

    let mut common_entries = Vec::new();
    let mut option_entries = Vec::new();
    for (k, v) in entries {
        if k.name == "kind" {
            continue;
        }
        if COMMON_KEYS.contains(&k.name.as_str()) {
            if !doc.reads_tree && (k.name == "include" || k.name == "exclude") {
                return Err(DeError::at(
                    k.pos,
                    format!(
                        "`{}` is not an option of kind `{}`: it does not read the repository tree",
                        k.name, doc.kind
                    ),
                ));
            }
            common_entries.push((k.clone(), v.clone()));
        } else {
            option_entries.push((k.clone(), v.clone()));
        }
    }
    let common: Common = from_node(&SNode::new(Node::Map(common_entries), node.pos))?;
    let opts_node = SNode::new(Node::Map(option_entries), node.pos);
    let cx = ConfigCx {
        gate_id: &id,
        config_dir: dir,
    };
    let gate = kind.configure(&opts_node, &cx).map_err(|mut e| {
        // An unknown key among the options: also consider the common keys for the suggestion.
        if e.message.starts_with("unknown key `") && e.suggestion.is_none() {
            let bad = e.message.split('`').nth(1).unwrap_or_default().to_string();
            e.suggestion =
                crate::suggest::did_you_mean(&bad, COMMON_KEYS.iter().copied()).map(str::to_string);
        }
        e
    })?;

    let thresholds = match &common.thresholds {
        Some(list) => list
            .iter()
            .map(|t| parse_threshold(t, kind, gate.as_ref()))
            .collect::<Result<Vec<_>, _>>()?,
        None => doc
            .default_thresholds
            .iter()
            .map(|t| {
                Threshold::parse(t)
                    .map_err(|e| DeError::at(node.pos, format!("bad default threshold `{t}`: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?,
    };
    if common.thresholds.as_ref().is_some_and(|t| t.is_empty())
        || (common.thresholds.is_none() && thresholds.is_empty())
    {
        let pos = common
            .thresholds
            .as_ref()
            .map(|_| node.pos)
            .unwrap_or(key.pos);
        let message = match (common.thresholds.is_some(), doc.default_thresholds) {
            (true, []) => format!(
                "gate `{id}` has `thresholds = []`, which checks nothing, and kind `{}` has no \
                 defaults: list the conditions, e.g. `thresholds = [\"{}\"]`",
                doc.kind,
                doc.metrics
                    .first()
                    .map(|m| format!("{} > 0", m.name))
                    .unwrap_or_else(|| "metric > 0".into())
            ),
            (true, defaults) => format!(
                "gate `{id}` has `thresholds = []`, which checks nothing: remove the key to use \
                 kind `{}`'s defaults ({}), or list the conditions",
                doc.kind,
                defaults
                    .iter()
                    .map(|t| format!("`{t}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (false, _) => format!(
                "gate `{id}` has no thresholds, and kind `{}` has no defaults: add `thresholds = [...]`",
                doc.kind
            ),
        };
        return Err(DeError::at(pos, message));
    }

    // Integrity conditions hold whatever the thresholds say, unless they name the metric.
    let mut thresholds = thresholds;
    for t in doc.integrity {
        let th = Threshold::parse(t)
            .map_err(|e| DeError::at(node.pos, format!("bad integrity condition `{t}`: {e}")))?;
        if !thresholds.iter().any(|x| x.metric == th.metric) {
            thresholds.push(th);
        }
    }

    let timeout = match &common.timeout {
        Some(t) => parse_duration(&t.value).map_err(|m| DeError::at(t.pos, m))?,
        None => Duration::from_secs(300),
    };
    let globs = |v: &Option<Vec<Spanned<String>>>| -> Result<Vec<String>, DeError> {
        let mut out = Vec::new();
        for g in v.iter().flatten() {
            crate::walk::glob(&g.value)
                .map_err(|e| DeError::at(g.pos, format!("invalid glob `{}`: {e}", g.value)))?;
            out.push(g.value.clone());
        }
        Ok(out)
    };
    let mut include = globs(&common.include)?;
    if include.is_empty() {
        include = doc.default_include.iter().map(|s| s.to_string()).collect();
    }
    Ok(GateSpec {
        id,
        kind,
        level: common.level.unwrap_or_default(),
        thresholds,
        default_thresholds: common.thresholds.is_none(),
        timeout,
        include,
        exclude: globs(&common.exclude)?,
        gate,
        pos: key.pos,
        profiles: common.profiles.clone().unwrap_or_default(),
    })
}

/// Parses a threshold and checks it against the kind's metrics.
fn parse_threshold(
    t: &Spanned<String>,
    kind: &dyn GateKind,
    gate: &dyn Gate,
) -> Result<Threshold, DeError> {
    // The node position is the opening quote in TOML; point into the string.
    let at = |offset: usize| Pos {
        line: t.pos.line,
        col: t.pos.col + 1 + offset,
    };
    let th = Threshold::parse(&t.value).map_err(|e| {
        DeError::at(
            at(e.offset),
            format!("invalid threshold `{}`: {}", t.value, e.message),
        )
    })?;
    let doc = kind.doc();
    match gate.lookup_metric(doc, &th.metric) {
        MetricLookup::Known(unit) => th
            .check_unit(&unit)
            .map_err(|m| DeError::at(at(0), format!("invalid threshold `{}`: {m}", t.value)))?,
        MetricLookup::Unknown => {
            let names: Vec<&str> = doc.metrics.iter().map(|m| m.name).collect();
            return Err(DeError {
                pos: Some(at(0)),
                message: format!(
                    "unknown metric `{}` for kind `{}`, expected one of {}",
                    th.metric,
                    doc.kind,
                    quote_list(&names)
                ),
                suggestion: crate::suggest::did_you_mean(&th.metric, names.iter().copied())
                    .map(str::to_string),
            });
        }
        MetricLookup::Dynamic => {}
    }
    Ok(th)
}

/// An accepted risk: a failing condition waived until it expires.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWaiver {
    /// The gate id whose failing conditions are waived.
    gate: Spanned<String>,
    /// Only the conditions on this metric; default: every condition of the gate.
    #[serde(default)]
    metric: Option<Spanned<String>>,
    /// Why the risk is accepted (shown in every report).
    reason: Spanned<String>,
    /// Who accepted it.
    owner: Spanned<String>,
    /// `YYYY-MM-DD`: after this date the waiver no longer applies and the run is NO-GO.
    expires: Spanned<String>,
    /// Only under this profile (`--profile NAME`); default: always.
    #[serde(default)]
    profile: Option<Spanned<String>>,
}

fn validate_waiver(w: Spanned<RawWaiver>, gates: Option<&[GateSpec]>) -> Result<Waiver, DeError> {
    let Spanned { pos, value: w } = w;
    let spec = gates.map(|gates| gates.iter().find(|g| g.id == w.gate.value));
    if let Some(None) = spec {
        let gates = gates.unwrap_or_default();
        let ids: Vec<&str> = gates.iter().map(|g| g.id.as_str()).collect();
        return Err(DeError {
            pos: Some(w.gate.pos),
            message: format!("waiver for unknown gate `{}`", w.gate.value),
            suggestion: crate::suggest::did_you_mean(&w.gate.value, ids.iter().copied())
                .map(str::to_string),
        });
    };
    if let (Some(Some(spec)), Some(m)) = (spec, &w.metric) {
        let doc = spec.kind.doc();
        if spec.gate.lookup_metric(doc, &m.value) == MetricLookup::Unknown {
            let names: Vec<&str> = doc.metrics.iter().map(|m| m.name).collect();
            return Err(DeError {
                pos: Some(m.pos),
                message: format!(
                    "waiver names unknown metric `{}` of gate `{}` (kind `{}`)",
                    m.value, spec.id, doc.kind
                ),
                suggestion: crate::suggest::did_you_mean(&m.value, names.iter().copied())
                    .map(str::to_string),
            });
        }
    }
    for (name, f) in [("reason", &w.reason), ("owner", &w.owner)] {
        if f.value.trim().is_empty() {
            return Err(DeError::at(
                f.pos,
                format!("waiver `{name}` must not be empty"),
            ));
        }
    }
    let expires = Date::parse(&w.expires.value)
        .filter(|_| w.expires.value.len() == 10)
        .ok_or_else(|| {
            DeError::at(
                w.expires.pos,
                format!("invalid date `{}`, expected YYYY-MM-DD", w.expires.value),
            )
        })?;
    Ok(Waiver {
        gate: w.gate.value,
        metric: w.metric.map(|m| m.value),
        reason: w.reason.value,
        owner: w.owner.value,
        expires,
        profile: w.profile.map(|p| p.value),
        pos,
    })
}

/// A profile: run only some gates, with other thresholds or levels.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProfile {
    /// Run only these gates (the others are SKIPPED); default: every gate.
    #[serde(default)]
    gates: Option<Vec<Spanned<String>>>,
    /// Replace the thresholds of some gates: `{ coverage = ["line >= 30"] }`.
    #[serde(default)]
    thresholds: Option<Spanned<BTreeMap<String, Vec<Spanned<String>>>>>,
    /// Change the level of some gates: `{ docs = "warning" }`.
    #[serde(default)]
    levels: Option<Spanned<BTreeMap<String, Level>>>,
}

fn validate_profile(p: RawProfile, gates: &[GateSpec]) -> Result<Profile, DeError> {
    let ids: Vec<&str> = gates.iter().map(|g| g.id.as_str()).collect();
    let find = |id: &str, pos: Pos| {
        gates.iter().find(|g| g.id == id).ok_or_else(|| DeError {
            pos: Some(pos),
            message: format!("profile names unknown gate `{id}`"),
            suggestion: crate::suggest::did_you_mean(id, ids.iter().copied()).map(str::to_string),
        })
    };
    let mut out = Profile::default();
    if let Some(list) = p.gates {
        let mut v = Vec::new();
        for g in list {
            find(&g.value, g.pos)?;
            v.push(g.value);
        }
        out.gates = Some(v);
    }
    if let Some(t) = p.thresholds {
        for (id, list) in t.value {
            let spec = find(&id, t.pos)?;
            let parsed = list
                .iter()
                .map(|s| parse_threshold(s, spec.kind, spec.gate.as_ref()))
                .collect::<Result<Vec<_>, _>>()?;
            out.thresholds.insert(id, parsed);
        }
    }
    if let Some(l) = p.levels {
        for (id, level) in l.value {
            find(&id, l.pos)?;
            out.levels.insert(id, level);
        }
    }
    Ok(out)
}

impl Config {
    /// Keeps the waivers that apply under `profile` (unscoped ones, and those scoped to it).
    pub fn scope_waivers(&mut self, profile: Option<&str>) {
        self.waivers
            .retain(|w| w.profile.is_none() || w.profile.as_deref() == profile);
    }

    /// Applies a profile: narrows the gates, replaces thresholds, changes levels.
    /// Returns the ids of gates the profile leaves out (reported as SKIPPED).
    pub fn apply_profile(&mut self, name: &str) -> Result<Vec<String>, String> {
        let Some((_, p)) = self.profiles.iter().find(|(n, _)| n == name).cloned() else {
            let names: Vec<&str> = self.profiles.iter().map(|(n, _)| n.as_str()).collect();
            let hint = crate::suggest::did_you_mean(name, names.iter().copied())
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            return Err(format!(
                "unknown profile `{name}`{hint}; the config defines: {}",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            ));
        };
        let mut skipped = Vec::new();
        for g in &mut self.gates {
            if let Some(t) = p.thresholds.get(&g.id) {
                g.thresholds = t.clone();
                g.default_thresholds = false;
            }
            if let Some(l) = p.levels.get(&g.id) {
                g.level = *l;
            }
            if let Some(sel) = &p.gates
                && !sel.contains(&g.id)
            {
                skipped.push(g.id.clone());
            }
        }
        Ok(skipped)
    }

    /// The project name: `[project] name`, or the repo folder's name.
    pub fn project_name(&self, root: &Path) -> String {
        self.project.name.clone().unwrap_or_else(|| {
            root.canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "project".into())
        })
    }
}

#[cfg(test)]
mod tests;
