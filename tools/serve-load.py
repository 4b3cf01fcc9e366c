#!/usr/bin/env python3
"""Bounded load test of `newslint serve` on loopback.

    cargo build --release
    python3 tools/serve-load.py                 # starts target/release/newslint serve
    python3 tools/serve-load.py --url http://127.0.0.1:8081/   # a server already running

Three parts, each bounded in time and count, printing its figures:

1. Load: CLIENTS clients (default 16), each on its own keep-alive
   connection, check ~1,000-word stories (samples/flood-1000.txt with its
   paragraphs shuffled and a few letters swapped, so no two requests are
   alike) for SECONDS seconds (default 30), alternating the
   LanguageTool-compatible /v2/check and the native /api/check. Reports
   requests, errors (anything but 200), throughput and p50/p90/p99 latency.
2. Oversize: a 20 MB body must get 413, and the server must still answer.
3. Idle: IDLE connections (default 1,000) opened and left idle (a quarter
   with half a request), then a shorter load run must still get only 200s.

Only the standard library; only loopback addresses. Exits 1 if any part
fails (an error in the load, no 413, a request refused while idle).
"""

import argparse
import http.client
import json
import os
import random
import re
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def make_stories(path, n, seed=7):
    """`n` different ~1,000-word stories from one: paragraphs shuffled
    (the dateline first), three letters swapped in random words."""
    text = open(path, encoding="utf-8").read().strip()
    paras = text.split("\n\n")
    rng = random.Random(seed)
    stories = []
    for _ in range(n):
        body = paras[1:]
        rng.shuffle(body)
        words = ("\n\n".join([paras[0]] + body)).split(" ")
        for _ in range(3):
            i = rng.randrange(len(words))
            w = words[i]
            if len(w) > 4 and w.isalpha():
                j = rng.randrange(1, len(w) - 2)
                words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        stories.append(" ".join(words))
    return stories


class Target:
    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        self.host = u.hostname
        self.port = u.port or 80
        ip = socket.gethostbyname(self.host)
        if not ip.startswith("127.") and ip != "::1":
            sys.exit("serve-load: only loopback addresses may be load-tested (got %s)" % ip)

    def conn(self):
        return http.client.HTTPConnection(self.host, self.port, timeout=60)


def check_request(conn, story, native):
    if native:
        body = json.dumps({"text": story, "dialect": "en-GB"}).encode()
        conn.request("POST", "/api/check", body, {"Content-Type": "application/json"})
    else:
        body = urllib.parse.urlencode({"text": story, "language": "en-GB"}).encode()
        conn.request("POST", "/v2/check", body, {"Content-Type": "application/x-www-form-urlencoded"})
    r = conn.getresponse()
    data = r.read()
    return r.status, data


def load(target, stories, clients, seconds, words_per_story):
    lat = []
    errors = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    count = [0]

    def client(k):
        conn = target.conn()
        i = k
        mine = []
        while time.monotonic() < deadline:
            story = stories[i % len(stories)]
            t0 = time.perf_counter()
            try:
                status, data = check_request(conn, story, native=i % 2 == 1)
                if status != 200:
                    with lock:
                        errors.append("HTTP %d: %s" % (status, data[:120]))
            except Exception as e:  # a dropped connection is an error too
                with lock:
                    errors.append(repr(e))
                conn.close()
                conn = target.conn()
            mine.append(time.perf_counter() - t0)
            i += clients
        conn.close()
        with lock:
            lat.extend(mine)
            count[0] += len(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    n = count[0]
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": n,
        "errors": len(errors),
        "first_errors": errors[:3],
        "requests_per_s": round(n / elapsed, 1),
        "words_per_s": round(n * words_per_story / elapsed),
        "p50_ms": round(percentile(lat, 50) * 1000, 1),
        "p90_ms": round(percentile(lat, 90) * 1000, 1),
        "p99_ms": round(percentile(lat, 99) * 1000, 1),
        "max_ms": round(max(lat) * 1000, 1) if lat else None,
        "mean_ms": round(statistics.mean(lat) * 1000, 1) if lat else None,
    }


