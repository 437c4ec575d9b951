// Search finds inflected Russian and Kazakh words. Material appends a wildcard to
// every query term ("союзнический" becomes "союзнический*"), and lunr does not stem a
// wildcard term, so a form other than the one printed finds nothing: the index holds
// "союзническ" (Russian stemmer) or the whole Kazakh word (no Kazakh stemmer).
// Before a query reaches Material's search worker (through the hook that
// overrides/material-adapter.html gives, which knows how Material sends it), each
// Cyrillic word of five letters or more gets a second term: the word without its last
// three letters (at least four kept), which Material's wildcard turns into a prefix
// query. Other words, and terms with lunr's own operators, pass unchanged. Tested in
// tests/browser/test_search_forms.py.
(function () {
  "use strict";
  var CYRILLIC_WORD = /^[\u0400-\u052F]{5,}$/;

  function withStems(query) {
    return query.split(/(\s+)/).map(function (term) {
      if (!CYRILLIC_WORD.test(term)) return term;
      return term + " " + term.slice(0, Math.max(4, term.length - 3));
    }).join("");
  }

  if (window.editionMaterial) window.editionMaterial.rewriteSearchQuery(withStems);
})();
