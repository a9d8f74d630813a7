//! Duka point-of-sale API.

pub mod alert;
pub mod auth;
pub mod bootstrap;
pub mod config;
pub mod db;
pub mod doctor;
pub mod domain;
pub mod error;
pub mod input;
pub mod kv;
pub mod metrics;
pub mod openapi;
pub mod routes;
pub mod security;
pub mod seed;
pub mod services;
pub mod spa;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod validation;
