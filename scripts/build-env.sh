# Sourced by scripts/release and scripts/windows-check: the release binaries
# are built in their own target folder with the paths of the build machine
# mapped away, so that they do not say where they were built and a
# developer's `cargo build --release` does not rebuild them (or they theirs).
# The check runs the very kaoping.exe the release packs.
export CARGO_TARGET_DIR=target/dist
export RUSTFLAGS="--remap-path-prefix=$PWD=/kaoping --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo"
# The same for the C code (ring, mimalloc) that the cc crate compiles.
export CFLAGS="-ffile-prefix-map=$PWD=/kaoping -ffile-prefix-map=${CARGO_HOME:-$HOME/.cargo}=/cargo"
# Both binaries are built with --target: without it cargo gives build scripts
# the RUSTFLAGS too, so the Linux and the Windows build would take turns
# rebuilding what the two share (ring's and mimalloc's build scripts).
LINUX=x86_64-unknown-linux-gnu
WINDOWS=x86_64-pc-windows-gnu
# The same for both scripts, so that their builds see the same environment
# (a release run after a check rebuilt ring and mimalloc without it).
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}"
LINUX_BIN="$CARGO_TARGET_DIR/$LINUX/release/kaoping"
WINDOWS_EXE="$CARGO_TARGET_DIR/$WINDOWS/release/kaoping.exe"

# The Windows cross build: Rust's target and Debian's mingw-w64 (the linker,
# and the C compiler for ring and mimalloc), installed if missing.
ensure_windows_toolchain() {
  rustup target list --installed | grep -qx "$WINDOWS" || rustup target add "$WINDOWS"
  if ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc-mingw-w64-x86-64 >/dev/null
  fi
}

build_linux() {
  cargo build --release --locked --target "$LINUX"
}

build_windows() {
  cargo build --release --locked --target "$WINDOWS"
}
