//! `pos-api [serve | migrate | seed-demo [--products N] | create-admin USERNAME | doctor | openapi]`

use anyhow::Context;
use pos_api::{bootstrap, config::Settings, doctor, openapi, seed, startup, telemetry};

const USAGE: &str = "usage: pos-api [serve | migrate | seed-demo [--products N] | create-admin USERNAME | doctor | openapi]
  serve (default)   migrate, then serve the API (and the SPA from POS_WEB_DIR)
  migrate           apply database migrations and exit
  seed-demo         migrate and load demo stores, users and products (skipped if stores exist)
  create-admin      create an admin; the password is read from POS_ADMIN_PASSWORD
  doctor            check configuration, database, migrations and Redis; print fixes
  openapi           print the OpenAPI document";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map(String::as_str).unwrap_or("serve");
    if command == "openapi" {
        println!("{}", openapi::document_json());
        return Ok(());
    }
    if matches!(command, "-h" | "--help" | "help") {
        println!("{USAGE}");
        return Ok(());
    }
    if command == "doctor" {
        let problems = doctor::run().await;
        std::process::exit(if problems == 0 { 0 } else { 1 });
    }
    let settings = Settings::from_env()?;
    let _log_guard = telemetry::init(settings.env, settings.log_dir.as_deref());
    match command {
        "serve" => serve(settings).await,
        "migrate" => {
            let pool = startup::connect_db(&settings).await?;
            startup::MIGRATOR.run(&pool).await?;
            println!("migrations applied");
            Ok(())
        }
        "seed-demo" => {
            let products = flag_value(&args, "--products")?.unwrap_or(seed::DEFAULT_PRODUCTS);
            let pool = startup::connect_db(&settings).await?;
            startup::MIGRATOR.run(&pool).await?;
            seed::seed_demo(&pool, products).await
        }
        "create-admin" => {
            let username = args.get(1).context("create-admin needs a USERNAME")?;
            let password = settings
                .admin_password
                .clone()
                .context("set POS_ADMIN_PASSWORD to the new admin's password")?;
            let pool = startup::connect_db(&settings).await?;
            startup::MIGRATOR.run(&pool).await?;
            bootstrap::create_admin(&pool, username, &password).await?;
            println!("admin {username} created");
            Ok(())
        }
        other => anyhow::bail!("unknown command {other:?}\n{USAGE}"),
    }
}

fn flag_value(args: &[String], flag: &str) -> anyhow::Result<Option<usize>> {
    match args.iter().position(|a| a == flag) {
        None => Ok(None),
        Some(i) => {
            let raw = args
                .get(i + 1)
                .with_context(|| format!("{flag} needs a number"))?;
            Ok(Some(raw.parse().with_context(|| {
                format!("{flag} {raw:?} is not a number")
            })?))
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    tracing::info!(?settings, "starting");
    let app = startup::Application::build(settings).await?;
    tracing::info!(port = app.port(), "listening");
    app.run_until_stopped().await?;
    Ok(())
}
