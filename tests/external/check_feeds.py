"""Reads every RSS feed of a built site with feedparser, as a feed reader would, and checks
that it parses cleanly and that every link is absolute under the site's base URL.
Usage: python check_feeds.py SITE_DIR BASE_URL ; prints one line per problem, exits 1 on any."""
import pathlib
import sys

import feedparser

site, base = pathlib.Path(sys.argv[1]), sys.argv[2]
problems, count = [], 0
for path in sorted(site.rglob("rss.xml")):
    count += 1
    feed = feedparser.parse(path.read_bytes())
    name = path.relative_to(site)
    if feed.bozo:
        problems.append(f"{name}: does not parse: {feed.bozo_exception}")
    if feed.version != "rss20":
        problems.append(f"{name}: version {feed.version!r}, expected rss20")
    if not feed.feed.get("link", "").startswith(base):
        problems.append(f"{name}: channel link {feed.feed.get('link')!r} is not under {base}")
    for entry in feed.entries:
        if not entry.get("link", "").startswith(base) or not entry.get("published_parsed"):
            problems.append(f"{name}: item {entry.get('title')!r} lacks an absolute link or a date")
for problem in problems:
    print(problem)
print(f"{count} feed(s): {len(problems)} problem(s)")
sys.exit(1 if problems or count == 0 else 0)
