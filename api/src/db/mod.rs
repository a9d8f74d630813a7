//! SQL, one module per aggregate. Functions take a connection or a
//! transaction so callers decide the transaction's scope.

pub mod audit;
pub mod inventory;
pub mod products;
pub mod reports;
pub mod returns;
pub mod sales;
pub mod shifts;
pub mod stores;
pub mod tokens;
pub mod transfers;
pub mod users;

/// Offset for a 1-based page.
pub fn offset(page: i64, per_page: i64) -> i64 {
    (page - 1) * per_page
}
