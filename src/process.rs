//! Running external commands safely: in their own process group, with a timeout that kills the
//! whole group, with output kept to a bounded tail, and with the OS's own peak-memory accounting.

use regex::Regex;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::io::AsRawFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::cancel::Cancel;

/// What to run.
#[derive(Clone, Debug)]
pub struct Spec {
    /// A shell command line, run with `sh -c`.
    pub run: String,
    pub cwd: PathBuf,
    pub env: Vec<(String, String)>,
    pub timeout: Duration,
    /// Lines of output matching this are counted.
    pub count: Option<Regex>,
    /// How much of the end of the output to keep (bytes).
    pub tail_bytes: usize,
}

/// How the command ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    Signal(i32),
    TimedOut,
    Cancelled,
}

/// The result of running a command.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub exit: Exit,
    pub duration: Duration,
    /// The last `tail_bytes` of stdout and stderr, interleaved as read.
    pub tail: String,
    /// Output lines matching `count`.
    pub matches: u64,
    /// The first matching lines (at most 20), for findings.
    pub matched_lines: Vec<String>,
    /// Peak resident memory of the process tree (bytes), from `wait4`'s rusage.
    pub peak_rss: Option<u64>,
    /// Processes of the group still alive after the command exited, which were killed.
    pub killed_leftovers: bool,
    /// Processes outside the group (started with `setsid`) still held the command's output
    /// open after it ended: they were left behind, and gatekeep stopped reading.
    pub escaped: bool,
    pub pid: u32,
}

/// How much of a command's output the gates keep for their error messages.
pub const TAIL: usize = 4096;

