// The "Copy as text post" button of a briefing page, in headless Chromium, three ways: with
// the clipboard API (the clipboard must then hold post.txt exactly), without it (the text must
// be shown and selected for the reader to copy), and without script (no dead button, the text
// still readable). Usage: node check_copy.mjs BRIEFING_PAGE_URL
// Prints one line per problem; exits 1 on any.
import { launch } from "./browser.mjs";

const [pageUrl] = process.argv.slice(2);
const origin = new URL(pageUrl).origin;
const browser = await launch();
const problems = [];
const post = await (await fetch(new URL("post.txt", pageUrl))).text();

async function open(options, setUp) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, ...options });
  const page = await context.newPage();
  await page.route("**/*", (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort());
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`uncaught exception: ${e.message}`));
  if (setUp) await page.addInitScript(setUp);
  await page.goto(pageUrl, { waitUntil: "load" });
  return page;
}

// With the clipboard API, as on a phone or a desktop over https.
{
  const page = await open({ permissions: ["clipboard-read", "clipboard-write"] });
  await page.click("#post_copy", { timeout: 5000 });
  await page.waitForFunction(() => document.getElementById("post_status").textContent, null, { timeout: 5000 });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  if (copied !== post) problems.push(`the clipboard holds ${JSON.stringify(copied.slice(0, 80))}…, not post.txt`);
  const status = await page.textContent("#post_status");
  if (!status.startsWith("Copied")) problems.push(`after copying, the status says “${status}”`);
  await page.context().close();
}

// Without it (an old browser, or a page served over plain http): the text is selected.
{
  const page = await open({}, () => {
    Object.defineProperty(navigator, "clipboard", { value: undefined });
    document.execCommand = () => false;
  });
  await page.click("#post_copy", { timeout: 5000 });
  const state = await page.evaluate(() => ({
    open: document.getElementById("post_view").open,
    selected: window.getSelection().toString(),
    status: document.getElementById("post_status").textContent,
  }));
  if (!state.open) problems.push("without the clipboard API, the text post was not shown");
  // A selection leaves out the last line break, which a paste does not miss.
  if (state.selected.trimEnd() !== post.trimEnd()) {
    let at = 0;
    while (at < post.length && state.selected[at] === post[at]) at++;
    problems.push(`without the clipboard API, the selection differs from post.txt at ${at}: ${JSON.stringify(state.selected.slice(at - 20, at + 20))} for ${JSON.stringify(post.slice(at - 20, at + 20))}`);
  }
  if (!state.status.includes("selected")) problems.push(`without the clipboard API, the status says “${state.status}”`);
  await page.context().close();
}

// Without script: no button that does nothing, and the text is there to read.
{
  const page = await open({ javaScriptEnabled: false });
  if (await page.isVisible("#post_copy")) problems.push("without script, the copy button is shown");
  await page.click("#post_view summary");
  const shown = await page.textContent("#post_text");
  if (shown !== post) problems.push("without script, the text post differs from post.txt");
  await page.context().close();
}

await browser.close();
for (const p of problems) console.log(p);
process.exit(problems.length ? 1 : 0);
