//! Readouts from their links: downloads a web page, text, PDF or Word document over HTTP(S)
//! within time, size and redirect limits, then reads the bytes as the same file saved would be.

use std::io::Read as _;
use std::ops::ControlFlow;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ureq::ResponseExt as _;
use ureq::http::{Uri, header};

use super::{ForcedEncoding, InputFormat, MAX_TEXT_BYTES, binary_kind, detect_format};
use crate::error::Result;
use crate::model::{Fetched, Readout};

/// How a download may go: its limits and the proxy to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// Longest wait to resolve the host and connect (TLS handshake included).
    pub connect_timeout: Duration,
    /// Longest time for the whole download, redirects and body included.
    pub timeout: Duration,
    /// Largest body accepted, in bytes (after decompression).
    pub max_bytes: u64,
    /// Most redirects followed.
    pub max_redirects: u32,
    /// A proxy to connect through (`http://host:port`, `socks5://…`), or `None` for a direct
    /// connection. The library reads no environment: see [`proxy_from`].
    pub proxy: Option<String>,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            connect_timeout: Duration::from_secs(15),
            timeout: Duration::from_mins(1),
            max_bytes: MAX_TEXT_BYTES,
            max_redirects: 5,
            proxy: None,
        }
    }
}

/// The proxy that the usual variables name (`ALL_PROXY`, `HTTPS_PROXY`, `HTTP_PROXY`, upper
/// or lower case, first found wins), given a way to look a variable up (the binary passes
/// `std::env::var`).
#[must_use]
pub fn proxy_from(lookup: impl Fn(&str) -> Option<String>) -> Option<String> {
    [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ]
    .into_iter()
    .find_map(|name| lookup(name).filter(|value| !value.trim().is_empty()))
}

/// How far a download is, reported while the body arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes received so far.
    pub received: u64,
    /// The size the server announced, if it did.
    pub total: Option<u64>,
}

/// Why a link could not be opened. Messages are one line and begin with the link.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// Text that is not a usable link.
    #[error("{url}: not a valid link ({reason})")]
    InvalidUrl {
        /// The text given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A scheme other than http and https (`ftp:`, `file:` …).
    #[error("{url}: only http:// and https:// links can be opened, not {scheme}://")]
    UnsupportedScheme {
        /// The link.
        url: String,
        /// Its scheme.
        scheme: String,
    },
    /// The host could not be found or reached, or the secure connection failed.
    #[error("{url}: cannot connect ({reason})")]
    Connect {
        /// The link.
        url: String,
        /// Why, in a few words.
        reason: String,
    },
    /// No connection within the connect timeout.
    #[error("{url}: no connection within {} s", seconds(*after))]
    ConnectTimeout {
        /// The link.
        url: String,
        /// The timeout.
        after: Duration,
    },
    /// The download did not finish within the overall timeout.
    #[error("{url}: timed out (no complete answer within {} s)", seconds(*after))]
    Timeout {
        /// The link.
        url: String,
        /// The timeout.
        after: Duration,
    },
    /// The server answered with an error status (404 and the like).
    #[error("{url}: the server answered HTTP {code}{}", reason.as_deref().map_or_else(String::new, |r| format!(" {r}")))]
    Status {
        /// The link.
        url: String,
        /// The HTTP status code.
        code: u16,
        /// Its standard reason phrase ("Not Found"), when it has one.
        reason: Option<&'static str>,
    },
    /// The redirects lead back to an address already visited.
    #[error("{url}: redirect loop (back to {again})")]
    RedirectLoop {
        /// The link.
        url: String,
        /// The address visited twice.
        again: String,
    },
    /// More redirects than allowed.
    #[error("{url}: too many redirects (more than {max})")]
    TooManyRedirects {
        /// The link.
        url: String,
        /// The limit.
        max: u32,
    },
    /// The body is larger than allowed.
    #[error("{url}: too large ({}; the limit is {} MB)", size_text(*size, *limit), limit / 1_048_576)]
    TooLarge {
        /// The link.
        url: String,
        /// The size the server announced, or `None` when the body simply went past the limit.
        size: Option<u64>,
        /// The limit in bytes.
        limit: u64,
    },
    /// The server sent something that is not a readout (an image, JSON, a video …).
    #[error(
        "{url}: not a readout: the server sent {content_type} (links can open web pages, plain text, PDF and Word documents)"
    )]
    ContentType {
        /// The link.
        url: String,
        /// The `Content-Type` the server gave.
        content_type: String,
    },
    /// The server said it sent a page or text but sent binary data.
    #[error("{url}: the server said {content_type} but sent {kind}")]
    Binary {
        /// The link.
        url: String,
        /// The `Content-Type` the server gave (or "no content type").
        content_type: String,
        /// What the bytes look like ("a PNG image").
        kind: String,
    },
    /// The connection broke or the server spoke bad HTTP while the answer arrived.
    #[error("{url}: download failed ({reason})")]
    Transfer {
        /// The link.
        url: String,
        /// Why, in a few words.
        reason: String,
    },
    /// The user cancelled the download.
    #[error("{url}: cancelled")]
    Cancelled {
        /// The link.
        url: String,
    },
}

