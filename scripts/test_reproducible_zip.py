"""Tests of reproducible_zip.py: the same files give the same bytes whatever
their times and modes on disk; entries sorted; Unix host, fixed modes."""

import io
import os
import tempfile
import unittest
import zipfile

import reproducible_zip


class ReproducibleZip(unittest.TestCase):
    def folder(self, root, mtime, mode):
        top = os.path.join(root, "kaoping-1.0.0-windows-x86_64")
        os.makedirs(os.path.join(top, "content", "cities"))
        for name, text in [("kaoping.exe", b"MZ"), ("使用说明.html", "说明".encode()),
                           ("content/cities/a.yaml", b"a: 1\n"), ("CHANGELOG.md", b"# x\n")]:
            path = os.path.join(top, name)
            with open(path, "wb") as f:
                f.write(text)
            os.chmod(path, mode)
            os.utime(path, (mtime, mtime))
        return top

    def zip_of(self, mtime, mode):
        with tempfile.TemporaryDirectory() as root:
            top = self.folder(root, mtime, mode)
            out = os.path.join(root, "out.zip")
            reproducible_zip.write(top, out)
            with open(out, "rb") as f:
                return f.read()

    def test_times_and_modes_on_disk_do_not_matter(self):
        os.environ["SOURCE_DATE_EPOCH"] = "1764700000"
        self.assertEqual(self.zip_of(1000000000, 0o600), self.zip_of(1700000000, 0o777))

    def test_entries_sorted_unix_fixed_modes_and_time(self):
        os.environ["SOURCE_DATE_EPOCH"] = "1764700000"
        z = zipfile.ZipFile(io.BytesIO(self.zip_of(1000000000, 0o600)))
        names = z.namelist()
        self.assertEqual(names, sorted(names, key=lambda n: n.encode()))
        self.assertEqual(names[0], "kaoping-1.0.0-windows-x86_64/")
        modes = {i.filename.split("/", 1)[1]: (i.create_system, i.external_attr >> 16) for i in z.infolist()}
        self.assertEqual(modes["kaoping.exe"], (3, 0o100755))
        self.assertEqual(modes["使用说明.html"], (3, 0o100644))
        self.assertEqual(modes["content/"], (3, 0o40755))
        self.assertEqual({i.date_time for i in z.infolist()}, {(2025, 12, 2, 18, 26, 40)})


if __name__ == "__main__":
    unittest.main()
