//! The real binary, started as a process: clear errors for bad settings instead of
//! panics, and a clean exit on SIGTERM.

use std::net::TcpListener;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

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
    command.output().expect("server runs")
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
    let output = server()
        .arg("serve")
        .env("KOTAE_DATA_DIR", &not_a_directory)
        .output()
        .expect("server runs");
    assert_fails_with(&output, "cannot create the data directory");
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let data = tempfile::tempdir().expect("temporary data directory");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let mut child = server()
        .arg("serve")
        .env("KOTAE_DATA_DIR", data.path())
        .env("KOTAE_LISTEN", format!("127.0.0.1:{port}"))
        .spawn()
        .expect("server starts");

    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "server did not start"
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
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let stopping = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "clean exit: {status}");
            break;
        }
        assert!(
            stopping.elapsed() < Duration::from_secs(10),
            "server did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
