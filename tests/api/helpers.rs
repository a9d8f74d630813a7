//! `spawn_app()` and fixtures shared by the tests.

use std::{sync::Arc, time::Duration};

use pos_api::{
    config::{Environment, Settings},
    startup::Application,
};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde_json::{json, Value};
use sqlx::{Connection, PgConnection, PgPool};
use uuid::Uuid;

pub const PASSWORD: &str = "correct-horse-9";

fn pg_base() -> String {
    std::env::var("TEST_PG_BASE").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

fn redis_url() -> Option<String> {
    match std::env::var("TEST_REDIS_URL") {
        Ok(v) if v == "none" => None,
        Ok(v) => Some(v),
        Err(_) => Some("redis://127.0.0.1:6379".into()),
    }
}

/// Owns the test database; dropping the last handle drops the database.
pub struct TestDb {
    pub name: String,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop runs outside any async context we can borrow, so use a thread.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async {
                if let Ok(mut conn) =
                    PgConnection::connect(&format!("{}/postgres", pg_base())).await
                {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                        r#"drop database if exists "{name}" with (force)"#
                    )))
                    .execute(&mut conn)
                    .await;
                }
            });
        })
        .join();
    }
}

pub struct TestApp {
    pub addr: String,
    pub client: reqwest::Client,
    pub db: PgPool,
    pub settings: Settings,
    pub test_db: Arc<TestDb>,
}

