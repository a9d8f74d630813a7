//! Login, lockout, tokens, roles, store scoping and the audit log.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, spawn_app, world, PASSWORD};

#[tokio::test]
async fn login_returns_a_token_pair_and_me_returns_the_user() {
    let w = world().await;
    let res = w.app.login_response("cashier.a", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert_eq!(body["user"]["role"], "cashier");
    assert_eq!(body["user"]["store_id"], w.store_a.to_string());
    assert!(body["user"].get("password_hash").is_none());
    let me: Value = w
        .app
        .get("/api/v1/auth/me", body["access_token"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "cashier.a");
}

#[tokio::test]
async fn unknown_user_and_wrong_password_get_the_same_answer() {
    let w = world().await;
    let a = assert_problem(
        w.app.login_response("cashier.a", "wrong-password").await,
        401,
    )
    .await;
    let b = assert_problem(w.app.login_response("nobody", "wrong-password").await, 401).await;
    assert_eq!(a, b);
}

#[tokio::test]
async fn five_failures_lock_a_username_across_instances() {
    let w = world().await;
    let second = w.app.another_instance().await;
    for i in 0..5 {
        let app = if i % 2 == 0 { &w.app } else { &second };
        assert_problem(app.login_response("cashier.a", "bad-password").await, 401).await;
    }
    for app in [&w.app, &second] {
        let res = app.login_response("cashier.a", PASSWORD).await;
        let retry: u64 = res.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=300).contains(&retry));
        assert_problem(res, 429).await;
    }
    // Another username is unaffected.
    assert_eq!(
        w.app.login_response("cashier.a2", PASSWORD).await.status(),
        StatusCode::OK
    );
    let actions: Vec<String> =
        sqlx::query_scalar("select action from audit_logs where action like 'auth.%'")
            .fetch_all(&w.app.db)
            .await
            .unwrap();
    assert!(actions.iter().any(|a| a == "auth.lockout"));
    assert!(actions.iter().filter(|a| *a == "auth.login_failed").count() >= 5);
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let app = spawn_app().await;
    app.admin_token().await;
    let first: Value = app
        .login_response("admin", PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    let r1 = first["refresh_token"].as_str().unwrap();
    let res = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .json(&json!({ "refresh_token": r1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let second: Value = res.json().await.unwrap();
    let r2 = second["refresh_token"].as_str().unwrap();
    assert_ne!(r1, r2);
    // Reusing r1 fails and kills r2 too.
    let res = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .json(&json!({ "refresh_token": r1 }))
        .send()
        .await
        .unwrap();
    assert_problem(res, 401).await;
    let res = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .json(&json!({ "refresh_token": r2 }))
        .send()
        .await
        .unwrap();
    assert_problem(res, 401).await;
    let res = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .json(&json!({ "refresh_token": "garbage" }))
        .send()
        .await
        .unwrap();
    assert_problem(res, 401).await;
}

#[tokio::test]
async fn logout_revokes_the_refresh_token_and_the_access_token() {
    let app = spawn_app().await;
    app.admin_token().await;
    let pair: Value = app
        .login_response("admin", PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    let access = pair["access_token"].as_str().unwrap();
    let res = app
        .req(reqwest::Method::POST, "/api/v1/auth/logout", Some(access))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_problem(app.get("/api/v1/auth/me", access).await, 401).await;
    let res = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .json(&json!({ "refresh_token": pair["refresh_token"] }))
        .send()
        .await
        .unwrap();
    assert_problem(res, 401).await;
}

#[tokio::test]
async fn forged_and_expired_tokens_are_refused() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let parts: Vec<&str> = token.split('.').collect();
    let mut claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims["store_id"] = json!(uuid::Uuid::new_v4());
    let changed = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        parts[2]
    );
    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
        parts[1]
    );
    let keys = pos_api::auth::jwt::JwtKeys::new(
        "a-different-secret-that-is-long-enough-42",
        std::time::Duration::from_secs(60),
    );
    let (other_secret, _) = keys
        .issue(uuid::Uuid::new_v4(), pos_api::auth::Role::Admin, None)
        .unwrap();
    let expired_keys = pos_api::auth::jwt::JwtKeys::new(
        &app.settings.jwt_secret,
        std::time::Duration::from_secs(0),
    );
    let (expired, _) = expired_keys
        .issue(uuid::Uuid::new_v4(), pos_api::auth::Role::Admin, None)
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_secs(7)).await; // past the 5 s leeway
    for bad in [
        changed.as_str(),
        none.as_str(),
        other_secret.as_str(),
        "not.a.jwt",
        expired.as_str(),
    ] {
        assert_problem(app.get("/api/v1/auth/me", bad).await, 401).await;
    }
}

#[tokio::test]
async fn a_deactivated_user_can_neither_log_in_nor_refresh() {
    let w = world().await;
    let pair: Value = w
        .app
        .login_response("cashier.a2", PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    let id = pair["user"]["id"].as_str().unwrap();
    let res = w
        .app
        .patch(
            &format!("/api/v1/users/{id}"),
            &w.manager_a,
            &json!({ "active": false }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_problem(w.app.login_response("cashier.a2", PASSWORD).await, 401).await;
    let res = w
        .app
        .client
        .post(w.app.url("/api/v1/auth/refresh"))
        .json(&json!({ "refresh_token": pair["refresh_token"] }))
        .send()
        .await
        .unwrap();
    assert_problem(res, 401).await;
}

#[tokio::test]
async fn a_role_change_is_audited_and_applies_at_the_next_login() {
    let w = world().await;
    let users: Value = w
        .app
        .get("/api/v1/users?role=cashier", &w.admin)
        .await
        .json()
        .await
        .unwrap();
    let cashier = users["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "cashier.a2")
        .unwrap()
        .clone();
    let res = w
        .app
        .patch(
            &format!("/api/v1/users/{}", cashier["id"].as_str().unwrap()),
            &w.admin,
            &json!({ "role": "manager" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let pair: Value = w
        .app
        .login_response("cashier.a2", PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(pair["user"]["role"], "manager");
    let logs: Value = w
        .app
        .get("/api/v1/audit-logs?action=user.role_change", &w.admin)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(logs["total"], 1);
    assert_eq!(logs["items"][0]["details"]["role"]["new"], "manager");
}

#[tokio::test]
async fn managers_manage_only_their_stores_cashiers() {
    let w = world().await;
    let mk = |role: &str, store: uuid::Uuid, name: &str| json!({ "username": name, "password": PASSWORD, "full_name": "X", "role": role, "store_id": store });
    assert_problem(
        w.app
            .post(
                "/api/v1/users",
                &w.manager_a,
                &mk("manager", w.store_a, "mgr2"),
            )
            .await,
        403,
    )
    .await;
    assert_problem(
        w.app
            .post(
                "/api/v1/users",
                &w.manager_a,
                &mk("cashier", w.store_b, "cash9"),
            )
            .await,
        403,
    )
    .await;
    assert_problem(
        w.app
            .post(
                "/api/v1/users",
                &w.cashier_a,
                &mk("cashier", w.store_a, "cash8"),
            )
            .await,
        403,
    )
    .await;
    let res = w
        .app
        .post(
            "/api/v1/users",
            &w.manager_a,
            &mk("cashier", w.store_a, "cash7"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_problem(
        w.app
            .post(
                "/api/v1/users",
                &w.manager_a,
                &mk("cashier", w.store_a, "CASH7"),
            )
            .await,
        409,
    )
    .await;
    let short =
        json!({ "username": "cash6", "password": "short", "full_name": "X", "role": "cashier" });
    let body = assert_problem(w.app.post("/api/v1/users", &w.manager_a, &short).await, 422).await;
    assert!(body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["field"] == "password"));
    let listed: Value = w
        .app
        .get("/api/v1/users", &w.manager_a)
        .await
        .json()
        .await
        .unwrap();
    assert!(listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["store_id"] == w.store_a.to_string()));
}

#[tokio::test]
async fn another_stores_things_are_not_found() {
    let w = world().await;
    assert_problem(
        w.app
            .get(&format!("/api/v1/stores/{}", w.store_b), &w.cashier_a)
            .await,
        404,
    )
    .await;
    assert_problem(
        w.app
            .get(
                &format!("/api/v1/stores/{}/inventory", w.store_b),
                &w.manager_a,
            )
            .await,
        404,
    )
    .await;
    let users: Value = w
        .app
        .get("/api/v1/users", &w.manager_b)
        .await
        .json()
        .await
        .unwrap();
    let b_user = users["items"][0]["id"].as_str().unwrap().to_owned();
    assert_problem(
        w.app
            .get(&format!("/api/v1/users/{b_user}"), &w.manager_a)
            .await,
        404,
    )
    .await;
    assert_problem(
        w.app
            .get(
                &format!("/api/v1/sales?store_id={}", w.store_b),
                &w.cashier_a,
            )
            .await,
        404,
    )
    .await;
    assert_eq!(
        w.app
            .get(&format!("/api/v1/stores/{}", w.store_b), &w.admin)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_audit_log_is_admin_only_filterable_and_append_only() {
    let w = world().await;
    assert_problem(w.app.get("/api/v1/audit-logs", &w.manager_a).await, 403).await;
    let logs: Value = w
        .app
        .get("/api/v1/audit-logs?action=auth.login&per_page=2", &w.admin)
        .await
        .json()
        .await
        .unwrap();
    assert!(logs["total"].as_i64().unwrap() >= 5);
    assert_eq!(logs["items"].as_array().unwrap().len(), 2);
    assert_eq!(logs["per_page"], 2);
    assert_problem(
        w.app
            .get("/api/v1/audit-logs?from=2026-13-01", &w.admin)
            .await,
        422,
    )
    .await;
    assert_problem(
        w.app.get("/api/v1/audit-logs?per_page=500", &w.admin).await,
        422,
    )
    .await;
    let update = sqlx::query("update audit_logs set action = 'x'")
        .execute(&w.app.db)
        .await;
    assert!(update.is_err(), "audit rows cannot be updated");
    let delete = sqlx::query("delete from audit_logs")
        .execute(&w.app.db)
        .await;
    assert!(delete.is_err(), "audit rows cannot be deleted");
}
