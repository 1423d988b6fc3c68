//! Runs one `perf` gate with the given options (a TOML table body) in the current folder and
//! prints how many metrics it produced and the listed ones. Used by `bench/perf.sh` to time the
//! parsers on large generated inputs.
//!
//! Usage: `perf_parse_bench OPTIONS_TOML [METRIC…]`

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let options = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: perf_parse_bench OPTIONS_TOML [METRIC…]"))?;
    let dir = std::env::current_dir()?;
    let out = gatekeep::gates::run_for_test("perf", &options, &dir)?;
    println!("{} metrics", out.metrics.len());
    for name in args {
        match out.metrics.iter().find(|m| m.name == name) {
            Some(m) => println!("{name} = {}", m.value),
            None => println!("{name}: absent"),
        }
    }
    Ok(())
}
