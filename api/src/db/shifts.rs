//! Shifts and the cash paid in and out during them.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::shift::ShiftFlows;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum ShiftStatus {
    Open,
    Closed,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Shift {
    pub id: Uuid,
    pub store_id: Uuid,
    pub cashier_id: Uuid,
    #[schema(example = "Till 1")]
    pub till: String,
    pub status: ShiftStatus,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "2000.00")]
    pub opening_float: Decimal,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<Uuid>,
    /// The store's Z report number, assigned at close.
    pub z_number: Option<i64>,
    #[serde(serialize_with = "crate::domain::money::serialize_opt_2dp")]
    #[schema(value_type = Option<String>)]
    pub counted_cash: Option<Decimal>,
    #[serde(serialize_with = "crate::domain::money::serialize_opt_2dp")]
    #[schema(value_type = Option<String>)]
    pub counted_mpesa: Option<Decimal>,
    #[serde(serialize_with = "crate::domain::money::serialize_opt_2dp")]
    #[schema(value_type = Option<String>)]
    pub counted_card: Option<Decimal>,
    #[serde(serialize_with = "crate::domain::money::serialize_opt_2dp")]
    #[schema(value_type = Option<String>)]
    pub expected_cash: Option<Decimal>,
    #[serde(serialize_with = "crate::domain::money::serialize_opt_2dp")]
    #[schema(value_type = Option<String>)]
    pub expected_mpesa: Option<Decimal>,
    #[serde(serialize_with = "crate::domain::money::serialize_opt_2dp")]
    #[schema(value_type = Option<String>)]
    pub expected_card: Option<Decimal>,
    pub close_note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CashMovement {
    pub id: Uuid,
    pub shift_id: Uuid,
    #[schema(example = "out", value_type = crate::services::shifts::CashDirection)]
    pub kind: String,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String, example = "500.00")]
    pub amount: Decimal,
    pub reason: String,
    pub user_id: Uuid,
    pub created_at: DateTime<Utc>,
}

