//! Sales: the sale row, its lines and payments, receipt counters and
//! idempotency keys.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::sale::{PaymentMethod, PricedSale};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SaleItem {
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    pub quantity: i32,
    #[schema(value_type = String, example = "99.99")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub unit_price: Decimal,
    #[schema(value_type = String, example = "0.00")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub discount: Decimal,
    #[schema(value_type = String, example = "299.97")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub line_total: Decimal,
    #[schema(example = "standard", value_type = crate::routes::products::TaxClassName)]
    pub tax_class: String,
    #[schema(value_type = String, example = "16.00")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub vat_rate: Decimal,
    #[schema(value_type = String, example = "41.38")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub vat_amount: Decimal,
    /// Units of this line already returned.
    pub returned_quantity: i32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SalePayment {
    pub method: PaymentMethod,
    #[schema(value_type = String, example = "300.00")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub amount: Decimal,
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Sale {
    pub id: Uuid,
    #[schema(example = "NBO-000123")]
    pub receipt_number: String,
    pub store_id: Uuid,
    pub cashier_id: Uuid,
    pub shift_id: Option<Uuid>,
    #[schema(example = "+254712345678")]
    pub customer_phone: Option<String>,
    pub items: Vec<SaleItem>,
    #[schema(value_type = String, example = "0.00")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub discount_total: Decimal,
    #[schema(value_type = String, example = "41.38")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub vat_total: Decimal,
    #[schema(value_type = String, example = "258.59")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub net_total: Decimal,
    #[schema(value_type = String, example = "299.97")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub total: Decimal,
    #[schema(value_type = String, example = "300.00")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub amount_paid: Decimal,
    #[schema(value_type = String, example = "0.03")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub change_due: Decimal,
    #[schema(value_type = String, example = "6.46")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub commission: Decimal,
    pub payments: Vec<SalePayment>,
    pub created_at: DateTime<Utc>,
}

/// A previously claimed idempotency key.
pub struct ClaimedKey {
    pub request_hash: Vec<u8>,
    pub sale_id: Uuid,
}

/// Claims `key` for `sale_id`. If another transaction holds an uncommitted
/// claim this waits for it; returns the existing claim when there is one.
pub async fn claim_idempotency_key(
    conn: &mut PgConnection,
    user_id: Uuid,
    key: &str,
    request_hash: &[u8],
    sale_id: Uuid,
) -> sqlx::Result<Option<ClaimedKey>> {
    let inserted = sqlx::query_scalar!(
        "insert into idempotency_keys (user_id, key, request_hash, sale_id) values ($1, $2, $3, $4)
         on conflict (user_id, key) do nothing returning sale_id",
        user_id,
        key,
        request_hash,
        sale_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    if inserted.is_some() {
        return Ok(None);
    }
    sqlx::query_as!(
        ClaimedKey,
        "select request_hash, sale_id from idempotency_keys where user_id = $1 and key = $2",
        user_id,
        key
    )
    .fetch_optional(conn)
    .await
}

/// Increments the store's receipt counter; the row lock it takes is held to
/// commit, which is what makes the numbers gap-free.
pub async fn next_receipt_sequence(conn: &mut PgConnection, store_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into receipt_counters (store_id, last_number) values ($1, 1)
         on conflict (store_id) do update set last_number = receipt_counters.last_number + 1
         returning last_number",
        store_id
    )
    .fetch_one(conn)
    .await
}

pub struct NewSale<'a> {
    pub id: Uuid,
    pub store_id: Uuid,
    pub receipt_number: &'a str,
    pub cashier_id: Uuid,
    pub shift_id: Option<Uuid>,
    pub customer_phone: Option<&'a str>,
    pub commission_rate: Decimal,
    pub priced: &'a PricedSale,
    pub payments: &'a [(PaymentMethod, Decimal, Option<String>)],
}

/// Writes the lines and payments (foreign keys to the sale are deferred),
/// then the sale row itself.
pub async fn insert(conn: &mut PgConnection, s: &NewSale<'_>) -> sqlx::Result<DateTime<Utc>> {
    let lines = &s.priced.lines;
    let line_no: Vec<i32> = (1..=lines.len() as i32).collect();
    sqlx::query!(
        "insert into sale_items (sale_id, store_id, line_no, product_id, sku, name, quantity, unit_price, discount,
                                 line_total, tax_class, vat_rate, vat_amount)
         select $1, $2, * from unnest($3::int[], $4::uuid[], $5::text[], $6::text[], $7::int[], $8::numeric[],
                                      $9::numeric[], $10::numeric[], $11::text[], $12::numeric[], $13::numeric[])",
        s.id,
        s.store_id,
        &line_no,
        &lines.iter().map(|l| l.product_id).collect::<Vec<_>>(),
        &lines.iter().map(|l| l.sku.clone()).collect::<Vec<_>>(),
        &lines.iter().map(|l| l.name.clone()).collect::<Vec<_>>(),
        &lines.iter().map(|l| l.quantity as i32).collect::<Vec<_>>(),
        &lines.iter().map(|l| l.unit_price).collect::<Vec<_>>(),
        &lines.iter().map(|l| l.discount).collect::<Vec<_>>(),
        &lines.iter().map(|l| l.line_total).collect::<Vec<_>>(),
        &lines.iter().map(|l| l.tax_class.clone()).collect::<Vec<_>>(),
        &lines.iter().map(|l| l.vat_rate).collect::<Vec<_>>(),
        &lines.iter().map(|l| l.vat_amount).collect::<Vec<_>>(),
    )
    .execute(&mut *conn)
    .await?;
    if !s.payments.is_empty() {
        let pay_no: Vec<i32> = (1..=s.payments.len() as i32).collect();
        sqlx::query!(
            "insert into payments (sale_id, store_id, line_no, method, amount, reference)
             select $1, $2, * from unnest($3::int[], $4::text[], $5::numeric[], $6::text[])",
            s.id,
            s.store_id,
            &pay_no,
            &s.payments
                .iter()
                .map(|p| p.0.as_str().to_owned())
                .collect::<Vec<_>>(),
            &s.payments.iter().map(|p| p.1).collect::<Vec<_>>(),
            &s.payments
                .iter()
                .map(|p| p.2.clone())
                .collect::<Vec<Option<String>>>() as &[Option<String>],
        )
        .execute(&mut *conn)
        .await?;
    }
    let p = s.priced;
    sqlx::query_scalar!(
        "insert into sales (id, store_id, receipt_number, cashier_id, shift_id, customer_phone, discount_total, vat_total,
                            net_total, total, amount_paid, change_due, commission_rate, commission)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         returning created_at",
        s.id,
        s.store_id,
        s.receipt_number,
        s.cashier_id,
        s.shift_id,
        s.customer_phone,
        p.discount_total,
        p.vat_total,
        p.net_total,
        p.total,
        p.amount_paid,
        p.change_due,
        s.commission_rate,
        p.commission,
    )
    .fetch_one(conn)
    .await
}

