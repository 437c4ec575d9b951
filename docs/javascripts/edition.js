// Cite this paragraph: following a ¶ number (mouse or keyboard) also opens a small
// menu to copy the paragraph's link, or a citation with the ¶ as locator. Without
// JavaScript the ¶ number is still a plain link to the paragraph.
(function () {
  "use strict";
  var menu = null;

  function citeData() {
    var node = document.getElementById("edition-cite-data");
    return node ? JSON.parse(node.textContent) : null;
  }

  function close() {
    if (menu) { menu.remove(); menu = null; }
  }

  function open(marker) {
    close();
    var number = marker.hash.replace("#p", "");
    var link = location.href.split("#")[0] + marker.hash;
    var data = citeData();
    menu = document.createElement("div");
    menu.className = "edition-cite-menu";
    menu.setAttribute("role", "group");
    menu.setAttribute("aria-label", "Cite paragraph " + number);
    menu.setAttribute("data-edition-apparatus", "");
    var status = document.createElement("span");
    status.className = "edition-cite-menu__status";
    status.setAttribute("role", "status");
    var items = [["Copy link to ¶ " + number, link]];
    if (data) {
      items.push(["Copy citation of ¶ " + number,
                  data.paragraph.replace("{paragraph}", number) + " Digital edition: " + link]);
    }
    items.forEach(function (item) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button edition-cite-menu__button";
      button.textContent = item[0];
      button.setAttribute("data-copy", item[1]);
      button.addEventListener("click", function () { window.editionCopy(item[1], status); });
      menu.appendChild(button);
    });
    menu.appendChild(status);
    menu.edition_marker = marker;
    var paragraph = marker.closest("p") || marker;
    paragraph.parentNode.insertBefore(menu, paragraph.nextSibling);
    // After the link's own navigation to the fragment, which would take focus back.
    var first = menu.querySelector("button");
    setTimeout(function () { first.focus(); }, 0);
  }

  document.addEventListener("click", function (event) {
    var marker = event.target.closest && event.target.closest(".edition-para__number");
    if (marker) { open(marker); return; }
    if (menu && !menu.contains(event.target)) close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu) {
      var marker = menu.edition_marker;
      close();
      if (marker) marker.focus();
    }
  });
})();
