#!/usr/bin/env bash
# The archive at scale: YEARS years of N synthetic cities (default 10 × 3,000)
# against one year of N, each built once with /usr/bin/time -v (wall time,
# peak memory). Input and output on tmpfs (/dev/shm) unless TMPDIR is set.
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
# One year is measured before and after the archive, so that a change of
# load during the run shows as two different figures.
echo "one year of $n cities:"
measure "$dir/archive/2013" "$dir/one"
echo "$years years of $n cities:"
measure "$dir/archive" "$dir/all"
echo "one year of $n cities, again:"
rm -rf "$dir/one"
measure "$dir/archive/2013" "$dir/one"
echo "output: $(du -sh "$dir/all" | cut -f1), $(find "$dir/all" -type f | wc -l) files"
rm -rf "$dir"
