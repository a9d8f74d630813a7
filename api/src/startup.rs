//! Wiring: pool, key-value store, middleware, routes, OpenAPI, the SPA.

use std::{net::TcpListener, sync::Arc};

use actix_governor::{Governor, GovernorConfigBuilder};
use actix_web::{
    dev::Server,
    middleware::{from_fn, Condition},
    web, App, HttpResponse, HttpServer,
};
use sqlx::{postgres::PgPoolOptions, PgPool};
use tracing_actix_web::TracingLogger;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::{
    alert::{self, Alerter},
    auth::jwt::JwtKeys,
    bootstrap,
    config::Settings,
    error::{json_error_handler, path_error_handler, query_error_handler},
    kv::Kv,
    metrics,
    openapi::ApiDoc,
    routes, security, spa,
    state::AppState,
    telemetry,
};

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// A built, bound, not yet running server.
pub struct Application {
    port: u16,
    server: Server,
    pub state: AppState,
}

pub async fn connect_db(settings: &Settings) -> anyhow::Result<PgPool> {
    Ok(PgPoolOptions::new()
        .max_connections(settings.db_max_connections)
        .acquire_timeout(settings.db_acquire_timeout)
        // A broken connection surfaces as an error on use (and sqlx then
        // drops it); pinging on every acquire would add a round trip to
        // each request. The fault tests restart PostgreSQL under load.
        .test_before_acquire(false)
        .connect(&settings.database_url)
        .await?)
}

pub fn connect_kv(settings: &Settings) -> anyhow::Result<Kv> {
    Ok(match &settings.redis_url {
        Some(url) => Kv::redis(url, settings.redis_prefix.clone())?,
        None => Kv::memory(),
    })
}

impl Application {
    /// Connects, migrates, creates the first admin when asked, and binds.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let db = connect_db(&settings).await?;
        // During a rolling upgrade the database may already carry a newer
        // instance's migrations; an older instance must still start.
        let mut migrator = sqlx::migrate!("../migrations");
        migrator.set_ignore_missing(true);
        migrator.run(&db).await?;
        bootstrap::ensure_first_admin(&db, &settings).await?;
        let kv = connect_kv(&settings)?;
        match &kv {
            Kv::Redis { .. } => tracing::info!("shared state (lockout, revocation, cache) in Redis"),
            Kv::Memory(_) => tracing::warn!("REDIS_URL is not set: shared state is in-process, correct for a single instance only"),
        }
        let state = AppState {
            db,
            kv,
            jwt: JwtKeys::new(&settings.jwt_secret, settings.access_token_ttl),
            settings: Arc::new(settings),
        };
        let alerter = state
            .settings
            .alerts
            .clone()
            .map(Alerter::start)
            .transpose()?;
        metrics::handle();
        let listener = TcpListener::bind(state.settings.bind)?;
        let port = listener.local_addr()?.port();
        let workers = state.settings.workers;
        let app_state = state.clone();
        let server = HttpServer::new(move || {
            let s = &app_state.settings;
            let limit = s.rate_limit_per_second;
            let governor = GovernorConfigBuilder::default()
                .requests_per_second(u64::from(limit.max(1)))
                .burst_size(limit.max(1) * 2)
                .key_extractor(security::ClientIp)
                .finish()
                .expect("a positive rate builds a governor");
            App::new()
                .app_data(web::Data::new(app_state.clone()))
                .app_data(web::Data::new(alerter.clone()))
                .app_data(
                    web::JsonConfig::default()
                        .limit(s.body_limit_bytes)
                        .error_handler(json_error_handler),
                )
                .app_data(web::QueryConfig::default().error_handler(query_error_handler))
                .app_data(web::PathConfig::default().error_handler(path_error_handler))
                .wrap(from_fn(security::headers))
                .wrap(from_fn(alert::alert_on_server_error))
                .wrap(from_fn(metrics::record))
                .wrap(from_fn(telemetry::request_id_header))
                .wrap(security::cors(s))
                .wrap(TracingLogger::default())
                .service(
                    web::scope("/api/v1")
                        .wrap(Condition::new(limit > 0, Governor::new(&governor)))
                        .configure(routes::configure)
                        .default_service(web::to(routes::not_found)),
                )
                .configure(routes::health::configure)
                .route("/metrics", web::get().to(metrics::serve))
                .service(
                    SwaggerUi::new("/swagger-ui/{_:.*}")
                        .url("/api-docs/openapi.json", ApiDoc::openapi()),
                )
                .route(
                    "/swagger-ui",
                    web::get().to(|| async {
                        HttpResponse::PermanentRedirect()
                            .insert_header(("Location", "/swagger-ui/"))
                            .finish()
                    }),
                )
                .default_service(web::to(spa::serve))
        })
        .workers(workers)
        .listen(listener)?
        .run();
        Ok(Self {
            port,
            server,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
