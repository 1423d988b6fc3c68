//! Helpers shared by the browser tests (`html_browser.rs`, `readiness_browser.rs`).

use std::path::{Path, PathBuf};

/// Debian's Chromium (or another Chromium-family browser) on the PATH.
pub fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|n| {
            std::process::Command::new("which")
                .arg(n)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        })
}

/// Runs headless Chromium with the offline flags and a fresh profile; its standard output.
pub fn run_chromium(bin: &Path, profile: &Path, args: &[String]) -> String {
    let out = std::process::Command::new("timeout")
        .arg("120")
        .arg(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
