//! `gatekeep schema`: the JSON Schema of the config, generated from the same types the loader
//! deserializes (schemars), so the two cannot drift. `gates.schema.json` is its committed output.

use crate::gates::KINDS;
use serde_json::{Map, Value, json};

fn schema_of<T: schemars::JsonSchema>(defs: &mut Map<String, Value>) -> Value {
    let mut v = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value();
    lift_defs(&mut v, defs);
    v
}

/// Moves a sub-schema's `$defs` into the document's, so `#/$defs/…` refs resolve at the root.
fn lift_defs(v: &mut Value, defs: &mut Map<String, Value>) {
    if let Some(obj) = v.as_object_mut() {
        if let Some(Value::Object(d)) = obj.remove("$defs") {
            for (k, val) in d {
                defs.insert(k, val);
            }
        }
        obj.remove("$schema");
        obj.remove("title");
    }
}

/// The whole config schema.
pub fn config_schema() -> Value {
    let mut defs = Map::new();
    let common = schema_of::<super::Common>(&mut defs);
    let common_props = common
        .get("properties")
        .cloned()
        .unwrap_or_else(|| json!({}));
    let kinds: Vec<&str> = KINDS.iter().map(|k| k.doc().kind).collect();
    let mut branches = Vec::new();
    for k in KINDS {
        let name = k.doc().kind;
        let mut opts = k.options_schema();
        lift_defs(&mut opts, &mut defs);
        let mut props = common_props.as_object().cloned().unwrap_or_default();
        props.insert(
            "kind".into(),
            json!({"const": name, "description": "the gate kind"}),
        );
        if !k.doc().reads_tree {
            props.remove("include");
            props.remove("exclude");
        }
        if let Some(Value::Object(p)) = opts.get("properties") {
            for (key, val) in p {
                props.insert(key.clone(), val.clone());
            }
        }
        let required = opts.get("required").cloned().unwrap_or_else(|| json!([]));
        defs.insert(
            format!("gate_{name}"),
            json!({
                "type": "object",
                "description": k.doc().summary,
                "properties": props,
                "required": required,
                "additionalProperties": false
            }),
        );
        branches.push(json!({
            "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
            "then": {"$ref": format!("#/$defs/gate_{name}")}
        }));
    }
    // A gate whose id names a kind may leave `kind` out.
    let mut by_id = Map::new();
    for name in &kinds {
        by_id.insert(
            name.to_string(),
            json!({
                "if": {"not": {"required": ["kind"]}},
                "then": {"$ref": format!("#/$defs/gate_{name}")},
                "else": {"$ref": "#/$defs/gate"}
            }),
        );
    }
    defs.insert(
        "gate".into(),
        json!({
            "type": "object",
            "description": "A gate; `kind` is required unless the gate's id names a kind.",
            "properties": {"kind": {"enum": kinds}},
            "required": ["kind"],
            "allOf": branches
        }),
    );
    let project = schema_of::<super::Project>(&mut defs);
    let waiver = schema_of::<super::RawWaiver>(&mut defs);
    let profile = schema_of::<super::RawProfile>(&mut defs);
    let signoff = schema_of::<super::SignoffConfig>(&mut defs);
    let workspace = schema_of::<super::WorkspaceConfig>(&mut defs);
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://gatekeep.dev/gates.schema.json",
        "title": "gatekeep config (gates.toml / gates.yaml)",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "project": project,
            "gates": {"type": "object", "properties": by_id, "additionalProperties": {"$ref": "#/$defs/gate"}},
            "waivers": {"type": "array", "items": waiver},
            "profiles": {"type": "object", "additionalProperties": profile},
            "signoff": signoff,
            "workspace": workspace
        },
        "$defs": defs
    })
}

/// A config node as JSON (TOML dates become strings), for validating configs against the schema.
pub fn node_to_json(n: &super::value::SNode) -> Value {
    use super::value::Node;
    match &n.node {
        Node::Null => Value::Null,
        Node::Bool(b) => json!(b),
        Node::Int(i) => json!(i),
        Node::Float(f) => json!(f),
        Node::Str(s) | Node::Date(s) => json!(s),
        Node::Seq(items) => Value::Array(items.iter().map(node_to_json).collect()),
        Node::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.name.clone(), node_to_json(v)))
                .collect(),
        ),
    }
}
