//! `/products`: everyone looks up; managers and admins create and edit.
//! Barcode lookups (the till's hottest read) are served from the cache.

use std::time::Duration;

use actix_web::{web, HttpResponse};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::{created, nullable, resource, Page, PageParams};
use crate::{
    auth::Caller,
    db::{
        self,
        audit::AuditEntry,
        products::{Product, ProductFields, ProductFilter},
    },
    domain::money::is_cents,
    error::{on_constraint, ApiError, ApiResult, FieldError, Problem},
    kv::Kv,
    state::AppState,
    validation::validate,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        resource("/products")
            .route(web::get().to(list_products))
            .route(web::post().to(create_product)),
    )
    .service(
        resource("/products/{id}")
            .route(web::get().to(get_product))
            .route(web::patch().to(update_product)),
    );
}

const UNIQUE: &[(&str, &str)] = &[
    ("products_sku_key", "sku is already in use"),
    ("products_barcode_key", "barcode is already in use"),
];
const TAX_CLASSES: [&str; 3] = ["standard", "zero_rated", "exempt"];
/// Short, because a reader racing an update could re-cache the old row.
const BARCODE_CACHE_TTL: Duration = Duration::from_secs(60);

fn barcode_key(barcode: &str) -> String {
    format!("product:barcode:{barcode}")
}

#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateProduct {
    #[validate(length(min = 1, max = 64))]
    #[schema(example = "DAI-0001", min_length = 1, max_length = 64)]
    pub sku: String,
    #[validate(length(min = 1, max = 64))]
    #[schema(example = "6161101234567", min_length = 1, max_length = 64)]
    pub barcode: Option<String>,
    #[validate(length(min = 1, max = 200))]
    #[schema(example = "Brookside Milk 500ml", min_length = 1, max_length = 200)]
    pub name: String,
    #[validate(length(max = 80))]
    #[serde(default)]
    #[schema(example = "Dairy", max_length = 80)]
    pub category: String,
    /// VAT-inclusive unit price.
    #[serde(deserialize_with = "crate::input::money")]
    #[schema(value_type = String, example = "65.00", pattern = r"^[0-9]{1,9}(\.[0-9]{1,2})?$")]
    pub price: Decimal,
    #[serde(default, deserialize_with = "crate::input::money")]
    #[schema(value_type = String, example = "52.00", pattern = r"^[0-9]{1,9}(\.[0-9]{1,2})?$")]
    pub cost: Decimal,
    #[schema(example = "standard", value_type = TaxClassName)]
    pub tax_class: String,
    #[validate(range(min = 0, max = 1000000))]
    #[serde(default, deserialize_with = "crate::input::int32")]
    #[schema(minimum = 0, maximum = 1000000)]
    pub reorder_level: i32,
    #[serde(default = "yes")]
    pub active: bool,
}

