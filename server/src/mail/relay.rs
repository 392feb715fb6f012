//! Pooled SMTP connections to the relay, with Nagle's algorithm off.
//!
//! lettre 0.11.23 ends DATA with a second, five-byte write (`\r\n.\r\n`) after the body.
//! With Nagle on, that write waits for the relay to acknowledge the body, and a relay that
//! delays its ACKs (Linux does, by 40 ms) stalls every message: we measured ~60 ms per
//! message per connection, 130–147 messages/s over 8 connections. lettre has fixed this
//! upstream (pull request 1159) but not released it; until it does, we open the TCP socket
//! ourselves (`TCP_NODELAY`) and let lettre speak SMTP, STARTTLS and AUTH over it.
//! Implicit TLS (`smtps://`) still goes through lettre's own connect, Nagle included.

use anyhow::{Context, bail};
use app::server::services::mail::Outcome;
use lettre::Message;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, Semaphore};
use url::Url;

/// A connection idle for longer than this is checked with NOOP before it is reused: relays
/// close idle sessions, and a message must not be failed for that.
const CHECK_AFTER_IDLE: Duration = Duration::from_secs(5);

/// How the connection is secured, as `KOTAE_SMTP_URL` says (lettre's URL format).
#[derive(Clone)]
enum Security {
    /// `smtp://host` — plain (a relay on the same network).
    Plain,
    /// `smtp://host?tls=required` or `?tls=opportunistic` — STARTTLS.
    StartTls {
        required: bool,
        parameters: TlsParameters,
    },
    /// `smtps://host` — TLS from the first byte.
    Implicit(TlsParameters),
}

/// Where and how to connect, parsed once from `KOTAE_SMTP_URL`.
#[derive(Clone)]
struct RelaySettings {
    host: String,
    port: u16,
    security: Security,
    credentials: Option<Credentials>,
    hello: ClientId,
    timeout: Duration,
}

impl RelaySettings {
    /// The URL format of lettre's `from_url`: `smtp://user:password@host:port/hello-name`,
    /// `?tls=required|opportunistic`, or `smtps://`. Default ports: 25, 587 with STARTTLS, 465.
    fn parse(raw: &str, timeout: Duration) -> anyhow::Result<Self> {
        let url = Url::parse(raw).context("not a URL")?;
        let host = url
            .host_str()
            .context("the URL names no host")?
            .trim_matches(['[', ']'])
            .to_owned();
        let tls = url
            .query_pairs()
            .find(|(key, _)| key == "tls")
            .map(|(_, value)| value.into_owned());
        let parameters = || {
            TlsParameters::new(host.clone())
                .with_context(|| format!("cannot set up TLS for {host}"))
        };
        let (security, default_port) = match (url.scheme(), tls.as_deref()) {
            ("smtp", None) => (Security::Plain, 25),
            ("smtp", Some(mode @ ("required" | "opportunistic"))) => (
                Security::StartTls {
                    required: mode == "required",
                    parameters: parameters()?,
                },
                587,
            ),
            ("smtps", _) => (Security::Implicit(parameters()?), 465),
            (scheme, tls) => bail!(
                "unknown scheme {scheme:?} or tls={tls:?}: use smtp://, smtp://…?tls=required, \
                 smtp://…?tls=opportunistic or smtps://"
            ),
        };
        let decode = |part: &str| {
            percent_encoding::percent_decode_str(part)
                .decode_utf8()
                .map(|text| text.into_owned())
                .context("the user name or password is not valid UTF-8 once decoded")
        };
        let credentials = match url.password() {
            Some(password) => Some(Credentials::new(decode(url.username())?, decode(password)?)),
            None => None,
        };
        let path = url.path().trim_matches('/');
        let hello = if path.is_empty() {
            ClientId::default()
        } else {
            ClientId::Domain(path.to_owned())
        };
        Ok(Self {
            port: url.port().unwrap_or(default_port),
            host,
            security,
            credentials,
            hello,
            timeout,
        })
    }
}

/// Up to `size` SMTP sessions kept open to one relay, each used by one send at a time.
pub struct Relay {
    settings: RelaySettings,
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
    sends: Semaphore,
}

impl std::fmt::Debug for Relay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Relay({}:{})", self.settings.host, self.settings.port)
    }
}

impl Relay {
    /// `raw` is `KOTAE_SMTP_URL`; errors never repeat its password.
    pub fn new(raw: &str, size: usize, timeout: Duration) -> anyhow::Result<Self> {
        Ok(Self {
            settings: RelaySettings::parse(raw, timeout)?,
            idle: Mutex::new(Vec::new()),
            sends: Semaphore::new(size),
        })
    }