pub async fn open(
    conn: &mut PgConnection,
    id: Uuid,
    store_id: Uuid,
    cashier_id: Uuid,
    till: &str,
    opening_float: Decimal,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into shifts (id, store_id, cashier_id, till, opening_float) values ($1, $2, $3, $4, $5)",
        id,
        store_id,
        cashier_id,
        till,
        opening_float
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Shift>> {
    sqlx::query_as!(
        Shift,
        r#"select id, store_id, cashier_id, till, status as "status: ShiftStatus", opening_float, opened_at, closed_at, closed_by,
                z_number, counted_cash, counted_mpesa, counted_card, expected_cash, expected_mpesa, expected_card, close_note
         from shifts where id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// Locks the shift row exclusively: closing waits for in-flight sales
/// (which hold it shared) and later sales see it closed.
pub async fn lock(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Shift>> {
    sqlx::query_as!(
        Shift,
        r#"select id, store_id, cashier_id, till, status as "status: ShiftStatus", opening_float, opened_at, closed_at, closed_by,
                z_number, counted_cash, counted_mpesa, counted_card, expected_cash, expected_mpesa, expected_card, close_note
         from shifts where id = $1 for update"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// The user's open shift in a store, held shared until the transaction
/// ends so it cannot close under a sale or return being recorded.
pub async fn open_shift_of(
    conn: &mut PgConnection,
    user_id: Uuid,
    store_id: Uuid,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select id from shifts where cashier_id = $1 and store_id = $2 and status = 'open' for share",
        user_id,
        store_id
    )
    .fetch_optional(conn)
    .await
}

pub async fn current_of(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select id from shifts where cashier_id = $1 and status = 'open'",
        user_id
    )
    .fetch_optional(conn)
    .await
}

pub struct ShiftFilter {
    pub store_id: Option<Uuid>,
    pub cashier_id: Option<Uuid>,
    pub status: Option<ShiftStatus>,
}

pub async fn list(
    conn: &mut PgConnection,
    f: &ShiftFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<Shift>, i64)> {
    let status = f.status.map(|s| {
        if s == ShiftStatus::Open {
            "open"
        } else {
            "closed"
        }
    });
    let items = sqlx::query_as!(
        Shift,
        r#"select id, store_id, cashier_id, till, status as "status: ShiftStatus", opening_float, opened_at, closed_at, closed_by,
                z_number, counted_cash, counted_mpesa, counted_card, expected_cash, expected_mpesa, expected_card, close_note
         from shifts
         where ($1::uuid is null or store_id = $1) and ($2::uuid is null or cashier_id = $2) and ($3::text is null or status = $3)
         order by opened_at desc, id limit $4 offset $5"#,
        f.store_id,
        f.cashier_id,
        status,
        limit,
        offset
    )
    .fetch_all(&mut *conn)
    .await?;
    let total = sqlx::query_scalar!(
        r#"select count(*) as "n!" from shifts
         where ($1::uuid is null or store_id = $1) and ($2::uuid is null or cashier_id = $2) and ($3::text is null or status = $3)"#,
        f.store_id,
        f.cashier_id,
        status
    )
    .fetch_one(conn)
    .await?;
    Ok((items, total))
}

pub async fn add_cash_movement(
    conn: &mut PgConnection,
    shift: &Shift,
    kind: &str,
    amount: Decimal,
    reason: &str,
    user_id: Uuid,
) -> sqlx::Result<CashMovement> {
    sqlx::query_as!(
        CashMovement,
        "insert into cash_movements (id, shift_id, store_id, kind, amount, reason, user_id) values ($1, $2, $3, $4, $5, $6, $7)
         returning id, shift_id, kind, amount, reason, user_id, created_at",
        Uuid::new_v4(),
        shift.id,
        shift.store_id,
        kind,
        amount,
        reason,
        user_id
    )
    .fetch_one(conn)
    .await
}

pub async fn cash_movements(
    conn: &mut PgConnection,
    shift_id: Uuid,
) -> sqlx::Result<Vec<CashMovement>> {
    sqlx::query_as!(
        CashMovement,
        "select id, shift_id, kind, amount, reason, user_id, created_at from cash_movements where shift_id = $1 order by created_at, id",
        shift_id
    )
    .fetch_all(conn)
    .await
}

/// Sales and returns tied to a shift, in aggregate.
pub struct ShiftSales {
    pub sales_count: i64,
    pub gross_total: Decimal,
    pub discount_total: Decimal,
    pub vat_total: Decimal,
    pub returns_count: i64,
    pub returns_total: Decimal,
}

pub async fn sales_of(conn: &mut PgConnection, shift_id: Uuid) -> sqlx::Result<ShiftSales> {
    sqlx::query_as!(
        ShiftSales,
        r#"select count(*) as "sales_count!", coalesce(sum(total), 0) as "gross_total!",
                coalesce(sum(discount_total), 0) as "discount_total!", coalesce(sum(vat_total), 0) as "vat_total!",
                (select count(*) from returns where shift_id = $1) as "returns_count!",
                (select coalesce(sum(refund_total), 0) from returns where shift_id = $1) as "returns_total!"
         from sales where shift_id = $1"#,
        shift_id
    )
    .fetch_one(conn)
    .await
}

pub async fn flows(conn: &mut PgConnection, shift_id: Uuid) -> sqlx::Result<ShiftFlows> {
    sqlx::query_as!(
        ShiftFlows,
        r#"with pay as (
             select p.method, sum(p.amount) as amount from payments p join sales s on s.id = p.sale_id
             where s.shift_id = $1 group by p.method
           ),
           refunds as (
             select refund_method as method, sum(refund_total) as amount from returns where shift_id = $1 group by refund_method
           ),
           moves as (
             select kind, sum(amount) as amount from cash_movements where shift_id = $1 group by kind
           )
           select
             coalesce((select amount from pay where method = 'cash'), 0)
               - (select coalesce(sum(change_due), 0) from sales where shift_id = $1) as "cash_sales!",
             coalesce((select amount from pay where method = 'mpesa'), 0) as "mpesa_sales!",
             coalesce((select amount from pay where method = 'card'), 0) as "card_sales!",
             coalesce((select amount from refunds where method = 'cash'), 0) as "cash_refunds!",
             coalesce((select amount from refunds where method = 'mpesa'), 0) as "mpesa_refunds!",
             coalesce((select amount from refunds where method = 'card'), 0) as "card_refunds!",
             coalesce((select amount from moves where kind = 'in'), 0) as "cash_in!",
             coalesce((select amount from moves where kind = 'out'), 0) as "cash_out!""#,
        shift_id
    )
    .fetch_one(conn)
    .await
}

/// Per tax class: sales minus returns of the shift.
pub async fn vat_by_class(
    conn: &mut PgConnection,
    shift_id: Uuid,
) -> sqlx::Result<Vec<super::reports::VatLine>> {
    sqlx::query_as!(
        super::reports::VatLine,
        r#"with movements as (
             select i.tax_class, i.vat_rate, i.line_total - i.vat_amount as taxable, i.vat_amount as vat
             from sale_items i join sales s on s.id = i.sale_id where s.shift_id = $1
             union all
             select i.tax_class, i.vat_rate, -(i.refund_amount - i.vat_amount), -i.vat_amount
             from return_items i join returns r on r.id = i.return_id where r.shift_id = $1
           )
           select tax_class as "tax_class!", vat_rate as "vat_rate!", sum(taxable) as "taxable_amount!", sum(vat) as "vat_amount!"
           from movements group by 1, 2 order by 1, 2"#,
        shift_id
    )
    .fetch_all(conn)
    .await
}

pub async fn next_z_number(conn: &mut PgConnection, store_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into z_counters (store_id, last_number) values ($1, 1)
         on conflict (store_id) do update set last_number = z_counters.last_number + 1
         returning last_number",
        store_id
    )
    .fetch_one(conn)
    .await
}

pub struct Close {
    pub closed_by: Uuid,
    pub z_number: i64,
    pub counted: crate::domain::shift::Tenders,
    pub expected: crate::domain::shift::Tenders,
    pub note: Option<String>,
}

pub async fn close(conn: &mut PgConnection, id: Uuid, c: &Close) -> sqlx::Result<()> {
    sqlx::query!(
        "update shifts set status = 'closed', closed_at = now(), closed_by = $2, z_number = $3,
            counted_cash = $4, counted_mpesa = $5, counted_card = $6,
            expected_cash = $7, expected_mpesa = $8, expected_card = $9, close_note = $10
         where id = $1",
        id,
        c.closed_by,
        c.z_number,
        c.counted.cash,
        c.counted.mpesa,
        c.counted.card,
        c.expected.cash,
        c.expected.mpesa,
        c.expected.card,
        c.note
    )
    .execute(conn)
    .await?;
    Ok(())
}
