//! The real binary, started as a process: clear errors for bad settings instead of
//! panics, and a clean exit on SIGTERM.

use std::net::TcpListener;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// No test here waits longer for the process: a server that should have refused to
/// start but serves instead fails the test in a minute rather than hanging it.
const PROCESS_TIME_LIMIT: Duration = Duration::from_secs(60);

fn server() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .env_remove("DATABASE_URL")
        .env_remove("KOTAE_SECRET_KEY")
        .env_remove("KOTAE_BASE_URL")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null());
    command
}

fn serve_with(env: &[(&str, &str)]) -> Output {
    let data = tempfile::tempdir().expect("temporary data directory");
    let mut command = server();
    command
        .arg("serve")
        .env("KOTAE_DATA_DIR", data.path())
        .env("KOTAE_LISTEN", "127.0.0.1:0");
    for (name, value) in env {
        command.env(name, value);
    }
    output_within(command, PROCESS_TIME_LIMIT)
}

/// Runs the command to its end, or kills it when it is still running after `limit`.
fn output_within(mut command: Command, limit: Duration) -> Output {
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("server starts");
    let pid = child.id();
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    match result.recv_timeout(limit) {
        Ok(output) => output.expect("server output"),
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("the server was still running after {limit:?}: it should have stopped");
        }
    }
}

/// Kills the server if the test fails before it stopped it.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

fn assert_fails_with(output: &Output, message: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "must fail: {stderr}");
    assert!(
        stderr.contains(message),
        "expected {message:?} in: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
}

#[test]
fn a_malformed_database_url_is_named() {
    let output = serve_with(&[("DATABASE_URL", "mysql://localhost/kotae")]);
    assert_fails_with(
        &output,
        "DATABASE_URL must start with sqlite: or postgres://",
    );
}

#[test]
fn an_unreachable_database_is_named_without_its_password() {
    let output = serve_with(&[("DATABASE_URL", "postgres://kotae:hunter2@127.0.0.1:1/kotae")]);
    assert_fails_with(&output, "cannot connect to the database");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("hunter2"));
}

#[test]
fn a_malformed_request_timeout_is_named() {
    let output = serve_with(&[("KOTAE_REQUEST_TIMEOUT", "0")]);
    assert_fails_with(
        &output,
        "KOTAE_REQUEST_TIMEOUT=\"0\" is not a number of seconds",
    );
}

#[test]
fn a_port_in_use_is_named() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = taken.local_addr().expect("address").to_string();
    let output = serve_with(&[("KOTAE_LISTEN", &address)]);
    assert_fails_with(&output, &format!("cannot listen on {address}"));
}

#[test]
fn an_unusable_data_directory_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let not_a_directory = dir.path().join("a-file");
    std::fs::write(&not_a_directory, b"x").expect("write");
    let mut command = server();
    command.arg("serve").env("KOTAE_DATA_DIR", &not_a_directory);
    let output = output_within(command, PROCESS_TIME_LIMIT);
    assert_fails_with(&output, "cannot create the data directory");
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let data = tempfile::tempdir().expect("temporary data directory");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let mut child = KillOnDrop(
        server()
            .arg("serve")
            .env("KOTAE_DATA_DIR", data.path())
            .env("KOTAE_LISTEN", format!("127.0.0.1:{port}"))
            .spawn()
            .expect("server starts"),
    );

    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < PROCESS_TIME_LIMIT,
            "server did not start within {PROCESS_TIME_LIMIT:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        data.path().join("kotae.db").exists(),
        "the SQLite file is created on first run"
    );
    assert!(
        data.path().join("secret.key").exists(),
        "the cookie key is generated on first run"
    );

    let killed = Command::new("kill")
        .args(["-TERM", &child.0.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let stopping = Instant::now();
    loop {
        if let Some(status) = child.0.try_wait().expect("wait") {
            assert!(status.success(), "clean exit: {status}");
            break;
        }
        assert!(
            stopping.elapsed() < PROCESS_TIME_LIMIT,
            "server did not stop within {PROCESS_TIME_LIMIT:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
