//! Reports reconcile to the cent with the sales and returns they cover.

use std::collections::BTreeMap;

use rand::{rngs::StdRng, Rng, SeedableRng};
use reqwest::{Method, StatusCode};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{assert_problem, sale_body, world};

fn dec(v: &Value) -> Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("not a money string: {v}"))
        .parse()
        .unwrap()
}

#[derive(Default)]
struct Expected {
    count: i64,
    gross: Decimal,
    discount: Decimal,
    vat: Decimal,
    returns: Decimal,
    by_method: BTreeMap<String, Decimal>,
    by_cashier: BTreeMap<String, (i64, Decimal)>,
    taxable: BTreeMap<String, Decimal>,
    vat_by_class: BTreeMap<String, Decimal>,
    commission: BTreeMap<String, (Decimal, Decimal, Decimal)>,
}

#[tokio::test]
async fn random_sales_and_returns_reconcile_with_every_report() {
    let w = world().await;
    let products = [
        ("STD", "99.99", "standard"),
        ("ZR", "45.50", "zero_rated"),
        ("EX", "120.00", "exempt"),
        ("STD2", "0.35", "standard"),
    ];
    let mut ids = Vec::new();
    for (sku, price, class) in products {
        let p = w.app.create_product(&w.manager_a, sku, price, class).await;
        w.app.stock_in(&w.manager_a, w.store_a, p, 100_000).await;
        ids.push((p, class));
    }
    let cashiers = [("cashier.a", &w.cashier_a), ("cashier.a2", &w.cashier_a2)];
    let mut rng = StdRng::seed_from_u64(7);
    let mut e = Expected::default();
    for n in 0..240 {
        let (name, token) = cashiers[n % 2];
        let mut lines = Vec::new();
        for (p, _) in &ids {
            if rng.gen_bool(0.6) {
                let discount = if rng.gen_bool(0.3) { "0.07" } else { "0" };
                lines.push(json!({ "product_id": p, "quantity": rng.gen_range(1..6), "discount": discount }));
            }
        }
        if lines.is_empty() {
            continue;
        }
        // A generous cash tender, sometimes split with a small M-Pesa payment.
        let mut body = sale_body(
            w.store_a,
            json!(lines),
            json!([{ "method": "cash", "amount": "100000" }]),
        );
        if rng.gen_bool(0.4) {
            body["payments"] = json!([{ "method": "mpesa", "amount": "0.01", "reference": "QX1" }, { "method": "cash", "amount": "100000" }]);
        }
        let res = w.app.post_sale(token, &format!("s{n}"), &body).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let sale: Value = res.json().await.unwrap();
        e.count += 1;
        e.gross += dec(&sale["total"]);
        e.discount += dec(&sale["discount_total"]);
        e.vat += dec(&sale["vat_total"]);
        for p in sale["payments"].as_array().unwrap() {
            *e.by_method
                .entry(p["method"].as_str().unwrap().into())
                .or_default() += dec(&p["amount"]);
        }
        *e.by_method.get_mut("cash").unwrap() -= dec(&sale["change_due"]);
        let c = e.by_cashier.entry(name.into()).or_default();
        c.0 += 1;
        c.1 += dec(&sale["total"]);
        let k = e.commission.entry(name.into()).or_default();
        k.0 += dec(&sale["net_total"]);
        k.1 += dec(&sale["commission"]);
        for item in sale["items"].as_array().unwrap() {
            let class = item["tax_class"].as_str().unwrap().to_owned();
            *e.taxable.entry(class.clone()).or_default() +=
                dec(&item["line_total"]) - dec(&item["vat_amount"]);
            *e.vat_by_class.entry(class).or_default() += dec(&item["vat_amount"]);
        }
        if rng.gen_bool(0.35) {
            let item = &sale["items"][0];
            let q = rng.gen_range(1..=item["quantity"].as_i64().unwrap());
            let ret = json!({ "items": [{ "product_id": item["product_id"], "quantity": q }], "reason": "test", "refund_method": "cash" });
            let res = w
                .app
                .post(
                    &format!("/api/v1/sales/{}/returns", sale["id"].as_str().unwrap()),
                    &w.manager_a,
                    &ret,
                )
                .await;
            assert_eq!(res.status(), StatusCode::CREATED);
            let r: Value = res.json().await.unwrap();
            e.returns += dec(&r["refund_total"]);
            k_reverse(&mut e, name, dec(&r["commission_reversed"]));
            let class = r["items"][0]["tax_class"].as_str().unwrap().to_owned();
            *e.taxable.get_mut(&class).unwrap() -=
                dec(&r["refund_total"]) - dec(&r["vat_reversed"]);
            *e.vat_by_class.get_mut(&class).unwrap() -= dec(&r["vat_reversed"]);
        }
    }

    let summary: Value = w
        .app
        .get("/api/v1/reports/sales-summary", &w.manager_a)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(summary["sales_count"], e.count);
    assert_eq!(dec(&summary["gross_total"]), e.gross);
    assert_eq!(dec(&summary["discount_total"]), e.discount);
    assert_eq!(dec(&summary["vat_total"]), e.vat);
    assert_eq!(dec(&summary["net_total"]), e.gross - e.vat);
    assert_eq!(dec(&summary["returns_total"]), e.returns);
    assert_eq!(summary["by_day"].as_array().unwrap().len(), 1);
    assert_eq!(dec(&summary["by_day"][0]["gross_total"]), e.gross);
    let methods: BTreeMap<String, Decimal> = summary["by_payment_method"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["method"].as_str().unwrap().into(), dec(&m["amount"])))
        .collect();
    assert_eq!(methods, e.by_method);
    assert_eq!(methods.values().copied().sum::<Decimal>(), e.gross);
    for c in summary["by_cashier"].as_array().unwrap() {
        let (n, gross) = e.by_cashier[c["username"].as_str().unwrap()];
        assert_eq!(
            (c["sales_count"].as_i64().unwrap(), dec(&c["gross_total"])),
            (n, gross)
        );
    }

    let vat: Value = w
        .app
        .get("/api/v1/reports/vat", &w.manager_a)
        .await
        .json()
        .await
        .unwrap();
    for line in vat["lines"].as_array().unwrap() {
        let class = line["tax_class"].as_str().unwrap();
        assert_eq!(dec(&line["taxable_amount"]), e.taxable[class], "{class}");
        assert_eq!(dec(&line["vat_amount"]), e.vat_by_class[class], "{class}");
    }
    assert_eq!(
        dec(&vat["total_vat"]),
        e.vat_by_class.values().copied().sum::<Decimal>()
    );
    assert_eq!(
        dec(&vat["total_taxable"]),
        e.taxable.values().copied().sum::<Decimal>()
    );

    let commission: Value = w
        .app
        .get("/api/v1/reports/commission", &w.admin)
        .await
        .json()
        .await
        .unwrap();
    let mut total = Decimal::ZERO;
    for item in commission["items"].as_array().unwrap() {
        let (net, earned, reversed) = e.commission[item["username"].as_str().unwrap()];
        assert_eq!(dec(&item["net_sales"]), net);
        assert_eq!(dec(&item["commission"]), earned);
        assert_eq!(dec(&item["reversed"]), reversed);
        assert_eq!(dec(&item["payable"]), earned - reversed);
        total += earned - reversed;
    }
    assert_eq!(dec(&commission["total_payable"]), total);
}

