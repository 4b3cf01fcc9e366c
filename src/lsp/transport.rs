//! The stdio transport: a reader thread that frames `Content-Length`
//! messages and survives bad input, and a writer the main loop calls.
//!
//! lsp-server's own `Connection::stdio` reader thread stops for good at the
//! first malformed payload, so newslint frames input itself and keeps
//! going: a bad message becomes [`Incoming::Malformed`], which the main
//! loop answers with a JSON-RPC parse error and a log line.

use crossbeam_channel::{Receiver, Sender};
use lsp_server::Message;
use std::io::{BufRead, BufReader, Read, Write};

/// The largest message accepted (a 5 MB story is about 5 MB of JSON).
const MAX_MESSAGE: usize = 256 << 20;

pub enum Incoming {
    Message(Message),
    /// Input that is not a JSON-RPC message, and why.
    Malformed(String),
    /// Standard input closed, or the framing cannot be recovered.
    Closed,
}

/// Starts the reader thread on `input`.
pub fn spawn_reader(input: impl Read + Send + 'static) -> Receiver<Incoming> {
    let (tx, rx) = crossbeam_channel::unbounded();
    std::thread::Builder::new()
        .name("newslint-lsp-reader".into())
        .spawn(move || read_loop(BufReader::new(input), &tx))
        .expect("cannot start the reader thread");
    rx
}

fn read_loop(mut input: impl BufRead, tx: &Sender<Incoming>) {
    loop {
        let event = match read_one(&mut input) {
            Ok(Some(body)) => parse(&body),
            Ok(None) | Err(_) => {
                let _ = tx.send(Incoming::Closed);
                return;
            }
        };
        if tx.send(event).is_err() {
            return;
        }
    }
}

/// One framed body: `Ok(None)` at the end of input, `Err` when framing is
/// lost for good.
fn read_one(input: &mut impl BufRead) -> Result<Option<Vec<u8>>, String> {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) => return Ok(None),
            Ok(_) => {}
            Err(e) => return Err(e.to_string()),
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        // Found anywhere in the line, so a header glued to the end of a
        // bad message's leftovers still starts the next message.
        let lower = line.to_ascii_lowercase();
        if let Some(at) = lower.find("content-length:") {
            length = line[at + "content-length:".len()..].trim().parse().ok();
        }
    }
    let Some(length) = length.filter(|&n| n <= MAX_MESSAGE) else {
        // A header block without a usable length: treat the next block as
        // a fresh start (the body, if any, is read as headers and skipped).
        return Ok(Some(Vec::new()));
    };
    let mut body = vec![0; length];
    input.read_exact(&mut body).map_err(|e| e.to_string())?;
    Ok(Some(body))
}

fn parse(body: &[u8]) -> Incoming {
    if body.is_empty() {
        return Incoming::Malformed("a message without a valid Content-Length".into());
    }
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return Incoming::Malformed(format!("malformed JSON: {e}")),
    };
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Incoming::Message(m),
        Err(e) => Incoming::Malformed(format!("not a JSON-RPC message: {e}")),
    }
}

/// Writes messages to the client; after the first failed write (the client
/// has gone) it reports `false` and writes nothing more.
pub struct Writer<W: Write> {
    out: W,
    pub broken: bool,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W) -> Self {
        Writer { out, broken: false }
    }

    pub fn send(&mut self, msg: Message) -> bool {
        if self.broken {
            return false;
        }
        if msg.write(&mut self.out).is_err() {
            self.broken = true;
        }
        !self.broken
    }

    /// A JSON-RPC error response with a null id (for unparseable input).
    pub fn send_parse_error(&mut self, message: &str) -> bool {
        if self.broken {
            return false;
        }
        let body = serde_json::json!({
            "jsonrpc": "2.0",
            "id": null,
            "error": { "code": -32700, "message": message },
        })
        .to_string();
        let ok = write!(self.out, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.out.flush())
            .is_ok();
        self.broken = !ok;
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<Result<Option<Vec<u8>>, String>> {
        let mut r = std::io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        loop {
            let f = read_one(&mut r);
            let end = !matches!(f, Ok(Some(_)));
            out.push(f);
            if end {
                return out;
            }
        }
    }

    #[test]
    fn frames_bodies_and_survives_bad_headers() {
        let input = "Content-Length: 2\r\n\r\n{}garbage\r\n\r\nContent-Length: 4\r\nContent-Type: x\r\n\r\nnull";
        let got = frames(input);
        assert_eq!(got[0], Ok(Some(b"{}".to_vec())));
        assert_eq!(got[1], Ok(Some(Vec::new())));
        assert_eq!(got[2], Ok(Some(b"null".to_vec())));
        assert_eq!(got[3], Ok(None));
        let got = frames("garbageContent-Length: 4\r\n\r\nnull");
        assert_eq!(got[0], Ok(Some(b"null".to_vec())));
    }

    #[test]
    fn bad_json_is_malformed_not_fatal() {
        assert!(matches!(parse(b"{nope"), Incoming::Malformed(_)));
        assert!(matches!(parse(b"[1,2]"), Incoming::Malformed(_)));
        assert!(matches!(
            parse(br#"{"jsonrpc":"2.0","method":"exit"}"#),
            Incoming::Message(_)
        ));
    }
}
