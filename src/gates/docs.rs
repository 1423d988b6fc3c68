//! The `docs` gate (not implemented yet: it reports ERROR, never PASS).

use super::{ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc};
use crate::config::de::DeError;
use crate::config::value::SNode;
use std::sync::Arc;

pub struct Kind;

pub static DOC: KindDoc = KindDoc {
    kind: "docs",
    summary: "Documentation coverage of public items, required files, Markdown links and front matter",
    description: "Not implemented yet: a `docs` gate reports ERROR.",
    options: &[],
    metrics: &[
        MetricDoc {
            name: "coverage",
            unit: "%",
            description: "documented / items",
        },
        MetricDoc {
            name: "documented",
            unit: "",
            description: "documented public items",
        },
        MetricDoc {
            name: "items",
            unit: "",
            description: "public items",
        },
        MetricDoc {
            name: "missing_files",
            unit: "",
            description: "required files missing or empty",
        },
        MetricDoc {
            name: "broken_links",
            unit: "",
            description: "relative links and anchors that point nowhere",
        },
        MetricDoc {
            name: "frontmatter_errors",
            unit: "",
            description: "front matter that does not parse or lacks keys",
        },
    ],
    default_thresholds: &["coverage >= 80", "missing_files == 0"],
    dynamic_metrics: false,
    reads_tree: true,
    default_include: &[],
    example: "[gates.docs]\n",
};

struct Stub;

impl Gate for Stub {
    fn run(&self, _cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        anyhow::bail!("the `docs` gate kind is not implemented yet")
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
