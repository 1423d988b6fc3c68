//! The `xml` gate (not implemented yet: it reports ERROR, never PASS).

use super::{ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc};
use crate::config::de::DeError;
use crate::config::value::SNode;
use std::sync::Arc;

pub struct Kind;

pub static DOC: KindDoc = KindDoc {
    kind: "xml",
    summary: "XML 1.0 well-formedness of XML files and of XML inside Markdown",
    description: "Not implemented yet: a `xml` gate reports ERROR.",
    options: &[],
    metrics: &[
        MetricDoc { name: "errors", unit: "", description: "well-formedness errors" },
        MetricDoc { name: "warnings", unit: "", description: "warnings (e.g. external entities not followed)" },
        MetricDoc { name: "files", unit: "", description: "files checked" },
        MetricDoc { name: "invalid_files", unit: "", description: "files with at least one error" },
    ],
    default_thresholds: &["errors == 0"],
    dynamic_metrics: false,
    reads_tree: true,
    default_include: &["**/*.xml"],
    example: "[gates.xml]\n",
};

struct Stub;

impl Gate for Stub {
    fn run(&self, _cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        anyhow::bail!("the `xml` gate kind is not implemented yet")
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
