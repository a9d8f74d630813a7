//! Error alerts by e-mail: a 5xx response or a panic sends a message to
//! `POS_ALERT_EMAIL`, at most one per interval (the rest are counted and
//! summarised in the next message), from a background task so requests
//! never wait on SMTP.

use std::{
    sync::OnceLock,
    time::{Duration, Instant},
};

use actix_web::{
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    middleware::Next,
    web, HttpMessage,
};
use lettre::{
    message::Mailbox, transport::smtp::authentication::Credentials, AsyncSmtpTransport,
    AsyncTransport, Message, Tokio1Executor,
};
use tokio::sync::mpsc;
use tracing_actix_web::RequestId;

/// How the SMTP connection is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain SMTP (a local relay or a test sink).
    None,
    StartTls,
    /// Implicit TLS (SMTPS, usually port 465).
    Tls,
}

#[derive(Clone, Debug)]
pub struct AlertSettings {
    pub to: Mailbox,
    pub from: Mailbox,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_tls: SmtpTls,
    pub smtp_username: Option<String>,
    pub smtp_password: Option<String>,
    pub min_interval: Duration,
}

/// Sends alerts; cheap to clone, never blocks the caller.
#[derive(Clone)]
pub struct Alerter {
    tx: mpsc::Sender<String>,
}

static PANIC_ALERTER: OnceLock<Alerter> = OnceLock::new();

impl Alerter {
    /// Starts the sending task (call inside the Tokio runtime).
    pub fn start(settings: AlertSettings) -> anyhow::Result<Self> {
        let transport = transport(&settings)?;
        let (tx, mut rx) = mpsc::channel::<String>(256);
        tokio::spawn(async move {
            let mut last_sent: Option<Instant> = None;
            let mut suppressed = 0u64;
            while let Some(event) = rx.recv().await {
                if last_sent.is_some_and(|t| t.elapsed() < settings.min_interval) {
                    suppressed += 1;
                    continue;
                }
                let body = if suppressed > 0 {
                    format!("{event}\n\n{suppressed} more error(s) happened since the previous alert and were not mailed separately.")
                } else {
                    event.clone()
                };
                suppressed = 0;
                last_sent = Some(Instant::now());
                let first_line = event
                    .lines()
                    .next()
                    .unwrap_or("error")
                    .chars()
                    .take(120)
                    .collect::<String>();
                let message = Message::builder()
                    .from(settings.from.clone())
                    .to(settings.to.clone())
                    .subject(format!("[Duka] {first_line}"))
                    .body(body);
                match message {
                    Ok(m) => {
                        if let Err(e) = transport.send(m).await {
                            tracing::warn!(error = %e, "could not send the alert e-mail");
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "could not build the alert e-mail"),
                }
            }
        });
        let alerter = Self { tx };
        install_panic_hook(alerter.clone());
        Ok(alerter)
    }

    pub fn notify(&self, event: String) {
        // A full queue means alerts are already flowing; dropping is fine.
        let _ = self.tx.try_send(event);
    }
}

fn transport(s: &AlertSettings) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
    let mut builder = match s.smtp_tls {
        SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.smtp_host),
        SmtpTls::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&s.smtp_host)?,
        SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&s.smtp_host)?,
    }
    .port(s.smtp_port)
    .timeout(Some(Duration::from_secs(10)));
    if let (Some(user), Some(pass)) = (&s.smtp_username, &s.smtp_password) {
        builder = builder.credentials(Credentials::new(user.clone(), pass.clone()));
    }
    Ok(builder.build())
}

/// Panics anywhere in the process are alerted too (first alerter wins).
fn install_panic_hook(alerter: Alerter) {
    if PANIC_ALERTER.set(alerter).is_err() {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Some(a) = PANIC_ALERTER.get() {
            a.notify(format!("panic: {info}"));
        }
        previous(info);
    }));
}

/// Middleware: alerts on every 5xx response.
pub async fn alert_on_server_error(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let alerter = req
        .app_data::<web::Data<Option<Alerter>>>()
        .and_then(|a| a.get_ref().clone());
    let request_id = req
        .extensions()
        .get::<RequestId>()
        .map(|id| id.to_string())
        .unwrap_or_default();
    let line = format!("{} {}", req.method(), req.path());
    let res = next.call(req).await?;
    if let Some(alerter) = alerter {
        let status = res.status();
        if status.is_server_error() {
            alerter.notify(format!(
                "{status} on {line}\nrequest id: {request_id}\nat: {}",
                chrono::Utc::now().to_rfc3339()
            ));
        }
    }
    Ok(res)
}
