//! Black-box HTTP tests: each test spawns the API on port 0 over its own
//! fresh database (dropped afterwards) and the real Redis.

mod helpers;

mod auth;
mod catalog;
mod foundation;
mod operations;
mod reports;
mod returns;
mod sales;
mod shifts;
mod transfers;
