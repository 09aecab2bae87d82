"""Tests of the licence gate (scripts/licences.py): expressions, and which
packages of a fake dependency graph it looks at.

Run: python3 -m unittest discover -s scripts -p 'test_*.py'
"""

import pathlib
import sys
import tomllib
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import licences  # noqa: E402

ACCEPTED = set(
    tomllib.loads((licences.ROOT / "about.toml").read_text(encoding="utf-8"))["accepted"]
)


def graph(packages, edges):
    """cargo metadata's shape: packages (name, licence) and edges (from, to, kind)."""
    ident = {name: f"registry#{name}@1.0.0" for name, _ in packages}
    nodes = {ident[name]: [] for name, _ in packages}
    for source, target, kind in edges:
        nodes[ident[source]].append(
            {"name": target, "pkg": ident[target], "dep_kinds": [{"kind": kind, "target": None}]}
        )
    return {
        "packages": [
            {"id": ident[name], "name": name, "version": "1.0.0", "license": lic, "license_file": None}
            for name, lic in packages
        ],
        "resolve": {
            "root": ident[packages[0][0]],
            "nodes": [{"id": i, "deps": deps} for i, deps in nodes.items()],
        },
    }


class Expressions(unittest.TestCase):
    def test_what_the_dependencies_have_is_accepted(self):
        for expression in [
            "MIT OR Apache-2.0",
            "Apache-2.0 OR MIT",
            "MIT/Apache-2.0",
            "Unlicense/MIT",
            "(MIT OR Apache-2.0) AND Unicode-3.0",
            "(Apache-2.0 OR MIT) AND BSD-3-Clause",
            "Apache-2.0 AND ISC",
            "Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT",
            "CC0-1.0 OR MIT-0 OR Apache-2.0",
            "MIT OR Apache-2.0 OR LGPL-2.1-or-later",
            "Zlib",
        ]:
            self.assertTrue(licences.satisfied(expression, ACCEPTED), expression)

    def test_a_licence_not_on_the_list_is_refused(self):
        for expression in [
            "GPL-3.0",
            "GPL-3.0-only",
            "AGPL-3.0-or-later",
            "MIT AND GPL-3.0",
            "(MIT OR Apache-2.0) AND GPL-3.0",
            "GPL-2.0 WITH Classpath-exception-2.0",
            "MPL-2.0 AND (GPL-3.0 OR LGPL-2.1)",
            "LicenseRef-proprietary",
            "mit",
        ]:
            self.assertFalse(licences.satisfied(expression, ACCEPTED), expression)

    def test_an_exception_counts_only_as_listed(self):
        self.assertFalse(licences.satisfied("MIT WITH Some-exception", ACCEPTED))
        self.assertTrue(licences.satisfied("Apache-2.0 WITH LLVM-exception", ACCEPTED))

    def test_and_binds_tighter_than_or(self):
        self.assertTrue(licences.satisfied("GPL-3.0 AND MIT OR Apache-2.0", ACCEPTED))
        self.assertFalse(licences.satisfied("GPL-3.0 AND (MIT OR Apache-2.0)", ACCEPTED))

    def test_a_broken_expression_is_an_error(self):
        for expression in ["", "MIT OR", "(MIT", "MIT)", "AND MIT", "MIT Apache-2.0", "MIT WITH"]:
            with self.assertRaises(licences.BadExpression, msg=expression):
                licences.satisfied(expression, ACCEPTED)


class Graph(unittest.TestCase):
    def test_a_gpl_dependency_of_the_binary_fails_the_gate(self):
        data = graph(
            [("kaoping", "MIT OR Apache-2.0"), ("serde", "MIT OR Apache-2.0"), ("gpl", "GPL-3.0")],
            [("kaoping", "serde", None), ("serde", "gpl", None)],
        )
        self.assertEqual(licences.refused(data, ACCEPTED), [("gpl", "1.0.0", "GPL-3.0")])

    def test_dev_and_build_dependencies_are_not_in_the_binary(self):
        data = graph(
            [
                ("kaoping", "MIT OR Apache-2.0"),
                ("tester", "GPL-3.0"),
                ("its-dep", "GPL-3.0"),
                ("builder", "GPL-3.0"),
            ],
            [("kaoping", "tester", "dev"), ("tester", "its-dep", None), ("kaoping", "builder", "build")],
        )
        self.assertEqual(licences.refused(data, ACCEPTED), [])
        self.assertEqual([p["name"] for p in licences.binary_packages(data)], ["kaoping"])

    def test_a_package_with_only_a_licence_file_fails(self):
        data = graph([("kaoping", "MIT OR Apache-2.0"), ("odd", None)], [("kaoping", "odd", None)])
        [(name, _, why)] = licences.refused(data, ACCEPTED)
        self.assertEqual(name, "odd")
        self.assertIn("no licence expression", why)

    def test_kaopings_own_licence_is_accepted(self):
        cargo = tomllib.loads((licences.ROOT / "Cargo.toml").read_text(encoding="utf-8"))
        self.assertTrue(licences.satisfied(cargo["package"]["license"], ACCEPTED))


if __name__ == "__main__":
    unittest.main()
