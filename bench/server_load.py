#!/usr/bin/env python3
"""The load phase of bench/server_load.sh: signed-in viewers reading dashboards and planners
editing facilities against `junheng serve` on loopback, for a fixed duration; prints
throughput, latency percentiles, errors, conflicts, lost writes and the server's memory."""
import argparse, http.client, json, multiprocessing, random, threading, time


def connect(port):
    return http.client.HTTPConnection("127.0.0.1", port, timeout=60)


class Client:
    def __init__(self, port, user, password):
        self.port = port
        self.conn = connect(port)
        r = self.call("POST", "/api/login", {"user": user, "password": password})
        if r[0] != 200:
            raise SystemExit(f"login of {user} failed: {r}")
        self.csrf = r[1]["csrf"]

    def call(self, method, path, body, parse=True):
        data = json.dumps(body).encode()
        headers = {"Content-Type": "application/json", "Host": f"127.0.0.1:{self.port}"}
        if getattr(self, "cookie", None):
            headers["Cookie"] = self.cookie
        if getattr(self, "csrf", None):
            headers["x-csrf-token"] = self.csrf
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                resp = self.conn.getresponse()
                raw = resp.read()
                break
            except (http.client.HTTPException, OSError):
                # The server closed an idle keep-alive connection: open a new one once.
                self.conn.close()
                self.conn = connect(self.port)
                if attempt:
                    raise
        c = resp.getheader("Set-Cookie")
        if c:
            self.cookie = c.split(";")[0]
        if not parse and resp.status == 200:
            # A viewer only needs to know the answer came whole: parsing every dashboard would
            # make the load generator, not the server, the bottleneck.
            return resp.status, {"bytes": len(raw)}
        try:
            return resp.status, json.loads(raw)
        except ValueError:
            return resp.status, {}

    def rpc(self, cmd, payload, parse=True):
        return self.call("POST", f"/api/rpc?cmd={cmd}", {"cmd": cmd, "payload": payload}, parse)


def pct(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] * 1000


def rss(pid):
    out = {}
    for line in open(f"/proc/{pid}/status"):
        k, _, v = line.partition(":")
        if k in ("VmRSS", "VmHWM"):
            out[k] = int(v.split()[0]) / 1024
    return out


