//! Bytes or a path to a [`Readout`]: size and type checks, decoding, line-end normalisation.

mod docx;
pub mod fetch;
pub mod frontmatter;
mod html;
mod pdf;
mod text;

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::Readout;

pub(crate) use text::binary_kind;
pub use text::{Decoded, decode_text, encoding_for_label};

/// An encoding forced by the user, or `None` to detect it.
pub type ForcedEncoding = Option<&'static encoding_rs::Encoding>;

/// Text and metadata taken out of a structured document (HTML, PDF, DOCX).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The readout's text: paragraphs in reading order, separated by a blank line (`\n\n`).
    pub text: String,
    /// The document's title, when it has one.
    pub title: Option<String>,
    /// The publication date as the document gives it, when it does.
    pub date: Option<String>,
    /// The document's own address (canonical URL), when it gives one.
    pub url: Option<String>,
}

/// Largest input accepted, in bytes of text.
pub const MAX_TEXT_BYTES: u64 = 20 * 1024 * 1024;

/// Reads a readout file. The label is left empty for the caller (see [`crate::party`]).
///
/// # Errors
/// A missing path, a directory, an unreadable, too large, empty, binary or non-UTF-8 file.
pub fn read_path(path: &Path) -> Result<Readout> {
    read_path_with(path, None)
}

/// Reads a readout file in a given encoding (`None` detects it).
///
/// # Errors
/// As [`read_path`].
pub fn read_path_with(path: &Path, encoding: ForcedEncoding) -> Result<Readout> {
    let bytes = read_file(path, MAX_TEXT_BYTES)?;
    let name = path.display().to_string();
    let source = path
        .file_name()
        .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
    let mut readout = read_bytes_with(&bytes, &source, encoding)?;
    readout.source = source;
    Ok(readout)
}

/// Decodes a readout from bytes; `source` names it in messages.
///
/// # Errors
/// Too large, empty, binary or non-UTF-8 input.
pub fn read_bytes(bytes: &[u8], source: &str) -> Result<Readout> {
    read_bytes_with(bytes, source, None)
}

/// Decodes a readout from bytes in a given encoding (`None` detects it).
///
/// # Errors
/// As [`read_bytes`].
pub fn read_bytes_with(bytes: &[u8], source: &str, encoding: ForcedEncoding) -> Result<Readout> {
    read_bytes_as(bytes, source, detect_format(bytes, source), encoding)
}

/// Decodes a readout from bytes known to be in `format` (a downloaded page whose server said
/// what it is), in a given encoding (`None` detects it). A saved file takes the same path once
/// [`detect_format`] has named its format.
///
/// # Errors
/// As [`read_bytes`].
pub fn read_bytes_as(
    bytes: &[u8],
    source: &str,
    format: InputFormat,
    encoding: ForcedEncoding,
) -> Result<Readout> {
    check_size(source, bytes.len() as u64, MAX_TEXT_BYTES)?;
    let mut warnings = Vec::new();
    let mut label = String::new();
    let (mut meta, encoding_name) = match format {
        InputFormat::Text => {
            let decoded = decode_text(bytes, source, encoding)?;
            if decoded.guessed {
                warnings.push(format!(
                    "not UTF-8; read as {} (detected; choose another encoding if the text looks wrong)",
                    decoded.encoding
                ));
            }
            if decoded.had_errors {
                warnings.push(format!(
                    "some bytes are not valid {} and were replaced with �",
                    decoded.encoding
                ));
            }
            let mut meta = Extracted {
                text: decoded.text,
                ..Extracted::default()
            };
            if let Some((fm, len)) = frontmatter::split(&meta.text) {
                if !fm.unknown.is_empty() {
                    warnings.push(format!("front matter: ignored {}", fm.unknown.join(", ")));
                }
                meta.text.drain(..len);
                meta.title = fm.title;
                meta.date = fm.date;
                meta.url = fm.url;
                label = fm.party.unwrap_or_default();
            }
            (meta, decoded.encoding)
        }
        InputFormat::Html => (html::extract(bytes, source)?, "UTF-8"),
        InputFormat::Pdf => (pdf::extract(bytes, source)?, "PDF"),
        InputFormat::Docx => (docx::extract(bytes, source)?, "DOCX"),
    };
    let mut text = std::mem::take(&mut meta.text);
    check_size(source, text.len() as u64, MAX_TEXT_BYTES)?;
    if text.trim().is_empty() {
        return Err(Error::Empty(source.to_string()));
    }
    if !text.ends_with('\n') && format != InputFormat::Text {
        text.push('\n');
    }
    let title = meta
        .title
        .filter(|t| !t.trim().is_empty())
        .or_else(|| crate::metadata::title_line(&text));
    let date = meta
        .date
        .filter(|d| !d.trim().is_empty())
        .or_else(|| crate::metadata::find_date(&text));
    Ok(Readout {
        source: source.to_string(),
        label,
        sha256: sha256_hex(bytes),
        encoding: encoding_name.to_string(),
        format: format.name().to_string(),
        title,
        date,
        url: meta.url.filter(|u| !u.trim().is_empty()),
        language: crate::language::detect(&text).map(|l| l.code.to_string()),
        initiative: None,
        text,
        warnings,
        fetched: None,
    })
}

