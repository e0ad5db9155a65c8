//! Request builders: one setter per member, in any order, and a `build()` that
//! only compiles once every required member is set.
//!
//! The service module has one generic `Builder<T, S>`: it holds the value `T`
//! it builds, and `build()` asks its state `S` to be `IsSet`. Each type with a
//! builder adds only its setters, in a private module where a short alias
//! (`Builder<S>`) names its builder. The state is a tuple with a slot per
//! required member, which starts as the member's marker
//! (`members::target_month`) and becomes `Set` in its setter, so a missing
//! member's error names it. Until its setter is called, a required member
//! holds the runtime's `Blank` stand-in, which `build()` makes unreachable.

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
    /// The private module of its setters, where the names they use are short
    /// and no spec type can shadow a std one.
    pub(crate) module: &'a Ident,
    pub(crate) members: Vec<Member<'a>>,
}

/// The names a builder's module uses that a glob-imported marker (a unit
/// struct, so a type and a value) would shadow.
const SHADOWED: &[&str] = &[
    "value", "built", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32",
    "f64", "bool", "char", "str",
];

/// The marker of a required member: its field name, with `_` after one that would shadow a name the builder uses.
pub(crate) fn marker_name(field: &str) -> String {
    if SHADOWED.contains(&field) {
        format!("{field}_")
    } else {
        field.to_string()
    }
}

/// A member's setter: its field's name, but for `build`, which the builder has already.
fn setter_name(field: &Ident) -> Ident {
    if field == "build" {
        format_ident!("build_")
    } else {
        field.clone()
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

/// The service module's one generic builder, which every type's setters extend.
/// The helpers start with `__`, which no setter (a field name) does.
pub(crate) fn service_builder() -> TokenStream {
    quote! {
        /// The builder of a request or request model, from its `builder()`:
        /// a setter per member, in any order, then [`build`](Self::build),
        /// which compiles once every required member is set. `T` is the type
        /// it builds; `S` says which required members are set (see [`members`]).
        pub struct Builder<T, S>(T, ::core::marker::PhantomData<S>);
        /// A half-built request can be cloned, to build several that share members.
        impl<T: ::core::clone::Clone, S> ::core::clone::Clone for Builder<T, S> {
            fn clone(&self) -> Self {
                Builder(self.0.clone(), ::core::marker::PhantomData)
            }
        }
        impl<T, S> Builder<T, S> {
            /// The value, with every member set so far.
            pub fn build(self) -> T
            where
                S: ::tcapi_runtime::builder::IsSet,
            {
                self.0
            }
            fn __start() -> Self
            where
                T: ::tcapi_runtime::builder::Blank,
            {
                Builder(::tcapi_runtime::builder::Blank::blank(), ::core::marker::PhantomData)
            }
            fn __with<N>(mut self, set: impl ::core::ops::FnOnce(&mut T)) -> Builder<T, N> {
                set(&mut self.0);
                Builder(self.0, ::core::marker::PhantomData)
            }
        }
    }
}

/// The setters of one struct, and the struct's `builder()`.
pub(crate) fn builder(shape: &Shape) -> TokenStream {
    let Shape {
        name,
        builder,
        module,
        members,
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
        let setter = setter_name(field);
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
        // A required member's setter moves its slot to `Set`.
        let next = match required.iter().position(|r| r.ident == member.ident) {
            Some(slot) => {
                let next = state(
                    states
                        .iter()
                        .enumerate()
                        .map(|(i, s)| if i == slot { quote!(Set) } else { quote!(#s) })
                        .collect(),
                );
                quote!(Builder<#next>)
            }
            None => quote!(Self),
        };
        quote! {
            #[doc = #doc]
            pub fn #setter(self, value: #param) -> #next {
                self.__with(|built| built.#field = #value)
            }
        }
    });
    let generics = (!states.is_empty()).then(|| quote!(<#(#states),*>));
    let doc = format!(" Builds a [`{name}`](Built): a setter per member, in any order, then `build()`.");
    quote! {
        pub use #module::Builder as #builder;
        mod #module {
            use super::{members::*, #name as Built};
            #[doc = #doc]
            pub type Builder<S = #start_state> = super::Builder<Built, S>;
            impl Built {
                /// Starts a builder; `build()` compiles once every required member is set.
                pub fn builder() -> Builder {
                    Builder::__start()
                }
            }
            impl #generics Builder<#current> {
                #(#setters)*
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
