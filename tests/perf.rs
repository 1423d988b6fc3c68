//! Integration tests of the `perf` gate kind, on real tool outputs in `fixtures/perf/`.

use gatekeep::gates::{GateOutput, run_for_test};
use gatekeep::model::{Metric, Status, Unit};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/perf")
}

fn run(opts: &str) -> GateOutput {
    run_for_test("perf", opts, &fixtures()).unwrap_or_else(|e| panic!("{e:#}"))
}

fn err(opts: &str, root: &Path) -> String {
    match run_for_test("perf", opts, root) {
        Ok(o) => panic!("expected an error, got {:?}", o.metrics),
        Err(e) => format!("{e:#}"),
    }
}

fn metric<'a>(o: &'a GateOutput, name: &str) -> &'a Metric {
    o.metrics
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| {
            let names: Vec<&str> = o.metrics.iter().map(|m| m.name.as_str()).collect();
            panic!("no metric `{name}` in {names:?}")
        })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1e-300)
}

#[test]
fn hyperfine_export() {
    let o = run(r#"sources = [{ path = "hyperfine/hyperfine.json", name = "cli" }]"#);
    let m = metric(&o, "cli.sleep5ms.mean");
    assert_eq!(m.value, 0.011250385580000003);
    assert_eq!(m.unit, Unit::Seconds);
    assert_eq!(m.samples.as_ref().map(Vec::len), Some(20));
    // numpy.percentile(times, 95) = 0.011494505580000003 (numpy 2, linear)
    assert!(close(
        metric(&o, "cli.sleep5ms.p95").value,
        0.011494505580000003
    ));
    assert!(close(metric(&o, "cli.sh -c true.p95").value, 0.00738099938));
    for stat in [
        "stddev", "median", "min", "max", "user", "system", "p90", "p99",
    ] {
        metric(&o, &format!("cli.sleep5ms.{stat}"));
    }
    assert_eq!(metric(&o, "cli.sleep5ms.runs").value, 20.0);
    assert_eq!(metric(&o, "cli.sleep5ms.failed_runs").value, 0.0);
    // Samples only on the mean.
    assert!(metric(&o, "cli.sleep5ms.median").samples.is_none());
    assert!(o.notes.iter().any(|n| n.contains("hyperfine results")));
    let listing = o
        .notes
        .iter()
        .find(|n| n.starts_with("metrics available"))
        .unwrap();
    assert!(listing.contains("cli.sleep5ms.mean"), "{listing}");
}

#[test]
fn hyperfine_parameters_without_name() {
    let o = run(r#"sources = [{ path = "hyperfine/hyperfine-param.json" }]"#);
    metric(&o, "sleep 0.001.mean");
    metric(&o, "sleep 0.002.p95");
}

#[test]
fn criterion_folder() {
    let o = run(r#"sources = [{ path = "criterion", format = "criterion", name = "bench" }]"#);
    let m = metric(&o, "bench.fib 20.mean");
    // estimates.json: 18551.644180825755 ns
    assert!(close(m.value, 18551.644180825755e-9));
    assert_eq!(m.unit, Unit::Seconds);
    let s = m.samples.as_ref().unwrap();
    assert_eq!(s.len(), 20);
    // sample.json: times[0] / iters[0] = 18648.4530… ns
    assert!(close(s[0], 18648.453007518798e-9));
    metric(&o, "bench.sort/100.median");
    metric(&o, "bench.sort/1000.slope");
    metric(&o, "bench.sort/1000.mean.upper");
    assert_eq!(
        o.metrics
            .iter()
            .filter(|m| m.name.ends_with(".mean"))
            .count(),
        3
    );
}

#[test]
fn criterion_glob_detected() {
    let o = run(r#"sources = [{ path = "criterion/**/new/estimates.json" }]"#);
    metric(&o, "sort/100.mean");
}

#[test]
fn pytest_benchmark_json() {
    let o = run(r#"sources = [{ path = "pytest-benchmark/pytest-benchmark.json", name = "py" }]"#);
    let m = metric(&o, "py.test_fib15.mean");
    assert_eq!(m.value, 0.00010029103333219306);
    assert_eq!(m.samples.as_ref().map(Vec::len), Some(30));
    assert!(close(
        metric(&o, "py.test_fib15.p95").value,
        0.00011997715001257347
    ));
    assert_eq!(
        metric(&o, "py.test_sorted.ops").unit,
        Unit::Other("1/s".into())
    );
    metric(&o, "py.test_sorted.iqr");
}

#[test]
fn go_bench_text() {
    let o = run(r#"sources = [{ path = "gobench/gobench.txt", name = "go" }]"#);
    let m = metric(&o, "go.BenchmarkFib20.time_per_op");
    // -count 3: 119124, 63857, 68397 ns/op
    assert!(close(m.value, (119124.0 + 63857.0 + 68397.0) / 3.0 * 1e-9));
    assert_eq!(m.samples.as_ref().map(Vec::len), Some(3));
    assert_eq!(m.unit, Unit::Seconds);
    let b = metric(&o, "go.BenchmarkSort/n=1000.bytes_per_op");
    assert_eq!((b.value, &b.unit), (8216.0, &Unit::Bytes));
    assert_eq!(
        metric(&o, "go.BenchmarkSort/n=100.allocs_per_op").value,
        2.0
    );
    let t = metric(&o, "go.BenchmarkJoin.throughput");
    assert!(close(t.value, (97.02 + 94.14 + 99.65) / 3.0 * 1e6));
    assert_eq!(t.unit, Unit::Other("B/s".into()));
    let c = metric(&o, "go.BenchmarkJoin.bytes/op-joined");
    assert_eq!(c.value, 7.0);
    assert!(o.notes.iter().any(|n| n.contains("`-2`")));
}

#[test]
fn k6_handle_summary() {
    let o = run(r#"sources = [{ path = "k6/handle-summary-circleci-orb.json" }]"#);
    let p95 = metric(&o, "http_req_duration.p(95)");
    assert_eq!(p95.unit, Unit::Seconds);
    let raw: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("k6/handle-summary-circleci-orb.json")).unwrap(),
    )
    .unwrap();
    let ms = raw["metrics"]["http_req_duration"]["values"]["p(95)"]
        .as_f64()
        .unwrap();
    assert!(close(p95.value, ms / 1000.0));
    assert_eq!(metric(&o, "vus_max").value, 5.0);
    assert_eq!(metric(&o, "vus_max").unit, Unit::None);
    metric(&o, "vus_max.max");
    assert_eq!(metric(&o, "http_req_failed.rate").value, 0.0);
    assert_eq!(metric(&o, "data_received.count").unit, Unit::Bytes);
    metric(&o, "http_req_duration{expected_response:true}.avg");
    assert!(o.findings.is_empty(), "{:?}", o.findings);
    assert!(o.notes.iter().any(|n| n.contains("handleSummary")));
}

#[test]
fn k6_summary_export() {
    let o = run(
        r#"sources = [{ path = "k6/summary-export-ticket-reserve.json", format = "k6", name = "load" }]"#,
    );
    let p95 = metric(&o, "load.http_req_duration.p(95)");
    assert!(close(p95.value, 4101.811365e-3));
    assert_eq!(metric(&o, "load.checks.rate").value, 0.99);
    assert_eq!(metric(&o, "load.vus_max").value, 100.0);
    assert_eq!(metric(&o, "load.http_reqs.count").value, 100.0);
    assert_eq!(metric(&o, "load.data_sent.count").unit, Unit::Bytes);
    let o = run(r#"sources = [{ path = "k6/summary-export-qr-code-generator.json" }]"#);
    assert!(close(
        metric(&o, "http_req_duration.p(99.9)").value,
        787.1129890000226e-3
    ));
    assert_eq!(metric(&o, "http_req_duration.count").unit, Unit::None);
}

#[test]
fn k6_failed_thresholds_are_findings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("s.json"),
        r#"{"metrics": {
            "http_req_duration": {"type": "trend", "contains": "time", "values": {"p(95)": 812.5},
                                   "thresholds": {"p(95)<500": {"ok": false}}},
            "checks": {"passes": 9, "fails": 1, "value": 0.9, "thresholds": {"rate>0.95": true, "rate>0.5": false}}
        }}"#,
    )
    .unwrap();
    let o = run_for_test(
        "perf",
        r#"sources = [{ path = "s.json", format = "k6" }]"#,
        dir.path(),
    )
    .unwrap();
    let msgs: Vec<&str> = o.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("`p(95)<500`")));
    assert!(msgs.iter().any(|m| m.contains("`rate>0.95`")));
    assert_eq!(o.findings[0].rule, "perf/k6-threshold");
}

