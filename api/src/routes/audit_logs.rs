//! `/audit-logs`: read-only, admins only. No route changes or deletes rows.

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{resource, Page, PageParams};
use crate::{
    auth::{Caller, Role},
    db::{
        self,
        audit::{AuditFilter, AuditLog},
    },
    domain::period::LocalPeriod,
    error::{ApiResult, Problem},
    state::AppState,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/audit-logs").route(web::get().to(list_audit_logs)));
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// e.g. `sale.create`, `auth.login_failed`.
    pub action: Option<String>,
    pub user_id: Option<Uuid>,
    /// First day, inclusive (Africa/Nairobi).
    pub from: Option<NaiveDate>,
    /// Last day, inclusive (Africa/Nairobi).
    pub to: Option<NaiveDate>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// The audit log, newest first (admin).
#[utoipa::path(get, path = "/api/v1/audit-logs", tag = "audit", security(("bearer" = [])), params(AuditQuery),
    responses(
        (status = 200, description = "A page of audit rows", body = Page<AuditLog>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Admins only", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_audit_logs(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<AuditQuery>,
) -> ApiResult<HttpResponse> {
    caller.require_role(&[Role::Admin])?;
    let paging = PageParams {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve()?;
    let period = LocalPeriod::parse(q.from, q.to, chrono_tz::Africa::Nairobi)?;
    let filter = AuditFilter {
        action: q.action.clone(),
        user_id: q.user_id,
        from: period.start,
        to: period.end,
    };
    let mut conn = state.db.acquire().await?;
    let (items, total) =
        db::audit::list(&mut conn, &filter, paging.1, db::offset(paging.0, paging.1)).await?;
    Ok(HttpResponse::Ok().json(Page::new(items, paging, total)))
}
