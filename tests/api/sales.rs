//! The sale transaction: arithmetic, tenders, idempotency, concurrency, scoping.

use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{assert_problem, sale_body, world, World};

async fn product_with_stock(w: &World, sku: &str, price: &str, tax: &str, qty: i32) -> Uuid {
    let p = w.app.create_product(&w.manager_a, sku, price, tax).await;
    w.app.stock_in(&w.manager_a, w.store_a, p, qty).await;
    p
}

async fn counts(w: &World) -> (i64, i64, i64) {
    let q = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql).fetch_one(&w.app.db);
    (
        q("select count(*) from sales").await.unwrap(),
        q("select coalesce(max(last_number), 0) from receipt_counters")
            .await
            .unwrap(),
        q("select count(*) from stock_movements where cause = 'sale'")
            .await
            .unwrap(),
    )
}

#[tokio::test]
async fn a_sale_prices_awkward_amounts_exactly() {
    let w = world().await;
    let p = product_with_stock(&w, "AWK", "99.99", "standard", 10).await;
    let e = product_with_stock(&w, "EXM", "65.00", "exempt", 10).await;
    let body = json!({
        "store_id": w.store_a, "customer_phone": "0712 345 678",
        "items": [{ "product_id": p, "quantity": 3 }, { "product_id": e, "quantity": 2, "discount": "10.00" }],
        "payments": [{ "method": "mpesa", "amount": "200.00", "reference": "QK7XY12ABC" }, { "method": "cash", "amount": "250" }]
    });
    let res = w.app.post_sale(&w.cashier_a, "k1", &body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let sale: Value = res.json().await.unwrap();
    assert_eq!(sale["items"][0]["line_total"], "299.97");
    assert_eq!(sale["items"][0]["vat_amount"], "41.38");
    assert_eq!(sale["items"][0]["vat_rate"], "16.00");
    assert_eq!(sale["items"][1]["line_total"], "120.00");
    assert_eq!(sale["items"][1]["vat_amount"], "0.00");
    assert_eq!(sale["total"], "419.97");
    assert_eq!(sale["vat_total"], "41.38");
    assert_eq!(sale["net_total"], "378.59");
    assert_eq!(sale["discount_total"], "10.00");
    assert_eq!(sale["amount_paid"], "450.00");
    assert_eq!(sale["change_due"], "30.03");
    assert_eq!(sale["commission"], "9.46"); // 378.59 * 2.5 % = 9.46475
    assert_eq!(sale["customer_phone"], "+254712345678");
    assert_eq!(sale["cashier_id"], w.cashier_a_id.to_string());
    assert_eq!(sale["receipt_number"], "AAA-000001");
    assert_eq!(w.app.stock_of(w.store_a, p).await, 7);
    let fetched: Value = w
        .app
        .get(
            &format!("/api/v1/sales/{}", sale["id"].as_str().unwrap()),
            &w.cashier_a,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(fetched, sale);
    let by_receipt: Value = w
        .app
        .get("/api/v1/sales?receipt_number=aaa-000001", &w.manager_a)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_receipt["items"][0]["id"], sale["id"]);
    w.app.assert_ledger_matches_stock().await;
}

#[tokio::test]
async fn invalid_sales_are_refused_and_change_nothing() {
    let w = world().await;
    let p = product_with_stock(&w, "P", "100.00", "standard", 5).await;
    let cash = |a: &str| json!([{ "method": "cash", "amount": a }]);
    let line = |q: i64| json!([{ "product_id": p, "quantity": q }]);
    let cases = [
        (sale_body(w.store_a, line(1), cash("99.99")), 422),
        (
            sale_body(
                w.store_a,
                line(1),
                json!([{ "method": "card", "amount": "150.00" }]),
            ),
            422,
        ),
        (
            sale_body(
                w.store_a,
                line(1),
                json!([{ "method": "mpesa", "amount": "100.00" }]),
            ),
            422,
        ),
        (sale_body(w.store_a, line(0), cash("100")), 422),
        (sale_body(w.store_a, json!([]), cash("100")), 422),
        (
            sale_body(
                w.store_a,
                json!([{ "product_id": p, "quantity": 1, "discount": "100.01" }]),
                cash("100"),
            ),
            422,
        ),
        (
            sale_body(
                w.store_a,
                json!([{ "product_id": p, "quantity": 1, "unit_price": "1.00" }]),
                cash("100"),
            ),
            422,
        ),
        (
            sale_body(
                w.store_a,
                json!([{ "product_id": Uuid::new_v4(), "quantity": 1 }]),
                cash("100"),
            ),
            422,
        ),
        (
            json!({ "store_id": w.store_a, "items": line(1), "payments": cash("100"), "total": "1.00" }),
            422,
        ),
        (
            json!({ "store_id": w.store_a, "items": line(1), "payments": cash("100"), "customer_phone": "0812345678" }),
            422,
        ),
        (sale_body(w.store_a, line(6), cash("600")), 409),
        (sale_body(w.store_b, line(1), cash("100")), 404),
        (sale_body(Uuid::new_v4(), line(1), cash("100")), 404),
    ];
    for (i, (body, status)) in cases.iter().enumerate() {
        assert_problem(
            w.app
                .post_sale(&w.cashier_a, &format!("bad-{i}"), body)
                .await,
            *status,
        )
        .await;
    }
    assert_eq!(counts(&w).await, (0, 0, 0));
    assert_eq!(w.app.stock_of(w.store_a, p).await, 5);
    // Receipt numbers stay gap-free after the failures.
    let ok = w
        .app
        .post_sale(
            &w.cashier_a,
            "good",
            &sale_body(w.store_a, line(1), cash("100")),
        )
        .await;
    assert_eq!(
        ok.json::<Value>().await.unwrap()["receipt_number"],
        "AAA-000001"
    );
}

#[tokio::test]
async fn the_same_product_scanned_twice_is_one_line() {
    let w = world().await;
    let p = product_with_stock(&w, "TWICE", "10.00", "standard", 5).await;
    let body = sale_body(
        w.store_a,
        json!([{ "product_id": p, "quantity": 1 }, { "product_id": p, "quantity": 2, "discount": "1.00" }]),
        json!([{ "method": "cash", "amount": "29" }]),
    );
    let sale: Value = w
        .app
        .post_sale(&w.cashier_a, "k", &body)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sale["items"].as_array().unwrap().len(), 1);
    assert_eq!(sale["items"][0]["quantity"], 3);
    assert_eq!(sale["items"][0]["discount"], "1.00");
    assert_eq!(sale["total"], "29.00");
    assert_eq!(w.app.stock_of(w.store_a, p).await, 2);
}

