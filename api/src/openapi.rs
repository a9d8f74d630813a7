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
    components(schemas(routes::reports::Format)),
    modifiers(&BearerAuth, &Conventions),
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
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Conventions every operation shares, applied to the generated document so
/// each annotation need not repeat them (the contract's "Conventions"):
/// - a JSON body may be answered 400 (malformed), 413 (too large) or 415
///   (not `application/json`); a secured operation may be answered 401;
/// - query parameters are never `null` (absent means "not given");
///   `page` is 1-1000000 and `per_page` 1-200;
/// - `Idempotency-Key` is 1-255 visible ASCII characters.
struct Conventions;

impl Modify for Conventions {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let mut doc = serde_json::to_value(&*openapi).expect("the OpenAPI document serializes");
        apply_conventions(&mut doc);
        *openapi =
            serde_json::from_value(doc).expect("the conventions keep a valid OpenAPI document");
    }
}

fn problem_response(description: &str) -> serde_json::Value {
    serde_json::json!({
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    })
}

/// PostgreSQL text cannot hold NUL: free-text request strings say so.
const NO_NUL: &str = "^[^\\u0000]*$";

fn forbid_nul(schema: &mut serde_json::Value) {
    use serde_json::Value;
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    let is_string = match obj.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
        _ => false,
    };
    if is_string
        && !obj.contains_key("pattern")
        && !obj.contains_key("format")
        && !obj.contains_key("enum")
    {
        obj.insert("pattern".into(), Value::String(NO_NUL.into()));
    }
    for key in ["properties"] {
        if let Some(Value::Object(props)) = obj.get_mut(key) {
            props.values_mut().for_each(forbid_nul);
        }
    }
    if let Some(items) = obj.get_mut("items") {
        forbid_nul(items);
    }
}

/// Text that must show something: a non-space character, and no NUL.
const NON_BLANK: &str = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$";

/// Request rules utoipa cannot derive from the types.
fn refine_request_schemas(doc: &mut serde_json::Value) {
    use serde_json::json;
    let schemas = &mut doc["components"]["schemas"];
    // PATCH bodies: every field may be left out (nullable ones take `null` to clear).
    for name in ["UpdateProduct", "UpdateStore", "UpdateUser"] {
        if let Some(schema) = schemas[name].as_object_mut() {
            schema.remove("required");
        }
    }
    for name in ["CreateProduct", "UpdateProduct"] {
        schemas[name]["properties"]["barcode"]["pattern"] = json!("^\\S+$");
    }
    for (name, field) in [
        ("CreateStore", "name"),
        ("UpdateStore", "name"),
        ("CreateProduct", "name"),
        ("UpdateProduct", "name"),
        ("CreateProduct", "sku"),
        ("UpdateProduct", "sku"),
        ("CreateUser", "full_name"),
        ("UpdateUser", "full_name"),
        ("CreateReturn", "reason"),
        ("RejectTransfer", "reason"),
        ("NewCashMovement", "reason"),
        ("OpenShift", "till"),
        ("Adjustment", "reason"),
    ] {
        if schemas[name]["properties"].get(field).is_some() {
            schemas[name]["properties"][field]["pattern"] = json!(NON_BLANK);
        }
    }
    // Managers and cashiers belong to a store; only admins may have none.
    let create_user = schemas["CreateUser"].take();
    schemas["CreateUser"] = json!({"allOf": [create_user, {"anyOf": [
        {"type": "object", "properties": {"role": {"type": "string", "enum": ["admin"]}}},
        {"type": "object", "properties": {"store_id": {"type": "string", "format": "uuid"}}, "required": ["store_id"]}
    ]}]});
}

