//! Runs one `coverage` gate over reports and prints its metrics; used by bench/coverage.sh until
//! the `check` command can run a gates.toml with only a coverage gate.
//!
//! Usage: coverage_bench ROOT REPORT_GLOB...

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let root = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: coverage_bench ROOT REPORT_GLOB..."))?;
    let globs: Vec<String> = args.map(|a| format!("{a:?}")).collect();
    let opts = format!("reports = [{}]\nworst_files = 3", globs.join(", "));
    let out = gatekeep::gates::run_for_test("coverage", &opts, std::path::Path::new(&root))?;
    for m in &out.metrics {
        match m.ratio {
            Some((n, d)) => println!("{} = {:.4} ({n}/{d})", m.name, m.value),
            None => println!("{} = {}", m.name, m.value),
        }
    }
    for n in &out.notes {
        println!("note: {n}");
    }
    println!("findings: {}", out.findings.len());
    Ok(())
}
