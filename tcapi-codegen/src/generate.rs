//! The expansion of one derive.
//!
//! Layout of the output, for a struct `Tcsas`:
//! - `mod tcsas`: every request, response and model type, `SERVICE`, and
//!   `SPEC_SOURCES` (the spec text, which also makes cargo rebuild on edits);
//! - `mod tcsas::errors`: one error-code enum and one error alias per action;
//! - `impl Tcsas`: `new` and one async method per action.
//!
//! Every item is plain Rust: an `Action` impl per request type, and methods that
//! call the runtime's one generic `Client::call`.
//!
//! Generated code names std and runtime items by full path, so spec names such
//! as `Option` or `Result` cannot shadow them.

use proc_macro2::{Ident, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use tcapi_spec::Service;

use crate::errors::{self, ErrorNames};
use crate::types::{self, TypeNames};
use crate::{docs, example, idempotency, ident, naming, paging};

/// The struct the derive is on, and what the generated code needs to know of it.
pub struct Target {
    /// The struct's name.
    pub ident: Ident,
    /// The struct's visibility, given to the generated module.
    pub vis: syn::Visibility,
    /// The struct's generics, passed through to the impls.
    pub generics: syn::Generics,
    /// The field that holds the `Client`.
    pub client: syn::Member,
    /// That field's type, which must be `tcapi_runtime::Client`.
    pub client_type: syn::Type,
    /// Whether the client is the only field, so that `new(client)` can build the struct.
    pub single_field: bool,
    /// Absolute paths of the spec files.
    pub sources: Vec<String>,
    /// The layer of each spec file (see `ApiSpec::SPEC_LAYERS`); empty for one layer.
    pub layers: Vec<usize>,
    /// With `#[tcapi(doc_tests)]`: the attribute's `service`, `version` and
    /// `spec` arguments, so that each method's example derives the struct
    /// again and compiles as a doc test. `None` writes them as `ignore` blocks.
    pub doc_tests: Option<String>,
}

/// Generates everything for one derive.
pub fn generate(service: &Service, target: &Target) -> TokenStream {
    let module = ident(&naming::field_name(&target.ident.to_string()));
    let names = TypeNames::new(service);
    let types = types::objects(service, &names);
    let markers = crate::builder::member_markers(service);
    // Its private helpers would be dead code in a spec without a request.
    let service_builder = service
        .objects
        .values()
        .any(types::has_builder)
        .then(crate::builder::service_builder);
    let marker_docs = markers
        .iter()
        .map(|marker| format!(" `{}` is not set yet.", marker.to_string().trim_start_matches("r#")));
    let error_names = ErrorNames::new(service);
    let error_codes = errors::error_codes(service, &error_names);
    let action_impls = service.actions.values().map(|action| {
        let input = names.ident(&action.input);
        let output = names.ident(&action.output);
        let code = error_names.code(&action.name);
        let name = &action.name;
        let rate = action.rate_limit_per_second.map(|n| quote!(.with_rate_limit(#n)));
        let client_token = idempotency::has_client_token(service, action).then(|| quote!(.with_client_token()));
        let idempotent = idempotency::is_idempotent(service, action).then(|| quote!(.idempotent()));
        quote! {
            impl ::tcapi_runtime::Action for #input {
                type Output = #output;
                type ErrorCode = errors::#code;
                const INFO: ::tcapi_runtime::ActionInfo = SERVICE.action(#name)#rate #client_token #idempotent;
            }
        }
    });
    let visits = service.actions.values().map(|action| {
        let input = names.ident(&action.input);
        quote!(visitor.visit::<#module::#input>();)
    });

    let mut method_names: Vec<String> = std::iter::once("new".to_string())
        .chain(service.actions.keys().map(|name| naming::field_name(name)))
        .collect();
    naming::dedupe(&mut method_names);
    let (target_name, module_name) = (target.ident.to_string(), module.to_string());
    let examples = example::Context {
        service,
        names: &names,
        target: &target_name,
        module: &module_name,
        doc_tests: target.doc_tests.as_deref(),
    };
    // Paginators: named after the deduped action methods, and deduped after them.
    let paged = paging::paged(service, &names);
    let action_count = method_names.len();
    method_names.extend(paging::method_names(service, &paged, &method_names[1..]));
    naming::dedupe(&mut method_names);
    let paging_impls = paging::impls(&names, &paged);
    let paging_methods = paging::methods(&module, &names, &paged, &method_names[action_count..]);
    let methods = service
        .actions
        .values()
        .zip(method_names.iter().skip(1))
        .map(|(action, method)| {
            let method = ident(method);
            let input = names.ident(&action.input);
            let output = names.ident(&action.output);
            let error = error_names.error(&action.name);
            let mut doc = docs::action(service, action);
            doc.push_str(&example::example(&examples, action, &method.to_string()));
            let doc = docs::attrs(&doc);
            let deprecated = docs::deprecation(action);
            quote! {
                #doc
                #deprecated
                pub async fn #method(
                    &self,
                    request: &#module::#input,
                ) -> ::std::result::Result<#module::#output, #module::errors::#error> {
                    ::tcapi_runtime::Client::call(self.__tcapi_client(), request).await
                }
            }
        });
    // A field of another type named `Client` fails here, at the user's field type, and only here.
    let client = &target.client;
    let client_type = &target.client_type;
    let client_check = quote_spanned! {client_type.span()=>
        ::tcapi_runtime::__private::client_field(&self.#client)
    };

    // The methods of deprecated actions name their deprecated request types.
    let allow_deprecated = service
        .actions
        .values()
        .any(|action| docs::deprecation(action).is_some())
        .then(|| quote!(#[allow(deprecated)]));
    let ident_ = &target.ident;
    let vis = &target.vis;
    let (impl_generics, ty_generics, where_clause) = target.generics.split_for_impl();
    let constructor = target.single_field.then(|| {
        let (param, body) = match &target.client {
            syn::Member::Named(field) => (quote!(#field), quote!(Self { #field })),
            syn::Member::Unnamed(_) => (quote!(client), quote!(Self(client))),
        };
        quote! {
            /// Wraps a configured client.
            pub fn new(#param: #client_type) -> Self {
                #body
            }
        }
    });
    let short_name = &service.short_name;
    let version = &service.api_version;
    let host = service.host();
    let sources = &target.sources;
    let spec_layers = target.layers.iter().any(|layer| *layer > 0).then(|| {
        let layers = &target.layers;
        quote!(const SPEC_LAYERS: &'static [usize] = &[#(#layers),*];)
    });
    let module_doc = docs::attrs(&format!(
        "Types generated by `#[derive(TcApi)]` on `{ident_}` from the `{short_name}` {version} spec.\n\n\
         Error-code enums are in [`errors`]."
    ));
    quote! {
        #module_doc
        #[allow(non_camel_case_types, non_snake_case, deprecated, unused_imports, clippy::all, clippy::pedantic)]
        #vis mod #module {
            use ::tcapi_runtime::__private::serde as __serde;
            // Derive macros only: spec types, which are not macros, cannot clash with them.
            use ::tcapi_runtime::__private::derive::{Blank, Model};

            /// The service these types belong to.
            pub const SERVICE: ::tcapi_runtime::ServiceInfo = ::tcapi_runtime::ServiceInfo {
                name: #short_name,
                version: #version,
                host: #host,
            };

            /// The spec files, as `(path, JSON text)`; including them also rebuilds the crate when one changes.
            pub const SPEC_SOURCES: &[(&str, &str)] = &[#((#sources, ::std::include_str!(#sources))),*];

            #(#types)*

            #service_builder

            /// The states of a builder's required members: each starts as the
            /// marker named after it, and its setter makes it `Set` (see
            /// [`::tcapi_runtime::builder`]).
            pub mod members {
                pub use ::tcapi_runtime::builder::Set;
                #(#[doc = #marker_docs] pub struct #markers;)*
            }

            #(#action_impls)*

            #(#paging_impls)*

            /// One error-code enum per action, and the error type its method returns.
            pub mod errors {
                // The generated names all end in `ErrorCode` or `Error` after
                // the action's, and the derive is a macro, so neither import
                // can clash with them (see `ErrorNames`).
                use ::tcapi_runtime::{__private::derive::ErrorCode, ActionError};

                #(#error_codes)*
            }
        }

        #allow_deprecated
        impl #impl_generics ::tcapi_runtime::ApiSpec for #ident_ #ty_generics #where_clause {
            const SPEC_SOURCES: &'static [(&'static str, &'static str)] = #module::SPEC_SOURCES;
            #spec_layers

            fn visit_actions<__V: ::tcapi_runtime::ActionVisitor>(visitor: &mut __V) {
                #(#visits)*
            }
        }

        #allow_deprecated
        impl #impl_generics #ident_ #ty_generics #where_clause {
            #constructor

            fn __tcapi_client(&self) -> &::tcapi_runtime::Client {
                #client_check
            }

            #(#methods)*

            #paging_methods
        }
    }
}