#[tokio::test]
async fn insufficient_stock_names_the_product() {
    let w = world().await;
    let p = product_with_stock(&w, "SCARCE", "10.00", "standard", 1).await;
    let body = sale_body(
        w.store_a,
        json!([{ "product_id": p, "quantity": 2 }]),
        json!([{ "method": "cash", "amount": "20" }]),
    );
    let problem = assert_problem(w.app.post_sale(&w.cashier_a, "k", &body).await, 409).await;
    assert!(problem["detail"].as_str().unwrap().contains("SCARCE"));
}

#[tokio::test]
async fn twenty_racing_sales_for_five_units_sell_exactly_five() {
    let w = world().await;
    let p = product_with_stock(&w, "HOT", "50.00", "standard", 5).await;
    let body = sale_body(
        w.store_a,
        json!([{ "product_id": p, "quantity": 1 }]),
        json!([{ "method": "cash", "amount": "50" }]),
    );
    let results = join_all((0..20).map(|i| {
        let (app, token, body) = (
            &w.app,
            if i % 2 == 0 {
                &w.cashier_a
            } else {
                &w.cashier_a2
            },
            &body,
        );
        async move {
            app.post_sale(token, &format!("race-{i}"), body)
                .await
                .status()
                .as_u16()
        }
    }))
    .await;
    assert_eq!(
        results.iter().filter(|s| **s == 201).count(),
        5,
        "{results:?}"
    );
    assert_eq!(
        results.iter().filter(|s| **s == 409).count(),
        15,
        "{results:?}"
    );
    assert_eq!(w.app.stock_of(w.store_a, p).await, 0);
    let receipts: Vec<String> =
        sqlx::query_scalar("select receipt_number from sales order by receipt_number")
            .fetch_all(&w.app.db)
            .await
            .unwrap();
    assert_eq!(
        receipts,
        (1..=5).map(|n| format!("AAA-{n:06}")).collect::<Vec<_>>()
    );
    w.app.assert_ledger_matches_stock().await;
}

