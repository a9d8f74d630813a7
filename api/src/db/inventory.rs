//! Per-store stock and the movements ledger. Every quantity change goes
//! through `increase` or `decrease`, which write the ledger row in the same
//! statement, so stock always equals the sum of its movements.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct InventoryItem {
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    pub quantity: i32,
    pub reorder_level: i32,
    /// `quantity <= reorder_level`.
    pub low_stock: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    Sale,
    Return,
    Adjustment,
    TransferOut,
    TransferIn,
}

impl Cause {
    fn as_str(self) -> &'static str {
        match self {
            Self::Sale => "sale",
            Self::Return => "return",
            Self::Adjustment => "adjustment",
            Self::TransferOut => "transfer_out",
            Self::TransferIn => "transfer_in",
        }
    }
}

/// Why and by whom stock moved.
pub struct Movement<'a> {
    pub cause: Cause,
    pub reason: Option<&'a str>,
    pub reference_id: Uuid,
    pub user_id: Uuid,
}

/// One line of the ledger.
#[derive(Debug, Serialize, ToSchema)]
pub struct StockMovement {
    pub id: i64,
    pub store_id: Uuid,
    pub product_id: Uuid,
    pub delta: i32,
    pub quantity_after: i32,
    #[schema(example = "adjustment")]
    pub cause: String,
    pub reason: Option<String>,
    pub reference_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// Takes `quantities` out of a store's stock, locking rows in product-id
/// order (so concurrent multi-line sales cannot deadlock) and only where
/// enough is on hand. Returns the products that were decreased; a product
/// missing from the result lacked stock and the caller must roll back.
pub async fn decrease(
    conn: &mut PgConnection,
    store_id: Uuid,
    items: &[(Uuid, i32)],
    m: &Movement<'_>,
) -> sqlx::Result<Vec<Uuid>> {
    let (ids, qty): (Vec<Uuid>, Vec<i32>) = items.iter().copied().unzip();
    sqlx::query_scalar!(
        r#"with d as (select * from unnest($2::uuid[], $3::int[]) as d(product_id, qty)),
         locked as (
            select i.product_id from inventory i join d using (product_id)
            where i.store_id = $1 order by i.product_id for update of i
         ),
         upd as (
            update inventory i set quantity = i.quantity - d.qty, updated_at = now()
            from d
            where i.store_id = $1 and i.product_id = d.product_id
              and i.product_id in (select product_id from locked)
              and i.quantity >= d.qty
            returning i.product_id, d.qty, i.quantity
         )
         insert into stock_movements (store_id, product_id, delta, quantity_after, cause, reason, reference_id, user_id)
         select $1, product_id, -qty, quantity, $4, $5, $6, $7 from upd
         returning product_id as "product_id!""#,
        store_id,
        &ids,
        &qty,
        m.cause.as_str(),
        m.reason,
        m.reference_id,
        m.user_id,
    )
    .fetch_all(conn)
    .await
}

/// Adds `quantities` to a store's stock, creating rows as needed.
pub async fn increase(
    conn: &mut PgConnection,
    store_id: Uuid,
    items: &[(Uuid, i32)],
    m: &Movement<'_>,
) -> sqlx::Result<()> {
    let (ids, qty): (Vec<Uuid>, Vec<i32>) = items.iter().copied().unzip();
    sqlx::query!(
        r#"with upd as (
            insert into inventory (store_id, product_id, quantity)
            select $1, product_id, qty from unnest($2::uuid[], $3::int[]) as d(product_id, qty) order by product_id
            on conflict (store_id, product_id)
            do update set quantity = inventory.quantity + excluded.quantity, updated_at = now()
            returning product_id, quantity
         )
         insert into stock_movements (store_id, product_id, delta, quantity_after, cause, reason, reference_id, user_id)
         select $1, upd.product_id, d.qty, upd.quantity, $4, $5, $6, $7
         from upd join unnest($2::uuid[], $3::int[]) as d(product_id, qty) using (product_id)"#,
        store_id,
        &ids,
        &qty,
        m.cause.as_str(),
        m.reason,
        m.reference_id,
        m.user_id,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn quantity(
    conn: &mut PgConnection,
    store_id: Uuid,
    product_id: Uuid,
) -> sqlx::Result<i32> {
    Ok(sqlx::query_scalar!(
        "select quantity from inventory where store_id = $1 and product_id = $2",
        store_id,
        product_id
    )
    .fetch_optional(conn)
    .await?
    .unwrap_or(0))
}

pub async fn list(
    conn: &mut PgConnection,
    store_id: Uuid,
    low_only: bool,
    q: Option<&str>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<InventoryItem>, i64)> {
    let pattern = q.map(super::products::like_pattern);
    let items = sqlx::query_as!(
        InventoryItem,
        r#"select p.id as product_id, p.sku, p.name, coalesce(i.quantity, 0) as "quantity!", p.reorder_level,
                coalesce(i.quantity, 0) <= p.reorder_level as "low_stock!"
         from products p left join inventory i on i.product_id = p.id and i.store_id = $1
         where p.active
           and (not $2 or coalesce(i.quantity, 0) <= p.reorder_level)
           and ($3::text is null or lower(p.name || ' ' || p.sku || ' ' || coalesce(p.barcode, '')) like $3)
         order by lower(p.name), p.id
         limit $4 offset $5"#,
        store_id,
        low_only,
        pattern,
        limit,
        offset
    )
    .fetch_all(&mut *conn)
    .await?;
    let total = sqlx::query_scalar!(
        r#"select count(*) as "n!"
         from products p left join inventory i on i.product_id = p.id and i.store_id = $1
         where p.active
           and (not $2 or coalesce(i.quantity, 0) <= p.reorder_level)
           and ($3::text is null or lower(p.name || ' ' || p.sku || ' ' || coalesce(p.barcode, '')) like $3)"#,
        store_id,
        low_only,
        pattern,
    )
    .fetch_one(conn)
    .await?;
    Ok((items, total))
}

/// The ledger row just written for a product and reference.
pub async fn movement_for(
    conn: &mut PgConnection,
    store_id: Uuid,
    product_id: Uuid,
    reference_id: Uuid,
) -> sqlx::Result<StockMovement> {
    sqlx::query_as!(
        StockMovement,
        "select id, store_id, product_id, delta, quantity_after, cause, reason, reference_id, user_id, created_at
         from stock_movements where store_id = $1 and product_id = $2 and reference_id = $3
         order by id desc limit 1",
        store_id,
        product_id,
        reference_id
    )
    .fetch_one(conn)
    .await
}
