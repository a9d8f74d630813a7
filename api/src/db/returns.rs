//! Returns against sales.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::sale::PaymentMethod;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReturnItem {
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    pub quantity: i32,
    /// What this line refunds: its share of the original line total.
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "99.99")]
    pub refund_amount: Decimal,
    /// The share of the original line discount these units carried.
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "0.00")]
    pub discount_share: Decimal,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "13.79")]
    pub vat_amount: Decimal,
    #[schema(value_type = crate::routes::products::TaxClassName)]
    pub tax_class: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SaleReturn {
    pub id: Uuid,
    pub sale_id: Uuid,
    pub store_id: Uuid,
    pub user_id: Uuid,
    pub items: Vec<ReturnItem>,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "99.99")]
    pub refund_total: Decimal,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "13.79")]
    pub vat_reversed: Decimal,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "2.16")]
    pub commission_reversed: Decimal,
    pub reason: String,
    pub refund_method: PaymentMethod,
    pub created_at: DateTime<Utc>,
}

/// A sold line as a return needs it.
pub struct SoldLineRow {
    pub line_no: i32,
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    pub quantity: i32,
    pub returned_quantity: i32,
    pub line_total: Decimal,
    pub discount: Decimal,
    pub vat_amount: Decimal,
    pub tax_class: String,
    pub vat_rate: Decimal,
}

/// The sale header a return needs, locked so returns of one sale serialize.
pub struct LockedSale {
    pub id: Uuid,
    pub store_id: Uuid,
    pub net_total: Decimal,
    pub commission: Decimal,
    pub created_at: DateTime<Utc>,
}

pub async fn lock_sale(conn: &mut PgConnection, sale_id: Uuid) -> sqlx::Result<Option<LockedSale>> {
    sqlx::query_as!(
        LockedSale,
        "select id, store_id, net_total, commission, created_at from sales where id = $1 for update",
        sale_id
    )
    .fetch_optional(conn)
    .await
}

pub async fn sold_lines(conn: &mut PgConnection, sale_id: Uuid) -> sqlx::Result<Vec<SoldLineRow>> {
    sqlx::query_as!(
        SoldLineRow,
        "select line_no, product_id, sku, name, quantity, returned_quantity, line_total, discount, vat_amount, tax_class, vat_rate
         from sale_items where sale_id = $1 order by line_no",
        sale_id
    )
    .fetch_all(conn)
    .await
}

/// Net (ex-VAT) amount already refunded on a sale.
pub async fn net_returned(conn: &mut PgConnection, sale_id: Uuid) -> sqlx::Result<Decimal> {
    sqlx::query_scalar!(
        r#"select coalesce(sum(refund_amount - vat_amount), 0) as "n!" from return_items where sale_id = $1"#,
        sale_id
    )
    .fetch_one(conn)
    .await
}

pub struct NewReturnLine {
    pub line_no: i32,
    pub product_id: Uuid,
    pub quantity: i32,
    pub refund_amount: Decimal,
    pub discount_share: Decimal,
    pub vat_amount: Decimal,
    pub tax_class: String,
    pub vat_rate: Decimal,
}

pub struct NewReturn<'a> {
    pub id: Uuid,
    pub sale_id: Uuid,
    pub store_id: Uuid,
    pub user_id: Uuid,
    /// The returning user's open shift, if any (cash refunds leave its drawer).
    pub shift_id: Option<Uuid>,
    pub reason: &'a str,
    pub refund_method: PaymentMethod,
    pub refund_total: Decimal,
    pub vat_reversed: Decimal,
    pub commission_reversed: Decimal,
    pub lines: &'a [NewReturnLine],
}

