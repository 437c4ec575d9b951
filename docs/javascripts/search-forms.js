// Search finds inflected Russian and Kazakh words. Material appends a wildcard to
// every query term and does not stem a wildcard term, over an index of whole words (its
// default pipeline drops the stemmers), so "союзнический*" finds nothing where the text
// prints "союзнических". Before a query reaches Material's search worker, each Cyrillic
// word of five letters or more is replaced by itself without its last three letters
// (at least four kept), which Material's wildcard turns into a prefix query: the
// printed form and its other forms are found. One term per word, not the word and its
// prefix: Material marks a query term "Missing" on every result whose words do not
// begin with it, so the whole word beside its prefix was shown missing on results
// holding another form. Snowball's Russian stemmer (lunr-languages' own) was measured
// against this cut on the abstracts' words and reaches no more of them; Snowball has no
// Kazakh stemmer, where the cut reaches every form measured (bench/search_forms.py,
// bench/RESULTS.md). Other words, and terms with lunr's own operators, pass unchanged.
// Tested in tests/browser/test_search_forms.py.
(function () {
  "use strict";
  var QUERY = 2; // Material's SearchMessageType.QUERY (edition/adapters/material.py, fact 7)
  var CYRILLIC_WORD = /^[\u0400-\u052F]{5,}$/;

  function withStems(query) {
    return query.split(/(\s+)/).map(function (term) {
      return CYRILLIC_WORD.test(term) ? term.slice(0, Math.max(4, term.length - 3)) : term;
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
