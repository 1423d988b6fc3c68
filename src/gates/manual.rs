//! The `manual` gate: a check whose evidence is a person's statement (see `crate::attest`).

use super::{ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc, OptionDoc};
use crate::attest::{self, Manual};
use crate::model::{Condition, Status, Unit};
use crate::node::de::{DeError, Spanned};
use crate::node::value::SNode;
use serde::Deserialize;
use std::sync::Arc;

pub struct Kind;

pub static DOC: KindDoc = KindDoc {
    kind: "manual",
    summary: "An attested check: a person states it passed, bound to the commit or to paths",
    description: "\
Some release evidence is a person's statement, not a measurement: \"Rollback tested in staging?\",
\"Monitoring and alerting operational?\". A `manual` gate asks its `question` of each of its
`roles`; someone in the role answers with

    gatekeep attest GATE --role ROLE --name NAME --evidence URL-or-text [--fail]

which records the attestation in `.gatekeep/attestations.toml` (next to the sign-offs; commit it).

Each role is a condition: PASS while a valid attestation exists, FAIL when it says the check
failed (`--fail`), and ERROR \"awaiting attestation by ROLE\" when there is none, or when the one
there is no longer valid:
- **stale**: an attestation is bound to the commit it was made on, or, with `paths`, to the
  content of every file those globs match (`deploy/**`). Another commit (or a change to one of
  those files, or to the question) makes it stale, and the report names what changed. An
  attestation edited by hand whose binding no longer matches is stale too, never counted.
- **expired**: `valid_for` after it was made (`14d`, `2w`, `36h`).

Attestations appear in every report: each role's state is a condition note in the table,
Markdown and HTML, and the JSON report carries them under the gate's `data.attestations`.
A malformed `attestations.toml` stops the run with exit code 2 and its file:line:col.",
    options: &[
        OptionDoc {
            name: "question",
            ty: "string",
            default: "(required)",
            description: "What the person attests, e.g. \"Rollback tested in staging?\".",
        },
        OptionDoc {
            name: "roles",
            ty: "list of strings",
            default: "(required)",
            description: "Who must attest: every role listed needs a valid attestation.",
        },
        OptionDoc {
            name: "valid_for",
            ty: "duration",
            default: "(never expires)",
            description: "How long an attestation holds: `14d`, `2w`, `36h`.",
        },
        OptionDoc {
            name: "paths",
            ty: "list of globs",
            default: "[] (the commit)",
            description: "Bind attestations to these files' content instead of the commit.",
        },
    ],
    metrics: &[
        MetricDoc {
            name: "attested",
            unit: "",
            description: "Roles with a valid attestation that passed.",
        },
        MetricDoc {
            name: "failed",
            unit: "",
            description: "Roles with a valid attestation that failed.",
        },
        MetricDoc {
            name: "pending",
            unit: "",
            description: "Roles without a valid attestation (none, stale or expired).",
        },
        MetricDoc {
            name: "roles",
            unit: "",
            description: "Roles that must attest.",
        },
    ],
    default_thresholds: &["failed == 0"],
    integrity: &[],
    dynamic_metrics: false,
    reads_tree: true,
    default_include: &[],
    example: "\
[gates.rollback]
kind = \"manual\"
question = \"Rollback tested in staging?\"
roles = [\"ops-lead\"]
valid_for = \"14d\"
paths = [\"deploy/**\"]     # default: bound to the commit
",
};

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {
    /// What the person attests.
    question: String,
    /// Who must attest (every role listed).
    roles: Vec<String>,
    /// How long an attestation holds: `14d`, `2w`, `36h`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    valid_for: Option<Spanned<String>>,
    /// Bind attestations to these files' content instead of the commit.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    paths: Vec<Spanned<String>>,
}

struct ManualGate(Manual);

impl Gate for ManualGate {
    fn reads(&self, entry: &crate::walk::FileEntry) -> bool {
        self.0.paths_set.is_match(&entry.rel)
    }

    fn manual(&self) -> Option<&Manual> {
        Some(&self.0)
    }

    fn run(&self, cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        let m = &self.0;
        let entries =
            attest::load(&attest::file(cx.config_dir)?).map_err(|e| anyhow::anyhow!("{e}"))?;
        let cur = attest::Current {
            commit: if m.paths.is_empty() {
                crate::history::git_commit(cx.root)
            } else {
                None
            },
            files: if m.paths.is_empty() {
                Default::default()
            } else {
                attest::bound_files(cx.repo, cx.selector, &m.paths_set)?
            },
            now: attest::now_secs(),
        };
        let states = attest::evaluate(cx.id, m, &entries, &cur);
        let mut out = GateOutput::default();
        let n = |s: &str| states.iter().filter(|a| a.state == s).count() as u64;
        let (passed, failed) = (n("passed"), n("failed"));
        out.count("attested", passed);
        out.count("failed", failed);
        out.count("pending", states.len() as u64 - passed - failed);
        out.count("roles", states.len() as u64);
        for a in &states {
            let (status, actual) = match a.state.as_str() {
                "passed" => (Status::Pass, Some(1.0)),
                "failed" => (Status::Fail, Some(0.0)),
                _ => (Status::Error, None),
            };
            out.conditions.push(Condition {
                expr: format!("attested by {}", a.role),
                metric: format!("attested.{}", a.role),
                op: "==".into(),
                target: Some(1.0),
                actual,
                unit: Unit::None,
                status,
                waiver: None,
                note: Some(a.describe()),
            });
        }
        out.notes.push(format!("question: {}", m.question));
        out.data = Some(serde_json::json!({ "attestations": states }));
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
        if o.question.trim().is_empty() {
            return Err(DeError::at(options.pos, "`question` must not be empty"));
        }
        let roles: Vec<String> = o.roles.iter().map(|r| r.trim().to_string()).collect();
        if roles.is_empty() || roles.iter().any(String::is_empty) {
            return Err(DeError::at(
                options.pos,
                "`roles` must name at least one role, none of them empty",
            ));
        }
        let valid_for = match &o.valid_for {
            Some(v) => Some(attest::parse_valid_for(&v.value).map_err(|m| DeError::at(v.pos, m))?),
            None => None,
        };
        for p in &o.paths {
            crate::paths::check_path(p)?;
            crate::walk::glob(&p.value)
                .map_err(|e| DeError::at(p.pos, format!("invalid glob `{}`: {e}", p.value)))?;
        }
        let paths: Vec<String> = o.paths.iter().map(|p| p.value.clone()).collect();
        let paths_set = crate::walk::glob_set(paths.iter().map(String::as_str))
            .map_err(|e| DeError::at(options.pos, e.to_string()))?;
        Ok(Arc::new(ManualGate(Manual {
            question: o.question,
            roles,
            valid_for,
            paths,
            paths_set,
        })))
    }
}

#[cfg(test)]
mod tests {
    use crate::gates::run_for_test;
    use crate::model::Status;

    #[test]
    fn no_attestation_is_an_error_awaiting_the_role() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("deploy")).unwrap();
        std::fs::write(d.path().join("deploy/rollback.sh"), "echo").unwrap();
        let out = run_for_test(
            "manual",
            "question = \"Rollback tested?\"\nroles = [\"ops-lead\"]\npaths = [\"deploy/**\"]\nvalid_for = \"14d\"\n",
            d.path(),
        )
        .unwrap();
        assert_eq!(out.conditions[0].status, Status::Error);
        assert_eq!(
            out.conditions[0].note.as_deref(),
            Some("awaiting attestation by ops-lead")
        );
        let pending = out.metrics.iter().find(|m| m.name == "pending").unwrap();
        assert_eq!(pending.value, 1.0);
    }

    #[test]
    fn bad_options_are_config_errors() {
        let d = tempfile::tempdir().unwrap();
        for (opts, want) in [
            ("question = \"q\"\nroles = []\n", "at least one role"),
            ("question = \" \"\nroles = [\"a\"]\n", "must not be empty"),
            (
                "question = \"q\"\nroles = [\"a\"]\nvalid_for = \"soon\"\n",
                "invalid duration",
            ),
            ("roles = [\"a\"]\n", "question"),
        ] {
            let e = run_for_test("manual", opts, d.path()).unwrap_err();
            assert!(e.to_string().contains(want), "{opts}: {e}");
        }
    }
}
