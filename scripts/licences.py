#!/usr/bin/env python3
"""The licence gate: every package compiled into kaoping's binary has a
licence expression that the accepted list of about.toml satisfies.

Reads `cargo metadata --format-version 1 --locked --offline` for the
platforms about.toml names (the packages are built for them), walks the
binary's normal dependency graph from kaoping (dev-dependencies and build
scripts' dependencies are not in the binary and are left out), and
evaluates each package's SPDX expression: `A OR B` needs one side
accepted, `A AND B` both, `X WITH E` is accepted when the whole `X WITH E`
is listed; Cargo's old `A/B` means `A OR B`. A package with no `license`
(only a `license-file`) fails: its terms need reading by a person.

Exit 0 with a one-line summary, or 1 naming each package refused. Needs no
network (run `cargo fetch --locked` once on a fresh machine, so that the
crates of every platform are in the local registry) and nothing installed
beyond Python 3.11 and cargo. The checker's own tests: scripts/test_licences.py.
"""

import json
import pathlib
import re
import subprocess
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent


class BadExpression(ValueError):
    """An expression that does not parse as SPDX."""


def tokens(expression):
    """The expression's tokens: parentheses, operators and licence ids."""
    out = []
    for word in re.findall(r"\(|\)|/|[^\s()/]+", expression):
        out.append("OR" if word == "/" else word)
    return out


def satisfied(expression, accepted):
    """Whether `expression` (SPDX, or Cargo's `A/B`) holds with `accepted`."""
    words = tokens(expression)
    if not words:
        raise BadExpression("empty licence expression")
    pos = 0

    def peek():
        return words[pos] if pos < len(words) else None

    def take():
        nonlocal pos
        if pos >= len(words):
            raise BadExpression(f"{expression!r} ends too early")
        pos += 1
        return words[pos - 1]

    def either():
        value = both()
        while peek() == "OR":
            take()
            value = both() or value
        return value

    def both():
        value = atom()
        while peek() == "AND":
            take()
            value = atom() and value
        return value

    def atom():
        word = take()
        if word == "(":
            value = either()
            if take() != ")":
                raise BadExpression(f"{expression!r}: a parenthesis is not closed")
            return value
        if word in ("AND", "OR", "WITH", ")"):
            raise BadExpression(f"{expression!r}: {word} where a licence was expected")
        if peek() == "WITH":
            take()
            exception = take()
            if exception in ("AND", "OR", "WITH", "(", ")"):
                raise BadExpression(f"{expression!r}: WITH needs an exception")
            word = f"{word} WITH {exception}"
        return word in accepted

    value = either()
    if pos != len(words):
        raise BadExpression(f"{expression!r}: {words[pos]!r} is not expected there")
    return value


def binary_packages(metadata):
    """The packages of the root's normal dependency graph, the root included."""
    packages = {p["id"]: p for p in metadata["packages"]}
    nodes = {n["id"]: n for n in metadata["resolve"]["nodes"]}
    root = metadata["resolve"]["root"]
    seen, todo = set(), [root]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for dep in nodes[node]["deps"]:
            if any(kind["kind"] is None for kind in dep["dep_kinds"]):
                todo.append(dep["pkg"])
    return sorted((packages[i] for i in seen), key=lambda p: (p["name"], p["version"]))


def refused(metadata, accepted):
    """(name, version, why) for each package of the binary not accepted."""
    out = []
    for package in binary_packages(metadata):
        expression = package.get("license")
        if not expression:
            why = f"no licence expression (license-file: {package.get('license_file')})"
            out.append((package["name"], package["version"], why))
            continue
        try:
            if not satisfied(expression, accepted):
                out.append((package["name"], package["version"], expression))
        except BadExpression as e:
            out.append((package["name"], package["version"], str(e)))
    return out


def metadata(targets):
    """cargo metadata for the given platforms, offline and locked."""
    command = ["cargo", "metadata", "--format-version", "1", "--locked", "--offline"]
    for target in targets:
        command += ["--filter-platform", target]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"licences: {' '.join(command)} failed:\n{run.stderr}")
    return json.loads(run.stdout)


def main():
    config = tomllib.loads((ROOT / "about.toml").read_text(encoding="utf-8"))
    accepted = set(config["accepted"])
    data = metadata(config["targets"])
    bad = refused(data, accepted)
    count = len(binary_packages(data))
    if bad:
        for name, version, why in bad:
            print(f"licences: {name} {version}: {why} is not on about.toml's accepted list", file=sys.stderr)
        print(f"licences: {len(bad)} of {count} packages refused", file=sys.stderr)
        return 1
    print(f"licences: all {count} packages of the binary ({', '.join(config['targets'])}) have accepted licences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
