// Previews of citations, glossary terms, register entries and acronyms: one routine.
//
// Each mention names its target's preview with aria-describedby; the page holds
// each preview once, hidden, in .edition-previews (edition/render/previews.py). To show
// one, it is moved into a single floating box (so only one is ever open) with a
// line of tools: the citation's locator, a link on to the reference or term page,
// on touch a note that a second tap follows the link, and a close button.
//
// The box always lies inside the viewport: below the line fragment under the
// pointer (or, on keyboard focus, the link's first fragment), above it when there is
// more room there, clamped at the left and right edges, and scrolling inside itself
// when neither side has room. It opens after a short hover delay, at once on
// keyboard focus, stays open while the pointer is on it, and Escape closes it
// (WCAG 2.1 SC 1.4.13). Without JavaScript the links lead to the same pages.
//
// A tap on a phone (Material's phone widths, below 720 px) opens the same box as a
// bottom sheet instead: fixed to the foot of the window, full width, at most half
// the window high and scrolling inside itself, with its tools (the close button
// among them) always in view. The tapped line is never under it: if the sheet would
// cover the link, the page scrolls until the link stands above the sheet (a spacer
// at the foot of the page gives room to scroll near its end). Escape, the close
// button or a tap outside closes it; focus inside it goes back to the link.
(function () {
  "use strict";
  var MENTION = "a.edition-cite__link[aria-describedby], a.edition-term__link[href][aria-describedby], " +
    "a.edition-source-cite__link[aria-describedby]";
  var OPEN_DELAY = 300;
  var CLOSE_DELAY = 250;
  var MARGIN = 8;
  var GAP = 4;
  var PHONE = window.matchMedia ? window.matchMedia("(max-width: 44.984375em)") : {matches: false};
  var SHEET_SHARE = 0.5; // of the window below the header
  var SHEET_CLEARANCE = 16; // between the tapped link and the sheet's top

  var box = null;
  var open = null; // {link, how}
  var openTimer = 0;
  var closeTimer = 0;
  var returning = null;
  var spacer = null; // room to scroll below the page's end while a sheet is open
  var openWidth = 0;
  var pointer = {type: "mouse", down: 0, link: null, wasOpen: false};

  function mentionOf(node) {
    return node && node.closest ? node.closest(MENTION) : null;
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function buildBox() {
    box = make("div", "edition-popover");
    box.hidden = true;
    box.setAttribute("data-edition-apparatus", "");
    box.setAttribute("data-search-exclude", "");
    box.content = make("div", "edition-popover__content");
    box.tools = make("div", "edition-popover__tools");
    box.locator = make("span", "edition-popover__locator");
    box.more = make("a", "edition-popover__more");
    box.hint = make("span", "edition-popover__hint", "Tap the link in the text again to follow it.");
    box.close = make("button", "edition-popover__close");
    box.close.type = "button";
    box.close.setAttribute("aria-label", "Close preview");
    box.close.textContent = "×";
    box.close.addEventListener("click", function () { close(true); });
    box.tools.append(box.locator, box.more, box.hint, box.close);
    box.append(box.content, box.tools);
    box.addEventListener("pointerenter", function () { clearTimeout(closeTimer); });
    box.addEventListener("pointerleave", function (event) {
      if (event.pointerType !== "touch" && !(open && open.how === "focus")) scheduleClose();
    });
    // Inside the page's main landmark, so that assistive technology finds it there.
    (document.querySelector("main") || document.body).appendChild(box);
  }

  // A description that stands in the page (an entry of the article's own reference
  // list, or of the editors' sources) is shown as a copy, numbered, without ids; it
  // stays where it is.
  function copyOf(entry) {
    var copy = make("div", "edition-preview edition-preview--copy");
    copy.setAttribute("data-more", entry.getAttribute("data-more") || "Go to the reference list");
    if (entry.value) copy.append(make("span", "edition-preview__number", entry.value + "."), " ");
    var clone = entry.cloneNode(true);
    while (clone.firstChild) copy.appendChild(clone.firstChild);
    copy.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    return copy;
  }

  function previewsOf(link) {
    return link.getAttribute("aria-describedby").split(/\s+/)
      .map(function (id) { return document.getElementById(id); })
      .filter(Boolean);
  }

  // Where to anchor: horizontally, the line fragment of a wrapped link under the
  // point (x, y), or its first one for keyboard focus; vertically, the whole link, so
  // that the box never covers any of its lines.
  function anchorOf(link, x, y) {
    var whole = link.getBoundingClientRect();
    var rects = Array.prototype.slice.call(link.getClientRects());
    var best = rects[0] || whole, distance = Infinity;
    if (x !== undefined) {
      rects.forEach(function (rect) {
        var dx = Math.max(rect.left - x, 0, x - rect.right);
        var dy = Math.max(rect.top - y, 0, y - rect.bottom);
        if (dx + dy < distance) { distance = dx + dy; best = rect; }
      });
    }
    return {left: best.left, right: best.right, top: whole.top, bottom: whole.bottom};
  }

  function headerBottom() {
    var header = document.querySelector(".md-header");
    return header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
  }

  // The one positioning routine: inside the viewport, never over the anchor's line.
  function place(anchor) {
    var width = document.documentElement.clientWidth;
    var height = document.documentElement.clientHeight;
    var top = headerBottom() + MARGIN;
    box.style.maxHeight = "";
    box.style.left = "0px";
    box.style.top = "0px";
    box.style.width = Math.min(480, width - 2 * MARGIN) + "px";
    var boxHeight = box.offsetHeight;
    var below = height - MARGIN - (anchor.bottom + GAP);
    var above = anchor.top - GAP - top;
    var y;
    if (boxHeight <= below) {
      y = anchor.bottom + GAP;
    } else if (boxHeight <= above) {
      y = anchor.top - GAP - boxHeight;
    } else if (below >= above) {
      box.style.maxHeight = Math.max(below, 0) + "px";
      y = anchor.bottom + GAP;
    } else {
      box.style.maxHeight = Math.max(above, 0) + "px";
      y = top;
    }
    var x = Math.min(Math.max(anchor.left, MARGIN), width - MARGIN - box.offsetWidth);
    var origin = box.offsetParent ? box.offsetParent.getBoundingClientRect() : {left: 0, top: 0};
    box.style.left = Math.max(x, MARGIN) - origin.left + "px";
    box.style.top = y - origin.top + "px";
  }

  // The phone's bottom sheet: its place is the stylesheet's; here its height, and the
  // page scrolled so that the whole link (every line of it) stands above the sheet.
  function placeSheet(link) {
    var root = document.documentElement;
    var height = root.clientHeight;
    box.style.left = box.style.top = box.style.width = "";
    box.style.maxHeight = Math.floor((height - headerBottom()) * SHEET_SHARE) + "px";
    var overlap = link.getBoundingClientRect().bottom + SHEET_CLEARANCE - (height - box.offsetHeight);
    if (overlap <= 0) return;
    var room = root.scrollHeight - height - window.scrollY;
    if (room < overlap) {
      if (!spacer) {
        spacer = make("div", "edition-popover__spacer");
        spacer.setAttribute("aria-hidden", "true");
      }
      spacer.style.height = Math.ceil(overlap - room) + "px";
      document.body.appendChild(spacer);
    }
    window.scrollBy({top: overlap, behavior: "instant"});
  }

  function show(link, how, x, y) {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (open && open.link === link) return;
    close(false);
    if (!box) buildBox();
    previewsOf(link).forEach(function (preview) {
      box.content.appendChild(preview.closest(".edition-previews") ? preview : copyOf(preview));
    });
    if (!box.content.firstChild) return;
    var locator = link.getAttribute("data-locator");
    box.locator.textContent = locator ? "Cited here: " + locator : "";
    box.locator.hidden = !locator;
    box.more.href = link.href;
    box.more.textContent = box.content.firstChild.getAttribute("data-more") || "Go to the entry";
    box.hint.hidden = how !== "touch";
    var sheet = how === "touch" && PHONE.matches;
    box.classList.toggle("is-sheet", sheet);
    box.classList.toggle("is-touch", how === "touch");
    box.hidden = false;
    open = {link: link, how: how};
    openWidth = document.documentElement.clientWidth;
    link.classList.add("is-previewed");
    if (sheet) placeSheet(link);
    else place(anchorOf(link, x, y));
  }

  function close(returnFocus) {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (!open) return;
    var link = open.link;
    var store = document.querySelector(".edition-previews");
    while (box.content.firstChild) {
      var preview = box.content.firstChild;
      if (store && !preview.classList.contains("edition-preview--copy")) store.appendChild(preview);
      else box.content.removeChild(preview);
    }
    box.hidden = true;
    if (spacer && spacer.parentNode) spacer.parentNode.removeChild(spacer);
    link.classList.remove("is-previewed");
    open = null;
    if (returnFocus && box.contains(document.activeElement)) {
      returning = link; // focus goes back to the link: that must not reopen it
      link.focus({preventScroll: true});
      returning = null;
    }
  }

  function scheduleClose() {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(function () { close(false); }, CLOSE_DELAY);
  }

  document.addEventListener("pointerdown", function (event) {
    pointer.type = event.pointerType;
    pointer.down = Date.now();
    var link = mentionOf(event.target);
    pointer.link = link;
    pointer.wasOpen = Boolean(link && open && open.link === link);
    if (open && !link && !box.contains(event.target)) close(false);
  }, true);

  document.addEventListener("pointerover", function (event) {
    if (event.pointerType === "touch") return;
    var link = mentionOf(event.target);
    if (!link) return;
    clearTimeout(closeTimer);
    if (open && open.link === link) return;
    var x = event.clientX, y = event.clientY;
    clearTimeout(openTimer);
    openTimer = setTimeout(function () { show(link, "hover", x, y); }, OPEN_DELAY);
  });

  document.addEventListener("pointerout", function (event) {
    if (event.pointerType === "touch") return;
    var link = mentionOf(event.target);
    if (!link || link.contains(event.relatedTarget)) return;
    clearTimeout(openTimer);
    if (open && open.link === link && open.how !== "focus"
        && !(box && box.contains(event.relatedTarget))) scheduleClose();
  });

  // Keyboard focus opens at once; focus that comes with a click or tap does not
  // (hover or the first tap decides there).
  document.addEventListener("focusin", function (event) {
    var link = mentionOf(event.target);
    if (!link || link === returning) return;
    if (!(link === pointer.link && Date.now() - pointer.down < 1000)) show(link, "focus");
  });

  document.addEventListener("focusout", function (event) {
    if (!open || event.target !== open.link) return;
    if (box.contains(event.relatedTarget)) return;
    if (open.how === "focus") close(false);
  });

  // Touch: the first tap shows the preview, a second tap on the same link follows it.
  document.addEventListener("click", function (event) {
    var link = mentionOf(event.target);
    if (!link || pointer.type !== "touch" || Date.now() - pointer.down > 1500) return;
    if (pointer.wasOpen) return;
    event.preventDefault();
    var rect = event.clientX || event.clientY ? [event.clientX, event.clientY] : [];
    show(link, "touch", rect[0], rect[1]);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) {
      close(true);
    }
  });

  // A phone's window grows and shrinks as its address bar hides and shows: the sheet,
  // fixed to the window's foot, stays; any other change of size closes the box.
  window.addEventListener("resize", function () {
    if (open && box.classList.contains("is-sheet")
        && document.documentElement.clientWidth === openWidth) return;
    close(false);
  });

  // Reading mode (reading.js) takes term links out of the text: close their preview.
  document.addEventListener("edition:view", function () { close(false); });

  // An acronym's expansion is in its preview: the native tooltip would be a second one.
  document.querySelectorAll(".edition-term__link abbr[title]").forEach(function (abbr) {
    abbr.setAttribute("data-title", abbr.getAttribute("title"));
    abbr.removeAttribute("title");
  });
})();