/// Whole seconds, or tenths below ten seconds (`0.3`, `15`).
fn seconds(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs < 10.0 {
        format!("{secs:.1}")
    } else {
        format!("{secs:.0}")
    }
}

/// "35.2 MB" for an announced size, "over the limit" when the body only went past it.
fn size_text(size: Option<u64>, limit: u64) -> String {
    #[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
    let mb = |bytes: u64| bytes as f64 / 1_048_576.0;
    match size {
        Some(bytes) => format!("{:.1} MB", mb(bytes)),
        None => format!("more than {:.1} MB", mb(limit)),
    }
}

/// Whether text given where a readout is expected is a link (`scheme://…`) rather than a
/// path. Any scheme counts, so that `ftp://…` gets a clear refusal instead of "no such file";
/// one letter does not (a Windows drive, `C:\…`).
#[must_use]
pub fn is_link(text: &str) -> bool {
    let Some((scheme, _)) = text.trim().split_once("://") else {
        return false;
    };
    let mut chars = scheme.chars();
    scheme.len() >= 2
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// A downloaded answer: the bytes and what the server said about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    /// The body, decompressed.
    pub bytes: Vec<u8>,
    /// The address the bytes came from, after redirects.
    pub final_url: String,
    /// The media type of the `Content-Type` header, lower case without parameters.
    pub content_type: Option<String>,
    /// When the download finished, RFC 3339 UTC.
    pub fetched_at: String,
}

/// Downloads a readout from its link and reads it as the same bytes saved to a file would be
/// read (a web page goes through the saved-page extraction), with the link, the final address
/// and the time in [`Readout::fetched`]. `progress` is called as the body arrives; returning
/// `ControlFlow::Break` cancels.
///
/// # Errors
/// [`crate::Error::Fetch`] for a link that cannot be downloaded (see [`FetchError`]); any
/// error of [`super::read_bytes`] for what was downloaded.
pub fn read_url(
    url: &str,
    options: &FetchOptions,
    encoding: ForcedEncoding,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<Readout> {
    let url = url.trim();
    let download = download(url, options, progress)?;
    let format = format_of(url, &download)?;
    let mut readout = super::read_bytes_as(&download.bytes, url, format, encoding)?;
    readout.fetched = Some(Fetched {
        url: url.to_string(),
        final_url: download.final_url,
        fetched_at: download.fetched_at,
    });
    Ok(readout)
}

/// What a media type says the body is, before it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Announced {
    /// A format the ingest reads.
    Format(InputFormat),
    /// No type, or "some bytes": the bytes decide.
    Unknown,
}

/// The format a media type announces, or `None` for one that is not a readout.
fn announced(content_type: Option<&str>) -> Option<Announced> {
    let Some(media) = content_type else {
        return Some(Announced::Unknown);
    };
    Some(match media {
        "text/html" | "application/xhtml+xml" => Announced::Format(InputFormat::Html),
        "text/plain" | "text/markdown" | "text/x-markdown" => Announced::Format(InputFormat::Text),
        "application/pdf" | "application/x-pdf" => Announced::Format(InputFormat::Pdf),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
            Announced::Format(InputFormat::Docx)
        }
        "application/octet-stream" | "binary/octet-stream" => Announced::Unknown,
        _ => return None,
    })
}

