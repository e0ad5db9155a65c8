//! The part of an api.json a refresh reports on: action names and each object's
//! members with their types, as the spec writes them.
//!
//! Read from the raw JSON rather than from `tcapi_spec`'s model, which folds
//! `date` and `datetime` into one string type: a report should show `datetime`
//! → `string` when Tencent makes that change.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// The actions and object members of one api.json.
#[derive(Debug, Default, PartialEq)]
pub struct Shape {
    /// Action name → its request and response object names.
    pub actions: BTreeMap<String, [String; 2]>,
    /// Object name → its members, `(name, type)`, in spec order.
    pub objects: BTreeMap<String, Vec<(String, String)>>,
}

impl Shape {
    /// Reads the shape of api.json `text`. Missing keys read as empty, because a
    /// file already on disk is described as it is, not validated.
    pub fn parse(text: &str) -> Result<Shape, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
        let mut shape = Shape::default();
        for (name, action) in value["actions"].as_object().into_iter().flatten() {
            let object_name = |key: &str| action[key].as_str().unwrap_or_default().to_string();
            shape
                .actions
                .insert(name.clone(), [object_name("input"), object_name("output")]);
        }
        for (name, object) in value["objects"].as_object().into_iter().flatten() {
            let members = object["members"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|member| (text_of(&member["name"]), type_text(member)))
                .collect();
            shape.objects.insert(name.clone(), members);
        }
        Ok(shape)
    }

    /// The request and response objects of the named actions.
    pub fn action_objects<'a>(&'a self, names: impl IntoIterator<Item = &'a str>) -> BTreeSet<&'a str> {
        names
            .into_iter()
            .filter_map(|name| self.actions.get(name))
            .flat_map(|[input, output]| [input.as_str(), output.as_str()])
            .collect()
    }
}

/// A member's type as the spec writes it: the scalar (`int64`, `datetime`), the
/// object name, or `list<...>` of either.
pub fn type_text(member: &Value) -> String {
    let ty = text_of(&member["type"]);
    let inner = member["member"].as_str().map_or_else(|| ty.clone(), str::to_string);
    if ty == "list" {
        format!("list<{inner}>")
    } else {
        inner
    }
}

fn text_of(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn types_read_as_the_spec_writes_them() {
        assert_eq!(
            type_text(&json!({"type": "list", "member": "Instance"})),
            "list<Instance>"
        );
        assert_eq!(type_text(&json!({"type": "list", "member": "string"})), "list<string>");
        assert_eq!(type_text(&json!({"type": "int", "member": "int64"})), "int64");
        assert_eq!(type_text(&json!({"type": "string", "member": "datetime"})), "datetime");
        assert_eq!(
            type_text(&json!({"type": "object", "member": "Placement"})),
            "Placement"
        );
    }
}
