//! Liveness and readiness for load balancers: cheap, unauthenticated.

use actix_web::{web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{error::Problem, state::AppState};

#[derive(Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: String,
}

#[derive(Serialize, ToSchema)]
pub struct Readiness {
    #[schema(example = "ok")]
    pub status: String,
    /// Each dependency and whether it answered: `up`, `down` or `not_configured`.
    #[schema(value_type = Object, example = json!({"postgres": "up", "redis": "up"}))]
    pub checks: serde_json::Map<String, serde_json::Value>,
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(super::resource("/health").route(web::get().to(health)))
        .service(super::resource("/ready").route(web::get().to(ready)));
}

/// Liveness: 200 while the process runs.
#[utoipa::path(get, path = "/health", tag = "operations",
    responses((status = 200, description = "The process is running", body = Health)))]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok".into(),
    })
}

/// Readiness: 200 when Postgres (and Redis, when configured) answer.
#[utoipa::path(get, path = "/ready", tag = "operations",
    responses(
        (status = 200, description = "All dependencies answer", body = Readiness),
        (status = 503, description = "A dependency is down; the body names it", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn ready(state: web::Data<AppState>) -> HttpResponse {
    let timeout = std::time::Duration::from_secs(2);
    let pg = tokio::time::timeout(timeout, sqlx::query("select 1").execute(&state.db)).await;
    let pg_up = matches!(pg, Ok(Ok(_)));
    let redis = match &state.kv {
        crate::kv::Kv::Memory(_) => "not_configured",
        kv => match tokio::time::timeout(timeout, kv.ping()).await {
            Ok(Ok(())) => "up",
            _ => "down",
        },
    };
    let mut checks = serde_json::Map::new();
    checks.insert("postgres".into(), if pg_up { "up" } else { "down" }.into());
    checks.insert("redis".into(), redis.into());
    let down: Vec<&str> = [("postgres", !pg_up), ("redis", redis == "down")]
        .into_iter()
        .filter_map(|(name, is_down)| is_down.then_some(name))
        .collect();
    if down.is_empty() {
        return HttpResponse::Ok().json(Readiness {
            status: "ok".into(),
            checks,
        });
    }
    HttpResponse::ServiceUnavailable()
        .content_type("application/problem+json")
        .json(serde_json::json!({
            "type": "about:blank",
            "title": "Service Unavailable",
            "status": 503,
            "detail": format!("unavailable: {}", down.join(", ")),
            "checks": checks,
        }))
}
