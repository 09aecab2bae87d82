#!/usr/bin/env bash
# The archive at scale: YEARS years of N synthetic cities (default 10 × 3,000)
# against one year of N, each built once with /usr/bin/time -v (wall time,
# peak memory). Input and output on tmpfs (/dev/shm) unless TMPDIR is set.
# Then the archive rebuilt over its own output (issue 26): nothing changed,
# one city of the last year edited, a page of the first year's output edited
# by hand; the copy floor (`cp -r` of the archive's output); and where the
# bytes of one year's output go, by kind of file.
#   bash scripts/bench-archive.sh [N] [YEARS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-3000}
years=${2:-10}
dir=${TMPDIR:-/dev/shm}/kaoping-archive-bench
cargo build --quiet --release --example gen_content
cargo build --quiet --release
rm -rf "$dir"
mkdir -p "$dir/archive"
{
  echo "title: 合成数据历年考评结果（基准测试）"
  echo "years:"
} >"$dir/archive/archive.yaml"
for i in $(seq 0 $((years - 1))); do
  year=$((2013 + i))
  # A seed whose police.yaml stays within the parser's budget of values
  # (at 3,000 cities some seeds' files exceed it).
  seed=$year
  while :; do
    rm -rf "$dir/archive/$year"
    target/release/examples/gen_content "$n" "$dir/archive/$year" "$seed"
    sed -i "s/^year: 2013$/year: $year/" "$dir/archive/$year/site.yaml"
    target/release/kaoping check --content "$dir/archive/$year" >/dev/null 2>&1 && break
    seed=$((seed + 1000))
  done
  echo "year $year: seed $seed"
  echo "  - { year: $year, content: \"$year\" }" >>"$dir/archive/archive.yaml"
done
echo "input: $(du -sh "$dir/archive" | cut -f1)"
# measure CONTENT OUTPUT LABEL: one build, its figures printed and noted
# under LABEL (wall seconds, peak KiB) for the goals at the end.
measure() {
  /usr/bin/time -f "%e %M %U %S" target/release/kaoping build --content "$1" --output "$2" 2>"$dir/time.txt" >"$dir/out.txt" || true
  tail -1 "$dir/out.txt"
  read -r wall peak user sys < <(tail -1 "$dir/time.txt")
  echo "  wall $wall s, CPU $user + $sys s, peak $((peak / 1024)) MiB"
  echo "$3 $wall $peak" >>"$dir/figures.txt"
}
# Where the bytes of a site go: by top folder and extension, largest first.
sizes() {
  find "$1" -type f -printf '%s %P\n' | awk '{
    n = split($2, p, "/"); top = (n > 1 ? p[1] "/" : "");
    ext = p[n]; sub(/^[^.]*/, "", ext); if (ext == "") ext = p[n];
    k = top "*" ext; b[k] += $1; c[k]++; t += $1 }
    END { for (k in b) printf "%10.1f MiB %6d files %5.1f%%  %s\n", b[k]/1048576, c[k], 100*b[k]/t, k }' |
    sort -k1,1nr -k5,5
}
# One year is measured before and after the archive, so that a change of
# load during the run shows as two different figures.
echo "one year of $n cities:"
measure "$dir/archive/2013" "$dir/one" one1
echo "$years years of $n cities, cold (no output yet):"
measure "$dir/archive" "$dir/all" cold
echo "$years years again, nothing changed:"
measure "$dir/archive" "$dir/all" kept
last=$((2013 + years - 1))
for city in "$dir/archive/$last/cities/"*.yaml; do break; done
echo "# edited" >>"$city"
echo "$years years again, one city of $last edited:"
measure "$dir/archive" "$dir/all" edited
sed -i '0,/<title>/s//<title> /' "$dir/all/2013/index.html"
echo "$years years again, 2013/index.html edited by hand:"
measure "$dir/archive" "$dir/all" hand
echo "copy floor of the archive's output (cp -r, same disk):"
/usr/bin/time -f "floor-all %e 0" -a -o "$dir/figures.txt" cp -r "$dir/all" "$dir/floor"
tail -1 "$dir/figures.txt"
rm -rf "$dir/floor"
echo "one year of $n cities, again:"
rm -rf "$dir/one"
measure "$dir/archive/2013" "$dir/one" one2
echo "copy floor of one year's output:"
/usr/bin/time -f "floor-one %e 0" -a -o "$dir/figures.txt" cp -r "$dir/one" "$dir/floor"
tail -1 "$dir/figures.txt"
echo "verify of the archive (SHA256SUMS, then every page made again from source/):"
/usr/bin/time -f "verify %e %M" -a -o "$dir/figures.txt" target/release/kaoping verify "$dir/all" >/dev/null 2>&1 || true
tail -1 "$dir/figures.txt"
echo "output: $(du -sh "$dir/all" | cut -f1), $(find "$dir/all" -type f | wc -l) files"
echo "one year's output by kind of file ($(du -sh "$dir/one" | cut -f1)):"
sizes "$dir/one"
# The goals of issue 26 against what was measured in this run (one year:
# the lower of its two builds, so that a change of load shows less).
python3 - "$dir/figures.txt" <<'PY'
import sys
f = {}
for line in open(sys.argv[1]):
    k, wall, peak = line.split()
    f[k] = (float(wall), int(peak) / 1024)
one = min(f["one1"], f["one2"])
floor = f["floor-one"][0]
rows = [
    ("nothing changed", f"{f['kept'][0]:.2f} s", "≤ 1 s", f["kept"][0] <= 1),
    ("one year changed", f"{f['edited'][0]:.2f} s", f"≤ one year + 1 s = {one[0] + 1:.2f} s", f["edited"][0] <= one[0] + 1),
    ("a year's page edited by hand", f"{f['hand'][0]:.2f} s", f"≤ {one[0] + 1:.2f} s", f["hand"][0] <= one[0] + 1),
    ("cold", f"{f['cold'][0]:.2f} s", "≤ 8 s", f["cold"][0] <= 8),
    ("cold, peak memory", f"{f['cold'][1]:.0f} MiB ({f['cold'][1] / one[1]:.2f}× one year)", f"≤ 1.2× one year = {1.2 * one[1]:.0f} MiB", f["cold"][1] <= 1.2 * one[1]),
    ("one year", f"{one[0]:.2f} s ({one[0] / floor:.1f}× its copy floor {floor:.2f} s)", "≤ 4× the copy floor", one[0] <= 4 * floor),
    ("one year, peak memory", f"{one[1]:.0f} MiB", "≤ 120 MiB", one[1] <= 120),
    ("verify of the archive", f"{f['verify'][0]:.2f} s, {f['verify'][1]:.0f} MiB ({f['verify'][0] / f['cold'][0]:.2f}× the cold build)", "≤ the cold build", f["verify"][0] <= f["cold"][0]),
]
print("\n| goal (issue 26) | measured | target | met |\n| --- | ---: | --- | :---: |")
for name, got, want, ok in rows:
    print(f"| {name} | {got} | {want} | {'yes' if ok else 'no'} |")
PY
rm -rf "$dir"
