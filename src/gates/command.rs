//! The `command` gate: runs a shell command and measures its exit code, duration and matching
//! output lines.

use super::{ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc, OptionDoc};
use crate::model::{Finding, Severity, Unit};
use crate::node::de::{DeError, Spanned};
use crate::node::value::SNode;
use crate::process::{self, Exit};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

/// Every id the `command` gate reports, for `gatekeep explain ID`.
pub static FINDINGS: &[super::FindingDoc] = &[super::FindingDoc {
    id: "command/match",
    summary: "An output line matching the gate's `count` regex (medium)",
    description: "A line the command printed that matches `count` (e.g. `error TS\\d+`); \
`matches` counts them all, the first ones are listed.",
}];

pub struct Kind;

pub static DOC: KindDoc = KindDoc {
    kind: "command",
    summary: "Runs a command: exit code, duration, and output lines matching a regex",
    description: "\
Runs `run` with `sh -c` in `cwd` (default: the config's folder) with `env` added to the
environment, stdin closed. The command runs in its own process group: when the gate's `timeout`
expires (default 5m), the whole group is killed and the gate is ERROR. Processes the command
leaves running in the background are killed when it exits (a note says so).

Output (stdout and stderr) is streamed, never stored whole: only the last 4 KiB are kept, for the
error message, so a command that prints gigabytes costs no memory. With `count`, every output
line matching the regex is counted in `matches` — e.g. `count = 'error TS\\d+'` with
`thresholds = [\"matches == 0\"]` turns `tsc --noEmit` into \"49 TypeScript errors\". The first
20 matching lines become findings.

A command that cannot be found (exit 127), cannot be executed (exit 126) or is killed by a
signal makes the gate ERROR with the reason: it did not produce a result. With `count`, a
command that fails (non-zero exit) without printing a single matching line is ERROR too: a
`tsc` that could not start reports \"0 errors\" only because it never ran. Any other exit code
is a result, checked by the thresholds (default `exit_code == 0`).",
    options: &[
        OptionDoc {
            name: "run",
            ty: "string",
            default: "required",
            description: "The command line, run with `sh -c`.",
        },
        OptionDoc {
            name: "cwd",
            ty: "path",
            default: "the config's folder",
            description: "Working folder, relative to the config's folder.",
        },
        OptionDoc {
            name: "env",
            ty: "table of strings",
            default: "{}",
            description: "Variables added to the environment.",
        },
        OptionDoc {
            name: "count",
            ty: "regex",
            default: "none",
            description: "Output lines matching it are counted in `matches`.",
        },
    ],
    metrics: &[
        MetricDoc {
            name: "exit_code",
            unit: "",
            description: "The command's exit code.",
        },
        MetricDoc {
            name: "duration",
            unit: "s",
            description: "Wall time from start to exit.",
        },
        MetricDoc {
            name: "matches",
            unit: "",
            description: "Output lines matching `count` (only with `count`).",
        },
    ],
    default_thresholds: &["exit_code == 0"],
    integrity: &[],
    dynamic_metrics: false,
    reads_tree: false,
    default_include: &[],
    example: "\
[gates.typescript]
kind = \"command\"
run = \"npx tsc --noEmit\"
count = 'error TS\\d+'
thresholds = [\"matches == 0\"]
timeout = \"10m\"
",
};

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {
    /// The command line, run with `sh -c`.
    run: Spanned<String>,
    /// Working folder, relative to the config's folder.
    #[serde(default)]
    cwd: Option<Spanned<String>>,
    /// Variables added to the environment.
    #[serde(default)]
    env: BTreeMap<String, String>,
    /// Output lines matching this regex are counted in `matches`.
    #[serde(default)]
    count: Option<Spanned<String>>,
}

struct CommandGate {
    run: String,
    cwd: Option<String>,
    env: Vec<(String, String)>,
    count: Option<Regex>,
}

use crate::process::{TAIL, last_lines};

impl Gate for CommandGate {
    fn run(&self, cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        let cwd = match &self.cwd {
            Some(c) => cx.path(c),
            None => cx.config_dir.to_path_buf(),
        };
        if !cwd.is_dir() {
            anyhow::bail!("cwd {} is not a folder", cwd.display());
        }
        // The runner enforces the gate's timeout too; this bound makes sure the group is killed.
        let timeout = cx
            .deadline
            .map(|d| d.saturating_duration_since(std::time::Instant::now()))
            .unwrap_or(Duration::from_secs(24 * 3600));
        let spec = process::Spec {
            run: self.run.clone(),
            cwd,
            env: self.env.clone(),
            timeout,
            count: self.count.clone(),
            tail_bytes: TAIL,
        };
        let o = process::run(&spec, Some(cx.cancel))?;
        let tail = last_lines(&o.tail, 10);
        let code = match o.exit {
            Exit::Code(127) => anyhow::bail!("command not found: `{}`\n{tail}", self.run),
            Exit::Code(126) => anyhow::bail!("command cannot be executed: `{}`\n{tail}", self.run),
            Exit::Code(c) => c,
            Exit::Signal(s) => anyhow::bail!("`{}` was killed by signal {s}\n{tail}", self.run),
            Exit::TimedOut => anyhow::bail!(
                "`{}` timed out after {:.1} s; its process group was killed",
                self.run,
                o.duration.as_secs_f64()
            ),
            Exit::Cancelled => {
                anyhow::bail!("`{}` was cancelled; its process group was killed", self.run)
            }
        };
        if code != 0 && self.count.is_some() && o.matches == 0 {
            anyhow::bail!(
                "`{}` failed (exit code {code}) and printed no line matching `count`: it did not \
                 produce a result to count\n{tail}",
                self.run
            );
        }
        let mut out = GateOutput::default();
        out.value("exit_code", f64::from(code), Unit::None);
        out.value("duration", o.duration.as_secs_f64(), Unit::Seconds);
        if self.count.is_some() {
            out.count("matches", o.matches);
            for line in &o.matched_lines {
                out.findings.push(Finding::new(
                    "command/match",
                    Severity::Medium,
                    line.clone(),
                ));
            }
            out.findings_not_listed = o.matches.saturating_sub(o.matched_lines.len() as u64);
        }
        if code != 0 && !tail.is_empty() {
            out.notes
                .push(format!("exit code {code}; last output:\n{tail}"));
        }
        if o.killed_leftovers {
            out.notes
                .push("the command left processes running in its group; they were killed".into());
        }
        if o.escaped {
            out.notes.push(
                "the command left processes behind outside its process group (started with `setsid`?) holding its output open; gatekeep stopped reading and could not end them"
                    .into(),
            );
        }
        Ok(out)
    }
}

impl GateKind for Kind {
    fn doc(&self) -> &'static KindDoc {
        &DOC
    }
    fn options_schema(&self) -> serde_json::Value {
        schemars::schema_for!(Options).to_value()
    }

    fn configure(&self, options: &SNode, _cx: &ConfigCx<'_>) -> Result<Arc<dyn Gate>, DeError> {
        let o: Options = super::options(options)?;
        if o.run.value.trim().is_empty() {
            return Err(DeError::at(o.run.pos, "`run` must not be empty"));
        }
        if let Some(c) = &o.cwd {
            crate::paths::check_path(c)?;
        }
        let count = match &o.count {
            Some(c) => Some(
                Regex::new(&c.value)
                    .map_err(|e| DeError::at(c.pos, format!("invalid regex in `count`: {e}")))?,
            ),
            None => None,
        };
        Ok(Arc::new(CommandGate {
            run: o.run.value,
            cwd: o.cwd.map(|c| c.value),
            env: o.env.into_iter().collect(),
            count,
        }))
    }
}

