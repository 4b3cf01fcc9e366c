//! `newslint serve` as a process on a loopback port: oversized bodies,
//! idle connections, signals, start-up errors, the token from the
//! environment and the request log.

mod serve_support;

use serve_support::{post_form, request, Server};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

const STORY: &str = include_str!("fixtures/serve/story-en-gb.txt");

fn healthy(server: &Server) {
    let r = request(server.addr, "GET", "/healthz", &[], b"");
    assert_eq!(r.status, 200, "{}", r.body);
    let r = post_form(
        server.addr,
        "/v2/check",
        &[("text", STORY), ("language", "en-GB")],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("\"troops\""), "{}", r.body);
}

#[test]
fn a_20_mb_body_gets_413_and_the_server_goes_on() {
    let server = Server::start(&["--quiet"], &[]);
    let size = 20 * 1024 * 1024;
    for path in ["/v2/check", "/api/check"] {
        // The client sends the whole body without waiting for an answer.
        let mut s = TcpStream::connect(server.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {size}\r\n\r\n"
        );
        s.write_all(head.as_bytes()).unwrap();
        let mut writer = s.try_clone().unwrap();
        let sender = std::thread::spawn(move || {
            let chunk = vec![b'a'; 64 * 1024];
            let mut sent = 0;
            while sent < size {
                // The server may close once it has answered: stop there.
                if writer.write_all(&chunk).is_err() {
                    break;
                }
                sent += chunk.len();
            }
        });
        let mut raw = vec![0; 4096];
        let n = s.read(&mut raw).unwrap();
        let reply = serve_support::parse_reply(&raw[..n]);
        assert_eq!(reply.status, 413, "{path}: {}", reply.head);
        sender.join().unwrap();
        // A client that asks first (`Expect: 100-continue`, as curl does)
        // is refused before it sends anything.
        let mut s = TcpStream::connect(server.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {size}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"
        );
        s.write_all(head.as_bytes()).unwrap();
        let reply = serve_support::read_reply(&mut s);
        assert_eq!(reply.status, 413, "{path}: {}", reply.head);
        healthy(&server);
    }
}

#[test]
fn a_thousand_idle_connections_do_not_stop_it_serving() {
    // This test's own connections need descriptors too.
    newslint::serve::raise_open_files();
    let server = Server::start(&["--quiet"], &[]);
    let mut idle = Vec::new();
    for i in 0..1000 {
        let mut s = TcpStream::connect(server.addr).unwrap();
        // A quarter start a request and never finish it.
        if i % 4 == 0 {
            s.write_all(b"POST /v2/check HTTP/1.1\r\nHost: x\r\n")
                .unwrap();
        }
        idle.push(s);
    }
    let started = Instant::now();
    healthy(&server);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "served in {:?}",
        started.elapsed()
    );
    // The idle connections are still open (none was dropped to make room).
    let mut open = 0;
    for s in &mut idle {
        s.set_nonblocking(true).unwrap();
        let mut byte = [0u8; 1];
        match s.read(&mut byte) {
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => open += 1,
            _ => {}
        }
    }
    assert_eq!(open, 1000);
}

fn pending(server: &Server) -> u64 {
    let r = request(server.addr, "GET", "/healthz", &[], b"");
    serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["pending"]
        .as_u64()
        .unwrap()
}

#[test]
fn sigterm_lets_the_requests_in_flight_finish() {
    let mut server = Server::start(&["--workers", "1", "--timeout", "60s"], &[]);
    // Connections that are idle, or half way through a request head, are
    // not waited for.
    let mut idle = TcpStream::connect(server.addr).unwrap();
    idle.write_all(b"POST /v2/check HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let _quiet = TcpStream::connect(server.addr).unwrap();
    // Long stories, one worker: one is checked while the others wait.
    let long = STORY.repeat(350);
    let addr = server.addr;
    let body = serve_support::form(&[("text", &long), ("language", "en-GB")]);
    let in_flight: Vec<_> = (0..4)
        .map(|_| {
            let body = body.clone();
            std::thread::spawn(move || {
                request(
                    addr,
                    "POST",
                    "/v2/check",
                    &[("Content-Type", "application/x-www-form-urlencoded")],
                    body.as_bytes(),
                )
            })
        })
        .collect();
    // Signal once the server holds at least three of them.
    let deadline = Instant::now() + Duration::from_secs(30);
    while pending(&server) < 3 {
        assert!(Instant::now() < deadline, "the requests never arrived");
        std::thread::sleep(Duration::from_millis(5));
    }
    server.signal("TERM");
    for t in in_flight {
        let reply = t.join().unwrap();
        assert_eq!(reply.status, 200, "{}", reply.body);
        let matches = serde_json::from_str::<serde_json::Value>(&reply.body).unwrap()["matches"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(matches, 3 * 350);
    }
    // Well within the drain limit (60 s + 5 s): the idle ones did not hold it.
    let status = server.wait(Duration::from_secs(20));
    assert!(status.success(), "{status}");
    let log = server.log_text();
    assert!(log.contains("\"signal\":\"SIGTERM\""), "{log}");
    assert!(log.contains("\"drained\":true"), "{log}");
    assert!(
        TcpStream::connect(addr).is_err(),
        "still accepting after stopping"
    );
}

#[test]
fn the_token_can_come_from_the_environment_and_the_log_never_holds_text() {
    let mut server = Server::start(&[], &[("NEWSLINT_TOKEN", "desk-token")]);
    let r = request(server.addr, "GET", "/v2/languages", &[], b"");
    assert_eq!(r.status, 401);
    let r = request(
        server.addr,
        "GET",
        &format!(
            "/v2/check?{}",
            serve_support::form(&[("text", "Secretword troups")])
        ),
        &[("Authorization", "Bearer desk-token")],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    server.signal("INT");
    assert!(server.wait(Duration::from_secs(20)).success());
    let log = server.log_text();
    let requests: Vec<serde_json::Value> = log
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["event"] == "request")
        .collect();
    assert_eq!(requests.len(), 2, "{log}");
    assert_eq!(requests[0]["status"], 401);
    assert_eq!(requests[1]["path"], "/v2/check");
    assert_eq!(requests[1]["status"], 200);
    assert!(requests[1]["ms"].is_number() && requests[1]["peer"].is_string());
    assert!(!log.contains("Secretword"), "{log}");
    assert!(log.contains("\"signal\":\"SIGINT\""), "{log}");
}

#[test]
fn a_bad_start_is_a_one_line_error_and_exit_2() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_newslint"))
            .arg("serve")
            .args(args)
            .current_dir(std::env::temp_dir())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, err) = run(&["--listen", "not an address"]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("newslint: cannot listen on not an address"),
        "{err}"
    );
    let (code, err) = run(&["--listen", "127.0.0.1:0", "--words", "/no/such/words.txt"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("/no/such/words.txt"), "{err}");
    let (code, _) = run(&["--max-body", "0"]);
    assert_eq!(code, Some(2));
    let (code, err) = run(&["--select", "spelin"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no rule or family"), "{err}");
    let taken = Server::start(&[], &[]);
    let (code, err) = run(&["--listen", &taken.addr.to_string()]);
    assert_eq!(code, Some(2));
    assert!(err.contains("cannot listen on"), "{err}");
}
