//! The `junit` gate (not implemented yet: it reports ERROR, never PASS).

use super::{ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc};
use crate::config::de::DeError;
use crate::config::value::SNode;
use std::sync::Arc;

pub struct Kind;

pub static DOC: KindDoc = KindDoc {
    kind: "junit",
    summary: "Test results from JUnit XML reports",
    description: "Not implemented yet: a `junit` gate reports ERROR.",
    options: &[],
    metrics: &[
        MetricDoc { name: "tests", unit: "", description: "test cases" },
        MetricDoc { name: "passed", unit: "", description: "passed" },
        MetricDoc { name: "failed", unit: "", description: "failed" },
        MetricDoc { name: "errors", unit: "", description: "errored" },
        MetricDoc { name: "skipped", unit: "", description: "skipped" },
        MetricDoc { name: "pass_rate", unit: "%", description: "passed / (tests - skipped)" },
    ],
    default_thresholds: &["failed == 0", "errors == 0"],
    dynamic_metrics: false,
    reads_tree: false,
    default_include: &[],
    example: "[gates.junit]\n",
};

struct Stub;

impl Gate for Stub {
    fn run(&self, _cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        anyhow::bail!("the `junit` gate kind is not implemented yet")
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