/// Writes the return, its lines, and the returned quantities on the sale.
pub async fn insert(conn: &mut PgConnection, r: &NewReturn<'_>) -> sqlx::Result<DateTime<Utc>> {
    let created_at = sqlx::query_scalar!(
        "insert into returns (id, sale_id, store_id, user_id, shift_id, reason, refund_method, refund_total, vat_reversed, commission_reversed)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning created_at",
        r.id,
        r.sale_id,
        r.store_id,
        r.user_id,
        r.shift_id,
        r.reason,
        r.refund_method.as_str(),
        r.refund_total,
        r.vat_reversed,
        r.commission_reversed
    )
    .fetch_one(&mut *conn)
    .await?;
    let l = r.lines;
    sqlx::query!(
        "insert into return_items (return_id, store_id, sale_id, line_no, product_id, quantity, refund_amount, discount_share,
                                   vat_amount, tax_class, vat_rate)
         select $1, $2, $3, * from unnest($4::int[], $5::uuid[], $6::int[], $7::numeric[], $8::numeric[], $9::numeric[],
                                          $10::text[], $11::numeric[])",
        r.id,
        r.store_id,
        r.sale_id,
        &l.iter().map(|x| x.line_no).collect::<Vec<_>>(),
        &l.iter().map(|x| x.product_id).collect::<Vec<_>>(),
        &l.iter().map(|x| x.quantity).collect::<Vec<_>>(),
        &l.iter().map(|x| x.refund_amount).collect::<Vec<_>>(),
        &l.iter().map(|x| x.discount_share).collect::<Vec<_>>(),
        &l.iter().map(|x| x.vat_amount).collect::<Vec<_>>(),
        &l.iter().map(|x| x.tax_class.clone()).collect::<Vec<_>>(),
        &l.iter().map(|x| x.vat_rate).collect::<Vec<_>>(),
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update sale_items s set returned_quantity = s.returned_quantity + r.quantity
         from unnest($2::int[], $3::int[]) as r(line_no, quantity)
         where s.sale_id = $1 and s.line_no = r.line_no",
        r.sale_id,
        &l.iter().map(|x| x.line_no).collect::<Vec<_>>(),
        &l.iter().map(|x| x.quantity).collect::<Vec<_>>(),
    )
    .execute(conn)
    .await?;
    Ok(created_at)
}

/// Every return of a sale, oldest first, with its lines.
pub async fn for_sale(conn: &mut PgConnection, sale_id: Uuid) -> sqlx::Result<Vec<SaleReturn>> {
    let headers = sqlx::query!(
        r#"select id, sale_id, store_id, user_id, reason, refund_method as "refund_method: PaymentMethod", refund_total,
                vat_reversed, commission_reversed, created_at
         from returns where sale_id = $1 order by created_at, id"#,
        sale_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let lines = sqlx::query!(
        "select r.return_id, r.product_id, s.sku, s.name, r.quantity, r.refund_amount, r.discount_share, r.vat_amount, r.tax_class
         from return_items r join sale_items s on s.sale_id = r.sale_id and s.line_no = r.line_no
         where r.sale_id = $1 order by r.return_id, r.line_no",
        sale_id
    )
    .fetch_all(conn)
    .await?;
    Ok(headers
        .into_iter()
        .map(|h| SaleReturn {
            items: lines
                .iter()
                .filter(|l| l.return_id == h.id)
                .map(|l| ReturnItem {
                    product_id: l.product_id,
                    sku: l.sku.clone(),
                    name: l.name.clone(),
                    quantity: l.quantity,
                    refund_amount: l.refund_amount,
                    discount_share: l.discount_share,
                    vat_amount: l.vat_amount,
                    tax_class: l.tax_class.clone(),
                })
                .collect(),
            id: h.id,
            sale_id: h.sale_id,
            store_id: h.store_id,
            user_id: h.user_id,
            refund_total: h.refund_total,
            vat_reversed: h.vat_reversed,
            commission_reversed: h.commission_reversed,
            reason: h.reason,
            refund_method: h.refund_method,
            created_at: h.created_at,
        })
        .collect())
}
