//! The one routine that decodes every generated response and model struct.
//!
//! serde's derive writes a field enum, a field visitor and a struct visitor for
//! each struct, and cwp alone has about 1,500 of them: that code was most of
//! the derive's compile time. A generated struct instead names its wire fields
//! and reads one field by index ([`Model`]); the loop over the JSON object is
//! written once, here.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Unexpected, Visitor};

/// A struct whose members are all optional, decoded member by member.
pub trait Model: Default {
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// The wire name of each member, in field order.
    const FIELDS: &'static [&'static str];

    /// Reads the value of member `index` (a position in [`Model::FIELDS`]) into its field.
    fn read_field<'de, A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error>;
}

/// `Deserialize::deserialize` for every [`Model`]. Unknown members are skipped,
/// missing ones stay `None`, a repeated member keeps its last value (as
/// serde_json's own maps and the official SDKs' JSON parsers do), and `[]`
/// reads as the empty struct.
pub fn deserialize_model<'de, T: Model, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::FIELDS, ModelVisitor(PhantomData))
}

struct ModelVisitor<T>(PhantomData<T>);

impl<'de, T: Model> Visitor<'de> for ModelVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        while let Some(index) = map.next_key_seed(FieldIndex(T::FIELDS))? {
            match index {
                Some(index) => value.read_field(index, &mut map)?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(value)
    }

    /// `[]` is how some backends write an empty object; serde's derive (with
    /// `default`) took it as the default value, and so does this. A non-empty
    /// array is the wrong type.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
        match seq.next_element::<IgnoredAny>()? {
            None => Ok(T::default()),
            Some(_) => Err(serde::de::Error::invalid_type(Unexpected::Seq, &self)),
        }
    }
}

/// Reads a member name as its position in the fields, without allocating;
/// `None` for a member the struct does not have.
struct FieldIndex(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldIndex {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|field| *field == name))
    }

    fn visit_bytes<E: serde::de::Error>(self, name: &[u8]) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|field| field.as_bytes() == name))
    }
}
