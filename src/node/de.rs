//! serde `Deserializer` over the positioned node tree: every error carries the position of the
//! node it came from, and unknown keys get a "did you mean".

use super::value::{Node, Pos, SKey, SNode};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A deserialization error with the position of the offending node.
#[derive(Debug, Clone, PartialEq)]
pub struct DeError {
    pub pos: Option<Pos>,
    pub message: String,
    pub suggestion: Option<String>,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(s) = &self.suggestion {
            write!(f, " (did you mean `{s}`?)")?;
        }
        Ok(())
    }
}

impl std::error::Error for DeError {}

impl DeError {
    pub fn at(pos: Pos, message: impl Into<String>) -> DeError {
        DeError {
            pos: Some(pos),
            message: message.into(),
            suggestion: None,
        }
    }
    fn locate(mut self, pos: Pos) -> DeError {
        if self.pos.is_none() {
            self.pos = Some(pos);
        }
        self
    }
}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            pos: None,
            message: msg.to_string(),
            suggestion: None,
        }
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let suggestion =
            crate::suggest::did_you_mean(field, expected.iter().copied()).map(str::to_string);
        let list = expected
            .iter()
            .map(|e| format!("`{e}`"))
            .collect::<Vec<_>>()
            .join(", ");
        DeError {
            pos: None,
            message: format!("unknown key `{field}`, expected one of {list}"),
            suggestion,
        }
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let suggestion =
            crate::suggest::did_you_mean(variant, expected.iter().copied()).map(str::to_string);
        let list = expected
            .iter()
            .map(|e| format!("`{e}`"))
            .collect::<Vec<_>>()
            .join(", ");
        DeError {
            pos: None,
            message: format!("unknown value `{variant}`, expected one of {list}"),
            suggestion,
        }
    }
    fn missing_field(field: &'static str) -> Self {
        DeError::custom(format!("missing key `{field}`"))
    }
    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError::custom(format!("expected {exp}, found {}", unexpected(unexp)))
    }
}

fn unexpected(u: de::Unexpected<'_>) -> String {
    match u {
        de::Unexpected::Str(s) => format!("the string \"{s}\""),
        de::Unexpected::Map => "a table".into(),
        de::Unexpected::Seq => "an array".into(),
        de::Unexpected::Signed(i) => format!("the integer {i}"),
        de::Unexpected::Unsigned(i) => format!("the integer {i}"),
        de::Unexpected::Float(f) => format!("the float {f}"),
        de::Unexpected::Bool(b) => format!("the boolean {b}"),
        other => other.to_string(),
    }
}

/// The magic struct name that asks for a value with its position (see [`Spanned`]).
pub const SPANNED_NAME: &str = "$gatekeep::Spanned";
const SPANNED_FIELDS: &[&str] = &["$line", "$col", "$value"];

/// A value together with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub pos: Pos,
    pub value: T,
}

impl<T> Spanned<T> {
    pub fn new(pos: Pos, value: T) -> Spanned<T> {
        Spanned { pos, value }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// In the JSON Schema a spanned value is just the value.
impl<T: schemars::JsonSchema> schemars::JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

impl<'de, T: de::Deserialize<'de>> de::Deserialize<'de> for Spanned<T> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: de::Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Spanned<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut line = 0usize;
                let mut col = 0usize;
                let mut value = None;
                while let Some(k) = map.next_key::<String>()? {
                    match k.as_str() {
                        "$line" => line = map.next_value()?,
                        "$col" => col = map.next_value()?,
                        _ => value = Some(map.next_value()?),
                    }
                }
                let value = value.ok_or_else(|| de::Error::custom("missing value"))?;
                Ok(Spanned {
                    pos: Pos { line, col },
                    value,
                })
            }
        }
        d.deserialize_struct(SPANNED_NAME, SPANNED_FIELDS, V(std::marker::PhantomData))
    }
}

/// Deserializes a typed value from a node.
pub fn from_node<'a, T: de::Deserialize<'a>>(node: &'a SNode) -> Result<T, DeError> {
    T::deserialize(node).map_err(|e| e.locate(node.pos))
}

macro_rules! forward_located {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
            self.deserialize_any(v)
        })*
    };
}

impl<'de> de::Deserializer<'de> for &'de SNode {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let r = match &self.node {
            Node::Null => v.visit_unit(),
            Node::Bool(b) => v.visit_bool(*b),
            Node::Int(i) => v.visit_i64(*i),
            Node::Float(f) => v.visit_f64(*f),
            Node::Str(s) | Node::Date(s) => v.visit_borrowed_str(s),
            Node::Seq(items) => v.visit_seq(Seq { iter: items.iter() }),
            Node::Map(entries) => v.visit_map(Map {
                iter: entries.iter(),
                value: None,
            }),
        };
        r.map_err(|e| e.locate(self.pos))
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match (&self.node, &self.raw) {
            (Node::Int(_) | Node::Float(_) | Node::Bool(_), Some(raw)) => v
                .visit_borrowed_str::<DeError>(raw)
                .map_err(|e| e.locate(self.pos)),
            _ => self.deserialize_any(v),
        }
    }
    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.node {
            Node::Int(i) => v
                .visit_f64::<DeError>(i as f64)
                .map_err(|e| e.locate(self.pos)),
            _ => self.deserialize_any(v),
        }
    }
    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(v)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.node {
            Node::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        if name == SPANNED_NAME {
            return v.visit_map(SpannedAccess {
                node: self,
                step: 0,
            });
        }
        if !matches!(self.node, Node::Map(_)) {
            return Err(DeError::at(
                self.pos,
                format!(
                    "expected a table with keys {}, found {}",
                    fields.join(", "),
                    self.node.type_name()
                ),
            ));
        }
        self.deserialize_any(v)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        match &self.node {
            Node::Str(s) => v
                .visit_enum(s.as_str().into_deserializer())
                .map_err(|e: DeError| e.locate(self.pos)),
            Node::Map(entries) if entries.len() == 1 => v
                .visit_enum(EnumAccess {
                    key: &entries[0].0,
                    value: &entries[0].1,
                })
                .map_err(|e| e.locate(self.pos)),
            other => Err(DeError::at(
                self.pos,
                format!("expected a string, found {}", other.type_name()),
            )),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _n: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _n: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_any(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _n: &'static str,
        _len: usize,
        v: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_any(v)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, DeError> {
        self.deserialize_any(v)
    }

    forward_located! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_char
        deserialize_bytes deserialize_byte_buf deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier deserialize_ignored_any
    }
}

struct Seq<'a> {
    iter: std::slice::Iter<'a, SNode>,
}

