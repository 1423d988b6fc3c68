//! Reports whose files are the elements of one JSON array (Coveralls `source_files`, gcovr
//! `files`, llvm-cov `data[].files`) or the members of one JSON object (SimpleCov's and
//! coverage.py's file maps, Istanbul's top level): the entries are cut out of the report in
//! batches of about 1 MiB and parsed on other threads ([`crate::gates::reading::json`]), then
//! handed back in the report's order.

use super::{Combine, FileCov, ParseError, ReportData};
use crate::gates::reading::json::{Splitter, ordered};

/// Entries are parsed in batches of about this many bytes.
pub const BATCH: usize = 1 << 20;

/// One entry as the reader cut it out: its key (a map's member; empty in an array), its offset
/// in the report, and its bytes.
pub struct Entry<'a> {
    pub key: &'a str,
    pub at: u64,
    pub raw: &'a [u8],
}

/// Raw entries: the end of its key in `keys`, its offset in the report, its end in `bytes`.
/// The buffers are reused batch after batch, and all allocated on the reading thread: freeing
/// memory on another thread than the one that allocated it made the threads queue on the
/// allocator's locks.
#[derive(Default)]
struct Batch {
    bytes: Vec<u8>,
    keys: String,
    values: Vec<(usize, u64, usize)>,
}

/// A batch's parsed entries, and the batch for reuse.
type Parsed<T> = (Vec<T>, Batch);

/// Whether the entries are an array's elements or an object's members.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Array,
    Map,
}

/// Reads the array or object the reader is at (`what` names it in errors): `parse` turns each
/// entry into a `T` on a worker thread, and `absorb` takes them in the report's order. A key
/// that appears twice in a map is an error.
pub fn read_entries<T: Send>(
    s: &mut Splitter<'_>,
    shape: Shape,
    what: &str,
    parse: impl Fn(Entry<'_>) -> Result<T, ParseError> + Sync,
    mut absorb: impl FnMut(T) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    match shape {
        Shape::Array => s.begin_array(what)?,
        Shape::Map => s.begin_object(what)?,
    }
    let mut open = true;
    let mut keys = std::collections::HashSet::new();
    let spare = std::cell::RefCell::new(Vec::<Batch>::new());
    let next = || -> Result<Option<Batch>, ParseError> {
        if !open {
            return Ok(None);
        }
        let mut b = spare.borrow_mut().pop().unwrap_or_default();
        b.bytes.clear();
        b.keys.clear();
        b.values.clear();
        while b.bytes.len() < BATCH {
            let more = match shape {
                Shape::Array => s.next_element()?,
                Shape::Map => match s.next_key()? {
                    Some((k, at)) => {
                        if keys.contains(&k) {
                            return Err(ParseError::at_offset(
                                at,
                                format!("`{k}` appears twice in {what}"),
                            ));
                        }
                        b.keys.push_str(&k);
                        keys.insert(k);
                        true
                    }
                    None => false,
                },
            };
            if !more {
                open = false;
                break;
            }
            let at = s.raw_value(&mut b.bytes)?;
            b.values.push((b.keys.len(), at, b.bytes.len()));
        }
        Ok((!b.values.is_empty() || open).then_some(b))
    };
    let work = |b: Batch| -> Result<Parsed<T>, ParseError> {
        let mut out = Vec::with_capacity(b.values.len());
        let (mut from, mut key_from) = (0, 0);
        for &(key_end, at, end) in &b.values {
            out.push(parse(Entry {
                key: &b.keys[key_from..key_end],
                at,
                raw: &b.bytes[from..end],
            })?);
            (from, key_from) = (end, key_end);
        }
        Ok((out, b))
    };
    ordered(workers(), next, work, |(items, batch)| {
        spare.borrow_mut().push(batch);
        items.into_iter().try_for_each(&mut absorb)
    })
}

/// [`read_entries`] over an array of files, merged into `out` with `mode`.
pub fn read_file_array(
    s: &mut Splitter<'_>,
    what: &str,
    parse: impl Fn(&[u8], u64) -> Result<(String, FileCov), ParseError> + Sync,
    out: &mut ReportData,
    mode: Combine,
) -> Result<(), ParseError> {
    read_entries(
        s,
        Shape::Array,
        what,
        |e| parse(e.raw, e.at),
        |(name, cov)| {
            out.merge_file(name, cov, mode);
            Ok(())
        },
    )
}

/// Parsing threads beside the reading one: one per core but the reader's (none on one core),
/// at most 3. More threads than cores only made them take turns.
pub fn workers() -> usize {
    crate::gates::threads().min(4)
}
