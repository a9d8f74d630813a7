//! `/sales/{sale_id}/returns`.

use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::{created, resource};
use crate::{
    auth::Caller,
    db::{self, returns::SaleReturn},
    error::{ApiError, ApiResult, Problem},
    services::returns::{record_return, CreateReturn},
    state::AppState,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        resource("/sales/{sale_id}/returns")
            .route(web::post().to(create_return))
            .route(web::get().to(list_returns)),
    );
}

/// Return goods from a sale (partially, and as often as needed).
///
/// Each line refunds its pro-rata share of the original line (discount and
/// VAT included); returning everything refunds exactly the sale. Cashiers may
/// return sales of their store within the return window; later, only managers.
#[utoipa::path(post, path = "/api/v1/sales/{sale_id}/returns", tag = "returns", security(("bearer" = [])),
    params(("sale_id" = Uuid, Path)), request_body = CreateReturn,
    responses(
        (status = 201, description = "Recorded", body = SaleReturn),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Outside the cashier's return window", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such sale visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "More than remains returnable", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body, or a product not on the sale", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_return(
    state: web::Data<AppState>,
    caller: Caller,
    sale_id: web::Path<Uuid>,
    body: web::Json<CreateReturn>,
) -> ApiResult<HttpResponse> {
    let recorded = record_return(
        &state.db,
        &caller,
        *sale_id,
        &body,
        state.settings.return_window_days,
    )
    .await?;
    Ok(created(&recorded))
}

/// The returns of a sale, oldest first.
#[utoipa::path(get, path = "/api/v1/sales/{sale_id}/returns", tag = "returns", security(("bearer" = [])),
    params(("sale_id" = Uuid, Path)),
    responses(
        (status = 200, description = "The sale's returns", body = Vec<SaleReturn>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such sale visible to the caller", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_returns(
    state: web::Data<AppState>,
    caller: Caller,
    sale_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let mut conn = state.db.acquire().await?;
    let sale = db::sales::find(&mut conn, *sale_id)
        .await?
        .ok_or_else(|| ApiError::not_found("sale"))?;
    caller.require_store(sale.store_id, "sale")?;
    Ok(HttpResponse::Ok().json(db::returns::for_sale(&mut conn, sale.id).await?))
}
