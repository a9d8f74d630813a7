//! Cash-drawer shifts: open, cash in/out, close with counts, X and Z reports.

use futures::future::join_all;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, sale_body, world, World};

async fn require_shifts(w: &World) {
    let res = w
        .app
        .patch(
            &format!("/api/v1/stores/{}", w.store_a),
            &w.admin,
            &json!({ "requires_shift": true }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn open_shift(w: &World, token: &str, till: &str, float: &str) -> String {
    let res = w
        .app
        .post(
            "/api/v1/shifts",
            token,
            &json!({ "store_id": w.store_a, "till": till, "opening_float": float }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let shift: Value = res.json().await.unwrap();
    assert_eq!(shift["status"], "open");
    shift["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_store_that_requires_shifts_refuses_sales_without_one() {
    let w = world().await;
    require_shifts(&w).await;
    let p = w
        .app
        .create_product(&w.manager_a, "S", "10.00", "standard")
        .await;
    w.app.stock_in(&w.manager_a, w.store_a, p, 5).await;
    let body = sale_body(
        w.store_a,
        json!([{ "product_id": p, "quantity": 1 }]),
        json!([{ "method": "cash", "amount": "10" }]),
    );
    let problem = assert_problem(w.app.post_sale(&w.cashier_a, "k1", &body).await, 409).await;
    assert!(problem["detail"].as_str().unwrap().contains("shift"));
    let shift = open_shift(&w, &w.cashier_a, "Till 1", "1000.00").await;
    let sale: Value = w
        .app
        .post_sale(&w.cashier_a, "k2", &body)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sale["shift_id"], shift.as_str());
    assert_eq!(sale["receipt_number"], "AAA-000001");
}

#[tokio::test]
async fn one_open_shift_per_cashier_and_per_till() {
    let w = world().await;
    open_shift(&w, &w.cashier_a, "Till 1", "0").await;
    let again = json!({ "store_id": w.store_a, "till": "Till 2", "opening_float": "0" });
    assert_problem(
        w.app.post("/api/v1/shifts", &w.cashier_a, &again).await,
        409,
    )
    .await;
    let same_till = json!({ "store_id": w.store_a, "till": "till 1", "opening_float": "0" });
    assert_problem(
        w.app
            .post("/api/v1/shifts", &w.cashier_a2, &same_till)
            .await,
        409,
    )
    .await;
    let bad = json!({ "store_id": w.store_a, "till": "Till 3", "opening_float": "-5" });
    assert_problem(w.app.post("/api/v1/shifts", &w.cashier_a2, &bad).await, 422).await;
    let other_store = json!({ "store_id": w.store_b, "till": "Till 3", "opening_float": "0" });
    assert_problem(
        w.app
            .post("/api/v1/shifts", &w.cashier_a2, &other_store)
            .await,
        404,
    )
    .await;
    let current: Value = w
        .app
        .get("/api/v1/shifts/current", &w.cashier_a)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(current["till"], "Till 1");
    assert_problem(
        w.app.get("/api/v1/shifts/current", &w.cashier_a2).await,
        404,
    )
    .await;
}

#[tokio::test]
async fn closing_reports_expected_counted_and_variance_and_freezes_the_shift() {
    let w = world().await;
    let shift = open_shift(&w, &w.cashier_a, "Till 1", "2000.00").await;
    let p = w
        .app
        .create_product(&w.manager_a, "S", "116.00", "standard")
        .await;
    w.app.stock_in(&w.manager_a, w.store_a, p, 10).await;
    let cash_sale = sale_body(
        w.store_a,
        json!([{ "product_id": p, "quantity": 2 }]),
        json!([{ "method": "cash", "amount": "300" }]),
    );
    let sale: Value = w
        .app
        .post_sale(&w.cashier_a, "k1", &cash_sale)
        .await
        .json()
        .await
        .unwrap();
    let mpesa_sale = sale_body(
        w.store_a,
        json!([{ "product_id": p, "quantity": 1 }]),
        json!([{ "method": "mpesa", "amount": "116", "reference": "QA1" }]),
    );
    assert_eq!(
        w.app
            .post_sale(&w.cashier_a, "k2", &mpesa_sale)
            .await
            .status(),
        StatusCode::CREATED
    );
    let ret = json!({ "items": [{ "product_id": p, "quantity": 1 }], "reason": "faulty", "refund_method": "cash" });
    assert_eq!(
        w.app
            .post(
                &format!("/api/v1/sales/{}/returns", sale["id"].as_str().unwrap()),
                &w.cashier_a,
                &ret
            )
            .await
            .status(),
        StatusCode::CREATED
    );
    let out = json!({ "kind": "out", "amount": "500.00", "reason": "supplier" });
    assert_eq!(
        w.app
            .post(
                &format!("/api/v1/shifts/{shift}/cash-movements"),
                &w.cashier_a,
                &out
            )
            .await
            .status(),
        StatusCode::CREATED
    );
    let x: Value = w
        .app
        .get(&format!("/api/v1/shifts/{shift}/report"), &w.cashier_a)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(x["kind"], "X");
    assert_eq!(x["sales_count"], 2);
    // 2000 float + 232 cash sales - 116 cash refund - 500 paid out
    assert_eq!(
        x["expected"],
        json!({ "cash": "1616.00", "mpesa": "116.00", "card": "0.00" })
    );
    assert_eq!(x["counted"], Value::Null);
    assert_eq!(x["vat_by_class"][0]["vat_amount"], "32.00");

    let close =
        json!({ "counted_cash": "1610.00", "counted_mpesa": "116.00", "counted_card": "0" });
    let res = w
        .app
        .post(
            &format!("/api/v1/shifts/{shift}/close"),
            &w.manager_a,
            &close,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let z: Value = res.json().await.unwrap();
    assert_eq!(z["kind"], "Z");
    assert_eq!(z["shift"]["z_number"], 1);
    assert_eq!(
        z["variance"],
        json!({ "cash": "-6.00", "mpesa": "0.00", "card": "0.00" })
    );
    assert_problem(
        w.app
            .post(
                &format!("/api/v1/shifts/{shift}/close"),
                &w.manager_a,
                &close,
            )
            .await,
        409,
    )
    .await;
    assert_problem(
        w.app
            .post(
                &format!("/api/v1/shifts/{shift}/cash-movements"),
                &w.cashier_a,
                &out,
            )
            .await,
        409,
    )
    .await;
    let csv = w
        .app
        .req(
            Method::GET,
            &format!("/api/v1/shifts/{shift}/report?format=csv"),
            Some(&w.manager_a),
        )
        .send()
        .await
        .unwrap();
    assert!(csv.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("z-report-1.csv"));
    let text = csv.text().await.unwrap();
    assert!(text.starts_with("item,value\nreport,Z\nz_number,1\n"));
    assert!(text.contains("variance_cash,-6.00"));
    assert_problem(
        w.app
            .get(&format!("/api/v1/shifts/{shift}"), &w.cashier_b)
            .await,
        404,
    )
    .await;
    let logs: Value = w
        .app
        .get("/api/v1/audit-logs?action=shift.close", &w.admin)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(logs["total"], 1);
}

#[tokio::test]
async fn sales_racing_the_close_are_either_in_the_z_report_or_refused() {
    let w = world().await;
    require_shifts(&w).await;
    let shift = open_shift(&w, &w.cashier_a, "Till 1", "0").await;
    let p = w
        .app
        .create_product(&w.manager_a, "S", "10.00", "exempt")
        .await;
    w.app.stock_in(&w.manager_a, w.store_a, p, 100).await;
    let body = sale_body(
        w.store_a,
        json!([{ "product_id": p, "quantity": 1 }]),
        json!([{ "method": "cash", "amount": "10" }]),
    );
    let close = json!({ "counted_cash": "0", "counted_mpesa": "0", "counted_card": "0" });
    let close_path = format!("/api/v1/shifts/{shift}/close");
    let sales = join_all((0..12).map(|i| {
        let body = &body;
        let app = &w.app;
        let token = &w.cashier_a;
        async move {
            app.post_sale(token, &format!("race-{i}"), body)
                .await
                .status()
                .as_u16()
        }
    }));
    let (statuses, z) = tokio::join!(sales, async {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        w.app
            .post(&close_path, &w.manager_a, &close)
            .await
            .json::<Value>()
            .await
            .unwrap()
    });
    let sold = statuses.iter().filter(|s| **s == 201).count() as i64;
    assert!(
        statuses.iter().all(|s| *s == 201 || *s == 409),
        "{statuses:?}"
    );
    assert_eq!(
        z["sales_count"], sold,
        "every committed sale of the shift is in its Z report"
    );
    let on_shift: i64 = sqlx::query_scalar("select count(*) from sales where shift_id is not null")
        .fetch_one(&w.app.db)
        .await
        .unwrap();
    assert_eq!(on_shift, sold);
    assert_eq!(w.app.stock_of(w.store_a, p).await, 100 - sold as i32);
}
