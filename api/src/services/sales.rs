//! Recording a sale: one transaction, idempotent per caller and key.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgPool};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    auth::Caller,
    db::{
        self,
        audit::AuditEntry,
        inventory::{Cause, Movement},
        sales::{NewSale, Sale, SaleItem, SalePayment},
    },
    domain::{
        lines::{check_quantities, combine},
        phone::normalize_kenyan_phone,
        receipt::receipt_number,
        sale::{
            price_sale, CatalogEntry, PaymentMethod, RequestedLine, RequestedPayment,
            MAX_LINE_QUANTITY,
        },
    },
    error::{ApiError, ApiResult, FieldError},
};

pub const MAX_PAYMENTS: usize = 10;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaleLineRequest {
    pub product_id: Uuid,
    #[serde(deserialize_with = "crate::input::int64")]
    #[schema(minimum = 1, maximum = 100000, example = 3)]
    pub quantity: i64,
    /// Discount on the whole line (not per unit); at most the line amount.
    #[serde(default, deserialize_with = "crate::input::opt_money")]
    #[schema(value_type = Option<String>, example = "10.00", pattern = r"^[0-9]{1,9}(\.[0-9]{1,2})?$")]
    pub discount: Option<Decimal>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    pub method: PaymentMethod,
    #[serde(deserialize_with = "crate::input::money")]
    #[schema(value_type = String, example = "300.00", pattern = r"^([1-9][0-9]{0,8}(\.[0-9]{1,2})?|0\.(0[1-9]|[1-9][0-9]?))$")]
    pub amount: Decimal,
    /// Required for M-Pesa (the transaction code); optional for card.
    #[schema(example = "QK7XY12ABC", max_length = 64)]
    pub reference: Option<String>,
}

/// A sale as the till sends it. Prices, VAT, totals and the cashier come
/// from the server; sending them is an error.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSale {
    pub store_id: Uuid,
    /// Kenyan mobile number: 07…, 01…, 2547…, +2547…
    #[schema(example = "0712345678", pattern = r"^(\+254|254|0)[17][0-9]{8}$")]
    pub customer_phone: Option<String>,
    #[schema(min_items = 1, max_items = 200)]
    pub items: Vec<SaleLineRequest>,
    #[schema(max_items = 10)]
    pub payments: Vec<PaymentRequest>,
}

/// The outcome: the sale, and whether this call created it or replayed it.
pub struct Recorded {
    pub sale: Sale,
    pub replayed: bool,
}

fn request_hash(req: &CreateSale) -> Vec<u8> {
    let canonical = serde_json::to_vec(req).expect("a sale request serializes");
    Sha256::digest(canonical).to_vec()
}

/// Checks what needs no database; every problem is reported at once.
fn check_shape(req: &CreateSale) -> ApiResult<Option<String>> {
    let quantities: Vec<i64> = req.items.iter().map(|i| i.quantity).collect();
    let mut errors = check_quantities(&quantities, MAX_LINE_QUANTITY);
    if req.payments.len() > MAX_PAYMENTS {
        errors.push(FieldError::new(
            "payments",
            format!("at most {MAX_PAYMENTS} payments"),
        ));
    }
    let phone = match req
        .customer_phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        None => None,
        Some(raw) => match normalize_kenyan_phone(raw) {
            Some(p) => Some(p),
            None => {
                errors.push(FieldError::new(
                    "customer_phone",
                    "must be a Kenyan mobile number such as 0712345678 or +254712345678",
                ));
                None
            }
        },
    };
    if errors.is_empty() {
        Ok(phone)
    } else {
        Err(ApiError::validation(errors))
    }
}