#[tokio::test]
async fn sixteen_racing_retries_of_one_key_make_one_sale() {
    let w = world().await;
    let p = product_with_stock(&w, "RETRY", "50.00", "standard", 100).await;
    let body = sale_body(
        w.store_a,
        json!([{ "product_id": p, "quantity": 2 }]),
        json!([{ "method": "cash", "amount": "100" }]),
    );
    let results = join_all((0..16).map(|_| async {
        let res = w.app.post_sale(&w.cashier_a, "same-key", &body).await;
        let status = res.status().as_u16();
        (status, res.json::<Value>().await.unwrap())
    }))
    .await;
    let ids: std::collections::HashSet<String> = results
        .iter()
        .filter(|(s, _)| *s == 201)
        .map(|(_, b)| b["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 1, "{results:?}");
    assert!(results.iter().all(|(s, _)| *s == 201 || *s == 409));
    assert_eq!(counts(&w).await.0, 1);
    assert_eq!(w.app.stock_of(w.store_a, p).await, 98);
}

#[tokio::test]
async fn idempotency_keys_are_required_scoped_and_bound_to_the_body() {
    let w = world().await;
    let p = product_with_stock(&w, "K", "10.00", "standard", 10).await;
    let body = sale_body(
        w.store_a,
        json!([{ "product_id": p, "quantity": 1 }]),
        json!([{ "method": "cash", "amount": "10" }]),
    );
    let res = w
        .app
        .req(reqwest::Method::POST, "/api/v1/sales", Some(&w.cashier_a))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_problem(res, 400).await;
    let first: Value = w
        .app
        .post_sale(&w.cashier_a, "key-1", &body)
        .await
        .json()
        .await
        .unwrap();
    let again = w.app.post_sale(&w.cashier_a, "key-1", &body).await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.json::<Value>().await.unwrap()["id"], first["id"]);
    let other_body = sale_body(
        w.store_a,
        json!([{ "product_id": p, "quantity": 2 }]),
        json!([{ "method": "cash", "amount": "20" }]),
    );
    assert_problem(
        w.app.post_sale(&w.cashier_a, "key-1", &other_body).await,
        422,
    )
    .await;
    // The same key from another cashier is a different sale.
    let theirs: Value = w
        .app
        .post_sale(&w.cashier_a2, "key-1", &body)
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(theirs["id"], first["id"]);
    assert_eq!(counts(&w).await.0, 2);
}

#[tokio::test]
async fn sales_are_scoped_to_the_callers_store() {
    let w = world().await;
    let p = product_with_stock(&w, "S", "10.00", "standard", 10).await;
    let body = sale_body(
        w.store_a,
        json!([{ "product_id": p, "quantity": 1 }]),
        json!([{ "method": "cash", "amount": "10" }]),
    );
    let sale: Value = w
        .app
        .post_sale(&w.cashier_a, "k", &body)
        .await
        .json()
        .await
        .unwrap();
    let path = format!("/api/v1/sales/{}", sale["id"].as_str().unwrap());
    assert_problem(w.app.get(&path, &w.cashier_b).await, 404).await;
    assert_problem(w.app.post_sale(&w.cashier_b, "k", &body).await, 404).await;
    let theirs: Value = w
        .app
        .get("/api/v1/sales", &w.cashier_b)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(theirs["total"], 0);
    let all: Value = w
        .app
        .get("/api/v1/sales", &w.admin)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all["total"], 1);
    assert_problem(w.app.get("/api/v1/sales/not-a-uuid", &w.admin).await, 404).await;
}
