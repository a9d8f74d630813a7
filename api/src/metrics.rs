//! Prometheus metrics: request counts and latency by route and status, sales
//! and returns recorded, pool and Redis health. `GET /metrics` answers only
//! with `Authorization: Bearer $POS_METRICS_TOKEN`; without a configured
//! token it does not exist (404).

use std::{sync::OnceLock, time::Instant};

use actix_web::{
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::header,
    middleware::Next,
    web, HttpRequest, HttpResponse, ResponseError,
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sha2::{Digest, Sha256};

use crate::{error::ApiError, kv::Kv, state::AppState};

const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// The process-wide recorder (the `metrics` macros report to it).
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full("http_request_duration_seconds".into()),
                LATENCY_BUCKETS,
            )
            .expect("the bucket list is not empty")
            .install_recorder()
            .expect("no other metrics recorder is installed")
    })
}

/// Middleware: counts and times every request by method, route pattern and status.
pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().to_string();
    let res = next.call(req).await?;
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "unmatched".into());
    let status = res.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status).increment(1);
    metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    Ok(res)
}

fn same_secret(a: &str, b: &str) -> bool {
    // Comparing digests keeps the comparison time independent of where they differ.
    Sha256::digest(a.as_bytes()) == Sha256::digest(b.as_bytes())
}

pub async fn serve(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let Some(expected) = state.settings.metrics_token.as_deref() else {
        return ApiError::NotFound("no such route".into()).error_response();
    };
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !presented.is_some_and(|p| same_secret(p, expected)) {
        return ApiError::Unauthorized("the metrics token is required".into()).error_response();
    }
    metrics::gauge!("db_pool_connections").set(f64::from(state.db.size()));
    metrics::gauge!("db_pool_idle_connections").set(state.db.num_idle() as f64);
    let redis_up = match &state.kv {
        Kv::Memory(_) => None,
        kv => Some(kv.ping().await.is_ok()),
    };
    if let Some(up) = redis_up {
        metrics::gauge!("redis_up").set(if up { 1.0 } else { 0.0 });
    }
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(handle().render())
}
