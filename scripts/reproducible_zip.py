"""A zip whose bytes depend only on its files' contents (scripts/release).

    python3 scripts/reproducible_zip.py FOLDER ARCHIVE

The zip holds FOLDER itself (its name first in every path, as the tarball
does), entries sorted by path, every directory before what it holds; every
time is SOURCE_DATE_EPOCH (in UTC, to the zip format's two seconds, never
before 1980); the host is Unix with mode 0755 for directories and .exe
files and 0644 for the rest; deflated at level 9; names in UTF-8 (the
language flag is set for the Chinese names, which Windows Explorer reads).
"""

import os
import sys
import time
import zipfile


def date_time():
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    return max(time.gmtime(epoch)[:6], (1980, 1, 1, 0, 0, 0))


def entries(folder):
    """(name in the zip, path on disk or None for a directory), sorted."""
    base = os.path.basename(os.path.normpath(folder))
    out = [(base + "/", None)]
    for root, dirs, files in os.walk(folder):
        rel = os.path.relpath(root, folder).replace(os.sep, "/")
        prefix = base + "/" + ("" if rel == "." else rel + "/")
        out += [(prefix + d + "/", None) for d in dirs]
        out += [(prefix + f, os.path.join(root, f)) for f in files]
    return sorted(out, key=lambda e: e[0].encode("utf-8"))


def info(name, when):
    z = zipfile.ZipInfo(name, date_time=when)
    z.create_system = 3
    directory = name.endswith("/")
    mode = 0o40755 if directory else (0o100755 if name.endswith(".exe") else 0o100644)
    z.external_attr = mode << 16 | (0x10 if directory else 0)
    z.compress_type = zipfile.ZIP_STORED if directory else zipfile.ZIP_DEFLATED
    return z


def write(folder, archive):
    when = date_time()
    with zipfile.ZipFile(archive, "w") as z:
        for name, path in entries(folder):
            if path is None:
                z.writestr(info(name, when), b"")
                continue
            if os.path.islink(path):
                sys.exit(f"reproducible_zip: {path} is a link")
            with open(path, "rb") as f:
                z.writestr(info(name, when), f.read(), compresslevel=9)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    write(sys.argv[1], sys.argv[2])
