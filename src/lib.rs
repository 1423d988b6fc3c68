//! gatekeep: decides whether a repository is ready to ship.
//!
//! Layout: [`cli`] parses the command line; [`config`] loads and validates `gates.toml`;
//! [`walk`] lists the repo once for every gate; [`gates`] holds one module per gate kind;
//! [`runner`] runs the gates concurrently; [`verdict`] turns results into GO / NO-GO;
//! [`report`] writes one format per module.

pub mod atomic;
pub mod attest;
pub mod cancel;
pub mod changes;
pub mod cli;
pub mod config;
pub mod date;
pub mod explain;
pub mod gates;
pub mod history;
pub mod interrupt;
pub mod manpage;
pub mod merge;
pub mod model;
pub mod node;
pub mod paths;
pub mod process;
pub mod progress;
pub mod report;
pub mod reports_glob;
pub mod runner;
pub mod signals;
pub mod signoff;
pub mod stats;
pub mod suggest;
pub mod text;
pub mod threshold;
pub mod verdict;
pub mod walk;
pub mod workspace;

/// Helpers for the crate's unit tests.
#[cfg(test)]
pub(crate) mod testutil {
    /// xorshift64: a small deterministic generator for the damaged-input tests.
    pub struct XorShift(pub u64);

    impl XorShift {
        pub fn next_u64(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }
}
