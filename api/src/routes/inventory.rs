//! `/stores/{store_id}/inventory`: stock levels and adjustments.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{created, resource, Page, PageParams};
use crate::{
    auth::Caller,
    db::{
        self,
        audit::AuditEntry,
        inventory::{Cause, InventoryItem, Movement, StockMovement},
    },
    error::{ApiError, ApiResult, Problem},
    state::AppState,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/stores/{store_id}/inventory").route(web::get().to(list_inventory)))
        .service(
            resource("/stores/{store_id}/inventory/adjustments")
                .route(web::post().to(adjust_stock)),
        );
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct InventoryQuery {
    /// Only items at or below their reorder level.
    pub low_stock: Option<bool>,
    /// Case-insensitive search in name, SKU and barcode.
    pub q: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Adjustment {
    pub product_id: Uuid,
    /// Units to add (positive) or remove (negative); never zero.
    #[serde(deserialize_with = "crate::input::int32")]
    #[schema(example = -2, minimum = -1000000, maximum = 1000000)]
    pub delta: i32,
    /// Why stock changed, in the shop's words; the till offers `count`,
    /// `damage`, `theft` and `received`.
    #[schema(example = "damage", min_length = 1, max_length = 200)]
    pub reason: String,
}

/// Stock of every active product in a store.
#[utoipa::path(get, path = "/api/v1/stores/{store_id}/inventory", tag = "inventory", security(("bearer" = [])),
    params(("store_id" = Uuid, Path), InventoryQuery),
    responses(
        (status = 200, description = "A page of stock levels", body = Page<InventoryItem>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_inventory(
    state: web::Data<AppState>,
    caller: Caller,
    store_id: web::Path<Uuid>,
    q: web::Query<InventoryQuery>,
) -> ApiResult<HttpResponse> {
    caller.require_store(*store_id, "store")?;
    let paging = PageParams {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve()?;
    let mut conn = state.db.acquire().await?;
    db::stores::find(&mut conn, *store_id)
        .await?
        .ok_or_else(|| ApiError::not_found("store"))?;
    let search = q.q.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let (items, total) = db::inventory::list(
        &mut conn,
        *store_id,
        q.low_stock.unwrap_or(false),
        search,
        paging.1,
        db::offset(paging.0, paging.1),
    )
    .await?;
    Ok(HttpResponse::Ok().json(Page::new(items, paging, total)))
}

/// Adjust a store's stock (manager, admin). Stock never goes below zero.
#[utoipa::path(post, path = "/api/v1/stores/{store_id}/inventory/adjustments", tag = "inventory", security(("bearer" = [])),
    params(("store_id" = Uuid, Path)), request_body = Adjustment,
    responses(
        (status = 201, description = "Adjusted; the ledger row", body = StockMovement),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Managers and admins only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store visible to the caller, or no such product", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Would take stock below zero", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn adjust_stock(
    state: web::Data<AppState>,
    caller: Caller,
    store_id: web::Path<Uuid>,
    body: web::Json<Adjustment>,
) -> ApiResult<HttpResponse> {
    let store_id = *store_id;
    caller.require_store(store_id, "store")?;
    caller.require_manager()?;
    let reason = body.reason.trim();
    if reason.is_empty() || reason.chars().count() > 200 {
        return Err(ApiError::invalid("reason", "must be 1-200 characters"));
    }
    let mut tx = state.db.begin().await?;
    db::stores::find(&mut tx, store_id)
        .await?
        .ok_or_else(|| ApiError::not_found("store"))?;
    let product = db::products::find(&mut tx, body.product_id)
        .await?
        .ok_or_else(|| ApiError::not_found("product"))?;
    // Checked after the lookups: the schema cannot say "not zero", so an
    // unknown id answers 404 whatever the delta.
    if body.delta == 0 || body.delta.unsigned_abs() > 1_000_000 {
        return Err(ApiError::invalid(
            "delta",
            "must be a non-zero number of units up to 1000000",
        ));
    }
    let adjustment_id = Uuid::new_v4();
    let movement = Movement {
        cause: Cause::Adjustment,
        reason: Some(reason),
        reference_id: adjustment_id,
        user_id: caller.user_id,
    };
    if body.delta > 0 {
        db::inventory::increase(&mut tx, store_id, &[(product.id, body.delta)], &movement).await?;
    } else {
        let done =
            db::inventory::decrease(&mut tx, store_id, &[(product.id, -body.delta)], &movement)
                .await?;
        if done.is_empty() {
            let on_hand = db::inventory::quantity(&mut tx, store_id, product.id).await?;
            return Err(ApiError::insufficient_stock(format!(
                "cannot remove {} of {} ({}): only {on_hand} in stock",
                -body.delta, product.name, product.sku
            )));
        }
    }
    let row = db::inventory::movement_for(&mut tx, store_id, product.id, adjustment_id).await?;
    db::audit::record(&mut tx, AuditEntry {
        user_id: Some(caller.user_id),
        store_id: Some(store_id),
        action: "inventory.adjust",
        entity: "product",
        entity_id: Some(product.id.to_string()),
        ip: caller.ip.as_deref(),
        details: json!({ "delta": body.delta, "reason": reason, "quantity_after": row.quantity_after, "sku": product.sku }),
    })
    .await?;
    tx.commit().await?;
    Ok(created(&row))
}