impl<'de> SeqAccess<'de> for Seq<'de> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.iter.next() {
            Some(n) => seed.deserialize(n).map(Some).map_err(|e| e.locate(n.pos)),
            None => Ok(None),
        }
    }
}

struct Map<'a> {
    iter: std::slice::Iter<'a, (SKey, SNode)>,
    value: Option<&'a SNode>,
}

impl<'de> MapAccess<'de> for Map<'de> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.iter.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(KeyDe(k))
                    .map(Some)
                    .map_err(|e| e.locate(k.pos))
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let v = self
            .value
            .take()
            .ok_or_else(|| <DeError as de::Error>::custom("value without a key"))?;
        seed.deserialize(v).map_err(|e| e.locate(v.pos))
    }
}

struct KeyDe<'a>(&'a SKey);

impl<'de> de::Deserializer<'de> for KeyDe<'de> {
    type Error = DeError;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_borrowed_str(&self.0.name)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct EnumAccess<'a> {
    key: &'a SKey,
    value: &'a SNode,
}

impl<'de> de::EnumAccess<'de> for EnumAccess<'de> {
    type Error = DeError;
    type Variant = &'de SNode;
    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, &'de SNode), DeError> {
        let v = seed
            .deserialize(KeyDe(self.key))
            .map_err(|e| e.locate(self.key.pos))?;
        Ok((v, self.value))
    }
}

impl<'de> de::VariantAccess<'de> for &'de SNode {
    type Error = DeError;
    fn unit_variant(self) -> Result<(), DeError> {
        Err(DeError::at(
            self.pos,
            "expected a plain string for this value",
        ))
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_any(self, v)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _f: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_any(self, v)
    }
}

struct SpannedAccess<'a> {
    node: &'a SNode,
    step: u8,
}

impl<'de> MapAccess<'de> for SpannedAccess<'de> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let key = match self.step {
            0 => "$line",
            1 => "$col",
            2 => "$value",
            _ => return Ok(None),
        };
        seed.deserialize(key.into_deserializer()).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let step = self.step;
        self.step += 1;
        match step {
            0 => seed.deserialize((self.node.pos.line as u64).into_deserializer()),
            1 => seed.deserialize((self.node.pos.col as u64).into_deserializer()),
            _ => seed.deserialize(self.node),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::value::{parse_toml, parse_yaml};
    use super::*;
    use serde::Deserialize;

    #[allow(dead_code)]
    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Opts {
        reports: Vec<String>,
        #[serde(default)]
        level: Option<Lvl>,
        #[serde(default)]
        n: Option<u32>,
        #[serde(default)]
        name: Option<Spanned<String>>,
    }
    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Lvl {
        Blocker,
        Warning,
    }

    #[test]
    fn unknown_key_has_position_and_suggestion() {
        let n = parse_toml("reports = []\nreprots = [\"a\"]\n").unwrap();
        let e = from_node::<Opts>(&n).unwrap_err();
        assert_eq!(e.pos, Some(Pos { line: 2, col: 1 }));
        assert_eq!(e.suggestion.as_deref(), Some("reports"));
        assert!(e.message.contains("unknown key `reprots`"));
    }

    #[test]
    fn wrong_type_points_at_value() {
        let n = parse_toml("reports = \"x\"\n").unwrap();
        let e = from_node::<Opts>(&n).unwrap_err();
        assert_eq!(e.pos, Some(Pos { line: 1, col: 11 }));
        assert!(
            e.message
                .contains("expected a sequence, found the string \"x\""),
            "{}",
            e.message
        );
        let n = parse_yaml("reports: [1]\nn: -3\n").unwrap();
        let e = from_node::<Opts>(&n).unwrap_err();
        assert_eq!(e.pos, Some(Pos { line: 2, col: 4 }));
    }

    #[test]
    fn enum_value_suggestion() {
        let n = parse_yaml("reports: []\nlevel: warnign\n").unwrap();
        let e = from_node::<Opts>(&n).unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("warning"));
        assert_eq!(e.pos, Some(Pos { line: 2, col: 8 }));
    }

    #[test]
    fn spanned_values_and_yaml_numbers_as_strings() {
        let n = parse_yaml("reports: [2024]\nname: x\n").unwrap();
        let o = from_node::<Opts>(&n).unwrap();
        assert_eq!(o.reports, vec!["2024".to_string()]);
        let name = o.name.unwrap();
        assert_eq!(name.value, "x");
        assert_eq!(name.pos, Pos { line: 2, col: 7 });
    }

    #[test]
    fn missing_key() {
        let n = parse_toml("level = \"blocker\"\n").unwrap();
        let e = from_node::<Opts>(&n).unwrap_err();
        assert!(e.message.contains("missing key `reports`"));
    }
}
