#!/usr/bin/env bash
# Benchmarks `kaoping build` on synthetic content of N = 17, 1,000 and 3,000
# cities (seeded, deterministic: kaoping::synthetic), with the output on
# tmpfs, and `kaoping serve`: the time from saving a city file to its updated
# page fetched over HTTP (scripts/serve-latency.py, content on the same
# tmpfs; serve writes nothing), and `kaoping verify` of the sites built
# (made again from their source/). Prints a Markdown
# table: median wall time and CPU time (hyperfine), peak memory (median of
# /usr/bin/time over the same number of runs), the ratio to the I/O floor
# (the build's median divided by the median time of `cp -r` of the site it
# wrote, tmpfs to tmpfs, in the same run), and, for 3,000 cities, Hugo on an
# equivalent site (scripts/hugo-site.py writes it from the build's
# results.json; skipped when hugo is not installed).
#
# Last, scripts/bench-archive.sh (the archive of 10 × 3,000: cold, kept, one
# year changed, and one year's output by kind of file).
#
#   scripts/bench.sh [RUNS]        (default 10; needs hyperfine and GNU time;
#                                   Debian: apt-get install hyperfine time hugo)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
for tool in hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "bench.sh needs $tool (Debian: apt-get install hyperfine time)"; exit 2; }
done
cargo build --release --quiet --bins --examples
bin=target/release/kaoping
# The script reads kaoping's English console lines ("serving", "rebuilt").
export KAOPING_LANG=en
work=$(mktemp -d /dev/shm/kaoping-bench.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT

# Peak memory of a command, median over $runs runs, in KiB.
peak() {
  local peaks=()
  for _ in $(seq "$runs"); do
    peaks+=("$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)")
  done
  printf '%s\n' "${peaks[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}

echo "| N cities | input | files out | build wall (median) | CPU user+sys (mean) | peak memory (median) | copy floor (median) | build ÷ floor |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in 17 1000 3000; do
  target/release/examples/gen_content "$n" "$work/c$n"
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h$n.json" \
    "$bin build --content $work/c$n --output $work/o$n" >/dev/null 2>&1
  # The I/O floor: copying the site just written, tmpfs to tmpfs.
  hyperfine --warmup 2 --runs "$runs" --prepare "rm -rf $work/copy" --export-json "$work/f$n.json" \
    "cp -r $work/o$n $work/copy" >/dev/null 2>&1
  mem=$(peak "$bin" build --content "$work/c$n" --output "$work/o$n")
  python3 - "$n" "$work" "$mem" <<'PY'
import json, sys, os
n, work, mem = sys.argv[1], sys.argv[2], int(float(sys.argv[3]))
r = json.load(open(f"{work}/h{n}.json"))["results"][0]
floor = json.load(open(f"{work}/f{n}.json"))["results"][0]["median"]
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(f"{work}/c{n}") for f in fs)
files = sum(len(fs) for _, _, fs in os.walk(f"{work}/o{n}")) - 1
cpu = r["user"] + r["system"]  # hyperfine gives CPU time as a mean only
print(f"| {int(n):,} | {size/1e6:.1f} MB | {files:,} | {r['median']*1000:,.0f} ms | {cpu*1000:,.0f} ms | {mem/1024:.0f} MiB | {floor*1000:,.0f} ms | {r['median']/floor:.1f}× |")
PY
done

# verify: SHA256SUMS, then every file made again in memory from source/
# and compared (issue 23; goal: no more than one build's time).
echo
echo "| N cities | verify wall (median) | CPU user+sys (mean) | peak memory (median) | verify ÷ build |"
echo "| ---: | ---: | ---: | ---: | ---: |"
for n in 1000 3000; do
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/v$n.json" "$bin verify $work/o$n" >/dev/null 2>&1
  mem=$(peak "$bin" verify "$work/o$n")
  python3 - "$n" "$work" "$mem" <<'PY'
import json, sys
n, work, mem = sys.argv[1], sys.argv[2], int(float(sys.argv[3]))
v = json.load(open(f"{work}/v{n}.json"))["results"][0]
b = json.load(open(f"{work}/h{n}.json"))["results"][0]
print(f"| {int(n):,} | {v['median']*1000:,.0f} ms | {(v['user']+v['system'])*1000:,.0f} ms | {mem/1024:.0f} MiB | {v['median']/b['median']:.2f}× |")
PY
done

if command -v hugo >/dev/null; then
  python3 scripts/hugo-site.py "$work/o3000/results.json" "$work/hugo"
  hyperfine -N --warmup 2 --runs "$runs" --prepare "rm -rf $work/hout" --export-json "$work/hugo.json" \
    "hugo --quiet --source $work/hugo --destination $work/hout" >/dev/null 2>&1
  mem=$(peak hugo --quiet --source "$work/hugo" --destination "$work/hout")
  echo
  echo "| 3,000 cities | wall (median) | CPU user+sys | peak memory (median) | wall ratio to kaoping |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  python3 - "$work" "$mem" "$(hugo version | cut -d' ' -f2)" <<'PY'
import json, sys
work, mem, version = sys.argv[1], int(float(sys.argv[2])), sys.argv[3]
k = json.load(open(f"{work}/h3000.json"))["results"][0]
h = json.load(open(f"{work}/hugo.json"))["results"][0]
print(f"| Hugo {version} | {h['median']*1000:,.0f} ms | {(h['user']+h['system'])*1000:,.0f} ms (mean) | {mem/1024:.0f} MiB | {h['median']/k['median']:.2f}× |")
PY
else
  echo "(hugo not installed: no comparison)"
fi

echo
echo "| N cities | serve: a save of | save → updated city page fetched over HTTP (median of $runs) | min–max | serve's own reading and scoring (median) | target |"
echo "| ---: | --- | ---: | ---: | ---: | ---: |"
for n in 17 3000; do
  # The content is copied to the same tmpfs; the first save is a warm-up.
  # Two kinds of save: the report only (results.json unchanged), and every
  # other save a deduction (the city's score and the ranks change, and
  # results.json from that city on, so its SHA-256 is taken again).
  for edit in report score; do
    line=$(LATENCY_EDIT=$edit LATENCY_DIR="$work" python3 scripts/serve-latency.py "$work/c$n" c0001 "$runs")
    python3 - "$n" "$edit" "$line" <<'PY'
import re, sys
n, edit, line = int(sys.argv[1]), sys.argv[2], sys.argv[3]
m = re.search(r"median (\d+) ms, min (\d+), max (\d+) .*server's own reading: median (\S+) ms", line)
target = "≤ 60 ms" if n == 17 else "≤ 0.2 s"
what = "the report" if edit == "report" else "the report, every other time a deduction"
print(f"| {n:,} | {what} | {m.group(1)} ms | {m.group(2)}–{m.group(3)} ms | {m.group(4)} ms | {target} |")
PY
  done
done

# The archive of 10 × 3,000 cities: cold, rebuilt with nothing changed, with
# one year changed, with a year's output edited by hand, against the copy
# floor; and where one year's bytes go (issue 26).
echo
bash scripts/bench-archive.sh 3000 10
