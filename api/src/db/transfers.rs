//! Stock transfers between stores.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum TransferStatus {
    Pending,
    Approved,
    Rejected,
}

impl TransferStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TransferItem {
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    pub quantity: i32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Transfer {
    pub id: Uuid,
    pub from_store_id: Uuid,
    pub to_store_id: Uuid,
    pub status: TransferStatus,
    pub note: String,
    pub items: Vec<TransferItem>,
    pub requested_by: Uuid,
    pub requested_at: DateTime<Utc>,
    /// Who approved or rejected it, and when.
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub reject_reason: Option<String>,
}

struct Header {
    id: Uuid,
    from_store_id: Uuid,
    to_store_id: Uuid,
    status: TransferStatus,
    note: String,
    requested_by: Uuid,
    requested_at: DateTime<Utc>,
    decided_by: Option<Uuid>,
    decided_at: Option<DateTime<Utc>>,
    reject_reason: Option<String>,
}

pub async fn insert(
    conn: &mut PgConnection,
    id: Uuid,
    from: Uuid,
    to: Uuid,
    note: &str,
    requested_by: Uuid,
    items: &[(Uuid, i32)],
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into transfers (id, from_store_id, to_store_id, note, requested_by) values ($1, $2, $3, $4, $5)",
        id,
        from,
        to,
        note,
        requested_by
    )
    .execute(&mut *conn)
    .await?;
    let (ids, qty): (Vec<Uuid>, Vec<i32>) = items.iter().copied().unzip();
    sqlx::query!(
        "insert into transfer_items (transfer_id, from_store_id, product_id, quantity)
         select $1, $2, * from unnest($3::uuid[], $4::int[])",
        id,
        from,
        &ids,
        &qty
    )
    .execute(conn)
    .await?;
    Ok(())
}

async fn assemble(conn: &mut PgConnection, headers: Vec<Header>) -> sqlx::Result<Vec<Transfer>> {
    let ids: Vec<Uuid> = headers.iter().map(|h| h.id).collect();
    let items = sqlx::query!(
        "select t.transfer_id, t.product_id, p.sku, p.name, t.quantity
         from transfer_items t join products p on p.id = t.product_id
         where t.transfer_id = any($1) order by t.transfer_id, p.sku",
        &ids
    )
    .fetch_all(conn)
    .await?;
    Ok(headers
        .into_iter()
        .map(|h| Transfer {
            items: items
                .iter()
                .filter(|i| i.transfer_id == h.id)
                .map(|i| TransferItem {
                    product_id: i.product_id,
                    sku: i.sku.clone(),
                    name: i.name.clone(),
                    quantity: i.quantity,
                })
                .collect(),
            id: h.id,
            from_store_id: h.from_store_id,
            to_store_id: h.to_store_id,
            status: h.status,
            note: h.note,
            requested_by: h.requested_by,
            requested_at: h.requested_at,
            decided_by: h.decided_by,
            decided_at: h.decided_at,
            reject_reason: h.reject_reason,
        })
        .collect())
}

/// Loads a transfer; with `lock`, holds its row until the transaction ends
/// so two approvals cannot both see it pending.
pub async fn find(conn: &mut PgConnection, id: Uuid, lock: bool) -> sqlx::Result<Option<Transfer>> {
    let header = if lock {
        sqlx::query_as!(
            Header,
            r#"select id, from_store_id, to_store_id, status as "status: TransferStatus", note, requested_by, requested_at,
                    decided_by, decided_at, reject_reason
             from transfers where id = $1 for update"#,
            id
        )
        .fetch_optional(&mut *conn)
        .await?
    } else {
        sqlx::query_as!(
            Header,
            r#"select id, from_store_id, to_store_id, status as "status: TransferStatus", note, requested_by, requested_at,
                    decided_by, decided_at, reject_reason
             from transfers where id = $1"#,
            id
        )
        .fetch_optional(&mut *conn)
        .await?
    };
    Ok(assemble(conn, header.into_iter().collect()).await?.pop())
}

pub async fn decide(
    conn: &mut PgConnection,
    id: Uuid,
    status: TransferStatus,
    by: Uuid,
    reject_reason: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update transfers set status = $2, decided_by = $3, decided_at = now(), reject_reason = $4 where id = $1",
        id,
        status.as_str(),
        by,
        reject_reason
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct TransferFilter {
    pub status: Option<TransferStatus>,
    /// Transfers from or to this store.
    pub store_id: Option<Uuid>,
}

pub async fn list(
    conn: &mut PgConnection,
    f: &TransferFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<Transfer>, i64)> {
    let status = f.status.map(TransferStatus::as_str);
    let headers = sqlx::query_as!(
        Header,
        r#"select id, from_store_id, to_store_id, status as "status: TransferStatus", note, requested_by, requested_at,
                decided_by, decided_at, reject_reason
         from transfers
         where ($1::text is null or status = $1) and ($2::uuid is null or from_store_id = $2 or to_store_id = $2)
         order by requested_at desc, id limit $3 offset $4"#,
        status,
        f.store_id,
        limit,
        offset
    )
    .fetch_all(&mut *conn)
    .await?;
    let total = sqlx::query_scalar!(
        r#"select count(*) as "n!" from transfers
         where ($1::text is null or status = $1) and ($2::uuid is null or from_store_id = $2 or to_store_id = $2)"#,
        status,
        f.store_id
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok((assemble(conn, headers).await?, total))
}
