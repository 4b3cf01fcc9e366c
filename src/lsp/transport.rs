//! The stdio transport: a reader thread that frames `Content-Length`
//! messages and survives any bytes, and a writer the main loop calls.
//!
//! lsp-server's own `Connection::stdio` reader thread stops for good at the
//! first malformed payload, so newslint frames input itself and keeps
//! going. Header lines are read as bytes (a byte that is not UTF-8 is just
//! a byte), at most [`MAX_HEADER_LINE`] of each is kept, and a header
//! block is a run of lines ended by a blank one. A block with a usable
//! `Content-Length` is followed by that many bytes of body; one without is
//! reported and skipped, and whatever follows is read as headers again
//! until a `Content-Length` turns up, wherever it is in its line (so a
//! header glued to the end of a bad message's leftovers still starts the
//! next message). A body longer than [`MAX_MESSAGE`] is skipped unread.
//! Only the end of the input, or a read error, stops the reader.
//!
//! `fuzz/fuzz_targets/lsp_framing.rs` feeds [`Reader`] arbitrary bytes.

use crossbeam_channel::{Receiver, Sender};
use lsp_server::Message;
use std::io::{BufRead, BufReader, Read, Write};

/// The largest message body accepted (a story of `maxBytes` is far
/// smaller as JSON); a longer one is skipped and reported.
pub const MAX_MESSAGE: usize = 64 << 20;

/// A declared length above this is taken for noise, not skipped: the
/// reader looks for the next header instead of waiting for that many
/// bytes.
const MAX_SKIP: u64 = 4 << 30;

/// The longest header line kept: of a longer line, its last bytes.
pub const MAX_HEADER_LINE: usize = 8 << 10;

pub enum Incoming {
    Message(Message),
    /// Input that is not a JSON-RPC message, and why.
    Malformed(String),
    /// Standard input closed (or cannot be read).
    Closed,
}

/// What the framing reader found next.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A message body (not yet parsed).
    Body(Vec<u8>),
    /// Bytes that frame no message, and why; reading goes on.
    Malformed(String),
    /// The end of the input.
    End,
}

/// Starts the reader thread on `input`.
pub fn spawn_reader(input: impl Read + Send + 'static) -> Receiver<Incoming> {
    let (tx, rx) = crossbeam_channel::unbounded();
    std::thread::Builder::new()
        .name("newslint-lsp-reader".into())
        .spawn(move || read_loop(Reader::new(BufReader::new(input)), &tx))
        .expect("cannot start the reader thread");
    rx
}

fn read_loop(mut input: Reader<impl BufRead>, tx: &Sender<Incoming>) {
    loop {
        let event = match input.next_frame() {
            Frame::Body(body) => parse(&body),
            Frame::Malformed(why) => Incoming::Malformed(why),
            Frame::End => {
                let _ = tx.send(Incoming::Closed);
                return;
            }
        };
        if tx.send(event).is_err() {
            return;
        }
    }
}

/// One header line as read.
enum Line {
    /// The line, without its `\n` (of an overlong line, its last bytes).
    Text(Vec<u8>),
    End,
}

/// Frames `Content-Length` messages out of any bytes.
pub struct Reader<R: BufRead> {
    input: R,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Self {
        Reader { input }
    }

    /// The next frame. Every frame but [`Frame::End`] consumes at least
    /// one byte, so a reader always comes to the end of its input.
    pub fn next_frame(&mut self) -> Frame {
        let declared = match self.headers() {
            None => return Frame::End,
            Some(Err(why)) => return Frame::Malformed(why),
            Some(Ok(n)) => n,
        };
        if declared > MAX_MESSAGE as u64 {
            if !self.skip(declared) {
                return Frame::End;
            }
            return Frame::Malformed(format!(
                "a message of {declared} bytes, over the limit of {MAX_MESSAGE}: skipped"
            ));
        }
        // Grown as the bytes come, not allocated up front for a length a
        // truncated input never fills.
        let mut body = Vec::new();
        match (&mut self.input).take(declared).read_to_end(&mut body) {
            Ok(n) if n as u64 == declared => Frame::Body(body),
            _ => Frame::End,
        }
    }

    /// Reads one header block: `None` at the end of the input, else the
    /// declared length or why there is none to use.
    fn headers(&mut self) -> Option<Result<u64, String>> {
        let mut length: Option<Result<u64, String>> = None;
        let mut saw_header = false;
        loop {
            let Line::Text(line) = self.line() else {
                return None;
            };
            let line = line.strip_suffix(b"\r").unwrap_or(&line);
            if line.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            if let Some(value) = content_length(line) {
                length = Some(parse_length(value));
            }
        }
        Some(length.unwrap_or_else(|| Err("a message without a Content-Length header".into())))
    }

    /// One line, read as bytes, keeping at most [`MAX_HEADER_LINE`] of it.
    fn line(&mut self) -> Line {
        let mut buf = Vec::new();
        let mut any = false;
        loop {
            let available = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => return Line::End,
            };
            if available.is_empty() {
                // A last line without its `\n` is still a line.
                return if any { Line::Text(buf) } else { Line::End };
            }
            any = true;
            let newline = available.iter().position(|&b| b == b'\n');
            let take = newline.map_or(available.len(), |i| i + 1);
            buf.extend_from_slice(&available[..newline.unwrap_or(take)]);
            self.input.consume(take);
            if buf.len() > MAX_HEADER_LINE {
                buf.drain(..buf.len() - MAX_HEADER_LINE);
            }
            if newline.is_some() {
                return Line::Text(buf);
            }
        }
    }

    /// Skips `n` bytes of input; `false` if it ends first.
    fn skip(&mut self, n: u64) -> bool {
        let mut rest = (&mut self.input).take(n);
        matches!(std::io::copy(&mut rest, &mut std::io::sink()), Ok(copied) if copied == n)
    }
}

