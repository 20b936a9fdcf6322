// A loopback static file server for a built site, for the scripts in this folder that are run
// by hand (screenshots.mjs). It serves DIR under the base path the site was built for, which it
// reads from DIR/sitemap.xml, so links under a sub-path (/briefings/...) resolve.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg",
};

/** The base path of the built site in `dir` (`/` or `/briefings/`), from its sitemap. */
export async function basePath(dir) {
  const sitemap = await readFile(join(dir, "sitemap.xml"), "utf8").catch(() => "");
  const loc = /<loc>([^<]+)<\/loc>/.exec(sitemap);
  return loc ? new URL(loc[1]).pathname.replace(/[^/]*$/, "") : "/";
}

/** Serves `dir` on 127.0.0.1 under `base`; resolves to `{ url, close }`. */
export async function serve(dir, base) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    if (!path.startsWith(base)) return notFound(response);
    let file = normalize(join(dir, path.slice(base.length)));
    if (!file.startsWith(normalize(dir))) return notFound(response);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
      response.end(body);
    } catch {
      notFound(response);
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}${base}`;
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

function notFound(response) {
  response.writeHead(404, { "content-type": "text/plain" });
  response.end("not found");
}
