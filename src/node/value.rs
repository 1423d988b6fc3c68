//! A config document as a tree of nodes that remember where they were written.
//!
//! TOML and YAML are both read into this tree, so that every later error — a wrong type, an
//! unknown key, a bad threshold — can name the file, line and column, whatever the format.

use std::fmt;

/// A 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// A TOML date/time, kept as its text (`2025-08-15`).
    Date(String),
    Seq(Vec<SNode>),
    Map(Vec<(SKey, SNode)>),
}

impl Node {
    pub fn type_name(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Int(_) => "an integer",
            Node::Float(_) => "a float",
            Node::Str(_) => "a string",
            Node::Date(_) => "a date",
            Node::Seq(_) => "an array",
            Node::Map(_) => "a table",
        }
    }
}

/// A key of a table, with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct SKey {
    pub name: String,
    pub pos: Pos,
}

/// A value with its position. `raw` holds the source text of a plain YAML scalar, so that
/// `name: 2024` can still be read as the string "2024".
#[derive(Clone, Debug, PartialEq)]
pub struct SNode {
    pub node: Node,
    pub pos: Pos,
    pub raw: Option<String>,
}

impl SNode {
    pub fn new(node: Node, pos: Pos) -> SNode {
        SNode {
            node,
            pos,
            raw: None,
        }
    }

    /// The entries of a table, or `None`.
    pub fn entries(&self) -> Option<&[(SKey, SNode)]> {
        match &self.node {
            Node::Map(m) => Some(m),
            _ => None,
        }
    }

    /// Looks a key up in a table.
    pub fn get(&self, key: &str) -> Option<(&SKey, &SNode)> {
        self.entries()?
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(k, v)| (k, v))
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.node {
            Node::Str(s) | Node::Date(s) => Some(s),
            _ => self.raw.as_deref(),
        }
    }
}

/// Maps byte offsets to line/column.
pub struct LineIndex<'a> {
    src: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(src: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { src, starts }
    }
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.src.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let col = self
            .src
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start)
            + 1;
        Pos {
            line: line + 1,
            col,
        }
    }
}

/// A syntax error in the document itself.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// Parses TOML into the node tree.
pub fn parse_toml(src: &str) -> Result<SNode, SyntaxError> {
    use toml::de::{DeTable, DeValue};
    let idx = LineIndex::new(src);
    let doc = DeTable::parse(src).map_err(|e| {
        let pos = e.span().map(|s| idx.pos(s.start)).unwrap_or_default();
        SyntaxError {
            pos,
            message: e.message().trim().to_string(),
        }
    })?;

    fn conv(v: &toml::Spanned<DeValue<'_>>, idx: &LineIndex<'_>) -> SNode {
        let pos = idx.pos(v.span().start);
        let node = match v.get_ref() {
            DeValue::String(s) => Node::Str(s.to_string()),
            DeValue::Integer(i) => {
                match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                    Ok(n) => Node::Int(n),
                    Err(_) => Node::Str(i.as_str().to_string()),
                }
            }
            DeValue::Float(f) => {
                Node::Float(f.as_str().replace('_', "").parse().unwrap_or(f64::NAN))
            }
            DeValue::Boolean(b) => Node::Bool(*b),
            DeValue::Datetime(d) => Node::Date(d.to_string()),
            DeValue::Array(a) => Node::Seq(a.iter().map(|x| conv(x, idx)).collect()),
            DeValue::Table(t) => Node::Map(table(t, idx)),
        };
        SNode::new(node, pos)
    }
    fn table(t: &DeTable<'_>, idx: &LineIndex<'_>) -> Vec<(SKey, SNode)> {
        t.iter()
            .map(|(k, v)| {
                (
                    SKey {
                        name: k.get_ref().to_string(),
                        pos: idx.pos(k.span().start),
                    },
                    conv(v, idx),
                )
            })
            .collect()
    }
    Ok(SNode::new(
        Node::Map(table(doc.get_ref(), &idx)),
        Pos { line: 1, col: 1 },
    ))
}

