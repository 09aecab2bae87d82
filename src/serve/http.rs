//! The preview's HTTP server, on hyper (HTTP/1.1) and a one-thread tokio
//! runtime: GET and HEAD of the site's files, the live-reload event
//! stream, and the error page while the content is broken. Every resource
//! a client can take is bounded ([`LIMITS`]): connections (503 beyond
//! them; one that sends nothing is closed when others wait), event streams (a smaller share, so pages are still served), files
//! made at once, the request head (hyper answers 431), the time to send it,
//! and the time a connection may live. Connections are tasks, not threads:
//! no client adds a thread; files are made on rayon's threads, a few at a
//! time, so a slow one (SHA256SUMS of a large site) holds up no other
//! request.

use super::host::{self, Host};
use super::pages::{self, EVENTS};
use super::{State, paths};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, StreamBody, combinators::UnsyncBoxBody};
use hyper::body::{Frame, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};

/// How much of the server one client, or many, can take.
pub struct Limits {
    /// Open connections served at once; more get a 503.
    pub connections: usize,
    /// Of those, live-reload event streams (one per open page).
    pub streams: usize,
    /// Connections being turned away with a 503 at once.
    pub turned_away: usize,
    /// Connections accepted and not yet served or turned away: waiting to
    /// send their first bytes, or for their turn. When that many wait, the
    /// one that has waited longest without sending anything is closed for
    /// the newcomer (idle connections cannot keep a real request out);
    /// when none is idle, the server accepts no more, and later clients
    /// wait in the system's queue for their answer instead of being closed
    /// unanswered. An idle connection takes none of the `connections`.
    pub waiting: usize,
    /// Files made at once; other requests wait their turn.
    pub making: usize,
    /// The request line and headers together, in bytes (hyper: 431 beyond).
    pub head_bytes: usize,
    /// Headers in one request.
    pub headers: usize,
    /// Time to send the request line and headers.
    pub head_time: Duration,
    /// Time for a whole page request, the answer's sending included.
    pub page_time: Duration,
    /// Time an event stream stays open; the page then reconnects by itself.
    pub stream_time: Duration,
}

pub const LIMITS: Limits = Limits {
    connections: 64,
    streams: 16,
    turned_away: 256,
    waiting: 256,
    making: 4,
    head_bytes: 64 * 1024,
    headers: 64,
    head_time: Duration::from_secs(5),
    page_time: Duration::from_secs(30),
    stream_time: Duration::from_secs(600),
};

/// How often an idle event stream says it is still there.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

type Body = UnsyncBoxBody<Bytes, Infallible>;

struct Server {
    state: Arc<State>,
    bench: Arc<crate::workbench::Bench>,
    port: u16,
    connections: Arc<Semaphore>,
    streams: Arc<Semaphore>,
    turned_away: Arc<Semaphore>,
    making: Arc<Semaphore>,
    waiting: Arc<Semaphore>,
    /// The waiting connections that have sent nothing yet, oldest first,
    /// each with the means to close it.
    idle: Mutex<BTreeMap<u64, oneshot::Sender<()>>>,
}

/// Serves on `listener` until the process ends; an error only when the
/// server cannot start.
pub fn serve(
    listener: std::net::TcpListener,
    state: Arc<State>,
    bench: crate::workbench::Bench,
) -> std::io::Result<()> {
    let port = listener.local_addr()?.port();
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build()?;
    runtime.block_on(async move {
        let listener = TcpListener::from_std(listener)?;
        let server = Arc::new(Server {
            state,
            bench: Arc::new(bench),
            port,
            connections: Arc::new(Semaphore::new(LIMITS.connections)),
            streams: Arc::new(Semaphore::new(LIMITS.streams)),
            turned_away: Arc::new(Semaphore::new(LIMITS.turned_away)),
            making: Arc::new(Semaphore::new(LIMITS.making)),
            waiting: Arc::new(Semaphore::new(LIMITS.waiting)),
            idle: Mutex::new(BTreeMap::new()),
        });
        for id in 0u64.. {
            // Out of file handles or memory for a socket: wait, then go on.
            let Ok((socket, _)) = listener.accept().await else {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            };
            let permit = match Arc::clone(&server.waiting).try_acquire_owned() {
                Ok(permit) => permit,
                Err(_) => {
                    // The oldest connection that has sent nothing makes room.
                    let oldest = server.idle.lock().ok().and_then(|mut idle| idle.pop_first());
                    if let Some((_, close)) = oldest {
                        let _ = close.send(());
                    }
                    // Waiting here lets the waiting connections go on.
                    let Ok(permit) = Arc::clone(&server.waiting).acquire_owned().await else { continue };
                    permit
                }
            };
            let (close, closed) = oneshot::channel();
            if let Ok(mut idle) = server.idle.lock() {
                idle.insert(id, close);
            }
            tokio::spawn(greet(socket, Arc::clone(&server), permit, id, closed));
        }
        Ok(())
    })
}

