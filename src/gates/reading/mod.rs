//! What the readers of other tools' reports share (coverage reports, diagnostics): a parse error
//! with its position, turning a byte offset into line:column, and a strict streaming XML reader
//! ([`xml`]).

use std::io::{BufReader, Read};
use std::path::Path;

pub mod json;
pub mod xml;

/// Where in a report a parse error happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrPos {
    /// A byte offset (resolved to line:column by re-reading the file).
    Offset(u64),
    /// 1-based line and column.
    LineCol(u64, u64),
}

/// A report that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    pub pos: ErrPos,
    pub message: String,
}

impl ParseError {
    pub fn at_offset(offset: u64, message: impl Into<String>) -> ParseError {
        ParseError {
            pos: ErrPos::Offset(offset),
            message: message.into(),
        }
    }
    pub fn at_line(line: u64, col: u64, message: impl Into<String>) -> ParseError {
        ParseError {
            pos: ErrPos::LineCol(line, col),
            message: message.into(),
        }
    }
}

/// Turns a byte offset into a 1-based line and column by reading the file again.
pub fn offset_to_line_col(path: &Path, offset: u64) -> (u64, u64) {
    let Ok(f) = std::fs::File::open(path) else {
        return (0, 0);
    };
    let mut r = BufReader::new(f).take(offset);
    let mut buf = [0u8; 64 * 1024];
    let (mut line, mut col) = (1u64, 1u64);
    loop {
        match r.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                for &b in &buf[..n] {
                    if b == b'\n' {
                        line += 1;
                        col = 1;
                    } else if b & 0xC0 != 0x80 {
                        col += 1;
                    }
                }
            }
        }
    }
    (line, col)
}

/// Parses a line number, rejecting absurd ones.
pub fn line_no(v: u64) -> Option<u32> {
    if v > MAX_LINE {
        None
    } else {
        u32::try_from(v).ok()
    }
}

/// Parses a hit count: an integer, or a float (rounded up; negative counts are 0).
pub fn parse_hits(s: &str) -> Option<u64> {
    let s = s.trim();
    if let Ok(v) = s.parse::<u64>() {
        return Some(v);
    }
    if let Ok(v) = s.parse::<i64>() {
        return Some(if v < 0 { 0 } else { v as u64 });
    }
    let f: f64 = s.parse().ok()?;
    if !f.is_finite() {
        return None;
    }
    Some(if f <= 0.0 {
        0
    } else {
        f.ceil().min(u64::MAX as f64) as u64
    })
}

/// The largest line number accepted; larger ones are an error, not an allocation.
pub const MAX_LINE: u64 = 50_000_000;
