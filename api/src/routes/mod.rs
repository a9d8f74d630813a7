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
pub mod transfers;
pub mod stores;
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
        if page < 1 || page > 1_000_000 {
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
        Self { items, page, per_page, total }
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

async fn method_not_allowed() -> HttpResponse {
    ApiError::MethodNotAllowed("this method is not allowed on this resource".into()).error_response()
}

pub async fn not_found() -> HttpResponse {
    ApiError::NotFound("no such route".into()).error_response()
}
