"""Drives the workbench in headless Chromium over the DevTools protocol on
a pipe (--remote-debugging-pipe: no WebSocket, the standard library only).

bench.py CHROMIUM PROFILE URL BAD GOOD FOLDER: opens the workbench at URL,
chooses the workbook BAD with the file dialog's input, waits for the
check's answer, drops GOOD onto the page's box, waits, presses 导入, types FOLDER and presses
发布, then 核对; prints one JSON object: each step's state and text.
"""
import json, os, subprocess, sys, time

chromium, profile, url, bad, good, folder = sys.argv[1:7]
to_chrome_r, to_chrome_w = os.pipe()
from_chrome_r, from_chrome_w = os.pipe()
pid = os.fork()
if pid == 0:
    # Through high numbers first, so that neither end lands on the other,
    # and inheritable (a pipe is close-on-exec, dup2 onto itself keeps that).
    os.dup2(to_chrome_r, 20)
    os.dup2(from_chrome_w, 21)
    os.dup2(20, 3)
    os.dup2(21, 4)
    os.set_inheritable(3, True)
    os.set_inheritable(4, True)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.execv(chromium, [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--remote-debugging-pipe", "--user-data-dir=" + profile, "about:blank"])
os.close(to_chrome_r)
os.close(from_chrome_w)
out, inp = os.fdopen(to_chrome_w, "wb"), os.fdopen(from_chrome_r, "rb")
ids = [0]
buf = b""


def call(method, params=None, session=None):
    global buf
    ids[0] += 1
    msg = {"id": ids[0], "method": method, "params": params or {}}
    if session:
        msg["sessionId"] = session
    out.write(json.dumps(msg).encode() + b"\0")
    out.flush()
    while True:
        while b"\0" not in buf:
            chunk = os.read(inp.fileno(), 65536)
            if not chunk:
                raise SystemExit("chromium closed the pipe")
            buf += chunk
        raw, buf = buf.split(b"\0", 1)
        reply = json.loads(raw)
        if reply.get("id") == ids[0]:
            if "error" in reply:
                raise SystemExit(method + ": " + json.dumps(reply["error"]))
            return reply["result"]


try:
    target = call("Target.createTarget", {"url": "about:blank"})["targetId"]
    s = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    call("Page.navigate", {"url": url}, s)

    def js(expr):
        r = call("Runtime.evaluate", {"expression": expr, "returnByValue": True}, s)
        return r["result"].get("value")

    def wait(expr, done):
        for _ in range(600):
            v = js(expr)
            if done(v):
                return v
            time.sleep(0.05)
        raise SystemExit("timed out: " + expr)

    wait("document.readyState + (document.getElementById('files') ? '+' : '')", lambda v: v == "complete+")
    time.sleep(0.2)

    def result(pre):
        expr = "(function(){var e=document.getElementById('%s');return [e.dataset.state,e.textContent];})()" % pre
        return wait(expr, lambda v: v and v[0] in ("ok", "failed"))

    def choose(path):
        js("document.getElementById('result').dataset.state=''")
        root = call("DOM.getDocument", {}, s)["root"]["nodeId"]
        node = call("DOM.querySelector", {"nodeId": root, "selector": "#files"}, s)["nodeId"]
        call("DOM.setFileInputFiles", {"files": [path], "nodeId": node}, s)
        return result("result")

    def drop(path):
        # A spare input of the test's own holds the file; the page's box
        # gets it dropped, as from Explorer.
        js("document.getElementById('result').dataset.state='';"
           "var i=document.createElement('input');i.type='file';i.id='spare';i.hidden=true;document.body.appendChild(i)")
        root = call("DOM.getDocument", {}, s)["root"]["nodeId"]
        node = call("DOM.querySelector", {"nodeId": root, "selector": "#spare"}, s)["nodeId"]
        call("DOM.setFileInputFiles", {"files": [path], "nodeId": node}, s)
        js("var s=document.getElementById('spare'),d=new DataTransfer();d.items.add(s.files[0]);s.remove();"
           "document.getElementById('drop').dispatchEvent(new DragEvent('drop',{dataTransfer:d,bubbles:true,cancelable:true}))")
        return result("result")

    steps = {}
    steps["bad"] = choose(bad)
    steps["good"] = drop(good)
    js("document.getElementById('result').dataset.state='';document.getElementById('import').click()")
    steps["import"] = result("result")
    js("document.getElementById('publish-folder').value=%s;document.getElementById('publish').click()" % json.dumps(folder))
    steps["publish"] = result("publish-result")
    steps["links"] = js("document.getElementById('published').hidden ? '' : document.getElementById('published').innerHTML")
    js("document.getElementById('verify').click()")
    time.sleep(0.1)
    steps["verify"] = result("verify-result")
    print(json.dumps(steps, ensure_ascii=False))
finally:
    try:
        call("Browser.close")
    except BaseException:
        pass
    os.waitpid(pid, 0)
