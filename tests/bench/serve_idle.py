#!/usr/bin/env python3
"""How many idle connections it takes to stall or exhaust `brief serve`.

    python3 tests/bench/serve_idle.py [--root .] [--brief target/release/brief]
        [--counts 100,1000,5000,10000] [--mode silent|partial] [--nofile N] [--hold 3]

For each count K: starts the release `brief serve` on a free loopback port (its open-file
limit set to --nofile, or left as this shell's), opens K connections that send nothing
(`silent`) or half a request line (`partial`), then times a normal `GET` of the site and the
opening of a live-reload stream, and reads the server's threads and memory from
/proc/PID/status. Then it closes the K connections and asks again: the server must have
recovered. One line per K. Linux only (/proc); loopback only; everything it opens is closed
at the end. Standard library only.
"""

import argparse
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(pid):
    """Threads and resident memory (MiB) of `pid`, or None if it has gone."""
    try:
        text = open(f"/proc/{pid}/status").read()
    except FileNotFoundError:
        return None
    threads = int(re.search(r"Threads:\s+(\d+)", text).group(1))
    rss = int(re.search(r"VmRSS:\s+(\d+)", text).group(1)) // 1024
    return threads, rss


def timed_get(port, path, timeout):
    """(status line, seconds) of one GET, or (the error, seconds)."""
    started = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.settimeout(timeout)
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        line = data.split(b"\r\n", 1)[0].decode(errors="replace") or "closed without an answer"
        return line, time.monotonic() - started
    except OSError as e:
        return type(e).__name__, time.monotonic() - started


def timed_events(port, timeout):
    """(what the event stream's first bytes say, seconds until they came)."""
    started = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.settimeout(timeout)
            s.sendall(b"GET /__brief/events?since=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        ok = data.startswith(b"HTTP/1.1 200") and b"text/event-stream" in data
        return ("stream open" if ok else "no stream"), time.monotonic() - started
    except OSError as e:
        return type(e).__name__, time.monotonic() - started


def open_idle(port, count, mode):
    sockets, failed = [], None
    for _ in range(count):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            if mode == "partial":
                s.sendall(b"GET /briefings/ HTT")
            sockets.append(s)
        except OSError as e:
            failed = f"{type(e).__name__} after {len(sockets)}"
            break
    return sockets, failed


def probe(port, site_path, timeout):
    page, page_s = timed_get(port, site_path, timeout)
    stream, stream_s = timed_events(port, timeout)
    return f"GET {page!r} in {page_s * 1000:.0f} ms, events {stream} in {stream_s * 1000:.0f} ms"


def one_round(args, count):
    port = free_port()
    def limit():
        if args.nofile:
            resource.setrlimit(resource.RLIMIT_NOFILE, (args.nofile, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
    # To a file, not a pipe: a pipe nobody reads while the server talks would stall it.
    log = tempfile.TemporaryFile(mode="w+")
    server = subprocess.Popen(
        [args.brief, "serve", "--root", args.root, "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, text=True, preexec_fn=limit)
    try:
        line = ""
        for _ in range(600):
            log.seek(0)
            line = next((l for l in log if "Serving the site at" in l), "")
            if line or server.poll() is not None:
                break
            time.sleep(0.1)
        if not line:
            sys.exit("brief serve did not start")
        site_path = "/" + line.split("http://", 1)[1].split("/", 1)[1].split()[0]
        started = time.monotonic()
        idle, failed = open_idle(port, count, args.mode)
        opened = time.monotonic() - started
        time.sleep(args.hold)
        during = probe(port, site_path, args.timeout)
        held = status(server.pid)
        for s in idle:
            s.close()
        time.sleep(args.settle)
        after = probe(port, site_path, args.timeout)
        alive = server.poll() is None and status(server.pid) is not None
        threads = f"{held[0]} threads, {held[1]} MiB" if held else "process gone"
        rest = status(server.pid)
        print(f"K={count} {args.mode}: opened {len(idle)} in {opened:.1f} s"
              f"{' (' + failed + ')' if failed else ''}; during: {during}; {threads}; "
              f"after closing: {after}; {'alive' if alive else 'DEAD'}"
              f"{f', {rest[0]} threads' if rest else ''}", flush=True)
    finally:
        server.kill()
        server.wait()
        log.seek(0)
        out = log.read()
        if args.verbose and out:
            print(out[-2000:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=".")
    parser.add_argument("--brief", default="target/release/brief")
    parser.add_argument("--counts", default="100,1000,5000,10000")
    parser.add_argument("--mode", choices=["silent", "partial"], default="silent")
    parser.add_argument("--nofile", type=int, default=0, help="the server's open-file limit")
    parser.add_argument("--hold", type=float, default=2, help="seconds between opening and asking")
    parser.add_argument("--settle", type=float, default=2, help="seconds after closing")
    parser.add_argument("--timeout", type=float, default=10)
    parser.add_argument("--verbose", action="store_true", help="print the server's last words")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    for count in map(int, args.counts.split(",")):
        one_round(args, count)


if __name__ == "__main__":
    main()
