//! Cash-drawer shifts: open with a float, pay cash in and out, close with
//! counted amounts; X (mid-shift) and Z (closing) reports.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    auth::{Caller, Role},
    db::{
        self,
        audit::AuditEntry,
        reports::VatLine,
        shifts::{CashMovement, Close, Shift, ShiftStatus},
    },
    domain::{
        money::is_cents,
        shift::{expected, variance, Tenders},
    },
    error::{on_constraint, ApiError, ApiResult},
};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenShift {
    pub store_id: Uuid,
    #[schema(example = "Till 1", min_length = 1, max_length = 40)]
    pub till: String,
    #[serde(deserialize_with = "crate::input::money")]
    #[schema(value_type = String, example = "2000.00", pattern = r"^[0-9]{1,9}(\.[0-9]{1,2})?$")]
    pub opening_float: Decimal,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum CashDirection {
    In,
    Out,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCashMovement {
    pub kind: CashDirection,
    #[serde(deserialize_with = "crate::input::money")]
    #[schema(value_type = String, example = "500.00", pattern = r"^([1-9][0-9]{0,8}(\.[0-9]{1,2})?|0\.(0[1-9]|[1-9][0-9]?))$")]
    pub amount: Decimal,
    #[schema(example = "paid the milk supplier", min_length = 1, max_length = 200)]
    pub reason: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseShift {
    #[serde(deserialize_with = "crate::input::money")]
    #[schema(value_type = String, example = "5230.00", pattern = r"^[0-9]{1,9}(\.[0-9]{1,2})?$")]
    pub counted_cash: Decimal,
    #[serde(deserialize_with = "crate::input::money")]
    #[schema(value_type = String, example = "1200.00", pattern = r"^[0-9]{1,9}(\.[0-9]{1,2})?$")]
    pub counted_mpesa: Decimal,
    #[serde(deserialize_with = "crate::input::money")]
    #[schema(value_type = String, example = "0.00", pattern = r"^[0-9]{1,9}(\.[0-9]{1,2})?$")]
    pub counted_card: Decimal,
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

/// Amounts per tender.
#[derive(Debug, Serialize, ToSchema)]
pub struct TenderAmounts {
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub cash: Decimal,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub mpesa: Decimal,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub card: Decimal,
}

impl From<Tenders> for TenderAmounts {
    fn from(t: Tenders) -> Self {
        Self {
            cash: t.cash,
            mpesa: t.mpesa,
            card: t.card,
        }
    }
}

/// The X report (shift open, read only) or Z report (shift closed).
#[derive(Debug, Serialize, ToSchema)]
pub struct ShiftReport {
    /// `X` while the shift is open, `Z` once closed.
    #[schema(example = "Z", pattern = "^[XZ]$")]
    pub kind: String,
    pub shift: Shift,
    pub sales_count: i64,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub gross_total: Decimal,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub discount_total: Decimal,
    /// VAT on the shift's sales (before returns; `vat_by_class` is net of returns).
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub vat_total: Decimal,
    pub returns_count: i64,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub returns_total: Decimal,
    pub vat_by_class: Vec<VatLine>,
    /// Taken for sales (cash net of change).
    pub sales_by_tender: TenderAmounts,
    pub refunds_by_tender: TenderAmounts,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub cash_in: Decimal,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub cash_out: Decimal,
    pub cash_movements: Vec<CashMovement>,
    pub expected: TenderAmounts,
    /// Only on a Z report.
    pub counted: Option<TenderAmounts>,
    /// Counted minus expected; only on a Z report.
    pub variance: Option<TenderAmounts>,
}

const OPEN_SHIFT_CONFLICTS: &[(&str, &str)] = &[
    (
        "shifts_one_open_per_cashier",
        "you already have an open shift; close it first",
    ),
    (
        "shifts_one_open_per_till",
        "this till already has an open shift",
    ),
];

fn check_amount(field: &str, amount: Decimal, allow_zero: bool) -> ApiResult<()> {
    let ok = is_cents(amount)
        && !amount.is_sign_negative()
        && (allow_zero || !amount.is_zero())
        && amount < Decimal::from(1_000_000_000);
    if ok {
        Ok(())
    } else {
        Err(ApiError::invalid(
            field,
            "must be a non-negative amount with at most 2 decimals",
        ))
    }
}

/// A shift the caller may see: its cashier, managers of its store, admins.
async fn visible_shift(
    conn: &mut PgConnection,
    caller: &Caller,
    id: Uuid,
    lock: bool,
) -> ApiResult<Shift> {
    let shift = if lock {
        db::shifts::lock(conn, id).await?
    } else {
        db::shifts::find(conn, id).await?
    };
    let shift = shift.ok_or_else(|| ApiError::not_found("shift"))?;
    let visible = caller.is_admin()
        || shift.cashier_id == caller.user_id
        || (caller.role == Role::Manager && caller.store_id == Some(shift.store_id));
    if visible {
        Ok(shift)
    } else {
        Err(ApiError::not_found("shift"))
    }
}

fn require_open(shift: &Shift) -> ApiResult<()> {
    if shift.status == ShiftStatus::Open {
        Ok(())
    } else {
        Err(ApiError::conflict(
            "the shift is closed; a closed shift cannot change",
        ))
    }
}

pub async fn open_shift(pool: &PgPool, caller: &Caller, req: &OpenShift) -> ApiResult<Shift> {
    caller.require_store(req.store_id, "store")?;
    let till = req.till.trim();
    if till.is_empty() || till.chars().count() > 40 {
        return Err(ApiError::invalid("till", "must be 1-40 characters"));
    }
    check_amount("opening_float", req.opening_float, true)?;
    let mut tx = pool.begin().await?;
    db::stores::find(&mut tx, req.store_id)
        .await?
        .ok_or_else(|| ApiError::not_found("store"))?;
    let id = Uuid::new_v4();
    db::shifts::open(
        &mut tx,
        id,
        req.store_id,
        caller.user_id,
        till,
        req.opening_float,
    )
    .await
    .map_err(|e| on_constraint(e, OPEN_SHIFT_CONFLICTS))?;
    db::audit::record(
        &mut tx,
        AuditEntry {
            user_id: Some(caller.user_id),
            store_id: Some(req.store_id),
            action: "shift.open",
            entity: "shift",
            entity_id: Some(id.to_string()),
            ip: caller.ip.as_deref(),
            details: json!({ "till": till, "opening_float": req.opening_float }),
        },
    )
    .await?;
    let shift = db::shifts::find(&mut tx, id)
        .await?
        .expect("inserted above");
    tx.commit().await?;
    Ok(shift)
}

pub async fn record_cash_movement(
    pool: &PgPool,
    caller: &Caller,
    shift_id: Uuid,
    req: &NewCashMovement,
) -> ApiResult<CashMovement> {
    check_amount("amount", req.amount, false)?;
    let reason = req.reason.trim();
    if reason.is_empty() || reason.chars().count() > 200 {
        return Err(ApiError::invalid("reason", "must be 1-200 characters"));
    }
    let mut tx = pool.begin().await?;
    let shift = visible_shift(&mut tx, caller, shift_id, true).await?;
    require_open(&shift)?;
    let kind = if req.kind == CashDirection::In {
        "in"
    } else {
        "out"
    };
    let movement =
        db::shifts::add_cash_movement(&mut tx, &shift, kind, req.amount, reason, caller.user_id)
            .await?;
    db::audit::record(
        &mut tx,
        AuditEntry {
            user_id: Some(caller.user_id),
            store_id: Some(shift.store_id),
            action: if kind == "in" {
                "shift.cash_in"
            } else {
                "shift.cash_out"
            },
            entity: "shift",
            entity_id: Some(shift.id.to_string()),
            ip: caller.ip.as_deref(),
            details: json!({ "amount": req.amount, "reason": reason }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(movement)
}

/// Closes the shift. Its row lock waits for sales still being recorded on
/// it, so the Z report includes every sale that committed on this shift.
pub async fn close_shift(
    pool: &PgPool,
    caller: &Caller,
    shift_id: Uuid,
    req: &CloseShift,
) -> ApiResult<ShiftReport> {
    check_amount("counted_cash", req.counted_cash, true)?;
    check_amount("counted_mpesa", req.counted_mpesa, true)?;
    check_amount("counted_card", req.counted_card, true)?;
    let note = req.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > 500) {
        return Err(ApiError::invalid("note", "must be at most 500 characters"));
    }
    let mut tx = pool.begin().await?;
    let shift = visible_shift(&mut tx, caller, shift_id, true).await?;
    require_open(&shift)?;
    let flows = db::shifts::flows(&mut tx, shift.id).await?;
    let expected = expected(shift.opening_float, &flows);
    let counted = Tenders {
        cash: req.counted_cash,
        mpesa: req.counted_mpesa,
        card: req.counted_card,
    };
    let z_number = db::shifts::next_z_number(&mut tx, shift.store_id).await?;
    db::shifts::close(
        &mut tx,
        shift.id,
        &Close {
            closed_by: caller.user_id,
            z_number,
            counted,
            expected,
            note: note.map(str::to_owned),
        },
    )
    .await?;
    let v = variance(counted, expected);
    db::audit::record(&mut tx, AuditEntry {
        user_id: Some(caller.user_id),
        store_id: Some(shift.store_id),
        action: "shift.close",
        entity: "shift",
        entity_id: Some(shift.id.to_string()),
        ip: caller.ip.as_deref(),
        details: json!({ "z_number": z_number, "variance": { "cash": v.cash, "mpesa": v.mpesa, "card": v.card } }),
    })
    .await?;
    let report = build_report(&mut tx, shift.id).await?;
    tx.commit().await?;
    Ok(report)
}

pub async fn shift_report(
    pool: &PgPool,
    caller: &Caller,
    shift_id: Uuid,
) -> ApiResult<ShiftReport> {
    let mut conn = pool.acquire().await?;
    let shift = visible_shift(&mut conn, caller, shift_id, false).await?;
    build_report(&mut conn, shift.id).await
}

pub async fn find_shift(pool: &PgPool, caller: &Caller, shift_id: Uuid) -> ApiResult<Shift> {
    let mut conn = pool.acquire().await?;
    visible_shift(&mut conn, caller, shift_id, false).await
}

async fn build_report(conn: &mut PgConnection, shift_id: Uuid) -> ApiResult<ShiftReport> {
    let shift = db::shifts::find(conn, shift_id)
        .await?
        .ok_or_else(|| ApiError::not_found("shift"))?;
    let sales = db::shifts::sales_of(conn, shift_id).await?;
    let flows = db::shifts::flows(conn, shift_id).await?;
    let exp = expected(shift.opening_float, &flows);
    let counted = match (shift.counted_cash, shift.counted_mpesa, shift.counted_card) {
        (Some(cash), Some(mpesa), Some(card)) => Some(Tenders { cash, mpesa, card }),
        _ => None,
    };
    Ok(ShiftReport {
        kind: if shift.status == ShiftStatus::Open {
            "X"
        } else {
            "Z"
        }
        .into(),
        sales_count: sales.sales_count,
        gross_total: sales.gross_total,
        discount_total: sales.discount_total,
        vat_total: sales.vat_total,
        returns_count: sales.returns_count,
        returns_total: sales.returns_total,
        vat_by_class: db::shifts::vat_by_class(conn, shift_id).await?,
        sales_by_tender: Tenders {
            cash: flows.cash_sales,
            mpesa: flows.mpesa_sales,
            card: flows.card_sales,
        }
        .into(),
        refunds_by_tender: Tenders {
            cash: flows.cash_refunds,
            mpesa: flows.mpesa_refunds,
            card: flows.card_refunds,
        }
        .into(),
        cash_in: flows.cash_in,
        cash_out: flows.cash_out,
        cash_movements: db::shifts::cash_movements(conn, shift_id).await?,
        expected: exp.into(),
        counted: counted.map(Into::into),
        variance: counted.map(|c| variance(c, exp).into()),
        shift,
    })
}

/// The report as `item,value` rows for a CSV download.
pub fn report_rows(r: &ShiftReport) -> Vec<(String, String)> {
    let money = |d: Decimal| format!("{:.2}", d);
    let mut rows = vec![
        ("report".to_owned(), r.kind.clone()),
        (
            "z_number".into(),
            r.shift.z_number.map(|z| z.to_string()).unwrap_or_default(),
        ),
        ("shift_id".into(), r.shift.id.to_string()),
        ("store_id".into(), r.shift.store_id.to_string()),
        ("cashier_id".into(), r.shift.cashier_id.to_string()),
        ("till".into(), r.shift.till.clone()),
        ("opened_at".into(), r.shift.opened_at.to_rfc3339()),
        (
            "closed_at".into(),
            r.shift
                .closed_at
                .map(|t| t.to_rfc3339())
                .unwrap_or_default(),
        ),
        ("opening_float".into(), money(r.shift.opening_float)),
        ("sales_count".into(), r.sales_count.to_string()),
        ("gross_total".into(), money(r.gross_total)),
        ("discount_total".into(), money(r.discount_total)),
        ("vat_total".into(), money(r.vat_total)),
        ("returns_count".into(), r.returns_count.to_string()),
        ("returns_total".into(), money(r.returns_total)),
    ];
    for line in &r.vat_by_class {
        rows.push((
            format!("vat_{}_taxable", line.tax_class),
            money(line.taxable_amount),
        ));
        rows.push((
            format!("vat_{}_vat", line.tax_class),
            money(line.vat_amount),
        ));
    }
    let tenders = |prefix: &str, t: &TenderAmounts, rows: &mut Vec<(String, String)>| {
        rows.push((format!("{prefix}_cash"), money(t.cash)));
        rows.push((format!("{prefix}_mpesa"), money(t.mpesa)));
        rows.push((format!("{prefix}_card"), money(t.card)));
    };
    tenders("sales", &r.sales_by_tender, &mut rows);
    tenders("refunds", &r.refunds_by_tender, &mut rows);
    rows.push(("cash_in".into(), money(r.cash_in)));
    rows.push(("cash_out".into(), money(r.cash_out)));
    tenders("expected", &r.expected, &mut rows);
    if let (Some(c), Some(v)) = (&r.counted, &r.variance) {
        tenders("counted", c, &mut rows);
        tenders("variance", v, &mut rows);
    }
    rows
}
