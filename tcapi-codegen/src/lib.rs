//! The generator of tcapi: a loaded spec in, Rust tokens out.
//!
//! This is a plain library, so it is tested directly (the golden and corpus
//! tests); `tcapi-macros` is a thin proc-macro shell over it. The pipeline:
//! [`resolve()`] finds and loads the spec that `#[tcapi(...)]` names, and
//! [`generate()`] turns it into the module, the error-code enums and the
//! methods. [`model::expand`], [`error_code::expand`] and [`blank::expand`] are the hidden
//! derives the generated code uses, so that each struct and enum it emits is a
//! plain item with a one-line derive instead of a long hand-expanded impl.
//!
//! Generated code names std and runtime items by full path, so spec names such
//! as `Option` or `Result` cannot shadow them.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod blank;
mod builder;
mod docs;
pub mod error_code;
mod errors;
mod example;
mod generate;
pub mod idempotency;
pub mod model;
pub mod naming;
mod paging;
mod resolve;
mod types;

pub use generate::{generate, Target};
pub use resolve::{resolve, Blame, ResolveError, Resolved, SpecRequest};

/// An identifier from a name that the naming module made valid. Falls back to
/// a placeholder rather than panicking, should a name ever slip through.
pub(crate) fn ident(name: &str) -> proc_macro2::Ident {
    syn::parse_str::<proc_macro2::Ident>(name)
        .unwrap_or_else(|_| proc_macro2::Ident::new("__tcapi_invalid_name", proc_macro2::Span::call_site()))
}

#[cfg(test)]
mod golden;

#[cfg(test)]
mod corpus;
