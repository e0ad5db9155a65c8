//! One error-code enum per action, declared through the runtime's `error_codes!`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use tcapi_spec::{naming, Service};

use super::{docs, ident};

/// The name of an action's error-code enum.
pub(super) fn code_ident(action: &str) -> Ident {
    ident(&format!("{}ErrorCode", naming::type_name(action)))
}

/// The name of an action's error type alias.
pub(super) fn error_ident(action: &str) -> Ident {
    ident(&format!("{}Error", naming::type_name(action)))
}

pub(super) fn error_codes(service: &Service) -> Vec<TokenStream> {
    service
        .actions
        .values()
        .map(|action| {
            let mut codes: Vec<&String> = Vec::new();
            for code in &action.error_codes {
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
            // `Other` is ours: a code that happens to be named so gets a suffix.
            let mut variants: Vec<String> = std::iter::once("Other".to_string())
                .chain(codes.iter().map(|code| naming::variant_name(code)))
                .collect();
            naming::dedupe(&mut variants);
            let variants: Vec<Ident> = variants.iter().skip(1).map(|v| ident(v)).collect();
            let docs = codes.iter().map(|code| {
                let text = match service.error_codes.get(code.as_str()).filter(|d| !d.trim().is_empty()) {
                    Some(description) => format!("`{code}`: {}", description.trim()),
                    None => format!("`{code}`."),
                };
                docs::attrs(&docs::text(&text))
            });
            let enum_name = code_ident(&action.name);
            let alias = error_ident(&action.name);
            let enum_doc = docs::attrs(&format!("The error codes of `{}`.", action.name));
            let alias_doc = docs::attrs(&format!("The error of `{}`.", action.name));
            quote! {
                ::tcapi_runtime::error_codes! {
                    #enum_doc #enum_name, #alias_doc #alias,
                    { #(#docs #codes => #variants,)* }
                }
            }
        })
        .collect()
}
