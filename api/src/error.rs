//! One error type for the whole API, rendered as RFC 9457 problem+json.
//!
//! Internal causes are logged with the request id and never sent to clients.

use actix_web::{
    error::{JsonPayloadError, PathError, QueryPayloadError},
    http::{header, StatusCode},
    HttpRequest, HttpResponse, ResponseError,
};
use serde::Serialize;
use utoipa::ToSchema;

/// One invalid field of a request.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct FieldError {
    /// The field, as a JSON path such as `items[0].quantity`.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[schema(example = "about:blank")]
    pub r#type: String,
    #[schema(example = "Unprocessable Entity")]
    pub title: String,
    #[schema(example = 422)]
    pub status: u16,
    pub detail: String,
    /// Present for validation failures.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    MethodNotAllowed(String),
    #[error("{detail}")]
    Conflict { kind: &'static str, detail: String },
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{detail}")]
    Validation {
        detail: String,
        errors: Vec<FieldError>,
    },
    #[error("too many requests")]
    TooManyRequests {
        detail: String,
        retry_after_secs: u64,
    },
    #[error("{0} is unavailable")]
    Unavailable(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn not_found(what: &str) -> Self {
        Self::NotFound(format!("{what} not found"))
    }

    pub fn conflict(detail: impl Into<String>) -> Self {
        Self::Conflict {
            kind: "conflict",
            detail: detail.into(),
        }
    }

    pub fn insufficient_stock(detail: impl Into<String>) -> Self {
        Self::Conflict {
            kind: "insufficient-stock",
            detail: detail.into(),
        }
    }

    /// A validation failure of a single field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::validation(vec![FieldError::new(field, message)])
    }

    pub fn validation(errors: Vec<FieldError>) -> Self {
        let detail = match errors.as_slice() {
            [one] => format!("{}: {}", one.field, one.message),
            _ => format!("{} fields are invalid", errors.len()),
        };
        Self::Validation { detail, errors }
    }

    fn problem_type(&self) -> String {
        match self {
            Self::Validation { .. } => "urn:duka:problem:validation".into(),
            Self::Conflict { kind, .. } => format!("urn:duka:problem:{kind}"),
            _ => "about:blank".into(),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => {
                tracing::error!(error = %e, "database unavailable");
                Self::Unavailable("database".into())
            }
            // A CHECK constraint caught input the handler let through.
            sqlx::Error::Database(db) if db.code().as_deref() == Some("23514") => {
                tracing::warn!(error = %e, "check constraint rejected input");
                Self::invalid(
                    db.constraint().unwrap_or("body"),
                    "is out of the allowed range",
                )
            }
            sqlx::Error::Database(db) if db.code().as_deref() == Some("55P03") => {
                Self::conflict("the resource is busy; try again")
            }
            sqlx::Error::Database(db)
                if db.code().as_deref() == Some("40001")
                    || db.code().as_deref() == Some("40P01") =>
            {
                Self::conflict("the request conflicted with a concurrent change; try again")
            }
            // NUL characters and other text PostgreSQL cannot store: bad input, not a bug.
            sqlx::Error::Database(db)
                if matches!(db.code().as_deref(), Some("22021" | "22P05")) =>
            {
                Self::invalid("body", "text must not contain NUL characters")
            }
            sqlx::Error::Database(db)
                if db
                    .code()
                    .as_deref()
                    .is_some_and(|c| c.starts_with("08") || c.starts_with("57P")) =>
            {
                tracing::error!(error = %e, "database unavailable");
                Self::Unavailable("database".into())
            }
            _ => Self::Internal(e.into()),
        }
    }
}

impl From<deadpool_redis::PoolError> for ApiError {
    fn from(e: deadpool_redis::PoolError) -> Self {
        tracing::error!(error = %e, "redis unavailable");
        Self::Unavailable("redis".into())
    }
}

impl From<deadpool_redis::redis::RedisError> for ApiError {
    fn from(e: deadpool_redis::redis::RedisError) -> Self {
        tracing::error!(error = %e, "redis unavailable");
        Self::Unavailable("redis".into())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        let detail = match self {
            Self::Internal(cause) => {
                tracing::error!(error = ?cause, "internal error");
                "an unexpected error occurred; it has been logged".to_owned()
            }
            Self::TooManyRequests { detail, .. } => detail.clone(),
            other => other.to_string(),
        };
        let errors = match self {
            Self::Validation { errors, .. } => errors.clone(),
            _ => Vec::new(),
        };
        let problem = Problem {
            r#type: self.problem_type(),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail,
            errors,
        };
        let mut response = HttpResponse::build(status);
        response.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        if let Self::TooManyRequests {
            retry_after_secs, ..
        } = self
        {
            response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        response.json(problem)
    }
}

/// Malformed JSON is 400; JSON that parses but does not fit the schema
/// (unknown or missing fields, wrong types) is 422, per the contract.
pub fn json_error_handler(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let api = match &err {
        JsonPayloadError::ContentType => {
            ApiError::UnsupportedMediaType("expected Content-Type: application/json".into())
        }
        JsonPayloadError::OverflowKnownLength { limit, .. }
        | JsonPayloadError::Overflow { limit } => {
            ApiError::PayloadTooLarge(format!("request body is larger than {limit} bytes"))
        }
        JsonPayloadError::Deserialize(e) if e.is_data() => ApiError::invalid(
            field_of_serde_error(&e.to_string()),
            clean_serde_message(&e.to_string()),
        ),
        JsonPayloadError::Deserialize(e) => ApiError::BadRequest(format!("malformed JSON: {e}")),
        other => ApiError::BadRequest(format!("unreadable request body: {other}")),
    };
    api.into()
}

pub fn query_error_handler(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let message = match &err {
        QueryPayloadError::Deserialize(e) => e.to_string(),
        other => other.to_string(),
    };
    ApiError::invalid(field_of_serde_error(&message), message).into()
}

pub fn path_error_handler(_err: PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::NotFound("no resource has this id".into()).into()
}

/// serde names an unknown or missing field in backticks; other data errors
/// do not say where they are, so they are reported against the body.
fn field_of_serde_error(message: &str) -> String {
    let names_field = message.starts_with("unknown field") || message.starts_with("missing field");
    message
        .split('`')
        .nth(1)
        .filter(|f| names_field && !f.is_empty())
        .unwrap_or("body")
        .to_owned()
}

fn clean_serde_message(message: &str) -> String {
    message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .to_owned()
}

/// Maps constraint violations to client errors: a unique violation on one of
/// `unique` (constraint name, what to tell the client) is 409, a foreign key
/// violation is 422; anything else stays an internal error.
pub fn on_constraint(e: sqlx::Error, unique: &[(&str, &str)]) -> ApiError {
    if let sqlx::Error::Database(db) = &e {
        let constraint = db.constraint().unwrap_or_default();
        match db.code().as_deref() {
            Some("23505") => {
                if let Some((_, detail)) = unique.iter().find(|(c, _)| *c == constraint) {
                    return ApiError::conflict(*detail);
                }
            }
            Some("23503") => {
                return ApiError::invalid(constraint, "refers to something that does not exist")
            }
            _ => {}
        }
    }
    e.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_is_named() {
        let e = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
        assert!(!e.is_data());
        assert_eq!(
            field_of_serde_error("unknown field `total`, expected one of `a`"),
            "total"
        );
        assert_eq!(field_of_serde_error("missing field `items`"), "items");
        assert_eq!(
            field_of_serde_error("invalid character: found `x` at 0"),
            "body"
        );
    }
}
