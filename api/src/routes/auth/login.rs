use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::{issue_pair, TokenPair};
use crate::{
    auth::{caller::client_ip, lockout, password::verify_password},
    db::{self, audit::AuditEntry},
    error::{ApiError, ApiResult, Problem},
    state::AppState,
    validation::validate,
};

#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[validate(length(min = 1, max = 64))]
    #[schema(example = "nbo.cashier1", min_length = 1, max_length = 64)]
    pub username: String,
    #[validate(length(min = 1, max = 256))]
    #[schema(example = "Demo#2026", min_length = 1, max_length = 256)]
    pub password: String,
}

const BAD_CREDENTIALS: &str = "invalid username or password";

/// Log in with a username and password.
///
/// Five failures for one username within five minutes lock it for five
/// minutes (429 with `Retry-After`), across all API instances.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenPair),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Bad credentials (same answer for an unknown user)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Username locked", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until the lock ends"))),
    ))]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let ip = client_ip(&req);
    let username = body.username.trim();
    if let Some(secs) = lockout::locked_for(&state.kv, username).await? {
        audit_failure(&state, username, None, ip.as_deref(), "locked").await?;
        return Err(ApiError::TooManyRequests {
            detail: format!(
                "too many failed logins for this username; try again in {secs} seconds"
            ),
            retry_after_secs: secs,
        });
    }
    let mut conn = state.db.acquire().await?;
    let credentials = db::users::credentials(&mut conn, username).await?;
    drop(conn);
    let (hash, user) = match credentials {
        Some(c) => (Some(c.password_hash), Some(c.user)),
        None => (None, None),
    };
    let password_ok = verify_password(body.password.clone(), hash).await?;
    let user = match user {
        Some(u) if password_ok && u.active => u,
        other => {
            let user_id = other.as_ref().map(|u| u.id);
            let locked = lockout::record_failure(&state.kv, username).await?;
            audit_failure(
                &state,
                username,
                user_id,
                ip.as_deref(),
                if locked {
                    "locked_now"
                } else {
                    "bad_credentials"
                },
            )
            .await?;
            return Err(ApiError::Unauthorized(BAD_CREDENTIALS.into()));
        }
    };
    lockout::clear_failures(&state.kv, username).await?;
    let mut tx = state.db.begin().await?;
    db::audit::record(
        &mut tx,
        AuditEntry {
            user_id: Some(user.id),
            store_id: user.store_id,
            action: "auth.login",
            entity: "user",
            entity_id: Some(user.id.to_string()),
            ip: ip.as_deref(),
            details: json!({}),
        },
    )
    .await?;
    let pair = issue_pair(&mut tx, &state, user, Uuid::new_v4()).await?;
    tx.commit().await?;
    Ok(HttpResponse::Ok().json(pair))
}

/// Records a failed login, and the lockout when this failure caused one.
async fn audit_failure(
    state: &AppState,
    username: &str,
    user_id: Option<Uuid>,
    ip: Option<&str>,
    outcome: &str,
) -> ApiResult<()> {
    let mut tx = state.db.begin().await?;
    let details = json!({ "username": username, "outcome": outcome });
    db::audit::record(
        &mut tx,
        AuditEntry {
            user_id,
            store_id: None,
            action: "auth.login_failed",
            entity: "user",
            entity_id: user_id.map(|id| id.to_string()),
            ip,
            details: details.clone(),
        },
    )
    .await?;
    if outcome == "locked_now" {
        db::audit::record(
            &mut tx,
            AuditEntry {
                user_id,
                store_id: None,
                action: "auth.lockout",
                entity: "user",
                entity_id: user_id.map(|id| id.to_string()),
                ip,
                details,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
