// brief serve: reloads this page when the site is rebuilt, and shows the last rebuild's
// problems over the page, saying which site is served meanwhile. Injected by `brief serve` only.
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

  function plural(n, word) {
    return n === 1 ? `1 ${word}` : `${n} ${word}s`;
  }

  // What is served, in words that are true of it.
  function headline(report, errors, warnings) {
    const files = [...new Set(errors.map((p) => p.file))];
    const named = files.length === 1 ? files[0] : plural(files.length, "file");
    if (report.served === "nothing") {
      return `The site has not built yet: fix ${plural(errors.length, "problem")} in ${named}, and this page reloads by itself.`;
    }
    if (report.served === "last") {
      return `The site did not build: ${plural(errors.length, "problem")} in ${named}. You are looking at the last version that built.`;
    }
    if (errors.length) {
      return `${named} ${files.length === 1 ? "has" : "have"} errors, so ${files.length === 1 ? "it is" : "they are"} left out of the lists until fixed; ${files.length === 1 ? "its" : "each one's"} own page shows what to fix.`;
    }
    return `The site built, with ${plural(warnings.length, "warning")} worth a look.`;
  }

  function show(report) {
    document.getElementById("brief_problems")?.remove();
    const errors = report.problems.filter((p) => p.severity === "error");
    const warnings = report.problems.filter((p) => p.severity !== "error");
    if (!errors.length && !warnings.length) return;
    const quiet = !errors.length;
    if (quiet && sessionStorage.getItem("brief_hidden") === JSON.stringify(report.problems)) return;
    const overlay = document.createElement("section");
    overlay.id = "brief_problems";
    overlay.setAttribute("role", quiet ? "status" : "alert");
    overlay.setAttribute("aria-label", "Problems found by brief serve");
    overlay.style.cssText = "position:fixed;inset:auto 0 0 0;overflow:auto;margin:0;" +
      "padding:.75rem 1.25rem 1rem;z-index:2147483647;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;" +
      (quiet
        ? "max-height:35vh;background:#fffbe6;color:#3d3200;border-top:3px solid #c9a400"
        : "max-height:60vh;background:#2b0b0b;color:#fde8e8;border-top:4px solid #e5484d");
    const hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = "Hide";
    hide.style.cssText = "float:right;font:inherit;padding:.2rem .7rem;margin-left:1rem;cursor:pointer";
    // Warnings someone has hidden stay hidden in this tab until they change.
    const key = JSON.stringify(report.problems);
    hide.addEventListener("click", () => {
      if (quiet) sessionStorage.setItem("brief_hidden", key);
      overlay.remove();
    });
    overlay.appendChild(hide);
    const title = document.createElement("strong");
    title.textContent = headline(report, errors, warnings);
    overlay.appendChild(title);
    for (const p of errors.concat(warnings)) {
      const item = document.createElement("pre");
      // The page's own styles for <pre> must not reach into the overlay.
      item.style.cssText = "margin:.75rem 0 0;padding:0;border:0;background:none;color:inherit;" +
        "font:inherit;white-space:pre-wrap" +
        (p.severity === "error" || quiet ? "" : ";opacity:.75");
      const where = p.line ? `${p.file}:${p.line}:${p.column}` : p.file;
      item.textContent = `${p.severity}[${p.code}] ${where}\n  ${p.message}` + (p.help ? `\n  help: ${p.help}` : "");
      overlay.appendChild(item);
    }
    document.body.appendChild(overlay);
  }
})();