struct SaleRow {
    id: Uuid,
    receipt_number: String,
    store_id: Uuid,
    cashier_id: Uuid,
    shift_id: Option<Uuid>,
    customer_phone: Option<String>,
    discount_total: Decimal,
    vat_total: Decimal,
    net_total: Decimal,
    total: Decimal,
    amount_paid: Decimal,
    change_due: Decimal,
    commission: Decimal,
    created_at: DateTime<Utc>,
}

struct ItemRow {
    sale_id: Uuid,
    item: SaleItem,
}

/// Loads whole sales (lines and payments) for the given rows, in their order.
async fn assemble(conn: &mut PgConnection, rows: Vec<SaleRow>) -> sqlx::Result<Vec<Sale>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let items = sqlx::query!(
        "select sale_id, product_id, sku, name, quantity, unit_price, discount, line_total, tax_class, vat_rate,
                vat_amount, returned_quantity
         from sale_items where sale_id = any($1) order by sale_id, line_no",
        &ids
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| ItemRow {
        sale_id: r.sale_id,
        item: SaleItem {
            product_id: r.product_id,
            sku: r.sku,
            name: r.name,
            quantity: r.quantity,
            unit_price: r.unit_price,
            discount: r.discount,
            line_total: r.line_total,
            tax_class: r.tax_class,
            vat_rate: r.vat_rate,
            vat_amount: r.vat_amount,
            returned_quantity: r.returned_quantity,
        },
    })
    .collect::<Vec<_>>();
    let payments = sqlx::query!(
        r#"select sale_id, method as "method: PaymentMethod", amount, reference
         from payments where sale_id = any($1) order by sale_id, line_no"#,
        &ids
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Sale {
            items: items
                .iter()
                .filter(|i| i.sale_id == r.id)
                .map(|i| i.item.clone())
                .collect(),
            payments: payments
                .iter()
                .filter(|p| p.sale_id == r.id)
                .map(|p| SalePayment {
                    method: p.method,
                    amount: p.amount,
                    reference: p.reference.clone(),
                })
                .collect(),
            id: r.id,
            receipt_number: r.receipt_number,
            store_id: r.store_id,
            cashier_id: r.cashier_id,
            shift_id: r.shift_id,
            customer_phone: r.customer_phone,
            discount_total: r.discount_total,
            vat_total: r.vat_total,
            net_total: r.net_total,
            total: r.total,
            amount_paid: r.amount_paid,
            change_due: r.change_due,
            commission: r.commission,
            created_at: r.created_at,
        })
        .collect())
}

pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Sale>> {
    let rows = sqlx::query_as!(
        SaleRow,
        "select id, receipt_number, store_id, cashier_id, shift_id, customer_phone, discount_total, vat_total, net_total,
                total, amount_paid, change_due, commission, created_at
         from sales where id = $1",
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(assemble(conn, rows).await?.pop())
}

#[derive(Default)]
pub struct SaleFilter {
    pub store_id: Option<Uuid>,
    pub cashier_id: Option<Uuid>,
    pub receipt_number: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

pub async fn list(
    conn: &mut PgConnection,
    f: &SaleFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<Sale>, i64)> {
    let rows = sqlx::query_as!(
        SaleRow,
        "select id, receipt_number, store_id, cashier_id, shift_id, customer_phone, discount_total, vat_total, net_total,
                total, amount_paid, change_due, commission, created_at
         from sales
         where ($1::uuid is null or store_id = $1) and ($2::uuid is null or cashier_id = $2)
           and ($3::text is null or receipt_number = $3)
           and ($4::timestamptz is null or created_at >= $4) and ($5::timestamptz is null or created_at < $5)
         order by created_at desc, id
         limit $6 offset $7",
        f.store_id,
        f.cashier_id,
        f.receipt_number,
        f.from,
        f.to,
        limit,
        offset
    )
    .fetch_all(&mut *conn)
    .await?;
    let total = sqlx::query_scalar!(
        r#"select count(*) as "n!" from sales
         where ($1::uuid is null or store_id = $1) and ($2::uuid is null or cashier_id = $2)
           and ($3::text is null or receipt_number = $3)
           and ($4::timestamptz is null or created_at >= $4) and ($5::timestamptz is null or created_at < $5)"#,
        f.store_id,
        f.cashier_id,
        f.receipt_number,
        f.from,
        f.to,
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok((assemble(conn, rows).await?, total))
}
