//! [`Dir`] on Linux: the folder held open, every entry reached relative to
//! it with `O_NOFOLLOW` (or `AT_SYMLINK_NOFOLLOW`).

use super::{Kind, link_error, not_a_file};
use rustix::fs::{AtFlags, CWD, FileType, Mode, OFlags};
use rustix::io::Errno;
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// A folder opened without following a link at its last part.
pub struct Dir {
    fd: OwnedFd,
    path: PathBuf,
}

/// A link met with `O_NOFOLLOW` gives `ELOOP`.
fn error(e: Errno) -> io::Error {
    if e == Errno::LOOP { link_error() } else { io::Error::from(e) }
}

fn kind(t: FileType) -> Kind {
    match t {
        FileType::RegularFile => Kind::File,
        FileType::Directory => Kind::Dir,
        FileType::Symlink => Kind::Link,
        _ => Kind::Other,
    }
}

/// Opens the folder `name` relative to `at`, refusing a link.
fn open_dir(at: impl AsFd, name: &OsStr, path: PathBuf) -> io::Result<Dir> {
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    match rustix::fs::openat(&at, name, flags, Mode::empty()) {
        Ok(fd) => Ok(Dir { fd, path }),
        Err(Errno::NOTDIR)
            if rustix::fs::statat(&at, name, AtFlags::SYMLINK_NOFOLLOW)
                .is_ok_and(|s| FileType::from_raw_mode(s.st_mode) == FileType::Symlink) =>
        {
            Err(link_error())
        }
        Err(e) => Err(error(e)),
    }
}

impl Dir {
    /// Opens the folder at `path`; its last part must not be a link.
    pub fn open(path: &Path) -> io::Result<Dir> {
        open_dir(CWD, path.as_os_str(), path.to_path_buf())
    }

    /// The folder's path, as it was opened.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder `name` inside this one; not a link.
    pub fn sub(&self, name: impl AsRef<OsStr>) -> io::Result<Dir> {
        let name = name.as_ref();
        open_dir(&self.fd, name, self.path.join(name))
    }

    /// What `name` is, `None` if there is nothing of that name.
    pub fn kind(&self, name: impl AsRef<OsStr>) -> io::Result<Option<Kind>> {
        match rustix::fs::statat(&self.fd, name.as_ref(), AtFlags::SYMLINK_NOFOLLOW) {
            Ok(s) => Ok(Some(kind(FileType::from_raw_mode(s.st_mode)))),
            Err(Errno::NOENT) => Ok(None),
            Err(e) => Err(error(e)),
        }
    }

    /// Every entry, sorted by name (bytes).
    pub fn entries(&self) -> io::Result<Vec<(OsString, Kind)>> {
        let mut out = Vec::new();
        for entry in rustix::fs::Dir::read_from(&self.fd)? {
            let entry = entry?;
            let name = OsStr::from_bytes(entry.file_name().to_bytes());
            if name == "." || name == ".." {
                continue;
            }
            let k = match entry.file_type() {
                FileType::Unknown => self.kind(name)?.unwrap_or(Kind::Other),
                t => kind(t),
            };
            out.push((name.to_os_string(), k));
        }
        out.sort();
        Ok(out)
    }

    /// Makes the folder `name` (an error if anything of that name exists).
    pub fn create_dir(&self, name: impl AsRef<OsStr>) -> io::Result<()> {
        rustix::fs::mkdirat(&self.fd, name.as_ref(), Mode::from_bits_truncate(0o777)).map_err(error)
    }

    /// Creates the new file `name` for writing; nothing of that name may exist.
    pub fn create_file(&self, name: impl AsRef<OsStr>) -> io::Result<File> {
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(&self.fd, name.as_ref(), flags, Mode::from_bits_truncate(0o666)).map_err(error)?;
        Ok(File::from(fd))
    }

    /// Opens the file `name` for reading: a regular file, not a link.
    pub fn open_file(&self, name: impl AsRef<OsStr>) -> io::Result<File> {
        // Without blocking: a pipe would wait for a writer.
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let file = File::from(rustix::fs::openat(&self.fd, name.as_ref(), flags, Mode::empty()).map_err(error)?);
        if !file.metadata()?.is_file() {
            return Err(not_a_file());
        }
        Ok(file)
    }

    /// Opens the file `name` for writing, creating it if missing (a lock
    /// file several builds share); not a link.
    pub fn open_shared(&self, name: impl AsRef<OsStr>) -> io::Result<File> {
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(&self.fd, name.as_ref(), flags, Mode::from_bits_truncate(0o666)).map_err(error)?;
        let file = File::from(fd);
        if !file.metadata()?.is_file() {
            return Err(not_a_file());
        }
        Ok(file)
    }

    /// Removes the file (or link) `name`, never what a link leads to.
    pub fn remove_file(&self, name: impl AsRef<OsStr>) -> io::Result<()> {
        rustix::fs::unlinkat(&self.fd, name.as_ref(), AtFlags::empty()).map_err(error)
    }

    /// Removes the empty folder `name`.
    pub fn remove_dir(&self, name: impl AsRef<OsStr>) -> io::Result<()> {
        rustix::fs::unlinkat(&self.fd, name.as_ref(), AtFlags::REMOVEDIR).map_err(error)
    }

    /// Makes `to` in the folder `into` a new hard link to the regular file
    /// `name` here (a link is linked as itself, never followed).
    pub fn link_into(&self, name: impl AsRef<OsStr>, into: &Dir, to: impl AsRef<OsStr>) -> io::Result<()> {
        rustix::fs::linkat(&self.fd, name.as_ref(), &into.fd, to.as_ref(), AtFlags::empty()).map_err(error)
    }

    /// Renames `from` to `to`, both in this folder (a link is renamed, not followed).
    pub fn rename(&self, from: impl AsRef<OsStr>, to: impl AsRef<OsStr>) -> io::Result<()> {
        rustix::fs::renameat(&self.fd, from.as_ref(), &self.fd, to.as_ref()).map_err(error)
    }

    /// Which folder this is: device and inode.
    pub fn id(&self) -> io::Result<(u64, u64)> {
        let s = rustix::fs::fstat(&self.fd)?;
        Ok((s.st_dev, s.st_ino))
    }

    /// Which folder `name` in this one is, if it is a folder and no link.
    pub fn id_of(&self, name: impl AsRef<OsStr>) -> io::Result<Option<(u64, u64)>> {
        match rustix::fs::statat(&self.fd, name.as_ref(), AtFlags::SYMLINK_NOFOLLOW) {
            Ok(s) if FileType::from_raw_mode(s.st_mode) == FileType::Directory => Ok(Some((s.st_dev, s.st_ino))),
            Ok(_) | Err(Errno::NOENT) => Ok(None),
            Err(e) => Err(error(e)),
        }
    }

    /// Exchanges the folders `a` and `b` in this one in one step.
    pub fn exchange(&self, a: impl AsRef<OsStr>, b: impl AsRef<OsStr>) -> io::Result<()> {
        use rustix::fs::RenameFlags;
        rustix::fs::renameat_with(&self.fd, a.as_ref(), &self.fd, b.as_ref(), RenameFlags::EXCHANGE).map_err(error)
    }
}
