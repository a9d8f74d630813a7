//! `/stores`: admins manage stores; everyone sees their own.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::{created, nullable, phone_field, resource, Page, PageParams};
use crate::{
    auth::Caller,
    db::{
        self,
        audit::AuditEntry,
        stores::{Store, StorePatch},
    },
    error::{on_constraint, ApiError, ApiResult, Problem},
    state::AppState,
    validation::validate,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        resource("/stores")
            .route(web::get().to(list_stores))
            .route(web::post().to(create_store)),
    )
    .service(
        resource("/stores/{id}")
            .route(web::get().to(get_store))
            .route(web::patch().to(update_store)),
    );
}

const UNIQUE: &[(&str, &str)] = &[("stores_code_key", "code is already in use")];

#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateStore {
    /// 2-10 capital letters or digits; prefixes receipt numbers.
    #[validate(length(min = 2, max = 10))]
    #[schema(example = "NBO", pattern = "^[A-Z0-9]{2,10}$")]
    pub code: String,
    #[validate(length(min = 1, max = 120))]
    #[schema(example = "Nairobi CBD", min_length = 1, max_length = 120)]
    pub name: String,
    #[validate(length(max = 200))]
    #[serde(default)]
    #[schema(max_length = 200)]
    pub location: String,
    #[validate(length(max = 20))]
    #[serde(default)]
    #[schema(example = "P051234567X", max_length = 20)]
    pub kra_pin: String,
    #[schema(pattern = r"^(\+254|254|0)[17][0-9]{8}$")]
    pub phone: Option<String>,
    #[serde(default)]
    pub requires_shift: bool,
}

#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct UpdateStore {
    #[validate(length(min = 2, max = 10))]
    #[schema(pattern = "^[A-Z0-9]{2,10}$")]
    pub code: Option<String>,
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120)]
    pub name: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub location: Option<String>,
    #[validate(length(max = 20))]
    #[schema(max_length = 20)]
    pub kra_pin: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, pattern = r"^(\+254|254|0)[17][0-9]{8}$")]
    pub phone: Option<Option<String>>,
    pub requires_shift: Option<bool>,
}

fn check_name(name: &str) -> ApiResult<()> {
    if name.trim().is_empty() {
        return Err(ApiError::invalid("name", "must not be blank"));
    }
    Ok(())
}

fn check_code(code: &str) -> ApiResult<()> {
    if (2..=10).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        Ok(())
    } else {
        Err(ApiError::invalid(
            "code",
            "must be 2-10 capital letters or digits",
        ))
    }
}

/// List stores (admins: all; others: their own).
#[utoipa::path(get, path = "/api/v1/stores", tag = "stores", security(("bearer" = [])), params(PageParams),
    responses(
        (status = 200, description = "A page of stores", body = Page<Store>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_stores(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let paging = q.resolve()?;
    let only = if caller.is_admin() {
        None
    } else {
        Some(caller.store_id.unwrap_or_default())
    };
    let mut conn = state.db.acquire().await?;
    let (items, total) =
        db::stores::list(&mut conn, only, paging.1, db::offset(paging.0, paging.1)).await?;
    Ok(HttpResponse::Ok().json(Page::new(items, paging, total)))
}

/// Create a store (admin).
#[utoipa::path(post, path = "/api/v1/stores", tag = "stores", security(("bearer" = [])), request_body = CreateStore,
    responses(
        (status = 201, description = "Created", body = Store),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Admins only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Code taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_store(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<CreateStore>,
) -> ApiResult<HttpResponse> {
    caller.require_role(&[crate::auth::Role::Admin])?;
    validate(&*body)?;
    check_code(&body.code)?;
    check_name(&body.name)?;
    let phone = phone_field(body.phone.as_deref())?;
    let mut tx = state.db.begin().await?;
    let store = db::stores::insert(
        &mut tx,
        &db::stores::NewStore {
            code: &body.code,
            name: body.name.trim(),
            location: body.location.trim(),
            kra_pin: body.kra_pin.trim(),
            phone: phone.as_deref(),
            requires_shift: body.requires_shift,
        },
    )
    .await
    .map_err(|e| on_constraint(e, UNIQUE))?;
    db::audit::record(
        &mut tx,
        AuditEntry {
            user_id: Some(caller.user_id),
            store_id: Some(store.id),
            action: "store.create",
            entity: "store",
            entity_id: Some(store.id.to_string()),
            ip: caller.ip.as_deref(),
            details: json!({ "code": store.code, "name": store.name }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(created(&store))
}

/// One store.
#[utoipa::path(get, path = "/api/v1/stores/{id}", tag = "stores", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The store", body = Store),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store visible to the caller", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_store(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    caller.require_store(*id, "store")?;
    let mut conn = state.db.acquire().await?;
    let store = db::stores::find(&mut conn, *id)
        .await?
        .ok_or_else(|| ApiError::not_found("store"))?;
    Ok(HttpResponse::Ok().json(store))
}

/// Change a store (admin).
#[utoipa::path(patch, path = "/api/v1/stores/{id}", tag = "stores", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = UpdateStore,
    responses(
        (status = 200, description = "Updated", body = Store),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Admins only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Code taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_store(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: web::Json<UpdateStore>,
) -> ApiResult<HttpResponse> {
    caller.require_store(*id, "store")?;
    caller.require_role(&[crate::auth::Role::Admin])?;
    let body = body.into_inner();
    validate(&body)?;
    if let Some(code) = &body.code {
        check_code(code)?;
    }
    if let Some(name) = &body.name {
        check_name(name)?;
    }
    let phone = match body.phone {
        Some(p) => Some(phone_field(p.as_deref())?),
        None => None,
    };
    let mut tx = state.db.begin().await?;
    let patch = StorePatch {
        code: body.code,
        name: body.name.map(|n| n.trim().to_owned()),
        location: body.location,
        kra_pin: body.kra_pin,
        phone,
        requires_shift: body.requires_shift,
    };
    let store = db::stores::update(&mut tx, *id, &patch)
        .await
        .map_err(|e| on_constraint(e, UNIQUE))?
        .ok_or_else(|| ApiError::not_found("store"))?;
    db::audit::record(&mut tx, AuditEntry {
        user_id: Some(caller.user_id),
        store_id: Some(store.id),
        action: "store.update",
        entity: "store",
        entity_id: Some(store.id.to_string()),
        ip: caller.ip.as_deref(),
        details: json!({ "code": store.code, "name": store.name, "requires_shift": store.requires_shift }),
    })
    .await?;
    tx.commit().await?;
    Ok(HttpResponse::Ok().json(store))
}
