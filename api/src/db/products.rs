//! Products and their tax classes.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Product {
    pub id: Uuid,
    #[schema(example = "BEV-0001")]
    pub sku: String,
    #[schema(example = "6161101234567")]
    pub barcode: Option<String>,
    #[schema(example = "Brookside Milk 500ml")]
    pub name: String,
    #[schema(example = "Dairy")]
    pub category: String,
    /// VAT-inclusive unit selling price.
    #[schema(value_type = String, example = "65.00")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub price: Decimal,
    #[schema(value_type = String, example = "52.00")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub cost: Decimal,
    #[schema(example = "standard", value_type = crate::routes::products::TaxClassName)]
    pub tax_class: String,
    /// The class's current VAT rate in percent.
    #[schema(value_type = String, example = "16.00")]
    #[serde(serialize_with = "crate::domain::money::serialize_2dp")]
    pub vat_rate: Decimal,
    pub reorder_level: i32,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct ProductFields<'a> {
    pub sku: &'a str,
    pub barcode: Option<&'a str>,
    pub name: &'a str,
    pub category: &'a str,
    pub price: Decimal,
    pub cost: Decimal,
    pub tax_class: &'a str,
    pub reorder_level: i32,
    pub active: bool,
}

pub async fn insert(conn: &mut PgConnection, p: &ProductFields<'_>) -> sqlx::Result<Product> {
    let id = Uuid::new_v4();
    sqlx::query!(
        "insert into products (id, sku, barcode, name, category, price, cost, tax_class, reorder_level, active)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        id,
        p.sku,
        p.barcode,
        p.name,
        p.category,
        p.price,
        p.cost,
        p.tax_class,
        p.reorder_level,
        p.active
    )
    .execute(&mut *conn)
    .await?;
    Ok(find(conn, id).await?.expect("row inserted above"))
}

pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Product>> {
    sqlx::query_as!(
        Product,
        "select p.id, p.sku, p.barcode, p.name, p.category, p.price, p.cost, p.tax_class, t.rate as vat_rate,
                p.reorder_level, p.active, p.created_at, p.updated_at
         from products p join tax_rates t using (tax_class) where p.id = $1",
        id
    )
    .fetch_optional(conn)
    .await
}

/// Locks the product row for a read-modify-write (price change audit).
pub async fn find_for_update(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Product>> {
    sqlx::query_as!(
        Product,
        "select p.id, p.sku, p.barcode, p.name, p.category, p.price, p.cost, p.tax_class, t.rate as vat_rate,
                p.reorder_level, p.active, p.created_at, p.updated_at
         from products p join tax_rates t using (tax_class) where p.id = $1 for update of p",
        id
    )
    .fetch_optional(conn)
    .await
}

#[derive(Default)]
pub struct ProductFilter {
    /// Case-insensitive substring of name, SKU or barcode.
    pub q: Option<String>,
    pub barcode: Option<String>,
    pub sku: Option<String>,
    pub category: Option<String>,
    pub active: Option<bool>,
}

/// Escapes LIKE wildcards so a search for `50%` means the text `50%`.
pub(crate) fn like_pattern(q: &str) -> String {
    let escaped = q
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

pub async fn list(
    conn: &mut PgConnection,
    f: &ProductFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<Product>, i64)> {
    let pattern = f.q.as_deref().map(like_pattern);
    let items = sqlx::query_as!(
        Product,
        "select p.id, p.sku, p.barcode, p.name, p.category, p.price, p.cost, p.tax_class, t.rate as vat_rate,
                p.reorder_level, p.active, p.created_at, p.updated_at
         from products p join tax_rates t using (tax_class)
         where ($1::text is null or lower(p.name || ' ' || p.sku || ' ' || coalesce(p.barcode, '')) like $1)
           and ($2::text is null or p.barcode = $2)
           and ($3::text is null or p.sku = $3)
           and ($4::text is null or p.category = $4)
           and ($5::bool is null or p.active = $5)
         order by lower(p.name), p.id
         limit $6 offset $7",
        pattern,
        f.barcode,
        f.sku,
        f.category,
        f.active,
        limit,
        offset
    )
    .fetch_all(&mut *conn)
    .await?;
    let total = sqlx::query_scalar!(
        r#"select count(*) as "n!" from products p
         where ($1::text is null or lower(p.name || ' ' || p.sku || ' ' || coalesce(p.barcode, '')) like $1)
           and ($2::text is null or p.barcode = $2)
           and ($3::text is null or p.sku = $3)
           and ($4::text is null or p.category = $4)
           and ($5::bool is null or p.active = $5)"#,
        pattern,
        f.barcode,
        f.sku,
        f.category,
        f.active,
    )
    .fetch_one(conn)
    .await?;
    Ok((items, total))
}

pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    p: &ProductFields<'_>,
) -> sqlx::Result<Product> {
    sqlx::query!(
        "update products set sku = $2, barcode = $3, name = $4, category = $5, price = $6, cost = $7,
            tax_class = $8, reorder_level = $9, active = $10, updated_at = now()
         where id = $1",
        id,
        p.sku,
        p.barcode,
        p.name,
        p.category,
        p.price,
        p.cost,
        p.tax_class,
        p.reorder_level,
        p.active
    )
    .execute(&mut *conn)
    .await?;
    Ok(find(conn, id).await?.expect("row locked by the caller"))
}

/// The catalog facts a sale needs, for the given products.
pub struct SaleCatalogRow {
    pub id: Uuid,
    pub sku: String,
    pub name: String,
    pub price: Decimal,
    pub tax_class: String,
    pub vat_rate: Decimal,
    pub active: bool,
}

pub async fn for_sale(conn: &mut PgConnection, ids: &[Uuid]) -> sqlx::Result<Vec<SaleCatalogRow>> {
    sqlx::query_as!(
        SaleCatalogRow,
        "select p.id, p.sku, p.name, p.price, p.tax_class, t.rate as vat_rate, p.active
         from products p join tax_rates t using (tax_class) where p.id = any($1)",
        ids
    )
    .fetch_all(conn)
    .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_wildcards_are_literal() {
        assert_eq!(super::like_pattern("50%_Off"), "%50\\%\\_off%");
    }
}
