//! `/reports`: sales summary, VAT, commission, low stock; JSON or CSV
//! (`Accept: text/csv` or `?format=csv`). Managers see their store; admins
//! any store, or all stores when `store_id` is omitted.

use actix_web::{http::header, web, HttpRequest, HttpResponse};
use chrono::{NaiveDate, Offset, TimeZone, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{resource, Page, PageParams};
use crate::{
    auth::Caller,
    db::{
        self,
        reports::{
            CashierTotals, CommissionLine, DayTotals, LowStockLine, MethodTotal, Scope, VatLine,
        },
    },
    domain::period::LocalPeriod,
    error::{ApiResult, Problem},
    state::AppState,
};

pub(crate) mod csv_out;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/reports/sales-summary").route(web::get().to(sales_summary)))
        .service(resource("/reports/vat").route(web::get().to(vat)))
        .service(resource("/reports/commission").route(web::get().to(commission)))
        .service(resource("/reports/low-stock").route(web::get().to(low_stock)));
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Json,
    Csv,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// First day, inclusive, in Africa/Nairobi time (default: `to`).
    pub from: Option<NaiveDate>,
    /// Last day, inclusive (default: today).
    pub to: Option<NaiveDate>,
    /// Admins: one store, or all stores when omitted. Managers: their own.
    pub store_id: Option<Uuid>,
    /// `csv` for a CSV download (same as `Accept: text/csv`).
    pub format: Option<Format>,
}

pub fn wants_csv(req: &HttpRequest, format: Option<Format>) -> bool {
    match format {
        Some(f) => f == Format::Csv,
        None => req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/csv")),
    }
}

/// Resolves who may see what and which days: 403 for cashiers, 404 for
/// another store, 422 for a bad range.
async fn scope(
    state: &AppState,
    caller: &Caller,
    q: &ReportQuery,
) -> ApiResult<(Scope, NaiveDate, NaiveDate)> {
    caller.require_manager()?;
    let store_id = caller.store_filter(q.store_id)?;
    let today = Utc::now()
        .with_timezone(&chrono_tz::Africa::Nairobi)
        .date_naive();
    let to = q.to.unwrap_or(today);
    let from = q.from.unwrap_or(to);
    let period = LocalPeriod::parse(Some(from), Some(to), chrono_tz::Africa::Nairobi)?;
    let start = period.start.expect("from is set");
    let stores = match store_id {
        Some(id) => vec![id],
        None => db::stores::all_ids(&mut *state.db.acquire().await?).await?,
    };
    let scope = Scope {
        store_id,
        stores,
        start,
        end: period.end.expect("to is set"),
        utc_offset_secs: i64::from(
            chrono_tz::Africa::Nairobi
                .offset_from_utc_datetime(&start.naive_utc())
                .fix()
                .local_minus_utc(),
        ),
    };
    Ok((scope, from, to))
}

fn file_name(report: &str, store: Option<Uuid>, from: NaiveDate, to: NaiveDate) -> String {
    let store = store
        .map(|s| s.simple().to_string()[..8].to_owned())
        .unwrap_or_else(|| "all-stores".into());
    format!("{report}_{store}_{from}_{to}.csv")
}

#[derive(Serialize, ToSchema)]
pub struct SalesSummary {
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    pub store_id: Option<Uuid>,
    pub sales_count: i64,
    /// Sum of sale totals (VAT-inclusive, after discounts), before returns.
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub gross_total: Decimal,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub discount_total: Decimal,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub vat_total: Decimal,
    /// `gross_total - vat_total`.
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub net_total: Decimal,
    /// Refunded by returns made in the range.
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub returns_total: Decimal,
    pub by_day: Vec<DayTotals>,
    pub by_payment_method: Vec<MethodTotal>,
    pub by_cashier: Vec<CashierTotals>,
}

