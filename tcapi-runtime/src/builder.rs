//! The states of generated request builders.
//!
//! A request's builder (the generated module's `Builder<T, S>`) has a state
//! `S` with one slot per required member. A slot starts as the member's marker
//! (a unit struct named after the member, in the generated `members` module)
//! and becomes [`Set`] when its setter is called. `build()` asks the state to
//! be [`IsSet`], so leaving a required member out is a compile error that
//! names it:
//!
//! ```text
//! error[E0277]: the required member `target_month` is not set
//!    |         .build();
//!    |          ^^^^^ the request needs `target_month`: call its setter before `.build()`
//! ```

/// The state of a required member whose setter was called.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Set;

/// Implemented by [`Set`] only: the bound `build()` puts on each required member.
#[diagnostic::on_unimplemented(
    message = "the required member `{Self}` is not set",
    label = "the request needs `{Self}`: call its setter before `.build()`"
)]
pub trait IsSet {}

impl IsSet for Set {}

/// A builder's state is a tuple with one element per required member (tuples
/// of tuples past 16), and it is set when every element is.
macro_rules! tuples_are_set {
    ($($name:ident),*) => {
        impl<$($name: IsSet),*> IsSet for ($($name,)*) {}
    };
}

tuples_are_set!();
tuples_are_set!(A);
tuples_are_set!(A, B);
tuples_are_set!(A, B, C);
tuples_are_set!(A, B, C, D);
tuples_are_set!(A, B, C, D, E);
tuples_are_set!(A, B, C, D, E, F);
tuples_are_set!(A, B, C, D, E, F, G);
tuples_are_set!(A, B, C, D, E, F, G, H);
tuples_are_set!(A, B, C, D, E, F, G, H, I);
tuples_are_set!(A, B, C, D, E, F, G, H, I, J);
tuples_are_set!(A, B, C, D, E, F, G, H, I, J, K);
tuples_are_set!(A, B, C, D, E, F, G, H, I, J, K, L);
tuples_are_set!(A, B, C, D, E, F, G, H, I, J, K, L, M);
tuples_are_set!(A, B, C, D, E, F, G, H, I, J, K, L, M, N);
tuples_are_set!(A, B, C, D, E, F, G, H, I, J, K, L, M, N, O);
tuples_are_set!(A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P);

/// A stand-in value for a required member whose setter has not been called.
///
/// A builder holds the request it builds, so a required member needs some
/// value until its setter replaces it. `build()` can only be called once
/// every setter was, so a stand-in never reaches a caller or the wire.
#[doc(hidden)]
pub trait Blank {
    /// The stand-in.
    fn blank() -> Self;
}

macro_rules! blank_by_default {
    ($($ty:ty),*) => {
        $(impl Blank for $ty {
            fn blank() -> Self {
                Self::default()
            }
        })*
    };
}

blank_by_default!((), String, i64, u64, f64, bool, serde_json::Value);

impl<T> Blank for Vec<T> {
    fn blank() -> Self {
        Vec::new()
    }
}

impl<T> Blank for Option<T> {
    fn blank() -> Self {
        None
    }
}

impl<T: Blank> Blank for Box<T> {
    fn blank() -> Self {
        Box::new(T::blank())
    }
}
