//! [`Dir`] where there is no `openat` at hand (Windows, macOS): the folder
//! is a path, and each name is checked (`symlink_metadata`: a symbolic link
//! or a junction is a link) just before it is used.

use super::{Kind, link_error, not_a_file};
use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// A folder whose last part was no link when it was opened.
pub struct Dir {
    path: PathBuf,
}

fn kind_of(t: fs::FileType) -> Kind {
    if t.is_symlink() {
        Kind::Link
    } else if t.is_dir() {
        Kind::Dir
    } else if t.is_file() {
        Kind::File
    } else {
        Kind::Other
    }
}

fn kind_at(path: &Path) -> io::Result<Option<Kind>> {
    match fs::symlink_metadata(path) {
        Ok(m) => Ok(Some(kind_of(m.file_type()))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// `path` if it is a regular file (or, with `missing_ok`, nothing yet).
fn file_or_none(path: &Path, missing_ok: bool) -> io::Result<()> {
    match kind_at(path)? {
        Some(Kind::File) => Ok(()),
        Some(Kind::Link) => Err(link_error()),
        Some(_) => Err(not_a_file()),
        None if missing_ok => Ok(()),
        None => Err(io::Error::from(io::ErrorKind::NotFound)),
    }
}

fn open_dir(path: PathBuf) -> io::Result<Dir> {
    match kind_at(&path)? {
        Some(Kind::Dir) => Ok(Dir { path }),
        Some(Kind::Link) => Err(link_error()),
        Some(_) => Err(io::Error::from(io::ErrorKind::NotADirectory)),
        None => Err(io::Error::from(io::ErrorKind::NotFound)),
    }
}

/// `file` if it is a regular file.
fn regular(file: File) -> io::Result<File> {
    let t = file.metadata()?.file_type();
    if t.is_symlink() {
        return Err(link_error());
    }
    if !t.is_file() {
        return Err(not_a_file());
    }
    Ok(file)
}

impl Dir {
    pub fn open(path: &Path) -> io::Result<Dir> {
        open_dir(path.to_path_buf())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn sub(&self, name: impl AsRef<OsStr>) -> io::Result<Dir> {
        open_dir(self.path.join(name.as_ref()))
    }

    pub fn kind(&self, name: impl AsRef<OsStr>) -> io::Result<Option<Kind>> {
        kind_at(&self.path.join(name.as_ref()))
    }

    pub fn entries(&self) -> io::Result<Vec<(OsString, Kind)>> {
        let mut out = Vec::new();
        for entry in fs::read_dir(&self.path)? {
            let entry = entry?;
            out.push((entry.file_name(), kind_of(entry.file_type()?)));
        }
        out.sort();
        Ok(out)
    }

    pub fn create_dir(&self, name: impl AsRef<OsStr>) -> io::Result<()> {
        fs::create_dir(self.path.join(name.as_ref()))
    }

    /// `create_new` fails on any existing name, a link included.
    pub fn create_file(&self, name: impl AsRef<OsStr>) -> io::Result<File> {
        fs::OpenOptions::new().write(true).create_new(true).open(self.path.join(name.as_ref()))
    }

    pub fn open_file(&self, name: impl AsRef<OsStr>) -> io::Result<File> {
        let path = self.path.join(name.as_ref());
        file_or_none(&path, false)?;
        regular(open_options_nofollow(fs::OpenOptions::new().read(true)).open(path)?)
    }

    pub fn open_shared(&self, name: impl AsRef<OsStr>) -> io::Result<File> {
        let path = self.path.join(name.as_ref());
        file_or_none(&path, true)?;
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(false);
        regular(open_options_nofollow(&mut options).open(path)?)
    }

    pub fn remove_file(&self, name: impl AsRef<OsStr>) -> io::Result<()> {
        fs::remove_file(self.path.join(name.as_ref()))
    }

    pub fn remove_dir(&self, name: impl AsRef<OsStr>) -> io::Result<()> {
        let path = self.path.join(name.as_ref());
        if kind_at(&path)? == Some(Kind::Link) {
            return Err(link_error());
        }
        fs::remove_dir(path)
    }

    pub fn link_into(&self, name: impl AsRef<OsStr>, into: &Dir, to: impl AsRef<OsStr>) -> io::Result<()> {
        let from = self.path.join(name.as_ref());
        if kind_at(&from)? != Some(Kind::File) {
            return Err(link_error());
        }
        fs::hard_link(from, into.path.join(to.as_ref()))
    }

    pub fn rename(&self, from: impl AsRef<OsStr>, to: impl AsRef<OsStr>) -> io::Result<()> {
        fs::rename(self.path.join(from.as_ref()), self.path.join(to.as_ref()))
    }

    /// No folder identity is compared here: the names are checked instead.
    pub fn id(&self) -> io::Result<(u64, u64)> {
        Ok((0, 0))
    }

    pub fn id_of(&self, name: impl AsRef<OsStr>) -> io::Result<Option<(u64, u64)>> {
        Ok((kind_at(&self.path.join(name.as_ref()))? == Some(Kind::Dir)).then_some((0, 0)))
    }

    pub fn exchange(&self, _: impl AsRef<OsStr>, _: impl AsRef<OsStr>) -> io::Result<()> {
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
}

/// On Windows, a link is opened as itself (`FILE_FLAG_OPEN_REPARSE_POINT`),
/// so that [`regular`] sees it and refuses it.
#[cfg(windows)]
fn open_options_nofollow(options: &mut fs::OpenOptions) -> &mut fs::OpenOptions {
    use std::os::windows::fs::OpenOptionsExt;
    options.custom_flags(0x0020_0000)
}

#[cfg(not(windows))]
fn open_options_nofollow(options: &mut fs::OpenOptions) -> &mut fs::OpenOptions {
    options
}
