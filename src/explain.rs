//! `gatekeep explain` and the config reference, written from the kinds' own documentation so
//! the two cannot drift from the code.

use crate::gates::{FindingDoc, KINDS, KindDoc, RuleInfo};
use std::fmt::Write;

/// `gatekeep explain KIND`.
pub fn kind_text(d: &KindDoc) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# `{}` — {}\n", d.kind, d.summary);
    let _ = writeln!(s, "{}\n", d.description.trim());
    let _ = writeln!(s, "## Options\n");
    let _ = writeln!(
        s,
        "Every gate also takes `kind`, `level`, `thresholds`, `timeout`, `profiles`{}.",
        if d.reads_tree {
            ", `include`, `exclude`"
        } else {
            ""
        }
    );
    if !d.default_include.is_empty() {
        let _ = writeln!(
            s,
            "Default `include`: {}.",
            d.default_include
                .iter()
                .map(|g| format!("`{g}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if d.options.is_empty() {
        let _ = writeln!(s, "This kind has no options of its own.");
    } else {
        let _ = writeln!(
            s,
            "\n| option | type | default | meaning |\n|---|---|---|---|"
        );
        for o in d.options {
            let _ = writeln!(
                s,
                "| `{}` | {} | {} | {} |",
                o.name,
                o.ty,
                o.default,
                o.description.replace('\n', " ")
            );
        }
    }
    let _ = writeln!(s, "\n## Metrics\n");
    if d.metrics.is_empty() {
        let _ = writeln!(s, "Metric names come from the data (see above).");
    } else {
        let _ = writeln!(s, "| metric | unit | meaning |\n|---|---|---|");
        for m in d.metrics {
            let _ = writeln!(
                s,
                "| `{}` | {} | {} |",
                m.name,
                if m.unit.is_empty() { "—" } else { m.unit },
                m.description.replace('\n', " ")
            );
        }
    }
    let _ = writeln!(
        s,
        "\nA metric that has no data (e.g. 0 of 0) is absent, and a threshold on it is ERROR, never PASS."
    );
    let ids: Vec<&FindingDoc> = crate::gates::FINDING_DOCS
        .iter()
        .flat_map(|d| d.iter())
        .filter(|f| f.id.split('/').next() == Some(d.kind))
        .collect();
    if !ids.is_empty() {
        let _ = writeln!(s, "\n## Findings\n");
        let _ = writeln!(s, "| id | what |\n|---|---|");
        for f in ids {
            let _ = writeln!(s, "| `{}` | {} |", f.id, f.summary);
        }
        let _ = writeln!(s, "\n`gatekeep explain ID` says more about each.");
    }
    let _ = writeln!(s, "\n## Default thresholds\n");
    if d.default_thresholds.is_empty() {
        let _ = writeln!(s, "None: `thresholds` is required.");
    } else {
        for t in d.default_thresholds {
            let _ = writeln!(s, "- `{t}`");
        }
    }
    if !d.integrity.is_empty() {
        let _ = writeln!(
            s,
            "\n## Always checked\n\nThe input's integrity, checked whatever `thresholds` says \
             (a threshold on the same metric replaces it):\n"
        );
        for t in d.integrity {
            let _ = writeln!(s, "- `{t}`");
        }
    }
    let _ = writeln!(s, "\n## Example\n\n```toml\n{}\n```", d.example.trim_end());
    s
}

/// `gatekeep explain ID` for a finding id of a gate kind (`xml/amp`, `coverage/low-file`).
pub fn finding_text(f: &FindingDoc) -> String {
    let kind = f.id.split('/').next().unwrap_or_default();
    format!(
        "# `{}` — {}\n\nreported by the `{kind}` gate (`gatekeep explain {kind}`)\n\n{}\n",
        f.id,
        f.summary,
        f.description.trim()
    )
}

/// What `gatekeep explain TOPIC` prints: a kind, a finding id, a security rule (also as its
/// finding id `security/<rule>`), a finding ingested from another scanner
/// (`security/<tool>/<rule>`), or a CodeClimate check of gatekeep's own (`gatekeep/…`).
pub fn topic_text(topic: &str) -> Option<String> {
    if let Some(k) = crate::gates::kind(topic) {
        return Some(kind_text(k.doc()));
    }
    if let Some(f) = crate::gates::finding_doc(topic) {
        return Some(finding_text(f));
    }
    let ingested = topic.strip_prefix("security/");
    let rule = ingested.unwrap_or(topic);
    for k in KINDS {
        if let Some(r) = k.rule(rule) {
            return Some(rule_text(&r));
        }
    }
    if let Some((old, new, why)) = crate::gates::security::rules::retired(rule) {
        let list: Vec<String> = new.iter().map(|n| format!("`{n}`")).collect();
        return Some(format!(
            "# `{old}` — retired\n\nThis rule is gone: {why}. A config or a `gatekeep:ignore[{old}]` \
             naming it applies to {} (`gatekeep explain` each).\n",
            list.join(" and ")
        ));
    }
    if let Some((tool, id)) = ingested.and_then(|r| r.split_once('/')) {
        return Some(format!(
            "# `{topic}` — a finding of {tool}\n\nThe `security` gate read it from {tool}'s report \
             (`reports = [...]`) and kept {tool}'s own rule id `{id}`: see {tool}'s documentation \
             of that rule. Its severity is {tool}'s, mapped onto gatekeep's \
             (`gatekeep explain security`).\n"
        ));
    }
    if let Some(rest) = topic.strip_prefix("diagnostics/") {
        let (tool, code) = rest.split_once('/').unwrap_or((rest, ""));
        let what = if code.is_empty() {
            format!("a diagnostic {tool} printed without a code")
        } else {
            format!("{tool}'s diagnostic `{code}`")
        };
        return Some(format!(
            "# `{topic}` — {what}

The `diagnostics` gate read it from {tool}'s output and kept              {tool}'s own code: see {tool}'s documentation of it. It counts in `errors`,              `warnings` or `notes` by {tool}'s own severity{}, and the table lists the most              frequent codes (`gatekeep explain diagnostics`).
",
            if code.is_empty() {
                String::new()
            } else {
                format!(", and in `code.{code}`")
            }
        ));
    }
    if topic == "gatekeep/signoff" || topic.starts_with("gatekeep/signoff/") {
        return Some(
            "# `gatekeep/signoff` — a release sign-off that is missing or stale\n\n\
             In a release decision (`check --release`), each role of `[signoff] required` without a \
             sign-off for the current code, config and gate results is an issue. Record one with \
             `gatekeep signoff --role ROLE --name NAME`.\n"
                .into(),
        );
    }
    if let Some(rest) = topic.strip_prefix("gatekeep/")
        && let Some((gate, metric)) = rest.rsplit_once('/')
    {
        return Some(format!(
            "# `{topic}` — a condition that failed\n\nIn CodeClimate reports, a failed or ERROR \
             condition of gate `{gate}` on metric `{metric}`; it points at the threshold's line in \
             the config. `gatekeep check` says why it failed.\n"
        ));
    }
    None
}

/// Every topic `gatekeep explain` knows by name: kinds, finding ids, security rules (for
/// suggestions and shell completion).
pub fn topics() -> Vec<String> {
    let mut out: Vec<String> = KINDS.iter().map(|k| k.doc().kind.to_string()).collect();
    out.extend(
        crate::gates::FINDING_DOCS
            .iter()
            .flat_map(|d| d.iter())
            .map(|f| f.id.to_string()),
    );
    for k in KINDS {
        out.extend(k.rule_ids());
    }
    out
}

/// `gatekeep explain RULE`.
pub fn rule_text(r: &RuleInfo) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# `{}` — {}\n", r.id, r.short);
    let _ = writeln!(
        s,
        "severity: {}{}",
        r.severity,
        r.cwe
            .as_deref()
            .map(|c| format!(" · {c}"))
            .unwrap_or_default()
    );
    if !r.tags.is_empty() {
        let _ = writeln!(s, "tags: {}", r.tags.join(", "));
    }
    let _ = writeln!(s, "\n{}", r.help.trim());
    s
}

/// The config reference (docs/CONFIG.md), generated from the config loader's own types (their
/// JSON Schema, as `gatekeep schema` prints it) and every kind's doc, so it cannot drift.
pub fn reference() -> String {
    let schema = crate::config::schema::config_schema();
    let mut s = String::from(
        "<!-- Generated by `gatekeep reference` from the config loader's types and the gate kinds' own docs. Do not edit by hand. -->\n\
         # gatekeep configuration reference\n\n\
         A config is `gates.toml` (or `gates.yaml` / `gates.yml` with the same structure; one per\n\
         folder). Its tables: [`[project]`](#project), `[gates.<id>]` (the [gate kinds](#gate-kinds)),\n\
         [`[[waivers]]`](#waivers), `[profiles.<name>]`, [`[signoff]`](#signoff),\n\
         [`[workspace]`](#workspace). `gatekeep schema` prints the same as a JSON Schema.\n\n",
    );
    let top = &schema["properties"];
    for (key, heading, node) in [
        ("project", "`[project]`", &top["project"]),
        ("waivers", "`[[waivers]]`", &top["waivers"]["items"]),
        (
            "profiles",
            "`[profiles.<name>]`",
            &top["profiles"]["additionalProperties"],
        ),
        ("signoff", "`[signoff]`", &top["signoff"]),
        ("workspace", "`[workspace]`", &top["workspace"]),
    ] {
        let _ = writeln!(s, "## {heading}\n");
        if let Some(d) = node["description"].as_str() {
            let _ = writeln!(s, "{}\n", d.trim());
        }
        s.push_str(&keys_table(node));
        if key == "profiles" {
            s.push_str("\nA gate with `profiles = [\"<name>\"]` runs only under those profiles.\n");
        }
        s.push('\n');
    }
    let common = schemars::schema_for!(crate::config::Common).to_value();
    s.push_str("## Keys every gate takes\n\n");
    s.push_str(
        "| key | type | meaning |\n|---|---|---|\n\
         | `kind` | string | the gate kind; defaults to the gate's id when the id names a kind |\n",
    );
    s.push_str(&keys_rows(&common));
    s.push_str(
        "\n## Thresholds\n\n\
         `op` is one of `< <= > >= == !=`. Values take an optional unit: `%`; time `ns us ms s m h`;\n\
         size `B KB MB GB` (powers of 1000) and `KiB MiB GiB` (powers of 1024). `baseline`,\n\
         `baseline + N` / `baseline - N` (absolute, in the metric's unit or with a unit) and\n\
         `baseline + N%` (relative to the baseline value) compare with `--baseline` (a JSON report\n\
         of an earlier run). Comparisons are exact; rounding is for display only.\n\n\
         ## Gate kinds\n\n",
    );
    for k in KINDS {
        let d = k.doc();
        let heading = format!("`{}` — {}", d.kind, d.summary);
        let _ = writeln!(
            s,
            "- [`{}`](#{}) — {}",
            d.kind,
            github_slug(&heading),
            d.summary
        );
    }
    s.push('\n');
    for k in KINDS {
        let text = kind_text(k.doc());
        // Demote headings one level inside the reference.
        for line in text.lines() {
            if line.starts_with('#') {
                let _ = writeln!(s, "#{line}");
            } else {
                let _ = writeln!(s, "{line}");
            }
        }
        s.push('\n');
    }
    s
}

/// The keys of a table in the schema, as a Markdown table (with its header).
fn keys_table(node: &serde_json::Value) -> String {
    format!(
        "| key | type | meaning |\n|---|---|---|\n{}",
        keys_rows(node)
    )
}

/// One row per key of a schema object: its name, type (required or not) and description.
fn keys_rows(node: &serde_json::Value) -> String {
    let required: Vec<&str> = node["required"]
        .as_array()
        .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    let mut s = String::new();
    if let Some(props) = node["properties"].as_object() {
        for (k, v) in props {
            let _ = writeln!(
                s,
                "| `{k}` | {}{} | {} |",
                type_name(v),
                if required.contains(&k.as_str()) {
                    ", required"
                } else {
                    ""
                },
                v["description"]
                    .as_str()
                    .unwrap_or("—")
                    .replace('\n', " ")
                    .replace('|', "\\|")
            );
        }
    }
    s
}

/// `string`, `list of strings`, `table`, … from a schema node.
fn type_name(v: &serde_json::Value) -> String {
    if let Some(r) = v["$ref"].as_str() {
        return r.rsplit('/').next().unwrap_or(r).to_lowercase();
    }
    if let Some(e) = v["enum"].as_array() {
        return e
            .iter()
            .filter_map(|x| x.as_str())
            .map(|x| format!("`{x}`"))
            .collect::<Vec<_>>()
            .join(" \\| ");
    }
    let types: Vec<&str> = match &v["type"] {
        serde_json::Value::String(t) => vec![t.as_str()],
        serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
        _ => vec![],
    };
    match types.iter().find(|t| **t != "null").copied() {
        Some("array") => format!("list of {}s", type_name(&v["items"])),
        Some("object") => "table".into(),
        Some(t) => t.into(),
        None if v.get("anyOf").is_some() || v.get("oneOf").is_some() => {
            let alts = v.get("anyOf").or_else(|| v.get("oneOf"));
            alts.and_then(|a| a.as_array())
                .map(|a| {
                    a.iter()
                        .filter(|x| x["type"] != "null")
                        .map(type_name)
                        .collect::<Vec<_>>()
                        .join(" or ")
                })
                .unwrap_or_else(|| "value".into())
        }
        None => "value".into(),
    }
}

/// The anchor GitHub gives a heading: lower case, punctuation dropped (but `-` and `_`),
/// spaces to `-`.
pub fn github_slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_documents_itself() {
        for k in KINDS {
            let d = k.doc();
            assert!(!d.summary.is_empty(), "{}", d.kind);
            assert!(d.example.contains("[gates."), "{} example", d.kind);
            let t = kind_text(d);
            assert!(t.contains(&format!("`{}`", d.kind)));
            // The example is a valid config.
            crate::config::parse(
                d.example,
                "example",
                crate::config::Syntax::Toml,
                std::path::Path::new("."),
            )
            .unwrap_or_else(|e| panic!("example of {} does not load: {e}", d.kind));
        }
    }

    #[test]
    fn slugs_like_github() {
        assert_eq!(
            github_slug("`xml` — XML 1.0 well-formedness"),
            "xml--xml-10-well-formedness"
        );
        assert_eq!(
            github_slug("Keys every gate takes"),
            "keys-every-gate-takes"
        );
    }

    #[test]
    fn reference_documents_every_table_from_the_loader_types() {
        let r = reference();
        for heading in [
            "## `[project]`",
            "## `[[waivers]]`",
            "## `[profiles.<name>]`",
            "## `[signoff]`",
            "## `[workspace]`",
            "## Keys every gate takes",
        ] {
            assert!(r.contains(heading), "{heading} missing");
        }
        // Every key the loader accepts is in the reference, with a description.
        let schema = crate::config::schema::config_schema();
        let top = &schema["properties"];
        for node in [
            &top["project"],
            &top["waivers"]["items"],
            &top["profiles"]["additionalProperties"],
            &top["signoff"],
            &top["workspace"],
        ] {
            for (k, v) in node["properties"].as_object().unwrap() {
                assert!(r.contains(&format!("| `{k}` |")), "`{k}` missing");
                assert!(v["description"].is_string(), "`{k}` has no description");
            }
        }
        for k in [
            "history", "members", "required", "expires", "levels", "profiles",
        ] {
            assert!(r.contains(&format!("| `{k}` |")), "`{k}` missing");
        }
    }

    /// Every finding id written in the gates' source (`"xml/amp"`, `"coverage/low-file"`, …).
    fn finding_ids_in_source() -> std::collections::BTreeSet<String> {
        let mut ids = std::collections::BTreeSet::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/gates"
        ))];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                    continue;
                }
                if p.extension().is_none_or(|x| x != "rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&p).unwrap();
                for k in KINDS
                    .iter()
                    .map(|k| k.doc().kind)
                    // Their ids are made from rule registries and the tools' own codes.
                    .filter(|k| *k != "security" && *k != "diagnostics")
                {
                    let open = format!("\"{k}/");
                    for (at, _) in text.match_indices(&open) {
                        let rest = &text[at + open.len()..];
                        let Some(end) = rest.find('"') else { continue };
                        let name = &rest[..end];
                        // `"xml/invalid-"` is a prefix the code matches, not an id.
                        if name.starts_with(|c: char| c.is_ascii_lowercase())
                            && !name.ends_with('-')
                            && name
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                        {
                            ids.insert(format!("{k}/{name}"));
                        }
                    }
                }
            }
        }
        ids
    }

    #[test]
    fn diagnostics_ids_are_explained_from_the_tools_codes() {
        let t = topic_text("diagnostics/tsc/TS2322").unwrap_or_default();
        assert!(
            t.contains("tsc's diagnostic `TS2322`") && t.contains("`code.TS2322`"),
            "{t}"
        );
        let t = topic_text("diagnostics/eslint").unwrap_or_default();
        assert!(t.contains("without a code"), "{t}");
    }

    #[test]
    fn every_finding_id_is_explained() {
        let ids = finding_ids_in_source();
        for must in [
            "xml/amp",
            "xml/xxe",
            "coverage/low-file",
            "coverage/headline-mismatch",
        ] {
            assert!(ids.contains(must), "{must} not found in the source");
        }
        let known: Vec<&str> = crate::gates::FINDING_DOCS
            .iter()
            .flat_map(|d| d.iter())
            .map(|f| f.id)
            .collect();
        for id in &ids {
            // A string that names a test fixture path such as `"docs/notes"` is not an id;
            // every real id is documented.
            let text = topic_text(id).unwrap_or_else(|| panic!("`gatekeep explain {id}` fails"));
            assert!(
                known.contains(&id.as_str()),
                "{id} has no FindingDoc where its kind is defined"
            );
            assert!(text.contains(id.as_str()));
        }
        // No doc for an id the source never reports.
        for k in &known {
            if k.starts_with("security/") {
                // The security source is not scanned (rule ids); check its own ids directly.
                let src = include_str!("gates/security/mod.rs");
                assert!(
                    src.matches(&format!("\"{k}\"")).count() >= 2,
                    "{k} is never reported"
                );
                continue;
            }
            assert!(ids.contains(*k), "{k} is documented but never reported");
        }
        // Security rules explain under their finding ids too; ingested findings name their tool.
        assert!(topic_text("security/py-eval").unwrap().contains("py-eval"));
        assert!(
            topic_text("security/semgrep/python.lang.eval")
                .unwrap()
                .contains("semgrep")
        );
        assert!(topic_text("coverage/nope").is_none());
    }

    #[test]
    fn committed_reference_is_current() {
        let committed =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/CONFIG.md"))
                .unwrap_or_default();
        assert!(
            committed == reference(),
            "docs/CONFIG.md is stale: run `cargo run -- reference > docs/CONFIG.md`"
        );
    }
}
