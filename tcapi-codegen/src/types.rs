//! Request, response and model structs.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use tcapi_spec::{Member, MemberType, Object, Scalar, Service, Usage};

use crate::{builder, docs, ident, naming};

/// Names the generated module reserves for itself.
const RESERVED: &[&str] = &["errors", "members", "Builder", "__serde"];

/// The Rust name of every object and of every builder, unique within the generated module.
pub(crate) struct TypeNames {
    names: BTreeMap<String, String>,
    builders: BTreeMap<String, String>,
    modules: BTreeMap<String, String>,
}

impl TypeNames {
    pub(crate) fn new(service: &Service) -> Self {
        let mut all: Vec<String> = RESERVED.iter().map(|r| r.to_string()).collect();
        all.extend(service.objects.keys().map(|name| naming::type_name(name)));
        let built: Vec<&String> = service
            .objects
            .values()
            .filter(|object| has_builder(object))
            .map(|object| &object.name)
            .collect();
        all.extend(
            built
                .iter()
                .map(|name| format!("{}Builder", naming::type_name(name).trim_start_matches("r#"))),
        );
        naming::dedupe(&mut all);
        let mut unique = all.into_iter().skip(RESERVED.len());
        let names = service.objects.keys().cloned().zip(unique.by_ref()).collect();
        let builders: BTreeMap<String, String> = built.into_iter().cloned().zip(unique).collect();
        // Modules share the type namespace: their names start with `__`, which no spec name does after cleaning.
        let mut modules: Vec<String> = builders
            .values()
            .map(|b| format!("__{}", naming::snake_case(b)))
            .collect();
        naming::dedupe(&mut modules);
        let modules = builders.keys().cloned().zip(modules).collect();
        TypeNames {
            names,
            builders,
            modules,
        }
    }

    pub(crate) fn ident(&self, object: &str) -> Ident {
        ident(self.names.get(object).map(String::as_str).unwrap_or(object))
    }

    pub(crate) fn builder(&self, object: &str) -> Ident {
        ident(self.builders.get(object).map(String::as_str).unwrap_or(object))
    }

    pub(crate) fn builder_module(&self, object: &str) -> Ident {
        ident(self.modules.get(object).map(String::as_str).unwrap_or(object))
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
pub(crate) fn needs_box(service: &Service, from: &str, to: &str) -> bool {
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
    let blanks = needs_blank(service);
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
            structure(
                service,
                names,
                object,
                &name,
                &doc,
                sent || !received,
                received || !sent,
                blanks.contains(object.name.as_str()),
            )
        })
        .collect()
}

/// Whether an object gets a builder: every request, and the request models
/// (usage `in` or `both`) that have required members.
pub(crate) fn has_builder(object: &Object) -> bool {
    object.usage == Usage::Request
        || (matches!(object.usage, Usage::In | Usage::Both) && object.members.iter().any(|m| m.required))
}

/// Whether required members are plain fields rather than `Option`s: in
/// requests and request-only models. Models that responses reach keep
/// `Option`s, because there the official flags are unreliable (official
/// example responses leave "required" members out); their builders still
/// check the members at compile time.
fn strict(object: &Object) -> bool {
    matches!(object.usage, Usage::Request | Usage::In) && object.members.iter().any(|m| m.required)
}

/// The objects a builder needs a stand-in for: the type of a required, plain
/// object member.
fn needs_blank(service: &Service) -> BTreeSet<&str> {
    service
        .objects
        .values()
        .filter(|object| strict(object))
        .flat_map(|object| &object.members)
        .filter(|member| member.required)
        .filter_map(|member| match &member.ty {
            MemberType::Object(target) => Some(target.as_str()),
            _ => None,
        })
        .collect()
}

struct Field<'a> {
    member: &'a Member,
    ident: Ident,
    /// The type without `Option`.
    ty: TokenStream,
    optional: bool,
    /// Whether the builder needs it set.
    required: bool,
}

#[allow(clippy::too_many_arguments)]
fn structure(
    service: &Service,
    names: &TypeNames,
    object: &Object,
    name: &Ident,
    doc: &TokenStream,
    serialize: bool,
    deserialize: bool,
    blank: bool,
) -> TokenStream {
    let strict = strict(object);
    let builds = has_builder(object);
    let field_names = naming::field_names(object);
    let fields: Vec<Field> = object
        .members
        .iter()
        .zip(&field_names)
        .map(|(member, field)| Field {
            member,
            ident: ident(field),
            ty: rust_type(service, names, &object.name, &member.ty),
            // A response's RequestId is always there: the runtime takes it from
            // the header when the body has none.
            optional: !(is_request_id(object, member) || (strict && member.required)),
            required: builds && member.required,
        })
        .collect();

    let declarations = fields.iter().map(|f| {
        let doc = docs::attrs(&docs::member(f.member, f.required));
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
        derives.push(quote!(Model));
    }
    // Fields are named by serde's PascalCase rule unless they say otherwise;
    // responses and output models take a missing member as None.
    let container = if strict {
        quote!(#[serde(crate = "__serde", rename_all = "PascalCase")])
    } else {
        quote!(#[serde(crate = "__serde", rename_all = "PascalCase", default)])
    };

    // A private field stops struct literals outside the module, so a builder is
    // the one way to a value, and a member added to the spec breaks no caller.
    let (marker, builder) = if builds {
        let shape = builder::Shape {
            name,
            builder: &names.builder(&object.name),
            module: &names.builder_module(&object.name),
            members: fields
                .iter()
                .map(|f| builder::Member {
                    ident: &f.ident,
                    setter: builder::setter(service, names, &object.name, &f.member.ty),
                    in_option: f.optional,
                    required: f.required,
                })
                .collect(),
        };
        (
            quote! {
                #[serde(skip)]
                _private: (),
            },
            builder::builder(&shape),
        )
    } else {
        (TokenStream::new(), TokenStream::new())
    };
    if builds || blank {
        derives.push(quote!(Blank));
    }

    quote! {
        #doc
        #[derive(#(#derives),*)]
        #container
        pub struct #name {
            #(#declarations)*
            #marker
        }
        #builder
    }
}

/// The `RequestId` member of an action's response.
fn is_request_id(object: &Object, member: &Member) -> bool {
    object.usage == Usage::Response && member.name == "RequestId" && member.ty == MemberType::Scalar(Scalar::String)
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
