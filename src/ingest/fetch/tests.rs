//! Downloads from a local server (127.0.0.1, a free port) serving our own fixture pages: the
//! page read equals the saved page, and each way a link can fail has its own one-line error.

use std::ops::ControlFlow;
use std::time::{Duration, Instant, UNIX_EPOCH};

use super::*;
use crate::Error;

#[path = "../../../tests/common/http.rs"]
mod http;

use http::{Reply, Server};

const STATE_GOV: &[u8] = include_bytes!("../../../tests/fixtures/html/state_gov.html");
const PDF: &[u8] = include_bytes!("../../../tests/fixtures/pdf/readout.pdf");

/// Short limits, so that no test waits long.
fn quick() -> FetchOptions {
    FetchOptions {
        connect_timeout: Duration::from_secs(5),
        timeout: Duration::from_secs(10),
        ..FetchOptions::default()
    }
}

fn read(url: &str, options: &FetchOptions) -> Result<Readout> {
    read_url(url, options, None, &mut |_| ControlFlow::Continue(()))
}

/// The fetch error reading `url` ends in; the message must be one line that names the link.
fn failure(url: &str, options: &FetchOptions) -> FetchError {
    match read(url, options) {
        Err(Error::Fetch(e)) => {
            let text = e.to_string();
            assert!(text.starts_with(url.trim()), "{text}");
            assert_eq!(text.lines().count(), 1, "{text}");
            e
        }
        other => panic!("expected a fetch error, got {other:?}"),
    }
}

#[test]
fn a_fetched_page_reads_as_the_saved_page_with_its_provenance() {
    let server = Server::start(vec![(
        "/readout",
        Reply::Ok("text/html; charset=utf-8", STATE_GOV.to_vec()),
    )]);
    let url = server.url("/readout");
    let fetched = read(&url, &quick()).unwrap();
    let saved = crate::ingest::read_bytes(STATE_GOV, "state_gov.html").unwrap();
    let provenance = fetched.fetched.clone().unwrap();
    assert_eq!(
        Readout {
            source: saved.source.clone(),
            fetched: None,
            ..fetched.clone()
        },
        saved,
        "only the source and the provenance differ"
    );
    assert_eq!(fetched.source, url);
    assert_eq!(fetched.format, "html");
    assert_eq!(fetched.sha256, crate::ingest::sha256_hex(STATE_GOV));
    assert_eq!(
        (provenance.url.as_str(), provenance.final_url.as_str()),
        (url.as_str(), url.as_str())
    );
    let at = &provenance.fetched_at;
    assert_eq!(at.len(), "2031-03-14T18:02:11Z".len(), "{at}");
    assert!(at.ends_with('Z') && at.as_bytes()[10] == b'T', "{at}");
}

#[test]
fn a_redirect_is_followed_and_the_final_address_recorded() {
    let server = Server::start(vec![
        ("/moved", Reply::Redirect("/readout".into())),
        (
            "/readout",
            Reply::Ok("application/xhtml+xml", STATE_GOV.to_vec()),
        ),
    ]);
    let readout = read(&server.url("/moved"), &quick()).unwrap();
    let provenance = readout.fetched.unwrap();
    assert_eq!(provenance.url, server.url("/moved"));
    assert_eq!(provenance.final_url, server.url("/readout"));
    assert!(readout.text.contains("Arkel"), "{}", readout.text);
}

#[test]
fn a_slow_server_times_out_within_the_configured_time() {
    let server = Server::start(vec![(
        "/slow",
        Reply::Slow(Duration::from_secs(3), STATE_GOV.to_vec()),
    )]);
    let options = FetchOptions {
        timeout: Duration::from_millis(300),
        ..quick()
    };
    let started = Instant::now();
    let error = failure(&server.url("/slow"), &options);
    assert!(matches!(error, FetchError::Timeout { .. }), "{error:?}");
    assert!(error.to_string().contains("within 0.3 s"), "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "gave up in time"
    );
}

#[test]
fn a_body_announced_over_the_limit_is_refused_before_it_is_read() {
    let server = Server::start(vec![("/huge", Reply::Announced(30 * 1_048_576))]);
    let error = failure(&server.url("/huge"), &quick());
    assert!(
        matches!(error, FetchError::TooLarge { size: Some(s), limit, .. } if s == 30 * 1_048_576 && limit == MAX_TEXT_BYTES),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .ends_with("too large (30.0 MB; the limit is 20 MB)"),
        "{error}"
    );
}

