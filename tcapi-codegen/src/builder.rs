//! Request builders: one setter per member, in any order, and a `build()` that
//! only compiles once every required member is set.
//!
//! A builder holds the value it builds. Each required member adds a type
//! parameter that starts as the member's marker (`members::target_month`) and
//! becomes `Set` in its setter; `build()` bounds each one by `IsSet`, whose
//! diagnostic names the member that is missing. Until its setter is called, a
//! required member holds the runtime's `Blank` stand-in, which `build()` makes
//! unreachable.

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use tcapi_spec::{MemberType, Scalar, Service};

use crate::naming;
use crate::types::{has_builder, needs_box, TypeNames};

/// How a setter takes its value. Types are as the builder's module sees them:
/// spec types through `super::`, std types by their prelude names.
pub(crate) enum Setter {
    /// `impl Into<String>`.
    Text,
    /// Any `IntoIterator` of the element; of `impl Into<String>` for strings.
    List { item: TokenStream, text: bool },
    /// The model, boxed by the setter (a member on a cycle).
    Boxed(TokenStream),
    /// The value itself, of this type.
    Plain(TokenStream),
}

/// One member, as its setter sees it.
pub(crate) struct Member<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) setter: Setter,
    /// Whether the field is an `Option` (every member of a model that responses reach).
    pub(crate) in_option: bool,
    /// Whether `build()` needs it set.
    pub(crate) required: bool,
}

/// What one builder is made of.
pub(crate) struct Shape<'a> {
    /// The struct it builds.
    pub(crate) name: &'a Ident,
    /// The builder's public name.
    pub(crate) builder: &'a Ident,
    /// The private module it lives in, where the names it uses are short and
    /// no spec type can shadow a std one.
    pub(crate) module: &'a Ident,
    pub(crate) members: Vec<Member<'a>>,
    /// Whether the struct starts blank (it has plain required fields) rather than as its `Default`.
    pub(crate) blank: bool,
}

/// The names a builder's module uses that a glob-imported marker (a unit
/// struct, so a type and a value) would shadow.
const SHADOWED: &[&str] = &[
    "value", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32", "f64",
    "bool", "char", "str",
];

/// The marker of a required member: its field name, with `_` after one that would shadow a name the builder uses.
pub(crate) fn marker_name(field: &str) -> String {
    if SHADOWED.contains(&field) {
        format!("{field}_")
    } else {
        field.to_string()
    }
}

