//! `/sales`: the till's sale, and sale lookups.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{resource, Page, PageParams};
use crate::{
    auth::Caller,
    db::{
        self,
        sales::{Sale, SaleFilter},
    },
    domain::period::LocalPeriod,
    error::{ApiError, ApiResult, Problem},
    services::sales::{record_sale, CreateSale},
    state::AppState,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        resource("/sales")
            .route(web::get().to(list_sales))
            .route(web::post().to(create_sale)),
    )
    .service(resource("/sales/{id}").route(web::get().to(get_sale)));
}

pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";

/// The `Idempotency-Key` header: 1-255 visible ASCII characters.
fn idempotency_key(req: &HttpRequest) -> ApiResult<String> {
    let raw = req
        .headers()
        .get(IDEMPOTENCY_HEADER)
        .ok_or_else(|| ApiError::BadRequest("the Idempotency-Key header is required".into()))?;
    let key = raw
        .to_str()
        .map_err(|_| {
            ApiError::BadRequest("the Idempotency-Key header must be visible ASCII".into())
        })?
        .trim();
    if key.is_empty() || key.len() > 255 {
        return Err(ApiError::BadRequest(
            "the Idempotency-Key header must be 1-255 characters".into(),
        ));
    }
    Ok(key.to_owned())
}

/// Record a sale.
///
/// Stock is taken in the same transaction; racing tills can never sell more
/// than is on hand. Retrying with the same `Idempotency-Key` and body returns
/// the original sale (201, `Idempotent-Replayed: true`).
#[utoipa::path(post, path = "/api/v1/sales", tag = "sales", security(("bearer" = [])), request_body = CreateSale,
    params(("Idempotency-Key" = String, Header, description = "Client-made unique key for this sale (1-255 characters); retries reuse it")),
    responses(
        (status = 201, description = "Recorded (or replayed)", body = Sale),
        (status = 400, description = "Malformed JSON or missing Idempotency-Key", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Insufficient stock (names the product) or the same key is in flight", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid sale, or the key was used with a different body", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_sale(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<CreateSale>,
) -> ApiResult<HttpResponse> {
    let key = idempotency_key(&req)?;
    let recorded = record_sale(&state.db, &caller, &key, &body).await?;
    let mut response = HttpResponse::Created();
    if recorded.replayed {
        response.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(response.json(recorded.sale))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SaleQuery {
    /// Admins may pick a store; others see their own.
    pub store_id: Option<Uuid>,
    /// First day, inclusive, in the store's time zone.
    pub from: Option<NaiveDate>,
    /// Last day, inclusive, in the store's time zone.
    pub to: Option<NaiveDate>,
    pub cashier_id: Option<Uuid>,
    /// Exact receipt number, e.g. `NBO-000123`.
    pub receipt_number: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// List sales, newest first.
#[utoipa::path(get, path = "/api/v1/sales", tag = "sales", security(("bearer" = [])), params(SaleQuery),
    responses(
        (status = 200, description = "A page of sales", body = Page<Sale>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_sales(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<SaleQuery>,
) -> ApiResult<HttpResponse> {
    let paging = PageParams {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve()?;
    let period = LocalPeriod::parse(q.from, q.to, chrono_tz::Africa::Nairobi)?;
    let filter = SaleFilter {
        store_id: caller.store_filter(q.store_id)?,
        cashier_id: q.cashier_id,
        receipt_number: q.receipt_number.as_deref().map(|r| r.trim().to_uppercase()),
        from: period.start,
        to: period.end,
    };
    let mut conn = state.db.acquire().await?;
    let (items, total) =
        db::sales::list(&mut conn, &filter, paging.1, db::offset(paging.0, paging.1)).await?;
    Ok(HttpResponse::Ok().json(Page::new(items, paging, total)))
}

/// One sale.
#[utoipa::path(get, path = "/api/v1/sales/{id}", tag = "sales", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The sale", body = Sale),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such sale visible to the caller", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_sale(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let mut conn = state.db.acquire().await?;
    let sale = db::sales::find(&mut conn, *id)
        .await?
        .ok_or_else(|| ApiError::not_found("sale"))?;
    caller.require_store(sale.store_id, "sale")?;
    Ok(HttpResponse::Ok().json(sale))
}
