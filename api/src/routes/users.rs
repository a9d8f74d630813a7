//! `/users`: admins manage everyone; managers manage their store's cashiers.

use actix_web::{web, HttpResponse};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::{created, nullable, phone_field, resource, Page, PageParams};
use crate::{
    auth::{password::hash_password, Caller, Role},
    db::{
        self,
        audit::AuditEntry,
        users::{User, UserPatch},
    },
    domain::money::is_cents,
    error::{on_constraint, ApiError, ApiResult, Problem},
    state::AppState,
    validation::validate,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        resource("/users")
            .route(web::get().to(list_users))
            .route(web::post().to(create_user)),
    )
    .service(
        resource("/users/{id}")
            .route(web::get().to(get_user))
            .route(web::patch().to(update_user)),
    );
}

const UNIQUE: &[(&str, &str)] = &[("users_username_key", "username is already in use")];

#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    #[validate(length(min = 3, max = 64))]
    #[schema(
        example = "nbo.cashier3",
        min_length = 3,
        max_length = 64,
        pattern = "^[A-Za-z0-9._-]+$"
    )]
    pub username: String,
    #[validate(length(min = 8, max = 256))]
    #[schema(write_only, min_length = 8, max_length = 256)]
    pub password: String,
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120)]
    pub full_name: String,
    pub role: Role,
    /// Required for managers and cashiers (a manager may name only their own store); admins may have none.
    pub store_id: Option<Uuid>,
    #[schema(example = "0712345678", pattern = r"^(\+254|254|0)[17][0-9]{8}$")]
    pub phone: Option<String>,
    /// Percent of net sales, 0-100.
    #[serde(default, deserialize_with = "crate::input::opt_money")]
    #[schema(value_type = Option<String>, example = "2.50", pattern = r"^(100(\.0{1,2})?|[0-9]{1,2}(\.[0-9]{1,2})?)$")]
    pub commission_rate: Option<Decimal>,
}

#[derive(Deserialize, ToSchema, Validate, Default)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    #[validate(length(min = 8, max = 256))]
    #[schema(write_only, min_length = 8, max_length = 256)]
    pub password: Option<String>,
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120)]
    pub full_name: Option<String>,
    pub role: Option<Role>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Uuid>)]
    pub store_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, pattern = r"^(\+254|254|0)[17][0-9]{8}$")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::input::opt_money")]
    #[schema(value_type = Option<String>, example = "2.50", pattern = r"^(100(\.0{1,2})?|[0-9]{1,2}(\.[0-9]{1,2})?)$")]
    pub commission_rate: Option<Decimal>,
    pub active: Option<bool>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct UserQuery {
    pub store_id: Option<Uuid>,
    pub role: Option<Role>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

fn check_username(username: &str) -> ApiResult<()> {
    if username
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        Ok(())
    } else {
        Err(ApiError::invalid(
            "username",
            "may contain only letters, digits, '.', '_' and '-'",
        ))
    }
}

fn check_full_name(name: &str) -> ApiResult<()> {
    if name.trim().is_empty() {
        return Err(ApiError::invalid("full_name", "must not be blank"));
    }
    Ok(())
}

fn check_commission(rate: Option<Decimal>) -> ApiResult<()> {
    match rate {
        Some(r) if r.is_sign_negative() || r > Decimal::ONE_HUNDRED || !is_cents(r) => {
            Err(ApiError::invalid(
                "commission_rate",
                "must be a percentage between 0.00 and 100.00",
            ))
        }
        _ => Ok(()),
    }
}

/// A manager may manage only cashiers of their own store.
fn manager_may_manage(caller: &Caller, role: Role, store_id: Option<Uuid>) -> ApiResult<()> {
    if caller.role == Role::Manager && (role != Role::Cashier || store_id != caller.store_id) {
        return Err(ApiError::Forbidden(
            "managers manage only the cashiers of their own store".into(),
        ));
    }
    Ok(())
}

async fn require_store_exists(
    conn: &mut sqlx::PgConnection,
    store_id: Option<Uuid>,
) -> ApiResult<()> {
    if let Some(id) = store_id {
        if db::stores::find(conn, id).await?.is_none() {
            return Err(ApiError::not_found("store"));
        }
    }
    Ok(())
}

