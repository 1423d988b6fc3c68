//! gatekeep: decides whether a repository is ready to ship.
//!
//! Layout: [`cli`] parses the command line; [`config`] loads and validates `gates.toml`;
//! [`walk`] lists the repo once for every gate; [`gates`] holds one module per gate kind;
//! [`runner`] runs the gates concurrently; [`verdict`] turns results into GO / NO-GO;
//! [`report`] writes one format per module.

pub mod cli;
pub mod config;
pub mod explain;
pub mod gates;
pub mod history;
pub mod merge;
pub mod model;
pub mod process;
pub mod progress;
pub mod report;
pub mod reports_glob;
pub mod runner;
pub mod signoff;
pub mod stats;
pub mod suggest;
pub mod threshold;
pub mod verdict;
pub mod walk;
pub mod workspace;