#[test]
fn generic_json_paths_and_units() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.json"),
        r#"{"results": [{"latency": {"p95": 6800, "samples": [6500, 6900, 7000]}, "rss_mb": 340}]}"#,
    )
    .unwrap();
    let o = run_for_test(
        "perf",
        r#"sources = [{ path = "r.json", name = "api", metrics = [
            { name = "p95", path = "results[0].latency.p95", unit = "ms" },
            { name = "lat", path = "results[0].latency.samples", unit = "ms" },
            { name = "rss", path = "results[0].rss_mb", unit = "MiB" },
            { name = "gone", path = "results[1].latency.p95", unit = "ms" },
        ] }]"#,
        dir.path(),
    )
    .unwrap();
    assert_eq!(metric(&o, "api.p95").value, 6.8);
    assert_eq!(metric(&o, "api.p95").unit, Unit::Seconds);
    let lat = metric(&o, "api.lat");
    assert!((lat.value - 6.8).abs() < 1e-12);
    assert_eq!(lat.samples.as_ref().map(Vec::len), Some(3));
    assert_eq!(metric(&o, "api.rss").value, 340.0 * 1024.0 * 1024.0);
    // Absent data is no metric (a threshold on it is ERROR), with a note saying why.
    assert!(o.metrics.iter().all(|m| m.name != "api.gone"));
    assert!(
        o.notes
            .iter()
            .any(|n| n.contains("nothing at `results[1].latency.p95`"))
    );
}