    /// Sends one message on a pooled session (opening one when none is idle). Any failure
    /// closes that session: lettre aborts it, and a half-finished SMTP dialogue is never
    /// reused.
    pub async fn send(&self, message: &Message) -> Outcome {
        let Ok(_permit) = self.sends.acquire().await else {
            return Outcome::Transient("the mail worker is stopping".to_owned());
        };
        let mut connection = match self.checkout().await {
            Ok(connection) => connection,
            Err(failure) => return failure,
        };
        let body = message.formatted();
        let sent = tokio::time::timeout(
            self.settings.timeout,
            connection.send(message.envelope(), &body),
        )
        .await;
        match sent {
            Ok(Ok(response)) => {
                self.idle.lock().await.push((connection, Instant::now()));
                Outcome::Sent(format!(
                    "{} {}",
                    response.code(),
                    response.message().collect::<Vec<_>>().join(" ")
                ))
            }
            Ok(Err(error)) if error.is_permanent() => Outcome::Permanent(error.to_string()),
            // 4xx, a closed connection: try again later.
            Ok(Err(error)) => Outcome::Transient(error.to_string()),
            // The relay may have taken the message before it went quiet; a retry carries the
            // same Message-ID, so a duplicate can be recognised.
            Err(_) => Outcome::Transient(format!(
                "no reply from the relay within {} s",
                self.settings.timeout.as_secs()
            )),
        }
    }

    /// An idle session that still answers, or a new one.
    async fn checkout(&self) -> Result<AsyncSmtpConnection, Outcome> {
        loop {
            let Some((mut connection, since)) = self.idle.lock().await.pop() else {
                break;
            };
            if since.elapsed() < CHECK_AFTER_IDLE || connection.test_connected().await {
                return Ok(connection);
            }
            connection.abort().await;
        }
        tokio::time::timeout(self.settings.timeout, self.connect())
            .await
            .unwrap_or_else(|_| {
                Err(format!(
                    "cannot connect to {}:{} within {} s",
                    self.settings.host,
                    self.settings.port,
                    self.settings.timeout.as_secs()
                ))
            })
            .map_err(Outcome::Transient)
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, String> {
        let RelaySettings {
            host,
            port,
            security,
            hello,
            ..
        } = &self.settings;
        let unreachable = |error: &dyn std::fmt::Display| format!("{host}:{port}: {error}");
        let mut connection = match security {
            Security::Implicit(parameters) => AsyncSmtpConnection::connect_tokio1(
                (host.as_str(), *port),
                Some(self.settings.timeout),
                hello,
                Some(parameters.clone()),
                None,
            )
            .await
            .map_err(|error| unreachable(&error))?,
            Security::Plain | Security::StartTls { .. } => {
                let socket = tokio::net::TcpStream::connect((host.as_str(), *port))
                    .await
                    .map_err(|error| unreachable(&error))?;
                socket
                    .set_nodelay(true)
                    .map_err(|error| unreachable(&error))?;
                AsyncSmtpConnection::connect_with_transport(Box::new(socket), hello)
                    .await
                    .map_err(|error| unreachable(&error))?
            }
        };
        if let Security::StartTls {
            required,
            parameters,
        } = security
            && (*required || connection.can_starttls())
        {
            connection
                .starttls(parameters.clone(), hello)
                .await
                .map_err(|error| unreachable(&error))?;
        }
        if let Some(credentials) = &self.settings.credentials {
            connection
                .auth(DEFAULT_MECHANISMS, credentials)
                .await
                .map_err(|error| format!("{host}:{port}: authentication failed: {error}"))?;
        }
        Ok(connection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> anyhow::Result<RelaySettings> {
        RelaySettings::parse(raw, Duration::from_secs(30))
    }

    #[test]
    fn ports_follow_the_scheme_and_tls_mode() {
        assert_eq!(parse("smtp://relay.example.jp").expect("parses").port, 25);
        assert_eq!(
            parse("smtp://relay.example.jp?tls=required")
                .expect("parses")
                .port,
            587
        );
        assert_eq!(parse("smtps://relay.example.jp").expect("parses").port, 465);
        assert_eq!(parse("smtp://127.0.0.1:2525").expect("parses").port, 2525);
        assert!(matches!(
            parse("smtp://relay.example.jp?tls=opportunistic")
                .expect("parses")
                .security,
            Security::StartTls {
                required: false,
                ..
            }
        ));
    }

    #[test]
    fn credentials_are_percent_decoded() {
        let settings =
            parse("smtp://kotae%40city.example.jp:p%40ss%2Fw@relay:587").expect("parses");
        let expected = Credentials::new("kotae@city.example.jp".into(), "p@ss/w".into());
        assert_eq!(settings.credentials, Some(expected));
    }

    #[test]
    fn unknown_schemes_and_tls_modes_are_refused() {
        assert!(parse("http://relay").is_err());
        assert!(parse("smtp://relay?tls=sometimes").is_err());
        assert!(parse("smtp://").is_err());
    }

    #[test]
    fn the_path_names_the_client_in_ehlo() {
        let settings = parse("smtp://relay/kotae.city.example.jp").expect("parses");
        assert_eq!(
            settings.hello,
            ClientId::Domain("kotae.city.example.jp".into())
        );
    }
}