/// Sales summary: totals, by day, by payment method and by cashier.
///
/// CSV: one row per day (`date,sales_count,gross_total,vat_total`).
#[utoipa::path(get, path = "/api/v1/reports/sales-summary", tag = "reports", security(("bearer" = [])), params(ReportQuery),
    responses(
        (status = 200, description = "The summary (or CSV)", content((SalesSummary = "application/json"), (String = "text/csv"))),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Managers and admins only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid range", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn sales_summary(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    q: web::Query<ReportQuery>,
) -> ApiResult<HttpResponse> {
    let (s, from, to) = scope(&state, &caller, &q).await?;
    let pool = &state.db;
    if wants_csv(&req, q.format) {
        let by_day = db::reports::by_day(&mut *pool.acquire().await?, &s).await?;
        return csv_out::rows(
            &file_name("sales-summary", s.store_id, from, to),
            csv_out::DAY_COLUMNS,
            &by_day,
        );
    }
    // Four independent aggregates over the same rows: run them side by side,
    // each on its own connection, so the answer takes the slowest, not the sum.
    let (totals, by_day, by_payment_method, by_cashier) = tokio::try_join!(
        async { db::reports::sales_totals(&mut *pool.acquire().await?, &s).await },
        async { db::reports::by_day(&mut *pool.acquire().await?, &s).await },
        async { db::reports::by_payment_method(&mut *pool.acquire().await?, &s).await },
        async { db::reports::by_cashier(&mut *pool.acquire().await?, &s).await },
    )?;
    Ok(HttpResponse::Ok().json(SalesSummary {
        from,
        to,
        store_id: s.store_id,
        sales_count: totals.sales_count,
        gross_total: totals.gross_total,
        discount_total: totals.discount_total,
        vat_total: totals.vat_total,
        net_total: totals.net_total,
        returns_total: totals.returns_total,
        by_day,
        by_payment_method,
        by_cashier,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct VatReport {
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    pub store_id: Option<Uuid>,
    pub lines: Vec<VatLine>,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub total_taxable: Decimal,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub total_vat: Decimal,
}

/// VAT per tax class: sales minus returns in the range, the figures for
/// the monthly VAT return. CSV: one row per class.
#[utoipa::path(get, path = "/api/v1/reports/vat", tag = "reports", security(("bearer" = [])), params(ReportQuery),
    responses(
        (status = 200, description = "The VAT report (or CSV)", content((VatReport = "application/json"), (String = "text/csv"))),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Managers and admins only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid range", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn vat(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    q: web::Query<ReportQuery>,
) -> ApiResult<HttpResponse> {
    let (s, from, to) = scope(&state, &caller, &q).await?;
    let mut conn = state.db.acquire().await?;
    let lines = db::reports::vat_lines(&mut conn, &s).await?;
    if wants_csv(&req, q.format) {
        return csv_out::rows(
            &file_name("vat", s.store_id, from, to),
            csv_out::VAT_COLUMNS,
            &lines,
        );
    }
    Ok(HttpResponse::Ok().json(VatReport {
        from,
        to,
        store_id: s.store_id,
        total_taxable: lines.iter().map(|l| l.taxable_amount).sum(),
        total_vat: lines.iter().map(|l| l.vat_amount).sum(),
        lines,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct CommissionReport {
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    pub store_id: Option<Uuid>,
    pub items: Vec<CommissionLine>,
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    #[schema(value_type = String)]
    pub total_payable: Decimal,
}

/// Commission per user: earned on sales in the range, reversed by returns
/// in the range, and payable. CSV: one row per user.
#[utoipa::path(get, path = "/api/v1/reports/commission", tag = "reports", security(("bearer" = [])), params(ReportQuery),
    responses(
        (status = 200, description = "The commission report (or CSV)", content((CommissionReport = "application/json"), (String = "text/csv"))),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Managers and admins only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid range", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn commission(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    q: web::Query<ReportQuery>,
) -> ApiResult<HttpResponse> {
    let (s, from, to) = scope(&state, &caller, &q).await?;
    let mut conn = state.db.acquire().await?;
    let items = db::reports::commission(&mut conn, &s).await?;
    if wants_csv(&req, q.format) {
        return csv_out::rows(
            &file_name("commission", s.store_id, from, to),
            csv_out::COMMISSION_COLUMNS,
            &items,
        );
    }
    Ok(HttpResponse::Ok().json(CommissionReport {
        from,
        to,
        store_id: s.store_id,
        total_payable: items.iter().map(|i| i.payable).sum(),
        items,
    }))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct LowStockQuery {
    /// Admins: one store, or all stores when omitted. Managers: their own.
    pub store_id: Option<Uuid>,
    pub format: Option<Format>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// Products at or below their reorder level. The CSV streams every row.
#[utoipa::path(get, path = "/api/v1/reports/low-stock", tag = "reports", security(("bearer" = [])), params(LowStockQuery),
    responses(
        (status = 200, description = "A page of low-stock lines (or the whole CSV)", content((Page<LowStockLine> = "application/json"), (String = "text/csv"))),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Managers and admins only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn low_stock(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    q: web::Query<LowStockQuery>,
) -> ApiResult<HttpResponse> {
    caller.require_manager()?;
    let store_id = caller.store_filter(q.store_id)?;
    let paging = PageParams {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve()?;
    if wants_csv(&req, q.format) {
        let today = Utc::now()
            .with_timezone(&chrono_tz::Africa::Nairobi)
            .date_naive();
        return Ok(csv_out::low_stock_stream(
            state.db.clone(),
            store_id,
            &file_name("low-stock", store_id, today, today),
        ));
    }
    let mut conn = state.db.acquire().await?;
    let items = db::reports::low_stock_page(
        &mut conn,
        store_id,
        None,
        paging.1,
        db::offset(paging.0, paging.1),
    )
    .await?;
    let total = db::reports::low_stock_count(&mut conn, store_id).await?;
    Ok(HttpResponse::Ok().json(Page::new(items, paging, total)))
}
