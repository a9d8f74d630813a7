//! The authenticated caller, extracted from the bearer token, and the one
//! place that decides store scoping.

use std::{future::Future, pin::Pin};

use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};
use uuid::Uuid;

use super::{jwt::Claims, Role};
use crate::{
    error::{ApiError, ApiResult},
    state::AppState,
};

/// Who is calling: taken from a verified, unrevoked access token.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: Uuid,
    pub role: Role,
    pub store_id: Option<Uuid>,
    pub token_id: Uuid,
    pub token_expires_at: i64,
    pub ip: Option<String>,
}

pub fn revoked_key(token_id: Uuid) -> String {
    format!("revoked:{token_id}")
}

impl Caller {
    fn from_claims(claims: Claims, ip: Option<String>) -> Self {
        Self {
            user_id: claims.sub,
            role: claims.role,
            store_id: claims.store_id,
            token_id: claims.jti,
            token_expires_at: claims.exp,
            ip,
        }
    }

    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// 403 unless the caller has one of `roles`.
    pub fn require_role(&self, roles: &[Role]) -> ApiResult<()> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "the {} role may not do this",
                self.role.as_str()
            )))
        }
    }

    pub fn require_manager(&self) -> ApiResult<()> {
        self.require_role(&[Role::Admin, Role::Manager])
    }

    pub fn can_see_store(&self, store_id: Uuid) -> bool {
        self.is_admin() || self.store_id == Some(store_id)
    }

    /// 404 (not 403) for another store's things, so ids cannot be probed.
    pub fn require_store(&self, store_id: Uuid, what: &str) -> ApiResult<()> {
        if self.can_see_store(store_id) {
            Ok(())
        } else {
            Err(ApiError::not_found(what))
        }
    }

    /// The store a list is limited to: the caller's own unless an admin
    /// asks for a store (or for all with `None`).
    pub fn store_filter(&self, requested: Option<Uuid>) -> ApiResult<Option<Uuid>> {
        match (self.is_admin(), requested) {
            (true, requested) => Ok(requested),
            (false, Some(id)) if Some(id) != self.store_id => Err(ApiError::not_found("store")),
            (false, _) => Ok(self.store_id),
        }
    }
}

/// The client address for audit rows (see `security::client_addr`).
pub fn client_ip(req: &HttpRequest) -> Option<String> {
    crate::security::request_client_addr(
        req.peer_addr().map(|a| a.ip()),
        req.headers(),
        req.app_data::<web::Data<AppState>>(),
    )
    .map(|ip| ip.to_string())
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(|t| t.trim().to_owned());
        let ip = client_ip(req);
        Box::pin(async move {
            let state =
                state.ok_or_else(|| ApiError::Internal(anyhow::anyhow!("app state missing")))?;
            let token = token.ok_or_else(|| {
                ApiError::Unauthorized("a bearer access token is required".into())
            })?;
            let claims = state.jwt.verify(&token).ok_or_else(|| {
                ApiError::Unauthorized("the access token is invalid or expired".into())
            })?;
            // With Redis down the revocation list cannot be read; the token is
            // still signed and at most 15 minutes old, and tills keep selling.
            if let Ok(Some(_)) = state.kv.get(&revoked_key(claims.jti)).await {
                return Err(ApiError::Unauthorized(
                    "the access token has been revoked".into(),
                ));
            }
            Ok(Caller::from_claims(claims, ip))
        })
    }
}