pub fn test_settings(database_url: String, redis_prefix: String) -> Settings {
    Settings {
        env: Environment::Dev,
        bind: "127.0.0.1:0".parse().unwrap(),
        database_url,
        db_max_connections: 20,
        db_acquire_timeout: Duration::from_secs(10),
        redis_url: redis_url(),
        redis_prefix,
        jwt_secret: "test-secret-that-is-long-enough-0123456789".into(),
        access_token_ttl: Duration::from_secs(900),
        refresh_token_ttl: Duration::from_secs(86_400),
        cors_origins: vec!["http://till.example".into()],
        rate_limit_per_second: 0,
        body_limit_bytes: 64 * 1024,
        web_dir: None,
        admin_username: None,
        admin_password: None,
        return_window_days: 30,
        workers: 2,
        metrics_token: Some("test-metrics-token".into()),
        alerts: None,
        log_dir: None,
        trusted_proxies: Vec::new(),
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Spawns the API on a fresh database; `tweak` may change settings first.
pub async fn spawn_app_with(tweak: impl FnOnce(&mut Settings)) -> TestApp {
    let name = format!("duka_test_{}", Uuid::new_v4().simple());
    let mut admin = PgConnection::connect(&format!("{}/postgres", pg_base()))
        .await
        .expect("connect to postgres");
    sqlx::query(sqlx::AssertSqlSafe(format!(r#"create database "{name}""#)))
        .execute(&mut admin)
        .await
        .expect("create test database");
    let test_db = Arc::new(TestDb { name: name.clone() });
    let mut settings = test_settings(format!("{}/{name}", pg_base()), format!("test:{name}:"));
    tweak(&mut settings);
    start(settings, test_db).await
}

async fn start(settings: Settings, test_db: Arc<TestDb>) -> TestApp {
    let app = Application::build(settings.clone())
        .await
        .expect("build app");
    let port = app.port();
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        addr: format!("http://127.0.0.1:{port}"),

        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        db,
        settings,
        test_db,
    }
}

impl TestApp {
    /// A second API instance over the same database and the same Redis.
    pub async fn another_instance(&self) -> TestApp {
        start(self.settings.clone(), self.test_db.clone()).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.addr, path)
    }

    pub fn req(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let b = self.client.request(method, self.url(path));
        match token {
            Some(t) => b.bearer_auth(t),
            None => b,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.req(Method::GET, path, Some(token))
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, token: &str, body: &Value) -> Response {
        self.req(Method::POST, path, Some(token))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn patch(&self, path: &str, token: &str, body: &Value) -> Response {
        self.req(Method::PATCH, path, Some(token))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn login_response(&self, username: &str, password: &str) -> Response {
        self.client
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({ "username": username, "password": password }))
            .send()
            .await
            .unwrap()
    }

    pub async fn login(&self, username: &str, password: &str) -> String {
        let res = self.login_response(username, password).await;
        assert_eq!(res.status(), StatusCode::OK, "login {username}");
        res.json::<Value>().await.unwrap()["access_token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Creates the first admin directly (as `pos-api create-admin` does) and logs in.
    pub async fn admin_token(&self) -> String {
        if pos_api::bootstrap::create_admin(&self.db, "admin", PASSWORD)
            .await
            .is_err()
        {
            // already created by an earlier call
        }
        self.login("admin", PASSWORD).await
    }

    pub async fn create_store(&self, admin: &str, code: &str) -> Uuid {
        let res = self
            .post(
                "/api/v1/stores",
                admin,
                &json!({ "code": code, "name": format!("Store {code}"), "kra_pin": "P051234567Z" }),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        id_of(res).await
    }

    pub async fn create_user(
        &self,
        token: &str,
        username: &str,
        role: &str,
        store: Option<Uuid>,
        commission_rate: &str,
    ) -> Uuid {
        let res = self
            .post("/api/v1/users", token, &json!({ "username": username, "password": PASSWORD, "full_name": username, "role": role, "store_id": store, "commission_rate": commission_rate }))
            .await;
        assert_eq!(res.status(), StatusCode::CREATED, "create user {username}");
        id_of(res).await
    }

    pub async fn create_product(
        &self,
        token: &str,
        sku: &str,
        price: &str,
        tax_class: &str,
    ) -> Uuid {
        let res = self
            .post("/api/v1/products", token, &json!({ "sku": sku, "barcode": format!("BC{sku}"), "name": format!("Product {sku}"), "category": "Test", "price": price, "cost": "1.00", "tax_class": tax_class, "reorder_level": 2 }))
            .await;
        assert_eq!(res.status(), StatusCode::CREATED, "create product {sku}");
        id_of(res).await
    }

    pub async fn stock_in(&self, token: &str, store: Uuid, product: Uuid, delta: i32) {
        let res = self
            .post(
                &format!("/api/v1/stores/{store}/inventory/adjustments"),
                token,
                &json!({ "product_id": product, "delta": delta, "reason": "received" }),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }

    pub async fn stock_of(&self, store: Uuid, product: Uuid) -> i32 {
        sqlx::query_scalar::<_, i32>(
            "select quantity from inventory where store_id = $1 and product_id = $2",
        )
        .bind(store)
        .bind(product)
        .fetch_optional(&self.db)
        .await
        .unwrap()
        .unwrap_or(0)
    }

    /// Asserts stock equals the sum of its ledger movements, everywhere.
    pub async fn assert_ledger_matches_stock(&self) {
        let mismatches: i64 = sqlx::query_scalar(
            "select count(*) from inventory i
             left join (select store_id, product_id, sum(delta) as s from stock_movements group by 1, 2) m using (store_id, product_id)
             where i.quantity <> coalesce(m.s, 0)",
        )
        .fetch_one(&self.db)
        .await
        .unwrap();
        assert_eq!(mismatches, 0, "stock and ledger disagree");
    }

    pub async fn post_sale(&self, token: &str, key: &str, body: &Value) -> Response {
        self.req(Method::POST, "/api/v1/sales", Some(token))
            .header("Idempotency-Key", key)
            .json(body)
            .send()
            .await
            .unwrap()
    }
}

pub async fn id_of(res: Response) -> Uuid {
    let v: Value = res.json().await.unwrap();
    v["id"].as_str().unwrap().parse().unwrap()
}

/// Asserts a problem+json response with `status`; returns its body.
pub async fn assert_problem(res: Response, status: u16) -> Value {
    assert_eq!(res.status().as_u16(), status, "unexpected status");
    let ct = res
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(ct, "application/problem+json");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], status);
    assert!(body["title"].is_string() && body["detail"].is_string() && body["type"].is_string());
    body
}

/// Two stores (A, B), a manager and two cashiers in A, a cashier in B,
/// and products with stock in A.
pub struct World {
    pub app: TestApp,
    pub admin: String,
    pub store_a: Uuid,
    pub store_b: Uuid,
    pub manager_a: String,
    pub cashier_a: String,
    pub cashier_a_id: Uuid,
    pub cashier_a2: String,
    pub cashier_b: String,
    pub manager_b: String,
}

pub async fn world() -> World {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let store_a = app.create_store(&admin, "AAA").await;
    let store_b = app.create_store(&admin, "BBB").await;
    app.create_user(&admin, "manager.a", "manager", Some(store_a), "1.00")
        .await;
    let cashier_a_id = app
        .create_user(&admin, "cashier.a", "cashier", Some(store_a), "2.50")
        .await;
    app.create_user(&admin, "cashier.a2", "cashier", Some(store_a), "0")
        .await;
    app.create_user(&admin, "cashier.b", "cashier", Some(store_b), "2.00")
        .await;
    app.create_user(&admin, "manager.b", "manager", Some(store_b), "1.00")
        .await;
    World {
        manager_a: app.login("manager.a", PASSWORD).await,
        cashier_a: app.login("cashier.a", PASSWORD).await,
        cashier_a2: app.login("cashier.a2", PASSWORD).await,
        cashier_b: app.login("cashier.b", PASSWORD).await,
        manager_b: app.login("manager.b", PASSWORD).await,
        cashier_a_id,
        app,
        admin,
        store_a,
        store_b,
    }
}

pub fn sale_body(store: Uuid, items: Value, payments: Value) -> Value {
    json!({ "store_id": store, "items": items, "payments": payments })
}
