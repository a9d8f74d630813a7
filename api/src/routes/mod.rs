//! HTTP handlers, one module per resource. Handlers parse, authorise and
//! call `services`/`db`; they hold no business rules.

pub mod audit_logs;
pub mod auth;
pub mod health;
pub mod inventory;
pub mod products;
pub mod reports;
pub mod returns;
pub mod sales;
pub mod shifts;
pub mod stores;
pub mod transfers;
pub mod users;

use actix_web::{web, HttpResponse, ResponseError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, ApiResult};

pub const MAX_PER_PAGE: i64 = 200;

/// `?page=1&per_page=50` (per_page at most 200).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// 1-based page number.
    #[param(minimum = 1, default = 1)]
    pub page: Option<i64>,
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub per_page: Option<i64>,
}

impl PageParams {
    /// Validated `(page, per_page)`.
    pub fn resolve(&self) -> ApiResult<(i64, i64)> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(50);
        if !(1..=1_000_000).contains(&page) {
            return Err(ApiError::invalid("page", "must be between 1 and 1000000"));
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            return Err(ApiError::invalid("per_page", "must be between 1 and 200"));
        }
        Ok((page, per_page))
    }
}

/// A page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

impl<T: ToSchema> Page<T> {
    pub fn new(items: Vec<T>, (page, per_page): (i64, i64), total: i64) -> Self {
        Self {
            items,
            page,
            per_page,
            total,
        }
    }
}

/// For PATCH bodies: tells an absent field (`None`) from an explicit
/// `null` (`Some(None)`).
pub fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// An optional `phone` field: normalised to `+254…`, or 422.
pub fn phone_field(phone: Option<&str>) -> ApiResult<Option<String>> {
    phone
        .map(|p| {
            crate::domain::phone::normalize_kenyan_phone(p).ok_or_else(|| {
                ApiError::invalid("phone", "must be a Kenyan mobile number such as 0712345678")
            })
        })
        .transpose()
}

pub fn created<T: Serialize>(body: &T) -> HttpResponse {
    HttpResponse::Created().json(body)
}

/// Registers every `/api/v1` route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    health::configure(cfg);
    auth::configure(cfg);
    users::configure(cfg);
    stores::configure(cfg);
    products::configure(cfg);
    inventory::configure(cfg);
    sales::configure(cfg);
    returns::configure(cfg);
    transfers::configure(cfg);
    reports::configure(cfg);
    shifts::configure(cfg);
    audit_logs::configure(cfg);
}

/// A resource that answers 405 problem+json for methods it does not serve.
pub fn resource(path: &str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(method_not_allowed))
}

async fn method_not_allowed(req: actix_web::HttpRequest) -> HttpResponse {
    let mut response =
        ApiError::MethodNotAllowed("this method is not allowed on this resource".into())
            .error_response();
    // RFC 9110: a 405 lists the methods the resource does serve.
    if let Some(allow) = req.match_pattern().and_then(|p| allowed_methods(&p)) {
        if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&allow) {
            response
                .headers_mut()
                .insert(actix_web::http::header::ALLOW, value);
        }
    }
    response
}

/// The methods the OpenAPI document lists for a route pattern, as an `Allow`
/// value (`GET, PATCH`); health routes are also served under `/api/v1`.
fn allowed_methods(pattern: &str) -> Option<String> {
    use std::{collections::HashMap, sync::OnceLock};
    static ALLOW: OnceLock<HashMap<String, String>> = OnceLock::new();
    let table = ALLOW.get_or_init(|| {
        let doc = <crate::openapi::ApiDoc as utoipa::OpenApi>::openapi();
        let doc = serde_json::to_value(&doc).unwrap_or_default();
        let mut table = HashMap::new();
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            let methods: Vec<String> = [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ]
            .into_iter()
            .filter(|m| item.get(*m).is_some())
            .map(str::to_uppercase)
            .collect();
            table.insert(path.clone(), methods.join(", "));
        }
        table
    });
    table
        .get(pattern)
        .or_else(|| table.get(pattern.strip_prefix("/api/v1")?))
        .cloned()
}

pub async fn not_found() -> HttpResponse {
    ApiError::NotFound("no such route".into()).error_response()
}