/// The last `n` lines of a command's output, for an error message.
pub fn last_lines(s: &str, n: usize) -> String {
    let lines: Vec<&str> = s.trim_end().lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// Single-quotes a word for `sh -c`.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Longest line kept for matching; a longer line is cut (the rest still counts as one line).
const MAX_LINE: usize = 64 * 1024;

struct Sink {
    tail: VecDeque<u8>,
    tail_bytes: usize,
    matches: u64,
    matched: Vec<String>,
}

impl Sink {
    fn line(&mut self, line: &[u8], count: Option<&Regex>) {
        let text = String::from_utf8_lossy(line);
        if let Some(re) = count
            && re.is_match(&text)
        {
            self.matches += 1;
            if self.matched.len() < 20 {
                self.matched.push(text.trim_end().to_string());
            }
        }
        self.tail.extend(line.iter());
        self.tail.push_back(b'\n');
        while self.tail.len() > self.tail_bytes {
            self.tail.pop_front();
        }
    }
}

/// Waits until `fd` has data or is closed (true), or `stop` is set (false).
fn readable(fd: i32, stop: &AtomicBool) -> bool {
    loop {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        let mut p = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd on a descriptor this thread owns.
        let r = unsafe { libc::poll(&mut p, 1, 50) };
        if r > 0
            || (r < 0 && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted)
        {
            return true;
        }
    }
}

/// Reads one output pipe to its end, or until `stop`: a process that escaped the command's
/// group (`setsid`) can hold the pipe open forever. Returns whether the end was reached.
fn pump(
    mut r: impl Read + AsRawFd,
    sink: Arc<Mutex<Sink>>,
    count: Option<Regex>,
    stop: Arc<AtomicBool>,
) -> bool {
    let fd = r.as_raw_fd();
    let mut reader = BufReader::with_capacity(64 * 1024, &mut r);
    let mut line: Vec<u8> = Vec::new();
    let mut overflow = false;
    let mut ended = true;
    loop {
        if reader.buffer().is_empty() && !readable(fd, &stop) {
            ended = false;
            break;
        }
        let buf = match reader.fill_buf() {
            Ok([]) => break,
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        let n = buf.len();
        let mut start = 0;
        for (i, &b) in buf.iter().enumerate() {
            if b == b'\n' {
                if !overflow {
                    line.extend_from_slice(&buf[start..i]);
                }
                if let Ok(mut s) = sink.lock() {
                    s.line(&line, count.as_ref());
                }
                line.clear();
                overflow = false;
                start = i + 1;
            }
        }
        if !overflow {
            let rest = &buf[start..];
            let room = MAX_LINE.saturating_sub(line.len());
            line.extend_from_slice(&rest[..rest.len().min(room)]);
            overflow = rest.len() > room;
        }
        reader.consume(n);
    }
    if !line.is_empty()
        && let Ok(mut s) = sink.lock()
    {
        s.line(&line, count.as_ref());
    }
    ended
}

/// Process groups of the commands running now, for [`terminate_all`].
static LIVE: Mutex<Vec<i32>> = Mutex::new(Vec::new());

fn live() -> std::sync::MutexGuard<'static, Vec<i32>> {
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Ends every running command's process group (for a signal handler): SIGTERM, then SIGKILL
/// to the groups still alive after `grace`. Returns how many groups there were.
pub fn terminate_all(grace: Duration) -> usize {
    let groups: Vec<i32> = live().clone();
    for &g in &groups {
        // SAFETY: kill(2) on a process group this process started.
        unsafe { libc::kill(-g, libc::SIGTERM) };
    }
    let deadline = Instant::now() + grace;
    while groups.iter().any(|&g| group_alive(g)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    for &g in &groups {
        if group_alive(g) {
            kill_group(g);
        }
    }
    groups.len()
}

/// Keeps a group in [`LIVE`] while it runs.
struct Registered(i32);

impl Registered {
    fn new(pgid: i32) -> Registered {
        live().push(pgid);
        Registered(pgid)
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        live().retain(|&g| g != self.0);
    }
}

fn kill_group(pgid: i32) {
    // SAFETY: kill(2) with a negative pid signals the process group; no memory is touched.
    unsafe {
        libc::kill(-pgid, libc::SIGKILL);
    }
}

/// Whether any process of the group is still alive.
fn group_alive(pgid: i32) -> bool {
    // SAFETY: signal 0 only checks for existence.
    unsafe { libc::kill(-pgid, 0) == 0 }
}

/// A pidfd for `pid` (Linux ≥ 5.3), which becomes readable when the process exits; `None`
/// where the kernel has none.
fn pidfd_open(pid: u32) -> Option<i32> {
    // SAFETY: pidfd_open(2) takes a pid and flags and returns a new fd or -1.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid as libc::pid_t, 0) };
    (fd >= 0).then_some(fd as i32)
}

/// Waits up to `max` for the child to exit: poll(2) on its pidfd wakes at the exit itself, so
/// the measured duration does not include a polling delay; without a pidfd, sleeps.
fn wait_exit(pidfd: Option<i32>, max: Duration) {
    if let Some(fd) = pidfd {
        let mut p = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = max.as_millis().clamp(1, i32::MAX as u128) as i32;
        // SAFETY: one valid pollfd; the result only tells whether to look again.
        unsafe { libc::poll(&mut p, 1, ms) };
        return;
    }
    std::thread::sleep(max);
}

/// Runs the command to completion, timeout or cancellation.
pub fn run(spec: &Spec, cancel: Option<&Cancel>) -> anyhow::Result<Outcome> {
    use anyhow::Context;
    let mut cmd = Command::new("sh");
    // gatekeep:ignore[rs-command-shell] the command gate runs its configured command line
    cmd.arg("-c")
        .arg(&spec.run)
        .current_dir(&spec.cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    for (k, v) in &spec.env {
        cmd.env(k, v);
    }
    let start = Instant::now();
    let mut child = cmd.spawn().with_context(|| {
        format!(
            "cannot start `sh -c {}` in {}",
            spec.run,
            spec.cwd.display()
        )
    })?;
    let pid = child.id();
    let pgid = pid as i32;
    let registered = Registered::new(pgid);
    let pidfd = pidfd_open(pid);
    let stop = Arc::new(AtomicBool::new(false));
    let sink = Arc::new(Mutex::new(Sink {
        tail: VecDeque::new(),
        tail_bytes: spec.tail_bytes.max(1),
        matches: 0,
        matched: Vec::new(),
    }));
    let mut pumps = Vec::new();
    if let Some(out) = child.stdout.take() {
        let (s, c, st) = (sink.clone(), spec.count.clone(), stop.clone());
        pumps.push(std::thread::spawn(move || pump(out, s, c, st)));
    }
    if let Some(err) = child.stderr.take() {
        let (s, c, st) = (sink.clone(), spec.count.clone(), stop.clone());
        pumps.push(std::thread::spawn(move || pump(err, s, c, st)));
    }

    let mut status: libc::c_int = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut ended: Option<Exit> = None;
    let mut sleep = Duration::from_micros(200);
    loop {
        // SAFETY: wait4 on our own child pid with valid pointers.
        let r = unsafe { libc::wait4(pgid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pgid {
            let st = std::process::ExitStatus::from_raw(status);
            ended = Some(match (st.code(), st.signal()) {
                (Some(c), _) => Exit::Code(c),
                (None, Some(s)) => Exit::Signal(s),
                _ => Exit::Code(-1),
            });
            break;
        }
        if r < 0 {
            break;
        }
        let timed_out = start.elapsed() >= spec.timeout;
        let cancelled = cancel.is_some_and(|c| c.is_cancelled());
        if timed_out || cancelled {
            kill_group(pgid);
            // SAFETY: as above; blocking reap of the killed child.
            unsafe { libc::wait4(pgid, &mut status, 0, &mut usage) };
            ended = Some(if timed_out {
                Exit::TimedOut
            } else {
                Exit::Cancelled
            });
            break;
        }
        wait_exit(pidfd, sleep);
        sleep = (sleep * 2).min(Duration::from_millis(10));
    }
    let duration = start.elapsed();
    if let Some(fd) = pidfd {
        // SAFETY: our own fd, closed once.
        unsafe { libc::close(fd) };
    }
    // Anything the command left running in its group would keep the pipes open: end it.
    let killed_leftovers = group_alive(pgid);
    if killed_leftovers {
        kill_group(pgid);
    }
    drop(registered);
    // The group is gone; a process outside it (`setsid`) may still hold the pipes. Drain for a
    // moment, then stop reading: the command has finished, it must not become a timeout.
    let drain_until = Instant::now() + Duration::from_secs(1);
    while pumps.iter().any(|p| !p.is_finished()) && Instant::now() < drain_until {
        std::thread::sleep(Duration::from_millis(5));
    }
    stop.store(true, Ordering::Relaxed);
    let mut escaped = false;
    for p in pumps {
        escaped |= !p.join().unwrap_or(true);
    }
    // The pumps are joined: take what they collected.
    let (tail_bytes, matches, matched) = {
        let mut g = sink.lock().unwrap_or_else(|e| e.into_inner());
        (
            Vec::from(std::mem::take(&mut g.tail)),
            g.matches,
            std::mem::take(&mut g.matched),
        )
    };
    let rss = usage.ru_maxrss;
    Ok(Outcome {
        exit: ended.unwrap_or(Exit::Code(-1)),
        duration,
        tail: String::from_utf8_lossy(&tail_bytes).into_owned(),
        matches,
        matched_lines: matched,
        peak_rss: (rss > 0).then(|| rss as u64 * 1024),
        killed_leftovers,
        escaped,
        pid,
    })
}

/// A program run with arguments (no shell), for [`run_piped`].
pub struct Piped<'a> {
    pub program: &'a str,
    pub args: &'a [String],
    pub cwd: &'a std::path::Path,
    /// Written to the program's standard input, which is then closed.
    pub input: Vec<u8>,
    /// When the program (and the reading of its output) must have finished.
    pub deadline: Instant,
}

/// How a [`run_piped`] program ended.
#[derive(Clone, Debug)]
pub struct PipedOutcome {
    pub exit: Exit,
    /// The last [`TAIL`] bytes of its standard error.
    pub stderr: String,
    /// The reader asked to stop before the end of the output (the group was then killed).
    pub stopped: bool,
}

/// Reads standard output in chunks and hands each to `on_out` until the end, `stop`, or
/// `on_out` returning false. Returns whether `on_out` stopped it.
fn feed(
    mut r: impl Read + AsRawFd,
    on_out: &mut (dyn FnMut(&[u8]) -> bool + Send),
    stop: &AtomicBool,
) -> bool {
    let fd = r.as_raw_fd();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        if !readable(fd, stop) {
            return false;
        }
        match r.read(&mut buf) {
            Ok(0) => return false,
            Ok(n) => {
                if !on_out(&buf[..n]) {
                    return true;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// Runs a program with arguments in its own process group, as [`run`] does a shell command:
/// the deadline and cancellation kill the whole group, and so does the end of the program
/// (anything it left running). Its standard input gets `input`; its standard output goes to
/// `on_out` as it arrives (on another thread; returning false stops the program), whole, however
/// long; its standard error is kept to a tail. Reading the output counts against the deadline.
pub fn run_piped(
    p: &Piped<'_>,
    cancel: Option<&Cancel>,
    on_out: &mut (dyn FnMut(&[u8]) -> bool + Send),
) -> anyhow::Result<PipedOutcome> {
    use anyhow::Context;
    use std::io::Write;
    let mut child = Command::new(p.program)
        .args(p.args)
        .current_dir(p.cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .with_context(|| format!("cannot start `{}` in {}", p.program, p.cwd.display()))?;
    let pgid = child.id() as i32;
    let registered = Registered::new(pgid);
    let pidfd = pidfd_open(child.id());
    let stop = AtomicBool::new(false);
    let stopped = AtomicBool::new(false);
    let sink = Arc::new(Mutex::new(Sink {
        tail: VecDeque::new(),
        tail_bytes: TAIL,
        matches: 0,
        matched: Vec::new(),
    }));
    let (stdin, stdout, stderr) = (child.stdin.take(), child.stdout.take(), child.stderr.take());
    let exit = std::thread::scope(|sc| {
        if let Some(mut w) = stdin {
            let input = &p.input;
            // A program that exits without reading it all closes the pipe: the write fails
            // (SIGPIPE is ignored in Rust programs), which is no error here.
            sc.spawn(move || {
                let _ = w.write_all(input);
            });
        }
        let reader = stdout.map(|r| {
            let (stop, stopped) = (&stop, &stopped);
            sc.spawn(move || {
                if feed(r, on_out, stop) {
                    stopped.store(true, Ordering::Relaxed);
                }
            })
        });
        let err_stop = Arc::new(AtomicBool::new(false));
        let err_reader = stderr.map(|r| {
            let (s, st) = (sink.clone(), err_stop.clone());
            sc.spawn(move || pump(r, s, None, st))
        });
        let mut status: libc::c_int = 0;
        let mut ended: Option<Exit> = None;
        let mut sleep = Duration::from_micros(200);
        let over = || {
            if cancel.is_some_and(|c| c.is_cancelled()) {
                Some(Exit::Cancelled)
            } else if Instant::now() >= p.deadline {
                Some(Exit::TimedOut)
            } else {
                None
            }
        };
        loop {
            // SAFETY: waitpid on our own child pid with a valid pointer.
            let r = unsafe { libc::waitpid(pgid, &mut status, libc::WNOHANG) };
            if r == pgid {
                let st = std::process::ExitStatus::from_raw(status);
                ended = Some(match (st.code(), st.signal()) {
                    (Some(c), _) => Exit::Code(c),
                    (None, Some(s)) => Exit::Signal(s),
                    _ => Exit::Code(-1),
                });
                break;
            }
            if r < 0 {
                break;
            }
            let why = over().or_else(|| stopped.load(Ordering::Relaxed).then_some(Exit::Cancelled));
            if let Some(why) = why {
                kill_group(pgid);
                // SAFETY: as above; blocking reap of the killed child.
                unsafe { libc::waitpid(pgid, &mut status, 0) };
                ended = Some(why);
                break;
            }
            wait_exit(pidfd, sleep);
            sleep = (sleep * 2).min(Duration::from_millis(10));
        }
        if group_alive(pgid) {
            kill_group(pgid);
        }
        // The program has ended; what it wrote is still to be read (and handed on) by the
        // deadline.
        if let Some(h) = &reader {
            while !h.is_finished() {
                if let Some(why) = over() {
                    stop.store(true, Ordering::Relaxed);
                    ended = Some(why);
                    break;
                }
                std::thread::sleep(Duration::from_millis(2));
            }
        }
        let drain_until = Instant::now() + Duration::from_secs(1);
        while err_reader.as_ref().is_some_and(|h| !h.is_finished()) && Instant::now() < drain_until
        {
            std::thread::sleep(Duration::from_millis(5));
        }
        err_stop.store(true, Ordering::Relaxed);
        ended.unwrap_or(Exit::Code(-1))
    });
    if let Some(fd) = pidfd {
        // SAFETY: our own fd, closed once.
        unsafe { libc::close(fd) };
    }
    drop(registered);
    let tail = {
        let mut g = sink.lock().unwrap_or_else(|e| e.into_inner());
        Vec::from(std::mem::take(&mut g.tail))
    };
    Ok(PipedOutcome {
        exit,
        stderr: String::from_utf8_lossy(&tail).trim().to_string(),
        stopped: stopped.load(Ordering::Relaxed),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Live (non-zombie) processes of a group, from /proc.
    fn live_in_group(pgid: i32) -> Vec<i32> {
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            let mut live = Vec::new();
            for e in std::fs::read_dir("/proc").unwrap().flatten() {
                let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
                    continue;
                };
                // pid (comm) state ppid pgrp ...
                let Some(rest) = stat.rsplit_once(") ").map(|x| x.1) else {
                    continue;
                };
                let f: Vec<&str> = rest.split_whitespace().collect();
                if f.len() > 2 && f[2] == pgid.to_string() && f[0] != "Z" {
                    live.push(e.file_name().to_string_lossy().parse().unwrap_or(0));
                }
            }
            if live.is_empty() || Instant::now() > deadline {
                return live;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn spec(run: &str, timeout_ms: u64) -> Spec {
        Spec {
            run: run.into(),
            cwd: std::env::temp_dir(),
            env: vec![("GK_TEST".into(), "hello".into())],
            timeout: Duration::from_millis(timeout_ms),
            count: Some(Regex::new(r"error TS\d+").unwrap()),
            tail_bytes: 64,
        }
    }

    #[test]
    fn exit_code_env_and_count() {
        let o = run(
            &spec(
                "echo $GK_TEST; echo 'a.ts(1,2): error TS2322: x'; echo 'error TS7006' >&2; exit 3",
                10_000,
            ),
            None,
        )
        .unwrap();
        assert_eq!(o.exit, Exit::Code(3));
        assert_eq!(o.matches, 2);
        assert!(o.tail.contains("hello"));
    }

    #[test]
    fn bounded_tail_on_large_output() {
        let o = run(&spec("yes 0123456789 | head -c 20000000", 30_000), None).unwrap();
        assert_eq!(o.exit, Exit::Code(0));
        assert!(o.tail.len() <= 64, "{}", o.tail.len());
    }

    #[test]
    fn timeout_kills_the_whole_group() {
        let o = run(&spec("sleep 30 & sleep 30; echo never", 300), None).unwrap();
        assert_eq!(o.exit, Exit::TimedOut);
        assert!(o.duration < Duration::from_secs(5));
        assert_eq!(
            live_in_group(o.pid as i32),
            Vec::<i32>::new(),
            "process group {} still alive",
            o.pid
        );
    }

    #[test]
    fn leftover_background_processes_are_killed() {
        let o = run(&spec("sleep 30 & echo started", 10_000), None).unwrap();
        assert_eq!(o.exit, Exit::Code(0));
        assert!(o.killed_leftovers);
        assert_eq!(live_in_group(o.pid as i32), Vec::<i32>::new());
        assert!(o.duration < Duration::from_secs(5));
    }

    #[test]
    fn not_found_is_127() {
        let o = run(&spec("definitely-not-a-command-gk", 10_000), None).unwrap();
        assert_eq!(o.exit, Exit::Code(127));
        assert!(o.tail.contains("not found"));
    }

    #[test]
    fn peak_rss_is_measured() {
        let o = run(
            &spec("head -c 50000000 /dev/zero | tail -c 1 >/dev/null", 30_000),
            None,
        )
        .unwrap();
        assert!(o.peak_rss.unwrap_or(0) > 0);
    }

    fn piped(program: &str, args: &[&str], input: &[u8], secs: u64) -> (PipedOutcome, Vec<u8>) {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let mut got = Vec::new();
        let o = run_piped(
            &Piped {
                program,
                args: &args,
                cwd: &std::env::temp_dir(),
                input: input.to_vec(),
                deadline: Instant::now() + Duration::from_secs(secs),
            },
            None,
            &mut |b: &[u8]| {
                got.extend_from_slice(b);
                true
            },
        )
        .unwrap();
        (o, got)
    }

    #[test]
    fn piped_input_reaches_the_program_and_all_output_comes_back() {
        // More than a pipe holds both ways: the input is written while the output is read.
        let input: Vec<u8> = (0..3_000_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        let (o, got) = piped("cat", &[], &input, 60);
        assert_eq!(o.exit, Exit::Code(0));
        assert_eq!(got, input);
        let (o, _) = piped("sh", &["-c", "echo oops >&2; exit 3"], b"", 60);
        assert_eq!((o.exit, o.stderr.as_str()), (Exit::Code(3), "oops"));
    }

    #[test]
    fn piped_deadline_kills_the_whole_group() {
        let (o, got) = piped("sh", &["-c", "sleep 30 & echo $$; sleep 30"], b"", 1);
        assert_eq!(o.exit, Exit::TimedOut);
        let pgid: i32 = String::from_utf8_lossy(&got).trim().parse().unwrap();
        assert_eq!(live_in_group(pgid), Vec::<i32>::new());
    }

    #[test]
    fn piped_reader_can_stop_the_program() {
        let args = vec!["-c".to_string(), "echo $$; exec yes".to_string()];
        let mut first = Vec::new();
        let o = run_piped(
            &Piped {
                program: "sh",
                args: &args,
                cwd: &std::env::temp_dir(),
                input: Vec::new(),
                deadline: Instant::now() + Duration::from_secs(60),
            },
            None,
            &mut |b: &[u8]| {
                first.extend_from_slice(b);
                false
            },
        )
        .unwrap();
        assert!(o.stopped);
        let text = String::from_utf8_lossy(&first);
        let pgid: i32 = text.lines().next().unwrap().trim().parse().unwrap();
        assert_eq!(live_in_group(pgid), Vec::<i32>::new());
    }
}
