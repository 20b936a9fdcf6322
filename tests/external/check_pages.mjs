// Opens pages of a built site in headless Chromium, as a reader would, and reports what a
// reader would suffer: console errors, failed or off-site requests, sideways scrolling on a
// phone, and serious accessibility violations found by axe-core.
// Usage: node check_pages.mjs BASE_URL PATH... ; prints one line per problem, exits 1 on any.
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = require("fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [base, ...paths] = process.argv.slice(2);
const origin = new URL(base).origin;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const problems = [];
for (const width of [390, 1280]) {
  const page = await browser.newPage({ viewport: { width, height: 844 } });
  await page.route("**/*", (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort());
  page.on("console", (m) => m.type() === "error" && problems.push(`${page.url()}: console error: ${m.text()}`));
  page.on("requestfailed", (r) => problems.push(`${page.url()}: request failed or left the site: ${r.url()}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${page.url()}: HTTP ${r.status()} for ${r.url()}`));
  for (const path of paths) {
    const url = new URL(path, base).href;
    const response = await page.goto(url, { waitUntil: "load" });
    if (!response || response.status() !== 200) problems.push(`${url}: status ${response && response.status()}`);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    if (sideways) problems.push(`${url}: scrolls sideways at ${width}px`);
    if (width === 390) {
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => await window.axe.run(document));
      for (const v of result.violations.filter((v) => ["serious", "critical"].includes(v.impact))) {
        problems.push(`${url}: axe ${v.impact}: ${v.id}: ${v.help} (${v.nodes.length} element(s))`);
      }
    }
  }
  await page.close();
}
await browser.close();
for (const p of problems) console.log(p);
console.log(`${paths.length} page(s) at 2 widths: ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
