//! The `size` gate (not implemented yet: it reports ERROR, never PASS).

use super::{ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc};
use crate::config::de::DeError;
use crate::config::value::SNode;
use std::sync::Arc;

pub struct Kind;

pub static DOC: KindDoc = KindDoc {
    kind: "size",
    summary: "Total and largest size of files matching globs",
    description: "Not implemented yet: a `size` gate reports ERROR.",
    options: &[],
    metrics: &[
        MetricDoc { name: "bytes", unit: "B", description: "total size" },
        MetricDoc { name: "largest", unit: "B", description: "largest file" },
        MetricDoc { name: "files", unit: "", description: "matching files" },
    ],
    default_thresholds: &[],
    dynamic_metrics: false,
    reads_tree: true,
    default_include: &[],
    example: "[gates.size]\n",
};

struct Stub;

impl Gate for Stub {
    fn run(&self, _cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        anyhow::bail!("the `size` gate kind is not implemented yet")
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
