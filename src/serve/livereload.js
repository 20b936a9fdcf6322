// brief serve: reloads this page when the site is rebuilt, and shows the build's problems
// over the page while the last good version stays visible. Injected by `brief serve` only.
(() => {
  const since = document.currentScript.dataset.version;
  const events = new EventSource("/__brief/events?since=" + since);
  events.addEventListener("reload", () => location.reload());
  // Only stylesheets changed: fetch them again and keep the reader where they are.
  events.addEventListener("styles", () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("brief", Date.now());
      link.href = url.href;
    }
    document.getElementById("brief_problems")?.remove();
  });
  events.addEventListener("problems", (event) => show(JSON.parse(event.data)));
  function show(problems) {
    let overlay = document.getElementById("brief_problems");
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "brief_problems";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;" +
        "margin:0;padding:1rem 1.25rem;background:#2b0b0b;color:#fde8e8;z-index:2147483647;" +
        "font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;border-top:4px solid #e5484d";
      document.body.appendChild(overlay);
    }
    overlay.replaceChildren();
    const title = document.createElement("strong");
    title.textContent = "The site did not build: the page shows the last version that did.";
    overlay.appendChild(title);
    for (const p of problems) {
      const item = document.createElement("pre");
      item.style.cssText = "margin:.75rem 0 0;white-space:pre-wrap";
      const where = p.line ? `${p.file}:${p.line}:${p.column}` : p.file;
      item.textContent = `${p.severity}[${p.code}] ${where}\n  ${p.message}` + (p.help ? `\n  help: ${p.help}` : "");
      overlay.appendChild(item);
    }
  }
})();
