//! Refresh tokens: issue, rotate, detect reuse, revoke.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

pub async fn insert(
    conn: &mut PgConnection,
    user_id: Uuid,
    family_id: Uuid,
    hash: &[u8],
    expires_at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into refresh_tokens (id, user_id, family_id, token_hash, expires_at) values ($1, $2, $3, $4, $5)",
        Uuid::new_v4(),
        user_id,
        family_id,
        hash,
        expires_at
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct StoredToken {
    pub id: Uuid,
    pub user_id: Uuid,
    pub family_id: Uuid,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Finds a token by hash and locks it, so two racing refreshes with the same
/// token cannot both rotate it.
pub async fn find_for_update(
    conn: &mut PgConnection,
    hash: &[u8],
) -> sqlx::Result<Option<StoredToken>> {
    sqlx::query_as!(
        StoredToken,
        "select id, user_id, family_id, expires_at, used_at, revoked_at from refresh_tokens where token_hash = $1 for update",
        hash
    )
    .fetch_optional(conn)
    .await
}

pub async fn mark_used(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update refresh_tokens set used_at = now() where id = $1",
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn revoke_family(conn: &mut PgConnection, family_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update refresh_tokens set revoked_at = now() where family_id = $1 and revoked_at is null",
        family_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn revoke_all_for_user(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update refresh_tokens set revoked_at = now() where user_id = $1 and revoked_at is null",
        user_id
    )
    .execute(conn)
    .await?;
    Ok(())
}
