//! Line arrays with one element per source line (Coveralls `coverage`, SimpleCov `lines`):
//! `null` is a line that is not relevant, a non-negative integer its hits. Read straight into
//! slots (0 = not relevant, otherwise hits + 1, saturating), four bytes a line.

use super::MAX_LINE;
use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};
use std::fmt;

/// `slots[i]` is line i; `slots[0]` is always 0 (there is no line 0).
#[derive(Debug, Default)]
pub struct Slots(pub Vec<u32>);

std::thread_local! {
    /// The array being read: grown once per thread, then copied out at its exact size (growing
    /// each file's own vector made the parsing threads queue on the allocator's lock).
    static SCRATCH: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The slot of a line with `hits` hits.
pub fn slot(hits: u64) -> u32 {
    u32::try_from(hits.saturating_add(1)).unwrap_or(u32::MAX)
}

impl<'de> Deserialize<'de> for Slots {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Slots, D::Error> {
        d.deserialize_seq(SlotsVisitor)
    }
}

pub struct SlotsVisitor;

impl<'de> Visitor<'de> for SlotsVisitor {
    type Value = Slots;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of line hits (non-negative integers or null)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Slots, A::Error> {
        SCRATCH.with_borrow_mut(|out| {
            out.clear();
            out.push(0);
            while let Some(v) = seq.next_element::<Option<u64>>()? {
                if out.len() as u64 > MAX_LINE {
                    return Err(de::Error::custom("more lines than gatekeep accepts"));
                }
                out.push(v.map_or(0, slot));
            }
            Ok(Slots(out.as_slice().to_vec()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_is_not_relevant_and_hits_are_shifted() {
        let s: Slots = serde_json::from_str("[null, 0, 3, 18446744073709551615]").unwrap();
        assert_eq!(s.0, [0, 0, 1, 4, u32::MAX]);
        let s: Slots = serde_json::from_str("[]").unwrap();
        assert_eq!(s.0, [0]);
        assert!(serde_json::from_str::<Slots>("[-1]").is_err());
        assert!(serde_json::from_str::<Slots>("[1.5]").is_err());
        assert!(serde_json::from_str::<Slots>("{}").is_err());
    }
}

/// Declares a newtype over `Vec<$t>` read from a JSON array through a per-thread scratch vector
/// and copied out at its size: one allocation per array instead of a doubling series of
/// `realloc`s, which made the parsing threads queue on the allocator's lock.
macro_rules! exact_vec {
    ($name:ident, $t:ty, $what:literal) => {
        #[derive(Debug, Default, Clone)]
        pub struct $name(pub Vec<$t>);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<$name, A::Error> {
                        std::thread_local! {
                            static SCRATCH: std::cell::RefCell<Vec<$t>> =
                                const { std::cell::RefCell::new(Vec::new()) };
                        }
                        SCRATCH.with_borrow_mut(|out| {
                            out.clear();
                            while let Some(v) = seq.next_element::<$t>()? {
                                out.push(v);
                            }
                            Ok($name(out.as_slice().to_vec()))
                        })
                    }
                }
                d.deserialize_seq(V)
            }
        }
    };
}

exact_vec!(U64s, u64, "an array of non-negative integers");
exact_vec!(Arcs, (i64, i64), "an array of [from, to] pairs");

#[cfg(test)]
mod exact_tests {
    use super::*;

    #[test]
    fn exact_vectors_read_as_vecs() {
        let v: U64s = serde_json::from_str("[3, 1, 2]").unwrap();
        assert_eq!((v.0.as_slice(), v.0.capacity()), (&[3, 1, 2][..], 3));
        let a: Arcs = serde_json::from_str("[[1, 2], [-1, 3]]").unwrap();
        assert_eq!(a.0, vec![(1, 2), (-1, 3)]);
        assert!(serde_json::from_str::<U64s>("[-1]").is_err());
        assert!(serde_json::from_str::<Arcs>("[[1]]").is_err());
        let e: U64s = serde_json::from_str("[]").unwrap();
        assert!(e.0.is_empty());
    }
}
