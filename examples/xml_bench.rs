//! Benchmark and conformance driver for the `xml` gate (until `gatekeep check` is wired).
//!
//! - `xml_bench gate ROOT [OPTIONS_TOML]`: runs the xml gate over a repository, prints metrics and
//!   wall time.
//! - `xml_bench files FILE...`: checks each file as an XML document and prints
//!   `ok|bad<TAB>errors<TAB>warnings<TAB>path` plus the first error (for the conformance script).
//! - `xml_bench files-local ROOT FILE...`: the same with `external = "local"` inside ROOT.
//! - `xml_bench files-valid ROOT FILE...`: also `validate = "dtd"` (`invalid` when only invalid).

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
        Some(mode @ ("files" | "files-local" | "files-valid")) => {
            // `files-local ROOT FILE...`: with `external = "local"` inside ROOT; `files-valid`
            // also validates against the DTD (`validate = "dtd"`): `invalid` when only invalid.
            let (root, files) = if mode != "files" {
                let r = args
                    .get(1)
                    .ok_or_else(|| anyhow::anyhow!("files-local ROOT FILE..."))?;
                (Some(std::path::PathBuf::from(r)), &args[2..])
            } else {
                (None, &args[1..])
            };
            for p in files {
                let path = std::path::Path::new(p);
                let local = root
                    .as_deref()
                    .and_then(|r| gatekeep::gates::xml::ext::Local::for_file(r, path));
                let o = if mode == "files-valid" {
                    let bytes = std::fs::read(path)?;
                    gatekeep::gates::xml::check_xml_bytes_with(&bytes, false, local, true)
                } else {
                    gatekeep::gates::xml::check_xml_file_streaming_local(path, false, local)?
                };
                let first = o
                    .issues
                    .iter()
                    .find(|i| {
                        i.level == gatekeep::gates::xml::checker::Level::Error
                            || i.rule.starts_with("xml/invalid-")
                    })
                    .map(|i| format!("{}:{}: {}", i.line, i.col, i.message))
                    .unwrap_or_default();
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    if o.errors > 0 {
                        "bad"
                    } else if o.invalid > 0 {
                        "invalid"
                    } else {
                        "ok"
                    },
                    o.errors,
                    o.warnings,
                    p,
                    first
                );
            }
        }
        Some("quickxml") => {
            // The alternative the design card named: quick-xml's reader with every check it
            // offers switched on (end names, comments), attributes iterated with duplicate checks.
            for p in &args[1..] {
                let t = Instant::now();
                let r = quick_xml_check(std::path::Path::new(p));
                println!(
                    "{}\t{:.3}s\t{}\t{}",
                    if r.is_ok() { "ok" } else { "bad" },
                    t.elapsed().as_secs_f64(),
                    p,
                    r.err().unwrap_or_default()
                );
            }
        }
        _ => anyhow::bail!(
            "usage: xml_bench gate ROOT [OPTIONS_TOML] | xml_bench files FILE... | xml_bench files-local ROOT FILE... | xml_bench files-valid ROOT FILE... | xml_bench quickxml FILE..."
        ),
    }
    Ok(())
}

fn quick_xml_check(path: &std::path::Path) -> Result<(), String> {
    use quick_xml::events::Event;
    let f = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut r = quick_xml::Reader::from_reader(std::io::BufReader::with_capacity(256 * 1024, f));
    let c = r.config_mut();
    c.check_end_names = true;
    c.check_comments = true;
    let mut buf = Vec::new();
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Eof) => return Ok(()),
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                for a in e.attributes() {
                    a.map_err(|e| e.to_string())?;
                }
            }
            Ok(_) => {}
            Err(e) => return Err(format!("{}: {e}", r.error_position())),
        }
        buf.clear();
    }
}
