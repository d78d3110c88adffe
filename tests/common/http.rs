//! A small HTTP/1.1 server on 127.0.0.1 (a free port) for tests that open readouts from their
//! links: fixed replies by path, each connection on its own thread, every wait bounded. Shared
//! by the library's fetch tests (`#[path]`), the CLI tests and the app's tests; it never reaches
//! outside the machine.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// Longest a connection waits for a request or to send a reply.
const IO_TIMEOUT: Duration = Duration::from_secs(5);

/// What the server answers on a path.
#[derive(Debug, Clone)]
pub enum Reply {
    /// 200 with this content type and body.
    Ok(&'static str, Vec<u8>),
    /// A status with a short text body (404, 500 …).
    Status(u16),
    /// 302 to this location (a path or a full address).
    Redirect(String),
    /// Waits this long, then answers 200 text/html with the body (to a client that gave up,
    /// the write fails harmlessly).
    Slow(Duration, Vec<u8>),
    /// 200 with a `Content-Length` of this many bytes, of which only a little is sent.
    Announced(u64),
    /// 200 text/html without a length: this many bytes, then the connection closes.
    Stream(usize),
}

/// A running server; it stops when dropped.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    /// Requests received, for tests that check nothing was downloaded twice.
    pub hits: Arc<AtomicUsize>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts serving `routes` (exact paths such as `"/a"`); any other path is a 404.
    pub fn start(routes: Vec<(&'static str, Reply)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let hits = Arc::new(AtomicUsize::new(0));
        let routes = Arc::new(routes);
        let accept = {
            let (stop, hits) = (Arc::clone(&stop), Arc::clone(&hits));
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    hits.fetch_add(1, Ordering::SeqCst);
                    let routes = Arc::clone(&routes);
                    std::thread::spawn(move || serve(stream, &routes));
                }
            })
        };
        Server {
            addr,
            stop,
            hits,
            accept: Some(accept),
        }
    }

    /// The full address of a path on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, IO_TIMEOUT);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

/// Answers one request on a connection, then closes it.
fn serve(mut stream: TcpStream, routes: &[(&'static str, Reply)]) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let Some(path) = request_path(&mut stream) else {
        return;
    };
    let reply = routes
        .iter()
        .find(|(route, _)| *route == path)
        .map_or(Reply::Status(404), |(_, reply)| reply.clone());
    let _ = match reply {
        Reply::Ok(content_type, body) => respond(&mut stream, 200, content_type, &body),
        Reply::Status(code) => respond(&mut stream, code, "text/plain", b"no readout here\n"),
        Reply::Redirect(location) => write!(
            stream,
            "HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
        Reply::Slow(delay, body) => {
            std::thread::sleep(delay);
            respond(&mut stream, 200, "text/html; charset=utf-8", &body)
        }
        Reply::Announced(length) => write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n<!doctype html><p>"
        ),
        Reply::Stream(length) => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n";
            stream.write_all(head.as_bytes()).and_then(|()| {
                let line = b"<p>Filler paragraph of a page far too long to be a readout.</p>\n";
                let mut sent = 0;
                // Stops early when the client hangs up (the write fails).
                while sent < length {
                    stream.write_all(line)?;
                    sent += line.len();
                }
                Ok(())
            })
        }
    };
    let _ = stream.flush();
}

fn respond(
    stream: &mut TcpStream,
    code: u16,
    content_type: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let reason = match code {
        200 => "OK",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    };
    write!(
        stream,
        "HTTP/1.1 {code} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)
}

/// The path of the request line, once the head has arrived (`None` if it does not).
fn request_path(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut buf = [0_u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let read = stream.read(&mut buf).ok().filter(|&n| n > 0)?;
        head.extend_from_slice(&buf[..read]);
        if head.len() > 64 * 1024 {
            return None;
        }
    }
    let head = String::from_utf8_lossy(&head);
    let target = head.lines().next()?.split_whitespace().nth(1)?;
    Some(target.to_string())
}
