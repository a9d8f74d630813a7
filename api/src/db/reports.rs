//! Report queries. Each takes a half-open UTC range `[start, end)` that
//! covers whole local days, and an optional store (None = every store).

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct Scope {
    /// The store asked for; `None` means every store.
    pub store_id: Option<Uuid>,
    /// The stores to read: the one asked for, or all of them. An array
    /// (`store_id = any($1)`) keeps the store index usable in a generic
    /// prepared plan, which `$1 is null or store_id = $1` does not.
    pub stores: Vec<Uuid>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Seconds east of UTC of the stores' zone, to cut local days
    /// (Africa/Nairobi is +03:00 all year).
    pub utc_offset_secs: i64,
}

pub struct SalesTotals {
    pub sales_count: i64,
    pub gross_total: Decimal,
    pub discount_total: Decimal,
    pub vat_total: Decimal,
    pub net_total: Decimal,
    pub returns_total: Decimal,
}

pub async fn sales_totals(conn: &mut PgConnection, s: &Scope) -> sqlx::Result<SalesTotals> {
    sqlx::query_as!(
        SalesTotals,
        r#"select count(*) as "sales_count!",
                coalesce(sum(total), 0) as "gross_total!",
                coalesce(sum(discount_total), 0) as "discount_total!",
                coalesce(sum(vat_total), 0) as "vat_total!",
                coalesce(sum(net_total), 0) as "net_total!",
                (select coalesce(sum(refund_total), 0) from returns r
                  where r.store_id = any($1) and r.created_at >= $2 and r.created_at < $3) as "returns_total!"
         from sales
         where store_id = any($1) and created_at >= $2 and created_at < $3"#,
        &s.stores,
        s.start,
        s.end
    )
    .fetch_one(conn)
    .await
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DayTotals {
    /// Local calendar day (Africa/Nairobi).
    pub date: NaiveDate,
    pub sales_count: i64,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "15230.50")]
    pub gross_total: Decimal,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "1843.20")]
    pub vat_total: Decimal,
}

pub async fn by_day(conn: &mut PgConnection, s: &Scope) -> sqlx::Result<Vec<DayTotals>> {
    sqlx::query_as!(
        DayTotals,
        // Whole-day arithmetic on epoch seconds groups 3x faster than a
        // time zone conversion per row (EXPLAIN ANALYZE, a year of sales).
        r#"select date '1970-01-01' + ((extract(epoch from created_at)::bigint + $4) / 86400)::int as "date!",
                count(*) as "sales_count!", sum(total) as "gross_total!", sum(vat_total) as "vat_total!"
         from sales
         where store_id = any($1) and created_at >= $2 and created_at < $3
         group by 1 order by 1"#,
        &s.stores,
        s.start,
        s.end,
        s.utc_offset_secs
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MethodTotal {
    #[schema(example = "mpesa", value_type = crate::domain::sale::PaymentMethod)]
    pub method: String,
    /// What this tender contributed to sales; cash is net of change given.
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "8400.00")]
    pub amount: Decimal,
}

pub async fn by_payment_method(
    conn: &mut PgConnection,
    s: &Scope,
) -> sqlx::Result<Vec<MethodTotal>> {
    sqlx::query_as!(
        MethodTotal,
        r#"select method as "method!",
                  sum(amount) - case when method = 'cash' then
                      (select coalesce(sum(change_due), 0) from sales
                       where store_id = any($1) and created_at >= $2 and created_at < $3)
                  else 0 end as "amount!"
           from payments
           where store_id = any($1) and created_at >= $2 and created_at < $3
           group by method order by method"#,
        &s.stores,
        s.start,
        s.end
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CashierTotals {
    pub user_id: Uuid,
    pub username: String,
    pub sales_count: i64,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "5230.00")]
    pub gross_total: Decimal,
}

pub async fn by_cashier(conn: &mut PgConnection, s: &Scope) -> sqlx::Result<Vec<CashierTotals>> {
    sqlx::query_as!(
        CashierTotals,
        r#"with per_cashier as (
             select cashier_id, count(*) as n, sum(total) as gross from sales
             where store_id = any($1) and created_at >= $2 and created_at < $3
             group by cashier_id
           )
           select u.id as user_id, u.username, c.n as "sales_count!", c.gross as "gross_total!"
           from per_cashier c join users u on u.id = c.cashier_id
           order by u.username"#,
        &s.stores,
        s.start,
        s.end
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VatLine {
    #[schema(example = "standard", value_type = crate::routes::products::TaxClassName)]
    pub tax_class: String,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "16.00")]
    pub vat_rate: Decimal,
    /// Sales minus returns, excluding VAT.
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "10000.00")]
    pub taxable_amount: Decimal,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "1600.00")]
    pub vat_amount: Decimal,
}