/// List users (admin: all, or one store; manager: their store).
#[utoipa::path(get, path = "/api/v1/users", tag = "users", security(("bearer" = [])), params(UserQuery),
    responses(
        (status = 200, description = "A page of users", body = Page<User>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Cashiers may not list users", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_users(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<UserQuery>,
) -> ApiResult<HttpResponse> {
    caller.require_manager()?;
    let paging = PageParams {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve()?;
    let store = caller.store_filter(q.store_id)?;
    let mut conn = state.db.acquire().await?;
    let (items, total) = db::users::list(
        &mut conn,
        store,
        q.role,
        paging.1,
        db::offset(paging.0, paging.1),
    )
    .await?;
    Ok(HttpResponse::Ok().json(Page::new(items, paging, total)))
}

/// Create a user.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", security(("bearer" = [])), request_body = CreateUser,
    responses(
        (status = 201, description = "Created", body = User),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to create this user", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store (store_id) visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Username taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_user(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<CreateUser>,
) -> ApiResult<HttpResponse> {
    caller.require_manager()?;
    let body = body.into_inner();
    validate(&body)?;
    check_username(&body.username)?;
    check_commission(body.commission_rate)?;
    let phone = phone_field(body.phone.as_deref())?;
    check_full_name(&body.full_name)?;
    let store_id = body.store_id;
    if body.role != Role::Admin && store_id.is_none() {
        return Err(ApiError::invalid(
            "store_id",
            "managers and cashiers must belong to a store",
        ));
    }
    manager_may_manage(&caller, body.role, store_id)?;
    let hash = hash_password(body.password).await?;
    let mut tx = state.db.begin().await?;
    require_store_exists(&mut tx, store_id).await?;
    let user = db::users::insert(
        &mut tx,
        &db::users::NewUser {
            username: body.username.trim(),
            password_hash: &hash,
            full_name: body.full_name.trim(),
            role: body.role,
            store_id,
            phone: phone.as_deref(),
            commission_rate: body.commission_rate.unwrap_or_default(),
        },
    )
    .await
    .map_err(|e| on_constraint(e, UNIQUE))?;
    db::audit::record(&mut tx, AuditEntry {
        user_id: Some(caller.user_id),
        store_id: user.store_id,
        action: "user.create",
        entity: "user",
        entity_id: Some(user.id.to_string()),
        ip: caller.ip.as_deref(),
        details: json!({ "username": user.username, "role": user.role, "store_id": user.store_id }),
    })
    .await?;
    tx.commit().await?;
    Ok(created(&user))
}

/// Loads a user the caller may see: admins any, managers their store's,
/// everyone themselves. Others are 404.
async fn visible_user(conn: &mut sqlx::PgConnection, caller: &Caller, id: Uuid) -> ApiResult<User> {
    let user = db::users::find(conn, id)
        .await?
        .ok_or_else(|| ApiError::not_found("user"))?;
    let visible = caller.is_admin()
        || user.id == caller.user_id
        || (caller.role == Role::Manager
            && user.store_id.is_some()
            && user.store_id == caller.store_id);
    if visible {
        Ok(user)
    } else {
        Err(ApiError::not_found("user"))
    }
}

/// One user.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The user", body = User),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user visible to the caller", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_user(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let mut conn = state.db.acquire().await?;
    Ok(HttpResponse::Ok().json(visible_user(&mut conn, &caller, *id).await?))
}

/// Change a user. Role changes and deactivation revoke their refresh tokens.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = UpdateUser,
    responses(
        (status = 200, description = "Updated", body = User),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to change this user", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The change would leave a manager or cashier without a store", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_user(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: web::Json<UpdateUser>,
) -> ApiResult<HttpResponse> {
    caller.require_manager()?;
    let body = body.into_inner();
    validate(&body)?;
    check_commission(body.commission_rate)?;
    if let Some(name) = &body.full_name {
        check_full_name(name)?;
    }
    let phone = match body.phone {
        Some(p) => Some(phone_field(p.as_deref())?),
        None => None,
    };
    let password_hash = match body.password {
        Some(p) => Some(hash_password(p).await?),
        None => None,
    };
    let mut tx = state.db.begin().await?;
    let before = visible_user(&mut tx, &caller, *id).await?;
    let role = body.role.unwrap_or(before.role);
    let store_id = body.store_id.unwrap_or(before.store_id);
    manager_may_manage(&caller, before.role, before.store_id)?;
    manager_may_manage(&caller, role, store_id)?;
    if role != Role::Admin && store_id.is_none() {
        // Depends on the user's current role, not on the body alone.
        return Err(ApiError::conflict(
            "a manager or cashier must belong to a store: set store_id, or make the user an admin",
        ));
    }
    if before.id == caller.user_id && (body.active == Some(false) || role != before.role) {
        return Err(ApiError::Forbidden(
            "you cannot deactivate yourself or change your own role".into(),
        ));
    }
    require_store_exists(&mut tx, store_id).await?;
    let patch = UserPatch {
        password_hash,
        full_name: body.full_name.map(|n| n.trim().to_owned()),
        role: body.role,
        store_id: body.store_id,
        phone,
        commission_rate: body.commission_rate,
        active: body.active,
    };
    let user = db::users::update(&mut tx, before.id, &patch)
        .await?
        .ok_or_else(|| ApiError::not_found("user"))?;
    let access_changed = user.role != before.role
        || user.store_id != before.store_id
        || !user.active
        || patch.password_hash.is_some();
    if access_changed {
        db::tokens::revoke_all_for_user(&mut tx, user.id).await?;
    }
    db::audit::record(
        &mut tx,
        AuditEntry {
            user_id: Some(caller.user_id),
            store_id: user.store_id,
            action: if user.role != before.role {
                "user.role_change"
            } else {
                "user.update"
            },
            entity: "user",
            entity_id: Some(user.id.to_string()),
            ip: caller.ip.as_deref(),
            details: json!({
                "role": { "old": before.role, "new": user.role },
                "store_id": { "old": before.store_id, "new": user.store_id },
                "active": { "old": before.active, "new": user.active },
                "commission_rate": { "old": before.commission_rate, "new": user.commission_rate },
                "password_changed": patch.password_hash.is_some(),
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(HttpResponse::Ok().json(user))
}
