//! Statuses and the verdict.