def oversize(target, size=20 * 1024 * 1024):
    """Sends a 20 MB body without waiting, reads the answer meanwhile."""
    s = socket.create_connection((target.host, target.port), timeout=30)
    s.sendall(
        (
            "POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: %d\r\n\r\n" % size
        ).encode()
    )

    def send():
        chunk = b"a" * 65536
        sent = 0
        try:
            while sent < size:
                s.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the server answered and closed: expected

    t = threading.Thread(target=send)
    t0 = time.perf_counter()
    t.start()
    head = s.recv(4096).decode("latin-1")
    ms = (time.perf_counter() - t0) * 1000
    t.join()
    s.close()
    status = int(head.split()[1]) if head.startswith("HTTP/") else None
    conn = target.conn()
    conn.request("GET", "/healthz")
    health = conn.getresponse()
    health.read()
    status_after, _ = check_request(conn, "The troups left.", native=False)
    conn.close()
    return {
        "status": status,
        "answered_in_ms": round(ms, 1),
        "healthz_after": health.status,
        "check_after": status_after,
    }


def idle(target, n, stories, words_per_story, seconds):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = n + 256
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))
    socks = []
    opened_in = time.perf_counter()
    for i in range(n):
        s = socket.create_connection((target.host, target.port), timeout=10)
        if i % 4 == 0:
            s.sendall(b"POST /v2/check HTTP/1.1\r\nHost: x\r\n")
        socks.append(s)
    opened_ms = (time.perf_counter() - opened_in) * 1000
    during = load(target, stories, 16, seconds, words_per_story)
    # Still open? (the server closes a connection that sends no complete
    # request head for 30 s; this runs well within that)
    still = 0
    for s in socks:
        s.setblocking(False)
        try:
            s.recv(1)  # closed (b"") or an unexpected answer: not idle any more
        except BlockingIOError:
            still += 1
        except OSError:
            pass
        s.close()
    return {"idle": n, "opened_ms": round(opened_ms), "still_open": still, "load_meanwhile": during}


def start_server(binary):
    p = subprocess.Popen(
        [binary, "serve", "--listen", "127.0.0.1:0", "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in p.stderr:
        m = re.search(r'"url":"([^"]+)"', line)
        if m:
            return p, m.group(1)
    p.wait()
    sys.exit("serve-load: the server did not start")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running server (default: start target/release/newslint)")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/newslint"))
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--idle", type=int, default=1000)
    ap.add_argument("--idle-seconds", type=float, default=10)
    ap.add_argument("--story", default=os.path.join(ROOT, "samples/flood-1000.txt"))
    args = ap.parse_args()
    if args.clients > 64 or args.seconds > 300 or args.idle > 5000:
        sys.exit("serve-load: keep it bounded (at most 64 clients, 300 s, 5,000 idle connections)")
    server = None
    url = args.url
    if not url:
        if not os.path.exists(args.bin):
            sys.exit("serve-load: no %s: run `cargo build --release` first, or pass --url" % args.bin)
        server, url = start_server(args.bin)
    target = Target(url)
    stories = make_stories(args.story, 200)
    words = round(statistics.mean(len(s.split()) for s in stories))
    report = {"url": url, "story_words": words, "cores": os.cpu_count()}
    ok = True
    try:
        report["load"] = load(target, stories, args.clients, args.seconds, words)
        ok &= report["load"]["errors"] == 0
        report["oversize_20mb"] = oversize(target)
        o = report["oversize_20mb"]
        ok &= o["status"] == 413 and o["healthz_after"] == 200 and o["check_after"] == 200
        report["idle_connections"] = idle(target, args.idle, stories, words, args.idle_seconds)
        i = report["idle_connections"]
        ok &= i["load_meanwhile"]["errors"] == 0 and i["still_open"] == args.idle
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps(report, indent=2))
    L = report["load"]
    print(
        "\nload: %d clients, %.0f s, %d requests, %d errors, %.1f req/s (%d words/s), p50 %.1f ms, p99 %.1f ms"
        % (L["clients"], L["seconds"], L["requests"], L["errors"], L["requests_per_s"], L["words_per_s"], L["p50_ms"], L["p99_ms"])
    )
    o = report["oversize_20mb"]
    print("20 MB body: HTTP %s in %.1f ms; afterwards /healthz %s, a check %s" % (o["status"], o["answered_in_ms"], o["healthz_after"], o["check_after"]))
    i = report["idle_connections"]
    m = i["load_meanwhile"]
    print(
        "%d idle connections (%d still open after): meanwhile %d requests, %d errors, p50 %.1f ms, p99 %.1f ms"
        % (i["idle"], i["still_open"], m["requests"], m["errors"], m["p50_ms"], m["p99_ms"])
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
