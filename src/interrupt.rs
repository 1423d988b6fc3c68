//! Whether the run is being interrupted (a signal arrived). The signal thread sets it first;
//! code about to write or print the run's results calls [`checkpoint`], which waits there for
//! the signal thread to end the process, so an interrupted run never writes a verdict made
//! from commands it killed itself.

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Marks the run as interrupted.
pub fn set() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Whether the run is being interrupted.
pub fn is_set() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Waits forever if the run is being interrupted (the signal thread exits the process).
pub fn checkpoint() {
    while is_set() {
        std::thread::park_timeout(std::time::Duration::from_secs(1));
    }
}
