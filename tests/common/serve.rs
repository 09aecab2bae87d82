//! Helpers for the tests of `kaoping serve`: start the real binary on
//! 127.0.0.1 with a free port and a temporary folder (`TMPDIR`) of its own
//! (which it must leave empty), talk raw HTTP to it, and stop it whatever
//! happens. The system's file events are used unless a test asks for
//! polling (`KAOPING_POLL` from the test's own environment is not passed on).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// A running `kaoping serve`; killed when dropped.
pub struct Serve {
    pub child: Child,
    /// `127.0.0.1:PORT`.
    pub address: String,
    /// The console, until a test lets it go.
    pub stdout: Option<BufReader<ChildStdout>>,
    /// The server's temporary folder (its `TMPDIR`).
    pub tmp: tempfile::TempDir,
    /// The console line that names the address.
    pub line: String,
}

/// Starts `kaoping serve` on `content` with a free port, a `TMPDIR` of its
/// own and English messages; returns once it has printed its address.
pub fn start_serve(content: &Path) -> Serve {
    start_serve_in(content, tempfile::tempdir().unwrap(), "en")
}

/// As [`start_serve`], with the temporary folder `tmp` and the language `lang`.
pub fn start_serve_in(content: &Path, tmp: tempfile::TempDir, lang: &str) -> Serve {
    start_serve_with(content, tmp, lang, &[])
}

/// As [`start_serve_in`], with the environment variables `env` set.
pub fn start_serve_with(content: &Path, tmp: tempfile::TempDir, lang: &str, env: &[(&str, &str)]) -> Serve {
    let (mut child, mut stdout) = spawn_serve_with(content, &tmp, lang, env);
    let mut line = String::new();
    while !line.contains("http://") {
        line.clear();
        if stdout.read_line(&mut line).unwrap_or(0) == 0 {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the server printed no address");
        }
    }
    let address = line.split("http://").nth(1).and_then(|a| a.split('/').next()).unwrap().to_string();
    Serve { child, address, stdout: Some(stdout), tmp, line }
}

/// Starts `kaoping serve` on `content` with a free port, `TMPDIR` `tmp` and
/// the language `lang`, and returns at once with its console.
pub fn spawn_serve(content: &Path, tmp: &tempfile::TempDir, lang: &str) -> (Child, BufReader<ChildStdout>) {
    spawn_serve_with(content, tmp, lang, &[])
}

/// As [`spawn_serve`], with the environment variables `env` set.
pub fn spawn_serve_with(
    content: &Path,
    tmp: &tempfile::TempDir,
    lang: &str,
    env: &[(&str, &str)],
) -> (Child, BufReader<ChildStdout>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kaoping"))
        .args(["serve", "--content", content.to_str().unwrap(), "--port", "0"])
        .env("KAOPING_LANG", lang)
        .env("TMPDIR", tmp.path())
        .env_remove("KAOPING_POLL")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    (child, stdout)
}

impl Serve {
    /// The console lines from now on, read on a thread of their own (so
    /// the server never blocks on a full pipe), without their line ends.
    pub fn console(&mut self) -> Receiver<String> {
        let (send, lines) = mpsc::channel();
        if let Some(stdout) = self.stdout.take() {
            std::thread::spawn(move || {
                for line in stdout.lines().map_while(Result::ok) {
                    let _ = send.send(line);
                }
            });
        }
        lines
    }

    /// Reads the console on a thread of its own from now on, so the server
    /// never blocks on a full pipe.
    pub fn drain_console(&mut self) {
        if let Some(stdout) = self.stdout.take() {
            std::thread::spawn(move || for _ in stdout.lines() {});
        }
    }

    /// What the server's `TMPDIR` holds (it writes nothing there).
    pub fn temp_files(&self) -> Vec<PathBuf> {
        let mut left: Vec<PathBuf> = std::fs::read_dir(self.tmp.path()).unwrap().flatten().map(|e| e.path()).collect();
        left.sort();
        left
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.address.rsplit(':').next().unwrap().parse().unwrap()
    }
}

/// The next line of `console` that starts with `prefix` (the lines before
/// it are skipped); `None` if none comes within 10 s.
pub fn line_starting(console: &Receiver<String>, prefix: &str) -> Option<String> {
    let end = Instant::now() + Duration::from_secs(10);
    loop {
        let line = console.recv_timeout(end.checked_duration_since(Instant::now())?).ok()?;
        if line.starts_with(prefix) {
            return Some(line);
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends `raw` to the server and reads the whole answer (status line,
/// headers and body) until it closes the connection or 5 s pass.
pub fn exchange(address: &str, raw: &[u8]) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    stream.write_all(raw).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

/// GET `path` from the server with a proper `Host`: the status line and
/// the body's bytes.
pub fn get_bytes(address: &str, path: &str) -> (String, Vec<u8>) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    stream.write_all(format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n").as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let end = response.windows(4).position(|w| w == b"\r\n\r\n").map_or(response.len(), |at| at + 4);
    let head = String::from_utf8_lossy(&response[..end]).into_owned();
    (head.lines().next().unwrap_or("").to_string(), response[end..].to_vec())
}

/// GET `path` from the server with a proper `Host`; the body.
pub fn get(address: &str, path: &str) -> String {
    let response = exchange(address, format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n").as_bytes());
    response.split_once("\r\n\r\n").map(|(_, body)| body.to_string()).unwrap_or_default()
}

/// The status line of the answer to GET `path` (sent as given, unnormalised).
pub fn status(address: &str, path: &str) -> String {
    let response = exchange(address, format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n").as_bytes());
    response.lines().next().unwrap_or("").to_string()
}
