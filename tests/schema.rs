//! The config's JSON Schema: generated from the loader's types, committed, and checked against
//! every example config in the repo and the output of `init`.

use assert_cmd::Command;
use gatekeep::config::schema::{config_schema, node_to_json};
use gatekeep::config::value::{parse_toml, parse_yaml};
use std::path::Path;

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&config_schema()).expect("the schema compiles")
}

fn check(v: &jsonschema::Validator, name: &str, text: &str) {
    let node = if name.ends_with(".yaml") || name.ends_with(".yml") {
        parse_yaml(text)
    } else {
        parse_toml(text)
    }
    .unwrap_or_else(|e| panic!("{name}: {}", e.message));
    let doc = node_to_json(&node);
    let errors: Vec<String> = v
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{name} does not match the schema: {errors:#?}"
    );
}

#[test]
fn committed_schema_is_current() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/gates.schema.json"))
            .unwrap_or_default();
    let mut now = serde_json::to_string_pretty(&config_schema()).unwrap();
    now.push('\n');
    assert!(
        committed == now,
        "gates.schema.json is stale: run `cargo run -- schema > gates.schema.json`"
    );
}

#[test]
fn every_example_config_matches_the_schema() {
    let v = validator();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for entry in walkdir::WalkDir::new(root).into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        !(name == "target" || name == ".git" || name == "out")
    }) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if ["gates.toml", "gates.yaml", "gates.yml"].contains(&name.as_str()) {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            // Fixtures of deliberately broken configs are named *-invalid*; everything else must match.
            if entry.path().to_string_lossy().contains("invalid") {
                continue;
            }
            check(&v, &entry.path().display().to_string(), &text);
            n += 1;
        }
    }
    assert!(n >= 1, "no example configs found");
    // The kinds' own examples (the ones `explain` prints).
    for k in gatekeep::gates::KINDS {
        check(&v, &format!("example of {}", k.doc().kind), k.doc().example);
    }
    // The README's tour.
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    for block in readme.split("```toml").skip(1) {
        let text = block.split("```").next().unwrap();
        check(&v, "README.md", text);
    }
}

#[test]
fn init_output_matches_the_schema() {
    let v = validator();
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("src")).unwrap();
    std::fs::write(d.path().join("src/lib.rs"), "pub fn f() {}\n").unwrap();
    std::fs::write(d.path().join("pom.xml"), "<project/>").unwrap();
    std::fs::write(d.path().join("lcov.info"), "TN:\nend_of_record\n").unwrap();
    Command::cargo_bin("gatekeep")
        .unwrap()
        .arg("init")
        .arg(d.path())
        .assert()
        .success();
    check(
        &v,
        "init output",
        &std::fs::read_to_string(d.path().join("gates.toml")).unwrap(),
    );
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let v = validator();
    for bad in [
        "[gates.build]\nkind = \"command\"\nrnu = \"make\"\n",
        "[gate.xml]\n",
        "[gates.build]\nkind = \"command\"\nrun = \"make\"\nlevel = \"fatal\"\n",
        "[gates.build]\nkind = \"command\"\nrun = \"make\"\ninclude = [\"**\"]\n",
        "[gates.x]\nrun = \"make\"\n",
    ] {
        let doc = node_to_json(&parse_toml(bad).unwrap());
        assert!(!v.is_valid(&doc), "the schema accepted:\n{bad}");
    }
}
