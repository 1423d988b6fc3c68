//! `go vet -json`: for each package a `# package` comment line, then a JSON object
//! `{package: {analyzer: [{posn: "file:line:col", message}]}}` (`{}` when clean; an analyzer that
//! failed gives `{error: "..."}`, an error). The analyzer is the code; each diagnostic is an
//! error (each makes `go vet` fail). The comment lines are blanked, keeping positions exact.

use super::{Diag, Level, Parsed, Sink, json};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};

/// Replaces `#` comment lines with empty lines.
struct NoComments<'a> {
    inner: &'a mut dyn BufRead,
    line: Vec<u8>,
    pos: usize,
}

impl Read for NoComments<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos >= self.line.len() {
            self.line.clear();
            self.pos = 0;
            if self.inner.read_until(b'\n', &mut self.line)? == 0 {
                return Ok(0);
            }
            if self.line.first() == Some(&b'#') {
                let nl = self.line.ends_with(b"\n");
                self.line.clear();
                if nl {
                    self.line.push(b'\n');
                }
            }
        }
        let n = out.len().min(self.line.len() - self.pos);
        out[..n].copy_from_slice(&self.line[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Splits `file:line:col` (the file may itself hold colons).
fn posn(s: &str) -> (Option<String>, Option<u64>, Option<u64>) {
    let mut parts = s.rsplitn(3, ':');
    let (c, l, f) = (parts.next(), parts.next(), parts.next());
    match (
        f,
        l.and_then(|l| l.parse().ok()),
        c.and_then(|c| c.parse().ok()),
    ) {
        (Some(f), Some(l), Some(c)) => (Some(f.to_string()), Some(l), Some(c)),
        _ => match s.rsplit_once(':') {
            Some((f, l)) if l.parse::<u64>().is_ok() => (Some(f.to_string()), l.parse().ok(), None),
            _ => (Some(s.to_string()), None, None),
        },
    }
}

pub fn parse(input: &mut dyn BufRead, sink: Sink<'_>) -> Parsed {
    let mut r = BufReader::new(NoComments {
        inner: input,
        line: Vec::new(),
        pos: 0,
    });
    json::each_value(&mut r, &mut |v: Value| {
        let Some(pkgs) = v.as_object() else { return };
        for analyzers in pkgs.values() {
            let Some(analyzers) = analyzers.as_object() else {
                continue;
            };
            for (name, diags) in analyzers {
                match diags {
                    Value::Array(list) => {
                        for d in list {
                            let (path, line, col) =
                                posn(d.get("posn").and_then(Value::as_str).unwrap_or(""));
                            let msg = d.get("message").and_then(Value::as_str).unwrap_or("");
                            sink(
                                Diag::new(Level::Error, msg)
                                    .at(path, line, col)
                                    .code(Some(name.clone())),
                            );
                        }
                    }
                    Value::Object(o) => {
                        let msg = o
                            .get("error")
                            .and_then(Value::as_str)
                            .unwrap_or("analysis failed");
                        sink(Diag::new(Level::Error, msg).code(Some(name.clone())));
                    }
                    _ => {}
                }
            }
        }
    })?;
    Ok(None)
}
