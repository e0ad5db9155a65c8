//! Request, response and model structs.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use tcapi_spec::{Member, MemberType, Object, Scalar, Service, Usage};

use crate::{docs, ident, naming};

/// Names the generated module reserves for itself.
const RESERVED: &[&str] = &["errors", "__serde"];

/// The Rust name of every object, unique within the generated module.
pub(crate) struct TypeNames {
    names: BTreeMap<String, String>,
}

impl TypeNames {
    pub(crate) fn new(service: &Service) -> Self {
        let mut all: Vec<String> = RESERVED.iter().map(|r| r.to_string()).collect();
        all.extend(service.objects.keys().map(|name| naming::type_name(name)));
        naming::dedupe(&mut all);
        let names = service
            .objects
            .keys()
            .cloned()
            .zip(all.into_iter().skip(RESERVED.len()))
            .collect();
        TypeNames { names }
    }

    pub(crate) fn ident(&self, object: &str) -> Ident {
        ident(self.names.get(object).map(String::as_str).unwrap_or(object))
    }
}

/// Which serde traits each object needs: Serialize if a request reaches it,
/// Deserialize if a response does. Reachability, not `usage`, decides, so an
/// inconsistent `usage` flag cannot break the build.
struct Directions {
    sent: BTreeSet<String>,
    received: BTreeSet<String>,
}

impl Directions {
    fn new(service: &Service) -> Self {
        let closure = |roots: Vec<&String>| {
            let mut seen = BTreeSet::new();
            let mut stack: Vec<String> = roots.into_iter().cloned().collect();
            while let Some(name) = stack.pop() {
                if !seen.insert(name.clone()) {
                    continue;
                }
                if let Some(object) = service.objects.get(&name) {
                    stack.extend(object.members.iter().filter_map(|m| m.ty.object().map(str::to_string)));
                }
            }
            seen
        };
        Directions {
            sent: closure(service.actions.values().map(|a| &a.input).collect()),
            received: closure(service.actions.values().map(|a| &a.output).collect()),
        }
    }
}

/// Whether a direct (non-list) edge `from → to` closes a cycle of direct
/// edges, and so needs a `Box` to give the struct a finite size.
fn needs_box(service: &Service, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![to.to_string()];
    while let Some(name) = stack.pop() {
        if name == from {
            return true;
        }
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(object) = service.objects.get(&name) {
            for member in &object.members {
                if let MemberType::Object(next) = &member.ty {
                    stack.push(next.clone());
                }
            }
        }
    }
    false
}

pub(crate) fn objects(service: &Service, names: &TypeNames) -> Vec<TokenStream> {
    let directions = Directions::new(service);
    let deprecated: BTreeMap<&str, TokenStream> = service
        .actions
        .values()
        .filter_map(|action| Some((action.input.as_str(), docs::deprecation(action)?)))
        .collect();
    service
        .objects
        .values()
        .map(|object| {
            let name = names.ident(&object.name);
            let mut doc = docs::attrs(&docs::text(&object.document));
            doc.extend(deprecated.get(object.name.as_str()).cloned());
            if object.is_free_form() {
                return quote! {
                    #doc
                    pub type #name = ::tcapi_runtime::__private::serde_json::Value;
                };
            }
            let sent = directions.sent.contains(&object.name);
            let received = directions.received.contains(&object.name);
            // Required members are enforced on requests only: inside models the official
            // flags are unreliable (official example requests leave "required" members out).
            let strict = object.usage == Usage::Request;
            structure(
                service,
                names,
                object,
                &name,
                &doc,
                strict,
                sent || !received,
                received || !sent,
            )
        })
        .collect()
}

struct Field<'a> {
    member: &'a Member,
    ident: Ident,
    ty: TokenStream,
    optional: bool,
    is_string: bool,
}

