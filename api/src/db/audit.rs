//! The append-only audit log.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

/// One audited action.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditLog {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub user_id: Option<Uuid>,
    pub store_id: Option<Uuid>,
    #[schema(example = "sale.create")]
    pub action: String,
    #[schema(example = "sale")]
    pub entity: String,
    pub entity_id: Option<String>,
    pub ip: Option<String>,
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
}

/// What to record; written in the caller's transaction.
pub struct AuditEntry<'a> {
    pub user_id: Option<Uuid>,
    pub store_id: Option<Uuid>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub ip: Option<&'a str>,
    pub details: serde_json::Value,
}

pub async fn record(conn: &mut PgConnection, e: AuditEntry<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into audit_logs (id, user_id, store_id, action, entity, entity_id, ip, details)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        Uuid::new_v4(),
        e.user_id,
        e.store_id,
        e.action,
        e.entity,
        e.entity_id,
        e.ip,
        e.details,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct AuditFilter {
    pub action: Option<String>,
    pub user_id: Option<Uuid>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

pub async fn list(
    conn: &mut PgConnection,
    f: &AuditFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<AuditLog>, i64)> {
    let items = sqlx::query_as!(
        AuditLog,
        "select id, at, user_id, store_id, action, entity, entity_id, ip, details
         from audit_logs
         where ($1::text is null or action = $1)
           and ($2::uuid is null or user_id = $2)
           and ($3::timestamptz is null or at >= $3)
           and ($4::timestamptz is null or at < $4)
         order by at desc, id
         limit $5 offset $6",
        f.action,
        f.user_id,
        f.from,
        f.to,
        limit,
        offset,
    )
    .fetch_all(&mut *conn)
    .await?;
    let total = sqlx::query_scalar!(
        r#"select count(*) as "n!" from audit_logs
         where ($1::text is null or action = $1)
           and ($2::uuid is null or user_id = $2)
           and ($3::timestamptz is null or at >= $3)
           and ($4::timestamptz is null or at < $4)"#,
        f.action,
        f.user_id,
        f.from,
        f.to,
    )
    .fetch_one(conn)
    .await?;
    Ok((items, total))
}
