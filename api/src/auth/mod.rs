//! Identity: passwords, tokens, the caller extractor, roles and lockout.

pub mod caller;
pub mod jwt;
pub mod lockout;
pub mod password;
pub mod refresh;
pub mod role;

pub use caller::Caller;
pub use role::Role;
