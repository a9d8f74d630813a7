//! `/shifts`: cash-drawer shifts and their X and Z reports.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{created, resource, Page, PageParams};
use crate::{
    auth::{Caller, Role},
    db::{
        self,
        shifts::{CashMovement, Shift, ShiftFilter, ShiftStatus},
    },
    error::{ApiError, ApiResult, Problem},
    routes::reports::Format,
    services::shifts::{
        close_shift, find_shift, open_shift, record_cash_movement, report_rows, shift_report,
        CloseShift, NewCashMovement, OpenShift, ShiftReport,
    },
    state::AppState,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        resource("/shifts")
            .route(web::get().to(list_shifts))
            .route(web::post().to(open)),
    )
    .service(resource("/shifts/current").route(web::get().to(current)))
    .service(resource("/shifts/{id}").route(web::get().to(get_shift)))
    .service(resource("/shifts/{id}/cash-movements").route(web::post().to(cash_movement)))
    .service(resource("/shifts/{id}/close").route(web::post().to(close)))
    .service(resource("/shifts/{id}/report").route(web::get().to(report)));
}

/// Open a shift at a till with an opening float; the caller is its cashier.
#[utoipa::path(post, path = "/api/v1/shifts", tag = "shifts", security(("bearer" = [])), request_body = OpenShift,
    responses(
        (status = 201, description = "Opened", body = Shift),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The caller or the till already has an open shift", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn open(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<OpenShift>,
) -> ApiResult<HttpResponse> {
    Ok(created(&open_shift(&state.db, &caller, &body).await?))
}

/// The caller's open shift.
#[utoipa::path(get, path = "/api/v1/shifts/current", tag = "shifts", security(("bearer" = [])),
    responses(
        (status = 200, description = "The open shift", body = Shift),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The caller has no open shift", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn current(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    let mut conn = state.db.acquire().await?;
    let id = db::shifts::current_of(&mut conn, caller.user_id)
        .await?
        .ok_or_else(|| ApiError::not_found("open shift"))?;
    drop(conn);
    Ok(HttpResponse::Ok().json(find_shift(&state.db, &caller, id).await?))
}

/// One shift (its cashier, the store's managers, admins).
#[utoipa::path(get, path = "/api/v1/shifts/{id}", tag = "shifts", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The shift", body = Shift),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such shift visible to the caller", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_shift(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(find_shift(&state.db, &caller, *id).await?))
}

/// Pay cash into or out of the drawer during an open shift, with a reason.
#[utoipa::path(post, path = "/api/v1/shifts/{id}/cash-movements", tag = "shifts", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = NewCashMovement,
    responses(
        (status = 201, description = "Recorded", body = CashMovement),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such shift visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The shift is closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn cash_movement(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: web::Json<NewCashMovement>,
) -> ApiResult<HttpResponse> {
    Ok(created(
        &record_cash_movement(&state.db, &caller, *id, &body).await?,
    ))
}

/// Close a shift with the counted amounts per tender; returns the Z report.
/// A closed shift is immutable.
#[utoipa::path(post, path = "/api/v1/shifts/{id}/close", tag = "shifts", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = CloseShift,
    responses(
        (status = 200, description = "Closed; the Z report", body = ShiftReport),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such shift visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn close(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: web::Json<CloseShift>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(close_shift(&state.db, &caller, *id, &body).await?))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ReportFormat {
    /// `csv` for an `item,value` CSV download (same as `Accept: text/csv`).
    pub format: Option<Format>,
}

/// The shift's X report while open, Z report once closed.
#[utoipa::path(get, path = "/api/v1/shifts/{id}/report", tag = "shifts", security(("bearer" = [])), params(("id" = Uuid, Path), ReportFormat),
    responses(
        (status = 200, description = "The X or Z report (or CSV)", content((ShiftReport = "application/json"), (String = "text/csv"))),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such shift visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<Uuid>,
    q: web::Query<ReportFormat>,
) -> ApiResult<HttpResponse> {
    let report = shift_report(&state.db, &caller, *id).await?;
    if super::reports::wants_csv(&req, q.format) {
        let name = match report.shift.z_number {
            Some(z) => format!("z-report-{z}.csv"),
            None => format!("x-report-{}.csv", report.shift.id.simple()),
        };
        return super::reports::csv_out::rows(&name, &["item", "value"], &report_rows(&report));
    }
    Ok(HttpResponse::Ok().json(report))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ShiftQuery {
    /// Admins: any store; others: their own.
    pub store_id: Option<Uuid>,
    pub cashier_id: Option<Uuid>,
    pub status: Option<ShiftStatus>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// List shifts: managers see their store's, cashiers their own.
#[utoipa::path(get, path = "/api/v1/shifts", tag = "shifts", security(("bearer" = [])), params(ShiftQuery),
    responses(
        (status = 200, description = "A page of shifts", body = Page<Shift>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_shifts(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<ShiftQuery>,
) -> ApiResult<HttpResponse> {
    let paging = PageParams {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve()?;
    let cashier_id = if caller.role == Role::Cashier {
        Some(caller.user_id)
    } else {
        q.cashier_id
    };
    let filter = ShiftFilter {
        store_id: caller.store_filter(q.store_id)?,
        cashier_id,
        status: q.status,
    };
    let mut conn = state.db.acquire().await?;
    let (items, total) =
        db::shifts::list(&mut conn, &filter, paging.1, db::offset(paging.0, paging.1)).await?;
    Ok(HttpResponse::Ok().json(Page::new(items, paging, total)))
}
