//! What the data flow needs to know of C and C++ beyond the node-kind tables: strings are built
//! by calls that write into a buffer ([`writes`]), and constants often live in object-like
//! macros (`#define CMD "ls"`) or in headers gatekeep does not read ([`Macros`]).
//!
//! - A call in [`C_WRITES`] gives its first argument a value: a copy, an append or a format of
//!   the arguments it names. Any other call, except the read-only ones in [`C_READS`], may
//!   write anything into a buffer it is given (`fgets(buf, n, stdin)`, `recv(s, buf, n, 0)`):
//!   the buffer's value is unknown after it.
//! - A file's own object-like macros are expanded one level per use: a macro is constant when
//!   every definition of it (one per `#ifdef` branch) is a literal, or a name that is constant
//!   where the macro is used (`#define ARG data`). A capitalised name the file neither assigns
//!   nor defines (`_P_WAIT`, `CALG_MD5`, `MAX_PATH`) comes from a header, where such names are
//!   constants by convention.

use super::syntax::{C_READS, C_WRITES, CWrite};
use ast_grep_core::{Doc, Node};
use std::collections::HashMap;

/// A definition's value, as far as the data flow reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum MacroValue {
    /// One or more string literals, a character or a number.
    Literal,
    /// A single name, looked up where the macro is used.
    Name(String),
    /// Anything else (a call, an expression).
    Other,
}

/// The object-like macros a file defines: name → every definition's value.
#[derive(Default, Debug)]
pub(super) struct Macros(HashMap<String, Vec<MacroValue>>);

impl Macros {
    /// The `#define NAME value` lines among `nodes` (function-like macros are left out: a use
    /// of one is a call).
    pub(super) fn of<'a, 'r: 'a, D: Doc + 'r>(
        nodes: impl Iterator<Item = &'a Node<'r, D>>,
    ) -> Macros {
        let mut map: HashMap<String, Vec<MacroValue>> = HashMap::new();
        for n in nodes {
            if n.kind().as_ref() != "preproc_def" {
                continue;
            }
            let Some(name) = n.field("name") else {
                continue;
            };
            let value = n
                .field("value")
                .map_or(MacroValue::Other, |v| classify(&v.text()));
            map.entry(name.text().to_string()).or_default().push(value);
        }
        Macros(map)
    }

    /// Every definition of `name` (`None`: the file does not define it).
    pub(super) fn get(&self, name: &str) -> Option<&[MacroValue]> {
        self.0.get(name).map(Vec::as_slice)
    }
}

/// Reads a macro's replacement text.
pub(super) fn classify(text: &str) -> MacroValue {
    let mut t = text.trim();
    while let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        t = inner.trim();
    }
    if t.is_empty() {
        return MacroValue::Other;
    }
    if is_string_literals(t) || is_char_literal(t) || is_number(t) {
        return MacroValue::Literal;
    }
    if is_identifier(t) {
        return MacroValue::Name(t.to_string());
    }
    MacroValue::Other
}

/// `"a" "b"`, `L"x"`, `u8"y"`: string literals only.
fn is_string_literals(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    let mut any = false;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        // An encoding prefix.
        for p in ["u8", "L", "u", "U"] {
            if t[i..].starts_with(p) && t[i + p.len()..].starts_with('"') {
                i += p.len();
                break;
            }
        }
        if b.get(i) != Some(&b'"') {
            return false;
        }
        i += 1;
        loop {
            match b.get(i) {
                None => return false,
                Some(b'\\') => i += 2,
                Some(b'"') => {
                    i += 1;
                    break;
                }
                Some(_) => i += 1,
            }
        }
        any = true;
    }
    any
}

fn is_char_literal(t: &str) -> bool {
    let t = t.strip_prefix('L').unwrap_or(t);
    t.len() >= 3 && t.starts_with('\'') && t.ends_with('\'')
}

fn is_number(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
}

