//! `#[derive(Blank)]`: the runtime's `Blank` stand-in for a generated struct,
//! every field blank. Request builders start from it (see `crate::builder`).

use proc_macro2::TokenStream;
use quote::quote;

/// The impl for one struct with named fields.
pub fn expand(input: &syn::DeriveInput) -> syn::Result<TokenStream> {
    let name = &input.ident;
    let syn::Data::Struct(syn::DataStruct {
        fields: syn::Fields::Named(fields),
        ..
    }) = &input.data
    else {
        return Err(syn::Error::new(
            name.span(),
            "Blank is derived for structs with named fields",
        ));
    };
    let fields = fields.named.iter().filter_map(|field| field.ident.as_ref());
    Ok(quote! {
        impl ::tcapi_runtime::builder::Blank for #name {
            fn blank() -> Self {
                Self { #(#fields: ::tcapi_runtime::builder::Blank::blank(),)* }
            }
        }
    })
}
