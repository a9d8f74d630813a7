use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{issue_pair, TokenPair};
use crate::{
    auth::refresh::hash_refresh_token,
    db,
    error::{ApiError, ApiResult, Problem},
    state::AppState,
};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

const INVALID: &str = "the refresh token is invalid, expired or revoked";

/// Exchange a refresh token for a new pair.
///
/// The presented token is used up. Presenting a used token again revokes
/// its whole family (every token descended from the same login).
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new token pair", body = TokenPair),
        (status = 401, description = "Invalid, expired, used or revoked token, or a deactivated user", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn refresh(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let mut tx = state.db.begin().await?;
    let Some(token) =
        db::tokens::find_for_update(&mut tx, &hash_refresh_token(&body.refresh_token)).await?
    else {
        return Err(ApiError::Unauthorized(INVALID.into()));
    };
    if token.revoked_at.is_some() || token.expires_at <= Utc::now() {
        return Err(ApiError::Unauthorized(INVALID.into()));
    }
    if token.used_at.is_some() {
        // Reuse of a rotated token: someone holds a copy. End the family.
        db::tokens::revoke_family(&mut tx, token.family_id).await?;
        tx.commit().await?;
        tracing::warn!(user_id = %token.user_id, "refresh token reuse; family revoked");
        return Err(ApiError::Unauthorized(INVALID.into()));
    }
    let user = db::users::find(&mut tx, token.user_id).await?;
    let Some(user) = user.filter(|u| u.active) else {
        db::tokens::revoke_family(&mut tx, token.family_id).await?;
        tx.commit().await?;
        return Err(ApiError::Unauthorized(INVALID.into()));
    };
    db::tokens::mark_used(&mut tx, token.id).await?;
    let pair = issue_pair(&mut tx, &state, user, token.family_id).await?;
    tx.commit().await?;
    Ok(HttpResponse::Ok().json(pair))
}
