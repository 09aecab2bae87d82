#!/usr/bin/env python3
"""Time from saving a city file to the reloaded page, with `kaoping serve`.

For each of 20 edits: open the page's live-reload event stream (as the
browser does), append a comment line to a city file, wait for the server's
`reload` event, then fetch the page again. Prints the median, min and max.

    cargo build --release && python3 scripts/serve-latency.py [CONTENT_DIR] [CITY_ID]
"""
import re, shutil, socket, statistics, subprocess, sys, tempfile, time

src = sys.argv[1] if len(sys.argv) > 1 else "content"
city_id = sys.argv[2] if len(sys.argv) > 2 else "qinwan"
work = tempfile.mkdtemp()
content = shutil.copytree(src, f"{work}/content")
if src == "content":
    shutil.copytree("themes", f"{work}/themes")
server = subprocess.Popen(["target/release/kaoping", "serve", "--content", content, "--port", "0"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
addr = None
while addr is None:
    m = re.search(r"http://([0-9.]+):(\d+)/", server.stdout.readline())
    if m:
        addr = (m.group(1), int(m.group(2)))

def get(path):
    s = socket.create_connection(addr)
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while chunk := s.recv(65536):
        data += chunk
    return data.decode("utf-8", "replace")

page = f"/cities/{city_id}.html"
path = f"{content}/cities/{city_id}.yaml"
original = open(path).read()
times = []
try:
    for i in range(20):
        version = re.search(r"events\?v=(\d+)", get(page)).group(1)
        events = socket.create_connection(addr)
        events.sendall(f"GET /__kaoping/events?v={version} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        events.recv(4096)
        start = time.perf_counter()
        open(path, "w").write(original + f"\n# edit {i}\n")
        buf = b""
        while b"data: reload" not in buf:
            buf += events.recv(4096)
        get(page)
        times.append((time.perf_counter() - start) * 1000)
        events.close()
        time.sleep(0.2)
finally:
    server.terminate()
    shutil.rmtree(work, ignore_errors=True)
print(f"save -> reload event -> page fetched: median {statistics.median(times):.0f} ms, "
      f"min {min(times):.0f}, max {max(times):.0f} (n={len(times)})")
