// Search finds inflected Russian and Kazakh words. Material appends a wildcard to
// every query term ("союзнический" becomes "союзнический*"), and lunr does not stem a
// wildcard term, so a form other than the one printed finds nothing: the index holds
// "союзническ" (Russian stemmer) or the whole Kazakh word (no Kazakh stemmer).
// Before a query reaches Material's search worker, each Cyrillic word of five letters
// or more gets a second term: the word without its last three letters (at least four
// kept), which Material's wildcard turns into a prefix query. Other words, and terms
// with lunr's own operators, pass unchanged. Tested in tests/browser/test_search.py.
(function () {
  "use strict";
  var QUERY = 2; // Material's SearchMessageType.QUERY (edition/adapters/material.py, fact 7)
  var CYRILLIC_WORD = /^[\u0400-\u052F]{5,}$/;

  function withStems(query) {
    return query.split(/(\s+)/).map(function (term) {
      if (!CYRILLIC_WORD.test(term)) return term;
      return term + " " + term.slice(0, Math.max(4, term.length - 3));
    }).join("");
  }

  var Worker = window.Worker;
  if (!Worker || !Worker.prototype || !Worker.prototype.postMessage) return;
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var args = Array.prototype.slice.call(arguments);
      args[0] = { type: message.type, data: withStems(message.data) };
      return post.apply(this, args);
    }
    return post.apply(this, arguments);
  };
})();
