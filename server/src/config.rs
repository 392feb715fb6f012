//! Configuration: defaults, then an optional `.env`, then environment variables.
//! Everything is checked here so that a mistake stops start-up with a message that
//! says what to fix, instead of failing later.

use anyhow::{Context, bail};
use base64::Engine;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use url::Url;

pub const DEFAULT_LISTEN: &str = "127.0.0.1:3000";

#[derive(Clone)]
pub struct Config {
    /// Where the SQLite database, the cookie key and (later) outgoing mail files live.
    pub data_dir: PathBuf,
    pub database_url: DatabaseUrl,
    pub listen: SocketAddr,
    /// The address people use to reach Kotae; used in e-mailed links and to decide
    /// whether cookies need the `Secure` flag.
    pub base_url: Url,
    pub secret_key: SecretKey,
    /// How long a request may take before it is answered with 503 (`KOTAE_REQUEST_TIMEOUT`,
    /// seconds). Long enough for the slowest honest page; short enough that a hang is seen.
    pub request_timeout: Duration,
    /// The largest roster file accepted (`KOTAE_MAX_UPLOAD_MB`, default 10 MiB).
    pub max_upload_bytes: usize,
    /// Whether companies' saves are committed in groups (`KOTAE_GROUP_COMMIT`, default
    /// `on`; `off` commits each save alone, for measuring the difference).
    pub group_commit: bool,
    /// Email: transport, sender, schedule (see [`MailConfig`]).
    pub mail: MailConfig,
    /// Files attached to answers (see [`AttachmentConfig`]).
    pub attachments: AttachmentConfig,
}

/// Where companies' attached files are kept and how large they may be.
#[derive(Clone, Debug)]
pub struct AttachmentConfig {
    /// `KOTAE_ATTACHMENTS_DIR`, default `$KOTAE_DATA_DIR/attachments`.
    pub dir: PathBuf,
    /// `KOTAE_ATTACHMENT_MAX_MB` (one file, default 20) and
    /// `KOTAE_ATTACHMENT_MAX_RESPONSE_MB` (one response's files together, default 50).
    pub limits: app::server::attachments::Limits,
}

impl AttachmentConfig {
    pub fn from_env(
        data_dir: &Path,
        var: &impl Fn(&str) -> Option<String>,
    ) -> anyhow::Result<Self> {
        let defaults = app::server::attachments::Limits::default();
        let megabytes = |name: &str, default: u64| megabytes(var, name, 1024, 20, default);
        let per_file = megabytes("KOTAE_ATTACHMENT_MAX_MB", defaults.per_file)?;
        let per_response = megabytes("KOTAE_ATTACHMENT_MAX_RESPONSE_MB", defaults.per_response)?;
        if per_response < per_file {
            bail!(
                "KOTAE_ATTACHMENT_MAX_RESPONSE_MB ({} MB) is smaller than KOTAE_ATTACHMENT_MAX_MB ({} MB)",
                per_response / (1024 * 1024),
                per_file / (1024 * 1024)
            );
        }
        Ok(Self {
            dir: var("KOTAE_ATTACHMENTS_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| data_dir.join("attachments")),
            limits: app::server::attachments::Limits {
                per_file,
                per_response,
            },
        })
    }

    pub fn service(&self) -> app::server::services::attachments::Attachments {
        app::server::services::attachments::Attachments {
            store: app::server::attachments::Store::new(self.dir.clone()),
            limits: self.limits,
        }
    }
}

/// How Kotae sends email.
#[derive(Clone, Debug)]
pub struct MailConfig {
    /// `KOTAE_SMTP_URL` (e.g. `smtp://user:pass@relay:587?tls=required`, `smtps://...`),
    /// or `.eml` files under `$KOTAE_DATA_DIR/outbox/` when unset.
    pub transport: MailTransport,
    /// `KOTAE_MAIL_FROM`, e.g. `産業振興課 <kotae@city.example.jp>`.
    pub from: String,
    /// `KOTAE_MAIL_SIGNATURE`: the office's signature under every message (`\n` for a
    /// new line).
    pub signature: String,
    /// `KOTAE_MAIL_LANGUAGE`: `ja` (default) or `en`.
    pub language: app::server::services::mail::MailLanguage,
    /// `KOTAE_MAIL_CC_OTHERS`: `on` (default) puts a company's other contacts in Cc,
    /// `off` in To.
    pub cc_others: bool,
    /// `KOTAE_MAIL_RATE`: at most this many messages a second (unset: no limit).
    pub rate_per_second: Option<u32>,
    /// `KOTAE_MAIL_BATCH`: messages claimed at a time (default 50).
    pub batch: u64,
    /// `KOTAE_CLOSED_DAYS`: the office's own closed days, `2026-08-14,2026-08-15`.
    pub closed_days: Vec<chrono::NaiveDate>,
    /// `KOTAE_YEAR_END_CLOSURE`: `on` (default) keeps 29 Dec to 3 Jan closed.
    pub year_end_closure: bool,
    /// `KOTAE_DIGEST`: `on` (default) sends every admin and officer a digest of the open
    /// requests on business-day mornings; `off` sends none.
    pub digest: bool,
    /// `KOTAE_MAIL_LEASE` seconds (default 300): how long a worker's claim on a message
    /// lasts; a message whose worker died is sent again after it. Longer than the
    /// slowest send, or a slow message could be sent twice.
    pub lease: Duration,
    /// Background loops: the scheduler's and the worker's wake-up intervals; `None`
    /// runs neither (tests drive them by hand).
    pub loops: Option<MailLoops>,
}

#[derive(Clone, Copy, Debug)]
pub struct MailLoops {
    /// `KOTAE_SCHEDULER_INTERVAL` seconds (default 60).
    pub scheduler: Duration,
    /// How often the worker looks for due messages (2 s).
    pub worker: Duration,
}

#[derive(Clone)]
pub enum MailTransport {
    Smtp(String),
    Files(PathBuf),
}

impl fmt::Debug for MailTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MailTransport::Smtp(url) => write!(f, "Smtp({})", redact_password(url)),
            MailTransport::Files(dir) => write!(f, "Files({})", dir.display()),
        }
    }
}