/// The kind of document an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text or Markdown.
    Text,
    /// A saved web page.
    Html,
    /// A PDF document.
    Pdf,
    /// A Word document.
    Docx,
}

impl InputFormat {
    /// The name used in the JSON.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Html => "html",
            InputFormat::Pdf => "pdf",
            InputFormat::Docx => "docx",
        }
    }
}

/// Decides the format from the leading bytes, then the file extension.
#[must_use]
pub fn detect_format(bytes: &[u8], source: &str) -> InputFormat {
    let ext = Path::new(source)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(b"%PDF") {
        return InputFormat::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04")
        || (bytes.starts_with(b"\xD0\xCF\x11\xE0") && matches!(ext.as_str(), "doc" | "docx"))
    {
        return InputFormat::Docx;
    }
    if matches!(ext.as_str(), "html" | "htm" | "xhtml" | "shtml") {
        return InputFormat::Html;
    }
    let head: Vec<u8> = bytes
        .iter()
        .take(1024)
        .copied()
        .filter(|b| *b != 0)
        .collect();
    let head = String::from_utf8_lossy(&head)
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with("<?xml") && head.contains("<html"))
    {
        return InputFormat::Html;
    }
    InputFormat::Text
}

/// SHA-256 of bytes as lowercase hex.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    use std::fmt::Write as _;
    let digest = sha2::Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out
}

fn check_size(source: &str, len: u64, limit: u64) -> Result<()> {
    if len > limit {
        #[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
        let size_mb = len as f64 / 1_048_576.0;
        return Err(Error::TooLarge {
            source_name: source.to_string(),
            size_mb,
            limit_mb: limit / 1_048_576,
        });
    }
    Ok(())
}

/// Reads a file of at most `limit` bytes: a missing path, a directory, anything else that is not
/// a regular file (a named pipe would block the read forever) or a larger file is an error
/// before opening, and at most one byte past the limit is read, so a file that grows while read
/// stays bounded.
pub(crate) fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = regular_file_metadata(path)?;
    let name = path.display().to_string();
    check_size(&name, meta.len(), limit)?;
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    check_size(&name, bytes.len() as u64, limit)?;
    Ok(bytes)
}

/// The metadata of a path that names a regular file (or a link to one).
///
/// # Errors
/// [`Error::NotFound`], [`Error::IsDirectory`], [`Error::NotRegularFile`] for a named pipe,
/// socket or device (reading one could wait forever), or [`Error::Io`].
pub fn regular_file_metadata(path: &Path) -> Result<std::fs::Metadata> {
    let meta = std::fs::metadata(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound(path.to_path_buf())
        } else {
            Error::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    })?;
    if meta.is_dir() {
        return Err(Error::IsDirectory(path.to_path_buf()));
    }
    if !meta.is_file() {
        return Err(Error::NotRegularFile {
            path: path.to_path_buf(),
            kind: special_file_kind(meta.file_type()),
        });
    }
    Ok(meta)
}

/// What a file that is neither a regular file nor a directory is, in words for a message.
#[cfg(unix)]
fn special_file_kind(file_type: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if file_type.is_fifo() {
        "a named pipe (FIFO)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

/// What a file that is neither a regular file nor a directory is, in words for a message.
#[cfg(not(unix))]
fn special_file_kind(_file_type: std::fs::FileType) -> &'static str {
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A named pipe in a fresh directory, or `None` where `mkfifo` is missing.
    fn fifo(dir: &Path) -> Option<std::path::PathBuf> {
        let path = dir.join("readout.txt");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        match made {
            Ok(status) if status.success() => Some(path),
            Ok(status) => panic!("mkfifo failed: {status}"),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => panic!("mkfifo: {error}"),
        }
    }

    #[test]
    fn a_named_pipe_is_refused_before_it_is_opened_issue_11() {
        let dir = tempfile::tempdir().unwrap();
        let path = fifo(dir.path()).expect("mkfifo (coreutils) makes a named pipe");
        // Opening a FIFO for reading blocks until a writer comes: the read runs in a thread so
        // that a regression fails here instead of hanging the test run.
        let (sender, receiver) = std::sync::mpsc::channel();
        let reader_path = path.clone();
        std::thread::spawn(move || sender.send(read_path(&reader_path).map(|_| ())));
        let outcome = receiver
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("reading a FIFO must not block");
        let error = outcome.unwrap_err();
        assert!(
            matches!(&error, Error::NotRegularFile { path: p, kind } if *p == path && kind.contains("FIFO")),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(
            message.ends_with("is a named pipe (FIFO), not a regular file"),
            "{message}"
        );
        assert_eq!(message.lines().count(), 1);
    }
}
