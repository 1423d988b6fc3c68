//! Benchmark and conformance driver for the `xml` gate (until `gatekeep check` is wired).
//!
//! - `xml_bench gate ROOT [OPTIONS_TOML]`: runs the xml gate over a repository, prints metrics and
//!   wall time.
//! - `xml_bench files FILE...`: checks each file as an XML document and prints
//!   `ok|bad<TAB>errors<TAB>warnings<TAB>path` plus the first error (for the conformance script).

use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gate") => {
            let root = args
                .get(1)
                .ok_or_else(|| anyhow::anyhow!("gate ROOT [OPTIONS]"))?;
            let opts = args.get(2).cloned().unwrap_or_default();
            let t = Instant::now();
            let out = gatekeep::gates::run_for_test("xml", &opts, std::path::Path::new(root))?;
            let dt = t.elapsed();
            for m in &out.metrics {
                println!("{} = {}", m.name, m.value);
            }
            for n in &out.notes {
                println!("note: {n}");
            }
            for f in out.findings.iter().take(10) {
                println!(
                    "{}:{}:{}: {} {}",
                    f.path.as_deref().unwrap_or(""),
                    f.line.unwrap_or(0),
                    f.column.unwrap_or(0),
                    f.rule,
                    f.message
                );
            }
            println!("wall_seconds = {:.3}", dt.as_secs_f64());
        }
        Some("files") => {
            for p in &args[1..] {
                let path = std::path::Path::new(p);
                let o = gatekeep::gates::xml::check_xml_file_streaming(path, false)?;
                let first = o
                    .issues
                    .iter()
                    .find(|i| i.level == gatekeep::gates::xml::checker::Level::Error)
                    .map(|i| format!("{}:{}: {}", i.line, i.col, i.message))
                    .unwrap_or_default();
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    if o.errors == 0 { "ok" } else { "bad" },
                    o.errors,
                    o.warnings,
                    p,
                    first
                );
            }
        }
        _ => anyhow::bail!("usage: xml_bench gate ROOT [OPTIONS_TOML] | xml_bench files FILE..."),
    }
    Ok(())
}
