//! `pos-api doctor`: checks a deployment and prints each problem with its
//! fix. The first thing to run when something misbehaves.

use std::time::Duration;

use crate::{
    config::{Environment, Settings},
    kv::Kv,
    startup,
};

struct Report {
    problems: usize,
}

impl Report {
    fn ok(&self, what: &str) {
        println!("  ok    {what}");
    }

    fn problem(&mut self, what: &str, fix: &str) {
        self.problems += 1;
        println!("  FAIL  {what}\n        fix: {fix}");
    }

    fn note(&self, what: &str) {
        println!("  note  {what}");
    }
}

/// Runs every check; returns the number of problems found.
pub async fn run() -> usize {
    let mut r = Report { problems: 0 };
    println!("pos-api doctor");
    let settings = match Settings::from_env() {
        Ok(s) => {
            r.ok("configuration parses");
            s
        }
        Err(e) => {
            r.problem(
                &format!("configuration: {e:#}"),
                "correct the variable named above (see .env.example)",
            );
            return r.problems;
        }
    };
    check_secrets(&settings, &mut r);
    check_database(&settings, &mut r).await;
    check_redis(&settings, &mut r).await;
    if let Some(dir) = &settings.web_dir {
        if dir.join("index.html").is_file() {
            r.ok(&format!("SPA found in {}", dir.display()));
        } else {
            r.problem(
                &format!("POS_WEB_DIR={} has no index.html", dir.display()),
                "build the SPA (cd web-ui && npm ci && npm run build) or unset POS_WEB_DIR",
            );
        }
    }
    println!("{} problem(s)", r.problems);
    r.problems
}

fn check_secrets(s: &Settings, r: &mut Report) {
    if s.env == Environment::Prod {
        r.ok("POS_ENV=prod (JSON logs, HSTS)");
        if s.jwt_secret.len() >= 32 && !s.jwt_secret.starts_with("dev-only") {
            r.ok("JWT_SECRET is long enough");
        } else {
            r.problem(
                "JWT_SECRET is weak",
                "set JWT_SECRET to at least 32 random characters: openssl rand -base64 48",
            );
        }
        if s.cors_origins.iter().any(|o| o == "*") {
            r.problem(
                "CORS_ORIGINS allows every origin",
                "list the exact origins of your front ends",
            );
        }
        if s.metrics_token.as_deref().is_some_and(|t| t.len() < 16) {
            r.problem(
                "POS_METRICS_TOKEN is short",
                "use at least 16 random characters",
            );
        }
    } else {
        r.note("POS_ENV is dev: set POS_ENV=prod in production");
    }
    if s.rate_limit_per_second == 0 {
        r.note("POS_RATE_LIMIT=0: the general rate limit is off (the login lockout still applies)");
    }
}

async fn check_database(s: &Settings, r: &mut Report) {
    let pool = match tokio::time::timeout(Duration::from_secs(5), startup::connect_db(s)).await {
        Ok(Ok(pool)) => {
            r.ok("PostgreSQL answers");
            pool
        }
        Ok(Err(e)) => {
            r.problem(
                &format!("cannot connect to PostgreSQL: {e}"),
                "check DATABASE_URL and that PostgreSQL runs and accepts connections",
            );
            return;
        }
        Err(_) => {
            r.problem(
                "PostgreSQL did not answer within 5 s",
                "check DATABASE_URL's host and port, and firewalls",
            );
            return;
        }
    };
    let applied: Vec<i64> =
        sqlx::query_scalar("select version from _sqlx_migrations where success order by version")
            .fetch_all(&pool)
            .await
            .unwrap_or_default();
    let pending: Vec<String> = startup::MIGRATOR
        .iter()
        .filter(|m| !applied.contains(&m.version))
        .map(|m| format!("{} {}", m.version, m.description))
        .collect();
    if pending.is_empty() {
        r.ok("database schema is up to date");
    } else {
        r.problem(
            &format!("migrations not applied: {}", pending.join(", ")),
            "run `pos-api migrate` (or start the API once)",
        );
        return;
    }
    match sqlx::query_scalar::<_, bool>(
        "select exists(select 1 from users where role = 'admin' and active)",
    )
    .fetch_one(&pool)
    .await
    {
        Ok(true) => r.ok("an active admin exists"),
        Ok(false) => r.problem(
            "no active admin user",
            "POS_ADMIN_PASSWORD=... pos-api create-admin admin",
        ),
        Err(e) => r.problem(
            &format!("cannot read users: {e}"),
            "check the database role's privileges",
        ),
    }
}

async fn check_redis(s: &Settings, r: &mut Report) {
    match startup::connect_kv(s) {
        Ok(Kv::Memory(_)) => r.note("REDIS_URL unset: lockout, revocation and cache are per process; run ONE instance only"),
        Ok(kv) => match tokio::time::timeout(Duration::from_secs(3), kv.ping()).await {
            Ok(Ok(())) => r.ok("Redis answers"),
            _ => r.problem("Redis does not answer", "check REDIS_URL and that Redis runs; logins and authenticated requests fail (503) without it"),
        },
        Err(e) => r.problem(&format!("REDIS_URL is invalid: {e}"), "use redis://host:6379"),
    }
}