def viewer_process(port, cookies, seeds, stored, share, stop, out):
    """Viewers of one process (each a thread with its own connection and session): the
    viewers are spread over several processes so that one interpreter's lock does not queue
    them."""
    lock = threading.Lock()
    reads, overviews, errors = [], [], []

    def viewer(cookie, csrf, seed):
        c = Client.__new__(Client)
        c.port, c.conn, c.cookie, c.csrf = port, connect(port), cookie, csrf
        r = random.Random(seed)
        while time.time() < stop:
            if r.random() < share:
                cmd, payload = "get_overview", {"scope": r.choice(["330000", "331100"])}
                into = overviews
            else:
                cmd, payload = "get_dashboard", {"county": r.choice(stored)}
                into = reads
            t = time.perf_counter()
            st, body = c.rpc(cmd, payload, parse=False)
            dt = time.perf_counter() - t
            with lock:
                into.append(dt)
                if st != 200:
                    errors.append((st, body.get("code"), payload))

    threads = [threading.Thread(target=viewer, args=(ck, cs, sd)) for (ck, cs), sd in zip(cookies, seeds)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put((reads, overviews, errors))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--duration", type=float, default=30)
    ap.add_argument("--viewers", type=int, default=50)
    ap.add_argument("--planners", type=int, default=5)
    ap.add_argument("--added", required=True)
    ap.add_argument("--overview-share", type=float, default=0.1,
                    help="share of viewer requests that are get_overview (of 330000 or 331100)")
    ap.add_argument("--label", default="")
    ap.add_argument("--processes", type=int, default=5, help="processes the viewers are spread over")
    ap.add_argument("--warm", action="store_true",
                    help="read every stored county's dashboard once before the load (a server that has run a while)")
    a = ap.parse_args()
    # "ok CODE" / "refused CODE" lines, in the order the parallel adds finished.
    stored = sorted(l.split()[1] for l in open(a.added) if l.startswith("ok ")) + ["331125"]
    rng = random.Random(20260101)
    t0 = time.time()
    viewers = [Client(a.port, "viewer", "viewer-pass-1") for _ in range(a.viewers)]
    planners = [Client(a.port, f"planner{i + 1}", "planner-pass-1") for i in range(a.planners)]
    print(f"signed in {len(viewers)} viewers and {len(planners)} planners in {time.time() - t0:.1f} s "
          f"(Argon2id per sign-in); {len(stored)} counties to read")
    facilities = planners[0].rpc("get_facilities", {"county": "331125"})[1]
    # One overview of each scope, first (cold) and again (warm), before the load.
    for scope in ("331100", "330000", "000000"):
        times = []
        for _ in range(2):
            t = time.perf_counter()
            st, body = viewers[0].rpc("get_overview", {"scope": scope, "year": 2026})
            times.append(time.perf_counter() - t)
            if st != 200:
                raise SystemExit(f"get_overview {scope}: {st} {body}")
        stored_n = sum(1 for c in body["counties"] if c["stored"])
        print(f"overview {scope} ({body['scope_name']}, {len(body['counties'])} counties, {stored_n} stored): "
              f"first {times[0] * 1000:.0f} ms, again {times[1] * 1000:.0f} ms")
    if a.warm:
        # Every county read once, by 8 of the viewers at a time: the load then measures a
        # server whose answers are computed, as after it has served for a while.
        t = time.perf_counter()
        chunks = [stored[k::8] for k in range(8)]
        failed = []

        def warm(c, codes):
            for code in codes:
                st, body = c.rpc("get_dashboard", {"county": code}, parse=False)
                if st != 200:
                    failed.append((code, st))

        ws = [threading.Thread(target=warm, args=(viewers[k], chunks[k])) for k in range(8)]
        for w in ws:
            w.start()
        for w in ws:
            w.join()
        dt = time.perf_counter() - t
        print(f"warm-up: {len(stored)} dashboards read once in {dt:.1f} s ({len(stored) / dt:.0f}/s, 8 at a time), "
              f"{len(failed)} failed")
    mem_before = rss(a.pid)
    stop = time.time() + a.duration
    lock = threading.Lock()
    reads, overviews, writes, errors, conflicts = [], [], [], [], [0]
    last_written = {}

    def planner(c, i):
        fid = facilities[i]["id"]
        n = 0
        while time.time() < stop:
            t = time.perf_counter()
            st, current = c.rpc("get_facilities", {"county": "331125"})
            before = next(f for f in current if f["id"] == fid)
            after = dict(before, name=f"压测{i}-{n}")
            st, body = c.rpc("edit_facility", {"county": "331125", "author": f"planner{i + 1}", "action": "edit",
                                               "summary": after["name"], "before": before, "after": after})
            dt = time.perf_counter() - t
            with lock:
                writes.append(dt)
                if st == 200:
                    last_written[fid] = after["name"]
                elif body.get("code") == "store.conflict":
                    conflicts[0] += 1
                else:
                    errors.append((st, body.get("code"), "edit"))
            n += 1

    log_before = len(planners[0].rpc("get_change_log", {"county": "331125"})[1]["entries"])
    sessions = [(c.cookie, c.csrf) for c in viewers]
    for c in viewers:
        c.conn.close()
    seeds = [rng.random() for _ in viewers]
    out = multiprocessing.Queue()
    n = max(1, min(a.processes, len(viewers)))
    procs = [multiprocessing.Process(target=viewer_process,
                                     args=(a.port, sessions[k::n], seeds[k::n], stored, a.overview_share, stop, out))
             for k in range(n)]
    threads = [threading.Thread(target=planner, args=(c, i)) for i, c in enumerate(planners)]
    peak = {}
    for p in procs:
        p.start()
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads) or any(p.is_alive() for p in procs) and out.qsize() < n:
        m = rss(a.pid)
        peak = {k: max(peak.get(k, 0), v) for k, v in m.items()}
        time.sleep(0.5)
    for _ in procs:
        r, o, e = out.get()
        reads += r
        overviews += o
        errors += e
    for p in procs:
        p.join()
    elapsed = a.duration
    # Lost writes: each planner's facility must hold the last name it was told was saved, and
    # the log must have one entry per saved edit.
    final = planners[0].rpc("get_facilities", {"county": "331125"})[1]
    lost = sum(1 for fid, name in last_written.items() if next(f for f in final if f["id"] == fid)["name"] != name)
    log_after = len(planners[0].rpc("get_change_log", {"county": "331125"})[1]["entries"])
    saved = len(writes) - conflicts[0] - sum(1 for e in errors if e[2] == "edit")
    logged = log_after - log_before
    both = reads + overviews
    print(f"load{' (' + a.label + ')' if a.label else ''}: {a.duration:.0f} s, {len(viewers)} viewers on get_dashboard "
          f"and get_overview ({a.overview_share:.0%}) in {n} processes, {len(planners)} planners editing")
    print(f"  reads : {len(both)} requests, {len(both) / elapsed:.1f}/s, p50 {pct(both, 50):.1f} ms, "
          f"p95 {pct(both, 95):.1f} ms, p99 {pct(both, 99):.1f} ms")
    print(f"    get_dashboard: {len(reads)}, p50 {pct(reads, 50):.1f} ms, p95 {pct(reads, 95):.1f} ms, "
          f"p99 {pct(reads, 99):.1f} ms")
    print(f"    get_overview : {len(overviews)}, p50 {pct(overviews, 50):.1f} ms, p95 {pct(overviews, 95):.1f} ms, "
          f"p99 {pct(overviews, 99):.1f} ms")
    print(f"  writes: {len(writes)} edits (read + write), {len(writes) / elapsed:.1f}/s, p50 {pct(writes, 50):.1f} ms, "
          f"p95 {pct(writes, 95):.1f} ms, p99 {pct(writes, 99):.1f} ms")
    print(f"  errors: {len(errors)}{' ' + str(errors[:5]) if errors else ''}; conflicts (told): {conflicts[0]}")
    print(f"  saved edits {saved}, change-log entries added {logged} (the log keeps the newest 500: a full log adds 0), "
          f"lost writes: {lost}")
    print(f"  server RSS: {mem_before.get('VmRSS', 0):.0f} MiB before, peak {peak.get('VmRSS', 0):.0f} MiB during "
          f"(high-water {peak.get('VmHWM', 0):.0f} MiB)")


if __name__ == "__main__":
    main()
