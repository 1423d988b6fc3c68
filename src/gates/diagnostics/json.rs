//! Streaming JSON shared by the JSON formats: the elements of a top-level array, or of an array
//! under one key of a top-level object, are deserialized one at a time, so a 100 MB report is
//! never held whole.

use super::ParseError;
use serde::de::{
    DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Map, Value};
use std::fmt;
use std::io::BufRead;
use std::marker::PhantomData;

/// A serde_json error as a positioned parse error (its message without serde's own position).
pub fn err(e: serde_json::Error) -> ParseError {
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    let msg = if e.is_eof() {
        format!("{msg} (truncated output?)")
    } else {
        msg
    };
    ParseError::at_line(e.line() as u64, e.column().max(1) as u64, msg)
}

struct Each<'f, T> {
    f: &'f mut dyn FnMut(T),
    _t: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Each<'_, T> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Each<'_, T> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(x) = seq.next_element::<T>()? {
            (self.f)(x);
        }
        Ok(())
    }
    /// `null` for "no items" (golangci-lint's `"Issues": null`).
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// Streams the elements of a top-level JSON array.
pub fn each_in_array<T: DeserializeOwned>(
    input: &mut dyn BufRead,
    f: &mut dyn FnMut(T),
) -> Result<(), ParseError> {
    let mut de = serde_json::Deserializer::from_reader(input);
    Each { f, _t: PhantomData }
        .deserialize(&mut de)
        .map_err(err)?;
    de.end().map_err(err)
}

struct Keyed<'f, T> {
    key: &'static str,
    keep: &'static [&'static str],
    f: &'f mut dyn FnMut(T),
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Keyed<'_, T> {
    type Value = (bool, Map<String, Value>);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Keyed<'_, T> {
    type Value = (bool, Map<String, Value>);
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with a `{}` array", self.key)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = false;
        let mut kept = Map::new();
        while let Some(k) = map.next_key::<String>()? {
            if k == self.key {
                map.next_value_seed(Each {
                    f: &mut *self.f,
                    _t: PhantomData,
                })?;
                found = true;
            } else if self.keep.contains(&k.as_str()) {
                let v: Value = map.next_value()?;
                kept.insert(k, v);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok((found, kept))
    }
}

/// Streams the elements of the array under `key` of a top-level object; returns the values of
/// the `keep` keys (small ones: summaries). A missing `key` is an error.
pub fn each_under_key<T: DeserializeOwned>(
    input: &mut dyn BufRead,
    key: &'static str,
    keep: &'static [&'static str],
    f: &mut dyn FnMut(T),
) -> Result<Map<String, Value>, ParseError> {
    let mut de = serde_json::Deserializer::from_reader(input);
    let (found, kept) = Keyed { key, keep, f }.deserialize(&mut de).map_err(err)?;
    de.end().map_err(err)?;
    if !found {
        return Err(ParseError::at_line(1, 1, format!("no `{key}` array")));
    }
    Ok(kept)
}

/// Streams a sequence of JSON values (JSON Lines, or concatenated objects).
pub fn each_value<T: DeserializeOwned>(
    input: &mut dyn BufRead,
    f: &mut dyn FnMut(T),
) -> Result<(), ParseError> {
    let de = serde_json::Deserializer::from_reader(input);
    for v in de.into_iter::<T>() {
        f(v.map_err(err)?);
    }
    Ok(())
}

/// A count in a summary object.
pub fn count(v: &Map<String, Value>, obj: &str, key: &str) -> Option<u64> {
    v.get(obj)?.get(key)?.as_u64()
}
