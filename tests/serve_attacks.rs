//! The attacks of issue 15 against the real `kaoping serve` on 127.0.0.1
//! (a free port, a `TMPDIR` of its own, stopped at the end of each test):
//! paths that leave the site (drive letters, Windows devices, `..`), a
//! 10 MB header, 3,000 connections, a trickling client, a foreign `Host`.

mod common;
use common::serve::*;
use common::*;
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A line of the server's `/proc/<pid>/status` (Linux), as a number.
fn proc_status(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line[field.len()..].split_whitespace().next()?.parse().ok()
}

/// The build version the pages were made at (`?v=` of the reload script).
fn version(address: &str) -> String {
    let index = get(address, "/index.html");
    let at = index.find("<script data-v=\"").expect("the reload script") + "<script data-v=\"".len();
    index[at..].chars().take_while(char::is_ascii_digit).collect()
}

#[test]
fn paths_outside_the_site_are_refused() {
    // The site is in memory; the disk is read on request only for the
    // content's attachments. Files are planted where a path that is read as
    // a drive, a device or a parent folder would lead on Linux if the
    // server looked on disk — in the content folder, in its attachments/,
    // and beside it — so that a refusal is not just a missing file.
    let outer = tempfile::tempdir().unwrap();
    let content = outer.path().join("content");
    copy_dir(&root().join("tests/fixtures/small"), &content);
    for (path, parent) in [
        ("x/C:/windows/win.ini", false),
        ("x/c:/windows/win.ini", false),
        ("x/Z:../etc/hostname", false),
        ("CON", false),
        ("x/con.html", false),
        ("x/NUL.txt", false),
        ("COM1", false),
        ("secret.txt", true),
    ] {
        let files = if parent {
            vec![outer.path().join(path)]
        } else {
            vec![content.join(path), content.join("attachments").join(path)]
        };
        for file in files {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, "planted").unwrap();
        }
    }
    std::fs::write(content.join("plain.html"), "<p>planted</p>").unwrap();
    let serve = start_serve(&content);
    assert!(get(&serve.address, "/index.html").contains("南城市"), "a plain name is served");
    assert!(!get(&serve.address, "/plain.html").contains("planted"), "only the site's own files are served");
    for path in [
        "/x/C:/windows/win.ini",
        "/x/c:/windows/win.ini",
        "/x/C%3A/windows/win.ini",
        "/x/Z:../etc/hostname",
        "/x/Z%3A..%2Fetc%2Fhostname",
        "/CON",
        "/con",
        "/x/con.html",
        "/x/NUL.txt",
        "/COM1",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/x/..%2F..%2Fsecret.txt",
        "/..%5Csecret.txt",
        "/x/../../secret.txt",
        "/attachments/CON",
        "/attachments/x/NUL.txt",
        "/attachments/x/C:/windows/win.ini",
        "/attachments/../../secret.txt",
        "/attachments/%2e%2e/%2e%2e/secret.txt",
    ] {
        let answer =
            exchange(&serve.address, format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", serve.address).as_bytes());
        let status = answer.lines().next().unwrap_or("");
        assert!(status == "HTTP/1.1 404 Not Found" || status == "HTTP/1.1 400 Bad Request", "{path}: {status}");
        assert!(!answer.contains("planted"), "{path}: {answer}");
    }
}

