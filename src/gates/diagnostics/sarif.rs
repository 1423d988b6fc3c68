//! SARIF 2.1.0 from any linter. Each run's tool (`tool.driver.name`) names the findings; a
//! result's `ruleId` is its code, the rule's `shortDescription` its description. The level comes
//! from the result, else the rule's `defaultConfiguration`, else SARIF's default `warning`;
//! `note` and `none` are notes. Suppressed results, results whose `kind` is not `fail`, and
//! `baselineState: absent` ones are skipped. A run that reports it did not execute successfully,
//! or has no `results`, is an error: the tool did not finish.

use super::{Diag, Level, ParseError, Parsed, Sink, json};
use serde::Deserialize;

#[derive(Deserialize)]
struct Log {
    runs: Vec<Run>,
}

#[derive(Deserialize)]
struct Run {
    tool: Option<Tool>,
    results: Option<Vec<Res>>,
    #[serde(default)]
    invocations: Vec<Invocation>,
}

#[derive(Deserialize)]
struct Tool {
    driver: Driver,
}

#[derive(Deserialize)]
struct Driver {
    #[serde(default)]
    name: String,
    #[serde(default)]
    rules: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    #[serde(default)]
    id: String,
    short_description: Option<Text>,
    default_configuration: Option<Config>,
}

#[derive(Deserialize)]
struct Config {
    level: Option<String>,
}

#[derive(Deserialize)]
struct Text {
    text: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Res {
    rule_id: Option<String>,
    rule_index: Option<usize>,
    level: Option<String>,
    kind: Option<String>,
    message: Option<Text>,
    #[serde(default)]
    locations: Vec<Location>,
    #[serde(default)]
    suppressions: Vec<serde::de::IgnoredAny>,
    baseline_state: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: Option<Physical>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Option<Artifact>,
    region: Option<Region>,
}

#[derive(Deserialize)]
struct Artifact {
    uri: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: Option<u64>,
    start_column: Option<u64>,
}

pub fn parse(input: &mut dyn std::io::BufRead, sink: Sink<'_>) -> Parsed {
    let log: Log = serde_json::from_reader(input).map_err(json::err)?;
    for (ri, run) in log.runs.into_iter().enumerate() {
        let (name, rules) = match run.tool {
            Some(t) => (t.driver.name, t.driver.rules),
            None => (String::new(), Vec::new()),
        };
        let tool = if name.is_empty() {
            "sarif".to_string()
        } else {
            name.to_ascii_lowercase().replace(' ', "-")
        };
        if run
            .invocations
            .iter()
            .any(|i| i.execution_successful == Some(false))
        {
            return Err(ParseError::at_line(
                1,
                1,
                format!("run {ri} ({tool}): the tool reports it did not run successfully"),
            ));
        }
        let Some(results) = run.results else {
            return Err(ParseError::at_line(
                1,
                1,
                format!("run {ri} ({tool}) has no `results` array: the tool did not finish"),
            ));
        };
        for r in results {
            if !r.suppressions.is_empty()
                || r.kind.as_deref().is_some_and(|k| k != "fail")
                || r.baseline_state.as_deref() == Some("absent")
            {
                continue;
            }
            let rule = r.rule_index.and_then(|i| rules.get(i)).or_else(|| {
                r.rule_id
                    .as_deref()
                    .and_then(|id| rules.iter().find(|x| x.id == id))
            });
            let level = r
                .level
                .clone()
                .or_else(|| rule.and_then(|x| x.default_configuration.as_ref()?.level.clone()))
                .unwrap_or_else(|| "warning".into());
            let level = match level.as_str() {
                "error" => Level::Error,
                "note" | "none" => Level::Note,
                _ => Level::Warning,
            };
            let code = r.rule_id.clone().or_else(|| rule.map(|x| x.id.clone()));
            let description = rule.and_then(|x| x.short_description.as_ref()?.text.clone());
            let loc = r
                .locations
                .first()
                .and_then(|l| l.physical_location.as_ref());
            let path = loc.and_then(|p| p.artifact_location.as_ref()?.uri.clone());
            let region = loc.and_then(|p| p.region.as_ref());
            let mut d = Diag::new(level, r.message.and_then(|m| m.text).unwrap_or_default())
                .at(
                    path,
                    region.and_then(|g| g.start_line),
                    region.and_then(|g| g.start_column),
                )
                .code(code);
            d.description = description;
            d.tool = Some(tool.clone());
            sink(d);
        }
    }
    Ok(None)
}