/// The format to read a download in: what the server announced, unless the bytes are plainly a
/// PDF or Word document (servers mislabel those); a page or text that is binary is refused.
fn format_of(url: &str, download: &Download) -> Result<InputFormat, FetchError> {
    let content_type = download.content_type.as_deref();
    let bytes = &download.bytes;
    let path = download
        .final_url
        .parse::<Uri>()
        .map(|uri| uri.path().to_string())
        .unwrap_or_default();
    let sniffed = detect_format(bytes, &path);
    let format = match announced(content_type) {
        Some(Announced::Format(format @ (InputFormat::Pdf | InputFormat::Docx))) => format,
        _ if matches!(sniffed, InputFormat::Pdf | InputFormat::Docx) => sniffed,
        Some(Announced::Format(format)) => format,
        Some(Announced::Unknown) => sniffed,
        None => {
            return Err(FetchError::ContentType {
                url: url.to_string(),
                content_type: content_type.unwrap_or_default().to_string(),
            });
        }
    };
    if matches!(format, InputFormat::Html | InputFormat::Text)
        && let Some(kind) = binary_kind(bytes, None)
    {
        return Err(FetchError::Binary {
            url: url.to_string(),
            content_type: content_type.unwrap_or("no content type").to_string(),
            kind: kind.to_string(),
        });
    }
    Ok(format)
}

/// Downloads the body at `url`: http and https only, within the options' limits.
///
/// # Errors
/// See [`FetchError`].
pub fn download(
    url: &str,
    options: &FetchOptions,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<Download, FetchError> {
    let uri = parse(url)?;
    let cancelled = || FetchError::Cancelled {
        url: url.to_string(),
    };
    if progress(Progress {
        received: 0,
        total: None,
    })
    .is_break()
    {
        return Err(cancelled());
    }
    let agent = agent(url, options)?;
    let response = agent
        .get(uri)
        .call()
        .map_err(|e| from_ureq(url, options, e))?;
    let status = response.status();
    if status.is_redirection() {
        return Err(redirect_error(url, options, &response));
    }
    if !status.is_success() {
        return Err(FetchError::Status {
            url: url.to_string(),
            code: status.as_u16(),
            reason: status.canonical_reason(),
        });
    }
    let final_url = response.get_uri().to_string();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .filter(|v| !v.is_empty());
    if announced(content_type.as_deref()).is_none() {
        return Err(FetchError::ContentType {
            url: url.to_string(),
            content_type: content_type.unwrap_or_default(),
        });
    }
    let total = response.body().content_length();
    if let Some(size) = total.filter(|&size| size > options.max_bytes) {
        return Err(FetchError::TooLarge {
            url: url.to_string(),
            size: Some(size),
            limit: options.max_bytes,
        });
    }
    let mut reader = response.into_body().into_reader();
    let mut bytes = Vec::new();
    let mut chunk = vec![0_u8; 64 * 1024];
    loop {
        let read = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(from_ureq(url, options, ureq::Error::from(e))),
        };
        bytes.extend_from_slice(chunk.get(..read).unwrap_or_default());
        let received = bytes.len() as u64;
        if received > options.max_bytes {
            return Err(FetchError::TooLarge {
                url: url.to_string(),
                size: None,
                limit: options.max_bytes,
            });
        }
        if progress(Progress { received, total }).is_break() {
            return Err(cancelled());
        }
    }
    Ok(Download {
        bytes,
        final_url,
        content_type,
        fetched_at: rfc3339_utc(SystemTime::now()),
    })
}

/// The link as a URI, if it is an http or https one with a host.
fn parse(url: &str) -> Result<Uri, FetchError> {
    let invalid = |reason: &str| FetchError::InvalidUrl {
        url: url.to_string(),
        reason: reason.to_string(),
    };
    // The scheme is judged before parsing: `file:///…` has no host and would not parse.
    let Some((scheme, _)) = url.split_once("://").filter(|_| is_link(url)) else {
        return Err(invalid("no scheme; begin it with https://"));
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(FetchError::UnsupportedScheme {
            url: url.to_string(),
            scheme: scheme.to_string(),
        });
    }
    let uri: Uri = url
        .parse()
        .map_err(|e: ureq::http::uri::InvalidUri| invalid(&e.to_string().to_lowercase()))?;
    if uri.host().is_none_or(str::is_empty) {
        return Err(invalid("no host"));
    }
    Ok(uri)
}

/// An agent with the options' limits. Redirects past the limit come back as the redirect itself
/// (with the addresses visited) so that a loop can be told from a long chain; error statuses
/// come back as responses so their code can be named.
fn agent(url: &str, options: &FetchOptions) -> Result<ureq::Agent, FetchError> {
    let proxy = options
        .proxy
        .as_deref()
        .map(ureq::Proxy::new)
        .transpose()
        .map_err(|e| FetchError::Connect {
            url: url.to_string(),
            reason: format!("unusable proxy: {e}"),
        })?;
    let config = ureq::Agent::config_builder()
        .proxy(proxy)
        .timeout_connect(Some(options.connect_timeout))
        .timeout_global(Some(options.timeout))
        .max_redirects(options.max_redirects)
        .max_redirects_will_error(false)
        .save_redirect_history(true)
        .http_status_as_error(false)
        .user_agent(concat!("parallax/", env!("CARGO_PKG_VERSION")))
        .accept(
            "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,\
             application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.8",
        )
        .build();
    Ok(ureq::Agent::new_with_config(config))
}

