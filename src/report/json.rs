//! `--format json`: the report of SPEC §4.

use super::{Format, RenderCx};
use crate::model::Report;

pub struct Json;

impl Format for Json {
    fn name(&self) -> &'static str {
        "json"
    }
    fn summary(&self) -> &'static str {
        "the full report as JSON (SPEC §4, schema_version 1)"
    }
    fn render(&self, report: &Report, _cx: &RenderCx<'_>) -> String {
        let mut s = serde_json::to_string_pretty(report)
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        s.push('\n');
        s
    }
}
