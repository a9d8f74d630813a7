//! Users.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Role;

/// A user as the API shows it (never the password hash).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct User {
    pub id: Uuid,
    pub username: String,
    pub full_name: String,
    pub role: Role,
    pub store_id: Option<Uuid>,
    pub phone: Option<String>,
    #[schema(value_type = String, example = "2.50")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub commission_rate: Decimal,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What login needs: the user and their password hash.
pub struct Credentials {
    pub user: User,
    pub password_hash: String,
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub password_hash: &'a str,
    pub full_name: &'a str,
    pub role: Role,
    pub store_id: Option<Uuid>,
    pub phone: Option<&'a str>,
    pub commission_rate: Decimal,
}

pub async fn insert(conn: &mut PgConnection, u: &NewUser<'_>) -> sqlx::Result<User> {
    sqlx::query_as!(
        User,
        r#"insert into users (id, username, password_hash, full_name, role, store_id, phone, commission_rate)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         returning id, username, full_name, role as "role: Role", store_id, phone, commission_rate, active, created_at, updated_at"#,
        Uuid::new_v4(),
        u.username,
        u.password_hash,
        u.full_name,
        u.role as Role,
        u.store_id,
        u.phone,
        u.commission_rate,
    )
    .fetch_one(conn)
    .await
}

pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<User>> {
    sqlx::query_as!(
        User,
        r#"select id, username, full_name, role as "role: Role", store_id, phone, commission_rate, active, created_at, updated_at
         from users where id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

pub async fn credentials(
    conn: &mut PgConnection,
    username: &str,
) -> sqlx::Result<Option<Credentials>> {
    let row = sqlx::query!(
        r#"select id, username, full_name, role as "role: Role", store_id, phone, commission_rate, active, created_at, updated_at, password_hash
         from users where lower(username) = lower($1)"#,
        username
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| Credentials {
        password_hash: r.password_hash,
        user: User {
            id: r.id,
            username: r.username,
            full_name: r.full_name,
            role: r.role,
            store_id: r.store_id,
            phone: r.phone,
            commission_rate: r.commission_rate,
            active: r.active,
            created_at: r.created_at,
            updated_at: r.updated_at,
        },
    }))
}

pub async fn any_exists(conn: &mut PgConnection) -> sqlx::Result<bool> {
    sqlx::query_scalar!(r#"select exists(select 1 from users) as "e!""#)
        .fetch_one(conn)
        .await
}

pub async fn list(
    conn: &mut PgConnection,
    store: Option<Uuid>,
    role: Option<Role>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<User>, i64)> {
    let items = sqlx::query_as!(
        User,
        r#"select id, username, full_name, role as "role: Role", store_id, phone, commission_rate, active, created_at, updated_at
         from users where ($1::uuid is null or store_id = $1) and ($2::text is null or role = $2)
         order by username limit $3 offset $4"#,
        store,
        role.map(Role::as_str),
        limit,
        offset
    )
    .fetch_all(&mut *conn)
    .await?;
    let total = sqlx::query_scalar!(
        r#"select count(*) as "n!" from users where ($1::uuid is null or store_id = $1) and ($2::text is null or role = $2)"#,
        store,
        role.map(Role::as_str)
    )
    .fetch_one(conn)
    .await?;
    Ok((items, total))
}

#[derive(Default)]
pub struct UserPatch {
    pub password_hash: Option<String>,
    pub full_name: Option<String>,
    pub role: Option<Role>,
    pub store_id: Option<Option<Uuid>>,
    pub phone: Option<Option<String>>,
    pub commission_rate: Option<Decimal>,
    pub active: Option<bool>,
}

pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    p: &UserPatch,
) -> sqlx::Result<Option<User>> {
    sqlx::query_as!(
        User,
        r#"update users set
            password_hash = coalesce($2, password_hash),
            full_name = coalesce($3, full_name),
            role = coalesce($4, role),
            store_id = case when $5 then $6 else store_id end,
            phone = case when $7 then $8 else phone end,
            commission_rate = coalesce($9, commission_rate),
            active = coalesce($10, active),
            updated_at = now()
         where id = $1
         returning id, username, full_name, role as "role: Role", store_id, phone, commission_rate, active, created_at, updated_at"#,
        id,
        p.password_hash,
        p.full_name,
        p.role.map(Role::as_str),
        p.store_id.is_some(),
        p.store_id.flatten(),
        p.phone.is_some(),
        p.phone.clone().flatten(),
        p.commission_rate,
        p.active,
    )
    .fetch_optional(conn)
    .await
}
