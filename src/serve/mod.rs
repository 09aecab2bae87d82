//! `kaoping serve`: reads the content into memory, serves its site on
//! 127.0.0.1 — each file made when a browser asks for it, nothing written
//! to disk — reads again what a save changed, and reloads the open page by
//! itself. A broken save shows the errors in the page and on the console;
//! the next good save recovers.

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

pub mod bench;
pub mod folder;
pub mod host;
pub mod http;
pub mod load;
pub mod pages;
pub mod paths;
pub mod site;
pub mod watch;

use crate::diag::Diagnostic;
use crate::diag::{Exit, Report, count_warnings, shown};
use crate::i18n::words::{cities, units, warnings};
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;
use tokio::sync::watch as versions;
use watch::{Change, Notice, Watcher};

/// The environment variable that makes `serve` poll for changes instead of
/// using the system's file events (set to anything but `0`).
pub const POLL: &str = "KAOPING_POLL";

/// What the server shares between its threads.
pub struct State {
    /// The current site; event streams wait on its changes.
    now: versions::Sender<Snapshot>,
    stop: AtomicBool,
}

/// The current site: its number, its errors if the last save broke it, and
/// the last good site (kept while the content is broken, for files that
/// are not pages).
#[derive(Clone, Default)]
pub struct Snapshot {
    pub version: u64,
    pub errors: Option<Broken>,
    pub site: Option<Arc<site::Model>>,
    /// The warnings of the site served, as printed: shown on every
    /// previewed page (never in a built one).
    pub warnings: Arc<Vec<String>>,
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

    /// A new version: broken (`errors`), or good with a new `site`; the
    /// site it replaces, for the caller to drop when it suits.
    fn publish(&self, errors: Option<Broken>, site: Option<(site::Model, Vec<String>)>) -> Option<Arc<site::Model>> {
        let mut old = None;
        self.now.send_modify(|now| {
            now.version += 1;
            now.errors = errors;
            if let Some((site, warnings)) = site {
                now.warnings = Arc::new(warnings);
                old = now.site.replace(Arc::new(site));
            }
        });
        old
    }

    pub fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

fn failed(message: String) -> Report {
    Report::failed(vec![Diagnostic::error("", None, message)], Exit::Usage)
}

/// Whether the user asked for polling ([`POLL`]).
fn poll_asked() -> bool {
    std::env::var_os(POLL).is_some_and(|v| !v.is_empty() && v != "0")
}

pub fn run(content: &Path, port: u16) -> Report {
    run_on(content, port..=port, &|_| {})
}

/// As [`run`], on the first port of `ports` that is free; `ready` is told
/// the workbench's address once the server is about to answer.
pub fn run_on(content: &Path, ports: std::ops::RangeInclusive<u16>, ready: &dyn Fn(&str)) -> Report {
    if !content.is_dir() {
        return crate::pipeline::load(content).err().unwrap_or_else(|| Report::failed(Vec::new(), Exit::Usage));
    }
    let last = *ports.end();
    let mut bound = None;
    for port in ports {
        match TcpListener::bind(("127.0.0.1", port)) {
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && port < last => {}
            other => {
                bound = Some((port, other));
                break;
            }
        }
    }
    let Some((port, bound)) = bound else { return failed(crate::t!("serve.port-taken", port = last)) };
    let listener = match bound {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            return failed(crate::t!("serve.port-taken", port = port));
        }
        Err(e) => return failed(crate::t!("serve.cannot-listen", port = port, error = crate::i18n::io_error(&e))),
    };
    let address = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
    let bench =
        match crate::workbench::Bench::new(content.to_path_buf(), listener.local_addr().map_or(port, |a| a.port())) {
            Ok(b) => b,
            Err(e) => return failed(crate::t!("serve.cannot-start", error = crate::i18n::io_error(&e))),
        };
    // Nothing is written any more; preview folders that older versions
    // left behind when killed are still cleared away.
    folder::remove_stale(&std::env::temp_dir());
    let state = Arc::new(State { now: versions::Sender::new(Snapshot::default()), stop: AtomicBool::new(false) });
    // Before anything is printed: a Ctrl-C or SIGTERM from then on (a
    // script stops the server as soon as it sees a line) ends it cleanly.
    catch_stop(&state);
    // Watching starts before the first reading, so a save during it is seen.
    let mut watcher = Watcher::start(vec![watch::real(content)], poll_asked());
    let mut reader = load::Reader::new(content);
    reload(&mut reader, &Change::All, &state, &mut watcher);
    let notice = watcher.take_notice();
    let watching = {
        let state = Arc::clone(&state);
        std::thread::Builder::new().name("watch".into()).spawn(move || watch_loop(reader, watcher, &state))
    };
    let started = watching.and_then(|_| {
        say!("{}", crate::t!("serve.serving", content = shown(content), address = address));
        // On the error stream: the line before is the one scripts wait
        // for, and what follows it on stdout is what was read again.
        say_err!("{}", crate::t!("bench.serving", address = address, root = crate::workbench::ROOT));
        ready(&format!("http://{address}{}", crate::workbench::ROOT));
        if let Some(n) = notice {
            say_notice(n);
        }
        http::serve(listener, Arc::clone(&state), bench)
    });
    // Reached only when the server could not start or stopped by itself.
    state.stop.store(true, Ordering::Relaxed);
    match started {
        Ok(()) => Report { diags: Vec::new(), summary: None, exit: Exit::Ok },
        Err(e) => failed(crate::t!("serve.cannot-start", error = crate::i18n::io_error(&e))),
    }
}

