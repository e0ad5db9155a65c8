//! `#[derive(Model)]`: `Deserialize` for a generated struct whose members are
//! all optional, through the runtime's one `deserialize_model` routine.
//!
//! serde's derive writes a field enum and two visitors per struct, and that was
//! most of the compile time of a large service (cwp has about 1,500 structs).
//! This derive writes only the wire names and one assignment per member. It
//! reads the same `#[serde(...)]` attributes as serde's derives, so a struct
//! that is also `Serialize` names each member once.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::spanned::Spanned;

/// Decoding must match serde's derive, so a serde attribute that would change it is refused.
const UNSUPPORTED: &str = "Model reads only these serde attributes: crate, rename_all, default (on the struct), \
                           and rename, skip, skip_serializing_if (on fields)";

/// The impls for one struct.
pub fn expand(input: &syn::DeriveInput) -> syn::Result<TokenStream> {
    let name = &input.ident;
    let fields = wire_names(input)?;
    let wire = fields.iter().map(|(_, wire)| wire);
    let arms = fields.iter().enumerate().map(|(index, (field, _))| {
        let index = Literal::usize_unsuffixed(index);
        quote!(#index => self.#field = map.next_value()?,)
    });
    let name_str = name.to_string();
    Ok(quote! {
        impl<'de> ::tcapi_runtime::__private::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::tcapi_runtime::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::std::result::Result<Self, __D::Error> {
                ::tcapi_runtime::__private::deserialize_model(deserializer)
            }
        }
        impl ::tcapi_runtime::__private::Model for #name {
            const NAME: &'static str = #name_str;
            const FIELDS: &'static [&'static str] = &[#(#wire),*];
            fn read_field<'de, __A: ::tcapi_runtime::__private::serde::de::MapAccess<'de>>(
                &mut self,
                index: usize,
                map: &mut __A,
            ) -> ::std::result::Result<(), __A::Error> {
                match index {
                    #(#arms)*
                    _ => {
                        map.next_value::<::tcapi_runtime::__private::serde::de::IgnoredAny>()?;
                    }
                }
                ::std::result::Result::Ok(())
            }
        }
    })
}

/// Each named field with its wire name: `#[serde(rename = "...")]` if it has
/// one, else serde's `rename_all = "PascalCase"` of the field, which the
/// container must ask for. Fields marked `#[serde(skip)]` are left out.
pub fn wire_names(input: &syn::DeriveInput) -> syn::Result<Vec<(syn::Ident, String)>> {
    let syn::Data::Struct(syn::DataStruct {
        fields: syn::Fields::Named(fields),
        ..
    }) = &input.data
    else {
        return Err(syn::Error::new(
            input.ident.span(),
            "Model is derived for structs with named fields",
        ));
    };
    let mut pascal = false;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                pascal = meta.value()?.parse::<syn::LitStr>()?.value() == "PascalCase";
            } else if meta.path.is_ident("crate") {
                meta.value()?.parse::<syn::LitStr>()?;
            } else if !meta.path.is_ident("default") || meta.input.peek(syn::Token![=]) {
                return Err(meta.error(UNSUPPORTED));
            }
            Ok(())
        })?;
    }
    if !pascal {
        return Err(syn::Error::new(
            input.ident.span(),
            "Model needs #[serde(rename_all = \"PascalCase\")] on the struct",
        ));
    }
    let mut out = Vec::new();
    for field in &fields.named {
        let Some(ident) = &field.ident else {
            return Err(syn::Error::new(
                field.span(),
                "Model is derived for structs with named fields",
            ));
        };
        let mut wire = None;
        let mut skip = false;
        for attr in field.attrs.iter().filter(|a| a.path().is_ident("serde")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    wire = Some(meta.value()?.parse::<syn::LitStr>()?.value());
                } else if meta.path.is_ident("skip") {
                    skip = true;
                } else if meta.path.is_ident("skip_serializing_if") {
                    meta.value()?.parse::<syn::LitStr>()?;
                } else {
                    return Err(meta.error(UNSUPPORTED));
                }
                Ok(())
            })?;
        }
        if !skip {
            let wire = wire.unwrap_or_else(|| pascal_case(&ident.to_string()));
            out.push((ident.clone(), wire));
        }
    }
    Ok(out)
}

/// The name serde's `rename_all = "PascalCase"` gives a field: `mnp_id` gives `MnpId`.
pub fn pascal_case(field: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in field.trim_start_matches("r#").chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}
