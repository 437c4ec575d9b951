// The reading view and the editorial notes' markers.
//
// A switch in the header offers the authors' text without the apparatus ("Reading
// text"): no editorial notes or their markers, no editors' sources, no term links,
// ¶ numbers or emendation marks; corrected readings stand plainly (reading.css). The
// choice is kept in localStorage, so it holds across pages, reloads and visits, from
// a server or from file://. overrides/main.html applies a stored choice in the head,
// before the page is drawn; without JavaScript the page is the annotated view.
(function () {
  "use strict";
  var KEY = "edition.view";
  var root = document.documentElement;
  var ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M21 5c-1.11-.35-2.33-.5-3.5-.5-1.95 0-4.05.4-5.5 1.5-1.45-1.1-3.55-1.5-5.5-1.5S2.45 4.9 1 6v14.65c0 .25.25.5.5.5.1 0 .15-.05.25-.05C3.1 20.45 5.05 20 6.5 20c1.95 0 4.05.4 5.5 1.5 1.35-.85 3.8-1.5 5.5-1.5 1.65 0 3.35.3 4.75 1.05.1.05.15.05.25.05.25 0 .5-.25.5-.5V6c-.6-.45-1.25-.75-2-1m0 13.5c-1.1-.35-2.3-.5-3.5-.5-1.7 0-4.15.65-5.5 1.5V8c1.35-.85 3.8-1.5 5.5-1.5 1.2 0 2.4.15 3.5.5z"/></svg>';

  function stored() {
    try { return localStorage.getItem(KEY); } catch (error) { return null; }
  }

  function store(view) {
    try { localStorage.setItem(KEY, view); } catch (error) { /* private mode: this page only */ }
  }

  // Attributes the reading view takes away and gives back: a term link's address and
  // preview (it becomes a plain word, not a link or a Tab stop), and the tooltips of
  // the edition's corrections and of the acronyms it expands.
  var STASHED = [
    ["a.edition-term__link", ["href", "aria-describedby"]],
    [".edition-corr, .edition-term abbr, .edition-term__link abbr", ["title"]]
  ];

  function setReadingAttributes(reading) {
    STASHED.forEach(function (rule) {
      document.querySelectorAll(rule[0]).forEach(function (node) {
        rule[1].forEach(function (name) {
          var from = reading ? name : "data-edition-" + name;
          var to = reading ? "data-edition-" + name : name;
          if (!node.hasAttribute(from)) return;
          node.setAttribute(to, node.getAttribute(from));
          node.removeAttribute(from);
        });
      });
    });
  }

  function apply(view, button) {
    var reading = view === "reading";
    if (reading) root.setAttribute("data-edition-view", "reading");
    else root.removeAttribute("data-edition-view");
    setReadingAttributes(reading);
    if (button) button.setAttribute("aria-pressed", String(reading));
    document.dispatchEvent(new CustomEvent("edition:view", {detail: {view: reading ? "reading" : "annotated"}}));
  }

  function makeSwitch() {
    var header = document.querySelector(".md-header__inner");
    if (!header) return null;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "edition-view-switch";
    button.title = "Show the authors' text without the edition's apparatus";
    button.innerHTML = ICON + '<span class="edition-view-switch__label">Reading text</span>';
    button.addEventListener("click", function () {
      var view = button.getAttribute("aria-pressed") === "true" ? "annotated" : "reading";
      store(view);
      apply(view, button);
    });
    var before = header.querySelector("[data-md-component=palette]") || header.querySelector(".md-search");
    header.insertBefore(button, before);
    return button;
  }

  apply(stored() === "reading" ? "reading" : "annotated", makeSwitch());

  // Another tab changed the view: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) apply(event.newValue === "reading" ? "reading" : "annotated",
                                 document.querySelector(".edition-view-switch"));
  });
})();

// Note markers open and close their note where notes are not in the margin (narrow
// screens); the reading view shows neither. Without JavaScript a marker is a link to
// its note, which opens as the link's target (reading.css).
(function () {
  "use strict";
  function inMargin(note) {
    return note.hasAttribute("data-edition-sidenote");  // laid out by sidenotes.js
  }

  function sync() {
    // All reads, then all writes: a write between two reads would make the browser lay
    // the whole article out again at the next read, once per marker.
    var states = Array.prototype.map.call(document.querySelectorAll("a.edition-note-marker"), function (marker) {
      var note = document.getElementById(marker.getAttribute("aria-controls"));
      if (!note) return null;
      // A marker in the margin's view, or not shown at all (the reading view), opens nothing.
      var opens = !inMargin(note) && marker.getClientRects().length > 0;
      return [marker, opens ? String(note.classList.contains("is-open")) : null];
    });
    states.forEach(function (state) {
      if (!state) return;
      if (state[1] === null) state[0].removeAttribute("aria-expanded");
      else if (state[0].getAttribute("aria-expanded") !== state[1]) state[0].setAttribute("aria-expanded", state[1]);
    });
  }

  document.addEventListener("click", function (event) {
    var marker = event.target.closest && event.target.closest("a.edition-note-marker");
    if (!marker) return;
    var note = document.getElementById(marker.getAttribute("aria-controls"));
    if (!note || inMargin(note)) return;
    event.preventDefault();
    note.classList.toggle("is-open");
    marker.setAttribute("aria-expanded", String(note.classList.contains("is-open")));
  });

  document.addEventListener("edition:view", sync);
  window.addEventListener("resize", sync);
  window.editionSyncMarkers = sync;  // sidenotes.js, when notes leave the margin
  sync();
})();
