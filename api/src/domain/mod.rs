//! Pure business rules: no I/O, unit- and property-tested beside the code.

pub mod lines;
pub mod money;
pub mod period;
pub mod phone;
pub mod receipt;
pub mod refund;
pub mod sale;
pub mod shift;
