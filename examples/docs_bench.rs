//! Runs the `docs` gate on a folder and prints its metrics, notes and the time taken.
//!
//! `cargo run --release --example docs_bench -- ROOT ['OPTIONS TOML']`
//! e.g. `… -- /tmp/requests 'languages = ["python"]'`. With `-v`, lists undocumented items too.

use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let args: Vec<&String> = args.iter().filter(|a| *a != "-v").collect();
    let Some(root) = args.first() else {
        anyhow::bail!("usage: docs_bench [-v] ROOT ['OPTIONS TOML']");
    };
    let opts = args.get(1).map(|s| s.as_str()).unwrap_or("");
    let t = Instant::now();
    let out = gatekeep::gates::run_for_test("docs", opts, std::path::Path::new(root.as_str()))?;
    let wall = t.elapsed();
    for m in &out.metrics {
        println!("{:<24} {}", m.name, m.value);
    }
    for n in &out.notes {
        println!("note: {n}");
    }
    if verbose {
        for f in &out.findings {
            println!(
                "{} {}:{} {}",
                f.rule,
                f.path.as_deref().unwrap_or(""),
                f.line.unwrap_or(0),
                f.message
            );
        }
    }
    println!("findings: {}", out.findings.len());
    println!("wall: {:.3} s", wall.as_secs_f64());
    Ok(())
}