/// The error for a redirect that ureq did not follow: a loop when an address came twice, else
/// a chain longer than the limit (or a redirect with nowhere to go).
fn redirect_error(
    url: &str,
    options: &FetchOptions,
    response: &ureq::http::Response<ureq::Body>,
) -> FetchError {
    let history = response.get_redirect_history().unwrap_or_default();
    let target = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok());
    let Some(target) = target else {
        let status = response.status();
        return FetchError::Status {
            url: url.to_string(),
            code: status.as_u16(),
            reason: status.canonical_reason(),
        };
    };
    let again = history
        .iter()
        .enumerate()
        .find(|(k, uri)| history.iter().skip(k + 1).any(|later| later == *uri))
        .map(|(_, uri)| uri.to_string())
        .or_else(|| {
            // The next hop would revisit an address (a relative target is resolved by path).
            let next = target.parse::<Uri>().ok()?;
            let seen = history.iter().find(|uri| match next.host() {
                Some(_) => **uri == next,
                None => uri.path_and_query() == next.path_and_query(),
            })?;
            Some(seen.to_string())
        });
    match again {
        Some(again) => FetchError::RedirectLoop {
            url: url.to_string(),
            again,
        },
        None => FetchError::TooManyRedirects {
            url: url.to_string(),
            max: options.max_redirects,
        },
    }
}

/// A ureq error in our words.
fn from_ureq(url: &str, options: &FetchOptions, error: ureq::Error) -> FetchError {
    let url = url.to_string();
    let connect = |url: String, reason: String| FetchError::Connect { url, reason };
    match error {
        ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => {
            FetchError::ConnectTimeout {
                url,
                after: options.connect_timeout,
            }
        }
        ureq::Error::Timeout(_) => FetchError::Timeout {
            url,
            after: options.timeout,
        },
        ureq::Error::HostNotFound => connect(url, "host not found".into()),
        ureq::Error::ConnectionFailed => connect(url, "connection failed".into()),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            connect(url, "connection refused".into())
        }
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => FetchError::Timeout {
            url,
            after: options.timeout,
        },
        e @ (ureq::Error::Tls(_)
        | ureq::Error::Pem(_)
        | ureq::Error::Rustls(_)
        | ureq::Error::TlsRequired) => connect(url, format!("secure connection failed: {e}")),
        e @ (ureq::Error::InvalidProxyUrl | ureq::Error::ConnectProxyFailed(_)) => {
            connect(url, format!("proxy: {e}"))
        }
        ureq::Error::BadUri(reason) => FetchError::InvalidUrl { url, reason },
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects {
            url,
            max: options.max_redirects,
        },
        ureq::Error::StatusCode(code) => FetchError::Status {
            url,
            code,
            reason: ureq::http::StatusCode::from_u16(code)
                .ok()
                .and_then(|s| s.canonical_reason()),
        },
        ureq::Error::BodyExceedsLimit(limit) => FetchError::TooLarge {
            url,
            size: None,
            limit,
        },
        other => FetchError::Transfer {
            url,
            reason: other.to_string().replace('\n', " "),
        },
    }
}

/// A time as RFC 3339 in UTC, to the second (`2022-07-29T18:04:05Z`); a time before 1970 (a
/// clock set wrong) is written as the epoch.
#[must_use]
pub fn rfc3339_utc(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (mut days, second_of_day) = (secs / 86_400, secs % 86_400);
    let mut year = 1970;
    while days >= days_in_year(year) {
        days -= days_in_year(year);
        year += 1;
    }
    let mut month = 1;
    while days >= days_in_month(year, month) {
        days -= days_in_month(year, month);
        month += 1;
    }
    format!(
        "{year:04}-{month:02}-{:02}T{:02}:{:02}:{:02}Z",
        days + 1,
        second_of_day / 3600,
        second_of_day % 3600 / 60,
        second_of_day % 60
    )
}

fn is_leap(year: u64) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_year(year: u64) -> u64 {
    if is_leap(year) { 366 } else { 365 }
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests;
