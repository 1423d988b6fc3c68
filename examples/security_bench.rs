//! Runs the `security` gate on a tree, as `gatekeep check` would (one walk, shared reads), for
//! benchmarks and accuracy measurements: the gate as `check` runs it, without the CLI's reports.
//!
//! `cargo run --release --example security_bench -- ROOT [--json] [--options 'TOML']`
//! prints the wall time, the metrics and (with `--json`) one JSON line per finding.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut root = None;
    let mut json = false;
    let mut options = String::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--options" => options = args.next().unwrap_or_default(),
            _ => root = Some(a),
        }
    }
    let Some(root) = root else {
        eprintln!("usage: security_bench ROOT [--json] [--options TOML]");
        std::process::exit(2);
    };
    let t = Instant::now();
    let out = match gatekeep::gates::run_for_test("security", &options, std::path::Path::new(&root))
    {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(1);
        }
    };
    let wall = t.elapsed();
    if json {
        let kind = gatekeep::gates::kind("security");
        for f in &out.findings {
            let category = kind
                .and_then(|k| k.rule(&f.rule))
                .and_then(|r| r.tags.get(1).cloned())
                .unwrap_or_else(|| "ingested".to_string());
            println!(
                "{}",
                serde_json::json!({"rule": f.rule, "category": category, "severity": f.severity, "path": f.path, "line": f.line, "column": f.column, "flow": f.flow.iter().map(|s| s.line).collect::<Vec<_>>()})
            );
        }
    }
    let metrics: Vec<String> = out
        .metrics
        .iter()
        .map(|m| format!("{}={}", m.name, m.value))
        .collect();
    eprintln!("wall {:.3}s  {}", wall.as_secs_f64(), metrics.join(" "));
    for n in &out.notes {
        eprintln!("note: {n}");
    }
}
