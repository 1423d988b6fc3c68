//! The `coverage` gate (not implemented yet: it reports ERROR, never PASS).

use super::{ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc};
use crate::config::de::DeError;
use crate::config::value::SNode;
use std::sync::Arc;

pub struct Kind;

pub static DOC: KindDoc = KindDoc {
    kind: "coverage",
    summary: "Line and branch coverage from coverage reports, merged",
    description: "Not implemented yet: a `coverage` gate reports ERROR.",
    options: &[],
    metrics: &[
        MetricDoc { name: "line", unit: "%", description: "covered lines / coverable lines" },
        MetricDoc { name: "branch", unit: "%", description: "covered branches / branches" },
        MetricDoc { name: "lines_covered", unit: "", description: "covered lines" },
        MetricDoc { name: "lines_total", unit: "", description: "coverable lines" },
        MetricDoc { name: "branches_covered", unit: "", description: "covered branches" },
        MetricDoc { name: "branches_total", unit: "", description: "branches" },
        MetricDoc { name: "min_file_line", unit: "%", description: "line coverage of the worst file" },
        MetricDoc { name: "diff_line", unit: "%", description: "coverage of changed lines (with --base)" },
    ],
    default_thresholds: &["line >= 80"],
    dynamic_metrics: false,
    reads_tree: true,
    default_include: &[],
    example: "[gates.coverage]\n",
};

struct Stub;

impl Gate for Stub {
    fn run(&self, _cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        anyhow::bail!("the `coverage` gate kind is not implemented yet")
    }
}

impl GateKind for Kind {
    fn doc(&self) -> &'static KindDoc {
        &DOC
    }
    fn configure(&self, _options: &SNode, _cx: &ConfigCx<'_>) -> Result<Arc<dyn Gate>, DeError> {
        Ok(Arc::new(Stub))
    }
}
