//! Where messages go: an SMTP relay (pooled connections, STARTTLS or implicit TLS,
//! authentication, all from `KOTAE_SMTP_URL`) or `.eml` files (the default run), and how
//! each failure is classified: transient (try again later) or permanent.

use crate::config::{MailTransport, redact_password};
use anyhow::Context;
use app::server::services::mail::Outcome;
use lettre::{AsyncFileTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::Arc;
use std::time::Duration;

use super::relay::Relay;

/// Connections kept open to the relay; also how many messages are sent at once.
pub const POOL_SIZE: usize = 8;

/// How long one connect or one message may take before the relay counts as unreachable.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Clone)]
pub enum Transport {
    Smtp(Arc<Relay>),
    Files(AsyncFileTransport<Tokio1Executor>, std::path::PathBuf),
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Transport::Smtp(relay) => write!(f, "Transport::Smtp({relay:?})"),
            Transport::Files(_, dir) => write!(f, "Transport::Files({})", dir.display()),
        }
    }
}

impl Transport {
    pub fn from_config(config: &MailTransport) -> anyhow::Result<Self> {
        match config {
            MailTransport::Smtp(url) => {
                let relay = Relay::new(url, POOL_SIZE, SMTP_TIMEOUT).with_context(|| {
                    format!("KOTAE_SMTP_URL={} cannot be used", redact_password(url))
                })?;
                Ok(Transport::Smtp(Arc::new(relay)))
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
            Transport::Smtp(relay) => relay.send(&message).await,
            Transport::Files(files, _) => match files.send(message).await {
                Ok(id) => Outcome::Sent(format!("written to outbox/{id}.eml")),
                Err(error) => Outcome::Transient(error.to_string()),
            },
        }
    }
}
