//! Group commit for saves. A submission the company saw acknowledged must survive a
//! crash and a power loss, so every commit waits for the disk (SQLite `synchronous=FULL`,
//! PostgreSQL `synchronous_commit=on`). One flush per save would allow only a few
//! hundred saves a second; instead writer tasks take every save that has queued, run
//! each in a savepoint of one transaction, commit once, and only then answer each
//! request. Durability is unchanged: nobody is answered before the commit that holds
//! their save has reached the disk.

use super::save::{Failure, conflict_after_race, save_in};
use super::{SaveDeps, SaveOutcome, SaveRefusal, SaveRequest};
use crate::error::AppError;
use crate::server::clock::Clock;
use sea_orm::{DatabaseConnection, DatabaseTransaction, TransactionTrait};
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc, oneshot};

/// The most saves in one transaction: enough to absorb a burst, few enough that one
/// commit never takes long.
const MAX_BATCH: usize = 256;
/// How often a batch that failed inside the database is run: the window in which
/// another write can spoil it is a single save's reads, so a second try nearly always
/// succeeds (a millisecond more of waiting per try lets a burst of writes pass); the last
/// try commits whatever succeeded.
const MAX_TRIES: u32 = 10;
/// Saves waiting beyond this make callers wait for room (back-pressure, bounded memory).
const QUEUE_CAPACITY: usize = 4096;

type Reply = oneshot::Sender<Result<SaveOutcome, SaveRefusal>>;

struct Job {
    token: String,
    request: SaveRequest,
    reply: Reply,
}

/// Where request handlers hand their saves to the writers.
#[derive(Clone)]
pub struct SaveQueue(Mode);

#[derive(Clone)]
enum Mode {
    Grouped(mpsc::Sender<Job>),
    /// One transaction and one commit per save, in the request's own task: the plain
    /// path, kept to measure what grouping gains (`KOTAE_GROUP_COMMIT=off`).
    Direct {
        db: DatabaseConnection,
        clock: Clock,
        deps: SaveDeps,
    },
}

impl std::fmt::Debug for SaveQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SaveQueue")
    }
}

impl SaveQueue {
    /// Starts `writers` writer tasks on the current runtime. SQLite takes one writer at
    /// a time anyway, so one is right there; PostgreSQL gains from a few. `versions` is
    /// the cache of `db`'s published form versions.
    pub fn start(db: DatabaseConnection, clock: Clock, deps: SaveDeps, writers: usize) -> Self {
        let (jobs, queue) = mpsc::channel(QUEUE_CAPACITY);
        let queue = Arc::new(Mutex::new(queue));
        for _ in 0..writers.max(1) {
            tokio::spawn(write_batches(
                db.clone(),
                clock.clone(),
                deps.clone(),
                queue.clone(),
            ));
        }
        Self(Mode::Grouped(jobs))
    }

    /// Saves without grouping: each request commits its own transaction.
    pub fn direct(db: DatabaseConnection, clock: Clock, deps: SaveDeps) -> Self {
        Self(Mode::Direct { db, clock, deps })
    }

    /// Saves through the writers and waits for the commit.
    pub async fn save(
        &self,
        token: &str,
        request: SaveRequest,
    ) -> Result<SaveOutcome, SaveRefusal> {
        let jobs = match &self.0 {
            Mode::Grouped(jobs) => jobs,
            Mode::Direct { db, clock, deps } => {
                return super::save(db, deps, clock.now(), token, request).await;
            }
        };
        let (reply, answer) = oneshot::channel();
        let job = Job {
            token: token.to_owned(),
            request,
            reply,
        };
        if jobs.send(job).await.is_err() {
            return Err(SaveRefusal::Link(AppError::internal(
                "saving answers",
                "the writers have stopped",
            )));
        }
        answer.await.unwrap_or_else(|_| {
            Err(SaveRefusal::Link(AppError::internal(
                "saving answers",
                "a writer dropped the save",
            )))
        })
    }
}

async fn write_batches(
    db: DatabaseConnection,
    clock: Clock,
    deps: SaveDeps,
    queue: Arc<Mutex<mpsc::Receiver<Job>>>,
) {
    loop {
        let batch = {
            let mut queue = queue.lock().await;
            let Some(first) = queue.recv().await else {
                return;
            };
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match queue.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
            batch
        };
        write(&db, &clock, &deps, batch).await;
    }
}

