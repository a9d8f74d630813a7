//! Logging: JSON in production, readable text otherwise; every line inside
//! a request carries its request id.

use actix_web::{
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::header::{HeaderName, HeaderValue},
    middleware::Next,
    HttpMessage,
};
use tracing_actix_web::RequestId;
use tracing_subscriber::{fmt, prelude::*, EnvFilter};

use crate::config::Environment;

pub fn init(env: Environment) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let registry = tracing_subscriber::registry().with(filter);
    let result = match env {
        Environment::Prod => registry.with(fmt::layer().json().with_current_span(true).with_span_list(false)).try_init(),
        Environment::Dev => registry.with(fmt::layer().compact()).try_init(),
    };
    // A second init (tests spawn many apps in one process) is harmless.
    drop(result);
}

/// Copies the request id that `TracingLogger` assigned into `X-Request-Id`.
pub async fn request_id_header(req: ServiceRequest, next: Next<impl MessageBody>) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = req.extensions().get::<RequestId>().copied();
    let mut res = next.call(req).await?;
    if let Some(id) = id {
        if let Ok(value) = HeaderValue::from_str(&id.to_string()) {
            res.headers_mut().insert(HeaderName::from_static("x-request-id"), value);
        }
    }
    Ok(res)
}