#[allow(clippy::too_many_arguments)]
fn structure(
    service: &Service,
    names: &TypeNames,
    object: &Object,
    name: &Ident,
    doc: &TokenStream,
    strict: bool,
    serialize: bool,
    deserialize: bool,
) -> TokenStream {
    let mut field_names: Vec<String> = object.members.iter().map(|m| naming::field_name(&m.name)).collect();
    naming::dedupe(&mut field_names);
    let fields: Vec<Field> = object
        .members
        .iter()
        .zip(&field_names)
        .map(|(member, field)| Field {
            member,
            ident: ident(field),
            ty: rust_type(service, names, &object.name, &member.ty),
            optional: !(strict && member.required),
            is_string: matches!(member.ty, MemberType::Scalar(Scalar::String | Scalar::Binary)),
        })
        .collect();

    let declarations = fields.iter().map(|f| {
        let doc = docs::attrs(&docs::member(f.member, !f.optional));
        let ident = &f.ident;
        let ty = &f.ty;
        // Most wire names are what serde's PascalCase gives the field; name only the others.
        let rename = (crate::model::pascal_case(&ident.to_string()) != f.member.name).then(|| {
            let wire = &f.member.name;
            quote!(rename = #wire)
        });
        let skip = (f.optional && serialize).then(|| quote!(skip_serializing_if = "::std::option::Option::is_none"));
        let attr = match (rename, skip) {
            (None, None) => TokenStream::new(),
            (Some(rename), None) => quote!(#[serde(#rename)]),
            (None, Some(skip)) => quote!(#[serde(#skip)]),
            (Some(rename), Some(skip)) => quote!(#[serde(#rename, #skip)]),
        };
        let ty = if f.optional {
            quote!(::std::option::Option<#ty>)
        } else {
            quote!(#ty)
        };
        quote! {
            #doc
            #attr
            pub #ident: #ty,
        }
    });

    // Std derives resolve in the macro namespace, which spec types cannot shadow;
    // serde comes in under a name no spec produces.
    let mut derives = vec![quote!(Debug), quote!(Clone), quote!(PartialEq)];
    if !strict {
        derives.push(quote!(Default));
    }
    if serialize {
        derives.push(quote!(__serde::Serialize));
    }
    // Structs whose members are all optional decode through the runtime's one
    // routine (see `crate::model`); serde's derive is kept for the rare strict
    // struct that a response reaches.
    if deserialize && strict {
        derives.push(quote!(__serde::Deserialize));
    } else if deserialize {
        derives.push(quote!(::tcapi_runtime::__private::Model));
    }
    // Fields are named by serde's PascalCase rule unless they say otherwise;
    // responses and output models take a missing member as None.
    let container = if strict {
        quote!(#[serde(crate = "__serde", rename_all = "PascalCase")])
    } else {
        quote!(#[serde(crate = "__serde", rename_all = "PascalCase", default)])
    };

    let (marker, constructors) = if strict {
        (
            quote! {
                #[serde(skip)]
                _private: (),
            },
            constructors(name, &fields),
        )
    } else {
        (TokenStream::new(), TokenStream::new())
    };

    quote! {
        #doc
        #[derive(#(#derives),*)]
        #container
        pub struct #name {
            #(#declarations)*
            #marker
        }
        #constructors
    }
}

/// `new` with every required member. Callers cannot build the struct any
/// other way (a private field stops struct literals), so a missing required
/// member is a compile error, and a member added to the spec later as optional
/// breaks no caller. Optional members are public fields, set after `new`.
fn constructors(name: &Ident, fields: &[Field]) -> TokenStream {
    let params = fields.iter().filter(|f| !f.optional).map(|f| {
        let ident = &f.ident;
        let ty = &f.ty;
        if f.is_string {
            quote!(#ident: impl ::std::convert::Into<::std::string::String>)
        } else {
            quote!(#ident: #ty)
        }
    });
    let inits = fields.iter().map(|f| {
        let ident = &f.ident;
        match (f.optional, f.is_string) {
            (true, _) => quote!(#ident: ::std::option::Option::None),
            (false, true) => quote!(#ident: #ident.into()),
            (false, false) => quote!(#ident),
        }
    });
    let new_doc = " Builds the value from its required members; set optional ones on the returned value.";
    quote! {
        impl #name {
            #[doc = #new_doc]
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits,)* _private: () }
            }
        }
    }
}

fn rust_type(service: &Service, names: &TypeNames, owner: &str, ty: &MemberType) -> TokenStream {
    match ty {
        MemberType::Scalar(scalar) => scalar_type(*scalar),
        MemberType::ScalarList(scalar) => {
            let item = scalar_type(*scalar);
            quote!(::std::vec::Vec<#item>)
        }
        MemberType::Object(target) => {
            let name = names.ident(target);
            if needs_box(service, owner, target) {
                quote!(::std::boxed::Box<#name>)
            } else {
                quote!(#name)
            }
        }
        MemberType::ObjectList(target) => {
            let name = names.ident(target);
            quote!(::std::vec::Vec<#name>)
        }
    }
}

/// Primitives by full path too: a spec object named `bool` would shadow the bare name.
fn scalar_type(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::String | Scalar::Binary => quote!(::std::string::String),
        Scalar::Int64 => quote!(::core::primitive::i64),
        Scalar::Uint64 => quote!(::core::primitive::u64),
        Scalar::Float => quote!(::core::primitive::f64),
        Scalar::Bool => quote!(::core::primitive::bool),
    }
}
