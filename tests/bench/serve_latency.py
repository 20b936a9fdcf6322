#!/usr/bin/env python3
"""Edit-to-reload latency of `brief serve`: from the moment a file is written to the moment an
open tab's event stream says `reload` (or `styles`), the way a browser tab hears it.

    python3 tests/bench/serve_latency.py --root /tmp/corpus-10k [--runs 11] [--brief PATH]

Starts `brief serve` on a free loopback port, opens the live-reload event stream, then for each
kind of edit (a briefing's body, its title, its subject, a template) writes the file, waits for the
event, and restores the file (waiting for that rebuild too). Prints the median, minimum and
maximum of each kind. Every file it edits is restored at the end, even after a failure (a
template it had to create is removed). Standard library only.
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class EventStream:
    """The live-reload stream, read by hand so the timing is ours, not a library's."""

    def __init__(self, port, base_path, version):
        self.sock = socket.create_connection(("127.0.0.1", port))
        request = (
            f"GET /__brief/events?since={version} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Origin: http://127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        self.buffer = b""

    def next_event(self, timeout):
        """The name of the next event (skipping comments), or None on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            while b"\n\n" in self.buffer:
                block, self.buffer = self.buffer.split(b"\n\n", 1)
                for line in block.decode(errors="replace").splitlines():
                    if line.startswith("event: "):
                        return line[len("event: "):]
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return None
            if not chunk:
                raise RuntimeError("the event stream closed")
            self.buffer += chunk


def page_version(port, path):
    """The site version the server injects into each page, to start the stream from."""
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    match = re.search(rb'data-version="(\d+)"', data)
    if not match:
        raise RuntimeError(f"no live-reload script in {path}")
    return int(match.group(1))


def pick_briefing(root):
    files = sorted((root / "content" / "briefings").rglob("*.md"))
    return files[len(files) // 2]


def edits(root):
    """(name, file, edit function) for each kind of change measured."""
    briefing = pick_briefing(root)
    text = briefing.read_text(encoding="utf-8")
    subject = re.search(r"^subject: (.*)$", text, re.M)
    template = root / "themes" / "default" / "templates" / "partials" / "card.html"

    def body(n):
        return text + f"\nAn edit for the benchmark, number {n}.\n"

    title = re.search(r"^title: (.*)$", text, re.M)

    def title_change(n):
        return text.replace(title.group(0), f"title: {title.group(1)} (take {n})", 1)

    # A new person has no profile to take age and nationality from: the briefing gives them.
    missing = "".join(
        f"\n{key}: {value}"
        for key, value in [("age", 50), ("nationality", "Westphalian")]
        if not re.search(rf"^{key}:", text, re.M)
    )

    def subject_change(n):
        return text.replace(subject.group(0), f"subject: Benchmark Person {n}{missing}", 1)

    date = re.search(r"^date: (\d{4})-(\d\d-\d\d)\s*$", text, re.M)

    def date_change(n):
        # A year earlier, or two: the briefing moves down the lists, past others.
        year = int(date.group(1)) - 1 - n % 2
        return text.replace(date.group(0), f"date: {year}-{date.group(2)}", 1)

    kinds = [("body edit", briefing, text, body)]
    if title:
        kinds.append(("title edit", briefing, text, title_change))
    if subject:
        kinds.append(("subject change", briefing, text, subject_change))
    if date:
        kinds.append(("date change", briefing, text, date_change))
    # A new briefing, the newest of the site (every home page moves), removed after each run.
    new = briefing.with_name("9999-benchmark-new-briefing.md")
    newest = re.sub(r"^date: .*\n", "", text, count=1, flags=re.M)
    newest = re.sub(
        r"^title: .*$", "title: A briefing new to the site\ndate: 2026-01-01", newest, count=1, flags=re.M
    )
    kinds.append(("new briefing", new, None, lambda n: newest + f"\nNew, number {n}.\n"))
    return kinds, template


# A person saves now and then, not in a burst: serve holds changes that follow another within
# 150 ms until the burst is over, so each measured save comes after a pause longer than that.
PAUSE = 0.4


def measure(stream, path, content, timeout=60):
    """Time from writing `content` to `path` (or deleting it, for None) to the reload event."""
    time.sleep(PAUSE)
    # An event still on its way (one write can be two rebuilds) must not end this measurement.
    while stream.next_event(0.05) is not None:
        pass
    started = time.monotonic()
    if content is None:
        path.unlink()
    else:
        path.write_text(content, encoding="utf-8")
    while True:
        event = stream.next_event(timeout)
        if event is None:
            raise RuntimeError(f"no event within {timeout} s after writing {path}")
        if event in ("reload", "styles"):
            return time.monotonic() - started
        if event == "problems":
            raise RuntimeError(f"the edit of {path} broke the build")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--brief", default="target/release/brief")
    parser.add_argument("--template", action="store_true", default=True)
    args = parser.parse_args()
    root = args.root.resolve()
    port = free_port()
    server = subprocess.Popen(
        [args.brief, "serve", "--root", str(root), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    template = None
    template_before = None
    created_template = False
    kinds = []
    try:
        line = server.stdout.readline()
        while "Serving the site at" not in line:
            if not line:
                sys.exit("brief serve stopped before serving")
            line = server.stdout.readline()
        url = line.split("Serving the site at ", 1)[1].split()[0]
        base_path = "/" + url.split("/", 3)[3]
        stream = EventStream(port, base_path, page_version(port, base_path))
        kinds, template = edits(root)
        results = {}
        for name, path, original, edit in kinds:
            times = []
            for n in range(args.runs):
                times.append(measure(stream, path, edit(n)))
                measure(stream, path, original)
            results[name] = times
        # A site with its own card template (the repository's example site is one) gets it back.
        if template.exists():
            template_before = template.read_text(encoding="utf-8")
        else:
            created_template = True
        template.parent.mkdir(parents=True, exist_ok=True)
        card = template_before or template_text()
        times = []
        for n in range(max(3, args.runs // 2)):
            times.append(measure(stream, template, card + f"\n{{# benchmark {n} #}}\n"))
        results["template change"] = times
        for name, times in results.items():
            ms = [t * 1000 for t in times]
            print(
                f"{name:>16}: median {statistics.median(ms):7.1f} ms"
                f"  (min {min(ms):.1f}, max {max(ms):.1f}, {len(ms)} runs)"
            )
    finally:
        for _, path, original, _ in kinds:
            if original is not None:
                path.write_text(original, encoding="utf-8")
            elif path.exists():
                path.unlink()
        if template_before is not None:
            template.write_text(template_before, encoding="utf-8")
        elif created_template and template.exists():
            template.unlink()
            for folder in [template.parent, template.parent.parent, template.parent.parent.parent]:
                try:
                    folder.rmdir()
                except OSError:
                    break
        server.terminate()
        server.wait()


def template_text():
    """The default theme's card template, from the repository."""
    here = Path(__file__).resolve().parents[2]
    return (here / "themes" / "default" / "templates" / "partials" / "card.html").read_text()


if __name__ == "__main__":
    main()
