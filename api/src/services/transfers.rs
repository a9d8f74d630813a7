//! Transfers: request, then approve (stock moves out of the source and into
//! the destination atomically, both through the ledger) or reject.

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
        transfers::{Transfer, TransferStatus},
    },
    domain::lines::{check_quantities, combine},
    error::{ApiError, ApiResult, FieldError},
};

/// The most units of one product a transfer may move.
const MAX_TRANSFER_QUANTITY: i64 = 1_000_000;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferLineRequest {
    pub product_id: Uuid,
    #[serde(deserialize_with = "crate::input::int64")]
    #[schema(minimum = 1, maximum = 1000000, example = 12)]
    pub quantity: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTransfer {
    pub from_store_id: Uuid,
    pub to_store_id: Uuid,
    #[schema(min_items = 1)]
    pub items: Vec<TransferLineRequest>,
    #[serde(default)]
    #[schema(example = "weekend restock", max_length = 500)]
    pub note: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectTransfer {
    #[schema(example = "we need it here", min_length = 1, max_length = 500)]
    pub reason: String,
}

/// Managers and admins request transfers; a manager only between their own
/// store and another.
pub async fn request_transfer(
    pool: &PgPool,
    caller: &Caller,
    req: &CreateTransfer,
) -> ApiResult<Transfer> {
    caller.require_manager()?;
    let quantities: Vec<i64> = req.items.iter().map(|i| i.quantity).collect();
    let mut errors = check_quantities(&quantities, MAX_TRANSFER_QUANTITY);
    if req.note.chars().count() > 500 {
        errors.push(FieldError::new("note", "must be at most 500 characters"));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    if !caller.can_see_store(req.from_store_id) && !caller.can_see_store(req.to_store_id) {
        return Err(ApiError::not_found("store"));
    }
    let mut tx = pool.begin().await?;
    for id in [req.from_store_id, req.to_store_id] {
        db::stores::find(&mut tx, id)
            .await?
            .ok_or_else(|| ApiError::not_found("store"))?;
    }
    if req.from_store_id == req.to_store_id {
        return Err(ApiError::invalid(
            "to_store_id",
            "must differ from from_store_id",
        ));
    }
    let requested = combine(
        req.items
            .iter()
            .map(|i| (i.product_id, i.quantity, Decimal::ZERO)),
    );
    let ids: Vec<Uuid> = requested.iter().map(|l| l.0).collect();
    let known = db::products::for_sale(&mut tx, &ids).await?;
    let unknown: Vec<FieldError> = requested
        .iter()
        .enumerate()
        .filter(|(_, l)| !known.iter().any(|k| k.id == l.0))
        .map(|(n, _)| FieldError::new(format!("items[{n}].product_id"), "no product has this id"))
        .collect();
    if !unknown.is_empty() {
        return Err(ApiError::validation(unknown));
    }
    if requested.iter().any(|l| l.1 > MAX_TRANSFER_QUANTITY) {
        return Err(ApiError::invalid(
            "items",
            "at most 1000000 units of a product per transfer",
        ));
    }
    let id = Uuid::new_v4();
    let items: Vec<(Uuid, i32)> = requested.iter().map(|l| (l.0, l.1 as i32)).collect();
    db::transfers::insert(
        &mut tx,
        id,
        req.from_store_id,
        req.to_store_id,
        req.note.trim(),
        caller.user_id,
        &items,
    )
    .await?;
    db::audit::record(&mut tx, AuditEntry {
        user_id: Some(caller.user_id),
        store_id: Some(req.from_store_id),
        action: "transfer.request",
        entity: "transfer",
        entity_id: Some(id.to_string()),
        ip: caller.ip.as_deref(),
        details: json!({ "from_store_id": req.from_store_id, "to_store_id": req.to_store_id, "items": items.len() }),
    })
    .await?;
    let transfer = db::transfers::find(&mut tx, id, false)
        .await?
        .expect("inserted above");
    tx.commit().await?;
    Ok(transfer)
}

fn visible(caller: &Caller, t: &Transfer) -> bool {
    caller.can_see_store(t.from_store_id) || caller.can_see_store(t.to_store_id)
}

/// Loads a transfer for a decision, locked, checking visibility (404),
/// permission (403) and that it is still pending (409).
async fn lock_pending(
    tx: &mut sqlx::PgConnection,
    caller: &Caller,
    id: Uuid,
    approving: bool,
) -> ApiResult<Transfer> {
    let t = db::transfers::find(tx, id, true)
        .await?
        .filter(|t| visible(caller, t))
        .ok_or_else(|| ApiError::not_found("transfer"))?;
    let allowed = match caller.role {
        Role::Admin => true,
        Role::Manager if approving => {
            caller.store_id == Some(t.from_store_id) && caller.user_id != t.requested_by
        }
        Role::Manager => true,
        Role::Cashier => false,
    };
    if !allowed {
        return Err(ApiError::Forbidden(if approving {
            "a transfer is approved by an admin or by a manager of the source store who did not request it".into()
        } else {
            "only managers of the stores involved or admins may reject a transfer".into()
        }));
    }
    if t.status != TransferStatus::Pending {
        return Err(ApiError::conflict(format!(
            "the transfer is already {}",
            t.status.as_str()
        )));
    }
    Ok(t)
}

pub async fn approve_transfer(pool: &PgPool, caller: &Caller, id: Uuid) -> ApiResult<Transfer> {
    let mut tx = pool.begin().await?;
    let t = lock_pending(&mut tx, caller, id, true).await?;
    let items: Vec<(Uuid, i32)> = t.items.iter().map(|i| (i.product_id, i.quantity)).collect();
    let out = Movement {
        cause: Cause::TransferOut,
        reason: None,
        reference_id: t.id,
        user_id: caller.user_id,
    };
    let moved = db::inventory::decrease(&mut tx, t.from_store_id, &items, &out).await?;
    if moved.len() != items.len() {
        let short: Vec<String> = t
            .items
            .iter()
            .filter(|i| !moved.contains(&i.product_id))
            .map(|i| format!("{} ({})", i.name, i.sku))
            .collect();
        return Err(ApiError::insufficient_stock(format!(
            "the source store lacks stock of {}",
            short.join(", ")
        )));
    }
    let into = Movement {
        cause: Cause::TransferIn,
        reason: None,
        reference_id: t.id,
        user_id: caller.user_id,
    };
    db::inventory::increase(&mut tx, t.to_store_id, &items, &into).await?;
    db::transfers::decide(
        &mut tx,
        t.id,
        TransferStatus::Approved,
        caller.user_id,
        None,
    )
    .await?;
    db::audit::record(
        &mut tx,
        AuditEntry {
            user_id: Some(caller.user_id),
            store_id: Some(t.from_store_id),
            action: "transfer.approve",
            entity: "transfer",
            entity_id: Some(t.id.to_string()),
            ip: caller.ip.as_deref(),
            details: json!({ "from_store_id": t.from_store_id, "to_store_id": t.to_store_id }),
        },
    )
    .await?;
    let approved = db::transfers::find(&mut tx, t.id, false)
        .await?
        .expect("locked above");
    tx.commit().await?;
    Ok(approved)
}

pub async fn reject_transfer(
    pool: &PgPool,
    caller: &Caller,
    id: Uuid,
    req: &RejectTransfer,
) -> ApiResult<Transfer> {
    let reason = req.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(ApiError::invalid("reason", "must be 1-500 characters"));
    }
    let mut tx = pool.begin().await?;
    let t = lock_pending(&mut tx, caller, id, false).await?;
    db::transfers::decide(
        &mut tx,
        t.id,
        TransferStatus::Rejected,
        caller.user_id,
        Some(reason),
    )
    .await?;
    db::audit::record(
        &mut tx,
        AuditEntry {
            user_id: Some(caller.user_id),
            store_id: Some(t.from_store_id),
            action: "transfer.reject",
            entity: "transfer",
            entity_id: Some(t.id.to_string()),
            ip: caller.ip.as_deref(),
            details: json!({ "reason": reason }),
        },
    )
    .await?;
    let rejected = db::transfers::find(&mut tx, t.id, false)
        .await?
        .expect("locked above");
    tx.commit().await?;
    Ok(rejected)
}

pub fn require_visible(caller: &Caller, t: &Transfer) -> ApiResult<()> {
    if visible(caller, t) {
        Ok(())
    } else {
        Err(ApiError::not_found("transfer"))
    }
}
