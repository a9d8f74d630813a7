use actix_web::{web, HttpResponse};

use crate::{
    auth::Caller,
    db::{self, users::User},
    error::{ApiError, ApiResult, Problem},
    state::AppState,
};

/// The logged-in user.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth", security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller", body = User),
        (status = 401, description = "Missing or invalid token", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn me(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    let mut conn = state.db.acquire().await?;
    let user = db::users::find(&mut conn, caller.user_id)
        .await?
        .ok_or_else(|| ApiError::not_found("user"))?;
    Ok(HttpResponse::Ok().json(user))
}
