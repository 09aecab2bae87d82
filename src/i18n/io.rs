//! The system's errors in the console's words: [`io_error`] says an
//! `io::Error` by its kind from the catalog (`io.*`) in Chinese, and as the
//! system worded it in English (where its text, "Permission denied (os
//! error 13)", is the reader's language). kaoping's own payloads
//! ([`Said`]) are catalog texts already and are shown as they are;
//! [`library`] does the same for other libraries' errors.

use super::{Lang, render};
use std::fmt;
use std::io::{self, ErrorKind};

/// The payload of an `io::Error` kaoping makes itself: a catalog key,
/// shown in the current language (`io::Error::other(Said("nofollow.link"))`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Said(pub &'static str);

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::text(self.0, &[]))
    }
}

impl std::error::Error for Said {}

/// Whether `e` is kaoping's own error `key` ([`Said`]).
pub fn is_said(e: &io::Error, key: &str) -> bool {
    e.get_ref().and_then(|inner| inner.downcast_ref::<Said>()).is_some_and(|s| s.0 == key)
}

/// A library's error: in Chinese kaoping's own `words` for it, in English
/// the library's text (at most 200 characters), which is the reader's
/// language there and names the fault exactly.
pub fn library(words: impl FnOnce() -> String, text: &dyn fmt::Display) -> String {
    match super::current() {
        Lang::Zh => words(),
        Lang::En => text.to_string().chars().take(200).collect(),
    }
}

/// `e` in the current language: in Chinese what happened and, where it
/// helps, what to do (by the error's kind; the system's own text is not
/// shown); in English the system's text.
pub fn io_error(e: &io::Error) -> String {
    say(super::current(), e)
}

fn say(lang: Lang, e: &io::Error) -> String {
    if let Some(said) = e.get_ref().and_then(|inner| inner.downcast_ref::<Said>()) {
        return render(lang, said.0, &[]);
    }
    if lang == Lang::En {
        return e.to_string();
    }
    let key = match e.kind() {
        ErrorKind::NotFound => "io.not-found",
        ErrorKind::PermissionDenied => "io.permission-denied",
        ErrorKind::AlreadyExists => "io.already-exists",
        ErrorKind::StorageFull => "io.storage-full",
        ErrorKind::QuotaExceeded => "io.quota-exceeded",
        ErrorKind::ReadOnlyFilesystem => "io.read-only",
        ErrorKind::NotADirectory => "io.not-a-folder",
        ErrorKind::IsADirectory => "io.is-a-folder",
        ErrorKind::DirectoryNotEmpty => "io.folder-not-empty",
        ErrorKind::InvalidFilename => "io.bad-name",
        ErrorKind::FileTooLarge => "io.too-large",
        ErrorKind::TooManyLinks => "io.too-many-links",
        ErrorKind::CrossesDevices => "io.crosses-devices",
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => "io.busy",
        ErrorKind::InvalidData => "io.invalid-data",
        ErrorKind::UnexpectedEof => "io.unexpected-end",
        ErrorKind::InvalidInput => "io.invalid-input",
        ErrorKind::Interrupted => "io.interrupted",
        ErrorKind::TimedOut | ErrorKind::WouldBlock => "io.timed-out",
        ErrorKind::WriteZero => "io.write-zero",
        ErrorKind::AddrInUse => "io.address-in-use",
        ErrorKind::AddrNotAvailable => "io.address-not-available",
        ErrorKind::ConnectionRefused
        | ErrorKind::ConnectionReset
        | ErrorKind::ConnectionAborted
        | ErrorKind::NotConnected
        | ErrorKind::BrokenPipe => "io.connection",
        ErrorKind::NetworkDown
        | ErrorKind::NetworkUnreachable
        | ErrorKind::HostUnreachable
        | ErrorKind::StaleNetworkFileHandle => "io.network",
        ErrorKind::OutOfMemory => "io.out-of-memory",
        ErrorKind::Unsupported => "io.unsupported",
        _ => match e.raw_os_error() {
            Some(code) => return render(lang, "io.os-code", &[("code", &code)]),
            None => "io.other",
        },
    };
    render(lang, key, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_keeps_the_system_text() {
        let e = io::Error::from_raw_os_error(13);
        assert_eq!(say(Lang::En, &e), e.to_string());
    }

    #[test]
    fn chinese_says_the_kind_without_the_system_text() {
        assert_eq!(say(Lang::Zh, &io::Error::from(ErrorKind::NotFound)), "找不到这个文件或文件夹");
        assert_eq!(say(Lang::Zh, &io::Error::from(ErrorKind::StorageFull)), "磁盘已满，请腾出空间后再试");
        assert_eq!(say(Lang::Zh, &io::Error::other("failed to fill whole buffer")), "读写时出了意外的错误");
        assert_eq!(say(Lang::Zh, &io::Error::new(ErrorKind::InvalidInput, "not a plain relative path")), "路径无效");
    }

    #[test]
    fn own_errors_keep_their_words() {
        let own = io::Error::other(Said("nofollow.link"));
        assert!(is_said(&own, "nofollow.link") && !is_said(&own, "nofollow.not-a-file"));
        assert_eq!(say(Lang::Zh, &own), "这是一个链接，kaoping 不跟随链接");
        assert!(!is_said(&io::Error::from(ErrorKind::NotFound), "nofollow.link"));
    }
}
