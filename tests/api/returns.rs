//! Returns: pro-rata refunds, commission reversal, restock, limits, windows.

use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{assert_problem, sale_body, world, World};

async fn sold(w: &World, qty: i64, discount: &str) -> (Uuid, Value) {
    let p = w
        .app
        .create_product(&w.manager_a, "R1", "33.33", "standard")
        .await;
    w.app.stock_in(&w.manager_a, w.store_a, p, 10).await;
    let body = sale_body(
        w.store_a,
        json!([{ "product_id": p, "quantity": qty, "discount": discount }]),
        json!([{ "method": "cash", "amount": "1000" }]),
    );
    let res = w.app.post_sale(&w.cashier_a, "sale", &body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    (p, res.json().await.unwrap())
}

fn ret(p: Uuid, q: i64) -> Value {
    json!({ "items": [{ "product_id": p, "quantity": q }], "reason": "customer changed mind", "refund_method": "cash" })
}

#[tokio::test]
async fn returning_everything_in_parts_refunds_exactly_the_sale() {
    let w = world().await;
    let (p, sale) = sold(&w, 3, "0.01").await;
    assert_eq!(sale["total"], "99.98");
    let path = format!("/api/v1/sales/{}/returns", sale["id"].as_str().unwrap());
    let mut refunded = rust_decimal::Decimal::ZERO;
    let mut vat = rust_decimal::Decimal::ZERO;
    let mut commission = rust_decimal::Decimal::ZERO;
    for q in [1, 2] {
        let res = w.app.post(&path, &w.cashier_a, &ret(p, q)).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let r: Value = res.json().await.unwrap();
        assert_eq!(r["sale_id"], sale["id"]);
        refunded += r["refund_total"]
            .as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap();
        vat += r["vat_reversed"]
            .as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap();
        commission += r["commission_reversed"]
            .as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap();
    }
    assert_eq!(refunded.to_string(), sale["total"].as_str().unwrap());
    assert_eq!(format!("{vat:.2}"), sale["vat_total"].as_str().unwrap());
    assert_eq!(
        format!("{commission:.2}"),
        sale["commission"].as_str().unwrap()
    );
    assert_eq!(w.app.stock_of(w.store_a, p).await, 10);
    let problem = assert_problem(w.app.post(&path, &w.cashier_a, &ret(p, 1)).await, 409).await;
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("already returned"));
    let listed: Value = w.app.get(&path, &w.cashier_a).await.json().await.unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    let sale_now: Value = w
        .app
        .get(
            &format!("/api/v1/sales/{}", sale["id"].as_str().unwrap()),
            &w.admin,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sale_now["items"][0]["returned_quantity"], 3);
    w.app.assert_ledger_matches_stock().await;
    let logs: Value = w
        .app
        .get("/api/v1/audit-logs?action=return.create", &w.admin)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(logs["total"], 2);
}

#[tokio::test]
async fn concurrent_returns_of_the_last_unit_succeed_once() {
    let w = world().await;
    let (p, sale) = sold(&w, 1, "0").await;
    let path = format!("/api/v1/sales/{}/returns", sale["id"].as_str().unwrap());
    let results = join_all((0..8).map(|_| async {
        w.app
            .post(&path, &w.cashier_a, &ret(p, 1))
            .await
            .status()
            .as_u16()
    }))
    .await;
    assert_eq!(
        results.iter().filter(|s| **s == 201).count(),
        1,
        "{results:?}"
    );
    assert!(results.iter().all(|s| *s == 201 || *s == 409));
    assert_eq!(w.app.stock_of(w.store_a, p).await, 10);
}

#[tokio::test]
async fn bad_returns_are_refused_and_change_nothing() {
    let w = world().await;
    let (p, sale) = sold(&w, 2, "0").await;
    let id = sale["id"].as_str().unwrap();
    let path = format!("/api/v1/sales/{id}/returns");
    assert_problem(w.app.post(&path, &w.cashier_a, &ret(p, 3)).await, 409).await;
    assert_problem(
        w.app
            .post(&path, &w.cashier_a, &ret(Uuid::new_v4(), 1))
            .await,
        422,
    )
    .await;
    assert_problem(w.app.post(&path, &w.cashier_a, &ret(p, 0)).await, 422).await;
    assert_problem(w.app.post(&path, &w.cashier_a, &json!({ "items": [{ "product_id": p, "quantity": 1 }], "reason": " ", "refund_method": "cash" })).await, 422).await;
    assert_problem(w.app.post(&path, &w.cashier_a, &json!({ "items": [{ "product_id": p, "quantity": 1 }], "reason": "x", "refund_method": "cheque" })).await, 422).await;
    assert_problem(w.app.post(&path, &w.cashier_b, &ret(p, 1)).await, 404).await;
    assert_problem(
        w.app
            .post(
                &format!("/api/v1/sales/{}/returns", Uuid::new_v4()),
                &w.cashier_a,
                &ret(p, 1),
            )
            .await,
        404,
    )
    .await;
    let n: i64 = sqlx::query_scalar("select count(*) from returns")
        .fetch_one(&w.app.db)
        .await
        .unwrap();
    assert_eq!(n, 0);
    assert_eq!(w.app.stock_of(w.store_a, p).await, 8);
}

#[tokio::test]
async fn after_the_window_only_a_manager_may_return() {
    let w = world().await;
    let (p, sale) = sold(&w, 2, "0").await;
    let id: Uuid = sale["id"].as_str().unwrap().parse().unwrap();
    sqlx::query("update sales set created_at = now() - interval '31 days' where id = $1")
        .bind(id)
        .execute(&w.app.db)
        .await
        .unwrap();
    let path = format!("/api/v1/sales/{id}/returns");
    assert_problem(w.app.post(&path, &w.cashier_a, &ret(p, 1)).await, 403).await;
    assert_eq!(
        w.app.post(&path, &w.manager_a, &ret(p, 1)).await.status(),
        StatusCode::CREATED
    );
}
