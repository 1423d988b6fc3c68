//! The readiness report's HTML in a real browser: headless Chromium (Debian's `chromium`),
//! offline flags, a fresh profile. Renders `gatekeep report --format html` for the demo, checks
//! the DOM, prints it to PDF (the `@media print` / `@page { size: A4 }` styles: A4 pages, no page
//! wider than A4) and saves a screenshot at A4 width under target/ for review.
//! Skipped, with a message, only when Chromium is not installed (`.ci/run` installs it).

use assert_cmd::Command;
use common::{chromium, run_chromium};
use std::path::Path;

mod common;

/// A copy of the demo (its `__pycache__` left out).
fn demo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    for e in walkdir::WalkDir::new(&src)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let rel = e.path().strip_prefix(&src).unwrap();
        if rel.components().any(|c| c.as_os_str() == "__pycache__") {
            continue;
        }
        let to = d.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(e.path(), to).unwrap();
    }
    d
}

#[test]
fn readiness_report_in_headless_chromium_prints_on_a4() {
    let Some(bin) = chromium() else {
        eprintln!(
            "SKIPPED: chromium is not installed (apt-get install chromium); .ci/run installs it"
        );
        return;
    };
    let d = demo();
    let out = tempfile::tempdir().unwrap();
    let html = out.path().join("readiness.html");
    Command::cargo_bin("gatekeep")
        .unwrap()
        .env("GATEKEEP_TODAY", "2026-11-21")
        .args([
            "report",
            "--profile",
            "fast-track",
            "--format",
            "html",
            "-o",
        ])
        .arg(&html)
        .arg(d.path())
        .assert()
        .code(1);
    let url = format!("file://{}", html.display());
    let profile = out.path().join("profile");
    let dom = run_chromium(&bin, &profile, &["--dump-dom".into(), url.clone()]);
    for id in [
        "summary",
        "gates",
        "blockers",
        "risks",
        "attested",
        "checklists",
        "approvals",
        "decision",
    ] {
        assert!(
            dom.contains(&format!("<section id=\"{id}\"")),
            "section {id} missing"
        );
    }
    assert!(dom.contains("Kadri Tamm"), "attestation missing");
    assert!(dom.contains("Pre-Deployment"), "checklist section missing");
    assert!(dom.contains("[Pending]"), "approvals missing");

    // Printed: A4 pages (595 × 842 pt), and not many of them.
    let pdf = out.path().join("readiness.pdf");
    run_chromium(
        &bin,
        &profile,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
            url.clone(),
        ],
    );
    let bytes = std::fs::read(&pdf).expect("a PDF");
    let text = String::from_utf8_lossy(&bytes);
    let boxes: Vec<&str> = text
        .match_indices("/MediaBox")
        .map(|(i, _)| &text[i..(i + 40).min(text.len())])
        .collect();
    assert!(!boxes.is_empty(), "no page in the PDF");
    for b in &boxes {
        let nums: Vec<f64> = b
            .trim_start_matches("/MediaBox")
            .trim_start()
            .trim_start_matches('[')
            .split(|c: char| c == ']' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .take(4)
            .filter_map(|s| s.parse().ok())
            .collect();
        assert_eq!(nums.len(), 4, "{b}");
        assert!(
            (nums[2] - 595.0).abs() < 2.0 && (nums[3] - 842.0).abs() < 2.0,
            "not an A4 page: {b}"
        );
    }
    assert!(boxes.len() <= 4, "{} pages", boxes.len());

    // A screenshot at A4 width (794 px at 96 dpi) for review.
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("readiness-report.png");
    run_chromium(
        &bin,
        &profile,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=794,2400".into(),
            url,
        ],
    );
    assert!(
        std::fs::metadata(&shot)
            .map(|m| m.len() > 10_000)
            .unwrap_or(false),
        "no screenshot"
    );
    eprintln!("screenshot: {}  pdf pages: {}", shot.display(), boxes.len());
}
