//! `/transfers`: request, approve, reject, list.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{created, resource, Page, PageParams};
use crate::{
    auth::Caller,
    db::{
        self,
        transfers::{Transfer, TransferFilter, TransferStatus},
    },
    error::{ApiError, ApiResult, Problem},
    services::transfers::{
        approve_transfer, reject_transfer, request_transfer, require_visible, CreateTransfer,
        RejectTransfer,
    },
    state::AppState,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        resource("/transfers")
            .route(web::get().to(list_transfers))
            .route(web::post().to(create_transfer)),
    )
    .service(resource("/transfers/{id}").route(web::get().to(get_transfer)))
    .service(resource("/transfers/{id}/approve").route(web::post().to(approve)))
    .service(resource("/transfers/{id}/reject").route(web::post().to(reject)));
}

/// Request a transfer (manager, admin); it starts `pending`.
#[utoipa::path(post, path = "/api/v1/transfers", tag = "transfers", security(("bearer" = [])), request_body = CreateTransfer,
    responses(
        (status = 201, description = "Requested", body = Transfer),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Managers and admins only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Neither store is visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body (e.g. the same store twice)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_transfer(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<CreateTransfer>,
) -> ApiResult<HttpResponse> {
    Ok(created(&request_transfer(&state.db, &caller, &body).await?))
}

/// Approve: stock leaves the source and arrives at the destination atomically.
#[utoipa::path(post, path = "/api/v1/transfers/{id}/approve", tag = "transfers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "Approved", body = Transfer),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin or a source-store manager other than the requester", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such transfer visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer pending, or the source lacks stock", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn approve(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(approve_transfer(&state.db, &caller, *id).await?))
}

/// Reject a pending transfer; stock is untouched.
#[utoipa::path(post, path = "/api/v1/transfers/{id}/reject", tag = "transfers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = RejectTransfer,
    responses(
        (status = 200, description = "Rejected", body = Transfer),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such transfer visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer pending", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn reject(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: web::Json<RejectTransfer>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(reject_transfer(&state.db, &caller, *id, &body).await?))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct TransferQuery {
    pub status: Option<TransferStatus>,
    /// Transfers from or to this store.
    pub store_id: Option<Uuid>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// List transfers involving the caller's store (admins: any).
#[utoipa::path(get, path = "/api/v1/transfers", tag = "transfers", security(("bearer" = [])), params(TransferQuery),
    responses(
        (status = 200, description = "A page of transfers", body = Page<Transfer>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_transfers(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<TransferQuery>,
) -> ApiResult<HttpResponse> {
    let paging = PageParams {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve()?;
    let filter = TransferFilter {
        status: q.status,
        store_id: caller.store_filter(q.store_id)?,
    };
    let mut conn = state.db.acquire().await?;
    let (items, total) =
        db::transfers::list(&mut conn, &filter, paging.1, db::offset(paging.0, paging.1)).await?;
    Ok(HttpResponse::Ok().json(Page::new(items, paging, total)))
}

/// One transfer.
#[utoipa::path(get, path = "/api/v1/transfers/{id}", tag = "transfers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The transfer", body = Transfer),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such transfer visible to the caller", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_transfer(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let mut conn = state.db.acquire().await?;
    let t = db::transfers::find(&mut conn, *id, false)
        .await?
        .ok_or_else(|| ApiError::not_found("transfer"))?;
    require_visible(&caller, &t)?;
    Ok(HttpResponse::Ok().json(t))
}
