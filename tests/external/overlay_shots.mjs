// The problems overlay of `brief serve` as a member sees it, in headless Chromium: opens PAGE_URL,
// waits for the overlay, checks that it says EXPECTED, fits the width, and that its Hide button
// hides it; takes a screenshot at a phone's width (390 px) and a desktop's (1280 px).
// Usage: node overlay_shots.mjs PAGE_URL EXPECTED OUT_PREFIX
//   writes OUT_PREFIX-390.png and OUT_PREFIX-1280.png; prints one line per step, exits 1 on any
//   failure.
import { launch } from "./browser.mjs";

const [url, expected, prefix] = process.argv.slice(2);
if (!url || !expected || !prefix) {
  console.log("usage: node overlay_shots.mjs PAGE_URL EXPECTED OUT_PREFIX");
  process.exit(2);
}
const origin = new URL(url).origin;
const browser = await launch();
let failures = 0;
function step(ok, text) {
  console.log(`${ok ? "ok" : "FAILED"}: ${text}`);
  if (!ok) failures += 1;
  return ok;
}

try {
  for (const width of [390, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 844 } });
    await page.route("**/*", (route) =>
      route.request().url().startsWith(origin) ? route.continue() : route.abort());
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url, { waitUntil: "load" });
    const overlay = page.locator("#brief_problems");
    await overlay.waitFor({ timeout: 10_000 });
    const text = await overlay.innerText();
    step(text.includes(expected), `${width} px: the overlay says "${expected}"`);
    const box = await overlay.boundingBox();
    step(box !== null && box.width <= width && box.x >= 0, `${width} px: the overlay fits the width`);
    const sideways = await page.evaluate(() =>
      document.documentElement.scrollWidth > document.documentElement.clientWidth);
    step(!sideways, `${width} px: no sideways scrolling`);
    await page.screenshot({ path: `${prefix}-${width}.png` });
    const quiet = (await overlay.getAttribute("role")) === "status";
    await page.getByRole("button", { name: "Hide" }).click();
    step(await overlay.count() === 0, `${width} px: Hide hides the overlay`);
    // Hidden warnings stay hidden on reload; errors come back.
    await page.reload({ waitUntil: "load" });
    await page.waitForTimeout(1500);
    const back = await overlay.count() === 1;
    step(back !== quiet, `${width} px: after a reload the ${quiet ? "warnings stay hidden" : "errors are shown again"}`);
    step(errors.length === 0, `${width} px: no script errors${errors.length ? ": " + errors.join("; ") : ""}`);
    await page.close();
  }
} catch (e) {
  step(false, `${e.message}`);
} finally {
  await browser.close();
}
console.log(`overlay: ${failures} failure(s)`);
process.exit(failures ? 1 : 0);
