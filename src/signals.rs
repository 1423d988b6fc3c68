//! Ctrl-C, SIGTERM and SIGHUP end a run cleanly: every running command's process group is
//! ended (SIGTERM, then SIGKILL after a grace period), staged temporary files are removed, the
//! interrupted gates are named, and gatekeep exits 128 + the signal (130, 143, 129).
//!
//! The signals are blocked in every thread and taken by one thread with `sigwait`, so no
//! handler runs in an async-signal context. Commands are started with an empty signal mask
//! (the standard library resets it in the child).

use std::time::Duration;

/// How long commands get to end after SIGTERM before SIGKILL.
pub const GRACE: Duration = Duration::from_secs(2);

const SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// Blocks the signals and starts the thread that takes them. Call before any other thread
/// starts (threads inherit the mask). Does nothing if the thread cannot be started.
pub fn install() {
    // SAFETY: a zeroed sigset_t is initialised by sigemptyset before use; pthread_sigmask
    // only changes this thread's mask.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for s in SIGNALS {
            libc::sigaddset(&mut set, s);
        }
        set
    };
    // SAFETY: as above; blocks the signals in this thread and so in every thread it starts,
    // the signal thread included (sigwait takes blocked signals).
    unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) };
    let started = std::thread::Builder::new()
        .name("gatekeep-signals".into())
        .spawn(move || {
            loop {
                let mut sig: libc::c_int = 0;
                // SAFETY: a valid set and out-pointer.
                if unsafe { libc::sigwait(&set, &mut sig) } == 0 {
                    interrupted(sig);
                }
            }
        });
    if started.is_err() {
        // SAFETY: as above: back to the default behaviour.
        unsafe { libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut()) };
    }
}

fn name(sig: libc::c_int) -> &'static str {
    match sig {
        libc::SIGINT => "SIGINT",
        libc::SIGTERM => "SIGTERM",
        libc::SIGHUP => "SIGHUP",
        _ => "a signal",
    }
}

fn interrupted(sig: libc::c_int) -> ! {
    crate::interrupt::set();
    let gates = crate::runner::running_gates();
    let groups = crate::process::terminate_all(GRACE);
    let temps = crate::atomic::remove_pending();
    let mut msg = format!("\ngatekeep: interrupted by {}", name(sig));
    if gates.is_empty() {
        msg.push_str("; no gate was running");
    } else {
        msg.push_str(&format!("; gates interrupted: {}", gates.join(", ")));
    }
    if groups > 0 {
        msg.push_str(&format!("; {groups} running commands ended"));
    }
    if temps > 0 {
        msg.push_str(&format!("; {temps} unfinished files removed"));
    }
    // Not `eprintln!`: it panics when stderr is gone (`gatekeep check 2>&1 | tee log`, and
    // Ctrl-C ends `tee` too), and a panic here would end this thread, not the process: the
    // run would then wait at its checkpoint forever.
    {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "{msg}; no verdict");
    }
    std::process::exit(128 + sig)
}
