//! SimpleCov `.resultset.json` (Ruby). The top-level keys are command names (`RSpec`, `Unit
//! Tests`, …), each with `coverage` (file path → `{"lines": [...], "branches": {...}}`, or, from
//! SimpleCov before 0.18, the line array itself) and `timestamp`. `lines[i]` is the hits of line
//! i + 1, `null` a line that is not relevant. `branches` maps a condition
//! (`"[:if, 0, 3, 4, 3, 21]"`: type, id, start line, start column, end line, end column) to its
//! branches (`"[:then, 1, 4, 6, 4, 10]"`) and their hits; a branch is counted on its condition's
//! start line.
//!
//! Several command names are merged as SimpleCov's `Combine` modules merge them: line hits add,
//! and a line that one result calls not relevant (`null`) stays not relevant unless some result
//! has hits on it (`null` + 0 is `null`); the first result that has a file sets its number of
//! lines; branch hits add. SimpleCov drops results older than its `merge_timeout` when it merges;
//! gatekeep reads every command name in the file, whatever its timestamp. `# :nocov:` sections
//! are in the sources, not in the file, so they are not applied.
//!
//! Keys other than `coverage`, `timestamp`, `lines` and `branches`, a count that is not a
//! non-negative integer, and a branch key that is not SimpleCov's `[:type, id, l, c, l, c]` are
//! errors. Files are cut out of the report in batches and parsed on other threads
//! ([`super::batched`]), then merged in the report's order.

use super::batched::{Shape, read_entries};
use super::slots::{Slots, SlotsVisitor, slot};
use super::{Combine, FileCov, Format, ParseError, Parser, ReportData, line_no};
use crate::gates::reading::json::{Splitter, parse_value};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::BufRead;

pub struct SimpleCov;

/// Every file merged so far: its lines as SimpleCov combines them, and its branches.
#[derive(Default)]
struct Acc {
    /// Lines as slots: 0 = not relevant (`null`), otherwise hits + 1 (saturating).
    files: HashMap<String, (Vec<u32>, FileCov)>,
    commands: Vec<String>,
}

/// One file of one result: its line slots (index = line) and its branches (line, id, hits).
type FileData = (Vec<u32>, Vec<(u32, u64, u64)>);

struct FileSeed;
struct Branches;
struct BranchesOf {
    cond: String,
    line: u32,
}

impl Acc {
    /// Merges one file of one result as SimpleCov's `Combine` does.
    fn merge(&mut self, path: String, (lines, branches): FileData) {
        match self.files.get_mut(&path) {
            None => {
                let mut cov = FileCov::default();
                for (line, id, hits) in branches {
                    cov.branch(line, id, hits, Combine::Add);
                }
                self.files.insert(path, (lines, cov));
            }
            Some((have, cov)) => {
                // SimpleCov's LinesCombiner: `have.zip(lines)`, the first result's length.
                for (i, a) in have.iter_mut().enumerate() {
                    *a = merge_slot(*a, lines.get(i).copied().unwrap_or(0));
                }
                for (line, id, hits) in branches {
                    cov.branch(line, id, hits, Combine::Add);
                }
            }
        }
    }
}

/// Reads a result's `coverage` object (the reader is at it) and merges its files into `acc`.
fn read_coverage(s: &mut Splitter<'_>, acc: &mut Acc) -> Result<(), ParseError> {
    read_entries(
        s,
        Shape::Map,
        "a map of file paths to SimpleCov file coverage",
        |e| Ok((e.key.to_string(), parse_value(FileSeed, e.raw, e.at)?)),
        |(path, data)| {
            acc.merge(path, data);
            Ok(())
        },
    )
}

