//! Security headers, rate limiting and CORS.

use std::net::IpAddr;

use actix_cors::Cors;
use actix_governor::{
    governor::{clock::{Clock, DefaultClock, QuantaInstant}, NotUntil},
    KeyExtractor, SimpleKeyExtractionError,
};
use actix_web::{
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::header::{self, HeaderValue},
    middleware::Next,
    HttpResponse, HttpResponseBuilder, ResponseError,
};

use crate::{config::Settings, error::ApiError};

const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";
// Swagger UI and the SPA load only their own bundled files.
const PAGE_CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/// Adds the security headers every response carries.
pub async fn headers(req: ServiceRequest, next: Next<impl MessageBody>) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let prod = req
        .app_data::<actix_web::web::Data<crate::state::AppState>>()
        .is_some_and(|s| s.settings.env == crate::config::Environment::Prod);
    let path = req.path().to_owned();
    let mut res = next.call(req).await?;
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    let is_api = path.starts_with("/api/") || path == "/health" || path == "/ready" || path == "/metrics";
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(if is_api && !path.starts_with("/api-docs") { API_CSP } else { PAGE_CSP }),
    );
    if is_api {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if prod {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    Ok(res)
}

/// CORS for the configured origins only; with none configured, no
/// cross-origin request is allowed.
pub fn cors(settings: &Settings) -> Cors {
    let mut cors = Cors::default()
        .allowed_methods(["GET", "POST", "PATCH", "DELETE", "OPTIONS"])
        .allowed_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT, header::HeaderName::from_static("idempotency-key")])
        .expose_headers([header::RETRY_AFTER, header::CONTENT_DISPOSITION, header::HeaderName::from_static("x-request-id")])
        .max_age(3600);
    for origin in &settings.cors_origins {
        cors = cors.allowed_origin(origin);
    }
    cors
}

/// Rate-limit key: the TCP peer's address (see `auth::caller::client_ip`),
/// answered with problem+json and `Retry-After` when exceeded.
#[derive(Clone)]
pub struct ClientIp;

impl KeyExtractor for ClientIp {
    type Key = IpAddr;
    type KeyExtractionError = SimpleKeyExtractionError<&'static str>;

    fn extract(&self, req: &ServiceRequest) -> Result<Self::Key, Self::KeyExtractionError> {
        req.peer_addr()
            .map(|a| a.ip())
            .ok_or_else(|| SimpleKeyExtractionError::new("could not read the client address"))
    }

    fn exceed_rate_limit_response(&self, negative: &NotUntil<QuantaInstant>, _response: HttpResponseBuilder) -> HttpResponse {
        let wait = negative.wait_time_from(DefaultClock::default().now()).as_secs().max(1);
        ApiError::TooManyRequests { detail: format!("rate limit exceeded; retry in {wait} seconds"), retry_after_secs: wait }
            .error_response()
    }
}
