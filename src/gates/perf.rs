//! The `perf` gate (not implemented yet: it reports ERROR, never PASS).

use super::{ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc};
use crate::config::de::DeError;
use crate::config::value::SNode;
use std::sync::Arc;

pub struct Kind;

pub static DOC: KindDoc = KindDoc {
    kind: "perf",
    summary: "Benchmark results (hyperfine, criterion, …) or a measured command against thresholds",
    description: "Not implemented yet: a `perf` gate reports ERROR.",
    options: &[],
    metrics: &[

    ],
    default_thresholds: &[],
    dynamic_metrics: true,
    reads_tree: false,
    default_include: &[],
    example: "[gates.perf]\n",
};

struct Stub;

impl Gate for Stub {
    fn run(&self, _cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        anyhow::bail!("the `perf` gate kind is not implemented yet")
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
