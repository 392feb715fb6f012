//! The mail worker and the scheduler: background work inside the server process,
//! calling the outbox and scheduler services of `app`. Both keep their state in the
//! database, so a restart loses nothing: a message claimed by a process that died is
//! claimed again when its lease expires.

mod message;
mod relay;
pub mod transport;

use crate::config::{Config, MailConfig};
use anyhow::Context;
use app::server::clock::Clock;
use app::server::links::LinkKey;
use app::server::services::mail::scheduler::{self, Pass};
use app::server::services::mail::{Claimed, Composer, Outcome, outbox};
use futures::StreamExt;
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use kotae_domain::mail::BusinessCalendar;
use kotae_domain::office_time::office_offset;
use sea_orm::{DatabaseConnection, TransactionTrait};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;
use transport::{POOL_SIZE, Transport};

/// The most finished sends recorded in one transaction.
const RECORD_GROUP: usize = 2 * POOL_SIZE;

/// The most messages a crash can leave sent but unrecorded (and so sent again after the
/// lease): those in flight, those waiting for the recorder, and the group being committed.
pub const MOST_UNRECORDED: usize = POOL_SIZE * 2 + RECORD_GROUP;

/// What one delivery round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivered {
    pub sent: u32,
    pub retrying: u32,
    pub failed: u32,
    pub cancelled: u32,
    /// Outcomes not recorded because the lease had passed to another worker.
    pub lost_leases: u32,
}

impl Delivered {
    fn total(&self) -> u32 {
        self.sent + self.retrying + self.failed + self.cancelled + self.lost_leases
    }
}

/// Everything the worker and the scheduler need; cheap to clone.
#[derive(Clone)]
pub struct Mailer {
    db: DatabaseConnection,
    clock: Clock,
    composer: Composer,
    calendar: Arc<BusinessCalendar>,
    transport: Transport,
    from: lettre::message::Mailbox,
    links: LinkKey,
    base_url: String,
    batch: u64,
    /// How long a claim lasts: a worker that has not recorded an outcome by then is
    /// taken to have died, and the message is claimed again.
    lease: Duration,
    limiter: Option<Arc<DefaultDirectRateLimiter>>,
    /// Officers get a digest on business-day mornings (`KOTAE_DIGEST`).
    digest: bool,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("transport", &self.transport)
            .finish_non_exhaustive()
    }
}

/// The composer the configuration asks for.
pub fn composer(config: &Config) -> Composer {
    let mut composer = Composer::new(&config.mail.signature, config.mail.language);
    composer.cc_others = config.mail.cc_others;
    composer.domain = config
        .base_url
        .host_str()
        .unwrap_or("kotae.localhost")
        .into();
    composer
}

/// The business calendar the configuration asks for, around today.
pub fn calendar(mail: &MailConfig, clock: &Clock) -> BusinessCalendar {
    let today = clock.now().with_timezone(&office_offset()).date_naive();
    BusinessCalendar::around(
        today,
        mail.closed_days.iter().copied(),
        mail.year_end_closure,
    )
}

impl Mailer {
    pub fn new(
        config: &Config,
        db: DatabaseConnection,
        clock: Clock,
        composer: Composer,
        calendar: Arc<BusinessCalendar>,
        links: LinkKey,
    ) -> anyhow::Result<Self> {
        let from =
            config.mail.from.parse().with_context(|| {
                format!("KOTAE_MAIL_FROM={:?} is not an address", config.mail.from)
            })?;
        let limiter = config
            .mail
            .rate_per_second
            .and_then(NonZeroU32::new)
            .map(|rate| Arc::new(RateLimiter::direct(Quota::per_second(rate))));
        Ok(Self {
            db,
            clock,
            composer,
            calendar,
            transport: Transport::from_config(&config.mail.transport)?,
            from,
            links,
            base_url: config.base_url.as_str().trim_end_matches('/').to_owned(),
            batch: config.mail.batch,
            lease: config.mail.lease,
            limiter,
            digest: config.mail.digest,
        })
    }

    /// One pass of the scheduler: invitations of campaigns that opened, reminders due.
    pub async fn schedule(&self) -> anyhow::Result<Pass> {
        let digest_links = self.digest.then_some(self.base_url.as_str());
        scheduler::run_pass(
            &self.db,
            &self.composer,
            &self.calendar,
            digest_links,
            self.clock.now(),
        )
        .await
        .map_err(|error| anyhow::anyhow!("scheduler pass: {error:?}"))
    }

