//! The naming corpus test: over every official file in `../shared/upstream`
//! and the repo's hazard spec, every generated name is a valid identifier,
//! unique in its scope, and serde maps every field back to its wire name.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::{Fields, Item, ItemMod};

use super::{generate, Target};

fn corpus() -> Vec<PathBuf> {
    let shared =
        std::env::var("TCAPI_SHARED").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared").into());
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(&shared).join("upstream"))
        .map(|dir| {
            dir.flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(".api.json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/hazards"));
    files
}

/// serde's `rename_all = "PascalCase"` of a field, as serde computes it (after `r#`).
fn serde_pascal(field: &str) -> String {
    field
        .trim_start_matches("r#")
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The wire names serde gives a struct's fields, from its attributes.
fn wire_names(item: &syn::ItemStruct) -> Result<Vec<(String, String)>, String> {
    let Fields::Named(fields) = &item.fields else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for field in &fields.named {
        let ident = field.ident.as_ref().map(|i| i.to_string()).unwrap_or_default();
        if ident == "_private" {
            continue;
        }
        let mut wire = serde_pascal(&ident);
        for attr in field.attrs.iter().filter(|a| a.path().is_ident("serde")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    wire = meta.value()?.parse::<syn::LitStr>()?.value();
                } else if meta.input.peek(syn::Token![=]) {
                    meta.value()?.parse::<syn::Expr>()?;
                }
                Ok(())
            })
            .map_err(|e| format!("{}: {e}", item.ident))?;
        }
        out.push((ident, wire));
    }
    Ok(out)
}

#[test]
fn every_name_is_a_unique_identifier_and_round_trips() -> Result<(), String> {
    let files = corpus();
    if files.len() < 6 {
        return Err(format!(
            "expected the five official files and the hazard spec, found {files:?}"
        ));
    }
    let mut checked_members = 0;
    for path in files {
        let service = tcapi_spec::load(&path).map_err(|e| e.to_string())?.service;
        let target = Target {
            ident: syn::parse_quote!(Api),
            vis: syn::parse_quote!(pub),
            generics: syn::Generics::default(),
            client: syn::parse_quote!(client),
            single_field: true,
            sources: Vec::new(),
        };
        // Parsing as a file checks every identifier; duplicates are checked below.
        let file: syn::File =
            syn::parse2(generate(&service, &target)).map_err(|e| format!("{}: {e}", path.display()))?;
        let module = file
            .items
            .iter()
            .find_map(|item| match item {
                Item::Mod(ItemMod {
                    content: Some((_, items)),
                    ..
                }) => Some(items),
                _ => None,
            })
            .ok_or("no generated module")?;
        let mut type_names = BTreeSet::new();
        let mut wire_by_object: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for item in module {
            let name = match item {
                Item::Struct(s) => {
                    wire_by_object.insert(s.ident.to_string(), wire_names(s)?);
                    s.ident.to_string()
                }
                Item::Type(t) => t.ident.to_string(),
                _ => continue,
            };
            if !type_names.insert(name.clone()) {
                return Err(format!("{}: two types named {name}", path.display()));
            }
        }
        for object in service.objects.values() {
            let Some(fields) =
                wire_by_object.get(&super::types::TypeNames::new(&service).ident(&object.name).to_string())
            else {
                continue; // a member-less model is a JSON value alias
            };
            let idents: BTreeSet<&String> = fields.iter().map(|(ident, _)| ident).collect();
            if idents.len() != fields.len() {
                return Err(format!(
                    "{}: {} has two fields with one name",
                    path.display(),
                    object.name
                ));
            }
            let wires: Vec<&str> = fields.iter().map(|(_, wire)| wire.as_str()).collect();
            let expected: Vec<&str> = object.members.iter().map(|m| m.name.as_str()).collect();
            if wires != expected {
                return Err(format!(
                    "{}: {} maps to {wires:?}, not {expected:?}",
                    path.display(),
                    object.name
                ));
            }
            checked_members += wires.len();
        }
    }
    println!("naming corpus: {checked_members} members checked");
    Ok(())
}
