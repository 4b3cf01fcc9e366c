//! Reading the files newslint is pointed at (word lists, models,
//! configuration, stories) without hanging or running out of memory: only
//! regular files (a FIFO or `/dev/zero` named by mistake is refused, not
//! read forever), and no more than a limit.

use std::io::{self, Read};
use std::path::Path;

/// The bytes of the regular file at `path`, if it holds at most `max`.
pub fn read_bounded(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    // Looked at before opening: opening a FIFO for reading waits for a
    // writer, which may never come.
    regular(&std::fs::metadata(path)?)?;
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    regular(&meta)?;
    if meta.len() > max {
        return Err(too_large(max));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_large(max));
    }
    Ok(bytes)
}

fn regular(meta: &std::fs::Metadata) -> io::Result<()> {
    if meta.is_file() {
        Ok(())
    } else if meta.is_dir() {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a folder, not a file",
        ))
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a pipe or a device?)",
        ))
    }
}

fn too_large(max: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("larger than {} MB", max.div_ceil(1 << 20)),
    )
}

/// `No such file or directory`, without Rust's `(os error 2)`.
pub fn reason(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// `text` without a leading UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("w.txt");
        std::fs::write(&file, "twelve bytes").unwrap();
        assert_eq!(read_bounded(&file, 12).unwrap(), b"twelve bytes");
        let err = read_bounded(&file, 11).unwrap_err();
        assert!(err.to_string().contains("larger than"), "{err}");
        assert!(read_bounded(dir.path(), 100).is_err());
        assert_eq!(
            reason(&read_bounded(&dir.path().join("none"), 1).unwrap_err()),
            "No such file or directory"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_reading_it() {
        let err = read_bounded(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[test]
    fn a_bom_is_stripped() {
        assert_eq!(strip_bom("\u{feff}Kharkiv"), "Kharkiv");
        assert_eq!(strip_bom("Kharkiv"), "Kharkiv");
    }
}