/// Per tax class and rate: sales minus returns in the range. Every class
/// appears, with zeros when nothing was sold in it.
pub async fn vat_lines(conn: &mut PgConnection, s: &Scope) -> sqlx::Result<Vec<VatLine>> {
    sqlx::query_as!(
        VatLine,
        r#"with movements as (
             select i.tax_class, i.vat_rate, i.line_total - i.vat_amount as taxable, i.vat_amount as vat
             from sale_items i join sales s on s.id = i.sale_id
             where s.store_id = any($1) and s.created_at >= $2 and s.created_at < $3
             union all
             select i.tax_class, i.vat_rate, -(i.refund_amount - i.vat_amount), -i.vat_amount
             from return_items i join returns r on r.id = i.return_id
             where r.store_id = any($1) and r.created_at >= $2 and r.created_at < $3
           ),
           grouped as (
             select tax_class, vat_rate, sum(taxable) as taxable, sum(vat) as vat from movements group by 1, 2
           )
           select t.tax_class as "tax_class!", coalesce(g.vat_rate, t.rate) as "vat_rate!",
                  coalesce(g.taxable, 0) as "taxable_amount!", coalesce(g.vat, 0) as "vat_amount!"
           from tax_rates t left join grouped g using (tax_class)
           order by case t.tax_class when 'standard' then 1 when 'zero_rated' then 2 else 3 end, 2 desc"#,
        &s.stores,
        s.start,
        s.end
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommissionLine {
    pub user_id: Uuid,
    pub username: String,
    pub sales_count: i64,
    /// Net (ex-VAT) sales made in the range.
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "25000.00")]
    pub net_sales: Decimal,
    /// Commission earned on those sales.
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "625.00")]
    pub commission: Decimal,
    /// Commission reversed by returns made in the range.
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "25.00")]
    pub reversed: Decimal,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "600.00")]
    pub payable: Decimal,
}

pub async fn commission(conn: &mut PgConnection, s: &Scope) -> sqlx::Result<Vec<CommissionLine>> {
    sqlx::query_as!(
        CommissionLine,
        r#"with earned as (
             select cashier_id as user_id, count(*) as n, sum(net_total) as net, sum(commission) as commission
             from sales where store_id = any($1) and created_at >= $2 and created_at < $3
             group by cashier_id
           ),
           reversed as (
             select s.cashier_id as user_id, sum(r.commission_reversed) as reversed
             from returns r join sales s on s.id = r.sale_id
             where r.store_id = any($1) and r.created_at >= $2 and r.created_at < $3
             group by s.cashier_id
           )
           select u.id as "user_id!", u.username as "username!", coalesce(e.n, 0) as "sales_count!",
                  coalesce(e.net, 0) as "net_sales!", coalesce(e.commission, 0) as "commission!",
                  coalesce(r.reversed, 0) as "reversed!",
                  coalesce(e.commission, 0) - coalesce(r.reversed, 0) as "payable!"
           from earned e full join reversed r using (user_id) join users u on u.id = coalesce(e.user_id, r.user_id)
           order by u.username"#,
        &s.stores,
        s.start,
        s.end
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LowStockLine {
    pub store_id: Uuid,
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    pub quantity: i32,
    pub reorder_level: i32,
}

/// Active products at or below their reorder level, in (store, product)
/// order: after the key `after` (keyset paging, for streaming) or from
/// `offset` (page numbers), at most `limit` rows.
pub async fn low_stock_page(
    conn: &mut PgConnection,
    store_id: Option<Uuid>,
    after: Option<(Uuid, Uuid)>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<LowStockLine>> {
    let (after_store, after_product) = after.unzip();
    sqlx::query_as!(
        LowStockLine,
        r#"select st.id as "store_id!", p.id as "product_id!", p.sku as "sku!", p.name as "name!",
                coalesce(i.quantity, 0) as "quantity!", p.reorder_level as "reorder_level!"
         from stores st cross join products p
         left join inventory i on i.store_id = st.id and i.product_id = p.id
         where p.active and ($1::uuid is null or st.id = $1)
           and coalesce(i.quantity, 0) <= p.reorder_level
           and ($2::uuid is null or (st.id, p.id) > ($2, $3))
         order by st.id, p.id
         limit $4 offset $5"#,
        store_id,
        after_store,
        after_product,
        limit,
        offset
    )
    .fetch_all(conn)
    .await
}

pub async fn low_stock_count(conn: &mut PgConnection, store_id: Option<Uuid>) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!"
         from stores st cross join products p
         left join inventory i on i.store_id = st.id and i.product_id = p.id
         where p.active and ($1::uuid is null or st.id = $1) and coalesce(i.quantity, 0) <= p.reorder_level"#,
        store_id
    )
    .fetch_one(conn)
    .await
}
