//! The built-in gate set for a repo without a config (SPEC §6).