/// A URL with its password replaced, for messages and logs.
pub fn redact_password(raw: &str) -> String {
    match Url::parse(raw) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        Ok(url) => url.to_string(),
        Err(_) => "(unreadable URL)".to_owned(),
    }
}

impl MailConfig {
    /// Files under `data_dir`, Japanese, the defaults: what the default run uses.
    pub fn files_in(data_dir: &Path) -> Self {
        Self {
            transport: MailTransport::Files(data_dir.join("outbox")),
            from: "Kotae <kotae@localhost>".to_owned(),
            signature: DEFAULT_SIGNATURE.to_owned(),
            language: app::server::services::mail::MailLanguage::Ja,
            cc_others: true,
            rate_per_second: None,
            batch: 50,
            closed_days: Vec::new(),
            year_end_closure: true,
            digest: true,
            lease: Duration::from_secs(300),
            loops: Some(MailLoops {
                scheduler: Duration::from_secs(60),
                worker: Duration::from_secs(2),
            }),
        }
    }

    fn from_env(data_dir: &Path, var: &dyn Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let mut mail = Self::files_in(data_dir);
        if let Some(url) = var("KOTAE_SMTP_URL") {
            let parsed = Url::parse(&url)
                .ok()
                .filter(|u| matches!(u.scheme(), "smtp" | "smtps") && u.host_str().is_some());
            if parsed.is_none() {
                bail!(
                    "KOTAE_SMTP_URL={} is not an SMTP URL like smtp://user:password@relay.example.jp:587?tls=required or smtps://relay.example.jp",
                    redact_password(&url)
                );
            }
            mail.transport = MailTransport::Smtp(url);
        }
        if let Some(from) = var("KOTAE_MAIL_FROM") {
            if from.parse::<lettre::message::Mailbox>().is_err() {
                bail!(
                    "KOTAE_MAIL_FROM={from:?} is not an address like 産業振興課 <kotae@city.example.jp>"
                );
            }
            mail.from = from;
        }
        if let Some(signature) = var("KOTAE_MAIL_SIGNATURE") {
            mail.signature = signature.replace("\\n", "\n");
        }
        if let Some(language) = var("KOTAE_MAIL_LANGUAGE") {
            mail.language = app::server::services::mail::MailLanguage::parse(language.trim())
                .with_context(|| format!("KOTAE_MAIL_LANGUAGE={language:?} must be ja or en"))?;
        }
        mail.cc_others = on_off(var("KOTAE_MAIL_CC_OTHERS"), "KOTAE_MAIL_CC_OTHERS", true)?;
        mail.digest = on_off(var("KOTAE_DIGEST"), "KOTAE_DIGEST", true)?;
        mail.year_end_closure = on_off(
            var("KOTAE_YEAR_END_CLOSURE"),
            "KOTAE_YEAR_END_CLOSURE",
            true,
        )?;
        if let Some(rate) = var("KOTAE_MAIL_RATE") {
            mail.rate_per_second = Some(
                rate.trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|r| (1..=10_000).contains(r))
                    .with_context(|| format!("KOTAE_MAIL_RATE={rate:?} is not a number of messages a second between 1 and 10000"))?,
            );
        }
        if let Some(batch) = var("KOTAE_MAIL_BATCH") {
            mail.batch = batch
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|b| (1..=1000).contains(b))
                .with_context(|| {
                    format!("KOTAE_MAIL_BATCH={batch:?} is not a number between 1 and 1000")
                })?;
        }
        if let Some(days) = var("KOTAE_CLOSED_DAYS") {
            mail.closed_days = days
                .split(',')
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(|d| {
                    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").with_context(|| {
                        format!("KOTAE_CLOSED_DAYS: {d:?} is not a date like 2026-08-14")
                    })
                })
                .collect::<anyhow::Result<_>>()?;
        }
        if let Some(text) = var("KOTAE_MAIL_LEASE") {
            mail.lease = parse_seconds(&text).with_context(|| {
                format!("KOTAE_MAIL_LEASE={text:?} is not a number of seconds between 1 and 3600, like 300")
            })?;
        }
        if let Some(text) = var("KOTAE_SCHEDULER_INTERVAL") {
            let interval = parse_seconds(&text).with_context(|| {
                format!("KOTAE_SCHEDULER_INTERVAL={text:?} is not a number of seconds between 1 and 3600, like 60")
            })?;
            if let Some(loops) = mail.loops.as_mut() {
                loops.scheduler = interval;
            }
        }
        Ok(mail)
    }
}

