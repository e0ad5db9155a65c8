//! The naming corpus test: over every official file the repo ships in
//! `specs/<service>/<version>/` and the repo's hazard spec, every generated
//! name is a valid identifier, unique in its scope, and serde maps every field
//! back to its wire name; so does the `Model` derive that decodes response and
//! model structs, and it accepts every struct the generator gives it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::{Fields, Item, ItemMod};

use crate::generate;
use crate::golden::test_target;

/// How many `*.api.json` files the repo ships: the whole international catalog.
const OFFICIAL_FILES: usize = 156;

/// Every `specs/<service>/<version>/*.api.json`, then the hazard spec.
fn corpus() -> Result<Vec<PathBuf>, String> {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let list = |dir: &Path| -> Result<Vec<PathBuf>, String> {
        Ok(std::fs::read_dir(dir)
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .flatten()
            .map(|e| e.path())
            .collect())
    };
    let mut files = Vec::new();
    for service in list(&specs)?.into_iter().filter(|p| p.is_dir()) {
        for version in list(&service)?.into_iter().filter(|p| p.is_dir()) {
            files.extend(
                list(&version)?
                    .into_iter()
                    .filter(|p| p.to_string_lossy().ends_with(".api.json")),
            );
        }
    }
    files.sort();
    if files.len() != OFFICIAL_FILES {
        return Err(format!(
            "expected {OFFICIAL_FILES} official files under {}, found {}",
            specs.display(),
            files.len()
        ));
    }
    files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/hazards"));
    Ok(files)
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

/// Whether a struct derives the runtime's `Model` (decoding through its one routine).
fn derives_model(item: &syn::ItemStruct) -> bool {
    item.attrs.iter().any(|a| {
        a.path().is_ident("derive")
            && quote::ToTokens::to_token_stream(&a.meta)
                .to_string()
                .contains(":: Model")
    })
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
    let started = std::time::Instant::now();
    let files = corpus()?;
    let checked_files = files.len();
    let mut checked_members = 0;
    let mut model_structs = 0;
    for path in files {
        let service = tcapi_spec::load(&path).map_err(|e| e.to_string())?.service;
        let target = test_target(syn::parse_quote!(Api), Vec::new());
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
                    let by_serde = wire_names(s)?;
                    if derives_model(s) {
                        let input = syn::DeriveInput::from(s.clone());
                        let by_model = crate::model::wire_names(&input)
                            .map_err(|e| format!("{}: {}: the Model derive refuses it: {e}", path.display(), s.ident))?
                            .into_iter()
                            .map(|(ident, wire)| (ident.to_string(), wire))
                            .collect::<Vec<_>>();
                        model_structs += 1;
                        if by_model != by_serde {
                            return Err(format!(
                                "{}: {}: Model reads {by_model:?}, serde {by_serde:?}",
                                path.display(),
                                s.ident
                            ));
                        }
                    }
                    wire_by_object.insert(s.ident.to_string(), by_serde);
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
                wire_by_object.get(&crate::types::TypeNames::new(&service).ident(&object.name).to_string())
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
    println!(
        "naming corpus: {checked_members} members of {checked_files} specs checked, {model_structs} structs through the Model derive, in {:.1?}",
        started.elapsed()
    );
    Ok(())
}
