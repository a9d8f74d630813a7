//! Stores.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Store {
    pub id: Uuid,
    #[schema(example = "NBO")]
    pub code: String,
    #[schema(example = "Nairobi CBD")]
    pub name: String,
    pub location: String,
    #[schema(example = "P051234567X")]
    pub kra_pin: String,
    pub phone: Option<String>,
    #[schema(example = "KES")]
    pub currency: String,
    #[schema(example = "Africa/Nairobi")]
    pub time_zone: String,
    /// When true, cashiers must open a shift before they can sell.
    pub requires_shift: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct NewStore<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub location: &'a str,
    pub kra_pin: &'a str,
    pub phone: Option<&'a str>,
    pub requires_shift: bool,
}

pub async fn insert(conn: &mut PgConnection, s: &NewStore<'_>) -> sqlx::Result<Store> {
    sqlx::query_as!(
        Store,
        "insert into stores (id, code, name, location, kra_pin, phone, requires_shift)
         values ($1, $2, $3, $4, $5, $6, $7)
         returning id, code, name, location, kra_pin, phone, currency, time_zone, requires_shift, created_at, updated_at",
        Uuid::new_v4(),
        s.code,
        s.name,
        s.location,
        s.kra_pin,
        s.phone,
        s.requires_shift,
    )
    .fetch_one(conn)
    .await
}

/// Every store's id (there are few stores).
pub async fn all_ids(conn: &mut PgConnection) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!("select id from stores order by code")
        .fetch_all(conn)
        .await
}

pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Store>> {
    sqlx::query_as!(
        Store,
        "select id, code, name, location, kra_pin, phone, currency, time_zone, requires_shift, created_at, updated_at
         from stores where id = $1",
        id
    )
    .fetch_optional(conn)
    .await
}

/// Stores visible to a caller: all of them, or only `only`.
pub async fn list(
    conn: &mut PgConnection,
    only: Option<Uuid>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<Store>, i64)> {
    let items = sqlx::query_as!(
        Store,
        "select id, code, name, location, kra_pin, phone, currency, time_zone, requires_shift, created_at, updated_at
         from stores where ($1::uuid is null or id = $1) order by code limit $2 offset $3",
        only,
        limit,
        offset
    )
    .fetch_all(&mut *conn)
    .await?;
    let total = sqlx::query_scalar!(
        r#"select count(*) as "n!" from stores where ($1::uuid is null or id = $1)"#,
        only
    )
    .fetch_one(conn)
    .await?;
    Ok((items, total))
}

#[derive(Default)]
pub struct StorePatch {
    pub code: Option<String>,
    pub name: Option<String>,
    pub location: Option<String>,
    pub kra_pin: Option<String>,
    pub phone: Option<Option<String>>,
    pub requires_shift: Option<bool>,
}

pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    p: &StorePatch,
) -> sqlx::Result<Option<Store>> {
    sqlx::query_as!(
        Store,
        "update stores set
            code = coalesce($2, code), name = coalesce($3, name), location = coalesce($4, location),
            kra_pin = coalesce($5, kra_pin),
            phone = case when $6 then $7 else phone end,
            requires_shift = coalesce($8, requires_shift), updated_at = now()
         where id = $1
         returning id, code, name, location, kra_pin, phone, currency, time_zone, requires_shift, created_at, updated_at",
        id,
        p.code,
        p.name,
        p.location,
        p.kra_pin,
        p.phone.is_some(),
        p.phone.clone().flatten(),
        p.requires_shift,
    )
    .fetch_optional(conn)
    .await
}