/// How a product is taxed: `standard` (16 % VAT), `zero_rated` or `exempt`.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = TaxClass)]
#[allow(dead_code)]
pub enum TaxClassName {
    Standard,
    ZeroRated,
    Exempt,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct UpdateProduct {
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub sku: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub barcode: Option<Option<String>>,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[validate(length(max = 80))]
    #[schema(max_length = 80)]
    pub category: Option<String>,
    #[serde(default, deserialize_with = "crate::input::opt_money")]
    #[schema(value_type = Option<String>, example = "70.00", pattern = r"^[0-9]{1,9}(\.[0-9]{1,2})?$")]
    pub price: Option<Decimal>,
    #[serde(default, deserialize_with = "crate::input::opt_money")]
    #[schema(value_type = Option<String>, example = "55.00", pattern = r"^[0-9]{1,9}(\.[0-9]{1,2})?$")]
    pub cost: Option<Decimal>,
    #[schema(value_type = Option<TaxClassName>)]
    pub tax_class: Option<String>,
    #[validate(range(min = 0, max = 1000000))]
    #[serde(default, deserialize_with = "crate::input::opt_int32")]
    #[schema(minimum = 0, maximum = 1000000)]
    pub reorder_level: Option<i32>,
    pub active: Option<bool>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ProductQuery {
    /// Case-insensitive search in name, SKU and barcode.
    pub q: Option<String>,
    /// Exact barcode.
    pub barcode: Option<String>,
    /// Exact SKU.
    pub sku: Option<String>,
    pub category: Option<String>,
    pub active: Option<bool>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

fn check_fields(f: &ProductFields<'_>) -> ApiResult<()> {
    let mut errors = Vec::new();
    let money = |name: &str, v: Decimal, errors: &mut Vec<FieldError>| {
        if v.is_sign_negative() || !is_cents(v) || v > Decimal::from(1_000_000_000) {
            errors.push(FieldError::new(
                name,
                "must be a non-negative amount with at most 2 decimals",
            ));
        }
    };
    money("price", f.price, &mut errors);
    money("cost", f.cost, &mut errors);
    if !TAX_CLASSES.contains(&f.tax_class) {
        errors.push(FieldError::new(
            "tax_class",
            "must be one of standard, zero_rated, exempt",
        ));
    }
    if f.sku.trim().is_empty() {
        errors.push(FieldError::new("sku", "must not be blank"));
    }
    if f.name.trim().is_empty() {
        errors.push(FieldError::new("name", "must not be blank"));
    }
    if f.barcode
        .is_some_and(|b| b.trim().is_empty() || b.chars().any(char::is_whitespace))
    {
        errors.push(FieldError::new(
            "barcode",
            "must not be blank or contain spaces",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

async fn forget_barcodes(kv: &Kv, barcodes: &[Option<&str>]) {
    let keys: Vec<String> = barcodes.iter().flatten().map(|b| barcode_key(b)).collect();
    if let Err(e) = kv.del(&keys).await {
        tracing::warn!(error = %e, "could not invalidate the barcode cache; entries expire on their own");
    }
}

/// Search products (any role). `?barcode=` alone is answered from the cache.
#[utoipa::path(get, path = "/api/v1/products", tag = "products", security(("bearer" = [])), params(ProductQuery),
    responses(
        (status = 200, description = "A page of products", body = Page<Product>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_products(
    state: web::Data<AppState>,
    _caller: Caller,
    q: web::Query<ProductQuery>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let paging = PageParams {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve()?;
    let barcode_only = q.q.is_none()
        && q.sku.is_none()
        && q.category.is_none()
        && q.active.is_none()
        && paging.0 == 1;
    if let (Some(barcode), true) = (&q.barcode, barcode_only) {
        if let Ok(Some(cached)) = state.kv.get(&barcode_key(barcode)).await {
            if let Ok(product) = serde_json::from_str::<Product>(&cached) {
                return Ok(HttpResponse::Ok().json(Page::new(vec![product], paging, 1)));
            }
        }
    }
    let filter = ProductFilter {
        q: q.q.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()),
        barcode: q.barcode.clone(),
        sku: q.sku,
        category: q.category,
        active: q.active,
    };
    let mut conn = state.db.acquire().await?;
    let (items, total) =
        db::products::list(&mut conn, &filter, paging.1, db::offset(paging.0, paging.1)).await?;
    if let (Some(barcode), true, [product]) = (&q.barcode, barcode_only, items.as_slice()) {
        let cached = serde_json::to_string(product).map_err(anyhow::Error::from)?;
        if let Err(e) = state
            .kv
            .set_ex(&barcode_key(barcode), &cached, BARCODE_CACHE_TTL)
            .await
        {
            tracing::warn!(error = %e, "could not cache a barcode lookup");
        }
    }
    Ok(HttpResponse::Ok().json(Page::new(items, paging, total)))
}

/// Create a product (manager, admin).
#[utoipa::path(post, path = "/api/v1/products", tag = "products", security(("bearer" = [])), request_body = CreateProduct,
    responses(
        (status = 201, description = "Created", body = Product),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Managers and admins only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "SKU or barcode already in use", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_product(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<CreateProduct>,
) -> ApiResult<HttpResponse> {
    caller.require_manager()?;
    validate(&*body)?;
    let fields = ProductFields {
        sku: body.sku.trim(),
        barcode: body.barcode.as_deref().map(str::trim),
        name: body.name.trim(),
        category: body.category.trim(),
        price: body.price,
        cost: body.cost,
        tax_class: &body.tax_class,
        reorder_level: body.reorder_level,
        active: body.active,
    };
    check_fields(&fields)?;
    let mut tx = state.db.begin().await?;
    let product = db::products::insert(&mut tx, &fields)
        .await
        .map_err(|e| on_constraint(e, UNIQUE))?;
    db::audit::record(&mut tx, AuditEntry {
        user_id: Some(caller.user_id),
        store_id: caller.store_id,
        action: "product.create",
        entity: "product",
        entity_id: Some(product.id.to_string()),
        ip: caller.ip.as_deref(),
        details: json!({ "sku": product.sku, "price": product.price, "tax_class": product.tax_class }),
    })
    .await?;
    tx.commit().await?;
    forget_barcodes(&state.kv, &[product.barcode.as_deref()]).await;
    Ok(created(&product))
}

/// One product (any role).
#[utoipa::path(get, path = "/api/v1/products/{id}", tag = "products", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The product", body = Product),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such product", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_product(
    state: web::Data<AppState>,
    _caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let mut conn = state.db.acquire().await?;
    let product = db::products::find(&mut conn, *id)
        .await?
        .ok_or_else(|| ApiError::not_found("product"))?;
    Ok(HttpResponse::Ok().json(product))
}

/// Change a product (manager, admin). Price changes are audited with the
/// old and new values.
#[utoipa::path(patch, path = "/api/v1/products/{id}", tag = "products", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = UpdateProduct,
    responses(
        (status = 200, description = "Updated", body = Product),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Managers and admins only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such product", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "SKU or barcode already in use", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_product(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: web::Json<UpdateProduct>,
) -> ApiResult<HttpResponse> {
    caller.require_manager()?;
    let body = body.into_inner();
    validate(&body)?;
    let mut tx = state.db.begin().await?;
    let before = db::products::find_for_update(&mut tx, *id)
        .await?
        .ok_or_else(|| ApiError::not_found("product"))?;
    let barcode = match &body.barcode {
        Some(b) => b.as_deref().map(str::trim),
        None => before.barcode.as_deref(),
    };
    let fields = ProductFields {
        sku: body.sku.as_deref().map(str::trim).unwrap_or(&before.sku),
        barcode,
        name: body.name.as_deref().map(str::trim).unwrap_or(&before.name),
        category: body
            .category
            .as_deref()
            .map(str::trim)
            .unwrap_or(&before.category),
        price: body.price.unwrap_or(before.price),
        cost: body.cost.unwrap_or(before.cost),
        tax_class: body.tax_class.as_deref().unwrap_or(&before.tax_class),
        reorder_level: body.reorder_level.unwrap_or(before.reorder_level),
        active: body.active.unwrap_or(before.active),
    };
    check_fields(&fields)?;
    let after = db::products::update(&mut tx, before.id, &fields)
        .await
        .map_err(|e| on_constraint(e, UNIQUE))?;
    let price_changed = after.price != before.price;
    db::audit::record(
        &mut tx,
        AuditEntry {
            user_id: Some(caller.user_id),
            store_id: caller.store_id,
            action: if price_changed {
                "product.price_change"
            } else {
                "product.update"
            },
            entity: "product",
            entity_id: Some(after.id.to_string()),
            ip: caller.ip.as_deref(),
            details: json!({
                "price": { "old": before.price, "new": after.price },
                "cost": { "old": before.cost, "new": after.cost },
                "tax_class": { "old": before.tax_class, "new": after.tax_class },
                "active": { "old": before.active, "new": after.active },
            }),
        },
    )
    .await?;
    tx.commit().await?;
    forget_barcodes(
        &state.kv,
        &[before.barcode.as_deref(), after.barcode.as_deref()],
    )
    .await;
    Ok(HttpResponse::Ok().json(after))
}