#[test]
fn csv_with_key_and_columns() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.csv"),
        "endpoint,p95_ms,rps,note\n/api,120.5,900,\"fast, ok\"\n/login,480,150,slow\n",
    )
    .unwrap();
    let o = run_for_test(
        "perf",
        r#"sources = [{ path = "r.csv", name = "load", key = "endpoint", columns = [
            { column = "p95_ms", name = "p95", unit = "ms" }, { column = "rps", unit = "req/s" } ] }]"#,
        dir.path(),
    )
    .unwrap();
    assert!((metric(&o, "load./login.p95").value - 0.48).abs() < 1e-15);
    assert_eq!(
        metric(&o, "load./api.rps").unit,
        Unit::Other("req/s".into())
    );
    // Without columns: every numeric column; without key: mean over rows with samples.
    let o = run_for_test("perf", r#"sources = [{ path = "r.csv" }]"#, dir.path()).unwrap();
    let p = metric(&o, "p95_ms");
    assert!(close(p.value, (120.5 + 480.0) / 2.0));
    assert_eq!(p.samples.as_ref().map(Vec::len), Some(2));
    assert!(
        o.metrics
            .iter()
            .all(|m| m.name != "note" && m.name != "endpoint")
    );
    // A bad number in a chosen column names file, line and column.
    std::fs::write(dir.path().join("bad.csv"), "a,b\n1,2\n3,x\n").unwrap();
    let e = err(
        r#"sources = [{ path = "bad.csv", columns = [{ column = "b" }] }]"#,
        dir.path(),
    );
    assert!(e.contains("bad.csv:3:3"), "{e}");
}

