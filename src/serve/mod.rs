//! `kaoping serve`: builds into a temporary folder (never the output
//! folder), serves it on 127.0.0.1, rebuilds when the content or theme
//! changes, and reloads the open page by itself. A broken save shows the
//! errors in the page and on the console; the next good save recovers.

/// Console lines of the server. Write errors are ignored: a console that
/// went away (a closed pipe) must not stop the server or its Ctrl-C handler,
/// as `println!` would by panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}
macro_rules! say_err {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod http;
pub mod watch;

use crate::cmd::{self, Exit, Report};
use crate::output::Target;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// What the server shares between its threads.
pub struct State {
    /// The folder served (the temporary build).
    pub site: PathBuf,
    now: Mutex<Snapshot>,
    changed: Condvar,
    /// The folders whose changes trigger a rebuild: the content, and the
    /// theme of the last good build when it lies elsewhere.
    watched: Mutex<Vec<PathBuf>>,
    /// The files read by the last rebuild, so that the next one parses only
    /// what changed.
    cache: Mutex<crate::content::Cache>,
    stop: AtomicBool,
}

/// The current build: its number, and its errors if it failed.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    pub version: u64,
    pub errors: Option<Vec<String>>,
}

impl State {
    pub fn snapshot(&self) -> Snapshot {
        self.now.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn publish(&self, errors: Option<Vec<String>>) {
        if let Ok(mut now) = self.now.lock() {
            now.version += 1;
            now.errors = errors;
        }
        self.changed.notify_all();
    }

    /// Waits up to `timeout` for a version other than `seen`; true if there is one.
    pub fn wait_for_change(&self, seen: u64, timeout: Duration) -> bool {
        let Ok(guard) = self.now.lock() else {
            return false;
        };
        match self.changed.wait_timeout_while(guard, timeout, |s| s.version == seen && !self.stopping()) {
            Ok((s, _)) => s.version != seen,
            Err(_) => false,
        }
    }

    pub fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

pub fn run(content: &Path, port: u16) -> Report {
    if !content.is_dir() {
        return cmd::load(content).err().unwrap_or_else(|| Report::failed(Vec::new(), Exit::Usage));
    }
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(l) => l,
        Err(e) => {
            let d = crate::diag::Diagnostic::error(
                "",
                None,
                format!("cannot listen on 127.0.0.1:{port}: {e}; try another --port"),
            );
            return Report::failed(vec![d], Exit::Usage);
        }
    };
    let address = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
    remove_stale_previews();
    let temp = std::env::temp_dir().join(format!("kaoping-serve-{}", std::process::id()));
    let state = Arc::new(State {
        site: temp.join("site"),
        now: Mutex::new(Snapshot::default()),
        changed: Condvar::new(),
        watched: Mutex::new(vec![content.to_path_buf()]),
        cache: Mutex::new(crate::content::Cache::default()),
        stop: AtomicBool::new(false),
    });
    let target = Target { dir: state.site.clone(), shown: "(preview)".into() };
    // Taken before the first build, so that a save during it is noticed.
    let first = watch::fingerprint(&[content.to_path_buf()]);
    rebuild(content, &target, &state);
    say!("serving {} at http://{address}/ (Ctrl-C stops)", cmd::shown(content));
    {
        let (state, temp) = (Arc::clone(&state), temp.clone());
        let _ = ctrlc::set_handler(move || {
            state.stop.store(true, Ordering::Relaxed);
            state.changed.notify_all();
            let _ = std::fs::remove_dir_all(&temp);
            say!("stopped");
            std::process::exit(0);
        });
    }
    {
        let (state, content) = (Arc::clone(&state), content.to_path_buf());
        std::thread::spawn(move || watch_loop(&content, &target, &state, first));
    }
    for stream in listener.incoming().flatten() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || http::handle(stream, &state));
    }
    Report { diags: Vec::new(), summary: None, exit: Exit::Ok }
}

/// Removes the preview folders of `serve` runs that were killed outright
/// (their process is gone), so they do not pile up in the temporary folder.
/// Only where the system says which processes live (Linux's /proc).
fn remove_stale_previews() {
    let proc = Path::new("/proc/self");
    if !proc.exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix("kaoping-serve-").and_then(|p| p.parse::<u32>().ok()) else { continue };
        if !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn watch_loop(content: &Path, target: &Target, state: &Arc<State>, mut last: watch::Fingerprint) {
    let watched = || state.watched.lock().map(|w| w.clone()).unwrap_or_default();
    while !state.stopping() {
        std::thread::sleep(Duration::from_millis(50));
        let mut now = watch::fingerprint(&watched());
        if now != last {
            // Let a save finish: wait until two looks 20 ms apart agree
            // (at most half a second).
            for _ in 0..25 {
                std::thread::sleep(Duration::from_millis(20));
                let again = watch::fingerprint(&watched());
                if again == now {
                    break;
                }
                now = again;
            }
            last = now;
            rebuild(content, target, state);
        }
    }
}

/// Builds into the preview folder and tells the pages; prints what happened.
fn rebuild(content: &Path, target: &Target, state: &State) {
    let started = Instant::now();
    let mut cache = state.cache.lock().ok();
    match cmd::build::build_site(content, target, cache.as_deref_mut()) {
        Ok(b) => {
            for d in &b.diags {
                say_err!("{d}");
            }
            say!(
                "rebuilt: {} cities, {} units, {} files, {} warnings, in {} ms",
                b.cities,
                b.units,
                b.files,
                cmd::count_warnings(&b.diags),
                started.elapsed().as_millis()
            );
            if let Ok(mut w) = state.watched.lock() {
                *w = std::iter::once(content.to_path_buf()).chain(b.theme).collect();
            }
            state.publish(None);
        }
        Err(report) => {
            let errors: Vec<String> = report.diags.iter().map(ToString::to_string).collect();
            for e in &errors {
                say_err!("{e}");
            }
            say!(
                "not rebuilt: {} errors; the page shows them until the next good save",
                report.diags.iter().filter(|d| d.is_error()).count()
            );
            state.publish(Some(errors));
        }
    }
}
