// Full-page screenshots of each kind of page of a built site, at a phone's width (390 px) and a
// desktop's (1280 px), in the light and the dark scheme, for a reviewer to look at.
//
// Usage: node tests/external/screenshots.mjs SITE_DIR OUT_DIR [PATH...]
//   e.g. cargo run --release -- build --output /tmp/site
//        node tests/external/screenshots.mjs /tmp/site /tmp/shots
// Without PATHs it takes the home page, the first briefing, person and tag of the sitemap, the
// people index, and the search page with a query. It writes OUT_DIR/<page>-<width>-<scheme>.png
// and prints, like check_pages.mjs, any console error, failed request or sideways scrolling.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { basePath, serve } from "./static_server.mjs";

const [siteDir, outDir, ...given] = process.argv.slice(2);
if (!siteDir || !outDir) {
  console.error("usage: node screenshots.mjs SITE_DIR OUT_DIR [PATH...]");
  process.exit(2);
}
const base = await basePath(siteDir);
const server = await serve(siteDir, base);
const paths = given.length ? given : await defaultPaths(siteDir, base);
await mkdir(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const problems = [];
for (const scheme of ["light", "dark"]) {
  for (const width of [390, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 844 }, colorScheme: scheme });
    const origin = new URL(server.url).origin;
    await page.route("**/*", (route) =>
      route.request().url().startsWith(origin) ? route.continue() : route.abort());
    page.on("console", (m) => m.type() === "error" && problems.push(`${page.url()}: console error: ${m.text()}`));
    page.on("requestfailed", (r) => problems.push(`${page.url()}: request failed: ${r.url()}`));
    for (const path of paths) {
      const url = new URL(path, server.url).href;
      await page.goto(url, { waitUntil: "networkidle" });
      if (await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)) {
        problems.push(`${url}: scrolls sideways at ${width}px`);
      }
      const name = (path.replace(/[?#].*$/, "").replace(/^\.?\/?|\/$/g, "").replace(/[/.]+/g, "_") || "home");
      const file = join(outDir, `${name}-${width}-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await page.close();
  }
}
await browser.close();
await server.close();
for (const p of problems) console.log(p);
process.exit(problems.length ? 1 : 0);

/** One page of each kind, found in the sitemap. */
async function defaultPaths(dir, base) {
  const sitemap = await readFile(join(dir, "sitemap.xml"), "utf8");
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname.slice(base.length));
  const first = (re) => locs.find((l) => re.test(l));
  return ["./", first(/^briefings\/[^/]+\/$/), "people/", first(/^people\/[^/]+\/$/),
          first(/^tags\/[^/]+\/$/), "search/?q=lavrov"].filter(Boolean);
}