#[test]
fn baseline_file_goes_to_gate_output() {
    let o = run(
        r#"sources = [{ path = "hyperfine/hyperfine.json", name = "cli" }]
baseline = "hyperfine/hyperfine.json""#,
    );
    let b = o
        .baseline
        .iter()
        .find(|m| m.name == "cli.sleep5ms.mean")
        .unwrap();
    assert_eq!(b.value, 0.011250385580000003);
    assert_eq!(b.samples.as_ref().map(Vec::len), Some(20));
}

#[test]
fn config_errors() {
    let root = fixtures();
    let bad = |opts: &str| err(opts, &root);
    let e = bad(r#"sources = [{ path = "x.json", formt = "k6" }]"#);
    assert!(
        e.contains("unknown key `formt`") && e.contains("format"),
        "{e}"
    );
    let e = bad(r#"sources = [{ path = "x.json" }]
basline = "b.json""#);
    assert!(e.contains("unknown key `basline`"), "{e}");
    let e = bad(r#"sources = [{ path = "x.json", format = "hyperfin" }]"#);
    assert!(e.contains("hyperfine"), "{e}");
    let e = bad(r#"sources = [{ path = "x.json", run = "true" }]"#);
    assert!(e.contains("not both"), "{e}");
    let e = bad(r#"sources = [{ run = "true", runs = 0 }]"#);
    assert!(e.contains("`runs` must be between 1"), "{e}");
    let e = bad(r#"sources = [{ path = "../outside.json" }]"#);
    assert!(e.contains("leaves the repository"), "{e}");
    let e = bad(r#"sources = [{ path = "r.json", metrics = [{ name = "x", path = "a..b" }] }]"#);
    assert!(e.contains("invalid path"), "{e}");
    let e = bad(r#"sources = []"#);
    assert!(e.contains("at least one"), "{e}");
}

#[test]
fn input_errors_are_gate_errors() {
    let root = fixtures();
    let e = err(
        r#"sources = [{ path = "nope/*.json", format = "hyperfine" }]"#,
        &root,
    );
    assert!(e.contains("no file matches `nope/*.json`"), "{e}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("h.json"),
        "{\"results\": [\n  {\"command\": \"x\", \"mean\": }\n]}",
    )
    .unwrap();
    let e = err(
        r#"sources = [{ path = "h.json", format = "hyperfine" }]"#,
        dir.path(),
    );
    assert!(e.contains("h.json:2:"), "{e}");
    std::fs::write(
        dir.path().join("empty.txt"),
        "PASS\nok  \texample.com/x\t0.1s\n",
    )
    .unwrap();
    let e = err(
        r#"sources = [{ path = "empty.txt", format = "gobench" }]"#,
        dir.path(),
    );
    assert!(e.contains("no benchmark result lines"), "{e}");
    std::fs::write(dir.path().join("what.json"), "{\"x\": 1}").unwrap();
    let e = err(r#"sources = [{ path = "what.json" }]"#, dir.path());
    assert!(e.contains("cannot tell the format"), "{e}");
    let e = err(
        r#"sources = [{ path = "hyperfine/hyperfine.json" }]
baseline = "missing.json""#,
        &root,
    );
    assert!(
        e.contains("baseline file missing.json does not exist"),
        "{e}"
    );
}

#[test]
fn run_measures_peak_rss_of_a_known_allocation() {
    let dir = tempfile::tempdir().unwrap();
    // 200 MiB, every page touched, in a grandchild: `; true` makes the shell fork python
    // instead of exec'ing it, so this checks the process tree's peak, not only the shell's.
    let o = run_for_test(
        "perf",
        r#"sources = [{ run = "python3 -c 'b = bytearray(200*1024*1024)\nfor i in range(0, len(b), 4096): b[i] = 1'; true", runs = 2, warmup = 0, name = "alloc" }]"#,
        dir.path(),
    )
    .unwrap_or_else(|e| panic!("{e:#}"));
    let rss = metric(&o, "alloc.peak_rss");
    assert_eq!(rss.unit, Unit::Bytes);
    let mib = rss.value / 1024.0 / 1024.0;
    // The buffer plus the interpreter (~10 MiB).
    assert!((200.0..=240.0).contains(&mib), "peak_rss = {mib} MiB");
    assert_eq!(metric(&o, "alloc.exit_code").value, 0.0);
    assert_eq!(
        metric(&o, "alloc.wall.mean").samples.as_ref().map(Vec::len),
        Some(2)
    );
    for s in ["median", "p95", "max", "min", "stddev"] {
        assert_eq!(metric(&o, &format!("alloc.wall.{s}")).unit, Unit::Seconds);
    }
    assert_eq!(o.conditions.len(), 1);
    assert_eq!(o.conditions[0].status, Status::Pass);
    assert!(o.notes.iter().any(|n| n.contains("peak RSS")));
}

#[test]
fn run_failure_fails_without_timing() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_for_test(
        "perf",
        r#"sources = [{ run = "echo boom >&2; exit 3", runs = 3 }]"#,
        dir.path(),
    )
    .unwrap();
    assert_eq!(metric(&o, "exit_code").value, 3.0);
    assert!(o.metrics.iter().all(|m| !m.name.starts_with("wall.")));
    assert_eq!(o.conditions[0].status, Status::Fail);
    assert!(
        o.findings[0].message.contains("boom"),
        "{}",
        o.findings[0].message
    );
}

#[test]
fn run_timeout_is_an_error_and_concurrency_gives_samples() {
    let dir = tempfile::tempdir().unwrap();
    let e = err(
        r#"sources = [{ run = "sleep 5", runs = 1, warmup = 0, timeout = "200ms" }]"#,
        dir.path(),
    );
    assert!(e.contains("timed out"), "{e}");
    let o = run_for_test(
        "perf",
        r#"sources = [{ run = "sleep 0.05", runs = 2, warmup = 0, concurrency = 3 }]"#,
        dir.path(),
    )
    .unwrap();
    let m = metric(&o, "wall.mean");
    assert_eq!(m.samples.as_ref().map(Vec::len), Some(6));
    assert!(m.value >= 0.05 && m.value < 0.5, "{}", m.value);
}

#[test]
fn run_timing_is_accurate() {
    // 25 ms sleeps: the measured time must not include a polling delay (with a 10 ms polling
    // back-off the exit would be seen only at 32.6 ms).
    let dir = tempfile::tempdir().unwrap();
    let o = run_for_test(
        "perf",
        r#"sources = [{ run = "sleep 0.025", runs = 7, warmup = 1 }]"#,
        dir.path(),
    )
    .unwrap();
    let m = metric(&o, "wall.median").value;
    // Only what is stable on a shared machine: a 25 ms sleep never measures less than 25 ms,
    // and the figure is a wall time in seconds, not a count of polling intervals. The polling
    // delay itself is measured by bench/perf.sh, never timed in a unit test.
    assert!(m >= 0.025, "median {m} is below the sleep itself");
    assert!(m < 5.0, "median {m} is not seconds");
}

/// Writes a hyperfine export with one command whose `times` are given (in ms).
fn hyperfine_file(path: &Path, times_ms: &[f64]) {
    let times: Vec<f64> = times_ms.iter().map(|t| t / 1000.0).collect();
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    let doc = serde_json::json!({"results": [{
        "command": "api", "mean": mean, "stddev": null, "median": mean,
        "user": 0.0, "system": 0.0, "min": mean, "max": mean,
        "times": times, "exit_codes": vec![0; times_ms.len()]
    }]});
    std::fs::write(path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
}

/// The significance rule end to end: current and baseline read from hyperfine files with the
/// `baseline` option, decided by `stats::confirm_regression` as the core calls it.
#[test]
fn significance_of_baseline_regressions() {
    use gatekeep::stats::confirm_regression;
    use gatekeep::threshold::Threshold;
    let z = [-1.5, -1.0, -0.5, -0.2, 0.0, 0.2, 0.5, 1.0, 1.5, 0.0];
    let th = Threshold::parse("bench.api.mean <= baseline + 2%").unwrap();
    let decide = |base: Vec<f64>, cur: Vec<f64>| {
        let dir = tempfile::tempdir().unwrap();
        hyperfine_file(&dir.path().join("base.json"), &base);
        hyperfine_file(&dir.path().join("cur.json"), &cur);
        let o = run_for_test(
            "perf",
            r#"sources = [{ path = "cur.json", name = "bench" }]
baseline = "base.json""#,
            dir.path(),
        )
        .unwrap();
        let c = metric(&o, "bench.api.mean").clone();
        let b = o
            .baseline
            .iter()
            .find(|m| m.name == c.name)
            .unwrap()
            .clone();
        let target = th.resolve(Some(b.value)).unwrap();
        assert!(!th.op.holds(c.value, target), "the plain comparison fails");
        confirm_regression(
            th.op,
            c.samples.as_deref().unwrap(),
            b.samples.as_deref().unwrap(),
            target,
        )
        .unwrap()
    };
    // Noisy (sd ≈ 8.9 ms on 100 ms), +3%: beyond the 2% tolerance by 1%, p ≈ 0.4: noise.
    let base: Vec<f64> = z.iter().map(|z| 100.0 + 10.0 * z).collect();
    let cur: Vec<f64> = base.iter().map(|x| x * 1.03).collect();
    let d = decide(base, cur);
    assert!(!d.fails, "{}", d.note);
    assert!(d.note.contains("p = 0.4"), "{}", d.note);
    // Clean (sd ≈ 0.4 ms), +10%: a regression.
    let base: Vec<f64> = z.iter().map(|z| 100.0 + 0.5 * z).collect();
    let cur: Vec<f64> = z.iter().map(|z| 110.0 + 0.5 * z).collect();
    let d = decide(base, cur);
    assert!(d.fails, "{}", d.note);
    assert!(d.note.contains("Welch's t-test"), "{}", d.note);
}

/// A threshold on a metric no source produced: the metric is absent (the core makes the
/// condition ERROR), the notes list what exists, and `nearest_metric` names the likely one.
#[test]
fn missing_metric_is_absent_listed_and_suggested() {
    use gatekeep::gates::perf::nearest_metric;
    let o = run(r#"sources = [{ path = "hyperfine/hyperfine.json", name = "cli" }]"#);
    let names: Vec<String> = o.metrics.iter().map(|m| m.name.clone()).collect();
    assert!(!names.contains(&"cli.sleep5ms.p50".to_string()));
    let listing = o
        .notes
        .iter()
        .find(|n| n.starts_with("metrics available"))
        .unwrap();
    for n in &names {
        assert!(listing.contains(n.as_str()));
    }
    assert_eq!(
        nearest_metric("cli.sleep5ms.meen", &names).as_deref(),
        Some("cli.sleep5ms.mean")
    );
    assert_eq!(
        nearest_metric("sleep5ms.mean", &names).as_deref(),
        Some("cli.sleep5ms.mean")
    );
    assert_eq!(nearest_metric("vus_max", &names), None);
}

#[test]
fn hyperfine_failed_runs_are_counted_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("h.json"),
        r#"{"results": [{"command": "flaky", "mean": 0.5, "stddev": 0.1, "median": 0.5,
            "user": 0.1, "system": 0.0, "min": 0.4, "max": 0.6, "times": [0.4, 0.5, 0.6],
            "exit_codes": [0, 1, null]}]}"#,
    )
    .unwrap();
    let o = run_for_test("perf", r#"sources = [{ path = "h.json" }]"#, dir.path()).unwrap();
    assert_eq!(metric(&o, "flaky.failed_runs").value, 2.0);
    assert_eq!(o.findings.len(), 1);
    assert_eq!(o.findings[0].rule, "perf/failed-runs");
    assert!(o.findings[0].message.contains("2 of 3 runs"));
}