/// Records the sale, or returns the one already recorded under `key`.
pub async fn record_sale(
    pool: &PgPool,
    caller: &Caller,
    key: &str,
    req: &CreateSale,
) -> ApiResult<Recorded> {
    caller.require_store(req.store_id, "store")?;
    let phone = check_shape(req)?;
    let hash = request_hash(req);
    let sale_id = Uuid::new_v4();

    let mut tx = pool.begin().await?;
    // A duplicate of an in-flight request waits on its key row at most this long.
    sqlx::query("set local lock_timeout = '5s'")
        .execute(&mut *tx)
        .await?;
    match db::sales::claim_idempotency_key(&mut tx, caller.user_id, key, &hash, sale_id).await {
        Ok(None) => {}
        Ok(Some(existing)) => {
            if existing.request_hash != hash {
                return Err(ApiError::invalid(
                    "Idempotency-Key",
                    "this key was already used with a different request body",
                ));
            }
            let sale = db::sales::find(&mut tx, existing.sale_id)
                .await?
                .ok_or_else(|| ApiError::not_found("sale"))?;
            return Ok(Recorded {
                sale,
                replayed: true,
            });
        }
        Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("55P03") => {
            return Err(ApiError::conflict(
                "a request with this Idempotency-Key is still in flight; retry shortly",
            ));
        }
        Err(e) => return Err(e.into()),
    }

    let store = db::stores::find(&mut tx, req.store_id)
        .await?
        .ok_or_else(|| ApiError::not_found("store"))?;
    let shift_id = db::shifts::open_shift_of(&mut tx, caller.user_id, store.id).await?;
    if store.requires_shift && shift_id.is_none() {
        return Err(ApiError::conflict(
            "this store requires an open shift to sell: open a shift at your till first",
        ));
    }
    let cashier = db::users::find(&mut tx, caller.user_id)
        .await?
        .filter(|u| u.active)
        .ok_or_else(|| ApiError::Unauthorized("this user is no longer active".into()))?;
    let lines = catalog_lines(&mut tx, req).await?;
    let payments: Vec<RequestedPayment> = req
        .payments
        .iter()
        .map(|p| RequestedPayment {
            method: p.method,
            amount: p.amount,
            reference: p.reference.clone(),
        })
        .collect();
    let priced =
        price_sale(&lines, &payments, cashier.commission_rate).map_err(ApiError::validation)?;
    let stored_payments: Vec<(PaymentMethod, Decimal, Option<String>)> = payments
        .iter()
        .map(|p| {
            (
                p.method,
                p.amount,
                p.reference
                    .as_deref()
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .map(str::to_owned),
            )
        })
        .collect();

    let sequence = db::sales::next_receipt_sequence(&mut tx, store.id).await?;
    let receipt = receipt_number(&store.code, sequence);
    let created_at = db::sales::insert(
        &mut tx,
        &NewSale {
            id: sale_id,
            store_id: store.id,
            receipt_number: &receipt,
            cashier_id: cashier.id,
            shift_id,
            customer_phone: phone.as_deref(),
            commission_rate: cashier.commission_rate,
            priced: &priced,
            payments: &stored_payments,
        },
    )
    .await?;
    db::audit::record(&mut tx, AuditEntry {
        user_id: Some(caller.user_id),
        store_id: Some(store.id),
        action: "sale.create",
        entity: "sale",
        entity_id: Some(sale_id.to_string()),
        ip: caller.ip.as_deref(),
        details: json!({ "receipt_number": receipt, "total": priced.total, "lines": priced.lines.len() }),
    })
    .await?;
    // Stock last: its row locks are the most contended, so hold them shortest.
    let wanted: Vec<(Uuid, i32)> = priced
        .lines
        .iter()
        .map(|l| (l.product_id, l.quantity as i32))
        .collect();
    let movement = Movement {
        cause: Cause::Sale,
        reason: None,
        reference_id: sale_id,
        user_id: caller.user_id,
    };
    let decreased = db::inventory::decrease(&mut tx, store.id, &wanted, &movement).await?;
    if decreased.len() != wanted.len() {
        let short: Vec<String> = priced
            .lines
            .iter()
            .filter(|l| !decreased.contains(&l.product_id))
            .map(|l| format!("{} ({})", l.name, l.sku))
            .collect();
        return Err(ApiError::insufficient_stock(format!(
            "insufficient stock for {}",
            short.join(", ")
        )));
    }
    tx.commit().await?;
    metrics::counter!("pos_sales_recorded_total").increment(1);

    let sale = Sale {
        id: sale_id,
        receipt_number: receipt,
        store_id: store.id,
        cashier_id: cashier.id,
        shift_id,
        customer_phone: phone,
        items: priced
            .lines
            .iter()
            .map(|l| SaleItem {
                product_id: l.product_id,
                sku: l.sku.clone(),
                name: l.name.clone(),
                quantity: l.quantity as i32,
                unit_price: l.unit_price,
                discount: l.discount,
                line_total: l.line_total,
                tax_class: l.tax_class.clone(),
                vat_rate: l.vat_rate,
                vat_amount: l.vat_amount,
                returned_quantity: 0,
            })
            .collect(),
        discount_total: priced.discount_total,
        vat_total: priced.vat_total,
        net_total: priced.net_total,
        total: priced.total,
        amount_paid: priced.amount_paid,
        change_due: priced.change_due,
        commission: priced.commission,
        payments: stored_payments
            .into_iter()
            .map(|(method, amount, reference)| SalePayment {
                method,
                amount: crate::domain::money::two_dp(amount),
                reference,
            })
            .collect(),
        created_at,
    };
    Ok(Recorded {
        sale,
        replayed: false,
    })
}

/// Pairs each requested line (the same product twice is one line) with its
/// catalog entry; unknown or inactive products are 422.
async fn catalog_lines(
    conn: &mut PgConnection,
    req: &CreateSale,
) -> ApiResult<Vec<(CatalogEntry, RequestedLine)>> {
    let requested = combine(
        req.items
            .iter()
            .map(|i| (i.product_id, i.quantity, i.discount.unwrap_or_default())),
    );
    let ids: Vec<Uuid> = requested.iter().map(|l| l.0).collect();
    let rows = db::products::for_sale(conn, &ids).await?;
    let mut errors = Vec::new();
    let mut lines = Vec::with_capacity(requested.len());
    for (i, &(product_id, quantity, discount)) in requested.iter().enumerate() {
        match rows.iter().find(|r| r.id == product_id) {
            None => errors.push(FieldError::new(
                format!("items[{i}].product_id"),
                "no product has this id",
            )),
            Some(r) if !r.active => errors.push(FieldError::new(
                format!("items[{i}].product_id"),
                format!("{} is not for sale (inactive)", r.name),
            )),
            Some(r) => lines.push((
                CatalogEntry {
                    product_id: r.id,
                    sku: r.sku.clone(),
                    name: r.name.clone(),
                    unit_price: r.price,
                    tax_class: r.tax_class.clone(),
                    vat_rate: r.vat_rate,
                },
                RequestedLine {
                    quantity,
                    discount: Some(discount),
                },
            )),
        }
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(ApiError::validation(errors))
    }
}
