//! Measures a command with the `perf` gate's `run` source, as `check` would, and prints the
//! wall-time statistics (seconds, with the samples) and peak RSS (bytes) as one JSON object. Used by
//! `bench/perf.sh` to compare gatekeep's timing with hyperfine's.
//!
//! Usage: `perf_run_bench COMMAND RUNS WARMUP`

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [command, runs, warmup] = args.as_slice() else {
        anyhow::bail!("usage: perf_run_bench COMMAND RUNS WARMUP");
    };
    let runs: u32 = runs.parse()?;
    let warmup: u32 = warmup.parse()?;
    let options = format!(
        "sources = [{{ run = {}, runs = {runs}, warmup = {warmup} }}]",
        serde_json::to_string(command)?
    );
    let dir = std::env::current_dir()?;
    let out = gatekeep::gates::run_for_test("perf", &options, &dir)?;
    let mut obj = serde_json::Map::new();
    for m in &out.metrics {
        obj.insert(m.name.clone(), serde_json::json!(m.value));
        if let Some(s) = &m.samples {
            obj.insert(format!("{}.samples", m.name), serde_json::json!(s));
        }
    }
    println!("{}", serde_json::Value::Object(obj));
    Ok(())
}