/// The value of a `Content-Length` header found anywhere in `line`
/// (letter case aside).
fn content_length(line: &[u8]) -> Option<&[u8]> {
    const NAME: &[u8] = b"content-length:";
    let at = line
        .windows(NAME.len())
        .rposition(|w| w.eq_ignore_ascii_case(NAME))?;
    Some(&line[at + NAME.len()..])
}

fn parse_length(value: &[u8]) -> Result<u64, String> {
    let digits = value.trim_ascii();
    let usable = !digits.is_empty() && digits.len() <= 19 && digits.iter().all(u8::is_ascii_digit);
    let n = usable
        .then(|| std::str::from_utf8(digits).ok()?.parse::<u64>().ok())
        .flatten()
        .filter(|&n| n <= MAX_SKIP);
    n.ok_or_else(|| {
        format!(
            "an unusable Content-Length `{}`",
            String::from_utf8_lossy(&digits[..digits.len().min(40)])
        )
    })
}

/// A body as a JSON-RPC message, or why it is not one.
pub fn parse(body: &[u8]) -> Incoming {
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
    /// lsp-server's `Response` cannot carry a null id, and this is
    /// JSON-RPC framing rather than an LSP structure, so it is written
    /// out here.
    pub fn send_parse_error(&mut self, message: &str) -> bool {
        if self.broken {
            return false;
        }
        let body = serde_json::json!({
            "jsonrpc": "2.0",
            "id": null,
            "error": { "code": lsp_server::ErrorCode::ParseError as i32, "message": message },
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

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut r = Reader::new(std::io::Cursor::new(input.to_vec()));
        let mut out = Vec::new();
        loop {
            let f = r.next_frame();
            let end = f == Frame::End;
            out.push(f);
            if end {
                return out;
            }
        }
    }

    fn body(s: &str) -> Frame {
        Frame::Body(s.as_bytes().to_vec())
    }

    #[test]
    fn frames_bodies_and_survives_bad_headers() {
        let got = frames(b"Content-Length: 2\r\n\r\n{}garbage\r\n\r\nContent-Length: 4\r\nContent-Type: x\r\n\r\nnull");
        assert_eq!(got[0], body("{}"));
        assert!(matches!(got[1], Frame::Malformed(_)));
        assert_eq!(got[2], body("null"));
        assert_eq!(got[3], Frame::End);
        let got = frames(b"garbageContent-Length: 4\r\n\r\nnull");
        assert_eq!(got, [body("null"), Frame::End]);
    }

    /// #12 item 13: a byte that is not UTF-8 in a header line (or anywhere
    /// in the framing) is not the end of the input.
    #[test]
    fn bytes_that_are_not_utf8_do_not_end_the_input() {
        let got = frames(b"X-Junk: \xff\xfe\r\nContent-Length: 2\r\n\r\n{}\xc3\x28\r\n\r\nContent-Length: 4\r\n\r\nnull");
        assert_eq!(got[0], body("{}"));
        assert!(matches!(got[1], Frame::Malformed(_)));
        assert_eq!(got[2], body("null"));
    }

    #[test]
    fn unusable_lengths_are_reported_and_reading_goes_on() {
        for bad in [
            &b"Content-Length: -5"[..],
            b"Content-Length: 5x",
            b"Content-Length:",
            b"Content-Length: 99999999999999999999999",
            b"Content-Length: \xff",
            b"Content-Type: a",
        ] {
            let mut input = bad.to_vec();
            input.extend_from_slice(b"\r\n\r\nContent-Length: 4\r\n\r\nnull");
            let got = frames(&input);
            assert!(matches!(got[0], Frame::Malformed(_)), "{bad:?}: {got:?}");
            assert_eq!(got[1..], [body("null"), Frame::End], "{bad:?}");
        }
    }

    #[test]
    fn an_oversized_body_is_skipped_and_a_truncated_one_ends_the_input() {
        let n = MAX_MESSAGE + 10;
        let mut input = format!("Content-Length: {n}\r\n\r\n").into_bytes();
        input.resize(input.len() + n, b'x');
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        let got = frames(&input);
        assert!(matches!(&got[0], Frame::Malformed(m) if m.contains("over the limit")));
        assert_eq!(got[1..], [body("{}"), Frame::End]);
        assert_eq!(frames(b"Content-Length: 10\r\n\r\n{}"), [Frame::End]);
        assert_eq!(frames(b""), [Frame::End]);
        assert_eq!(frames(b"\r\n\r\n"), [Frame::End]);
    }

    #[test]
    fn an_endless_header_line_is_cut_to_its_tail() {
        let mut input = vec![b'a'; 3 * MAX_HEADER_LINE];
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        assert_eq!(frames(&input), [body("{}"), Frame::End]);
    }

    #[test]
    fn bad_json_is_malformed_not_fatal() {
        assert!(matches!(parse(b"{nope"), Incoming::Malformed(_)));
        assert!(matches!(parse(b"[1,2]"), Incoming::Malformed(_)));
        assert!(matches!(parse(b""), Incoming::Malformed(_)));
        assert!(matches!(
            parse(br#"{"jsonrpc":"2.0","method":"exit"}"#),
            Incoming::Message(_)
        ));
    }
}