/// Reads one command name's result (the reader is at it).
fn read_result(s: &mut Splitter<'_>, acc: &mut Acc) -> Result<(), ParseError> {
    s.begin_object("a SimpleCov result with `coverage` and `timestamp`")?;
    let (mut coverage, mut timestamp) = (false, false);
    while let Some((key, at)) = s.next_key()? {
        match key.as_str() {
            "coverage" if !coverage => {
                coverage = true;
                read_coverage(s, acc)?;
            }
            "timestamp" if !timestamp => {
                timestamp = true;
                let mut raw = Vec::new();
                let at = s.raw_value(&mut raw)?;
                parse_value(std::marker::PhantomData::<f64>, &raw, at)?;
            }
            "coverage" | "timestamp" => {
                return Err(ParseError::at_offset(at, format!("`{key}` appears twice")));
            }
            other => {
                return Err(ParseError::at_offset(
                    at,
                    format!(
                        "unknown key `{other}` in a SimpleCov result (only `coverage` and `timestamp`)"
                    ),
                ));
            }
        }
    }
    for (field, seen) in [("coverage", coverage), ("timestamp", timestamp)] {
        if !seen {
            return Err(ParseError::at_offset(
                s.offset(),
                format!("missing field `{field}`"),
            ));
        }
    }
    Ok(())
}

/// [`merge_line`] on slots (0 = `null`, otherwise hits + 1).
fn merge_slot(a: u32, b: u32) -> u32 {
    let hits = |v: u32| v.checked_sub(1).map(u64::from);
    match merge_line(hits(a), hits(b)) {
        None => 0,
        Some(h) => slot(h),
    }
}

/// SimpleCov's `LinesCombiner.merge_line_coverage`.
fn merge_line(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    let sum = a.unwrap_or(0).saturating_add(b.unwrap_or(0));
    if sum == 0 && (a.is_none() || b.is_none()) {
        None
    } else {
        Some(sum)
    }
}

impl<'de> DeserializeSeed<'de> for FileSeed {
    type Value = FileData;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<FileData, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FileSeed {
    type Value = FileData;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a SimpleCov file coverage (`{\"lines\": [...]}` or a line array)")
    }

    /// SimpleCov before 0.18: the line array itself.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<FileData, A::Error> {
        Ok((SlotsVisitor.visit_seq(seq)?.0, Vec::new()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FileData, A::Error> {
        let mut lines = None;
        let mut branches = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "lines" if lines.is_none() => lines = Some(map.next_value::<Slots>()?.0),
                "branches" if branches.is_none() => {
                    branches = Some(map.next_value_seed(Branches)?);
                }
                "lines" | "branches" => {
                    return Err(de::Error::custom(format!("`{key}` appears twice")));
                }
                other => {
                    return Err(de::Error::custom(format!(
                        "unknown key `{other}` in a SimpleCov file coverage (only `lines` and `branches`)"
                    )));
                }
            }
        }
        let Some(lines) = lines else {
            return Err(de::Error::missing_field("lines"));
        };
        Ok((lines, branches.unwrap_or_default()))
    }
}

impl<'de> DeserializeSeed<'de> for Branches {
    type Value = Vec<(u32, u64, u64)>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for Branches {
    type Value = Vec<(u32, u64, u64)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of conditions to branches")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        while let Some(cond) = map.next_key::<String>()? {
            let Some(line) = condition_line(&cond) else {
                return Err(de::Error::custom(format!(
                    "`{cond}` is not a SimpleCov condition key (`[:type, id, line, column, line, column]`)"
                )));
            };
            if !seen.insert(cond.clone()) {
                return Err(de::Error::custom(format!(
                    "condition `{cond}` appears twice"
                )));
            }
            let bs = map.next_value_seed(BranchesOf { cond, line })?;
            out.extend(bs);
        }
        Ok(out)
    }
}

impl<'de> DeserializeSeed<'de> for BranchesOf {
    type Value = Vec<(u32, u64, u64)>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for BranchesOf {
    type Value = Vec<(u32, u64, u64)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of branches to hits")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out: Vec<(u32, u64, u64)> = Vec::new();
        while let Some(branch) = map.next_key::<String>()? {
            if condition_line(&branch).is_none() {
                return Err(de::Error::custom(format!(
                    "`{branch}` is not a SimpleCov branch key (`[:type, id, line, column, line, column]`)"
                )));
            }
            let hits: u64 = map.next_value()?;
            let id = branch_id(&self.cond, &branch);
            if out.iter().any(|b| b.1 == id) {
                return Err(de::Error::custom(format!(
                    "branch `{branch}` appears twice"
                )));
            }
            out.push((self.line, id, hits));
        }
        Ok(out)
    }
}