const DEFAULT_SIGNATURE: &str =
    "――――――――――――――――――――\n出展事業 事務局（Kotae）\nこのメールは送信専用です。";

fn on_off(value: Option<String>, name: &str, default: bool) -> anyhow::Result<bool> {
    match value.as_deref().map(str::trim) {
        None => Ok(default),
        Some("on") => Ok(true),
        Some("off") => Ok(false),
        Some(other) => bail!("{name}={other:?} must be on or off"),
    }
}

pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> anyhow::Result<Self> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let data_dir = PathBuf::from(var("KOTAE_DATA_DIR").unwrap_or_else(|| "data".into()));
        prepare_data_dir(&data_dir)?;

        let database_url = match var("DATABASE_URL") {
            Some(url) => DatabaseUrl::parse(&url)?,
            None => DatabaseUrl::sqlite_in(&data_dir),
        };
        // cargo-leptos passes its site address as LEPTOS_SITE_ADDR; ours wins when set.
        let listen_text = var("KOTAE_LISTEN")
            .or_else(|| var("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| DEFAULT_LISTEN.into());
        let listen: SocketAddr = listen_text.parse().with_context(|| {
            format!("KOTAE_LISTEN={listen_text:?} is not an address like 127.0.0.1:3000")
        })?;
        let base_url = match var("KOTAE_BASE_URL") {
            Some(url) => Url::parse(&url).with_context(|| {
                format!("KOTAE_BASE_URL={url:?} is not a URL like https://kotae.example.jp")
            })?,
            None => Url::parse(&format!("http://{listen}")).context("building default base URL")?,
        };
        let secret_key = match var("KOTAE_SECRET_KEY") {
            Some(key) => SecretKey::from_text(&key)?,
            None => SecretKey::load_or_create(&data_dir.join("secret.key"))?,
        };
        let request_timeout = match var("KOTAE_REQUEST_TIMEOUT") {
            Some(text) => parse_seconds(&text).with_context(|| {
                format!("KOTAE_REQUEST_TIMEOUT={text:?} is not a number of seconds between 1 and 3600, like 30")
            })?,
            None => DEFAULT_REQUEST_TIMEOUT,
        };
        let max_upload_bytes = megabytes(
            &var,
            "KOTAE_MAX_UPLOAD_MB",
            100,
            10,
            DEFAULT_MAX_UPLOAD_BYTES as u64,
        )
        .map(|bytes| usize::try_from(bytes).unwrap_or(usize::MAX))?;
        let group_commit = match var("KOTAE_GROUP_COMMIT").as_deref().map(str::trim) {
            None | Some("on") => true,
            Some("off") => false,
            Some(other) => bail!("KOTAE_GROUP_COMMIT={other:?} must be on or off"),
        };
        let mail = MailConfig::from_env(&data_dir, &var)?;
        let attachments = AttachmentConfig::from_env(&data_dir, &var)?;
        Ok(Self {
            data_dir,
            database_url,
            listen,
            base_url,
            secret_key,
            request_timeout,
            max_upload_bytes,
            group_commit,
            mail,
            attachments,
        })
    }

    /// Where uploaded rosters are kept, and how large they may be.
    pub fn roster_files(&self) -> app::server::services::roster::import::Storage {
        app::server::services::roster::import::Storage {
            data_dir: self.data_dir.clone(),
            limits: app::server::spreadsheet::Limits {
                max_file_bytes: self.max_upload_bytes,
                ..Default::default()
            },
        }
    }

    /// Cookies get the `Secure` flag when people reach Kotae over https.
    pub fn secure_cookies(&self) -> bool {
        self.base_url.scheme() == "https"
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("data_dir", &self.data_dir)
            .field("database_url", &self.database_url)
            .field("listen", &self.listen)
            .field("base_url", &self.base_url.as_str())
            .field("secret_key", &self.secret_key)
            .field("request_timeout", &self.request_timeout)
            .field("max_upload_bytes", &self.max_upload_bytes)
            .field("group_commit", &self.group_commit)
            .field("mail", &self.mail)
            .finish()
    }
}

