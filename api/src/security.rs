//! Security headers, rate limiting and CORS.

use std::net::IpAddr;

use actix_web::web;

use actix_cors::Cors;
use actix_governor::{
    governor::{
        clock::{Clock, DefaultClock, QuantaInstant},
        NotUntil,
    },
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
pub async fn headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let prod = req
        .app_data::<actix_web::web::Data<crate::state::AppState>>()
        .is_some_and(|s| s.settings.env == crate::config::Environment::Prod);
    let path = req.path().to_owned();
    let mut res = next.call(req).await?;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    let is_api =
        path.starts_with("/api/") || path == "/health" || path == "/ready" || path == "/metrics";
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(if is_api && !path.starts_with("/api-docs") {
            API_CSP
        } else {
            PAGE_CSP
        }),
    );
    if is_api {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if prod {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    Ok(res)
}

/// CORS for the configured origins only; with none configured, no
/// cross-origin request is allowed.
pub fn cors(settings: &Settings) -> Cors {
    let mut cors = Cors::default()
        .allowed_methods(["GET", "POST", "PATCH", "DELETE", "OPTIONS"])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([
            header::RETRY_AFTER,
            header::CONTENT_DISPOSITION,
            header::HeaderName::from_static("x-request-id"),
        ])
        .max_age(3600);
    for origin in &settings.cors_origins {
        cors = cors.allowed_origin(origin);
    }
    cors
}

/// The client's address: the TCP peer, unless the peer is a trusted proxy,
/// in which case the right-most `X-Forwarded-For` entry that is not itself
/// a trusted proxy (entries further left are client-controlled).
pub fn client_addr(
    peer: Option<IpAddr>,
    forwarded_for: Option<&str>,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let from_header = forwarded_for.and_then(|h| {
        h.rsplit(',')
            .filter_map(|part| part.trim().parse::<IpAddr>().ok())
            .find(|ip| !trusted.contains(ip))
    });
    Some(from_header.unwrap_or(peer))
}

/// `client_addr` for a request, with the trusted proxies from the settings.
pub fn request_client_addr(
    peer: Option<IpAddr>,
    headers: &actix_web::http::header::HeaderMap,
    state: Option<&web::Data<crate::state::AppState>>,
) -> Option<IpAddr> {
    let trusted = state
        .map(|s| s.settings.trusted_proxies.as_slice())
        .unwrap_or_default();
    let forwarded = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
    client_addr(peer, forwarded, trusted)
}

/// Rate-limit key: the client's address (see `client_addr`), answered with
/// problem+json and `Retry-After` when exceeded.
#[derive(Clone)]
pub struct ClientIp;

impl KeyExtractor for ClientIp {
    type Key = IpAddr;
    type KeyExtractionError = SimpleKeyExtractionError<&'static str>;

    fn extract(&self, req: &ServiceRequest) -> Result<Self::Key, Self::KeyExtractionError> {
        request_client_addr(
            req.peer_addr().map(|a| a.ip()),
            req.headers(),
            req.app_data::<web::Data<crate::state::AppState>>(),
        )
        .ok_or_else(|| SimpleKeyExtractionError::new("could not read the client address"))
    }

    fn exceed_rate_limit_response(
        &self,
        negative: &NotUntil<QuantaInstant>,
        _response: HttpResponseBuilder,
    ) -> HttpResponse {
        let wait = negative
            .wait_time_from(DefaultClock::default().now())
            .as_secs()
            .max(1);
        ApiError::TooManyRequests {
            detail: format!("rate limit exceeded; retry in {wait} seconds"),
            retry_after_secs: wait,
        }
        .error_response()
    }
}

#[cfg(test)]
mod tests {
    use super::client_addr;

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let proxy = "10.0.0.5".parse().unwrap();
        let client = "197.248.1.2".parse().unwrap();
        let peer_direct = "197.248.9.9".parse().unwrap();
        assert_eq!(
            client_addr(Some(peer_direct), Some("1.2.3.4"), &[proxy]),
            Some(peer_direct)
        );
        assert_eq!(
            client_addr(Some(proxy), Some("6.6.6.6, 197.248.1.2"), &[proxy]),
            Some(client)
        );
        assert_eq!(
            client_addr(Some(proxy), Some("garbage"), &[proxy]),
            Some(proxy)
        );
        assert_eq!(client_addr(Some(proxy), None, &[proxy]), Some(proxy));
    }
}
