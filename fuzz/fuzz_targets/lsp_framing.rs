//! The language server's framing reader on any bytes: it must come to the
//! end of its input (every frame but the last consumes input), never hand
//! out a body over the size limit, never panic, and find its footing
//! again: after any bytes that hold no `Content-Length` header, a blank
//! line and a well-formed message, that message is the last one read.
//! Each body is also parsed as a JSON-RPC message, which must not panic.
//!
//!     RUSTC_BOOTSTRAP=1 cargo fuzz run lsp_framing -- -max_len=4096 -timeout=10

#![no_main]

use libfuzzer_sys::fuzz_target;
use newslint::lsp::transport::{self, Frame, Reader, MAX_MESSAGE};

const VALID: &[u8] = br#"{"jsonrpc":"2.0","method":"exit"}"#;

/// Every frame until the end, checking each on the way.
fn frames(input: &[u8]) -> Vec<Frame> {
    let mut reader = Reader::new(std::io::Cursor::new(input));
    let mut out = Vec::new();
    loop {
        let frame = reader.next_frame();
        if let Frame::Body(body) = &frame {
            assert!(body.len() <= MAX_MESSAGE);
            let _ = transport::parse(body);
        }
        if frame == Frame::End {
            return out;
        }
        out.push(frame);
        assert!(out.len() <= input.len(), "a frame that consumed nothing");
    }
}

fn has_length_header(data: &[u8]) -> bool {
    const NAME: &[u8] = b"content-length";
    data.windows(NAME.len()).any(|w| w.eq_ignore_ascii_case(NAME))
}

fuzz_target!(|data: &[u8]| {
    frames(data);
    if has_length_header(data) {
        return;
    }
    let mut input = data.to_vec();
    input.extend_from_slice(b"\r\n\r\n");
    input.extend_from_slice(format!("Content-Length: {}\r\n\r\n", VALID.len()).as_bytes());
    input.extend_from_slice(VALID);
    let got = frames(&input);
    assert_eq!(got.last(), Some(&Frame::Body(VALID.to_vec())));
});