/// A connection accepted: waits for its first bytes (closed if it is the
/// oldest idle one when the waiting room is full, or after the time for a
/// request head), then is served, or turned away with a 503 beyond the
/// connection limit.
async fn greet(
    socket: TcpStream,
    server: Arc<Server>,
    waiting: OwnedSemaphorePermit,
    id: u64,
    closed: oneshot::Receiver<()>,
) {
    // Data first: a connection whose request has come is never closed as
    // idle. (A peek waits for bytes; readiness alone can be told early.)
    let mut first = [0u8; 1];
    let spoke = tokio::select! {
        biased;
        seen = socket.peek(&mut first) => seen.is_ok(),
        _ = closed => false,
        () = tokio::time::sleep(LIMITS.head_time) => false,
    };
    if let Ok(mut idle) = server.idle.lock() {
        idle.remove(&id);
    }
    if !spoke {
        return;
    }
    if let Ok(permit) = Arc::clone(&server.connections).try_acquire_owned() {
        drop(waiting);
        connection(socket, server, permit).await;
    } else if let Ok(permit) = Arc::clone(&server.turned_away).acquire_owned().await {
        // A turned-away connection takes at most 1.2 s (usually microseconds).
        drop(waiting);
        busy(socket, permit).await;
    }
}

/// One connection: one request (no keep-alive), within the time limits.
async fn connection(socket: TcpStream, server: Arc<Server>, _permit: OwnedSemaphorePermit) {
    let _ = socket.set_nodelay(true);
    let streaming = Arc::new(AtomicBool::new(false));
    let service = {
        let streaming = Arc::clone(&streaming);
        hyper::service::service_fn(move |request: Request<Incoming>| {
            let (server, streaming) = (Arc::clone(&server), Arc::clone(&streaming));
            async move {
                if let Some(refused) = foreign(&server, &request) {
                    return Ok::<_, Infallible>(refused);
                }
                if crate::workbench::Bench::owns(request.uri().path()) {
                    return Ok(super::bench::answer(Arc::clone(&server.bench), request).await);
                }
                let answer = respond(&server, &request, &streaming);
                Ok(match answer {
                    Answer::Now(response) => response,
                    Answer::Make(make) => make_file(&server, make).await,
                })
            }
        })
    };
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(LIMITS.head_time)
        .max_buf_size(LIMITS.head_bytes)
        .max_headers(LIMITS.headers)
        .keep_alive(false);
    let conn = http.serve_connection(TokioIo::new(socket), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        () = tokio::time::sleep(LIMITS.page_time) => {}
    }
    if streaming.load(Ordering::Relaxed) {
        let _ = tokio::time::timeout(LIMITS.stream_time.saturating_sub(LIMITS.page_time), conn).await;
    }
}

/// A connection beyond the limit: read what it sent (so that closing sends
/// no reset that could drop the answer), answer 503, close.
async fn busy(mut socket: TcpStream, _permit: OwnedSemaphorePermit) {
    let mut buf = [0u8; 4096];
    let _ = tokio::time::timeout(Duration::from_millis(200), socket.read(&mut buf)).await;
    let body = crate::t!("serve.http-busy");
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        socket.write_all(answer.as_bytes()).await?;
        socket.shutdown().await
    })
    .await;
}

/// What to answer: a response at once, or a file to make first.
enum Answer {
    Now(Response<Body>),
    Make(Make),
}

/// A file to make: the checked path's parts, from the site at `version`.
struct Make {
    site: Arc<super::site::Model>,
    parts: Vec<String>,
    version: u64,
    warnings: Arc<Vec<String>>,
}

/// The refusal of a request not addressed to us by a loopback name and
/// our port (every request, the workbench's too, is checked first).
fn foreign(server: &Server, request: &Request<Incoming>) -> Option<Response<Body>> {
    let named = request.uri().authority().map(|a| a.as_str().as_bytes());
    let hosts = request.headers().get_all(header::HOST).iter().map(HeaderValue::as_bytes);
    match host::check(hosts, server.port) {
        Host::Ours if named.is_none_or(|n| host::check(std::iter::once(n), server.port) == Host::Ours) => None,
        Host::Missing => Some(text(StatusCode::BAD_REQUEST, crate::t!("serve.http-no-host"))),
        _ => Some(text(StatusCode::FORBIDDEN, crate::t!("serve.http-foreign-host"))),
    }
}