#[test]
fn a_body_that_grows_past_the_limit_is_cut_off() {
    let server = Server::start(vec![("/endless", Reply::Stream(4 * 1_048_576))]);
    let options = FetchOptions {
        max_bytes: 64 * 1024,
        ..quick()
    };
    let error = failure(&server.url("/endless"), &options);
    assert!(
        matches!(error, FetchError::TooLarge { size: None, .. }),
        "{error:?}"
    );
}

#[test]
fn a_redirect_loop_is_named_as_such() {
    let server = Server::start(vec![
        ("/loop-a", Reply::Redirect("/loop-b".into())),
        ("/loop-b", Reply::Redirect("/loop-a".into())),
    ]);
    let error = failure(&server.url("/loop-a"), &quick());
    assert!(
        matches!(error, FetchError::RedirectLoop { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("redirect loop"), "{error}");
}

#[test]
fn a_chain_of_redirects_longer_than_the_limit_is_refused() {
    let hops = ["/r1", "/r2", "/r3", "/r4", "/r5", "/r6", "/r7", "/r8"];
    let mut routes: Vec<_> = hops
        .windows(2)
        .map(|pair| (pair[0], Reply::Redirect(pair[1].to_string())))
        .collect();
    routes.push(("/r8", Reply::Ok("text/html", STATE_GOV.to_vec())));
    let server = Server::start(routes);
    let error = failure(&server.url("/r1"), &quick());
    assert!(
        matches!(error, FetchError::TooManyRedirects { max: 5, .. }),
        "{error:?}"
    );
    // Within the limit, the chain is followed.
    let options = FetchOptions {
        max_redirects: 7,
        ..quick()
    };
    let readout = read(&server.url("/r1"), &options).unwrap();
    assert_eq!(readout.fetched.unwrap().final_url, server.url("/r8"));
}

#[test]
fn a_missing_page_is_an_http_404() {
    let server = Server::start(Vec::new());
    let error = failure(&server.url("/gone"), &quick());
    assert!(
        matches!(error, FetchError::Status { code: 404, .. }),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .ends_with("the server answered HTTP 404 Not Found"),
        "{error}"
    );
}

#[test]
fn an_image_is_refused_by_its_content_type() {
    let server = Server::start(vec![(
        "/photo",
        Reply::Ok("image/png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
    )]);
    let error = failure(&server.url("/photo"), &quick());
    assert!(
        matches!(&error, FetchError::ContentType { content_type, .. } if content_type == "image/png"),
        "{error:?}"
    );
}

#[test]
fn binary_data_sent_as_a_web_page_is_refused() {
    let server = Server::start(vec![
        (
            "/fake-page",
            Reply::Ok("text/html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        ),
        (
            "/nul",
            Reply::Ok("text/plain", b"Readout\0\0\0\x01\x02 of a call".to_vec()),
        ),
        (
            "/octets",
            Reply::Ok("application/octet-stream", vec![0_u8, 159, 146, 150, 7, 0]),
        ),
    ]);
    let error = failure(&server.url("/fake-page"), &quick());
    assert!(
        matches!(&error, FetchError::Binary { kind, .. } if kind == "a PNG image"),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("said text/html but sent a PNG image"),
        "{error}"
    );
    for path in ["/nul", "/octets"] {
        let error = failure(&server.url(path), &quick());
        assert!(
            matches!(error, FetchError::Binary { .. }),
            "{path}: {error:?}"
        );
    }
}

#[test]
fn a_pdf_is_read_by_its_bytes_whatever_the_server_calls_it() {
    let server = Server::start(vec![
        ("/readout.pdf", Reply::Ok("application/pdf", PDF.to_vec())),
        (
            "/download",
            Reply::Ok("application/octet-stream", PDF.to_vec()),
        ),
    ]);
    let saved = crate::ingest::read_bytes(PDF, "readout.pdf").unwrap();
    for path in ["/readout.pdf", "/download"] {
        let readout = read(&server.url(path), &quick()).unwrap();
        assert_eq!(readout.format, "pdf", "{path}");
        assert_eq!(readout.text, saved.text, "{path}");
    }
}

#[test]
fn plain_text_is_read_as_text() {
    let text = "Secretary Harlan spoke with Foreign Minister Arkel about the ferry agreement. \
                They agreed to meet again in May.\n";
    let server = Server::start(vec![(
        "/readout.txt",
        Reply::Ok("text/plain; charset=utf-8", text.as_bytes().to_vec()),
    )]);
    let readout = read(&server.url("/readout.txt"), &quick()).unwrap();
    assert_eq!(
        (readout.format.as_str(), readout.text.as_str()),
        ("text", text)
    );
}

#[test]
fn a_refused_connection_says_so() {
    // A port that was free a moment ago: nothing listens there now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/readout");
    let error = failure(&url, &quick());
    assert!(matches!(error, FetchError::Connect { .. }), "{error:?}");
}

#[test]
fn cancelling_stops_the_download() {
    let server = Server::start(vec![("/endless", Reply::Stream(4 * 1_048_576))]);
    let url = server.url("/endless");
    let mut calls = 0;
    let outcome = read_url(&url, &quick(), None, &mut |progress| {
        calls += 1;
        if progress.received > 0 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert!(
        matches!(outcome, Err(Error::Fetch(FetchError::Cancelled { .. }))),
        "{outcome:?}"
    );
    assert_eq!(calls, 2, "once before asking, once after the first chunk");
    // Cancelled before it starts, nothing is asked of the server.
    let hits = server.hits.load(std::sync::atomic::Ordering::SeqCst);
    let outcome = read_url(&url, &quick(), None, &mut |_| ControlFlow::Break(()));
    assert!(matches!(
        outcome,
        Err(Error::Fetch(FetchError::Cancelled { .. }))
    ));
    assert_eq!(server.hits.load(std::sync::atomic::Ordering::SeqCst), hits);
}

#[test]
fn other_schemes_and_malformed_links_are_refused_without_a_request() {
    let error = failure("ftp://ftp.example.org/readout.txt", &quick());
    assert!(
        matches!(&error, FetchError::UnsupportedScheme { scheme, .. } if scheme == "ftp"),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("only http:// and https://"),
        "{error}"
    );
    for bad in ["file:///etc/hostname", "javascript://x"] {
        assert!(
            matches!(failure(bad, &quick()), FetchError::UnsupportedScheme { .. }),
            "{bad}"
        );
    }
    assert!(matches!(
        failure("https://", &quick()),
        FetchError::InvalidUrl { .. }
    ));
}

#[test]
fn links_are_told_from_paths() {
    for link in [
        "https://www.state.gov/readout/",
        "http://kremlin.ru/events/president/news/1",
        " HTTPS://mid.ru/x ",
        "ftp://example.org/x",
    ] {
        assert!(is_link(link), "{link}");
    }
    for path in [
        "us.txt",
        "/home/me/readouts/us.html",
        r"C:\readouts\us.txt",
        "c://x",
        "my notes://x",
        "",
    ] {
        assert!(!is_link(path), "{path}");
    }
}

#[test]
fn times_are_written_as_rfc_3339_utc() {
    let at = |secs: u64| rfc3339_utc(UNIX_EPOCH + Duration::from_secs(secs));
    assert_eq!(at(0), "1970-01-01T00:00:00Z");
    assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
    assert_eq!(at(951_868_799), "2000-02-29T23:59:59Z");
    assert_eq!(at(951_868_800), "2000-03-01T00:00:00Z");
    assert_eq!(at(1_659_114_245), "2022-07-29T17:04:05Z");
    assert_eq!(at(4_107_542_400), "2100-03-01T00:00:00Z");
    assert_eq!(
        rfc3339_utc(UNIX_EPOCH - Duration::from_secs(5)),
        "1970-01-01T00:00:00Z"
    );
}

#[test]
fn the_proxy_comes_from_the_usual_variables_in_order() {
    let vars = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_string())
        }
    };
    assert_eq!(proxy_from(vars(&[])), None);
    assert_eq!(
        proxy_from(vars(&[
            ("http_proxy", "http://p:3128"),
            ("HTTPS_PROXY", "http://s:3128")
        ])),
        Some("http://s:3128".to_string())
    );
    assert_eq!(
        proxy_from(vars(&[("ALL_PROXY", " ")])),
        None,
        "empty is unset"
    );
}
