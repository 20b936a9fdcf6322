#!/usr/bin/env python3
"""Convert a brief corpus made by gen_corpus.py into a Hugo content folder.

    python3 tests/bench/to_hugo.py CORPUS_DIR HUGO_CONTENT_DIR

Reads CORPUS_DIR/content/briefings/**.md and CORPUS_DIR/content/people/*.md and writes, for the
Hugo site in tests/bench/hugo/:
  briefings/<year>/<stem>.md          one page per briefing (JSON front matter, body kept)
  people/<slug>/_index.md             a term page per person (profile bio when there is one)
  nationalities/<slug>/_index.md      a term page per nationality (for its display name)
Taxonomy terms are brief's slugs, so Hugo's URLs match brief's (/people/<slug>/, ...). What brief
computes itself is computed here: aliases resolve to the profile's name, age and nationality of
profiled people come from the profile, a missing date comes from the file name. Relative links
to .md files become site paths. Only understands the YAML subset gen_corpus.py writes.
Standard library only.
"""

import datetime
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_corpus import slugify  # noqa: E402  (brief's slug rules, as the generator reproduces them)

_DEC = json.JSONDecoder()


def scalar(text):
    text = text.strip()
    if text.startswith('"'):
        return _DEC.raw_decode(text)[0]
    return text


def flow(text):
    """[a, "b, c", d] -> list of strings."""
    text = text.strip()
    if not text.startswith("["):
        return [scalar(text)]
    s, i, out = text[1:-1], 0, []
    while i < len(s):
        while i < len(s) and s[i] in " ,":
            i += 1
        if i >= len(s):
            break
        if s[i] == '"':
            val, end = _DEC.raw_decode(s, i)
            out.append(val)
            i = end
        else:
            j = s.find(",", i)
            j = len(s) if j < 0 else j
            out.append(s[i:j].strip())
            i = j
    return out


def split_front_matter(text):
    assert text.startswith("---\n"), "no front matter"
    end = text.index("\n---\n", 3)
    return text[4:end].split("\n"), text[end + 5:]


def parse_front_matter(lines):
    fm, i = {}, 0
    while i < len(lines):
        line = lines[i]
        key, _, value = line.partition(":")
        value = value.strip()
        if value == "" and key == "sources":
            items = []
            i += 1
            while i < len(lines) and lines[i].startswith("  "):
                k, _, v = lines[i].strip().lstrip("- ").partition(":")
                if lines[i].strip().startswith("- "):
                    items.append({})
                items[-1][k.strip()] = scalar(v)
                i += 1
            fm["sources"] = items
            continue
        fm[key.strip()] = value
        i += 1
    return fm


def age_at(born, day):
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


_LINK_PEOPLE = re.compile(r"\]\((?:\.\./)+people/([^)/]+)\.md\)")
_LINK_BRIEFING = re.compile(r"\]\((?:\.\./)+(?:briefings/)?\d{4}/([^)/]+)\.md\)")


def fix_links(body):
    body = _LINK_PEOPLE.sub(r"](/people/\1/)", body)
    return _LINK_BRIEFING.sub(r"](/briefings/\1/)", body)


def write(path, front, body):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(front, ensure_ascii=False, indent=1) + "\n" + body)


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    corpus, out = argv[1], argv[2]
    if os.path.isdir(out):
        shutil.rmtree(out)
    people = {}  # slug -> dict(name, slug, profile fields...)
    by_name = {}  # slug of any name or alias -> person
    nationalities = {}  # slug -> display name

    pdir = os.path.join(corpus, "content", "people")
    for fn in sorted(os.listdir(pdir)) if os.path.isdir(pdir) else []:
        with open(os.path.join(pdir, fn), encoding="utf-8") as f:
            lines, body = split_front_matter(f.read())
        fm = parse_front_matter(lines)
        p = dict(name=scalar(fm["name"]), slug=fn[:-3], aliases=flow(fm.get("aliases", "[]")),
                 born=datetime.date.fromisoformat(fm["born"]), nationality=flow(fm["nationality"]),
                 bio=fix_links(body), profiled=True)  # "aliases" means redirects to Hugo
        people[p["slug"]] = p
        for n in [p["name"]] + p["aliases"]:
            by_name[slugify(n)] = p

    def person(name):
        s = slugify(name)
        p = by_name.get(s)
        if p is None:
            p = people.setdefault(s, dict(name=name, slug=s, profiled=False))
        return p

    count = 0
    bdir = os.path.join(corpus, "content", "briefings")
    for dirpath, _, files in os.walk(bdir):
        for fn in sorted(files):
            if not fn.endswith(".md"):
                continue
            with open(os.path.join(dirpath, fn), encoding="utf-8") as f:
                lines, body = split_front_matter(f.read())
            fm = parse_front_matter(lines)
            stem = fn[:-3]
            day = datetime.date.fromisoformat(fm.get("date") or stem[:10])
            subj = person(scalar(fm["subject"]))
            if subj["profiled"]:
                age, nats = age_at(subj["born"], day), subj["nationality"]
            else:
                age, nats = int(fm["age"]) if "age" in fm else None, flow(fm.get("nationality", "[]"))
            nat_items = []
            for n in nats:
                nationalities[slugify(n)] = n
                nat_items.append(dict(name=n, slug=slugify(n)))
            others = [person(n) for n in flow(fm.get("who-else-cares", "[]"))]
            authors = flow(fm["author"]) if "author" in fm else []
            front = {
                "title": scalar(fm["title"]),
                "date": day.isoformat(),
                "subject": subj["name"],
                "subject_slug": subj["slug"],
                "age": age,
                "nationality": nat_items,
                "care_rating": int(fm["care-rating"]),
                "authors": authors,
                "who_else": [dict(name=o["name"], slug=o["slug"]) for o in others],
                "sources": fm.get("sources", []),
                "people": [subj["slug"]] + [o["slug"] for o in others],
                "tags": flow(fm.get("tags", "[]")),
                "nationalities": [n["slug"] for n in nat_items],
            }
            if "summary" in fm:
                front["summary"] = scalar(fm["summary"])
            write(os.path.join(out, "briefings", os.path.basename(dirpath), fn), front, fix_links(body))
            count += 1

    write(os.path.join(out, "people", "_index.md"), {"title": "People"}, "")
    write(os.path.join(out, "tags", "_index.md"), {"title": "Tags"}, "")
    write(os.path.join(out, "nationalities", "_index.md"), {"title": "Nationalities"}, "")
    for p in people.values():
        # Hugo 0.111 would take a term page's URL from its title; pin it to brief's slug.
        front = {"title": p["name"], "url": f"/people/{p['slug']}/"}
        if p["profiled"]:
            front.update(born=p["born"].isoformat(), also_known_as=p["aliases"], nationality=p["nationality"])
        write(os.path.join(out, "people", p["slug"], "_index.md"), front, p.get("bio", ""))
    for slug, name in nationalities.items():
        write(os.path.join(out, "nationalities", slug, "_index.md"), {"title": name, "url": f"/nationalities/{slug}/"}, "")
    print(f"to_hugo: {count} briefings, {len(people)} people, {len(nationalities)} nationalities -> {out}",
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