fn respond(server: &Server, request: &Request<Incoming>, streaming: &AtomicBool) -> Answer {
    let now = Answer::Now;
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut answer = text(StatusCode::METHOD_NOT_ALLOWED, crate::t!("serve.http-method"));
        answer.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return now(answer);
    }
    let path = request.uri().path();
    if path == EVENTS && request.method() == Method::HEAD {
        return now(answer(StatusCode::OK, "text/event-stream", Vec::new()));
    }
    if path == EVENTS {
        return now(events(server, request.uri().query().unwrap_or(""), streaming));
    }
    let Some(parts) = paths::plain(path) else { return now(not_found()) };
    let snapshot = server.state.snapshot();
    if let Some(broken) = &snapshot.errors
        && (path.ends_with('/') || path.ends_with(".html"))
    {
        let page = pages::error_page(broken, snapshot.version);
        return now(answer(StatusCode::OK, "text/html; charset=utf-8", page.into_bytes()));
    }
    match snapshot.site {
        Some(site) => Answer::Make(Make { site, parts, version: snapshot.version, warnings: snapshot.warnings }),
        None => now(not_found()),
    }
}

/// Makes a file off the server's thread, when its turn comes.
async fn make_file(server: &Server, make: Make) -> Response<Body> {
    let Ok(_turn) = server.making.acquire().await else { return not_found() };
    let Make { site, parts, version, warnings } = make;
    // On rayon's threads, which the first reading started: no client adds
    // a thread. A panic (there should be none) is caught, not an abort.
    let (send, made) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        let page =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pages::page(&site, &parts, version, &warnings)));
        let _ = send.send(page);
    });
    match made.await {
        Ok(Ok(Some(Ok(page)))) => answer(StatusCode::OK, page.kind, page.body),
        Ok(Ok(None)) => not_found(),
        Ok(Ok(Some(Err(d)))) => {
            // A page the theme cannot render: shown like a broken save.
            let line = d.to_string();
            say_err!("{line}");
            let page = pages::error_page(&super::Broken { lines: vec![line], errors: 1 }, version);
            answer(StatusCode::INTERNAL_SERVER_ERROR, "text/html; charset=utf-8", page.into_bytes())
        }
        Ok(Err(_)) | Err(_) => text(StatusCode::INTERNAL_SERVER_ERROR, crate::t!("serve.http-failed")),
    }
}

fn answer(status: StatusCode, kind: &'static str, body: Vec<u8>) -> Response<Body> {
    let mut response = Response::new(Full::new(Bytes::from(body)).boxed_unsync());
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(pages::csp()));
    response
}

fn text(status: StatusCode, message: String) -> Response<Body> {
    answer(status, "text/plain; charset=utf-8", format!("{message}\n").into_bytes())
}

fn not_found() -> Response<Body> {
    answer(StatusCode::NOT_FOUND, "text/html; charset=utf-8", pages::NOT_FOUND.as_bytes().to_vec())
}

/// Server-sent events: one `reload` message as soon as the version differs
/// from the one the page was built at (`v=` in the query), then the end.
fn events(server: &Server, query: &str, streaming: &AtomicBool) -> Response<Body> {
    let Ok(permit) = Arc::clone(&server.streams).try_acquire_owned() else {
        return text(StatusCode::SERVICE_UNAVAILABLE, crate::t!("serve.http-busy"));
    };
    streaming.store(true, Ordering::Relaxed);
    let seen: u64 = query.strip_prefix("v=").and_then(|v| v.parse().ok()).unwrap_or(0);
    let start = (server.state.subscribe(), permit, true);
    let stream = futures_util::stream::unfold(Some(start), move |now| async move {
        let (mut versions, permit, first) = now?;
        let frame = |s: &'static str| Ok::<_, Infallible>(Frame::data(Bytes::from_static(s.as_bytes())));
        if first {
            return Some((frame("retry: 500\n\n"), Some((versions, permit, false))));
        }
        let changed = match tokio::time::timeout(KEEP_ALIVE, versions.wait_for(|s| s.version != seen)).await {
            Ok(Ok(_)) => true,
            Ok(Err(_)) => return None,
            Err(_) => false,
        };
        if changed {
            Some((frame("data: reload\n\n"), None))
        } else {
            Some((frame(": keep-alive\n\n"), Some((versions, permit, false))))
        }
    });
    let mut response = Response::new(StreamBody::new(stream).boxed_unsync());
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
