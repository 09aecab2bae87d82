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

pub mod folder;
pub mod host;
pub mod http;
pub mod pages;
pub mod paths;
pub mod watch;

use crate::cmd::{self, Exit, Report};
use crate::diag::Diagnostic;
use crate::output::Target;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch as versions;

/// What the server shares between its threads.
pub struct State {
    /// The folder served (the temporary build).
    pub site: PathBuf,
    /// The current build; event streams wait on its changes.
    now: versions::Sender<Snapshot>,
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
    pub errors: Option<Broken>,
}

/// A failed build: every diagnostic as printed, and how many are errors.
#[derive(Clone, Debug, Default)]
pub struct Broken {
    pub lines: Vec<String>,
    pub errors: usize,
}

impl State {
    pub fn snapshot(&self) -> Snapshot {
        self.now.borrow().clone()
    }

    /// Follows the builds from now on.
    pub fn subscribe(&self) -> versions::Receiver<Snapshot> {
        self.now.subscribe()
    }

    fn publish(&self, errors: Option<Broken>) {
        self.now.send_modify(|now| {
            now.version += 1;
            now.errors = errors;
        });
    }

    pub fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

fn failed(message: String) -> Report {
    Report::failed(vec![Diagnostic::error("", None, message)], Exit::Usage)
}

pub fn run(content: &Path, port: u16) -> Report {
    if !content.is_dir() {
        return cmd::load(content).err().unwrap_or_else(|| Report::failed(Vec::new(), Exit::Usage));
    }
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(l) => l,
        Err(e) => return failed(crate::t!("serve.cannot-listen", port = port, error = e)),
    };
    let address = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
    let system_temp = std::env::temp_dir();
    folder::remove_stale(&system_temp);
    let temp = match folder::create() {
        Ok(t) => t,
        Err(e) => return failed(crate::t!("serve.no-folder", dir = system_temp.display(), error = e)),
    };
    let state = Arc::new(State {
        site: temp.join("site"),
        now: versions::Sender::new(Snapshot::default()),
        watched: Mutex::new(vec![content.to_path_buf()]),
        cache: Mutex::new(crate::content::Cache::default()),
        stop: AtomicBool::new(false),
    });
    // Before anything is printed or built: a Ctrl-C or SIGTERM from then on
    // (a script stops the server as soon as it sees a line) removes the
    // preview folder.
    catch_stop(&state, &temp);
    let target = Target { dir: state.site.clone(), shown: "(preview)".into() };
    // Taken before the first build, so that a save during it is noticed.
    let first = watch::fingerprint(&[content.to_path_buf()]);
    rebuild(content, &target, &state);
    let watcher = {
        let (state, content) = (Arc::clone(&state), content.to_path_buf());
        std::thread::Builder::new().name("watch".into()).spawn(move || watch_loop(&content, &target, &state, first))
    };
    let started = watcher.and_then(|_| {
        say!("{}", crate::t!("serve.serving", content = cmd::shown(content), address = address));
        http::serve(listener, Arc::clone(&state))
    });
    // Reached only when the server could not start or stopped by itself.
    state.stop.store(true, Ordering::Relaxed);
    let _ = std::fs::remove_dir_all(&temp);
    match started {
        Ok(()) => Report { diags: Vec::new(), summary: None, exit: Exit::Ok },
        Err(e) => failed(crate::t!("serve.cannot-start", error = e)),
    }
}

/// Ctrl-C and SIGTERM: wait for a build under way to finish (it holds the
/// cache), so nothing is written into the preview folder after it is
/// removed; remove it, say so and end the process.
fn catch_stop(state: &Arc<State>, temp: &Path) {
    let (state, folder) = (Arc::clone(state), temp.to_path_buf());
    let caught = ctrlc::set_handler(move || {
        state.stop.store(true, Ordering::Relaxed);
        // Held until the process ends: no build starts after the removal.
        let _building = state.cache.lock();
        let _ = std::fs::remove_dir_all(&folder);
        say!("{}", crate::t!("serve.stopped"));
        std::process::exit(0);
    });
    if let Err(e) = caught {
        say_err!("{}", crate::t!("serve.no-ctrlc", error = e, dir = temp.display()));
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
    // Held through the build even when poisoned (then the cache is not
    // trusted): the stop handler waits on it.
    let mut held = state.cache.lock();
    let cache = held.as_mut().ok().map(|c| &mut **c);
    match cmd::build::build_site(content, target, cache) {
        Ok(b) => {
            for d in &b.diags {
                say_err!("{d}");
            }
            let message = crate::t!(
                "serve.rebuilt-counted",
                cities = cmd::cities(b.cities),
                units = cmd::units(b.units),
                files = b.files,
                warnings = cmd::warnings(cmd::count_warnings(&b.diags)),
                ms = started.elapsed().as_millis()
            );
            if let Ok(mut w) = state.watched.lock() {
                *w = std::iter::once(content.to_path_buf()).chain(b.theme).collect();
            }
            // Published first: once the console says so, the pages show it.
            state.publish(None);
            say!("{message}");
        }
        Err(report) => {
            let lines: Vec<String> = report.diags.iter().map(ToString::to_string).collect();
            for e in &lines {
                say_err!("{e}");
            }
            let errors = report.diags.iter().filter(|d| d.is_error()).count();
            state.publish(Some(Broken { lines, errors }));
            say!("{}", crate::t!("serve.not-rebuilt-counted", errors = cmd::errors(errors)));
        }
    }
}