fn is_identifier(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A name that is a constant by convention when nothing in the file binds it: capitalised
/// (letters, digits and `_`, with at least one letter and no lower-case one), as C headers
/// name their macros and enumerators (`SW_HIDE`, `CALG_MD5`, `_P_WAIT`).
pub(super) fn is_conventional_constant(name: &str) -> bool {
    is_identifier(name)
        && name.chars().any(|c| c.is_ascii_uppercase())
        && !name.chars().any(|c| c.is_ascii_lowercase())
}

/// What one call writes: (the buffer's key, the value node, how).
pub(super) enum Write<'r, D: Doc> {
    /// The buffer now holds `value` (`strcpy(d, s)`).
    Set(String, Node<'r, D>),
    /// The buffer keeps its value and gains `value` (`strcat(d, s)`, `strcpy(d + n, s)`).
    Add(String, Node<'r, D>),
    /// The buffer holds something unknown (`fgets(d, n, stdin)`).
    Unknown(String),
}

/// The writes of C call `call` (`function`/`arguments` fields), in the order they apply.
pub(super) fn writes<'r, D: Doc>(call: &Node<'r, D>) -> Vec<Write<'r, D>> {
    let (Some(f), Some(args)) = (call.field("function"), call.field("arguments")) else {
        return Vec::new();
    };
    let callee = f.text();
    let name = callee.rsplit("::").next().unwrap_or(&callee).trim();
    let argv: Vec<Node<'r, D>> = args
        .named_children()
        .filter(|c| !c.kind().contains("comment"))
        .collect();
    let mut out = Vec::new();
    if let Some((_, how)) = C_WRITES.iter().find(|(n, _)| *n == name) {
        let Some((key, offset)) = argv.first().and_then(buffer) else {
            return out;
        };
        match *how {
            CWrite::Copy(i) | CWrite::Append(i) => {
                if let Some(v) = argv.get(i) {
                    let append = offset || matches!(how, CWrite::Append(_));
                    out.push(if append {
                        Write::Add(key, v.clone())
                    } else {
                        Write::Set(key, v.clone())
                    });
                }
            }
            CWrite::Format(i) => {
                for (j, v) in argv.iter().enumerate().skip(i) {
                    out.push(if j == i && !offset {
                        Write::Set(key.clone(), v.clone())
                    } else {
                        Write::Add(key.clone(), v.clone())
                    });
                }
            }
        }
        return out;
    }
    if C_READS.contains(&name) || name.is_empty() {
        return out;
    }
    for a in &argv {
        if let Some((key, _)) = buffer(a) {
            out.push(Write::Unknown(key));
        }
    }
    out
}

/// C++: the variables a read from standard input fills (`a` and `b` in `std::cin >> a >> b`),
/// for the outermost `>>` of such a chain.
pub(super) fn stream_reads<D: Doc>(n: &Node<'_, D>) -> Vec<String> {
    let is_shift = |b: &Node<'_, D>| {
        b.kind().as_ref() == "binary_expression"
            && b.field("operator").is_some_and(|o| o.text() == ">>")
    };
    if !is_shift(n) || n.parent().is_some_and(|p| is_shift(&p)) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut at = n.clone();
    for _ in 0..super::flow::MAX_DEPTH {
        if let Some((key, _)) = at.field("right").as_ref().and_then(buffer) {
            out.push(key);
        }
        match at.field("left") {
            Some(l) if is_shift(&l) => at = l,
            Some(l) if matches!(l.text().as_ref(), "cin" | "std::cin" | "wcin" | "std::wcin") => {
                return out;
            }
            _ => return Vec::new(),
        }
    }
    Vec::new()
}

/// The buffer an argument hands to a call (`buf`, `&x`, `buf + n`, `(char *)(buf + n)`): its
/// key, and whether it points past the buffer's start (a write there appends).
fn buffer<D: Doc>(arg: &Node<'_, D>) -> Option<(String, bool)> {
    buffer_in(arg, 0)
}

fn buffer_in<D: Doc>(arg: &Node<'_, D>, depth: usize) -> Option<(String, bool)> {
    // `((((…buf…))))` nested past any real argument: no buffer (and no deep recursion).
    if depth > super::flow::MAX_DEPTH {
        return None;
    }
    match arg.kind().as_ref() {
        "identifier" => {
            let t = arg.text();
            // A capitalised name is a constant (a size, a flag), not a buffer.
            (!is_conventional_constant(&t)).then(|| (t.to_string(), false))
        }
        "field_expression" => Some((arg.text().split_whitespace().collect(), false)),
        "pointer_expression" => buffer_in(&arg.field("argument")?, depth + 1),
        "cast_expression" => buffer_in(&arg.field("value")?, depth + 1),
        "parenthesized_expression" => buffer_in(&arg.named_children().next()?, depth + 1),
        "binary_expression" => {
            let (key, _) = buffer_in(&arg.field("left")?, depth + 1)?;
            Some((key, true))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macro_values_are_read_as_literals_names_or_other() {
        assert_eq!(classify(" \"ls \""), MacroValue::Literal);
        assert_eq!(classify("L\"dir \" L\"*.*\""), MacroValue::Literal);
        assert_eq!(
            classify("\"%WINDIR%\\\\system32\\\\cmd.exe\""),
            MacroValue::Literal
        );
        assert_eq!(classify("(100)"), MacroValue::Literal);
        assert_eq!(classify("0x1F"), MacroValue::Literal);
        assert_eq!(classify("'a'"), MacroValue::Literal);
        assert_eq!(classify("data"), MacroValue::Name("data".into()));
        assert_eq!(classify("getenv(\"X\")"), MacroValue::Other);
        assert_eq!(classify("\"a\" + b"), MacroValue::Other);
        assert_eq!(classify("\"unterminated"), MacroValue::Other);
        assert_eq!(classify(""), MacroValue::Other);
    }

    #[test]
    fn capitalised_names_are_constants_by_convention() {
        for n in ["CALG_MD5", "_P_WAIT", "MAX_PATH", "SW_HIDE2"] {
            assert!(is_conventional_constant(n), "{n}");
        }
        for n in ["data", "Data", "cmd_Line", "_", "42", "A-B"] {
            assert!(!is_conventional_constant(n), "{n}");
        }
    }
}
