//! The `command` gate (not implemented yet: it reports ERROR, never PASS).

use super::{ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc};
use crate::config::de::DeError;
use crate::config::value::SNode;
use std::sync::Arc;

pub struct Kind;

pub static DOC: KindDoc = KindDoc {
    kind: "command",
    summary: "Runs a command: exit code, duration, matching output lines",
    description: "Not implemented yet: a `command` gate reports ERROR.",
    options: &[],
    metrics: &[
        MetricDoc { name: "exit_code", unit: "", description: "the exit code" },
        MetricDoc { name: "duration", unit: "s", description: "wall time" },
        MetricDoc { name: "matches", unit: "", description: "output lines matching `count`" },
    ],
    default_thresholds: &["exit_code == 0"],
    dynamic_metrics: false,
    reads_tree: false,
    default_include: &[],
    example: "[gates.command]\n",
};

struct Stub;

impl Gate for Stub {
    fn run(&self, _cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        anyhow::bail!("the `command` gate kind is not implemented yet")
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
