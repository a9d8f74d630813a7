//! Settings read from the environment (and `.env` when present).
//!
//! Every setting is listed, with its default, in `.env.example`.

use std::{env, net::SocketAddr, path::PathBuf, time::Duration};

use anyhow::{bail, Context};

use crate::alert::{AlertSettings, SmtpTls};

/// Where the process runs; `prod` turns on JSON logs, HSTS and secret checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Environment {
    Dev,
    Prod,
}

/// The whole configuration of one API instance.
#[derive(Clone)]
pub struct Settings {
    pub env: Environment,
    pub bind: SocketAddr,
    pub database_url: String,
    pub db_max_connections: u32,
    pub db_acquire_timeout: Duration,
    pub redis_url: Option<String>,
    /// Prefix for every Redis key, so several deployments (or tests) can share one Redis.
    pub redis_prefix: String,
    pub jwt_secret: String,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub cors_origins: Vec<String>,
    /// Requests per second per client IP; 0 turns the limiter off.
    pub rate_limit_per_second: u32,
    pub body_limit_bytes: usize,
    pub web_dir: Option<PathBuf>,
    pub admin_username: Option<String>,
    pub admin_password: Option<String>,
    /// Days after a sale during which a cashier may still return it.
    pub return_window_days: i64,
    pub workers: usize,
    /// Bearer token that unlocks `GET /metrics`; without one it is not served.
    pub metrics_token: Option<String>,
    /// E-mail alerts on 5xx responses and panics, when `POS_ALERT_EMAIL` is set.
    pub alerts: Option<AlertSettings>,
    /// Also write logs to a daily-rotated file in this folder.
    pub log_dir: Option<PathBuf>,
    /// Proxies whose `X-Forwarded-For` is believed (rate limit, audit IP).
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl std::fmt::Debug for Settings {
    // Secrets (JWT secret, admin password, URLs with passwords) are never logged.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("env", &self.env)
            .field("bind", &self.bind)
            .field("db_max_connections", &self.db_max_connections)
            .field("redis", &self.redis_url.is_some())
            .field("cors_origins", &self.cors_origins)
            .field("rate_limit_per_second", &self.rate_limit_per_second)
            .field("web_dir", &self.web_dir)
            .finish_non_exhaustive()
    }
}

fn var(name: &str) -> Option<String> {
    env::var(name)
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn parsed<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(raw) => raw
            .parse()
            .map_err(|e| anyhow::anyhow!("{name}={raw:?} is not valid: {e}")),
    }
}

fn alert_settings() -> anyhow::Result<Option<AlertSettings>> {
    let Some(to) = var("POS_ALERT_EMAIL") else {
        return Ok(None);
    };
    let tls = match var("POS_SMTP_TLS").as_deref() {
        None | Some("starttls") => SmtpTls::StartTls,
        Some("tls") => SmtpTls::Tls,
        Some("none") => SmtpTls::None,
        Some(other) => bail!("POS_SMTP_TLS={other:?}: expected starttls, tls or none"),
    };
    let default_port = match tls {
        SmtpTls::None => 25,
        SmtpTls::StartTls => 587,
        SmtpTls::Tls => 465,
    };
    let from = var("POS_SMTP_FROM").unwrap_or_else(|| "Duka POS <duka@localhost>".into());
    Ok(Some(AlertSettings {
        to: to
            .parse()
            .with_context(|| format!("POS_ALERT_EMAIL={to:?} is not an e-mail address"))?,
        from: from
            .parse()
            .with_context(|| format!("POS_SMTP_FROM={from:?} is not an e-mail address"))?,
        smtp_host: var("POS_SMTP_HOST").unwrap_or_else(|| "localhost".into()),
        smtp_port: parsed("POS_SMTP_PORT", default_port)?,
        smtp_tls: tls,
        smtp_username: var("POS_SMTP_USERNAME"),
        smtp_password: var("POS_SMTP_PASSWORD"),
        min_interval: Duration::from_secs(parsed("POS_ALERT_MIN_INTERVAL_SECS", 300)?),
    }))
}

impl Settings {
    /// Reads the settings; a `.env` file in the working directory is loaded first.
    pub fn from_env() -> anyhow::Result<Self> {
        let _ = dotenvy::dotenv();
        let env = match var("POS_ENV").as_deref() {
            None | Some("dev") | Some("development") | Some("test") => Environment::Dev,
            Some("prod") | Some("production") => Environment::Prod,
            Some(other) => bail!("POS_ENV={other:?}: expected dev or prod"),
        };
        let jwt_secret = match var("JWT_SECRET") {
            Some(s) => s,
            None if env == Environment::Dev => {
                "dev-only-insecure-secret-change-me-0123456789".into()
            }
            None => bail!("JWT_SECRET must be set when POS_ENV=prod"),
        };
        if env == Environment::Prod && jwt_secret.len() < 32 {
            bail!("JWT_SECRET must be at least 32 characters when POS_ENV=prod");
        }
        let cors_origins = var("CORS_ORIGINS")
            .map(|v| {
                v.split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let cpus = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        Ok(Self {
            env,
            bind: parsed("POS_BIND", "127.0.0.1:8080".parse()?)?,
            database_url: var("DATABASE_URL")
                .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/duka".into()),
            db_max_connections: parsed("POS_DB_MAX_CONNECTIONS", 16)?,
            db_acquire_timeout: Duration::from_secs(parsed("POS_DB_ACQUIRE_TIMEOUT_SECS", 5)?),
            redis_url: var("REDIS_URL"),
            redis_prefix: var("POS_REDIS_PREFIX").unwrap_or_else(|| "duka:".into()),
            jwt_secret,
            access_token_ttl: Duration::from_secs(parsed("POS_ACCESS_TOKEN_TTL_SECS", 900)?),
            refresh_token_ttl: Duration::from_secs(
                parsed::<u64>("POS_REFRESH_TOKEN_TTL_DAYS", 14)? * 86_400,
            ),
            cors_origins,
            rate_limit_per_second: parsed("POS_RATE_LIMIT", 100)?,
            body_limit_bytes: parsed("POS_BODY_LIMIT_BYTES", 256 * 1024)?,
            web_dir: var("POS_WEB_DIR").map(PathBuf::from),
            admin_username: var("POS_ADMIN_USERNAME"),
            admin_password: var("POS_ADMIN_PASSWORD"),
            return_window_days: parsed("POS_RETURN_WINDOW_DAYS", 30)?,
            workers: parsed("POS_WORKERS", cpus)?.max(1),
            metrics_token: var("POS_METRICS_TOKEN"),
            alerts: alert_settings()?,
            log_dir: var("POS_LOG_DIR").map(PathBuf::from),
            trusted_proxies: var("POS_TRUSTED_PROXIES")
                .map(|v| {
                    v.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|ip| {
                            ip.parse().with_context(|| {
                                format!("POS_TRUSTED_PROXIES: {ip:?} is not an IP address")
                            })
                        })
                        .collect::<anyhow::Result<Vec<_>>>()
                })
                .transpose()?
                .unwrap_or_default(),
        })
    }
}
