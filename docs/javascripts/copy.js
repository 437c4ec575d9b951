// Texts to copy (the citation, the export texts on the Cite & export page): each
// <pre class="edition-copyable"> gets a button that copies it. Without JavaScript
// the text is still there to select; the buttons are added only where they work.
(function () {
  "use strict";

  // Shared with the cite-this-paragraph menu (edition.js): copy `text`, say so in
  // `status`; where the clipboard refuses, say `failure` (or the text itself).
  function copyText(text, status, failure) {
    function done() { status.textContent = "Copied."; }
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy"); done(); } catch (error) { status.textContent = failure || text; }
      document.body.removeChild(area);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }
  window.editionCopy = copyText;

  function addButtons() {
    document.querySelectorAll("pre.edition-copyable").forEach(function (pre) {
      if (pre.nextElementSibling && pre.nextElementSibling.classList.contains("edition-copy")) return;
      var bar = document.createElement("p");
      bar.className = "edition-copy";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button edition-copy__button";
      button.textContent = pre.getAttribute("data-copy-label") || "Copy";
      var status = document.createElement("span");
      status.className = "edition-copy__status";
      status.setAttribute("role", "status");
      button.addEventListener("click", function () { copyText(pre.textContent, status, "Select the text to copy it."); });
      bar.appendChild(button);
      bar.appendChild(status);
      pre.parentNode.insertBefore(bar, pre.nextSibling);
    });
  }

  // Material swaps pages without reloading under navigation.instant; this edition
  // does not use it, so the document's own load is enough.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addButtons);
  } else {
    addButtons();
  }
})();
