//! Go coverprofiles (`go test -coverprofile`), modes `set`, `count` and `atomic`.
//!
//! A block `file.go:l1.c1,l2.c2 stmts count` has `stmts` statements (the `statements` metric, as
//! `go tool cover -func` totals them) and covers lines `l1..=l2` (the `line` metric). Identical
//! blocks repeated in one profile (`-coverpkg` runs) merge as `go tool cover` merges them (`set`:
//! OR, otherwise add; a repeated block with another statement count is an error, as there); a line
//! shared by several blocks takes the highest count. Across reports `set` profiles merge by OR.

use super::{Combine, FileCov, Format, ParseError, Parser, ReportData, line_no};
use std::collections::HashMap;
use std::io::BufRead;

pub struct GoCover;

type Block = super::Span;

impl Parser for GoCover {
    fn format(&self) -> Format {
        Format::Gocover
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let mut buf = String::new();
        let mut lineno = 0u64;
        let mut mode: Option<Combine> = None;
        let mut blocks: HashMap<String, HashMap<Block, (u32, u64)>> = HashMap::new();
        loop {
            buf.clear();
            let n = input.read_line(&mut buf).map_err(|e| {
                ParseError::at_line(lineno + 1, 1, format!("read error (not UTF-8 text?): {e}"))
            })?;
            if n == 0 {
                break;
            }
            lineno += 1;
            let l = buf.trim_end_matches(['\n', '\r']);
            if l.trim().is_empty() {
                continue;
            }
            if let Some(m) = l.strip_prefix("mode:") {
                let m = m.trim();
                let c = match m {
                    "set" => Combine::Or,
                    "count" | "atomic" => Combine::Add,
                    _ => {
                        return Err(ParseError::at_line(
                            lineno,
                            7,
                            format!("unknown coverprofile mode `{m}`"),
                        ));
                    }
                };
                if mode.is_some_and(|old| old != c) {
                    return Err(ParseError::at_line(
                        lineno,
                        1,
                        "profiles with different modes in one file",
                    ));
                }
                mode = Some(c);
                continue;
            }
            let Some(mode) = mode else {
                return Err(ParseError::at_line(
                    lineno,
                    1,
                    "expected `mode: set|count|atomic` on the first line",
                ));
            };
            let bad = |col: usize| {
                ParseError::at_line(
                    lineno,
                    col as u64 + 1,
                    format!(
                        "expected `file.go:line.col,line.col statements count`, found `{}`",
                        l.chars().take(80).collect::<String>()
                    ),
                )
            };
            let colon = l.rfind(':').ok_or_else(|| bad(0))?;
            let (file, rest) = (&l[..colon], &l[colon + 1..]);
            let mut parts = rest.split(' ');
            let range = parts.next().ok_or_else(|| bad(colon + 1))?;
            let stmts = parts
                .next()
                .and_then(|s| s.parse::<u32>().ok())
                .ok_or_else(|| bad(colon + 1))?;
            let count = parts
                .next()
                .and_then(|s| s.parse::<u64>().ok())
                .ok_or_else(|| bad(colon + 1))?;
            if parts.next().is_some() {
                return Err(bad(colon + 1));
            }
            let (a, b) = range.split_once(',').ok_or_else(|| bad(colon + 1))?;
            let pos = |s: &str| -> Option<(u32, u32)> {
                let (l, c) = s.split_once('.')?;
                Some((line_no(l.parse().ok()?)?, c.parse().ok()?))
            };
            let (l1, c1) = pos(a).ok_or_else(|| bad(colon + 1))?;
            let (l2, c2) = pos(b).ok_or_else(|| bad(colon + 1))?;
            if l2 < l1 || l2 - l1 > 100_000 {
                return Err(bad(colon + 1));
            }
            let fb = match blocks.get_mut(file) {
                Some(f) => f,
                None => blocks.entry(file.to_string()).or_default(),
            };
            match fb.get_mut(&(l1, c1, l2, c2)) {
                // `go tool cover` rejects the profile: "inconsistent NumStmt".
                Some((n, _)) if *n != stmts => {
                    return Err(ParseError::at_line(
                        lineno,
                        colon as u64 + 2,
                        format!(
                            "inconsistent statement count for block {range} of {file}: {n} before, {stmts} here (`go tool cover` rejects such a profile)"
                        ),
                    ));
                }
                Some((_, c)) => *c = super::combine(mode, *c, count),
                None => {
                    fb.insert((l1, c1, l2, c2), (stmts, count));
                }
            }
        }
        let Some(mode) = mode else {
            return Err(ParseError::at_line(
                1,
                1,
                "empty coverprofile: expected `mode: set|count|atomic`",
            ));
        };
        for (file, bs) in blocks {
            let mut f = FileCov::default();
            for (span, (stmts, count)) in bs {
                let (l1, _, l2, _) = span;
                // Blocks are unique here: no statement count can disagree.
                let _ = f.stmt(span, stmts, count, mode);
                for l in l1..=l2 {
                    f.line(l, count, Combine::Max);
                }
            }
            out.merge_file(file, f, mode);
        }
        out.merge = Some(mode);
        Ok(())
    }
}
