//! Transfers: request, approve (atomic, through the ledger) or reject.

use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{assert_problem, world, World};

async fn pending(w: &World, requester: &str, qty: i64) -> (Uuid, Uuid) {
    let p = w
        .app
        .create_product(&w.admin, "T1", "10.00", "standard")
        .await;
    w.app.stock_in(&w.admin, w.store_a, p, 10).await;
    let res = w.app.post("/api/v1/transfers", requester, &json!({ "from_store_id": w.store_a, "to_store_id": w.store_b, "items": [{ "product_id": p, "quantity": qty }], "note": "restock" })).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let t: Value = res.json().await.unwrap();
    assert_eq!(t["status"], "pending");
    (t["id"].as_str().unwrap().parse().unwrap(), p)
}

#[tokio::test]
async fn an_approved_transfer_moves_stock_atomically_through_the_ledger() {
    let w = world().await;
    let (id, p) = pending(&w, &w.manager_b, 4).await;
    let res = w
        .app
        .post(
            &format!("/api/v1/transfers/{id}/approve"),
            &w.manager_a,
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let t: Value = res.json().await.unwrap();
    assert_eq!(t["status"], "approved");
    assert!(t["decided_by"].is_string() && t["decided_at"].is_string());
    assert_eq!(w.app.stock_of(w.store_a, p).await, 6);
    assert_eq!(w.app.stock_of(w.store_b, p).await, 4);
    w.app.assert_ledger_matches_stock().await;
    assert_problem(
        w.app
            .post(
                &format!("/api/v1/transfers/{id}/approve"),
                &w.admin,
                &json!({}),
            )
            .await,
        409,
    )
    .await;
    assert_problem(
        w.app
            .post(
                &format!("/api/v1/transfers/{id}/reject"),
                &w.admin,
                &json!({ "reason": "late" }),
            )
            .await,
        409,
    )
    .await;
    let actions: Vec<String> =
        sqlx::query_scalar("select action from audit_logs where entity = 'transfer' order by at")
            .fetch_all(&w.app.db)
            .await
            .unwrap();
    assert_eq!(actions, ["transfer.request", "transfer.approve"]);
}

#[tokio::test]
async fn only_an_admin_or_another_source_manager_may_approve() {
    let w = world().await;
    let (id, _) = pending(&w, &w.manager_a, 1).await;
    let path = format!("/api/v1/transfers/{id}/approve");
    assert_problem(w.app.post(&path, &w.manager_a, &json!({})).await, 403).await; // requested it
    assert_problem(w.app.post(&path, &w.manager_b, &json!({})).await, 403).await; // destination manager
    assert_problem(w.app.post(&path, &w.cashier_a, &json!({})).await, 403).await;
    assert_eq!(
        w.app.post(&path, &w.admin, &json!({})).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_racing_double_approval_moves_stock_once() {
    let w = world().await;
    let (id, p) = pending(&w, &w.manager_b, 3).await;
    let path = format!("/api/v1/transfers/{id}/approve");
    let app = &w.app;
    let results = join_all((0..6).map(|i| {
        let token = if i % 2 == 0 { &w.admin } else { &w.manager_a };
        let path = &path;
        async move { app.post(path, token, &json!({})).await.status().as_u16() }
    }))
    .await;
    assert_eq!(
        results.iter().filter(|s| **s == 200).count(),
        1,
        "{results:?}"
    );
    assert_eq!(
        results.iter().filter(|s| **s == 409).count(),
        5,
        "{results:?}"
    );
    assert_eq!(w.app.stock_of(w.store_a, p).await, 7);
    assert_eq!(w.app.stock_of(w.store_b, p).await, 3);
}

#[tokio::test]
async fn approval_without_stock_and_after_rejection_moves_nothing() {
    let w = world().await;
    let (id, p) = pending(&w, &w.manager_b, 11).await;
    assert_problem(
        w.app
            .post(
                &format!("/api/v1/transfers/{id}/approve"),
                &w.admin,
                &json!({}),
            )
            .await,
        409,
    )
    .await;
    assert_eq!(w.app.stock_of(w.store_a, p).await, 10);
    let res = w
        .app
        .post(
            &format!("/api/v1/transfers/{id}/reject"),
            &w.manager_a,
            &json!({ "reason": "not enough" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let t: Value = res.json().await.unwrap();
    assert_eq!(t["status"], "rejected");
    assert_eq!(t["reject_reason"], "not enough");
    assert_problem(
        w.app
            .post(
                &format!("/api/v1/transfers/{id}/approve"),
                &w.admin,
                &json!({}),
            )
            .await,
        409,
    )
    .await;
    assert_eq!(w.app.stock_of(w.store_a, p).await, 10);
    assert_eq!(w.app.stock_of(w.store_b, p).await, 0);
}

#[tokio::test]
async fn invalid_transfers_are_refused() {
    let w = world().await;
    let p = w
        .app
        .create_product(&w.admin, "T2", "10.00", "standard")
        .await;
    let mk = |from: Uuid, to: Uuid, q: i64| json!({ "from_store_id": from, "to_store_id": to, "items": [{ "product_id": p, "quantity": q }] });
    assert_problem(
        w.app
            .post("/api/v1/transfers", &w.admin, &mk(w.store_a, w.store_a, 1))
            .await,
        422,
    )
    .await;
    assert_problem(
        w.app
            .post("/api/v1/transfers", &w.admin, &mk(w.store_a, w.store_b, 0))
            .await,
        422,
    )
    .await;
    assert_problem(
        w.app
            .post(
                "/api/v1/transfers",
                &w.admin,
                &mk(w.store_a, Uuid::new_v4(), 1),
            )
            .await,
        404,
    )
    .await;
    assert_problem(
        w.app
            .post(
                "/api/v1/transfers",
                &w.cashier_a,
                &mk(w.store_a, w.store_b, 1),
            )
            .await,
        403,
    )
    .await;
    let listed: Value = w
        .app
        .get("/api/v1/transfers?status=pending", &w.manager_a)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["total"], 0);
    assert_problem(
        w.app
            .get("/api/v1/transfers?status=lost", &w.manager_a)
            .await,
        422,
    )
    .await;
}
