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

/// Raw entries: key, offset in the report, end in `bytes`.
struct Batch {
    bytes: Vec<u8>,
    values: Vec<(String, u64, usize)>,
}

/// A batch's parsed entries, and its bytes for the next batch.
type Parsed<T> = (Vec<T>, Vec<u8>);

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
    // Batch buffers go back to the reader: freeing them on the thread that parsed them made
    // the threads queue on the allocator's lock.
    let spare = std::cell::RefCell::new(Vec::new());
    let next = || -> Result<Option<Batch>, ParseError> {
        if !open {
            return Ok(None);
        }
        let mut b = Batch {
            bytes: spare.borrow_mut().pop().unwrap_or_default(),
            values: Vec::new(),
        };
        b.bytes.clear();
        while b.bytes.len() < BATCH {
            let key = match shape {
                Shape::Array => s.next_element()?.then(String::new),
                Shape::Map => match s.next_key()? {
                    Some((k, at)) => {
                        if !keys.insert(k.clone()) {
                            return Err(ParseError::at_offset(
                                at,
                                format!("`{k}` appears twice in {what}"),
                            ));
                        }
                        Some(k)
                    }
                    None => None,
                },
            };
            let Some(key) = key else {
                open = false;
                break;
            };
            let at = s.raw_value(&mut b.bytes)?;
            b.values.push((key, at, b.bytes.len()));
        }
        Ok((!b.values.is_empty() || open).then_some(b))
    };
    let work = |b: Batch| -> Result<Parsed<T>, ParseError> {
        let mut out = Vec::with_capacity(b.values.len());
        let mut from = 0;
        for (key, at, end) in &b.values {
            out.push(parse(Entry {
                key,
                at: *at,
                raw: &b.bytes[from..*end],
            })?);
            from = *end;
        }
        Ok((out, b.bytes))
    };
    ordered(
        crate::gates::threads().clamp(1, 4),
        next,
        work,
        |(items, bytes)| {
            spare.borrow_mut().push(bytes);
            items.into_iter().try_for_each(&mut absorb)
        },
    )
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
