//! Switches for the fault tests, read from the environment; unset, they do
//! nothing. `KAOPING_TEST_PAUSE=<phase>` makes a build stop for 30 s at the
//! named point (it says so on stderr first, so a test can kill it there;
//! `<phase>:<ms>` stops it that many milliseconds instead):
//! `locked`, `staging`, `written`, `aside` (between the two renames),
//! `swapped`, `removing` (half way through removing the old site), `done`.
//! `KAOPING_TEST_TWO_RENAMES=1` makes the swap take the two-rename path used
//! where no atomic exchange exists (everywhere but Linux).

use std::io::Write;

/// Pauses here when `KAOPING_TEST_PAUSE` names `phase`.
pub fn pause(phase: &str) {
    let Ok(wanted) = std::env::var("KAOPING_TEST_PAUSE") else { return };
    let (name, ms) = wanted.split_once(':').unwrap_or((&wanted, "30000"));
    if name == phase {
        let _ = writeln!(std::io::stderr(), "kaoping-test: paused at {phase}");
        std::thread::sleep(std::time::Duration::from_millis(ms.parse().unwrap_or(30_000)));
    }
}

/// Whether the swap must take the two-rename path even where an atomic
/// exchange exists.
pub fn two_renames() -> bool {
    std::env::var_os("KAOPING_TEST_TWO_RENAMES").is_some_and(|v| v == "1")
}
