//! Operations: metrics, e-mail alerts on 5xx, `pos-api doctor`.

use std::time::Duration;

use reqwest::StatusCode;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
    sync::mpsc,
};

use crate::helpers::{assert_problem, spawn_app, spawn_app_with};

#[tokio::test]
async fn metrics_need_the_token_and_count_requests() {
    let app = spawn_app().await;
    app.client.get(app.url("/health")).send().await.unwrap();
    assert_problem(
        app.client.get(app.url("/metrics")).send().await.unwrap(),
        401,
    )
    .await;
    let res = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("wrong")
        .send()
        .await
        .unwrap();
    assert_problem(res, 401).await;
    let res = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("test-metrics-token")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.unwrap();
    assert!(text.contains("http_requests_total{"), "{text}");
    assert!(text.contains("route=\"/health\""));
    assert!(text.contains("http_request_duration_seconds_bucket"));
    assert!(text.contains("db_pool_connections"));
    assert!(text.contains("redis_up 1"));
    let hidden = spawn_app_with(|s| s.metrics_token = None).await;
    assert_problem(
        hidden
            .client
            .get(hidden.url("/metrics"))
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;
}

/// A minimal SMTP server that hands each received message to the test.
async fn smtp_sink() -> (u16, mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.ok();
                let (mut in_data, mut data) = (false, String::new());
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            tx.send(std::mem::take(&mut data)).ok();
                            write.write_all(b"250 queued\r\n").await.ok();
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let reply: &[u8] = match line.to_uppercase().get(..4).unwrap_or("") {
                        "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                        "DATA" => {
                            in_data = true;
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => b"221 bye\r\n",
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(reply).await.ok();
                }
            });
        }
    });
    (port, rx)
}

#[tokio::test]
async fn a_server_error_sends_one_rate_limited_alert_email() {
    let (port, mut mail) = smtp_sink().await;
    let app = spawn_app_with(|s| {
        // Redis is down, so a login answers 503: a server-side error.
        s.redis_url = Some("redis://127.0.0.1:1".into());
        s.alerts = Some(pos_api::alert::AlertSettings {
            to: "ops@duka.example".parse().unwrap(),
            from: "Duka <duka@duka.example>".parse().unwrap(),
            smtp_host: "127.0.0.1".into(),
            smtp_port: port,
            smtp_tls: pos_api::alert::SmtpTls::None,
            smtp_username: None,
            smtp_password: None,
            min_interval: Duration::from_secs(60),
        });
    })
    .await;
    let login = serde_json::json!({ "username": "admin", "password": "whatever-1" });
    for _ in 0..3 {
        let res = app
            .client
            .post(app.url("/api/v1/auth/login"))
            .json(&login)
            .send()
            .await
            .unwrap();
        assert_problem(res, 503).await;
    }
    let message = tokio::time::timeout(Duration::from_secs(10), mail.recv())
        .await
        .expect("an alert arrives")
        .unwrap();
    assert!(
        message.contains("Subject: [Duka] 503 Service Unavailable on POST /api/v1/auth/login"),
        "{message}"
    );
    assert!(message.contains("To: ops@duka.example"));
    assert!(message.contains("request id: "));
    let more = tokio::time::timeout(Duration::from_millis(700), mail.recv()).await;
    assert!(
        more.is_err(),
        "further errors within the interval are not mailed"
    );
}

#[tokio::test]
async fn doctor_names_each_problem_with_its_fix() {
    let app = spawn_app().await;
    let run = |envs: Vec<(&'static str, String)>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_pos-api"));
        cmd.arg("doctor")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        cmd.current_dir(std::env::temp_dir()).output().unwrap()
    };
    let weak = run(vec![
        ("DATABASE_URL", app.settings.database_url.clone()),
        ("REDIS_URL", "redis://127.0.0.1:6379".into()),
        ("POS_ENV", "prod".into()),
        (
            "JWT_SECRET",
            "0123456789abcdef0123456789abcdef-but-fine".into(),
        ),
    ]);
    let out = String::from_utf8_lossy(&weak.stdout);
    assert!(out.contains("ok    PostgreSQL answers"), "{out}");
    assert!(out.contains("ok    database schema is up to date"), "{out}");
    assert!(out.contains("FAIL  no active admin user"), "{out}");
    assert!(
        out.contains("fix: POS_ADMIN_PASSWORD=... pos-api create-admin admin"),
        "{out}"
    );
    assert!(out.contains("ok    Redis answers"), "{out}");
    assert!(!weak.status.success());
    let down = run(vec![
        (
            "DATABASE_URL",
            "postgres://postgres@127.0.0.1:1/nothing".into(),
        ),
        ("POS_ENV", "prod".into()),
        ("JWT_SECRET", "short".into()),
    ]);
    let out = String::from_utf8_lossy(&down.stdout);
    assert!(
        out.contains("FAIL  configuration") && out.contains("JWT_SECRET"),
        "{out}"
    );
    assert!(!down.status.success());
}