fn k_reverse(e: &mut Expected, name: &str, amount: Decimal) {
    e.commission.get_mut(name).unwrap().2 += amount;
}

#[tokio::test]
async fn reports_download_as_csv() {
    let w = world().await;
    let p = w
        .app
        .create_product(&w.manager_a, "CSV", "10.00", "standard")
        .await;
    w.app.stock_in(&w.manager_a, w.store_a, p, 1).await;
    let body = sale_body(
        w.store_a,
        json!([{ "product_id": p, "quantity": 1 }]),
        json!([{ "method": "cash", "amount": "10" }]),
    );
    assert_eq!(
        w.app.post_sale(&w.cashier_a, "k", &body).await.status(),
        StatusCode::CREATED
    );
    let res = w
        .app
        .req(
            Method::GET,
            "/api/v1/reports/sales-summary",
            Some(&w.manager_a),
        )
        .header("Accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("sales-summary_"));
    let text = res.text().await.unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("date,sales_count,gross_total,vat_total"));
    assert!(lines.next().unwrap().ends_with(",1,10.00,1.38"));
    let vat = w
        .app
        .get("/api/v1/reports/vat?format=csv", &w.manager_a)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        vat.starts_with("tax_class,vat_rate,taxable_amount,vat_amount\nstandard,16.00,8.62,1.38\n"),
        "{vat}"
    );
    let low = w
        .app
        .get("/api/v1/reports/low-stock?format=csv", &w.manager_a)
        .await
        .text()
        .await
        .unwrap();
    assert!(low.starts_with("store_id,product_id,sku,name,quantity,reorder_level\n"));
    assert!(low.contains(",CSV,Product CSV,0,2"), "{low}");
    let empty = w
        .app
        .get(
            "/api/v1/reports/commission?format=csv&from=2020-01-01&to=2020-01-31",
            &w.manager_a,
        )
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        empty,
        "user_id,username,sales_count,net_sales,commission,reversed,payable\n"
    );
}

#[tokio::test]
async fn reports_are_scoped_and_validated() {
    let w = world().await;
    assert_problem(
        w.app
            .get("/api/v1/reports/sales-summary", &w.cashier_a)
            .await,
        403,
    )
    .await;
    assert_problem(
        w.app
            .get(
                &format!("/api/v1/reports/vat?store_id={}", w.store_b),
                &w.manager_a,
            )
            .await,
        404,
    )
    .await;
    // `from` after `to` is an empty range, not an error.
    let reversed: Value = w
        .app
        .get(
            "/api/v1/reports/sales-summary?from=2026-02-01&to=2026-01-01",
            &w.manager_a,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(reversed["sales_count"], 0);
    assert_problem(
        w.app
            .get("/api/v1/reports/vat?from=yesterday", &w.manager_a)
            .await,
        422,
    )
    .await;
    assert_problem(
        w.app
            .get("/api/v1/reports/vat?format=pdf", &w.manager_a)
            .await,
        422,
    )
    .await;
    let all: Value = w
        .app
        .get(
            "/api/v1/reports/sales-summary?from=2026-01-01&to=2026-12-31",
            &w.admin,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all["store_id"], Value::Null);
    assert_eq!(all["sales_count"], 0);
    assert_eq!(all["gross_total"], "0.00");
    let vat: Value = w
        .app
        .get(
            &format!("/api/v1/reports/vat?store_id={}", Uuid::nil()),
            &w.admin,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(vat["lines"].as_array().unwrap().len(), 3);
    let low: Value = w
        .app
        .get("/api/v1/reports/low-stock?per_page=5", &w.manager_a)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(low["per_page"], 5);
}
