// The search page as a reader uses it, in headless Chromium: type into the box, see the
// matching briefings. Usage: node check_search.mjs SEARCH_PAGE_URL (QUERY EXPECTED_HREF_PART)...
// For each pair it types QUERY and checks that a result links to a URL containing
// EXPECTED_HREF_PART (the first result, for a person's page: people come first) and that every
// result's date reads as the pages date briefings ("Friday (January 14th), 2022"); then it opens SEARCH_PAGE_URL?q=QUERY of the first pair and checks that the
// results come without typing. Prints one line per problem and the results it saw; exits 1 on any.
import { chromium } from "playwright-core";

const [pageUrl, ...pairs] = process.argv.slice(2);
const origin = new URL(pageUrl).origin;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
await page.route("**/*", (route) =>
  route.request().url().startsWith(origin) ? route.continue() : route.abort());
const problems = [];
page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
page.on("pageerror", (e) => problems.push(`uncaught exception: ${e.message}`));

async function results() {
  await page.waitForFunction(() => {
    const s = document.getElementById("search_status").textContent;
    return s && !s.startsWith("Searching");
  }, null, { timeout: 5000 });
  return page.$$eval("#search_results a", (links) => links.map((a) => a.getAttribute("href")));
}

await page.goto(pageUrl, { waitUntil: "load" });
for (let i = 0; i + 1 < pairs.length; i += 2) {
  const [query, expected] = [pairs[i], pairs[i + 1]];
  await page.fill("#search_query", "");
  await page.locator("#search_query").pressSequentially(query, { delay: 20 });
  await page.waitForFunction((q) => document.getElementById("search_status").textContent.includes(q), query);
  const hrefs = await results();
  console.log(`${query}: ${hrefs.join(" ")}`);
  if (!hrefs.some((h) => h.includes(expected))) problems.push(`typing “${query}” did not find ${expected}`);
  if (expected.includes("/people/") && !(hrefs[0] || "").includes(expected)) {
    problems.push(`typing “${query}” did not list ${expected} first`);
  }
  const dates = await page.$$eval("#search_results time", (times) => times.map((t) => t.textContent));
  for (const d of dates.filter((d) => !/^[A-Z][a-z]+day \([A-Z][a-z]+ \d{1,2}(st|nd|rd|th)\), \d{4}$/.test(d))) {
    problems.push(`typing “${query}” showed the date “${d}”, not in the house style`);
  }
}
const url = new URL(pageUrl);
url.searchParams.set("q", pairs[0]);
await page.goto(url.href, { waitUntil: "load" });
const linked = await results();
if (!linked.some((h) => h.includes(pairs[1]))) problems.push(`${url.href} did not find ${pairs[1]}`);
await browser.close();
for (const p of problems) console.log(p);
process.exit(problems.length ? 1 : 0);
