//! The OpenAPI 3.1 document, generated from the handlers' annotations.

use utoipa::{
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
    Modify, OpenApi,
};

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Duka POS API",
        version = "1.0.0",
        description = "Point of sale for multi-store retailers in Kenya: sales, returns, VAT, commission, \
inventory, transfers, reports and an audit log. Money is a decimal string with two places; errors are \
RFC 9457 problem+json.",
        license(name = "MIT")
    ),
    paths(
        routes::health::health,
        routes::health::ready,
        routes::auth::login,
        routes::auth::refresh,
        routes::auth::logout,
        routes::auth::me,
        routes::users::list_users,
        routes::users::create_user,
        routes::users::get_user,
        routes::users::update_user,
        routes::stores::list_stores,
        routes::stores::create_store,
        routes::stores::get_store,
        routes::stores::update_store,
        routes::products::list_products,
        routes::products::create_product,
        routes::products::get_product,
        routes::products::update_product,
        routes::inventory::list_inventory,
        routes::inventory::adjust_stock,
        routes::sales::create_sale,
        routes::sales::list_sales,
        routes::sales::get_sale,
        routes::returns::create_return,
        routes::returns::list_returns,
        routes::transfers::create_transfer,
        routes::transfers::list_transfers,
        routes::transfers::get_transfer,
        routes::transfers::approve,
        routes::transfers::reject,
        routes::reports::sales_summary,
        routes::reports::vat,
        routes::reports::commission,
        routes::reports::low_stock,
        routes::shifts::open,
        routes::shifts::current,
        routes::shifts::get_shift,
        routes::shifts::list_shifts,
        routes::shifts::cash_movement,
        routes::shifts::close,
        routes::shifts::report,
        routes::audit_logs::list_audit_logs,
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "operations", description = "Health and readiness"),
        (name = "auth", description = "Login, token refresh, logout"),
        (name = "users"), (name = "stores"), (name = "products"), (name = "inventory"),
        (name = "sales"), (name = "returns"), (name = "transfers"), (name = "reports"), (name = "shifts", description = "Cash-drawer shifts, X and Z reports"), (name = "audit"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
    }
}

/// The document as pretty JSON, exactly as served and committed.
pub fn document_json() -> String {
    ApiDoc::openapi().to_pretty_json().expect("the OpenAPI document serializes")
}
