//! Runs gates concurrently.
