//! The first admin: from `POS_ADMIN_USERNAME`/`POS_ADMIN_PASSWORD` when no
//! user exists yet, or from `pos-api create-admin`.

use rust_decimal::Decimal;
use serde_json::json;
use sqlx::PgPool;

use crate::{
    auth::{
        password::{hash_password, MIN_PASSWORD_LEN},
        Role,
    },
    config::Settings,
    db::{self, audit::AuditEntry, users::NewUser},
};

pub async fn ensure_first_admin(pool: &PgPool, settings: &Settings) -> anyhow::Result<()> {
    let (Some(username), Some(password)) = (&settings.admin_username, &settings.admin_password)
    else {
        return Ok(());
    };
    let mut conn = pool.acquire().await?;
    if db::users::any_exists(&mut conn).await? {
        return Ok(());
    }
    create_admin(pool, username, password).await?;
    tracing::info!(%username, "created the first admin from POS_ADMIN_USERNAME");
    Ok(())
}

pub async fn create_admin(pool: &PgPool, username: &str, password: &str) -> anyhow::Result<()> {
    anyhow::ensure!(
        password.chars().count() >= MIN_PASSWORD_LEN,
        "the admin password must have at least {MIN_PASSWORD_LEN} characters"
    );
    let hash = hash_password(password.to_owned()).await?;
    let mut tx = pool.begin().await?;
    let user = db::users::insert(
        &mut tx,
        &NewUser {
            username,
            password_hash: &hash,
            full_name: "Administrator",
            role: Role::Admin,
            store_id: None,
            phone: None,
            commission_rate: Decimal::ZERO,
        },
    )
    .await?;
    db::audit::record(
        &mut tx,
        AuditEntry {
            user_id: None,
            store_id: None,
            action: "user.create",
            entity: "user",
            entity_id: Some(user.id.to_string()),
            ip: None,
            details: json!({ "username": username, "role": "admin", "via": "bootstrap" }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
