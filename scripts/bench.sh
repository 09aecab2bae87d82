#!/usr/bin/env bash
# Benchmarks `kaoping build` on synthetic content of N = 17, 1,000 and 3,000
# cities (seeded, deterministic: kaoping::synthetic), with the output on
# tmpfs, and the serve rebuild after a one-file edit (its preview folder on
# the same tmpfs, through TMPDIR). Prints a Markdown
# table: median wall time and CPU time (hyperfine), peak memory (median of
# /usr/bin/time over the same number of runs).
#
#   scripts/bench.sh [RUNS]        (default 10; needs hyperfine and GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
for tool in hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "bench.sh needs $tool (Debian: apt-get install hyperfine time)"; exit 2; }
done
cargo build --release --quiet --examples
bin=target/release/kaoping
# The script reads kaoping's English console lines ("serving", "rebuilt").
export KAOPING_LANG=en
work=$(mktemp -d /dev/shm/kaoping-bench.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "| N cities | input | files out | build wall (median) | CPU user+sys (mean) | peak memory (median) |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
for n in 17 1000 3000; do
  target/release/examples/gen_content "$n" "$work/c$n"
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h$n.json" \
    "$bin build --content $work/c$n --output $work/o$n" >/dev/null 2>&1
  peaks=()
  for _ in $(seq "$runs"); do
    peaks+=("$(/usr/bin/time -f %M "$bin" build --content "$work/c$n" --output "$work/o$n" 2>&1 >/dev/null | tail -1)")
  done
  python3 - "$n" "$work" "${peaks[@]}" <<'PY'
import json, statistics, sys, os
n, work, peaks = sys.argv[1], sys.argv[2], [int(p) for p in sys.argv[3:]]
r = json.load(open(f"{work}/h{n}.json"))["results"][0]
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(f"{work}/c{n}") for f in fs)
files = sum(len(fs) for _, _, fs in os.walk(f"{work}/o{n}")) - 1
cpu = r["user"] + r["system"]
print(f"| {int(n):,} | {size/1e6:.1f} MB | {files:,} | {r['median']*1000:,.0f} ms | {cpu*1000:,.0f} ms | {statistics.median(peaks)/1024:.0f} MiB |")
PY
done

echo
echo "| N cities | serve rebuild after editing one city file (median of 5) |"
echo "| ---: | ---: |"
for n in 17 3000; do
  # The preview folder goes where TMPDIR says: tmpfs, like the builds above.
  TMPDIR="$work" python3 - "$bin" "$work/c$n" <<'PY'
import re, statistics, subprocess, sys, time
bin, content = sys.argv[1], sys.argv[2]
p = subprocess.Popen([bin, "serve", "--content", content, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
def line():
    return p.stdout.readline()
while "serving" not in line():
    pass
city = f"{content}/cities/c0001.yaml"
original = open(city).read()
times = []
for i in range(6):
    time.sleep(0.3)
    open(city, "w").write(original + f"\n# edit {i}\n")
    while True:
        m = re.search(r"^rebuilt: .* in (\d+) ms", line())
        if m:
            times.append(int(m.group(1)))
            break
open(city, "w").write(original)
p.terminate()
print(f"| {int(content.rsplit('c', 1)[1]):,} | {statistics.median(times[1:])} ms |")
PY
done
