// Side notes in the margin (stylesheets/sidenotes.css): each note starts level with its
// marker's line (the browser's static position: no float, no measured top), and this
// script gives it
// - the width the window has beside the text (up to a readable measure);
// - no more height than the room before the next note's marker, the next heading or
//   the end of the text: a longer note shows its first lines and a button that expands
//   it in place (aria-expanded); with less than a few lines of room it stands under its
//   paragraph instead.
// Positions are measured at run time (the text's face and width are not assumed) and
// measured again on resize, font load, a change of view or of the content's size.
// Where notes are not in the margin (narrow screens, reading view) it leaves them to
// reading.js; without JavaScript they stand under their paragraphs.
(function () {
  "use strict";
  var root = document.documentElement;
  var wide = window.matchMedia("screen and (min-width: 76.25em) and (scripting: enabled)");
  var STATE = "data-edition-sidenote";
  var MAX_EM = 32;       // the widest note column, in the note's own em (about 65 characters)
  var MIN_LINES = 5;     // less room than title, three lines and the button: under the paragraph
  var scheduled = false;

  function inMargin() {
    return wide.matches && root.getAttribute("data-edition-view") !== "reading";
  }

  function notes() {
    return Array.prototype.slice.call(document.querySelectorAll(".md-content .edition-note"));
  }

  function markerOf(note) {
    return document.getElementById(note.id + "-marker");
  }

  function toggleOf(note) {
    var button = note.querySelector(":scope > .edition-note__toggle");
    if (button) return button;
    button = document.createElement("button");
    button.type = "button";
    button.className = "edition-note__toggle";
    button.setAttribute("aria-controls", note.id);
    button.setAttribute("data-search-exclude", "");
    button.addEventListener("click", function () {
      setExpanded(note, note.getAttribute(STATE) !== "expanded");
    });
    note.appendChild(button);
    return button;
  }

  function setExpanded(note, expanded) {
    var button = toggleOf(note);
    note.editionExpanded = expanded;
    note.setAttribute(STATE, expanded ? "expanded" : "collapsed");
    note.style.maxHeight = expanded ? "" : note.editionRoom + "px";
    button.setAttribute("aria-expanded", String(expanded));
    button.textContent = expanded ? "Show less" : "Show the whole note";
  }

  function clear(note) {
    note.removeAttribute(STATE);
    note.style.maxHeight = "";
    note.style.width = "";
    var button = note.querySelector(":scope > .edition-note__toggle");
    if (button) button.remove();
  }

  // Headings and the end of the text: no note may cross them.
  function barriers(content) {
    var tops = Array.prototype.map.call(content.querySelectorAll("h1, h2, h3, h4, h5, h6"), function (heading) {
      return heading.getBoundingClientRect().top;
    });
    tops.push(content.getBoundingClientRect().bottom);
    return tops;
  }

  function layout() {
    scheduled = false;
    var all = notes();
    if (!all.length) return;
    if (!inMargin()) {
      // Out of the margin the notes are reading.js's: the markers' state is its sync.
      all.forEach(function (note) {
        if (note.hasAttribute(STATE)) clear(note);
      });
      if (window.editionSyncMarkers) window.editionSyncMarkers();
      return;
    }
    var content = all[0].closest(".md-content") || document.body;
    var edge = root.clientWidth;
    // Reads, then writes: every note full height, at the width it has.
    var widths = all.map(function (note) {
      var style = getComputedStyle(note);
      var paragraph = note.parentNode.getBoundingClientRect();
      var gap = parseFloat(style.left) - paragraph.width;
      var em = parseFloat(style.fontSize);
      return Math.max(11 * em, Math.min(MAX_EM * em, edge - paragraph.right - 2 * gap));
    });
    all.forEach(function (note, index) {
      note.style.maxHeight = "";
      note.setAttribute(STATE, "full");
      note.style.width = widths[index] + "px";
      var marker = markerOf(note);
      if (marker) marker.removeAttribute("aria-expanded");
    });
    // In order, since a note moved under its paragraph moves the text after it.
    all.forEach(function (note, index) {
      var box = note.getBoundingClientRect();
      var line = parseFloat(getComputedStyle(note).lineHeight);
      var limit = barriers(content).filter(function (top) { return top > box.top + 1; });
      limit = Math.min.apply(Math, limit.length ? limit : [Infinity]);
      var next = all[index + 1];
      if (next) {
        var marker = markerOf(next);
        limit = Math.min(limit, next.getBoundingClientRect().top,
                         marker ? marker.getBoundingClientRect().top : Infinity);
      }
      var room = Math.floor(limit - box.top - line / 2);
      if (box.height <= room) {
        var button = note.querySelector(":scope > .edition-note__toggle");
        if (button) button.remove();
        return;
      }
      if (room < MIN_LINES * line) {
        note.setAttribute(STATE, "below");
        note.style.width = "";
        return;
      }
      note.editionRoom = room;
      setExpanded(note, !!note.editionExpanded);
    });
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(layout);
  }

  // A marker in the margin view brings its note forward: expanded, and focused (not
  // scrolled to: it stands beside the marker).
  document.addEventListener("click", function (event) {
    var marker = event.target.closest && event.target.closest("a.edition-note-marker");
    if (!marker || !inMargin()) return;
    var note = document.getElementById(marker.getAttribute("aria-controls"));
    if (!note || !note.hasAttribute(STATE)) return;
    event.preventDefault();
    if (note.getAttribute(STATE) === "collapsed") setExpanded(note, true);
    note.setAttribute("tabindex", "-1");
    note.focus({preventScroll: true});
  });
  // Keyboard focus inside a collapsed note (a link in its hidden lines) opens it;
  // Escape closes an expanded one.
  document.addEventListener("focusin", function (event) {
    var note = event.target.closest && event.target.closest(".edition-note[" + STATE + "=collapsed]");
    if (note && !event.target.classList.contains("edition-note__toggle") && event.target !== note) {
      setExpanded(note, true);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var note = event.target.closest && event.target.closest(".edition-note[" + STATE + "=expanded]");
    if (!note) return;
    setExpanded(note, false);
    toggleOf(note).focus();
  });

  window.addEventListener("resize", schedule);
  document.addEventListener("edition:view", schedule);
  if (wide.addEventListener) wide.addEventListener("change", schedule);
  if (document.fonts && document.fonts.addEventListener) document.fonts.addEventListener("loadingdone", schedule);
  var content = document.querySelector(".md-content");
  if (window.ResizeObserver && content) new ResizeObserver(schedule).observe(content);
  layout();
})();
