// Keep a citation preview inside the viewport: when it would overflow the right
// edge, shift it left. The preview itself is pure CSS (hover and focus-within).
(function () {
  "use strict";
  function place(event) {
    var cite = event.target.closest && event.target.closest(".edition-cite");
    if (!cite) return;
    var preview = cite.querySelector(".edition-cite__preview");
    if (!preview || getComputedStyle(preview).position !== "absolute") return;
    preview.style.left = "0px";
    var overflow = preview.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) preview.style.left = -overflow + "px";
  }
  document.addEventListener("mouseover", place);
  document.addEventListener("focusin", place);
})();
