#!/usr/bin/env python3
"""Time from saving a city file to the updated city page, with `kaoping serve`.

The content folder is copied to a temporary folder first. For each save:
open the page's live-reload event stream (as the browser does), write the
city file with its report changed (`自查自评报告` → `自查自评报告（第N次保存）`),
wait for the server's `reload` event, fetch the page again over HTTP and
check that it shows the change. Prints the median, min and max, and the
server's own figure (the `rebuilt: … in N ms` console lines: reading and
scoring, without the wait for a save to settle or the page's making).
The first save is a warm-up and not counted.

    cargo build --release
    python3 scripts/serve-latency.py [CONTENT_DIR [CITY_ID [SAVES]]]

(defaults: content qinwan 20; a content folder that names ../themes gets a
copy of themes/ beside it). KAOPING_POLL=1 in the environment measures the
polling watcher instead of the system's file events. LATENCY_EDIT=score
makes every other save also a deduction of 3 points on item 1.2 (the city
file must have `"1.2": { findings: [],`), so that the city's score, its rank
and other cities' ranks change and results.json is written anew from that
city on; without it a save changes only the report, which results.json does
not hold.
"""
import os, re, shutil, socket, statistics, subprocess, sys, tempfile, threading, time

src = sys.argv[1] if len(sys.argv) > 1 else "content"
city_id = sys.argv[2] if len(sys.argv) > 2 else "qinwan"
saves = int(sys.argv[3]) if len(sys.argv) > 3 else 20
binary = os.environ.get("KAOPING_BIN", "target/release/kaoping")
work = tempfile.mkdtemp(prefix="kaoping-latency-", dir=os.environ.get("LATENCY_DIR"))
content = shutil.copytree(src, f"{work}/content")
if "../themes" in open(f"{content}/site.yaml", encoding="utf-8").read():
    shutil.copytree("themes", f"{work}/themes")
env = dict(os.environ, KAOPING_LANG="en")
server = subprocess.Popen([binary, "serve", "--content", content, "--port", "0"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
addr = None
while addr is None:
    line = server.stdout.readline()
    if not line:
        sys.exit("the server stopped before serving")
    m = re.search(r"http://([0-9.]+):(\d+)/", line)
    if m:
        addr = (m.group(1), int(m.group(2)))
# The console from now on, on a thread of its own: the server's own figures.
rebuilt = []
def console():
    for line in server.stdout:
        m = re.match(r"rebuilt: .* in (\d+) ms", line)
        if m:
            rebuilt.append(int(m.group(1)))
threading.Thread(target=console, daemon=True).start()

def get(path):
    s = socket.create_connection(addr)
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: {addr[0]}:{addr[1]}\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while chunk := s.recv(65536):
        data += chunk
    s.close()
    return data.decode("utf-8", "replace")

page = f"/cities/{city_id}.html"
path = f"{content}/cities/{city_id}.yaml"
original = open(path, encoding="utf-8").read()
if "自查自评报告" not in original:
    sys.exit(f"{path} has no 自查自评报告 to change")
score_edit = os.environ.get("LATENCY_EDIT") == "score"
no_findings = '"1.2": { findings: [],'
if score_edit and no_findings not in original:
    sys.exit(f"{path} has no {no_findings} to add a deduction to")
times = []
try:
    for i in range(saves + 1):
        version = re.search(r"data-v=\"(\d+)\"", get(page)).group(1)
        events = socket.create_connection(addr)
        events.sendall(f"GET /__kaoping/events?v={version} HTTP/1.1\r\nHost: {addr[0]}:{addr[1]}\r\n\r\n".encode())
        events.recv(4096)
        mark = f"第{i}次保存"
        start = time.perf_counter()
        saved = original.replace("自查自评报告", f"自查自评报告（{mark}）", 1)
        if score_edit and i % 2 == 1:
            saved = saved.replace(no_findings, f'"1.2": {{ findings: [{{ rule: no-mechanism, note: {mark} }}],', 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(saved)
        buf = b""
        while b"data: reload" not in buf:
            chunk = events.recv(4096)
            if not chunk:
                sys.exit("the event stream closed without a reload")
            buf += chunk
        body = get(page)
        took = (time.perf_counter() - start) * 1000
        events.close()
        if mark not in body:
            sys.exit(f"save {i}: the page fetched after the reload does not show the change")
        if score_edit and i % 2 == 1 and body.count(mark) < 2:
            sys.exit(f"save {i}: the page does not show the deduction's note")
        if i > 0:
            times.append(took)
        time.sleep(0.3)
finally:
    with open(path, "w", encoding="utf-8") as f:
        f.write(original)
    try:  # Linux: the server's peak and current memory
        status = open(f"/proc/{server.pid}/status").read()
        memory = {k: int(re.search(rf"{k}:\s+(\d+)", status).group(1)) // 1024 for k in ("VmHWM", "VmRSS")}
    except (OSError, AttributeError):
        memory = None
    server.terminate()
    server.wait()
    shutil.rmtree(work, ignore_errors=True)
own = rebuilt[1:]
print(f"save -> updated page fetched: median {statistics.median(times):.0f} ms, "
      f"min {min(times):.0f}, max {max(times):.0f} (n={len(times)}); "
      f"server's own reading: median {statistics.median(own) if own else float('nan'):.0f} ms"
      + (f"; server memory: peak {memory['VmHWM']} MiB, now {memory['VmRSS']} MiB" if memory else ""))