#[test]
fn a_foreign_host_is_refused() {
    let dir = fixture("small", &[]);
    let serve = start_serve(dir.path());
    let (address, port) = (&serve.address, serve.port());
    let ask = |host: &str| exchange(address, format!("GET /index.html HTTP/1.1\r\n{host}\r\n\r\n").as_bytes());
    for host in
        ["Host: attacker.example", &format!("Host: attacker.example:{port}"), &format!("Host: 127.0.0.1:{}", port + 1)]
    {
        let answer = ask(host);
        assert!(answer.starts_with("HTTP/1.1 403 Forbidden\r\n"), "{host}: {answer}");
        assert!(answer.ends_with("The preview answers only this computer's own addresses (127.0.0.1, localhost) with its port. Open the address that kaoping serve printed.\n"), "{answer}");
    }
    // The name in an absolute request target counts as much as `Host`.
    let absolute = format!("GET http://attacker.example/index.html HTTP/1.1\r\nHost: {address}\r\n\r\n");
    assert!(exchange(address, absolute.as_bytes()).starts_with("HTTP/1.1 403 Forbidden\r\n"));
    let none = exchange(address, b"GET /index.html HTTP/1.0\r\n\r\n");
    assert!(
        none.starts_with("HTTP/1.0 400 Bad Request\r\n") || none.starts_with("HTTP/1.1 400 Bad Request\r\n"),
        "{none}"
    );
    for host in [format!("Host: localhost:{port}"), format!("Host: 127.0.0.1:{port}"), format!("Host: [::1]:{port}")] {
        assert!(ask(&host).starts_with("HTTP/1.1 200 OK\r\n"), "{host}");
    }
}

#[test]
fn a_ten_megabyte_header_line_is_refused_and_the_server_goes_on() {
    let dir = fixture("small", &[]);
    let serve = start_serve(dir.path());
    let pid = serve.child.id();
    let before = proc_status(pid, "VmRSS:");
    for head in [format!("GET /index.html HTTP/1.1\r\nHost: {}\r\nX-Big: ", serve.address), "GET /".to_string()] {
        let mut stream = TcpStream::connect(&serve.address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        stream.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
        stream.write_all(head.as_bytes()).unwrap();
        let chunk = vec![b'a'; 64 * 1024];
        // 10 MB without a line end; the server stops reading long before.
        let sent = (0..160).take_while(|_| stream.write_all(&chunk).is_ok()).count();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer);
        assert!(sent < 160 || answer.starts_with("HTTP/1.1 431"), "{} KiB taken; {answer}", sent * 64);
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 431") || answer.starts_with("HTTP/1.1 414"),
            "{answer}"
        );
    }
    if let (Some(before), Some(after)) = (before, proc_status(pid, "VmRSS:")) {
        eprintln!("server memory: {before} kB before, {after} kB after");
        assert!(after < before + 8 * 1024, "the server grew from {before} kB to {after} kB");
    }
    assert!(get(&serve.address, "/index.html").contains("南城市"), "the next request is served");
}

/// Lets this test process hold `n` open files (up to the hard limit).
fn allow_open_files(n: u64) {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{Resource, getrlimit, setrlimit};
        let limit = getrlimit(Resource::Nofile);
        if limit.current.is_some_and(|c| c < n) {
            let current = Some(limit.maximum.map_or(n, |m| m.min(n)));
            let _ = setrlimit(Resource::Nofile, rustix::process::Rlimit { current, maximum: limit.maximum });
        }
    }
    let _ = n;
}

#[test]
fn three_thousand_connections_get_503_beyond_the_limit() {
    allow_open_files(3_200);
    let dir = fixture("small", &[]);
    let serve = start_serve(dir.path());
    let pid = serve.child.id();
    let threads_before = proc_status(pid, "Threads:");
    let request =
        format!("GET /__kaoping/events?v={} HTTP/1.1\r\nHost: {}\r\n\r\n", version(&serve.address), serve.address);
    let mut open = Vec::new();
    for _ in 0..3000 {
        let Ok(mut stream) = TcpStream::connect_timeout(&serve.address.parse().unwrap(), Duration::from_secs(5)) else {
            continue;
        };
        if stream.write_all(request.as_bytes()).is_ok() {
            open.push(stream);
        }
    }
    let threads_during = proc_status(pid, "Threads:");
    let connected = open.len();
    let (mut streams, mut busy, mut closed) = (Vec::new(), 0, 0);
    for mut stream in open {
        stream.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
        let mut head = [0u8; 256];
        match stream.read(&mut head) {
            Ok(n) if head[..n].starts_with(b"HTTP/1.1 200 OK\r\n") => streams.push(stream),
            Ok(n) if head[..n].starts_with(b"HTTP/1.1 503 Service Unavailable\r\n") => busy += 1,
            Ok(_) | Err(_) => closed += 1,
        }
    }
    eprintln!(
        "{} event streams, {busy} answered 503, {closed} closed unanswered; threads {threads_before:?} before, {threads_during:?} with 3,000 connections",
        streams.len()
    );
    assert_eq!(streams.len(), 16, "the event-stream limit");
    // Every other connection is answered 503: beyond the server's limits the
    // clients wait in the system's queue, none is closed unanswered.
    assert_eq!((connected, busy, closed), (3000, 3000 - 16, 0), "(connected, answered 503, closed unanswered)");
    // With every event stream taken, pages are still served, and the server
    // added no thread for its 3,000 clients.
    assert!(get(&serve.address, "/index.html").contains("南城市"));
    if let (Some(before), Some(during)) = (threads_before, threads_during) {
        assert!(during <= before, "threads grew from {before} to {during}");
    }
    drop(streams);
    assert!(serve.child.id() == pid && get(&serve.address, "/cities/south.html").contains(">8.35</dd>"));
}