/// A branch's id: [`super::text_id`]'s hash of `condition|branch`, without building the string.
fn branch_id(cond: &str, branch: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in cond.bytes().chain(*b"|").chain(branch.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h | (1 << 63)
}

/// The start line of a condition or branch key `[:type, id, start_line, start_col, end_line,
/// end_col]` (the type may be quoted: `:"&."`); `None` if the key is not of that shape.
fn condition_line(key: &str) -> Option<u32> {
    let inner = key.trim().strip_prefix('[')?.strip_suffix(']')?;
    let rest = inner.trim_start().strip_prefix(':')?;
    let rest = if let Some(q) = rest.strip_prefix('"') {
        let end = q.find('"')?;
        &q[end + 1..]
    } else {
        let end = rest.find(',')?;
        let sym = &rest[..end];
        if sym.is_empty()
            || !sym
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '?' | '!'))
        {
            return None;
        }
        &rest[end..]
    };
    let mut line = None;
    let mut n = 0;
    for (i, num) in rest.strip_prefix(',')?.split(',').enumerate() {
        let v: i64 = num.trim().parse().ok()?;
        if i == 1 {
            line = u64::try_from(v).ok();
        }
        n = i + 1;
    }
    if n != 5 {
        return None;
    }
    match line_no(line?) {
        Some(l) if l > 0 => Some(l),
        _ => None,
    }
}

impl Parser for SimpleCov {
    fn format(&self) -> Format {
        Format::SimpleCov
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let mut acc = Acc::default();
        let mut s = Splitter::new(input);
        s.begin_object("a SimpleCov .resultset.json object (command name → result)")?;
        let mut names = HashSet::new();
        while let Some((name, at)) = s.next_key()? {
            if !names.insert(name.clone()) {
                return Err(ParseError::at_offset(
                    at,
                    format!("command name `{name}` appears twice"),
                ));
            }
            read_result(&mut s, &mut acc)?;
            acc.commands.push(name);
        }
        s.end()?;
        for (path, (lines, mut cov)) in acc.files.drain() {
            for (i, &v) in lines.iter().enumerate() {
                if let (Some(h), Some(l)) = (v.checked_sub(1), line_no(i as u64)) {
                    cov.line(l, u64::from(h), Combine::Add);
                }
            }
            out.merge_file(path, cov, Combine::Add);
        }
        match acc.commands.len() {
            0 => out
                .notes
                .push("the result set has no command names: no coverage data".into()),
            1 => {}
            n => {
                acc.commands.sort();
                out.notes.push(format!(
                    "{n} command names merged as SimpleCov merges them: {}",
                    acc.commands.join(", ")
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn branch_ids_are_text_ids() {
        assert_eq!(
            branch_id("[:if, 0]", "[:then, 1]"),
            crate::gates::coverage::text_id("[:if, 0]|[:then, 1]")
        );
    }

    #[test]
    fn condition_keys() {
        assert_eq!(condition_line("[:if, 0, 3, 4, 3, 21]"), Some(3));
        assert_eq!(condition_line("[:\"&.\", 11, 22, 4, 22, 15]"), Some(22));
        assert_eq!(condition_line("[:then, 1, 4, 6, 4, 10]"), Some(4));
        assert_eq!(condition_line("[:if, 0, 0, 4, 3, 21]"), None);
        assert_eq!(condition_line("[:if, 0, 3, 4, 3]"), None);
        assert_eq!(condition_line("[if, 0, 3, 4, 3, 21]"), None);
        assert_eq!(condition_line("[:if, x, 3, 4, 3, 21]"), None);
    }

    #[test]
    fn lines_combine_as_simplecov() {
        assert_eq!(merge_line(None, Some(0)), None);
        assert_eq!(merge_line(Some(0), None), None);
        assert_eq!(merge_line(None, Some(2)), Some(2));
        assert_eq!(merge_line(Some(0), Some(0)), Some(0));
        assert_eq!(merge_line(Some(1), Some(2)), Some(3));
        assert_eq!(merge_line(None, None), None);
        assert_eq!(merge_slot(0, 1), 0);
        assert_eq!(merge_slot(1, 0), 0);
        assert_eq!(merge_slot(0, 3), 3);
        assert_eq!(merge_slot(1, 1), 1);
        assert_eq!(merge_slot(2, 3), 4);
        assert_eq!(merge_slot(u32::MAX, 5), u32::MAX);
    }
}
