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
    // As `gatekeep::gates::run_for_test`, with the shared walk and the gate timed apart.
    let root = std::path::Path::new(root.as_str()).canonicalize()?;
    let kind = gatekeep::gates::kind("docs").ok_or_else(|| anyhow::anyhow!("no docs kind"))?;
    let node = gatekeep::config::value::parse_toml(opts)
        .map_err(|e| anyhow::anyhow!("{}: {}", e.pos, e.message))?;
    let gate = kind
        .configure(
            &node,
            &gatekeep::gates::ConfigCx {
                gate_id: "docs",
                config_dir: &root,
            },
        )
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let repo = gatekeep::walk::RepoIndex::scan(&root, &globset::GlobSet::empty(), 2)?;
    let walked = t.elapsed();
    let selector = gatekeep::walk::Selector::new(&[], &[])?;
    let cancel = gatekeep::gates::Cancel::default();
    let cx = gatekeep::gates::GateCx {
        id: "docs",
        root: &root,
        config_dir: &root,
        repo: &repo,
        selector: &selector,
        include: &[],
        base: None,
        baseline: None,
        cancel: &cancel,
        deadline: None,
        write_baseline: false,
    };
    let out = gate.run(&cx)?;
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
    println!(
        "wall: {:.3} s (shared walk {:.3} s, gate {:.3} s)",
        wall.as_secs_f64(),
        walked.as_secs_f64(),
        (wall - walked).as_secs_f64()
    );
    Ok(())
}