/// Runs a batch in one transaction and answers every request after the commit.
///
/// The first try is DEFERRED: the writer is SQLite's only writer of answers, and
/// `BEGIN IMMEDIATE` halved its rate (BENCHMARKS.md). A deferred transaction fails its
/// first write with `SQLITE_BUSY` / `SQLITE_BUSY_SNAPSHOT`, without waiting, when another
/// connection is writing or committed after its first read (a link opened for the first
/// time, an officer's change, the mail worker recording what it sent); then every save
/// of the batch fails, nothing is committed and nobody has been answered, so the batch
/// runs again — IMMEDIATE, which waits for the write lock instead of failing (under a
/// busy mail worker, ten deferred tries in a row could all lose). Up to [`MAX_TRIES`];
/// the last try commits whatever succeeded.
async fn write(db: &DatabaseConnection, clock: &Clock, deps: &SaveDeps, batch: Vec<Job>) {
    let mut tries = 1;
    let outcomes = loop {
        let last = tries == MAX_TRIES;
        // Contention seen: take the write lock up front and wait for it.
        let immediate = tries > 1;
        if let Some(outcomes) = attempt(db, clock, deps, &batch, immediate, last).await {
            break outcomes;
        }
        tokio::time::sleep(std::time::Duration::from_millis(u64::from(tries))).await;
        tries += 1;
    };
    for (job, outcome) in batch.into_iter().zip(outcomes) {
        let _ = job.reply.send(outcome);
    }
}

/// One attempt at a batch: the outcome of every save, or `None` when a save failed
/// inside the database and this was not the `last` attempt (everything rolled back).
async fn attempt(
    db: &DatabaseConnection,
    clock: &Clock,
    deps: &SaveDeps,
    batch: &[Job],
    immediate: bool,
    last: bool,
) -> Option<Vec<Result<SaveOutcome, SaveRefusal>>> {
    let begun = if immediate {
        super::begin_write(db).await
    } else {
        db.begin().await
    };
    let txn = match begun {
        Ok(txn) => txn,
        Err(error) => {
            let error = AppError::internal("starting a batch of saves", error);
            return Some(
                batch
                    .iter()
                    .map(|_| Err(SaveRefusal::Link(error.clone())))
                    .collect(),
            );
        }
    };
    let now = clock.now();
    let mut outcomes = Vec::with_capacity(batch.len());
    for job in batch {
        outcomes.push(save_one(&txn, deps, now, &job.token, job.request.clone()).await);
    }
    if !last && outcomes.iter().any(failed_in_database) {
        if let Err(error) = txn.rollback().await {
            tracing::warn!(%error, "rolling back a batch of saves to retry it");
        }
        tracing::warn!(
            saves = batch.len(),
            "a batch of saves failed in the database; retrying it"
        );
        return None;
    }
    match txn.commit().await {
        Ok(()) => Some(outcomes),
        // Nothing of the batch was saved: every save in it is refused, none is
        // acknowledged.
        Err(error) => {
            let error = AppError::internal("committing a batch of saves", error);
            Some(
                batch
                    .iter()
                    .map(|_| Err(SaveRefusal::Link(error.clone())))
                    .collect(),
            )
        }
    }
}

fn failed_in_database(outcome: &Result<SaveOutcome, SaveRefusal>) -> bool {
    matches!(outcome, Err(SaveRefusal::Link(AppError::Internal)))
}

/// One save in a savepoint, so a save that fails leaves the others of the batch alone.
async fn save_one(
    txn: &DatabaseTransaction,
    deps: &SaveDeps,
    now: chrono::DateTime<chrono::Utc>,
    token: &str,
    request: SaveRequest,
) -> Result<SaveOutcome, SaveRefusal> {
    let savepoint = txn.begin().await?;
    match save_in(&savepoint, deps, now, token, request).await {
        Ok(outcome) => {
            savepoint.commit().await?;
            Ok(outcome)
        }
        Err(Failure::Refused(refusal)) => {
            savepoint.rollback().await?;
            Err(refusal)
        }
        Err(Failure::Raced) => {
            savepoint.rollback().await?;
            Err(conflict_after_race(txn, &deps.versions, token).await)
        }
    }
}
