//! The `size` gate: total and largest size of the files matching globs.

use super::{ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc};
use crate::model::{Finding, Severity, Unit};
use crate::node::de::DeError;
use crate::node::value::SNode;
use anyhow::Context;
use serde::Deserialize;
use std::sync::Arc;

/// Every id the `size` gate reports, for `gatekeep explain ID`.
pub static FINDINGS: &[super::FindingDoc] = &[super::FindingDoc {
    id: "size/largest",
    summary: "One of the largest matching files (info)",
    description: "The largest files among those the gate sums, with their sizes: where to look \
when `bytes` or `largest` is over its threshold.",
}];

pub struct Kind;

pub static DOC: KindDoc = KindDoc {
    kind: "size",
    summary: "Total and largest size of files matching globs",
    description: "\
Sums the sizes of the files matched by `include` (minus `exclude`). Files come from the shared
walk of the repo, which honours `.gitignore` — so to gate a build output such as `dist/` or
`target/release/app` that is git-ignored, name it in `include` with a path that starts at
the folder (e.g. `dist/**`): explicit include globs are also looked up outside the walk, without
`.gitignore`. Sizes are the files' byte lengths (not disk blocks).

No file matching is ERROR (the artifact was not built), never a pass. The largest files are
listed as findings. There are no default thresholds: say what you want, e.g.
`thresholds = [\"bytes < 10MB\"]` (`MB` is 10^6 bytes, `MiB` 2^20).",
    options: &[],
    metrics: &[
        MetricDoc {
            name: "bytes",
            unit: "B",
            description: "Total size of the matching files.",
        },
        MetricDoc {
            name: "largest",
            unit: "B",
            description: "Size of the largest matching file.",
        },
        MetricDoc {
            name: "files",
            unit: "",
            description: "Number of matching files.",
        },
    ],
    default_thresholds: &[],
    integrity: &[],
    dynamic_metrics: false,
    reads_tree: true,
    default_include: &[],
    example: "\
[gates.package]
kind = \"size\"
include = [\"dist/**\"]
thresholds = [\"bytes < 10MB\"]
",
};

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {}

struct SizeGate;

impl Gate for SizeGate {
    fn reads(&self, _entry: &crate::walk::FileEntry) -> bool {
        false
    }

    fn run(&self, cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        let mut files: Vec<(String, u64)> = cx
            .files()
            .map(|f| Ok((f.rel.clone(), cx.repo.try_size(f)?)))
            .collect::<anyhow::Result<_>>()?;
        if files.is_empty() {
            // Build outputs are usually git-ignored: look the include globs up directly.
            for p in cx.find_reports(cx.include)? {
                let rel = cx.display_path(&p);
                if cx.selector.matches(&rel) {
                    let size = std::fs::metadata(&p)
                        .with_context(|| format!("cannot read the size of {}", p.display()))?
                        .len();
                    files.push((rel, size));
                }
            }
        }
        if files.is_empty() {
            anyhow::bail!("no file matches the gate's `include` globs: nothing to measure");
        }
        let total: u64 = files.iter().map(|f| f.1).sum();
        files.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut out = GateOutput::default();
        out.value("bytes", total as f64, Unit::Bytes);
        out.value("largest", files[0].1 as f64, Unit::Bytes);
        out.count("files", files.len() as u64);
        for (rel, size) in files.iter().take(10) {
            out.findings.push(
                Finding::new(
                    "size/largest",
                    Severity::Info,
                    crate::threshold::format_value(*size as f64, &Unit::Bytes),
                )
                .at(rel.clone(), None, None),
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
        let _: Options = super::options(options)?;
        Ok(Arc::new(SizeGate))
    }
}

#[cfg(test)]
mod tests {
    use crate::gates::run_for_test;

    #[test]
    fn sums_sizes_including_gitignored_build_output() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("dist/js")).unwrap();
        std::fs::write(d.path().join(".gitignore"), "dist/\n").unwrap();
        std::fs::write(d.path().join("dist/a.js"), vec![b'x'; 1500]).unwrap();
        std::fs::write(d.path().join("dist/js/b.js"), vec![b'x'; 500]).unwrap();
        let out = run_for_test("size", "include = [\"dist/**\"]\n", d.path()).unwrap();
        let m = |n: &str| out.metrics.iter().find(|m| m.name == n).unwrap().value;
        assert_eq!(m("bytes"), 2000.0);
        assert_eq!(m("largest"), 1500.0);
        assert_eq!(m("files"), 2.0);
        assert_eq!(out.findings[0].path.as_deref(), Some("dist/a.js"));
    }

    #[test]
    fn nothing_matched_is_an_error() {
        let d = tempfile::tempdir().unwrap();
        let e = run_for_test("size", "include = [\"dist/**\"]\n", d.path()).unwrap_err();
        assert!(e.to_string().contains("no file matches"), "{e}");
        let e = run_for_test("size", "include = [\"dist/**\"]\nfoo = 1\n", d.path()).unwrap_err();
        assert!(e.to_string().contains("unknown key `foo`"), "{e}");
    }
}