    /// Claims one batch of due messages and sends them (a few at once, over the pooled
    /// connections), recording each outcome under the batch's lease.
    ///
    /// Outcomes are recorded as sends end, by a recorder running beside the sends: it
    /// commits whatever has finished in one transaction (one disk flush for several
    /// messages instead of one each). A crash therefore leaves at most
    /// [`MOST_UNRECORDED`] messages sent but unrecorded, not the whole batch.
    pub async fn deliver_batch(&self) -> anyhow::Result<Delivered> {
        let claimed = outbox::claim(&self.db, self.clock.now(), self.lease, self.batch)
            .await
            .map_err(|error| anyhow::anyhow!("claiming messages: {error:?}"))?;
        let pool = POOL_SIZE;
        let (finished, mut to_record) = tokio::sync::mpsc::channel::<(Claimed, Outcome)>(pool);
        let sends = async move {
            futures::stream::iter(claimed)
                .for_each_concurrent(pool, |claimed| {
                    let finished = finished.clone();
                    async move {
                        // The recorder stops only on a database error (returned below):
                        // then nothing more is sent whose outcome could not be recorded.
                        if finished.is_closed() {
                            return;
                        }
                        let outcome = self.send(&claimed).await;
                        let _ = finished.send((claimed, outcome)).await;
                    }
                })
                .await;
        };
        let records = async {
            let mut delivered = Delivered::default();
            let mut group = Vec::with_capacity(RECORD_GROUP);
            while to_record.recv_many(&mut group, RECORD_GROUP).await > 0 {
                self.record_group(&mut group, &mut delivered).await?;
            }
            anyhow::Ok(delivered)
        };
        let ((), delivered) = tokio::join!(sends, records);
        delivered
    }

    /// Records finished sends in one transaction and counts them.
    async fn record_group(
        &self,
        group: &mut Vec<(Claimed, Outcome)>,
        delivered: &mut Delivered,
    ) -> anyhow::Result<()> {
        let txn = self
            .db
            .begin()
            .await
            .context("starting to record outcomes")?;
        let now = self.clock.now();
        for (claimed, outcome) in group.drain(..) {
            let recorded = outbox::record(&txn, &claimed, &outcome, now)
                .await
                .map_err(|error| anyhow::anyhow!("recording an outcome: {error:?}"))?;
            if !recorded {
                tracing::warn!(
                    message = claimed.message.id,
                    "the lease passed to another worker; its outcome stands"
                );
                delivered.lost_leases += 1;
                continue;
            }
            match outcome {
                Outcome::Sent(_) => delivered.sent += 1,
                Outcome::Cancelled => delivered.cancelled += 1,
                Outcome::Permanent(reply) => {
                    tracing::warn!(message = claimed.message.id, %reply, "refused for good");
                    delivered.failed += 1;
                }
                Outcome::Transient(reply) => {
                    tracing::warn!(message = claimed.message.id, %reply, "will retry");
                    if claimed.message.attempts >= outbox::MAX_ATTEMPTS {
                        delivered.failed += 1;
                    } else {
                        delivered.retrying += 1;
                    }
                }
            }
        }
        txn.commit().await.context("recording outcomes")?;
        Ok(())
    }

    /// Delivers batches until nothing is due: what a test calls to run the worker to
    /// completion.
    pub async fn deliver_due(&self) -> anyhow::Result<Delivered> {
        let mut all = Delivered::default();
        loop {
            let round = self.deliver_batch().await?;
            if round.total() == 0 {
                return Ok(all);
            }
            all.sent += round.sent;
            all.retrying += round.retrying;
            all.failed += round.failed;
            all.cancelled += round.cancelled;
            all.lost_leases += round.lost_leases;
            // Retried messages are due later, so they do not come round again here.
        }
    }

    async fn send(&self, claimed: &Claimed) -> Outcome {
        if claimed.no_longer_wanted {
            return Outcome::Cancelled;
        }
        if app::server::services::mail::recipients::load(&claimed.message.to_addresses).is_empty() {
            return Outcome::Permanent(outbox::NO_ADDRESS.to_owned());
        }
        let link = format!(
            "{}/a/{}",
            self.base_url,
            self.links.token(&claimed.token_seed)
        );
        let message = match message::build(claimed, &self.from, &link) {
            Ok(message) => message,
            Err(problem) => return Outcome::Permanent(problem),
        };
        if let Some(limiter) = &self.limiter {
            limiter.until_ready().await;
        }
        self.transport.send(message).await
    }

    /// Runs the scheduler and the worker until the task is aborted.
    pub fn spawn_loops(self, loops: crate::config::MailLoops) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut next_pass = tokio::time::Instant::now();
            loop {
                if tokio::time::Instant::now() >= next_pass {
                    match self.schedule().await {
                        Ok(pass) if pass != Pass::default() => tracing::info!(?pass, "scheduled"),
                        Ok(_) => {}
                        Err(error) => tracing::error!("{error:#}"),
                    }
                    next_pass = tokio::time::Instant::now() + loops.scheduler;
                }
                match self.deliver_due().await {
                    Ok(done) if done != Delivered::default() => {
                        tracing::info!(?done, "delivered");
                    }
                    Ok(_) => {}
                    Err(error) => tracing::error!("{error:#}"),
                }
                tokio::time::sleep(loops.worker).await;
            }
        })
    }
}
