// Fills the "Propose a briefing" form in headless Chromium as a member would, and prints what
// the form would send to GitHub (its action, file name and briefing text) as JSON.
// Usage: node check_propose.mjs PAGE_URL
import { launch } from "./browser.mjs";

const [url] = process.argv.slice(2);
const browser = await launch();
const page = await browser.newPage();
await page.route("**/*", (route) =>
  route.request().url().startsWith(new URL(url).origin) ? route.continue() : route.abort());
await page.goto(url);
await page.fill("#proposal_subject", "Sergei Lavrov");
await page.fill("#proposal_title", "Patience, again: Lavrov's deadline");
await page.fill("#proposal_tags", "russia, nato ,");
await page.fill("#proposal_rating", "7");
const sent = await page.evaluate(() => ({
  action: document.getElementById("proposal_form").action,
  filename: document.getElementById("proposal_filename").value,
  value: document.getElementById("proposal_value").value,
}));
await browser.close();
console.log(JSON.stringify(sent));
