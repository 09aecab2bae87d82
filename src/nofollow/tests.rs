use super::*;
use std::fs;
use std::io::Write;
use std::os::unix::fs::symlink;

#[test]
fn a_linked_folder_or_file_is_refused_not_followed() {
    let root = tempfile::tempdir().unwrap();
    let elsewhere = root.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("secret.txt"), "secret").unwrap();
    let dir = root.path().join("dir");
    fs::create_dir(&dir).unwrap();
    symlink(&elsewhere, dir.join("sub")).unwrap();
    symlink(elsewhere.join("secret.txt"), dir.join("file.txt")).unwrap();
    symlink(&elsewhere, root.path().join("linked")).unwrap();

    assert!(is_link(&Dir::open(&root.path().join("linked")).err().unwrap()));
    let d = Dir::open(&dir).unwrap();
    assert!(is_link(&d.sub("sub").err().unwrap()));
    assert!(is_link(&d.open_file("file.txt").err().unwrap()));
    assert!(is_link(&d.open_shared("file.txt").err().unwrap()));
    assert!(is_link(&open_beneath(&dir, "sub/secret.txt").err().unwrap()));
    assert_eq!(d.kind("sub").unwrap(), Some(Kind::Link));
    assert_eq!(d.kind("none").unwrap(), None);
    assert_eq!(d.entries().unwrap(), [("file.txt".into(), Kind::Link), ("sub".into(), Kind::Link)]);
    // Creating over a link fails; removing a link removes the link only.
    assert_eq!(d.create_file("file.txt").err().unwrap().kind(), io::ErrorKind::AlreadyExists);
    assert!(create_beneath(&d, "sub/new.txt").is_err());
    d.remove_file("file.txt").unwrap();
    assert_eq!(fs::read_to_string(elsewhere.join("secret.txt")).unwrap(), "secret");
    assert!(!elsewhere.join("new.txt").exists());
}

#[test]
fn files_are_created_new_with_their_folders() {
    let root = tempfile::tempdir().unwrap();
    let d = Dir::open(root.path()).unwrap();
    create_beneath(&d, "a/b/c.txt").unwrap().write_all(b"c").unwrap();
    create_beneath(&d, "a/d.txt").unwrap().write_all(b"d").unwrap();
    assert_eq!(fs::read_to_string(root.path().join("a/b/c.txt")).unwrap(), "c");
    assert_eq!(create_beneath(&d, "a/d.txt").err().unwrap().kind(), io::ErrorKind::AlreadyExists);
    assert!(create_beneath(&d, "../x.txt").is_err() && create_beneath(&d, "a//x.txt").is_err());
    let bytes = read_at_most(open_beneath(root.path(), "a/b/c.txt").unwrap(), 1).unwrap();
    assert_eq!(bytes, b"c");
    let too_large = read_at_most(open_beneath(root.path(), "a/b/c.txt").unwrap(), 0).err().unwrap();
    assert_eq!(too_large.kind(), io::ErrorKind::FileTooLarge);
    let a = d.sub("a").unwrap();
    a.rename("d.txt", "e.txt").unwrap();
    a.remove_file("e.txt").unwrap();
    assert_eq!(a.remove_dir("b").err().unwrap().kind(), io::ErrorKind::DirectoryNotEmpty);
    assert_eq!(d.id_of("a").unwrap(), Some(a.id().unwrap()));
}

#[test]
fn a_pipe_is_not_a_file_and_does_not_block() {
    let root = tempfile::tempdir().unwrap();
    let fifo = root.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    let d = Dir::open(root.path()).unwrap();
    assert_eq!(d.kind("pipe.txt").unwrap(), Some(Kind::Other));
    assert!(is_not_a_file(&d.open_file("pipe.txt").err().unwrap()));
}

#[test]
fn temporary_files_get_new_names_never_planted_ones() {
    let root = tempfile::tempdir().unwrap();
    let d = Dir::open(root.path()).unwrap();
    let (a, mut file) = create_temp(&d, "x.yaml", "kaoping-import").unwrap();
    file.write_all(b"a").unwrap();
    let (b, _) = create_temp(&d, "x.yaml", "kaoping-import").unwrap();
    assert_ne!(a, b);
    let a = a.to_string_lossy().into_owned();
    assert!(
        a.starts_with(".x.yaml.") && a.ends_with(".kaoping-import") && a.len() == ".x.yaml..kaoping-import".len() + 12
    );
    d.rename(&a, "x.yaml").unwrap();
    assert_eq!(fs::read_to_string(root.path().join("x.yaml")).unwrap(), "a");
}

#[test]
fn many_files_are_linked_with_their_folders_and_no_link_followed() {
    use std::os::unix::fs::MetadataExt;
    let root = tempfile::tempdir().unwrap();
    let (from, to) = (root.path().join("from"), root.path().join("to"));
    fs::create_dir_all(from.join("2013/cities")).unwrap();
    fs::create_dir(&to).unwrap();
    for f in ["2013/index.html", "2013/cities/a.html", "2013/cities/b.html"] {
        fs::write(from.join(f), f).unwrap();
    }
    let elsewhere = root.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("c.html"), "secret").unwrap();
    symlink(&elsewhere, from.join("2013/units")).unwrap();
    // A file missing in a folder fails when linking, after the folders are
    // opened; the failures still come in the order given.
    let rels = [
        "2013/cities/gone.html",
        "2013/cities/a.html",
        "2013/units/c.html",
        "2013/index.html",
        "2013/cities/b.html",
        "2013/../x",
    ];
    let failed = link_all_beneath(&Dir::open(&from).unwrap(), &Dir::open(&to).unwrap(), &rels);
    let failed: Vec<(&str, bool)> = failed.iter().map(|(p, e)| (*p, is_link(e))).collect();
    assert_eq!(failed, [("2013/cities/gone.html", false), ("2013/units/c.html", true), ("2013/../x", false)]);
    for f in ["2013/index.html", "2013/cities/a.html", "2013/cities/b.html"] {
        let (a, b) = (fs::metadata(from.join(f)).unwrap(), fs::metadata(to.join(f)).unwrap());
        assert_eq!((a.ino(), a.nlink()), (b.ino(), 2), "{f} is the same file");
    }
    assert!(!to.join("2013/units").exists());
}