/// Ctrl-C and SIGTERM: say so and end the process (nothing to clean up).
fn catch_stop(state: &Arc<State>) {
    let state = Arc::clone(state);
    let caught = ctrlc::set_handler(move || {
        state.stop.store(true, Ordering::Relaxed);
        say!("{}", crate::t!("serve.stopped"));
        std::process::exit(0);
    });
    if let Err(e) = caught {
        let error = match e {
            ctrlc::Error::System(e) => crate::i18n::io_error(&e),
            _ => crate::t!("io.other"),
        };
        say_err!("{}", crate::t!("serve.no-ctrlc", error = error));
    }
}

fn say_notice(notice: Notice) {
    match notice {
        Notice::Asked => say!("{}", crate::t!("serve.polling-asked", var = POLL)),
        Notice::Fallback(why) => say!("{}", crate::t!("serve.polling-fallback", why = why)),
    }
}

fn watch_loop(mut reader: load::Reader, mut watcher: Watcher, state: &State) {
    while !state.stopping() {
        let change = watcher.wait();
        if let Some(n) = watcher.take_notice() {
            say_notice(n);
        }
        if let Some(change) = change {
            reload(&mut reader, &change, state, &mut watcher);
        }
    }
}

/// Reads what `change` may have changed and tells the pages; prints what
/// happened. The pages are told first: once the console says so, they
/// show it, and a long list of warnings on a slow terminal delays no page.
fn reload(reader: &mut load::Reader, change: &Change, state: &State, watcher: &mut Watcher) {
    let started = Instant::now();
    match reader.read(change) {
        Ok(read) => {
            let message = crate::t!(
                "serve.rebuilt-counted",
                cities = cities(read.cities),
                units = units(read.units),
                files = read.files,
                warnings = warnings(count_warnings(&read.diags)),
                ms = started.elapsed().as_millis()
            );
            watcher.set_roots(read.roots);
            let shown = read.diags.iter().filter(|d| !d.is_error()).map(ToString::to_string).collect();
            let old = state.publish(None, Some((read.model, shown)));
            say_all(&read.diags);
            if let Some((again, same)) = read.years {
                say!("{}", crate::t!("serve.years-read", again = years(&again), same = years(&same)));
            }
            say!("{message}");
            // The site before, if no request holds it any more, is freed
            // only now, after the pages were told.
            drop(old);
        }
        Err(report) => {
            let lines: Vec<String> = report.diags.iter().map(ToString::to_string).collect();
            let errors = report.diags.iter().filter(|d| d.is_error()).count();
            state.publish(Some(Broken { lines, errors }), None);
            say_all(&report.diags);
            say!("{}", crate::t!("serve.not-rebuilt-counted", errors = crate::i18n::words::errors(errors)));
        }
    }
}

/// Diagnostics on the console's error stream, written at once.
fn say_all(diags: &[Diagnostic]) {
    use std::io::Write;
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    for d in diags {
        let _ = writeln!(err, "{d}");
    }
    let _ = err.flush();
}

/// A list of years for the console: "2013, 2014", or "none".
fn years(list: &[u16]) -> String {
    let mut years = list.iter();
    let Some(first) = years.next() else { return crate::t!("serve.years-none") };
    years.fold(first.to_string(), |list, year| crate::t!("serve.years-more", list = list, year = year))
}