#[cfg(test)]
mod tests {
    use crate::gates::run_for_test;

    #[test]
    fn counts_matching_lines() {
        let d = tempfile::tempdir().unwrap();
        let out = run_for_test(
            "command",
            "run = \"printf 'a.ts(1,1): error TS2322: x\\\\nok\\\\nb.ts(2,2): error TS7006: y\\\\n'\"\ncount = 'error TS\\d+'\n",
            d.path(),
        )
        .unwrap();
        let m = |n: &str| out.metrics.iter().find(|m| m.name == n).unwrap().value;
        assert_eq!(m("matches"), 2.0);
        assert_eq!(m("exit_code"), 0.0);
        assert_eq!(out.findings.len(), 2);
    }

    #[test]
    fn a_failing_counter_with_no_matches_is_an_error_not_zero() {
        let d = tempfile::tempdir().unwrap();
        let e = run_for_test(
            "command",
            "run = \"echo 'npx canceled due to missing packages'; exit 1\"\ncount = 'error TS\\d+'\n",
            d.path(),
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("printed no line matching `count`"),
            "{e}"
        );
        // Exit 2 with matches is a result: tsc exits non-zero when it finds errors.
        let out = run_for_test(
            "command",
            "run = \"echo 'a.ts(1,1): error TS1005: x'; exit 2\"\ncount = 'error TS\\d+'\n",
            d.path(),
        )
        .unwrap();
        assert_eq!(
            out.metrics
                .iter()
                .find(|m| m.name == "matches")
                .unwrap()
                .value,
            1.0
        );
    }

    #[test]
    fn not_found_is_an_error() {
        let d = tempfile::tempdir().unwrap();
        let e =
            run_for_test("command", "run = \"no-such-command-gk --x\"\n", d.path()).unwrap_err();
        assert!(e.to_string().contains("command not found"), "{e}");
    }

    #[test]
    fn exit_code_and_env_and_cwd() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("sub")).unwrap();
        let out = run_for_test(
            "command",
            "run = 'test \"$(basename $(pwd))\" = sub && exit $CODE'\ncwd = \"sub\"\nenv = { CODE = \"4\" }\n",
            d.path(),
        )
        .unwrap();
        assert_eq!(out.metrics[0].name, "exit_code");
        assert_eq!(out.metrics[0].value, 4.0);
        assert!(out.metrics.iter().all(|m| m.name != "matches"));
    }

    #[test]
    fn bad_options_are_rejected() {
        let d = tempfile::tempdir().unwrap();
        let e = run_for_test("command", "run = \"true\"\ncoutn = 'x'\n", d.path()).unwrap_err();
        assert!(e.to_string().contains("unknown key `coutn`"), "{e}");
        let e = run_for_test("command", "run = \"true\"\ncount = '('\n", d.path()).unwrap_err();
        assert!(e.to_string().contains("invalid regex"), "{e}");
        let e = run_for_test("command", "run = \"true\"\ncwd = '../x'\n", d.path()).unwrap_err();
        assert!(e.to_string().contains("leaves the repository"), "{e}");
    }
}
