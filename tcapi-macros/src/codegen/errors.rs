//! One error-code enum per action, declared through the runtime's `error_codes!`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use tcapi_spec::{naming, Service};

use super::{docs, ident};

/// The names of each action's error-code enum and error alias, unique in the
/// `errors` module: `<Action>ErrorCode` and `<Action>Error`, with a suffix for
/// actions whose names clean up alike.
pub(super) struct ErrorNames {
    names: std::collections::BTreeMap<String, (Ident, Ident)>,
}

impl ErrorNames {
    pub(super) fn new(service: &Service) -> Self {
        let mut bases: Vec<String> = service
            .actions
            .keys()
            .map(|action| naming::type_name(action).trim_start_matches("r#").to_string())
            .collect();
        naming::dedupe(&mut bases);
        let names = service
            .actions
            .keys()
            .zip(bases)
            .map(|(action, base)| {
                (
                    action.clone(),
                    (ident(&format!("{base}ErrorCode")), ident(&format!("{base}Error"))),
                )
            })
            .collect();
        ErrorNames { names }
    }

    /// The error-code enum of an action.
    pub(super) fn code(&self, action: &str) -> Ident {
        self.names
            .get(action)
            .map_or_else(|| ident(action), |(code, _)| code.clone())
    }

    /// The error alias of an action.
    pub(super) fn error(&self, action: &str) -> Ident {
        self.names
            .get(action)
            .map_or_else(|| ident(action), |(_, error)| error.clone())
    }
}

pub(super) fn error_codes(service: &Service, names: &ErrorNames) -> Vec<TokenStream> {
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
            let enum_name = names.code(&action.name);
            let alias = names.error(&action.name);
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
