//! One error-code enum per action.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use tcapi_spec::{naming, Service};

use super::ident;

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
            let enum_name = code_ident(&action.name);
            let alias = error_ident(&action.name);
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
            let docs = codes.iter().map(|code| match service.error_codes.get(code.as_str()).filter(|d| !d.trim().is_empty()) {
                Some(description) => format!(" `{code}`: {}", description.trim()),
                None => format!(" `{code}`."),
            });
            let enum_doc = format!(" The error codes of `{}`.", action.name);
            let alias_doc = format!(" The error of `{}`.", action.name);
            quote! {
                #[doc = #enum_doc]
                #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
                pub enum #enum_name {
                    #(#[doc = #docs] #variants,)*
                    /// Any other code, such as a common one (`AuthFailure.SignatureFailure`), as sent.
                    Other(::std::string::String),
                }

                impl ::tcapi_runtime::ErrorCode for #enum_name {
                    fn from_code(code: &str) -> Self {
                        match code {
                            #(#codes => Self::#variants,)*
                            other => Self::Other(::std::borrow::ToOwned::to_owned(other)),
                        }
                    }

                    fn as_str(&self) -> &str {
                        match self {
                            #(Self::#variants => #codes,)*
                            Self::Other(code) => code,
                        }
                    }
                }

                #[doc = #alias_doc]
                pub type #alias = ::tcapi_runtime::Error<#enum_name>;
            }
        })
        .collect()
}
