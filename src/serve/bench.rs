//! The workbench's requests (`crate::workbench`), their `Host` checked by
//! `http`: the body read within [`MAX_BODY`] (413 beyond, refused by its
//! declared length before any of it is read), the work done on rayon's
//! threads, the answer with the workbench's own Content-Security-Policy.

use crate::workbench::{Bench, CSP, MAX_BODY, Request as Asked, TOKEN_HEADER};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited, combinators::UnsyncBoxBody};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use std::convert::Infallible;
use std::sync::Arc;

type Body = UnsyncBoxBody<Bytes, Infallible>;

pub async fn answer(bench: Arc<Bench>, request: Request<Incoming>) -> Response<Body> {
    let (parts, body) = request.into_parts();
    let too_large = || made(413, "text/plain; charset=utf-8", crate::t!("bench.body-too-large", mib = MAX_BODY >> 20));
    let declared = parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return too_large();
    }
    let body = if parts.method == Method::POST {
        match Limited::new(body, MAX_BODY).collect().await {
            Ok(b) => b.to_bytes(),
            Err(_) => return too_large(),
        }
    } else {
        Bytes::new()
    };
    let (send, done) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        let header = |name: &str| parts.headers.get(name).map(HeaderValue::as_bytes);
        let asked = Asked {
            method: parts.method.as_str(),
            path: parts.uri.path(),
            query: parts.uri.query().unwrap_or(""),
            origin: header(header::ORIGIN.as_str()),
            token: header(TOKEN_HEADER),
            body: &body,
        };
        let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| bench.handle(&asked)));
        let _ = send.send(answer);
    });
    match done.await {
        Ok(Ok(r)) => {
            let mut response = made(r.status, r.kind, String::new());
            *response.body_mut() = Full::new(Bytes::from(r.body)).boxed_unsync();
            response
        }
        _ => made(500, "text/plain; charset=utf-8", crate::t!("serve.http-failed")),
    }
}

fn made(status: u16, kind: &'static str, text: String) -> Response<Body> {
    let mut response = Response::new(Full::new(Bytes::from(text)).boxed_unsync());
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}
