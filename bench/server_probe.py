#!/usr/bin/env python3
"""Probes `junheng serve` the way issue #14 did and prints what it finds: half-open connections
still held after a wait, a DNS-rebinding Host header, bad input answered with 500, the request
body limit, security headers, and whether `save_to_downloads` is served.

    bench/server_probe.py [--bin target/debug/junheng] [--wait 45] [--conns 300]

Only loopback traffic; every loop is bounded; the server it starts is stopped at the end.
"""
import argparse, base64, json, os, socket, subprocess, sys, tempfile, time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def request(port, body, host=None, path="/api/rpc", ctype="application/json", method="POST"):
    host = host or f"127.0.0.1:{port}"
    data = body if isinstance(body, bytes) else body.encode()
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    head = (f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {ctype}\r\n"
            f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n").encode()
    try:
        s.sendall(head + data)
    except OSError:
        pass
    out = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    except OSError:
        pass
    s.close()
    if not out:
        return 0, {}, b""
    head, _, rest = out.partition(b"\r\n\r\n")
    lines = head.decode("latin1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for l in lines[1:]:
        k, _, v = l.partition(":")
        headers[k.strip().lower()] = v.strip()
    return status, headers, rest


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.environ.get("CARGO_TARGET_DIR", "target") + "/debug/junheng")
    ap.add_argument("--wait", type=int, default=45)
    ap.add_argument("--conns", type=int, default=300)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp()
    ui = os.path.join(tmp, "ui")
    os.mkdir(ui)
    open(os.path.join(ui, "index.html"), "w").write("<!doctype html><title>均衡</title>")
    db = os.path.join(tmp, "s.db")
    port = free_port()
    server = subprocess.Popen([a.bin, "serve", "--db", db, "--listen", f"127.0.0.1:{port}",
                               "--ui-dir", ui, "--allow-writes"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(400):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        print(f"binary: {a.bin}")
        st, h, _ = request(port, json.dumps({"cmd": "get_dashboard", "payload": {}}))
        print(f"get_dashboard: {st}")
        print("headers: " + ", ".join(f"{k}={'yes' if k in h else 'no'}" for k in
              ["content-security-policy", "x-content-type-options"]) +
              f", frame-ancestors={'yes' if 'frame-ancestors' in h.get('content-security-policy', '') else 'no'}")
        st, _, body = request(port, json.dumps({"cmd": "get_dashboard", "payload": {}}),
                              host="rebind.attacker.example")
        print(f"DNS rebinding (Host: rebind.attacker.example): {st} {'data returned' if st == 200 else ''}")
        bad = {
            "not JSON": "{\"cmd\":",
            "payload of wrong type": json.dumps({"cmd": "get_dashboard", "payload": {"county": 5}}),
            "unknown county": json.dumps({"cmd": "get_dashboard", "payload": {"county": "999999"}}),
            "report format docx": json.dumps({"cmd": "export_county_report", "payload": {"format": "docx"}}),
            "preview of garbage": json.dumps({"cmd": "preview_import", "payload": {"kind": "facilities", "file_name": "x.xlsx", "base64": base64.b64encode(b"PK\x03\x04garbage" * 10).decode()}}),
            "template kind unknown": json.dumps({"cmd": "get_import_template", "payload": {"kind": "nope"}}),
            "save_to_downloads ../x": json.dumps({"cmd": "save_to_downloads", "payload": {"file_name": "../../probe.txt", "base64": "aGk="}}),
            "text/plain body": None,
        }
        for name, body in bad.items():
            if body is None:
                st, _, b = request(port, json.dumps({"cmd": "get_dashboard", "payload": {}}), ctype="text/plain")
            else:
                st, _, b = request(port, body)
            code = ""
            try:
                code = json.loads(b).get("code", "")
            except Exception:
                pass
            print(f"bad input, {name}: {st} {code}")
        for mb in [1.5, 3, 20, 40]:
            rows = ["id,name,kind,township_code,lon,lat"]
            n = 0
            payload = ""
            while len(payload) < mb * 1024 * 1024:
                rows.extend(f"F{n + i},设施{n + i},nursery,331125100,119.5,28.1" for i in range(2000))
                n += 2000
                payload = base64.b64encode("\n".join(rows).encode()).decode()
            body = json.dumps({"cmd": "preview_import", "payload": {"kind": "facilities", "file_name": "big.csv", "base64": payload}})
            t = time.time()
            st, _, b = request(port, body)
            code = ""
            try:
                code = json.loads(b).get("code", "")
            except Exception:
                pass
            print(f"preview_import of a {len(body) / 1048576:.1f} MB request: {st} {code} ({time.time() - t:.1f} s)")
        socks = []
        for i in range(a.conns):
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=5)
                if i % 2:
                    s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                socks.append(s)
            except OSError:
                break
        print(f"opened {len(socks)} half-open connections (half silent, half with a partial header); waiting {a.wait} s")
        time.sleep(a.wait)
        held = 0
        for s in socks:
            s.setblocking(False)
            try:
                data = s.recv(1024)
                if data and not data.startswith(b"HTTP/1.1 503"):
                    held += 1
            except BlockingIOError:
                held += 1
            except OSError:
                pass
            s.close()
        print(f"half-open connections still held after {a.wait} s: {held} of {len(socks)}")
        st, _, _ = request(port, json.dumps({"cmd": "get_dashboard", "payload": {}}))
        print(f"get_dashboard afterwards: {st}")
    finally:
        server.terminate()
        server.wait(timeout=10)
        dl = os.path.expanduser("~/Downloads/probe.txt")
        if os.path.exists(dl):
            print(f"save_to_downloads wrote {dl} (removed)")
            os.remove(dl)


if __name__ == "__main__":
    main()