fn apply_conventions(doc: &mut serde_json::Value) {
    use serde_json::{json, Value};
    refine_request_schemas(doc);
    // Request body schemas (and the schemas they refer to) take no NUL.
    let mut request_schemas: Vec<String> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for item in doc["paths"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(_, v)| v)
    {
        for op in item.as_object().into_iter().flatten().map(|(_, v)| v) {
            if let Some(r) = op
                .pointer("/requestBody/content/application~1json/schema/$ref")
                .and_then(Value::as_str)
            {
                pending.push(r.trim_start_matches("#/components/schemas/").to_owned());
            }
        }
    }
    while let Some(name) = pending.pop() {
        if request_schemas.contains(&name) {
            continue;
        }
        let text = doc["components"]["schemas"][&name].to_string();
        for part in text.split("\"#/components/schemas/").skip(1) {
            pending.push(part.split('"').next().unwrap_or_default().to_owned());
        }
        request_schemas.push(name);
    }
    for name in &request_schemas {
        if let Some(schema) = doc.pointer_mut(&format!("/components/schemas/{name}")) {
            forbid_nul(schema);
        }
    }
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for op in item.values_mut() {
            let Some(op) = op.as_object_mut() else {
                continue;
            };
            let secured = op
                .get("security")
                .and_then(Value::as_array)
                .is_some_and(|s| !s.is_empty());
            let has_body = op.contains_key("requestBody");
            for param in op
                .get_mut("parameters")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                let name = param["name"].as_str().unwrap_or_default().to_owned();
                let location = param["in"].as_str().unwrap_or_default().to_owned();
                let Some(schema) = param.get_mut("schema").and_then(Value::as_object_mut) else {
                    continue;
                };
                if location == "query" {
                    if let Some(types) = schema.get_mut("type").and_then(Value::as_array_mut) {
                        types.retain(|t| t != "null");
                        if types.len() == 1 {
                            let only = types[0].clone();
                            schema.insert("type".into(), only);
                        }
                    }
                    if let Some(Value::Array(variants)) = schema.get("oneOf").cloned() {
                        let kept: Vec<Value> = variants
                            .into_iter()
                            .filter(|v| v != &json!({"type": "null"}))
                            .collect();
                        if kept.len() == 1 {
                            schema.remove("oneOf");
                            if let Value::Object(only) = &kept[0] {
                                schema.extend(only.clone());
                            }
                        } else {
                            schema.insert("oneOf".into(), Value::Array(kept));
                        }
                    }
                    if schema.get("type") == Some(&json!("string"))
                        && !schema.contains_key("pattern")
                        && !schema.contains_key("format")
                        && !schema.contains_key("enum")
                    {
                        schema.insert("pattern".into(), json!(NO_NUL));
                    }
                    match name.as_str() {
                        "page" => {
                            schema.insert("minimum".into(), json!(1));
                            schema.insert("maximum".into(), json!(1_000_000));
                        }
                        "per_page" => {
                            schema.insert("minimum".into(), json!(1));
                            schema.insert("maximum".into(), json!(crate::routes::MAX_PER_PAGE));
                        }
                        _ => {}
                    }
                }
                if location == "header" && name.eq_ignore_ascii_case("idempotency-key") {
                    schema.insert("minLength".into(), json!(1));
                    schema.insert("maxLength".into(), json!(255));
                    schema.insert("pattern".into(), json!("^[ -~]*[!-~][ -~]*$"));
                }
            }
            let responses = op.entry("responses").or_insert_with(|| json!({}));
            let Some(responses) = responses.as_object_mut() else {
                continue;
            };
            if has_body {
                for (code, description) in [
                    ("400", "Malformed JSON"),
                    ("413", "The body is too large"),
                    ("415", "The body is not application/json"),
                ] {
                    responses
                        .entry(code)
                        .or_insert_with(|| problem_response(description));
                }
            }
            if secured {
                responses
                    .entry("401")
                    .or_insert_with(|| problem_response("Missing, invalid or expired token"));
            }
        }
    }
}

/// The document as pretty JSON, exactly as served and committed.
pub fn document_json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serializes")
}
