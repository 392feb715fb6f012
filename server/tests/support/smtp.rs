//! A real SMTP server on loopback, in the test process (mailin-embedded): it records
//! every message it accepts, and a test can script its next replies (4xx, 5xx) or start
//! it late on a port chosen in advance (a relay that was down).

#![allow(dead_code)] // the mail tests, the crash test and the benchmark each use a part

use mailin_embedded::response::{self, Response};
use mailin_embedded::{Handler, Server, SslConfig};
use std::collections::VecDeque;
use std::net::{IpAddr, TcpListener};
use std::sync::{Arc, Mutex};

/// One accepted message.
#[derive(Debug, Clone)]
pub struct Received {
    pub recipients: Vec<String>,
    pub data: Vec<u8>,
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.data)
            .expect("a MIME message")
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }

    pub fn text(&self) -> String {
        self.parsed()
            .body_text(0)
            .map(|text| text.into_owned())
            .unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> String {
        self.parsed()
            .header_raw(name)
            .map(|raw| raw.trim().to_owned())
            .unwrap_or_default()
    }
}

#[derive(Default)]
struct Shared {
    received: Vec<Received>,
    /// Replies to the next RCPT commands, in order; then 250.
    script: VecDeque<(u16, &'static str)>,
}

#[derive(Clone)]
struct Recorder {
    /// How long accepting each message takes: a slow relay, so a test can stop the
    /// sender in the middle of a batch.
    delay: std::time::Duration,
    shared: Arc<Mutex<Shared>>,
    recipients: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Recorder {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.recipients = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn rcpt(&mut self, _to: &str) -> Response {
        let mut shared = self.shared.lock().expect("sink state");
        match shared.script.pop_front() {
            Some((code, text)) => Response::custom(code, text.to_owned()),
            None => response::OK,
        }
    }

    fn data_end(&mut self) -> Response {
        std::thread::sleep(self.delay);
        let mut shared = self.shared.lock().expect("sink state");
        shared.received.push(Received {
            recipients: std::mem::take(&mut self.recipients),
            data: std::mem::take(&mut self.data),
        });
        response::OK
    }

    fn helo(&mut self, _ip: IpAddr, _domain: &str) -> Response {
        response::OK
    }
}

#[derive(Clone)]
pub struct SmtpSink {
    shared: Arc<Mutex<Shared>>,
}

impl SmtpSink {
    /// A port nothing listens on yet: a relay that is down until [`Self::start_on`].
    pub fn free_port() -> u16 {
        TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port()
    }

    pub fn start_on(port: u16) -> Self {
        Self::start_slow_on(port, std::time::Duration::ZERO)
    }

    /// A sink that takes `delay` to accept each message.
    pub fn start_slow_on(port: u16, delay: std::time::Duration) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("the sink's port");
        let shared = Arc::new(Mutex::new(Shared::default()));
        let handler = Recorder {
            delay,
            shared: shared.clone(),
            recipients: Vec::new(),
            data: Vec::new(),
        };
        let mut server = Server::new(handler);
        server
            .with_name("sink.test")
            .with_ssl(SslConfig::None)
            .expect("plain SMTP")
            // More than the worker's pool: each pooled connection holds a thread while idle.
            .with_num_threads(32)
            .with_tcp_listener(listener);
        // The server runs until the test process ends.
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        Self { shared }
    }

    /// A sink that is not listening (yet): a relay that is down.
    pub fn unstarted() -> Self {
        Self {
            shared: Arc::default(),
        }
    }

    /// The URL Kotae is configured with.
    pub fn url(port: u16) -> String {
        format!("smtp://127.0.0.1:{port}")
    }

    /// The next RCPT commands are answered with these replies (e.g. `(451, "try later")`).
    pub fn script(&self, replies: &[(u16, &'static str)]) {
        self.shared
            .lock()
            .expect("sink state")
            .script
            .extend(replies.iter().copied());
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.lock().expect("sink state").received.clone()
    }
}
