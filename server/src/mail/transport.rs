//! Where messages go: an SMTP relay (pooled connections, STARTTLS or implicit TLS,
//! authentication, all from `KOTAE_SMTP_URL`) or `.eml` files (the default run), and how
//! each failure is classified: transient (try again later) or permanent.

use crate::config::{MailTransport, redact_password};
use anyhow::Context;
use app::server::services::mail::Outcome;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// Connections kept open to the relay; also how many messages are sent at once.
pub const POOL_SIZE: u32 = 8;

#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>, std::path::PathBuf),
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Transport::Smtp(_) => f.write_str("Transport::Smtp"),
            Transport::Files(_, dir) => write!(f, "Transport::Files({})", dir.display()),
        }
    }
}

impl Transport {
    pub fn from_config(config: &MailTransport) -> anyhow::Result<Self> {
        match config {
            MailTransport::Smtp(url) => {
                let smtp = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .with_context(|| {
                        format!("KOTAE_SMTP_URL={} cannot be used", redact_password(url))
                    })?
                    .pool_config(PoolConfig::new().max_size(POOL_SIZE))
                    .timeout(Some(Duration::from_secs(30)))
                    .build();
                Ok(Transport::Smtp(smtp))
            }
            MailTransport::Files(dir) => {
                std::fs::create_dir_all(dir).with_context(|| {
                    format!("cannot create the mail directory {}", dir.display())
                })?;
                Ok(Transport::Files(AsyncFileTransport::new(dir), dir.clone()))
            }
        }
    }

    pub async fn send(&self, message: Message) -> Outcome {
        match self {
            Transport::Smtp(smtp) => match smtp.send(message).await {
                Ok(response) => Outcome::Sent(format!(
                    "{} {}",
                    response.code(),
                    response.message().collect::<Vec<_>>().join(" ")
                )),
                Err(error) if error.is_permanent() => Outcome::Permanent(error.to_string()),
                // 4xx, refused connections, timeouts, TLS trouble: try again later.
                Err(error) => Outcome::Transient(error.to_string()),
            },
            Transport::Files(files, _) => match files.send(message).await {
                Ok(id) => Outcome::Sent(format!("written to outbox/{id}.eml")),
                Err(error) => Outcome::Transient(error.to_string()),
            },
        }
    }
}