/// Tuples past 16 elements implement nothing, so a long state nests.
fn state(items: Vec<TokenStream>) -> TokenStream {
    if items.len() <= 16 {
        return quote!((#(#items,)*));
    }
    let groups = items.chunks(16).map(|chunk| quote!((#(#chunk,)*)));
    quote!((#(#groups,)*))
}

/// The builder of one struct, and the struct's `builder()`.
pub(crate) fn builder(shape: &Shape) -> TokenStream {
    let Shape {
        name,
        builder,
        module,
        members,
        blank,
    } = shape;
    let required: Vec<&Member> = members.iter().filter(|m| m.required).collect();
    // Letters read best in rustdoc (`Builder<(Set, B, C)>`); no spec name is in scope to clash.
    let states: Vec<Ident> = (0..required.len())
        .map(|i| match u8::try_from(i).ok().filter(|i| *i < 26) {
            Some(i) => format_ident!("{}", char::from(b'A' + i)),
            None => format_ident!("S{i}"),
        })
        .collect();
    let start_state = state(
        required
            .iter()
            .map(|m| {
                let marker = crate::ident(&marker_name(&m.ident.to_string()));
                quote!(#marker)
            })
            .collect(),
    );
    let current = state(states.iter().map(|s| quote!(#s)).collect());
    let setters = members.iter().map(|member| {
        let field = member.ident;
        let (param, value) = match &member.setter {
            Setter::Text => (quote!(impl Into<String>), quote!(value.into())),
            Setter::List { item, text: true } => (
                quote!(impl IntoIterator<Item = impl Into<#item>>),
                quote!(value.into_iter().map(Into::into).collect()),
            ),
            Setter::List { item, text: false } => (
                quote!(impl IntoIterator<Item = #item>),
                quote!(value.into_iter().collect()),
            ),
            Setter::Boxed(model) => (quote!(#model), quote!(Box::new(value))),
            Setter::Plain(ty) => (quote!(#ty), quote!(value)),
        };
        let value = if member.in_option { quote!(Some(#value)) } else { value };
        let doc = format!(" Sets [`{0}`](Built::{0}).", field.to_string().trim_start_matches("r#"));
        match required.iter().position(|r| r.ident == member.ident) {
            // A required member's setter moves its state to `Set`.
            Some(slot) => {
                let next = state(
                    states
                        .iter()
                        .enumerate()
                        .map(|(i, s)| if i == slot { quote!(Set) } else { quote!(#s) })
                        .collect(),
                );
                quote! {
                    #[doc = #doc]
                    pub fn #field(mut self, value: #param) -> Builder<#next> {
                        self.0.#field = #value;
                        Builder(self.0, PhantomData)
                    }
                }
            }
            None => quote! {
                #[doc = #doc]
                pub fn #field(mut self, value: #param) -> Self {
                    self.0.#field = #value;
                    self
                }
            },
        }
    });
    let start = if *blank {
        quote!(::tcapi_runtime::builder::Blank::blank())
    } else {
        quote!(Default::default())
    };
    let where_clause = (!states.is_empty()).then(|| quote!(where #current: IsSet));
    let doc = format!(" Builds a [`{name}`](Built): a setter per member, in any order, then `build()`.");
    let uses = if states.is_empty() {
        quote!(
            use ::core::marker::PhantomData;
        )
    } else {
        quote!(
            use ::{
                core::marker::PhantomData,
                tcapi_runtime::builder::{IsSet, Set},
            };
        )
    };
    let markers = (!states.is_empty()).then(|| {
        quote!(
            use super::members::*;
        )
    });
    quote! {
        pub use #module::Builder as #builder;
        mod #module {
            #markers
            use super::#name as Built;
            #uses
            /// The state of a new builder: no required member set.
            type Start = #start_state;
            #[doc = #doc]
            pub struct Builder<S = Start>(Built, PhantomData<S>);
            impl Built {
                /// Starts a builder; `build()` compiles once every required member is set.
                pub fn builder() -> Builder {
                    Builder(#start, PhantomData)
                }
            }
            impl<#(#states),*> Builder<#current> {
                #(#setters)*
                /// The value, with every member set so far.
                pub fn build(self) -> Built #where_clause {
                    self.0
                }
            }
        }
    }
}

/// How the builder's setter takes a member, in the types its module sees.
pub(crate) fn setter(service: &Service, names: &TypeNames, owner: &str, ty: &MemberType) -> Setter {
    let model = |target: &str| {
        let name = names.ident(target);
        quote!(super::#name)
    };
    match ty {
        MemberType::Scalar(Scalar::String | Scalar::Binary) => Setter::Text,
        MemberType::Scalar(scalar) => Setter::Plain(prelude_scalar(*scalar)),
        MemberType::ScalarList(scalar) => Setter::List {
            item: prelude_scalar(*scalar),
            text: matches!(scalar, Scalar::String | Scalar::Binary),
        },
        MemberType::ObjectList(target) => Setter::List {
            item: model(target),
            text: false,
        },
        MemberType::Object(target) if needs_box(service, owner, target) => Setter::Boxed(model(target)),
        MemberType::Object(target) => Setter::Plain(model(target)),
    }
}

/// A scalar by its short name, for a builder's module, where no spec type is in scope.
fn prelude_scalar(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::String | Scalar::Binary => quote!(String),
        Scalar::Int64 => quote!(i64),
        Scalar::Uint64 => quote!(u64),
        Scalar::Float => quote!(f64),
        Scalar::Bool => quote!(bool),
    }
}

/// The markers of required members, one per field name across the service:
/// the builders' start states, named so that a missing member's error names it.
pub(crate) fn member_markers(service: &Service) -> Vec<Ident> {
    let mut markers = BTreeSet::new();
    for object in service.objects.values().filter(|object| has_builder(object)) {
        let field_names = naming::field_names(object);
        for (member, field) in object.members.iter().zip(field_names) {
            if member.required {
                markers.insert(marker_name(&field));
            }
        }
    }
    markers.iter().map(|marker| crate::ident(marker)).collect()
}
