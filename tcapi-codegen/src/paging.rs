//! Paginators: for each action that `tcapi_spec::paging` says pages, an
//! `impl ::tcapi_runtime::Paged` on its request that points at the members,
//! and two methods, `<method>_pages` and `<method>_items`. The paging rules
//! are in the runtime (`tcapi_runtime::pages`), so each paged action costs a
//! few lines here.

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use tcapi_spec::{Action, MemberType, Object, PageStyle, Paging, Scalar, Service};

use crate::types::TypeNames;
use crate::{docs, ident, naming};

/// A paged action and how it pages.
pub(crate) struct Paged<'s> {
    action: &'s Action,
    paging: Paging,
    input: &'s Object,
    output: &'s Object,
    /// The element type of the list.
    item: TokenStream,
}

/// The paged actions, in name order.
pub(crate) fn paged<'s>(service: &'s Service, names: &TypeNames) -> Vec<Paged<'s>> {
    service
        .actions
        .values()
        .filter_map(|action| {
            let paging = tcapi_spec::paging(service, action)?;
            let output = service.output(action)?;
            Some(Paged {
                action,
                input: service.input(action)?,
                item: item_type(names, output, &paging.items)?,
                output,
                paging,
            })
        })
        .collect()
}

/// The two method names of each paged action, `<method>_pages` and
/// `<method>_items`, from the final names of the action methods (in action
/// order). The caller dedupes them after every action's method, so that
/// paging never renames one.
pub(crate) fn method_names(service: &Service, paged: &[Paged<'_>], action_methods: &[String]) -> Vec<String> {
    let method_of: BTreeMap<&str, &str> = service
        .actions
        .keys()
        .map(String::as_str)
        .zip(action_methods.iter().map(|m| m.trim_start_matches("r#")))
        .collect();
    paged
        .iter()
        .flat_map(|p| {
            let method = method_of.get(p.action.name.as_str()).copied().unwrap_or_default();
            [format!("{method}_pages"), format!("{method}_items")]
        })
        .collect()
}

/// The `Paged` impls, for inside the generated module.
pub(crate) fn impls(names: &TypeNames, paged: &[Paged<'_>]) -> Vec<TokenStream> {
    paged
        .iter()
        .map(|p| {
            let (paging, item) = (&p.paging, &p.item);
            let request = names.ident(&p.action.input);
            let style = match paging.style {
                PageStyle::OffsetLimit => quote!(OffsetLimit),
                PageStyle::PageNumber => quote!(PageNumber),
            };
            let [position, limit] = [&paging.position, &paging.limit].map(|m| field(p.input, m));
            let [total, items] = [&paging.total, &paging.items].map(|m| field(p.output, m));
            quote! {
                impl ::tcapi_runtime::Paged for #request {
                    type Item = #item;
                    const STYLE: ::tcapi_runtime::PageStyle = ::tcapi_runtime::PageStyle::#style;
                    fn cursor(&mut self) -> ::tcapi_runtime::PageCursor<'_> {
                        [&mut self.#position, &mut self.#limit]
                    }
                    fn page(o: &mut Self::Output) -> ::tcapi_runtime::PageParts<'_, #item> {
                        (&o.#total, &mut o.#items)
                    }
                }
            }
        })
        .collect()
}

/// The `_pages` and `_items` methods, for the derived struct's impl; `names`
/// holds two method names per paged action, in order.
pub(crate) fn methods(module: &Ident, names: &TypeNames, paged: &[Paged<'_>], methods: &[String]) -> TokenStream {
    let methods = paged
        .iter()
        .zip(methods.chunks(2))
        .map(|(Paged { action, paging, .. }, pair)| {
            let [pages, items] = [0, 1].map(|i| ident(pair.get(i).map(String::as_str).unwrap_or_default()));
            let request = names.ident(&action.input);
            let deprecated = docs::deprecation(action);
            let (position, limit) = (&paging.position, &paging.limit);
            let start = match paging.style {
                PageStyle::OffsetLimit => format!("its `{position}` (0 when unset)"),
                PageStyle::PageNumber => format!("its `{position}` (1 when unset)"),
            };
            let common = format!(
                "Starts at {start} and keeps its `{limit}`; each page is one call, with the client's signing, retries \
             and rate limit. Stops at `{}`, on an empty page or on a page shorter than `{limit}`; a page that \
             does not advance ends the stream with an error. Nothing is sent before the stream is polled, and \
             dropping it stops it. See [`tcapi_runtime::pages`].",
                paging.total
            );
            let pages_doc = docs::attrs(&format!(
                "Every page of `{}`, as a stream of responses.\n\n{common}",
                action.name
            ));
            let items_doc = docs::attrs(&format!(
                "Every element of `{}` over the pages of `{}`, one by one, as a stream.\n\n{common}",
                paging.items, action.name
            ));
            quote! {
                #pages_doc
                #deprecated
                pub fn #pages(&self, request: #module::#request) -> ::tcapi_runtime::Pages<#module::#request> {
                    ::tcapi_runtime::Pages::new(self.__tcapi_client(), request)
                }
                #items_doc
                #deprecated
                pub fn #items(&self, request: #module::#request) -> ::tcapi_runtime::Items<#module::#request> {
                    ::tcapi_runtime::Items::new(self.__tcapi_client(), request)
                }
            }
        });
    quote!(#(#methods)*)
}

/// The Rust field of a member, named as `types` names it: snake case, deduped
/// within the object in member order.
fn field(object: &Object, member: &str) -> Ident {
    let fields = naming::field_names(object);
    let index = object.members.iter().position(|m| m.name == member);
    ident(index.and_then(|i| fields.get(i)).map_or(member, String::as_str))
}

/// The element type of the response's list member.
fn item_type(names: &TypeNames, output: &Object, items: &str) -> Option<TokenStream> {
    Some(match &output.members.iter().find(|m| m.name == items)?.ty {
        MemberType::ObjectList(object) => {
            let name = names.ident(object);
            quote!(#name)
        }
        MemberType::ScalarList(scalar) => match scalar {
            Scalar::String | Scalar::Binary => quote!(::std::string::String),
            Scalar::Int64 => quote!(::core::primitive::i64),
            Scalar::Uint64 => quote!(::core::primitive::u64),
            Scalar::Float => quote!(::core::primitive::f64),
            Scalar::Bool => quote!(::core::primitive::bool),
        },
        MemberType::Scalar(_) | MemberType::Object(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use tcapi_spec::PagingExtension;

    use crate::{generate, Target};

    fn target(ident: syn::Ident) -> Target {
        crate::golden::test_target(ident, Vec::new())
    }

    /// Lines of the expansion without docs, formatted as the golden test formats it.
    fn lines(service: &tcapi_spec::Service) -> Result<usize, String> {
        let tokens = crate::golden::strip_docs(generate(service, &target(syn::parse_quote!(Cvm))));
        let file: syn::File = syn::parse2(tokens).map_err(|e| format!("the expansion must parse: {e}"))?;
        Ok(prettyplease::unparse(&file)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count())
    }

    /// What paging adds to cvm, per paged action: the `Paged` impl and two methods.
    #[test]
    fn a_paginator_costs_a_few_lines_per_paged_action() -> Result<(), String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/cvm/2017-03-12");
        let service = tcapi_spec::load(&dir).map_err(|e| e.to_string())?.service;
        let paged = service
            .actions
            .values()
            .filter(|a| tcapi_spec::paging(&service, a).is_some())
            .count();
        let mut off = service.clone();
        off.actions
            .values_mut()
            .for_each(|a| a.paging = Some(PagingExtension::Off));
        let added = lines(&service)? - lines(&off)?;
        let per_paged = added as f64 / paged as f64;
        println!("paging adds {added} lines for {paged} paged cvm actions, {per_paged:.1} per paged action");
        if paged < 10 || per_paged > 25.0 {
            return Err(format!(
                "{paged} paged actions, {per_paged:.1} lines each; expected at least 10, at most 25 lines each"
            ));
        }
        Ok(())
    }

    /// An action named like a paginator keeps its method; the paginator's gets a suffix.
    #[test]
    fn paginator_names_never_take_an_action_methods_name() -> Result<(), String> {
        let text = r#"{"metadata": {"apiVersion": "2020-01-01", "serviceShortName": "demo"},
            "actions": {
                "ListThings": {"input": "ListThingsRequest", "output": "ListThingsResponse"},
                "ListThingsPages": {"input": "ListThingsPagesRequest", "output": "ListThingsPagesResponse"}
            },
            "objects": {
                "ListThingsRequest": {"type": "object", "members": [
                    {"name": "Offset", "type": "int", "member": "int64"}, {"name": "Limit", "type": "int", "member": "uint64"}]},
                "ListThingsResponse": {"type": "object", "members": [
                    {"name": "TotalCount", "type": "int", "member": "int64"}, {"name": "Ids", "type": "list", "member": "string"}]},
                "ListThingsPagesRequest": {"type": "object", "members": []},
                "ListThingsPagesResponse": {"type": "object", "members": []}
            }}"#;
        let service = tcapi_spec::load::load_sources([("demo.json", text)]).map_err(|e| e.to_string())?;
        let text = generate(&service, &target(syn::parse_quote!(Demo))).to_string();
        for name in [
            "fn list_things_pages (",
            "fn list_things_pages_2 (",
            "fn list_things_items (",
        ] {
            if !text.contains(name) {
                return Err(format!("the expansion should have `{name}`"));
            }
        }
        if !text.contains("type Item = :: std :: string :: String") {
            return Err("a list of strings pages by String".into());
        }
        Ok(())
    }
}
