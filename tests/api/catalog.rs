//! Products, stock, adjustments and the movements ledger.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, world};

#[tokio::test]
async fn sku_and_barcode_are_unique() {
    let w = world().await;
    w.app
        .create_product(&w.manager_a, "S1", "10.00", "standard")
        .await;
    let dup_sku = json!({ "sku": "S1", "name": "x", "price": "1.00", "tax_class": "exempt" });
    assert!(assert_problem(
        w.app.post("/api/v1/products", &w.admin, &dup_sku).await,
        409
    )
    .await["detail"]
        .as_str()
        .unwrap()
        .contains("sku"));
    let dup_barcode = json!({ "sku": "S2", "barcode": "BCS1", "name": "x", "price": "1.00", "tax_class": "exempt" });
    assert!(assert_problem(
        w.app.post("/api/v1/products", &w.admin, &dup_barcode).await,
        409
    )
    .await["detail"]
        .as_str()
        .unwrap()
        .contains("barcode"));
}

#[tokio::test]
async fn bad_prices_tax_classes_and_fields_are_422_and_change_nothing() {
    let w = world().await;
    for body in [
        json!({ "sku": "X", "name": "x", "price": "-1.00", "tax_class": "exempt" }),
        json!({ "sku": "X", "name": "x", "price": "1.005", "tax_class": "exempt" }),
        json!({ "sku": "X", "name": "x", "price": "abc", "tax_class": "exempt" }),
        json!({ "sku": "X", "name": "x", "price": "1.00", "tax_class": "luxury" }),
        json!({ "sku": "", "name": "x", "price": "1.00", "tax_class": "exempt" }),
        json!({ "sku": "X", "name": "x", "price": "1.00", "tax_class": "exempt", "vat_rate": "0" }),
    ] {
        assert_problem(w.app.post("/api/v1/products", &w.admin, &body).await, 422).await;
    }
    let count: i64 = sqlx::query_scalar("select count(*) from products")
        .fetch_one(&w.app.db)
        .await
        .unwrap();
    assert_eq!(count, 0);
    assert_problem(
        w.app
            .post(
                "/api/v1/products",
                &w.cashier_a,
                &json!({ "sku": "X", "name": "x", "price": "1.00", "tax_class": "exempt" }),
            )
            .await,
        403,
    )
    .await;
}

#[tokio::test]
async fn products_are_found_by_text_barcode_and_sku() {
    let w = world().await;
    let id = w
        .app
        .create_product(&w.manager_a, "MILK-1", "65.00", "exempt")
        .await;
    w.app
        .create_product(&w.manager_a, "BREAD-1", "60.00", "zero_rated")
        .await;
    let found: Value = w
        .app
        .get("/api/v1/products?q=milk", &w.cashier_a)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["id"], id.to_string());
    assert_eq!(found["items"][0]["price"], "65.00");
    for query in ["barcode=BCMILK-1", "sku=MILK-1"] {
        let found: Value = w
            .app
            .get(&format!("/api/v1/products?{query}"), &w.cashier_a)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(found["items"][0]["id"], id.to_string(), "{query}");
    }
    let none: Value = w
        .app
        .get("/api/v1/products?q=50%25", &w.cashier_a)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(none["total"], 0);
}

#[tokio::test]
async fn a_price_change_is_audited_and_the_barcode_cache_forgets_the_old_price() {
    let w = world().await;
    let id = w
        .app
        .create_product(&w.manager_a, "P1", "100.00", "standard")
        .await;
    let cached: Value = w
        .app
        .get("/api/v1/products?barcode=BCP1", &w.cashier_a)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cached["items"][0]["price"], "100.00");
    let res = w
        .app
        .patch(
            &format!("/api/v1/products/{id}"),
            &w.manager_a,
            &json!({ "price": "120.50" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let fresh: Value = w
        .app
        .get("/api/v1/products?barcode=BCP1", &w.cashier_a)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(fresh["items"][0]["price"], "120.50");
    let logs: Value = w
        .app
        .get("/api/v1/audit-logs?action=product.price_change", &w.admin)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        logs["items"][0]["details"]["price"],
        json!({ "old": "100.00", "new": "120.50" })
    );
}

#[tokio::test]
async fn adjustments_keep_stock_equal_to_the_ledger_and_never_below_zero() {
    let w = world().await;
    let p = w
        .app
        .create_product(&w.manager_a, "P1", "10.00", "standard")
        .await;
    w.app.stock_in(&w.manager_a, w.store_a, p, 10).await;
    let path = format!("/api/v1/stores/{}/inventory/adjustments", w.store_a);
    let res = w
        .app
        .post(
            &path,
            &w.manager_a,
            &json!({ "product_id": p, "delta": -3, "reason": "damage" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let row: Value = res.json().await.unwrap();
    assert_eq!(row["quantity_after"], 7);
    assert_eq!(row["delta"], -3);
    let body = assert_problem(
        w.app
            .post(
                &path,
                &w.manager_a,
                &json!({ "product_id": p, "delta": -8, "reason": "theft" }),
            )
            .await,
        409,
    )
    .await;
    assert!(body["detail"].as_str().unwrap().contains("only 7"));
    assert_problem(
        w.app
            .post(
                &path,
                &w.manager_a,
                &json!({ "product_id": p, "delta": 0, "reason": "count" }),
            )
            .await,
        422,
    )
    .await;
    assert_problem(
        w.app
            .post(
                &path,
                &w.manager_a,
                &json!({ "product_id": p, "delta": 1, "reason": "  " }),
            )
            .await,
        422,
    )
    .await;
    assert_problem(
        w.app
            .post(
                &path,
                &w.cashier_a,
                &json!({ "product_id": p, "delta": 1, "reason": "count" }),
            )
            .await,
        403,
    )
    .await;
    assert_problem(
        w.app
            .post(
                &path,
                &w.manager_b,
                &json!({ "product_id": p, "delta": 1, "reason": "count" }),
            )
            .await,
        404,
    )
    .await;
    assert_eq!(w.app.stock_of(w.store_a, p).await, 7);
    w.app.assert_ledger_matches_stock().await;
    let negative = sqlx::query("update inventory set quantity = -1")
        .execute(&w.app.db)
        .await;
    assert!(negative.is_err(), "the database refuses negative stock");
}

#[tokio::test]
async fn low_stock_is_flagged_and_filterable() {
    let w = world().await;
    let low = w
        .app
        .create_product(&w.manager_a, "LOW", "10.00", "standard")
        .await;
    let ok = w
        .app
        .create_product(&w.manager_a, "OK", "10.00", "standard")
        .await;
    w.app.stock_in(&w.manager_a, w.store_a, low, 2).await;
    w.app.stock_in(&w.manager_a, w.store_a, ok, 50).await;
    let all: Value = w
        .app
        .get(
            &format!("/api/v1/stores/{}/inventory", w.store_a),
            &w.cashier_a,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all["total"], 2);
    let only: Value = w
        .app
        .get(
            &format!("/api/v1/stores/{}/inventory?low_stock=true", w.store_a),
            &w.cashier_a,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(only["total"], 1);
    assert_eq!(only["items"][0]["product_id"], low.to_string());
    assert_eq!(only["items"][0]["low_stock"], true);
}
