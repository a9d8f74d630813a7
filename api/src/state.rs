//! What every handler shares: the pool, the key-value store, keys, settings.

use std::sync::Arc;

use sqlx::PgPool;

use crate::{auth::jwt::JwtKeys, config::Settings, kv::Kv};

#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    pub kv: Kv,
    pub jwt: JwtKeys,
    pub settings: Arc<Settings>,
}
