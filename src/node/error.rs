//! Errors of a file read through the node tree (a config, an attestations file): exit code 2,
//! with the file, line and column, the source line and a caret.

use super::value::Pos;
use std::fmt;

/// A config error: exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", .0)]
    Invalid(Box<Located>),
}

/// An error at a place in a config file.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub file: String,
    pub pos: Pos,
    pub message: String,
    pub suggestion: Option<String>,
    /// The source line, for a caret display.
    pub line_text: Option<String>,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.pos.line, self.pos.col, self.message
        )?;
        if let Some(line) = &self.line_text {
            let gutter = self.pos.line.to_string().len();
            let (excerpt, col) = excerpt(line, self.pos.col.max(1));
            // The caret is padded by hand: a width argument is limited to 65,535.
            write!(
                f,
                "\n{:gutter$} |\n{} | {}\n{:gutter$} | {}^",
                "",
                self.pos.line,
                excerpt,
                "",
                " ".repeat(col - 1),
            )?;
        }
        if let Some(s) = &self.suggestion {
            write!(f, "\n  = help: did you mean `{s}`?")?;
        }
        Ok(())
    }
}

/// The part of a long source line around column `col` (1-based, in characters), and the
/// column within that part: a caret under column 70,000 of a minified line is no help.
fn excerpt(line: &str, col: usize) -> (String, usize) {
    const WIDTH: usize = 100;
    let n = line.chars().count();
    if n <= WIDTH {
        return (line.to_string(), col);
    }
    let start = col
        .saturating_sub(WIDTH / 2 + 1)
        .min(n.saturating_sub(WIDTH));
    let mut out = String::new();
    let mut col_in = col - start;
    if start > 0 {
        out.push('…');
        col_in += 1;
    }
    out.extend(line.chars().skip(start).take(WIDTH));
    if start + WIDTH < n {
        out.push('…');
    }
    (out, col_in.max(1))
}
