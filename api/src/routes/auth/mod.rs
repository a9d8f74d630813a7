//! `/auth`: login, refresh, logout, me.

mod login;
mod logout;
mod me;
mod refresh;

pub use login::*;
pub use logout::*;
pub use me::*;
pub use refresh::*;

use actix_web::web;
use chrono::Utc;
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;

use crate::{
    auth::refresh::{hash_refresh_token, new_refresh_token},
    db::{self, users::User},
    error::ApiResult,
    state::AppState,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(super::resource("/auth/login").route(web::post().to(login)))
        .service(super::resource("/auth/refresh").route(web::post().to(refresh)))
        .service(super::resource("/auth/logout").route(web::post().to(logout)))
        .service(super::resource("/auth/me").route(web::get().to(me)));
}

/// A fresh access token and refresh token.
#[derive(Serialize, ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    /// Opaque, single use: each refresh returns a new one.
    pub refresh_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    #[schema(example = 900)]
    pub expires_in: u64,
    pub user: User,
}

/// Issues an access token and a refresh token in `family`, inside the
/// caller's transaction.
async fn issue_pair(
    conn: &mut PgConnection,
    state: &AppState,
    user: User,
    family: uuid::Uuid,
) -> ApiResult<TokenPair> {
    let (access_token, _) = state.jwt.issue(user.id, user.role, user.store_id)?;
    let refresh_token = new_refresh_token();
    let expires_at = Utc::now() + state.settings.refresh_token_ttl;
    db::tokens::insert(
        conn,
        user.id,
        family,
        &hash_refresh_token(&refresh_token),
        expires_at,
    )
    .await?;
    Ok(TokenPair {
        access_token,
        refresh_token,
        token_type: "Bearer".into(),
        expires_in: state.jwt.ttl.as_secs(),
        user,
    })
}
