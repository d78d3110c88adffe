//! The library's error type: every way reading or comparing readouts can fail.

use std::path::PathBuf;

/// Errors of the Parallax pipeline. Messages are one line and name the file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The path does not exist.
    #[error("{}: no such file", .0.display())]
    NotFound(PathBuf),
    /// The path is a directory, not a file.
    #[error("{}: is a directory, not a readout file", .0.display())]
    IsDirectory(PathBuf),
    /// The path is a named pipe, socket or device: reading it could wait forever.
    #[error("{}: is {kind}, not a regular file", path.display())]
    NotRegularFile {
        /// The path.
        path: PathBuf,
        /// What it is instead ("a named pipe (FIFO)", "a socket", …).
        kind: &'static str,
    },
    /// The file could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file could not be written (the previous file, if any, is unchanged).
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is larger than the limit.
    #[error("{source_name}: too large ({size_mb:.1} MB; the limit is {limit_mb} MB of text)")]
    TooLarge {
        /// The file or source.
        source_name: String,
        /// Its size in megabytes.
        size_mb: f64,
        /// The limit in megabytes.
        limit_mb: u64,
    },
    /// The file has no text, or only whitespace.
    #[error("{0}: empty: the readout has no text")]
    Empty(String),
    /// The file holds no sentence that could be a claim.
    #[error("{0}: no sentences found: is this a readout?")]
    NoClaims(String),
    /// The file is binary (an image, an archive, an executable...).
    #[error("{source_name}: not a text file ({kind})")]
    Binary {
        /// The file or source.
        source_name: String,
        /// What it looks like.
        kind: String,
    },
    /// A document that cannot be read as a readout (unsupported, encrypted, image-only, no
    /// readable body, truncated, or over a size limit once unpacked).
    #[error("{source_name}: {reason}")]
    Unreadable {
        /// The file or source.
        source_name: String,
        /// Why, in a few words.
        reason: String,
    },
    /// An encoding name that is not known.
    #[error("unknown encoding '{0}' (try utf-8, utf-16le, windows-1251, koi8-r, windows-1252)")]
    UnknownEncoding(String),
    /// Alignment options (`PARALLAX_ALIGN`) that cannot be used.
    #[error("alignment options '{spec}': {message}")]
    AlignOptions {
        /// The spec as given.
        spec: String,
        /// What is wrong.
        message: String,
    },
    /// A topic taxonomy that cannot be used.
    #[error("topic taxonomy {source_name}: {message}")]
    Taxonomy {
        /// The file or `"built-in"`.
        source_name: String,
        /// What is wrong.
        message: String,
    },
    /// A framing lexicon that cannot be used.
    #[error("framing lexicon {source_name}: {message}")]
    Framing {
        /// The file or `"built-in"`.
        source_name: String,
        /// What is wrong.
        message: String,
    },
    /// A pair-scoring model that cannot be used (missing, truncated, hand-edited, or trained for
    /// other features).
    #[error("pair model {source_name}: {message}")]
    Model {
        /// The file, or the built-in asset.
        source_name: String,
        /// What is wrong.
        message: String,
    },
    /// A readout's link that could not be downloaded (see the variants of the cause).
    #[error(transparent)]
    Fetch(#[from] crate::ingest::fetch::FetchError),
    /// A session file that cannot be opened (not a session, damaged, truncated, or newer).
    #[error("{source_name}: {reason}")]
    Session {
        /// The file.
        source_name: String,
        /// Why, in one line.
        reason: String,
    },
}

impl Error {
    /// The message with every cause below it that it does not already say, joined by ": ".
    #[must_use]
    pub fn chain(&self) -> String {
        let mut out = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(e) = cause {
            let text = e.to_string();
            if !out.contains(&text) {
                out.push_str(": ");
                out.push_str(&text);
            }
            cause = e.source();
        }
        out
    }

    /// Wraps an I/O error met while writing `path` (for `map_err`).
    pub fn from_io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
        move |source| Error::Write {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Result with the library's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("disk on fire")]
    struct Root;

    #[test]
    fn chain_adds_causes_the_message_does_not_already_say() {
        let said = Error::Write {
            path: PathBuf::from("x"),
            source: std::io::Error::other("denied"),
        };
        assert_eq!(said.chain(), "x: cannot write: denied");
        let hidden = Error::Write {
            path: PathBuf::from("x"),
            source: std::io::Error::other(Root),
        };
        assert_eq!(hidden.chain(), "x: cannot write: disk on fire");
    }
}
