//! Transactional workflows that span several aggregates (a sale touches
//! sales, stock, receipt counters, idempotency keys and the audit log).
//! Handlers call these; tests may call them directly.

pub mod returns;
pub mod sales;
pub mod shifts;
pub mod transfers;
