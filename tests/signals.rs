//! Issue 18 items 5, 6 and 10: a run that is interrupted ends every process it started and
//! leaves no temporary file; a report that cannot be written is an error, never a silent exit 0.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("gatekeep")
}

/// Live (non-zombie) state of a process, `None` once it is gone or a zombie.
fn alive(pid: i32) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let state = stat
        .rsplit_once(") ")
        .and_then(|x| x.1.chars().next())
        .unwrap_or('Z');
    state != 'Z'
}

fn wait_for(path: &Path, lines: usize) -> Vec<i32> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let t = std::fs::read_to_string(path).unwrap_or_default();
        let pids: Vec<i32> = t
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect();
        if pids.len() >= lines {
            return pids;
        }
        assert!(Instant::now() < deadline, "the commands never started");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn interrupt(sig: i32, want_code: i32) {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("gates.toml"),
        "[gates.hang]\nkind = \"command\"\nrun = \"echo $$ > pid; sleep 120 & echo $! >> pid; sleep 120\"\n\
         [gates.other]\nkind = \"command\"\nrun = \"echo $$ > pid2; exec sleep 120\"\n\
         [gates.lint]\nkind = \"diagnostics\"\nrun = \"echo $$ > pid3; exec sleep 120\"\n",
    )
    .unwrap();
    std::fs::create_dir(d.path().join("tmp")).unwrap();
    let child = Command::new(bin())
        .arg("check")
        .arg(d.path())
        .args([
            "-o",
            "json=out/report.json",
            "-o",
            "sarif=out/report.sarif",
            "-j",
            "3",
        ])
        .current_dir(d.path())
        .env("TMPDIR", d.path().join("tmp"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pids = wait_for(&d.path().join("pid"), 2);
    pids.extend(wait_for(&d.path().join("pid2"), 1));
    pids.extend(wait_for(&d.path().join("pid3"), 1));
    // The diagnostics tool's captured output: a scratch file of the run.
    assert_eq!(std::fs::read_dir(d.path().join("tmp")).unwrap().count(), 1);
    // SAFETY: signals our own child.
    unsafe { libc::kill(child.id() as i32, sig) };
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(want_code), "{stderr}");
    assert!(
        stderr.contains("gates interrupted: hang, other, lint"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty(), "no verdict from killed commands");
    for pid in pids {
        let deadline = Instant::now() + Duration::from_secs(5);
        while alive(pid) {
            assert!(Instant::now() < deadline, "process {pid} survived the run");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    // No report and no temporary file.
    let left: Vec<String> = walk(d.path())
        .into_iter()
        .filter(|p| {
            let name = p.rsplit('/').next().unwrap_or_default();
            name.ends_with(".tmp") || name.starts_with("report.")
        })
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let scratch = std::fs::read_dir(d.path().join("tmp")).unwrap().count();
    assert_eq!(scratch, 0, "the run's scratch files are removed");
}

fn walk(dir: &Path) -> Vec<String> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.file_type().unwrap().is_dir() {
            v.extend(walk(&e.path()));
        } else {
            v.push(e.path().display().to_string());
        }
    }
    v
}

#[test]
fn sigint_ends_every_command_and_exits_130() {
    interrupt(libc::SIGINT, 130);
}

#[test]
fn sigterm_ends_every_command_and_exits_143() {
    interrupt(libc::SIGTERM, 143);
}

#[test]
fn sighup_ends_every_command_and_exits_129() {
    interrupt(libc::SIGHUP, 129);
}

/// Ctrl-C in `gatekeep check 2>&1 | tee log` ends `tee` too: the run's stdout and stderr are
/// then broken pipes, and it must still end every command and exit, not hang.
#[test]
fn an_interrupt_with_stdout_and_stderr_gone_still_exits() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("gates.toml"),
        "[gates.hang]\nkind = \"command\"\nrun = \"echo $$ > pid; exec sleep 120\"\n",
    )
    .unwrap();
    let mut child = Command::new(bin())
        .arg("check")
        .arg(d.path())
        .current_dir(d.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pids = wait_for(&d.path().join("pid"), 1);
    // The reader at the other end of both pipes is gone.
    drop(child.stdout.take());
    drop(child.stderr.take());
    // SAFETY: signals our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    // A guard against a hang, not a timing assertion: a healthy run exits at once.
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("gatekeep hung after SIGINT with its output pipes closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130));
    let deadline = Instant::now() + Duration::from_secs(5);
    while alive(pids[0]) {
        assert!(Instant::now() < deadline, "the command survived the run");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A temporary file a killed (SIGKILL) run left next to a report is removed by the next run.
#[test]
fn the_next_run_sweeps_what_a_killed_run_left() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("gates.toml"),
        "[gates.ok]\nkind = \"command\"\nrun = \"true\"\n",
    )
    .unwrap();
    std::fs::create_dir(d.path().join("out")).unwrap();
    let stale = d.path().join("out/.gatekeep-2147483646-x1y2z3.tmp");
    std::fs::write(&stale, "{\"half").unwrap();
    let st = Command::new(bin())
        .arg("check")
        .arg(d.path())
        .args(["-o", "json=out/report.json"])
        .current_dir(d.path())
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(0));
    assert!(!stale.exists());
    assert!(d.path().join("out/report.json").exists());
}

/// Issue 18 item 10: a report that cannot be written to stdout is exit 2 with a message.
#[test]
fn a_failed_write_to_stdout_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("gates.toml"),
        "[gates.ok]\nkind = \"command\"\nrun = \"true\"\n",
    )
    .unwrap();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(bin())
        .arg("check")
        .arg(d.path())
        .args(["--format", "json"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot write the report to standard output"),
        "{stderr}"
    );
    // A closed pipe (`| head`) stays quiet and keeps the verdict's exit code.
    let mut child = Command::new(bin())
        .arg("check")
        .arg(d.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Issue 18 item 5: a process that escapes the group with `setsid` and holds the output open
/// does not turn a finished command into a timeout; the run says it was left behind.
#[test]
fn an_escaped_process_does_not_hold_the_run() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("gates.toml"),
        "[gates.escape]\nkind = \"command\"\ntimeout = \"20s\"\nrun = '''setsid sh -c 'echo $$ > pid; exec sleep 30' & while [ ! -s pid ]; do sleep 0.01; done; true'''\n",
    )
    .unwrap();
    let out = Command::new(bin())
        .arg("check")
        .arg(d.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    let pid: i32 = std::fs::read_to_string(d.path().join("pid"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // SAFETY: ends the test's own stray process.
    unsafe { libc::kill(pid, libc::SIGKILL) };
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("left processes behind"), "{stdout}");
}
