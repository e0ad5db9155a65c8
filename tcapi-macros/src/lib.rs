//! `#[derive(TcApi)]`: generates a typed Tencent Cloud API client from a spec.
//!
//! Use it through `tcapi-runtime`, which re-exports it. This crate is a thin
//! shell over `tcapi-codegen`: [`args`](mod@args) reads the attribute and the
//! struct, the generator does the rest, and every problem becomes a
//! `compile_error!` at the part of the attribute it is about, never a panic.

#![forbid(unsafe_code)]

mod args;

use proc_macro::TokenStream;

/// Generates request, response and model types, an error-code enum per action,
/// and an async method per action, from a Tencent Cloud API spec.
///
/// ```text
/// #[derive(TcApi)]
/// #[tcapi(service = "tcsas")] // a shipped service; or `spec = "path"`, relative to Cargo.toml
/// pub struct Tcsas {
///     client: Client,
/// }
/// ```
#[proc_macro_derive(TcApi, attributes(tcapi))]
pub fn derive_tcapi(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    args::expand(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// `Deserialize` for a generated struct whose members are all optional, through
/// the runtime's one decoding routine. The generated code uses it.
#[doc(hidden)]
#[proc_macro_derive(Model, attributes(serde))]
pub fn derive_model(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    tcapi_codegen::model::expand(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// The runtime's `ErrorCode` for a generated error-code enum. The generated code uses it.
#[doc(hidden)]
#[proc_macro_derive(ErrorCode, attributes(code))]
pub fn derive_error_code(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    tcapi_codegen::error_code::expand(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// The runtime's `Blank` stand-in for a generated struct that has a builder. The generated code uses it.
#[doc(hidden)]
#[proc_macro_derive(Blank)]
pub fn derive_blank(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    tcapi_codegen::blank::expand(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
