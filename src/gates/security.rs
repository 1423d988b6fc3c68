//! The `security` gate (not implemented yet: it reports ERROR, never PASS).

use super::{ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc};
use crate::config::de::DeError;
use crate::config::value::SNode;
use std::sync::Arc;

pub struct Kind;

pub static DOC: KindDoc = KindDoc {
    kind: "security",
    summary: "Built-in security rules over the source tree, plus other scanners' reports",
    description: "Not implemented yet: a `security` gate reports ERROR.",
    options: &[],
    metrics: &[
        MetricDoc { name: "critical", unit: "", description: "critical findings" },
        MetricDoc { name: "high", unit: "", description: "high findings" },
        MetricDoc { name: "medium", unit: "", description: "medium findings" },
        MetricDoc { name: "low", unit: "", description: "low findings" },
        MetricDoc { name: "total", unit: "", description: "all findings" },
        MetricDoc { name: "secrets", unit: "", description: "secret findings" },
    ],
    default_thresholds: &["critical == 0", "high == 0"],
    dynamic_metrics: false,
    reads_tree: true,
    default_include: &[],
    example: "[gates.security]\n",
};

struct Stub;

impl Gate for Stub {
    fn run(&self, _cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        anyhow::bail!("the `security` gate kind is not implemented yet")
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
