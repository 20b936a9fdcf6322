// Reads every JSON Feed (feed.json) of a built site with feedsmith, as a feed reader would, and
// checks the spec's rules (https://jsonfeed.org/version/1.1): the version, a title, absolute
// URLs under the site's base URL that name files of the site, unique item ids, content, RFC 3339
// dates, newest first, and the same number of items as the RSS feed beside it.
// Usage: node check_json_feeds.mjs SITE_DIR BASE_URL ; one line per problem, exits 1 on any.
import fs from 'node:fs';
import path from 'node:path';
import { parseFeed } from 'feedsmith';

const [site, base] = process.argv.slice(2);
const problems = [];
const feeds = fs.readdirSync(site, { recursive: true })
  .filter((file) => path.basename(file) === 'feed.json')
  .sort();

const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

// The file of the site that an absolute URL under the base URL names, if any.
function fileOf(url) {
  if (typeof url !== 'string' || !url.startsWith(base)) return null;
  let relative = decodeURIComponent(url.slice(base.length).split('#')[0]);
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const file = path.join(site, relative);
  return fs.existsSync(file) ? file : null;
}

function check(name, text) {
  const say = (problem) => problems.push(`${name}: ${problem}`);
  let parsed;
  try {
    const raw = JSON.parse(text);
    if (raw.version !== 'https://jsonfeed.org/version/1.1') say(`version ${raw.version}`);
    parsed = parseFeed(text);
  } catch (error) {
    return say(`feedsmith cannot read it: ${error.message}`);
  }
  if (parsed.format !== 'json') return say(`feedsmith reads it as ${parsed.format}`);
  const feed = parsed.feed;
  if (!feed.title) say('no title');
  if (feed.feed_url !== base + name.split(path.sep).join('/')) say(`feed_url ${feed.feed_url}`);
  if (!fileOf(feed.home_page_url)) say(`home_page_url ${feed.home_page_url} names no page`);
  const ids = new Set();
  let last = '9999';
  for (const item of feed.items ?? []) {
    const where = `item ${item.id}`;
    if (typeof item.id !== 'string' || ids.has(item.id)) say(`${where}: missing or repeated id`);
    ids.add(item.id);
    if (!fileOf(item.url)) say(`${where}: url ${item.url} names no page`);
    if (!item.content_html) say(`${where}: no content_html`);
    if (!rfc3339.test(item.date_published ?? '')) say(`${where}: date ${item.date_published}`);
    if (item.date_published > last) say(`${where}: not newest first`);
    last = item.date_published;
    for (const link of (item.content_html ?? '').matchAll(/(?:href|src)="([^"]*)"/g)) {
      if (!/^(https?:|mailto:)/.test(link[1])) say(`${where}: relative link ${link[1]}`);
    }
  }
  const rss = path.join(site, path.dirname(name), 'rss.xml');
  if (fs.existsSync(rss)) {
    const rssItems = fs.readFileSync(rss, 'utf8').split('<item>').length - 1;
    if (rssItems !== (feed.items ?? []).length) say(`${feed.items.length} items, rss.xml ${rssItems}`);
  }
}

for (const name of feeds) {
  check(name, fs.readFileSync(path.join(site, name), 'utf8'));
}
for (const problem of problems) console.log(problem);
console.log(`${feeds.length} JSON feed(s): ${problems.length} problem(s)`);
process.exit(problems.length || feeds.length === 0 ? 1 : 0);
