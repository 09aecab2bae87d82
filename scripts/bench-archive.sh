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
measure() {
  /usr/bin/time -v target/release/kaoping build --content "$1" --output "$2" 2>"$dir/time.txt" >"$dir/out.txt" || true
  tail -1 "$dir/out.txt"
  grep -E "User time|System time|Elapsed \(wall|Maximum resident" "$dir/time.txt"
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
measure "$dir/archive/2013" "$dir/one"
echo "$years years of $n cities, cold (no output yet):"
measure "$dir/archive" "$dir/all"
echo "$years years again, nothing changed:"
measure "$dir/archive" "$dir/all"
last=$((2013 + years - 1))
for city in "$dir/archive/$last/cities/"*.yaml; do break; done
echo "# edited" >>"$city"
echo "$years years again, one city of $last edited:"
measure "$dir/archive" "$dir/all"
sed -i '0,/<title>/s//<title> /' "$dir/all/2013/index.html"
echo "$years years again, 2013/index.html edited by hand:"
measure "$dir/archive" "$dir/all"
echo "copy floor of the archive's output (cp -r, same disk):"
/usr/bin/time -f "  wall %e s" cp -r "$dir/all" "$dir/floor"
rm -rf "$dir/floor"
echo "one year of $n cities, again:"
rm -rf "$dir/one"
measure "$dir/archive/2013" "$dir/one"
echo "copy floor of one year's output:"
/usr/bin/time -f "  wall %e s" cp -r "$dir/one" "$dir/floor"
echo "output: $(du -sh "$dir/all" | cut -f1), $(find "$dir/all" -type f | wc -l) files"
echo "one year's output by kind of file ($(du -sh "$dir/one" | cut -f1)):"
sizes "$dir/one"
rm -rf "$dir"
