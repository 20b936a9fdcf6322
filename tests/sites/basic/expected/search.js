// The search box of /search/: finds people by name or alias, and briefings by subject, title,
// tag, who else cares and summary, in the index written at build time (search/index.json). No
// server: the index is a static file, fetched once, on the first search. Without this script
// the page still links to every list of briefings.
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

  // The people, each with the words that find them and their counts, and each briefing with
  // its searchable fields, strongest first: subject, title, tags, who else cares, summary.
  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index"))
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(read);
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function read(index) {
    var people = index.people.map(function (p) {
      return { slug: p[0], name: p[1], about: 0, named: 0, fields: [fold(p.slice(1).join(" "))] };
    });
    var briefings = index.briefings.map(function (b) {
      var subject = people[b[4]];
      subject.about++;
      var others = b[5].map(function (o) { people[o].named++; return people[o].fields[0]; });
      var tags = b[6].map(function (t) { return index.tags[t]; });
      return {
        slug: b[0], title: b[1], date: b[2], rating: b[3], subject: subject.name, summary: b[7],
        fields: [subject.fields[0], fold(b[1]), fold(tags.join(" ")), others.join(" "), fold(b[7])]
      };
    });
    return { people: people, briefings: briefings };
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

  // The entries that match, best first (then in index order: people by their newest
  // briefing, briefings newest first).
  function matches(entries, words) {
    var found = [];
    entries.forEach(function (entry, order) {
      var s = score(entry, words);
      if (s) found.push({ entry: entry, score: s, order: order });
    });
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return found.map(function (f) { return f.entry; });
  }

  var DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  // "Friday (January 14th), 2022", as the pages date a briefing.
  function dateline(iso) {
    var parts = iso.split("-").map(Number);
    var day = parts[2];
    var weekday = new Date(Date.UTC(parts[0], parts[1] - 1, day)).getUTCDay();
    var suffix = day % 10 === 1 && day !== 11 ? "st" : day % 10 === 2 && day !== 12 ? "nd"
      : day % 10 === 3 && day !== 13 ? "rd" : "th";
    return DAYS[weekday] + " (" + MONTHS[parts[1] - 1] + " " + day + suffix + "), " + parts[0];
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  // One result: a meta line, a linked heading, and any summary.
  function item(meta, href, title, summary) {
    var li = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = href;
    link.textContent = title;
    heading.appendChild(link);
    meta.className = "card-meta";
    li.appendChild(meta);
    li.appendChild(heading);
    if (summary) {
      var p = document.createElement("p");
      p.textContent = summary;
      li.appendChild(p);
    }
    return li;
  }

  function briefingItem(entry) {
    var meta = document.createElement("p");
    var time = document.createElement("time");
    time.dateTime = entry.date;
    time.textContent = dateline(entry.date);
    meta.appendChild(time);
    meta.appendChild(document.createTextNode(" · " + entry.subject + " · You should care " + entry.rating + "/10"));
    return item(meta, base + "briefings/" + entry.slug + "/", entry.title, entry.summary);
  }

  // A person, counted as their page counts them.
  function personItem(person) {
    var meta = document.createElement("p");
    meta.textContent = "Person";
    var counts = person.about
      ? plural(person.about, "briefing", "briefings") + " about " + person.name
        + (person.named ? ", named in " + person.named + " more" : "") + "."
      : "Named in " + plural(person.named, "briefing", "briefings") + ".";
    return item(meta, base + "people/" + person.slug + "/", person.name, counts);
  }

  function show(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    results.textContent = "";
    if (!words.length) {
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    load().then(function (index) {
      if (input.value !== query) return; // a newer query is on its way
      var people = matches(index.people, words);
      var found = matches(index.briefings, words);
      var shown = found.slice(0, LIMIT);
      people.slice(0, LIMIT).forEach(function (p) { results.appendChild(personItem(p)); });
      shown.forEach(function (b) { results.appendChild(briefingItem(b)); });
      var counts = (people.length ? plural(people.length, "person", "people") + " and " : "")
        + plural(found.length, "briefing", "briefings");
      status.textContent = people.length + found.length === 0 ? "Nothing matches “" + query + "”."
        : counts + " match" + (people.length + found.length === 1 ? "es" : "") + " “" + query + "”"
          + (found.length > shown.length ? "; the best " + shown.length + " briefings are shown." : ".");
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