#[test]
fn idle_connections_do_not_keep_a_real_request_out() {
    // 300 connections that send nothing: more than the server serves (64)
    // and lets wait (256). A real request is still answered at once, and
    // the idle connections that waited longest are closed to make room.
    let dir = fixture("small", &[]);
    let serve = start_serve(dir.path());
    let idle: Vec<TcpStream> = (0..300).map(|_| TcpStream::connect(&serve.address).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let answer =
        exchange(&serve.address, format!("GET /index.html HTTP/1.1\r\nHost: {}\r\n\r\n", serve.address).as_bytes());
    let took = started.elapsed();
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{}", answer.lines().next().unwrap_or(""));
    assert!(answer.contains("南城市"));
    // Closed by the server: a read ends at once, with nothing.
    let closed = idle
        .into_iter()
        .filter(|mut stream| {
            stream.set_nonblocking(true).unwrap();
            matches!(stream.read(&mut [0u8; 16]), Ok(0))
        })
        .count();
    eprintln!("a real request among 300 idle connections answered in {took:?}; {closed} idle ones closed");
    assert!(took < Duration::from_secs(2), "answered after {took:?}");
    assert!(closed >= 300 - 256, "{closed} idle connections closed");
}

#[test]
fn every_answer_carries_a_policy_that_allows_only_the_reload_script() {
    let dir = fixture("small", &[]);
    let serve = start_serve(dir.path());
    let csp = "content-security-policy: default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src 'sha256-Xwslnq0V17R/Vr8gCY75DES955caF8reygYrpyS+BIQ='; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'\r\n";
    for path in ["/index.html", "/results.json", "/nothing.html"] {
        let answer =
            exchange(&serve.address, format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", serve.address).as_bytes());
        let (head, body) = answer.split_once("\r\n\r\n").unwrap();
        assert!(format!("{head}\r\n").contains(csp), "{path}: {head}");
        // The page's own policy, which allows no script, gives way to it.
        assert!(!body.contains("http-equiv=\"Content-Security-Policy\""), "{path}");
    }
}

#[test]
fn a_trickling_client_is_cut_off() {
    let dir = fixture("small", &[]);
    let serve = start_serve(dir.path());
    let mut stream = TcpStream::connect(&serve.address).unwrap();
    stream.set_read_timeout(Some(Duration::from_millis(300))).unwrap();
    write!(stream, "GET /index.html HTTP/1.1\r\nHost: {}\r\nX-Slow: ", serve.address).unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 512];
    let cut = loop {
        assert!(started.elapsed() < Duration::from_secs(15), "a client sending one byte every 300 ms is still held");
        if stream.write_all(b"a").is_err() {
            break started.elapsed();
        }
        match stream.read(&mut buf) {
            Ok(_) => break started.elapsed(),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => break started.elapsed(),
        }
    };
    eprintln!("trickling client cut off after {cut:?}");
    assert!(cut >= Duration::from_secs(4), "cut off after {cut:?}, before the 5 s limit");
    assert!(get(&serve.address, "/index.html").contains("南城市"));
}

#[test]
fn a_saved_change_reaches_the_event_stream() {
    let dir = fixture("small", &[]);
    let serve = start_serve(dir.path());
    let v = version(&serve.address);
    let mut stream = TcpStream::connect(&serve.address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(stream, "GET /__kaoping/events?v={v} HTTP/1.1\r\nHost: {}\r\n\r\n", serve.address).unwrap();
    let mut head = [0u8; 1024];
    let n = stream.read(&mut head).unwrap();
    let head = String::from_utf8_lossy(&head[..n]);
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n") && head.contains("content-type: text/event-stream"), "{head}");
    // A HEAD of the stream is answered at once and holds nothing.
    let started = Instant::now();
    let head_only = format!("HEAD /__kaoping/events?v={v} HTTP/1.1\r\nHost: {}\r\n\r\n", serve.address);
    assert!(exchange(&serve.address, head_only.as_bytes()).starts_with("HTTP/1.1 200 OK\r\n"));
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    let south = dir.path().join("cities/south.yaml");
    let text = std::fs::read_to_string(&south).unwrap();
    std::fs::write(&south, text.replace("staff: 1720", "staff: 2000")).unwrap();
    let mut rest = String::new();
    let _ = stream.read_to_string(&mut rest);
    assert!(rest.contains("data: reload\n\n"), "{rest}");
}

#[test]
fn the_console_and_the_refusals_speak_both_languages() {
    let dir = fixture("small", &[]);
    let serve = start_serve_in(dir.path(), tempfile::tempdir().unwrap(), "zh");
    let shown = dir.path().display();
    assert_eq!(serve.line, format!("正在预览 {shown}：http://{}/ （按 Ctrl-C 停止）\n", serve.address));
    let answer = exchange(&serve.address, b"GET / HTTP/1.1\r\nHost: attacker.example\r\n\r\n");
    assert!(
        answer.ends_with(
            "\r\n\r\n预览只回应本机地址（127.0.0.1、localhost）及其端口。请在浏览器中打开 kaoping serve 显示的地址。\n"
        ),
        "{answer}"
    );
    let answer = exchange(&serve.address, b"GET / HTTP/1.0\r\n\r\n");
    assert!(answer.ends_with("\r\n\r\n请求缺少 Host 头。请在浏览器中打开 kaoping serve 显示的地址。\n"), "{answer}");
    let post = format!("POST / HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\n\r\n", serve.address);
    let answer = exchange(&serve.address, post.as_bytes());
    assert!(
        answer.starts_with("HTTP/1.1 405 Method Not Allowed\r\n") && answer.contains("allow: GET, HEAD\r\n"),
        "{answer}"
    );
    assert!(answer.ends_with("\r\n\r\n预览只能查看页面（GET 和 HEAD）。\n"), "{answer}");
    // Sixteen open pages take every event stream; the seventeenth is told
    // the server is busy, and pages are still served.
    let request =
        format!("GET /__kaoping/events?v={} HTTP/1.1\r\nHost: {}\r\n\r\n", version(&serve.address), serve.address);
    let streams: Vec<TcpStream> = (0..16)
        .map(|_| {
            let mut s = TcpStream::connect(&serve.address).unwrap();
            s.write_all(request.as_bytes()).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut head = [0u8; 64];
            let n = s.read(&mut head).unwrap();
            assert!(head[..n].starts_with(b"HTTP/1.1 200 OK\r\n"));
            s
        })
        .collect();
    let answer = exchange(&serve.address, request.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 503 Service Unavailable\r\n"), "{answer}");
    assert!(answer.ends_with("\r\n\r\n预览服务正忙（同时打开的连接太多），请稍后刷新页面。\n"), "{answer}");
    assert!(get(&serve.address, "/index.html").contains("南城市"));
    drop(streams);
}

#[test]
fn a_taken_port_is_a_usage_error_in_both_languages() {
    let dir = fixture("small", &[]);
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let args = ["serve", "--content", dir.path().to_str().unwrap(), "--port", &port];
    let run = kaoping(&args);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, format!("error: port {port} is already in use; choose another with --port\n").as_str())
    );
    let run = kaoping_zh(&args);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, format!("错误：端口 {port} 已被占用，请用 --port 换一个\n").as_str())
    );
}
