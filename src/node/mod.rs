//! The positioned node tree (TOML and YAML read into one tree with line:col on every node,
//! [`value`]) and the strict serde deserializer over it ([`de`]). A lower floor: the config
//! loader, the gate kinds' options and gatekeep's own files (attestations) all read through it,
//! and it imports none of them.

pub mod de;
pub mod error;
pub mod value;
