//! Runs the `junit` gate over report globs and prints its metrics, notes and finding count, with
//! the wall time. Used by `bench/junit.sh`:
//!
//! ```sh
//! cargo run --release --example junit_bench -- ROOT 'GLOB' ['GLOB' ...]
//! ```

use std::path::Path;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let root = args.next().unwrap_or_else(|| ".".into());
    let globs: Vec<String> = args.collect();
    let list = globs
        .iter()
        .map(|g| format!("{g:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    let options = format!("reports = [{list}]");
    let start = Instant::now();
    let out = gatekeep::gates::run_for_test("junit", &options, Path::new(&root))?;
    let elapsed = start.elapsed();
    for m in &out.metrics {
        println!("{} = {}", m.name, m.value);
    }
    for n in &out.notes {
        println!("note: {n}");
    }
    for f in out.findings.iter().take(20) {
        println!(
            "finding: {} {}:{} {}",
            f.rule,
            f.path.as_deref().unwrap_or("-"),
            f.line.map(|l| l.to_string()).unwrap_or_default(),
            f.message
        );
    }
    println!("findings: {}", out.findings.len());
    eprintln!("wall: {:.3} s", elapsed.as_secs_f64());
    Ok(())
}