/// Whole seconds from 1 to an hour: a limit of 0 would refuse every request, and one of
/// days would not be a limit.
fn parse_seconds(text: &str) -> anyhow::Result<Duration> {
    let seconds: u64 = text.trim().parse()?;
    if !(1..=3600).contains(&seconds) {
        bail!("out of range");
    }
    Ok(Duration::from_secs(seconds))
}

/// Creates the data directory and proves it is writable, so the failure is reported
/// at start-up and names the directory.
fn prepare_data_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| {
        format!(
            "cannot create the data directory {} (set KOTAE_DATA_DIR to a writable directory)",
            dir.display()
        )
    })?;
    let probe = dir.join(".write-test");
    std::fs::write(&probe, b"ok").with_context(|| {
        format!(
            "the data directory {} is not writable (set KOTAE_DATA_DIR to a writable directory)",
            dir.display()
        )
    })?;
    let _ = std::fs::remove_file(probe);
    Ok(())
}

/// A database URL; its password is never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> anyhow::Result<Self> {
        let raw = raw.trim();
        if raw.starts_with("sqlite:")
            || raw.starts_with("postgres://")
            || raw.starts_with("postgresql://")
        {
            Ok(Self(raw.to_owned()))
        } else {
            bail!(
                "DATABASE_URL must start with sqlite: or postgres:// (for example \
                 sqlite://data/kotae.db?mode=rwc or postgres://user@127.0.0.1:5432/kotae)"
            )
        }
    }

    /// The embedded default: an SQLite file in the data directory, created if missing.
    pub fn sqlite_in(data_dir: &Path) -> Self {
        Self(format!(
            "sqlite://{}?mode=rwc",
            data_dir.join("kotae.db").display()
        ))
    }

    pub fn backend(&self) -> Backend {
        if self.0.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL with any password replaced, for messages and logs.
    pub fn redacted(&self) -> String {
        match Url::parse(&self.0) {
            Ok(mut url) if url.password().is_some() => {
                let _ = url.set_password(Some("***"));
                url.to_string()
            }
            _ => self.0.clone(),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// The key that signs session cookies. 64 bytes; never logged.
#[derive(Clone)]
pub struct SecretKey(Vec<u8>);

impl SecretKey {
    const LEN: usize = 64;

    /// A key given in KOTAE_SECRET_KEY: base64 of 64 bytes, or any text of 64+ bytes.
    pub fn from_text(text: &str) -> anyhow::Result<Self> {
        let engine = base64::engine::general_purpose::STANDARD;
        let bytes = match engine.decode(text.trim()) {
            Ok(bytes) if bytes.len() >= Self::LEN => bytes,
            _ => text.as_bytes().to_vec(),
        };
        if bytes.len() < Self::LEN {
            bail!(
                "KOTAE_SECRET_KEY is too short: use at least {} bytes, e.g. the output of \
                 `openssl rand -base64 64`, or leave it unset to have one generated in the data directory",
                Self::LEN
            );
        }
        Ok(Self(bytes[..Self::LEN].to_vec()))
    }

    /// Reads the key file, or creates it with fresh random bytes (readable by the owner only).
    pub fn load_or_create(path: &Path) -> anyhow::Result<Self> {
        let engine = base64::engine::general_purpose::STANDARD;
        if path.exists() {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the cookie key {}", path.display()))?;
            let bytes = engine
                .decode(text.trim())
                .ok()
                .filter(|b| b.len() == Self::LEN)
                .with_context(|| format!("the cookie key {} is damaged: delete it to make a new one (everyone will be signed out)", path.display()))?;
            return Ok(Self(bytes));
        }
        let bytes: Vec<u8> = (0..Self::LEN).map(|_| rand::random::<u8>()).collect();
        write_private(path, engine.encode(&bytes).as_bytes())
            .with_context(|| format!("cannot write the cookie key {}", path.display()))?;
        tracing::info!(path = %path.display(), "generated a new cookie key");
        Ok(Self(bytes))
    }

    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(***)")
    }
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents)
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

/// The setting `name`, a whole number of megabytes from 1 to `most`, in bytes; `default`
/// (bytes) when it is unset. `example` goes into the message that refuses anything else.
fn megabytes(
    var: &impl Fn(&str) -> Option<String>,
    name: &str,
    most: u64,
    example: u64,
    default: u64,
) -> anyhow::Result<u64> {
    let Some(text) = var(name) else {
        return Ok(default);
    };
    text.trim()
        .parse::<u64>()
        .ok()
        .filter(|mb| (1..=most).contains(mb))
        .map(|mb| mb * 1024 * 1024)
        .with_context(|| {
            format!(
                "{name}={text:?} is not a number of megabytes between 1 and {most}, like {example}"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_passwords_are_never_printed() {
        let url =
            DatabaseUrl::parse("postgres://kotae:hunter2@db.example.jp/kotae").expect("valid");
        assert!(!format!("{url:?}").contains("hunter2"));
        assert_eq!(url.backend(), Backend::Postgres);
    }

    #[test]
    fn unknown_database_schemes_are_refused_with_an_example() {
        let error = DatabaseUrl::parse("mysql://localhost/kotae").expect_err("refused");
        assert!(error.to_string().contains("sqlite:"));
    }

    #[test]
    fn short_secret_keys_are_refused() {
        assert!(SecretKey::from_text("short").is_err());
        let key = SecretKey::from_text(&"k".repeat(80)).expect("long enough");
        assert_eq!(key.expose().len(), 64);
        assert_eq!(format!("{key:?}"), "SecretKey(***)");
    }

    #[test]
    fn request_timeouts_are_whole_seconds_within_an_hour() {
        assert_eq!(
            parse_seconds(" 45 ").expect("valid"),
            Duration::from_secs(45)
        );
        assert!(parse_seconds("0").is_err());
        assert!(parse_seconds("3601").is_err());
        assert!(parse_seconds("30s").is_err());
    }

    #[test]
    fn a_generated_key_is_reused_on_the_next_start() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("secret.key");
        let first = SecretKey::load_or_create(&path).expect("created");
        let second = SecretKey::load_or_create(&path).expect("loaded");
        assert_eq!(first.expose(), second.expose());
    }
}
