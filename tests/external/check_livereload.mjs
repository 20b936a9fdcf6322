// Live reload as an editor sees it, in headless Chromium against `brief serve`: open a briefing,
// change its file on disk and see the new text with no manual reload; break its front matter and
// see the problems overlay naming the file; restore the file and see the overlay go and the page
// come back. The file is restored whatever happens.
// Usage: node check_livereload.mjs PAGE_URL FILE ; prints one line per step, exits 1 on any failure.
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { launch } from "./browser.mjs";

const [url, file] = process.argv.slice(2);
if (!url || !file) {
  console.log("usage: node check_livereload.mjs PAGE_URL FILE");
  process.exit(2);
}
const origin = new URL(url).origin;
const original = readFileSync(file, "utf8");
const name = basename(file);
const marker = `Live marker ${process.pid}-${Date.now()}`;
const TIMEOUT = 10_000;

const browser = await launch();
let failures = 0;
function step(ok, text) {
  console.log(`${ok ? "ok" : "FAILED"}: ${text}`);
  if (!ok) failures += 1;
  return ok;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls `check` in the page (across the page's own reloads) until it holds; false after TIMEOUT.
async function until(page, check, arg) {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    try {
      if (await page.evaluate(check, arg)) return true;
    } catch {
      // The page is reloading: its old document is gone, ask the new one.
    }
    await sleep(100);
  }
  return false;
}

const hasText = (text) => document.body !== null && document.body.innerText.includes(text);
const overlayNames = (text) => {
  const overlay = document.getElementById("brief_problems");
  return overlay !== null && overlay.textContent.includes(text);
};

try {
  const page = await browser.newPage();
  await page.route("**/*", (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort());
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));

  const response = await page.goto(url, { waitUntil: "load" });
  if (!step(response && response.status() === 200, `opened ${url} (status ${response && response.status()})`)) {
    throw new Error("cannot go on without the page");
  }

  // 1. New text on disk appears in the open page by itself.
  writeFileSync(file, original.replace(/\n*$/, "\n\n") + marker + "\n");
  step(await until(page, hasText, marker), `the page shows the text added to ${name} with no manual reload`);

  // 2. Broken front matter: the overlay names the file, the last good page stays.
  const broken = original.replace(/^care-rating:.*$/m, "care-rating: eleven");
  if (broken === original) throw new Error(`${name} has no care-rating line to break`);
  writeFileSync(file, broken.replace(/\n*$/, "\n\n") + marker + "\n");
  step(await until(page, overlayNames, name), `the overlay #brief_problems names ${name}`);
  step(await until(page, overlayNames, "care-rating"), "the overlay says what is wrong (care-rating)");
  step(await until(page, hasText, marker), "the last good page stays visible under the overlay");

  // 3. Restored: the overlay goes and the page is the original again.
  writeFileSync(file, original);
  // Warnings alone may stay, in the quieter overlay: the errors must be gone.
  step(
    await until(page, (text) => {
      const overlay = document.getElementById("brief_problems");
      return (overlay === null || !overlay.textContent.includes("error["))
        && document.body !== null && !document.body.innerText.includes(text);
    }, marker),
    "overlay gone and the added text gone after restoring the file",
  );

  step(errors.length === 0, `no script errors${errors.length ? ": " + errors.join("; ") : ""}`);
} catch (e) {
  step(false, `${e.message}`);
} finally {
  writeFileSync(file, original);
  await browser.close();
}
console.log(`live reload: ${failures} failure(s)`);
process.exit(failures ? 1 : 0);
