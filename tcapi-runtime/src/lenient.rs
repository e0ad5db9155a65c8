//! Decoding that accepts numbers sent as strings.
//!
//! Tencent Cloud sometimes sends an `int64` member as a JSON string
//! (`"1753780282000"`). Rather than an attribute on every numeric field, the
//! decoder wraps serde_json's deserializer: wherever a type asks for a number
//! and finds a string that parses as one, it gets the number. Everything else
//! passes through unchanged, so errors read as serde_json's own.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// A deserializer that reads numeric strings as numbers, at every depth.
pub(crate) struct Lenient<D>(pub(crate) D);

macro_rules! numbers {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.0.deserialize_any(NumberFromString(visitor))
            }
        )*
    };
}

macro_rules! wrapped {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.0.$method(Wrap(visitor))
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Lenient<D> {
    type Error = D::Error;

    numbers!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
             deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
             deserialize_f32 deserialize_f64);

    wrapped!(deserialize_any deserialize_bool deserialize_char deserialize_str deserialize_string
             deserialize_bytes deserialize_byte_buf deserialize_option deserialize_unit deserialize_seq
             deserialize_map deserialize_identifier deserialize_ignored_any);

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Wrap(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Wrap(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Wrap(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Wrap(visitor))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_struct(name, fields, Wrap(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }
}

/// Passes a visitor through, wrapping what it is handed next so that nested values stay lenient.
struct Wrap<V>(V);

macro_rules! forward {
    ($($method:ident: $ty:ty)*) => {
        $(
            fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
                self.0.$method(value)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    forward!(visit_bool: bool visit_i8: i8 visit_i16: i16 visit_i32: i32 visit_i64: i64 visit_i128: i128
             visit_u8: u8 visit_u16: u16 visit_u32: u32 visit_u64: u64 visit_u128: u128
             visit_f32: f32 visit_f64: f64 visit_char: char visit_str: &str visit_borrowed_str: &'de str
             visit_string: String visit_bytes: &[u8] visit_borrowed_bytes: &'de [u8] visit_byte_buf: Vec<u8>);

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Lenient(deserializer))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Lenient(deserializer))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(LenientSeq(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(LenientMap(map))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(data)
    }
}

/// Turns a string that parses as a number into that number; anything else passes through.
struct NumberFromString<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for NumberFromString<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    forward!(visit_bool: bool visit_i64: i64 visit_i128: i128 visit_u64: u64 visit_u128: u128 visit_f64: f64
             visit_string: String visit_bytes: &[u8]);

    fn visit_str<E: de::Error>(self, text: &str) -> Result<V::Value, E> {
        match number_in_text(text) {
            Some(TextNumber::I64(n)) => self.0.visit_i64(n),
            Some(TextNumber::U64(n)) => self.0.visit_u64(n),
            Some(TextNumber::F64(n)) => self.0.visit_f64(n),
            None => self.0.visit_str(text),
        }
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<V::Value, E> {
        self.visit_str(text)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(map)
    }
}

struct LenientSeq<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for LenientSeq<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(LenientSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct LenientMap<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for LenientMap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(seed)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(LenientSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct LenientSeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for LenientSeed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Lenient(deserializer))
    }
}

/// A number sent as text, as the lenient decoder reads it.
pub(crate) enum TextNumber {
    I64(i64),
    U64(u64),
    F64(f64),
}

/// The number in `text` (trimmed): an i64, else a u64, else a finite f64. The
/// decoder and the mock's validator both use it, so what one accepts the other does.
pub(crate) fn number_in_text(text: &str) -> Option<TextNumber> {
    let text = text.trim();
    if let Ok(n) = text.parse::<i64>() {
        Some(TextNumber::I64(n))
    } else if let Ok(n) = text.parse::<u64>() {
        Some(TextNumber::U64(n))
    } else {
        text.parse::<f64>().ok().filter(|n| n.is_finite()).map(TextNumber::F64)
    }
}

#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;
    use serde::Deserialize;

    use super::Lenient;

    fn decode<T: DeserializeOwned>(json: &str) -> Result<T, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let value = T::deserialize(Lenient(&mut deserializer))?;
        deserializer.end()?;
        Ok(value)
    }

    #[derive(Deserialize, Debug, PartialEq, Default)]
    #[serde(default)]
    struct Inner {
        #[serde(rename = "N")]
        n: Option<i64>,
        #[serde(rename = "U")]
        u: Option<u64>,
        #[serde(rename = "F")]
        f: Option<f64>,
        #[serde(rename = "S")]
        s: Option<String>,
    }

    #[derive(Deserialize, Debug, PartialEq, Default)]
    #[serde(default)]
    struct Outer {
        #[serde(rename = "Inner")]
        inner: Option<Inner>,
        #[serde(rename = "List")]
        list: Vec<Inner>,
        #[serde(rename = "Ints")]
        ints: Vec<i64>,
    }

    #[test]
    fn numeric_strings_become_numbers_at_any_depth() {
        let outer: Outer = decode(
            r#"{"Inner": {"N": "1753780282000", "U": "18446744073709551615", "F": "1.5", "S": "42"},
                "List": [{"N": "-7"}], "Ints": ["1", 2]}"#,
        )
        .expect("lenient");
        let inner = outer.inner.expect("inner");
        assert_eq!(inner.n, Some(1_753_780_282_000));
        assert_eq!(inner.u, Some(u64::MAX));
        assert_eq!(inner.f, Some(1.5));
        assert_eq!(inner.s.as_deref(), Some("42"), "strings stay strings");
        assert_eq!(outer.list[0].n, Some(-7));
        assert_eq!(outer.ints, [1, 2]);
    }

    #[test]
    fn other_mismatches_still_fail() {
        assert!(decode::<Inner>(r#"{"N": "many"}"#).is_err());
        assert!(decode::<Inner>(r#"{"N": true}"#).is_err());
        assert!(decode::<Inner>(r#"{"S": 5}"#).is_err());
        assert_eq!(
            decode::<Inner>(r#"{"N": 9007199254740993}"#).ok().and_then(|i| i.n),
            Some(9_007_199_254_740_993)
        );
    }
}
