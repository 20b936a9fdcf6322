// Opens pages of a built site in headless Chromium, as a reader would, and reports what a
// reader would suffer: console errors, failed or off-site requests, sideways scrolling at a
// phone's width (390 px) and a desktop's (1280 px), any accessibility violation found by
// axe-core in the light and the dark colour scheme, keyboard focus that cannot be seen, and
// layout shift while the page loads (cumulative layout shift over 0.01).
// Usage: node check_pages.mjs BASE_URL PATH... ; prints one line per problem, exits 1 on any.
import { createRequire } from "node:module";
import { launch } from "./browser.mjs";

const require = createRequire(import.meta.url);
const axeSource = require("fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [base, ...paths] = process.argv.slice(2);
const origin = new URL(base).origin;
/** How many Tab presses the focus check follows on each page. */
const TABS = 40;

const browser = await launch();
const problems = [];
for (const [width, scheme] of [[390, "light"], [390, "dark"], [1280, "light"], [1280, "dark"]]) {
  const page = await browser.newPage({ viewport: { width, height: 844 }, colorScheme: scheme });
  await page.route("**/*", (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort());
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  page.on("console", (m) => m.type() === "error" && problems.push(`${page.url()}: console error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`${page.url()}: uncaught exception: ${e.message}`));
  // A request cut short because the test moved on to the next page (the icon, fetched after
  // "load") is ERR_ABORTED; off-site requests are refused with ERR_FAILED, and missing files
  // show up as HTTP errors below.
  page.on("requestfailed", (r) => r.failure()?.errorText !== "net::ERR_ABORTED" &&
    problems.push(`${page.url()}: request failed or left the site: ${r.url()} (${r.failure()?.errorText})`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${page.url()}: HTTP ${r.status()} for ${r.url()}`));
  for (const path of paths) {
    const url = new URL(path, base).href;
    const response = await page.goto(url, { waitUntil: "load" });
    if (!response || response.status() !== 200) problems.push(`${url}: status ${response && response.status()}`);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    if (sideways) problems.push(`${url}: scrolls sideways at ${width}px`);
    const shift = await page.evaluate(() => new Promise((resolve) =>
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(window.__shift)))));
    if (shift > 0.01) problems.push(`${url}: layout shifts while loading (CLS ${shift.toFixed(3)}) at ${width}px`);
    // Contrast depends on the scheme, layout on the width: axe runs in both schemes at a
    // phone's width, and in the light one on a desktop.
    if (width === 390 || scheme === "light") {
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => await window.axe.run(document));
      for (const v of result.violations) {
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ");
        problems.push(`${url} (${width}px, ${scheme}): axe ${v.impact}: ${v.id}: ${v.help} at ${where}`);
      }
    }
    if (width === 1280 && scheme === "light") {
      for (const p of await unseenFocus(page)) problems.push(`${url}: ${p}`);
    }
  }
  await page.close();
}
await browser.close();
for (const p of problems) console.log(p);
console.log(`${paths.length} page(s) at 2 widths in 2 schemes: ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);

/** Tabs through the page; every element that takes the focus must show an outline. */
async function unseenFocus(page) {
  const found = [];
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  for (let i = 0; i < TABS; i++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
      const label = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " “" + (el.textContent || el.value || "").trim().slice(0, 30) + "”";
      return { outline, label };
    });
    if (!focus) break;
    if (!focus.outline) found.push(`keyboard focus is not visible on ${focus.label}`);
  }
  return found;
}
