//! The Tencent Cloud API 3.0 spec model that tcapi generates clients from.
//!
//! A spec is Tencent's own `api.json` schema (`metadata`, `actions`, `objects`,
//! `members`), plus a few optional extensions documented in the README. The
//! generator (`tcapi-codegen`) and the runtime's mock server both read specs, which
//! is why the model lives in this small crate of its own: a proc-macro crate can
//! export nothing but macros.
//!
//! [`load()`] reads a file or a directory into a [`Service`], merged and
//! validated; `tcapi-codegen` turns it into Rust.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod catalog;
mod error;
pub mod examples;
pub mod json;
pub mod load;
pub mod model;
pub mod paging;
pub mod similar;

pub use catalog::{Catalog, CatalogError};
pub use error::SpecError;
pub use load::{load, load_all, LoadedSpec};
pub use model::{Action, Member, MemberType, Object, Scalar, Service, Usage};
pub use paging::{paging, PageStyle, Paging, PagingExtension};
