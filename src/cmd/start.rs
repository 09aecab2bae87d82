//! `kaoping` started by a double click (Windows Explorer: no arguments, a
//! console window of its own): the workbench on the content folder beside
//! the program (offered to be made, with the sample standard, if there is
//! none), on the first free port from 8000, opened in the default browser.
//! The console says in the catalog's words what is open and how to stop,
//! and stays open after an error until Enter is pressed.

use super::Report;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// The hidden variable that starts as a double click would, in the folder
/// it names and without a browser (for tests).
pub const START_VAR: &str = "KAOPING_START";

/// Where a double click starts, if this is one: the program's folder
/// (or the folder of [`START_VAR`]) and whether to open the browser.
pub fn started() -> Option<(PathBuf, bool)> {
    if let Some(dir) = std::env::var_os(START_VAR).filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(dir), false));
    }
    if !alone_in_console() {
        return None;
    }
    let exe = std::env::current_exe().ok()?;
    Some((exe.parent()?.to_path_buf(), true))
}

/// Runs the workbench on `dir/content`.
pub fn run(dir: &Path, browser: bool) -> Report {
    let content = dir.join("content");
    let say = |line: String| {
        let _ = writeln!(std::io::stdout(), "{line}");
    };
    if !content.is_dir() {
        say(crate::t!("start.no-content", dir = super::shown(&content)));
        let _ = std::io::stdout().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim(), "" | "y" | "Y" | "是") {
            return Report { diags: Vec::new(), summary: Some(crate::t!("start.not-made")), exit: super::Exit::Ok };
        }
        let made = super::init::run(&content, super::init::default_year(), false);
        if made.exit != super::Exit::Ok {
            return made;
        }
        say(crate::t!("start.made", dir = super::shown(&content)));
    }
    crate::serve::run_on(&content, 8000..=8099, &|url| {
        say(crate::t!("start.open", url = url));
        if browser && !open(url) {
            say(crate::t!("start.no-browser", url = url));
        }
    })
}

/// After a double click the console closes with the program: it waits for
/// Enter first, so that what was said can be read.
pub fn wait() {
    let _ = writeln!(std::io::stdout(), "{}", crate::t!("start.press-enter"));
    let _ = std::io::stdin().lock().read_line(&mut String::new());
}

/// Opens `url` in the default browser.
fn open(url: &str) -> bool {
    let mut command = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", "", url]);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg(url);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(url);
        c
    };
    command.spawn().is_ok()
}

/// Whether this process is the only one in its console: Explorer made the
/// console for it (a terminal has its shell in it too).
#[cfg(windows)]
fn alone_in_console() -> bool {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
    }
    let mut ids = [0u32; 4];
    // SAFETY: the buffer holds `ids.len()` process ids, as the call is told.
    unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) == 1 }
}

#[cfg(not(windows))]
fn alone_in_console() -> bool {
    false
}
