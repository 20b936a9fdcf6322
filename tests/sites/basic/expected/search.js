// The search box of /search/: finds briefings in the index written at build time
// (search/index.json) by subject, alias, title, tag and summary. No server: the index is a
// static file, fetched once, on the first search. Without this script the page still links to
// every list of briefings.
(function () {
  "use strict";
  var form = document.getElementById("search_form");
  var input = document.getElementById("search_query");
  var status = document.getElementById("search_status");
  var results = document.getElementById("search_results");
  var base = form.getAttribute("data-base");
  var LIMIT = 50;
  var loading = null;

  // Case and accents do not matter: "erdogan" finds "Erdoğan".
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Each briefing with its searchable fields, strongest first: names, title, tags, summary.
  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index"))
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (index) {
          return index.briefings.map(function (b) {
            var names = index.people[b[4]];
            var tags = b[5].map(function (t) { return index.tags[t]; });
            return {
              slug: b[0], title: b[1], date: b[2], rating: b[3], subject: names[0], summary: b[6],
              fields: [fold(names.join(" ")), fold(b[1]), fold(tags.join(" ")), fold(b[6])]
            };
          });
        });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // Every word must appear in some field; a word found in a stronger field scores more.
  function score(entry, words) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var field = -1;
      for (var f = 0; f < entry.fields.length && field < 0; f++) {
        if (entry.fields[f].indexOf(words[i]) >= 0) field = f;
      }
      if (field < 0) return 0;
      total += entry.fields.length - field;
    }
    return total;
  }

  function item(entry) {
    var li = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = base + "briefings/" + entry.slug + "/";
    link.textContent = entry.title;
    heading.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "card-meta";
    meta.textContent = entry.date + " · " + entry.subject + " · You should care " + entry.rating + "/10";
    li.appendChild(meta);
    li.appendChild(heading);
    if (entry.summary) {
      var summary = document.createElement("p");
      summary.textContent = entry.summary;
      li.appendChild(summary);
    }
    return li;
  }

  function show(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    results.textContent = "";
    if (!words.length) {
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    load().then(function (entries) {
      if (input.value !== query) return; // a newer query is on its way
      var found = [];
      entries.forEach(function (entry, order) {
        var s = score(entry, words);
        if (s) found.push({ entry: entry, score: s, order: order });
      });
      found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
      var shown = found.slice(0, LIMIT);
      shown.forEach(function (f) { results.appendChild(item(f.entry)); });
      status.textContent = found.length === 0 ? "No briefing matches “" + query + "”."
        : (found.length === 1 ? "1 briefing matches" : found.length + " briefings match") + " “" + query + "”"
          + (found.length > shown.length ? "; the best " + shown.length + " are shown." : ".");
    }, function () {
      status.textContent = "The search index could not be loaded. Try again, or browse below.";
    });
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    show(input.value);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    show(initial);
  }
})();