/// Parses YAML (1.2 core schema) into the node tree. Anchors and aliases are refused:
/// a config has no need for them and they are a way to blow up memory.
pub fn parse_yaml(src: &str) -> Result<SNode, SyntaxError> {
    use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
    use yaml_rust2::scanner::{Marker, TScalarStyle};

    enum Frame {
        Seq(Pos, Vec<SNode>),
        Map(Pos, Vec<(SKey, SNode)>, Option<SKey>),
    }
    struct Builder {
        stack: Vec<Frame>,
        root: Option<SNode>,
        error: Option<SyntaxError>,
        docs: usize,
    }
    fn pos_of(m: &Marker) -> Pos {
        Pos {
            line: m.line(),
            col: m.col() + 1,
        }
    }
    impl Builder {
        fn push_value(&mut self, v: SNode) {
            match self.stack.last_mut() {
                None => self.root = Some(v),
                Some(Frame::Seq(_, items)) => items.push(v),
                Some(Frame::Map(_, entries, key)) => match key.take() {
                    None => {
                        let name = match &v.node {
                            Node::Str(s) => s.clone(),
                            _ => v.raw.clone().unwrap_or_default(),
                        };
                        if !matches!(v.node, Node::Str(_)) && v.raw.is_none() {
                            self.error.get_or_insert(SyntaxError {
                                pos: v.pos,
                                message: "a key must be a plain string".into(),
                            });
                        }
                        *key = Some(SKey { name, pos: v.pos });
                    }
                    Some(k) => {
                        if entries.iter().any(|(e, _)| e.name == k.name) {
                            self.error.get_or_insert(SyntaxError {
                                pos: k.pos,
                                message: format!("duplicate key `{}`", k.name),
                            });
                        }
                        entries.push((k, v))
                    }
                },
            }
        }
    }
    impl MarkedEventReceiver for Builder {
        fn on_event(&mut self, ev: Event, mark: Marker) {
            if self.error.is_some() {
                return;
            }
            let pos = pos_of(&mark);
            match ev {
                Event::DocumentStart => {
                    self.docs += 1;
                    if self.docs > 1 {
                        self.error = Some(SyntaxError {
                            pos,
                            message: "expected a single YAML document".into(),
                        });
                    }
                }
                Event::Alias(_) => {
                    self.error = Some(SyntaxError {
                        pos,
                        message: "YAML aliases are not supported in gatekeep configs".into(),
                    })
                }
                Event::Scalar(text, style, _, _) => {
                    let node = if style == TScalarStyle::Plain {
                        let mut n = SNode::new(resolve_plain(&text), pos);
                        n.raw = Some(text);
                        n
                    } else {
                        SNode::new(Node::Str(text), pos)
                    };
                    self.push_value(node);
                }
                Event::SequenceStart(..) => self.stack.push(Frame::Seq(pos, Vec::new())),
                Event::MappingStart(..) => self.stack.push(Frame::Map(pos, Vec::new(), None)),
                Event::SequenceEnd | Event::MappingEnd => {
                    let node = match self.stack.pop() {
                        Some(Frame::Seq(p, items)) => SNode::new(Node::Seq(items), p),
                        Some(Frame::Map(p, entries, _)) => SNode::new(Node::Map(entries), p),
                        None => return,
                    };
                    self.push_value(node);
                }
                _ => {}
            }
        }
    }

    let mut b = Builder {
        stack: Vec::new(),
        root: None,
        error: None,
        docs: 0,
    };
    let mut parser = Parser::new_from_str(src);
    parser.load(&mut b, true).map_err(|e| SyntaxError {
        pos: pos_of(e.marker()),
        message: e.info().to_string(),
    })?;
    if let Some(e) = b.error {
        return Err(e);
    }
    Ok(match b.root {
        Some(n) if matches!(n.node, Node::Null) => SNode::new(Node::Map(Vec::new()), n.pos),
        Some(n) => n,
        None => SNode::new(Node::Map(Vec::new()), Pos { line: 1, col: 1 }),
    })
}

fn resolve_plain(s: &str) -> Node {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Node::Null,
        "true" | "True" | "TRUE" => return Node::Bool(true),
        "false" | "False" | "FALSE" => return Node::Bool(false),
        _ => {}
    }
    if let Ok(i) = s.parse::<i64>() {
        return Node::Int(i);
    }
    if let Some(h) = s.strip_prefix("0x")
        && let Ok(i) = i64::from_str_radix(h, 16)
    {
        return Node::Int(i);
    }
    let looks_float = s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        && s.chars().any(|c| c.is_ascii_digit());
    if looks_float && let Ok(f) = s.parse::<f64>() {
        return Node::Float(f);
    }
    if s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' {
        return Node::Date(s.to_string());
    }
    Node::Str(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_positions() {
        let n = parse_toml("[gates.xml]\nlevel = \"warning\"\nthresholds = [\"errors < 5\"]\n")
            .unwrap();
        let (_, gates) = n.get("gates").unwrap();
        let (k, xml) = gates.get("xml").unwrap();
        assert_eq!(k.pos, Pos { line: 1, col: 8 });
        let (k, lvl) = xml.get("level").unwrap();
        assert_eq!(k.pos, Pos { line: 2, col: 1 });
        assert_eq!(lvl.pos, Pos { line: 2, col: 9 });
        let (_, th) = xml.get("thresholds").unwrap();
        match &th.node {
            Node::Seq(items) => assert_eq!(items[0].pos, Pos { line: 3, col: 15 }),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn toml_syntax_error_has_position() {
        let e = parse_toml("[gates]\nx = \n").unwrap_err();
        assert_eq!(e.pos.line, 2);
    }

    #[test]
    fn yaml_positions_and_types() {
        let n = parse_yaml("gates:\n  xml:\n    level: warning\n    n: 5\n    d: 2025-08-15\n")
            .unwrap();
        let (_, gates) = n.get("gates").unwrap();
        let (k, xml) = gates.get("xml").unwrap();
        assert_eq!(k.pos, Pos { line: 2, col: 3 });
        let (_, lvl) = xml.get("level").unwrap();
        assert_eq!(lvl.pos, Pos { line: 3, col: 12 });
        assert_eq!(xml.get("n").unwrap().1.node, Node::Int(5));
        assert_eq!(
            xml.get("d").unwrap().1.node,
            Node::Date("2025-08-15".into())
        );
    }

    #[test]
    fn yaml_refuses_aliases_and_duplicates() {
        assert!(
            parse_yaml("a: &x 1\nb: *x\n")
                .unwrap_err()
                .message
                .contains("aliases")
        );
        let e = parse_yaml("a: 1\na: 2\n").unwrap_err();
        assert!(e.message.contains("duplicate key"));
        assert_eq!(e.pos, Pos { line: 2, col: 1 });
    }

    #[test]
    fn empty_yaml_is_empty_map() {
        assert_eq!(parse_yaml("").unwrap().node, Node::Map(vec![]));
    }
}
