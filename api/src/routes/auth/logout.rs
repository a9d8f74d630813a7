use std::time::Duration;

use actix_web::{web, HttpResponse};

use crate::{
    auth::{caller::revoked_key, Caller},
    db,
    error::{ApiResult, Problem},
    state::AppState,
};

/// Log out: revokes the caller's refresh tokens and this access token.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(("bearer" = [])),
    responses(
        (status = 204, description = "Logged out"),
        (status = 401, description = "Missing or invalid token", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn logout(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    let mut conn = state.db.acquire().await?;
    db::tokens::revoke_all_for_user(&mut conn, caller.user_id).await?;
    let remaining = (caller.token_expires_at - chrono::Utc::now().timestamp()).max(1) as u64;
    state
        .kv
        .set_ex(
            &revoked_key(caller.token_id),
            "1",
            Duration::from_secs(remaining + 10),
        )
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
