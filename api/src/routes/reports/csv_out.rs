//! CSV responses: a header row, RFC 4180 quoting, an attachment file name.

use actix_web::{http::header, web::Bytes, HttpResponse};
use futures_util::stream;
use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::{db, error::ApiResult};

fn csv_response(file_name: &str) -> actix_web::HttpResponseBuilder {
    let mut res = HttpResponse::Ok();
    res.insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ));
    res
}

/// Encodes rows, preceded by `columns` when given. The header is written by
/// hand because serde learns it only from a row, and an empty report must
/// still name its columns.
fn encode<T: Serialize>(columns: Option<&[&str]>, rows: &[T]) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    if let Some(columns) = columns {
        w.write_record(columns)?;
    }
    for row in rows {
        w.serialize(row)?;
    }
    Ok(w.into_inner()?)
}

/// A small, already aggregated table.
pub fn rows<T: Serialize>(
    file_name: &str,
    columns: &[&str],
    rows: &[T],
) -> ApiResult<HttpResponse> {
    Ok(csv_response(file_name).body(encode(Some(columns), rows)?))
}

pub const DAY_COLUMNS: &[&str] = &["date", "sales_count", "gross_total", "vat_total"];
pub const VAT_COLUMNS: &[&str] = &["tax_class", "vat_rate", "taxable_amount", "vat_amount"];
pub const COMMISSION_COLUMNS: &[&str] = &[
    "user_id",
    "username",
    "sales_count",
    "net_sales",
    "commission",
    "reversed",
    "payable",
];
const LOW_STOCK_COLUMNS: &[&str] = &[
    "store_id",
    "product_id",
    "sku",
    "name",
    "quantity",
    "reorder_level",
];

const CHUNK: i64 = 1_000;

struct Cursor {
    pool: PgPool,
    store_id: Option<Uuid>,
    after: Option<(Uuid, Uuid)>,
    first: bool,
    done: bool,
}

/// Streams every low-stock row, a thousand at a time, never holding the
/// whole listing in memory.
pub fn low_stock_stream(pool: PgPool, store_id: Option<Uuid>, file_name: &str) -> HttpResponse {
    let start = Cursor {
        pool,
        store_id,
        after: None,
        first: true,
        done: false,
    };
    let body = stream::unfold(start, |mut c| async move {
        if c.done {
            return None;
        }
        let page = async {
            let mut conn = c.pool.acquire().await?;
            db::reports::low_stock_page(&mut conn, c.store_id, c.after, CHUNK, 0).await
        }
        .await;
        let chunk = match page {
            Err(e) => {
                tracing::error!(error = %e, "low-stock CSV stream failed");
                return Some((
                    Err(actix_web::error::ErrorInternalServerError("stream failed")),
                    Cursor { done: true, ..c },
                ));
            }
            Ok(rows) => {
                c.done = (rows.len() as i64) < CHUNK;
                c.after = rows.last().map(|r| (r.store_id, r.product_id));
                let columns = c.first.then_some(LOW_STOCK_COLUMNS);
                c.first = false;
                match encode(columns, &rows) {
                    Ok(b) => Bytes::from(b),
                    Err(e) => {
                        return Some((
                            Err(actix_web::error::ErrorInternalServerError(e.to_string())),
                            Cursor { done: true, ..c },
                        ))
                    }
                }
            }
        };
        Some((Ok::<_, actix_web::Error>(chunk), c))
    });
    csv_response(file_name).streaming(body)
}
