//! Recording a return: refunds each line's pro-rata share, reverses
//! commission, restocks through the ledger, in one transaction that holds
//! the sale's row lock (so concurrent returns can never exceed what was sold).

use chrono::{Duration, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::json;
use sqlx::PgPool;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    auth::{Caller, Role},
    db::{
        self,
        audit::AuditEntry,
        inventory::{Cause, Movement},
        returns::{NewReturn, NewReturnLine, ReturnItem, SaleReturn},
    },
    domain::{
        lines::{check_quantities, combine},
        refund::{commission_reversal, refund_line, SoldLine},
        sale::{PaymentMethod, MAX_LINE_QUANTITY},
    },
    error::{ApiError, ApiResult, FieldError},
};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnLineRequest {
    pub product_id: Uuid,
    #[serde(deserialize_with = "crate::input::int64")]
    #[schema(minimum = 1, maximum = 100000, example = 1)]
    pub quantity: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateReturn {
    #[schema(min_items = 1)]
    pub items: Vec<ReturnLineRequest>,
    #[schema(example = "damaged packaging", min_length = 1, max_length = 500)]
    pub reason: String,
    pub refund_method: PaymentMethod,
}

fn check_shape(req: &CreateReturn) -> ApiResult<()> {
    let quantities: Vec<i64> = req.items.iter().map(|i| i.quantity).collect();
    let mut errors = check_quantities(&quantities, MAX_LINE_QUANTITY);
    let reason = req.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        errors.push(FieldError::new("reason", "must be 1-500 characters"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

pub async fn record_return(
    pool: &PgPool,
    caller: &Caller,
    sale_id: Uuid,
    req: &CreateReturn,
    window_days: i64,
) -> ApiResult<SaleReturn> {
    check_shape(req)?;
    let mut tx = pool.begin().await?;
    let sale = db::returns::lock_sale(&mut tx, sale_id)
        .await?
        .filter(|s| caller.can_see_store(s.store_id))
        .ok_or_else(|| ApiError::not_found("sale"))?;
    if caller.role == Role::Cashier && sale.created_at < Utc::now() - Duration::days(window_days) {
        return Err(ApiError::Forbidden(format!(
            "this sale is older than {window_days} days; only a manager may return it"
        )));
    }
    let shift_id = db::shifts::open_shift_of(&mut tx, caller.user_id, sale.store_id).await?;
    let sold = db::returns::sold_lines(&mut tx, sale.id).await?;
    let requested = combine(
        req.items
            .iter()
            .map(|i| (i.product_id, i.quantity, Decimal::ZERO)),
    );
    let mut lines = Vec::with_capacity(requested.len());
    let mut items = Vec::with_capacity(requested.len());
    let mut errors = Vec::new();
    for (i, &(product_id, quantity, _)) in requested.iter().enumerate() {
        let Some(line) = sold.iter().find(|l| l.product_id == product_id) else {
            errors.push(FieldError::new(
                format!("items[{i}].product_id"),
                "this product is not on the sale",
            ));
            continue;
        };
        let sold_line = SoldLine {
            quantity: i64::from(line.quantity),
            returned_before: i64::from(line.returned_quantity),
            line_total: line.line_total,
            discount: line.discount,
            vat_amount: line.vat_amount,
        };
        let Some(refund) = refund_line(&sold_line, quantity) else {
            return Err(ApiError::conflict(format!(
                "cannot return {} of {} ({}): {} sold, {} already returned",
                quantity, line.name, line.sku, line.quantity, line.returned_quantity
            )));
        };
        items.push(ReturnItem {
            product_id: line.product_id,
            sku: line.sku.clone(),
            name: line.name.clone(),
            quantity: quantity as i32,
            refund_amount: refund.refund_amount,
            discount_share: refund.discount_share,
            vat_amount: refund.vat_amount,
            tax_class: line.tax_class.clone(),
        });
        lines.push(NewReturnLine {
            line_no: line.line_no,
            product_id: line.product_id,
            quantity: quantity as i32,
            refund_amount: refund.refund_amount,
            discount_share: refund.discount_share,
            vat_amount: refund.vat_amount,
            tax_class: line.tax_class.clone(),
            vat_rate: line.vat_rate,
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let refund_total: Decimal = lines.iter().map(|l| l.refund_amount).sum();
    let vat_reversed: Decimal = lines.iter().map(|l| l.vat_amount).sum();
    let net_before = db::returns::net_returned(&mut tx, sale.id).await?;
    let commission_reversed = commission_reversal(
        sale.commission,
        sale.net_total,
        net_before,
        refund_total - vat_reversed,
    );

    let return_id = Uuid::new_v4();
    let created_at = db::returns::insert(
        &mut tx,
        &NewReturn {
            id: return_id,
            sale_id: sale.id,
            store_id: sale.store_id,
            user_id: caller.user_id,
            shift_id,
            reason: req.reason.trim(),
            refund_method: req.refund_method,
            refund_total,
            vat_reversed,
            commission_reversed,
            lines: &lines,
        },
    )
    .await?;
    db::audit::record(&mut tx, AuditEntry {
        user_id: Some(caller.user_id),
        store_id: Some(sale.store_id),
        action: "return.create",
        entity: "sale",
        entity_id: Some(sale.id.to_string()),
        ip: caller.ip.as_deref(),
        details: json!({ "return_id": return_id, "refund_total": refund_total, "refund_method": req.refund_method, "reason": req.reason.trim() }),
    })
    .await?;
    let restock: Vec<(Uuid, i32)> = lines.iter().map(|l| (l.product_id, l.quantity)).collect();
    let movement = Movement {
        cause: Cause::Return,
        reason: None,
        reference_id: return_id,
        user_id: caller.user_id,
    };
    db::inventory::increase(&mut tx, sale.store_id, &restock, &movement).await?;
    tx.commit().await?;
    metrics::counter!("pos_returns_recorded_total").increment(1);
    Ok(SaleReturn {
        id: return_id,
        sale_id: sale.id,
        store_id: sale.store_id,
        user_id: caller.user_id,
        items,
        refund_total,
        vat_reversed,
        commission_reversed,
        reason: req.reason.trim().to_owned(),
        refund_method: req.refund_method,
        created_at,
    })
}
