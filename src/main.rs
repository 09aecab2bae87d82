//! The binary: parse the command line, run one command, print its
//! diagnostics in one place and exit 0 (ok), 1 (content errors) or 2 (usage).

use kaoping::cli::{Cli, Command, KeyAction};
use kaoping::cmd::{self, Report};
use std::io::Write;
use std::process::ExitCode;

/// mimalloc: the build allocates many small values on several threads,
/// where it is markedly faster than the system allocator (see the README's
/// performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `purge_delay` (its v3 header's `mi_option_purge_delay`, the
/// 16th option; libmimalloc-sys names no constant for it).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system after 10 ms, not mimalloc v3's
/// 1 s: a 3,000-city build peaks at about 295 MiB instead of 345 MiB, in
/// the same time (0 would cost a second of system time; issue 26,
/// docs/decisions.md).
fn tune_allocator() {
    // SAFETY: sets one integer option; mimalloc reads it when it purges.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 10) };
}

fn main() -> ExitCode {
    tune_allocator();
    // The language is chosen before clap parses, so that `--help` and
    // clap's own messages are in it too.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let flag = kaoping::cli::lang_flag(&args);
    let env = std::env::var("KAOPING_LANG").ok();
    kaoping::i18n::set(kaoping::i18n::choose(flag.as_deref(), env.as_deref(), sys_locale::get_locale().as_deref()));
    if let Some(refusal) = kaoping::i18n::unsupported(flag.as_deref(), env.as_deref()) {
        eprintln!("{}", kaoping::t!("diag.error", message = refusal));
        return ExitCode::from(2);
    }
    // Worker threads get the stack the main thread has (8 MiB), so that
    // deeply nested input is refused by the depth limit, never by the stack.
    let _ = rayon::ThreadPoolBuilder::new().stack_size(8 * 1024 * 1024).build_global();
    // Started by a double click: the workbench, not the help.
    if args.len() == 1
        && let Some((dir, browser)) = cmd::start::started()
    {
        let report = cmd::start::run(&dir, browser);
        let code = print(&report);
        cmd::start::wait();
        return code;
    }
    let cli: Cli = kaoping::cli::parse_from(args);
    let report: Report = match &cli.command {
        Command::Init { dir, from: Some(from), .. } => cmd::init::run_from(dir, from),
        Command::Init { dir, theme, year, archive: true, .. } => {
            cmd::init::run_archive(dir, year.unwrap_or_else(cmd::init::default_year), *theme)
        }
        Command::Init { dir, theme, year, .. } => {
            cmd::init::run(dir, year.unwrap_or_else(cmd::init::default_year), *theme)
        }
        Command::Forms { content, out, format, filled } => cmd::forms::run(content, out, *format, *filled),
        Command::Import { content, replace, paths } => cmd::import::run(content, paths, *replace),
        Command::Check { content } => cmd::check::run(content),
        Command::Serve { content, port } => kaoping::serve::run(content, *port),
        Command::Build { content, output, no_source, sign } => {
            cmd::build::run(content, output, *no_source, sign.as_deref())
        }
        Command::Verify { dir, pubkey } => cmd::verify::run(dir, pubkey.as_deref()),
        Command::Sign { dir, key } => cmd::sign::run(dir, key),
        Command::Key { action: KeyAction::New { file, no_password, comment } } => {
            cmd::key::new(file, *no_password, comment.as_deref())
        }
        Command::Diff { old, new, html } => cmd::diff::run(old, new, html.as_deref()),
    };
    print(&report)
}

/// Prints a report (diagnostics, then the summary); its exit code.
fn print(report: &Report) -> ExitCode {
    let mut err = std::io::stderr().lock();
    for d in &report.diags {
        let _ = writeln!(err, "{d}");
    }
    if let Some(summary) = &report.summary {
        let _ = writeln!(std::io::stdout().lock(), "{summary}");
    }
    ExitCode::from(report.exit as u8)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_is_set() {
        super::tune_allocator();
        // SAFETY: reads one integer option.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) }, 10);
    }
}
