"""Material for MkDocs: every use the edition makes of the theme's internals.

Material's documented surface (mkdocs.yml's ``theme:`` settings, the ``custom_dir`` with
its template blocks and partials, ``extra_css`` / ``extra_javascript``, the classes and
CSS variables its customisation guide names) is used as documented and is not listed
here. What is listed is what Material does not promise, with where the edition relies on
it. Checked against mkdocs-material 9.8.2 (pinned in pyproject.toml) by the Material
section of tests/test_adapters.py, which fails naming this module when one of these
stops being true.

Python side (this module; the hooks call ``reader_assets`` from ``on_files``):

1. Material's stylesheet is one file, ``assets/stylesheets/main.<8 hex>.min.css``
   (``THEME_CSS``), among the theme's files MkDocs hands to ``on_files``.
2. base.html links it in its ``{% block styles %}`` as
   ``{{ 'assets/stylesheets/main.<hash>.min.css' | url }}``: overrides/main.html
   overrides that block and, in ``super()``'s output, replaces that URL with the trimmed
   copy's, both named in ``config.extra.edition_theme_css`` (``EXTRA_KEY``).
3. The stylesheet's rules for each component in ``THEME_PARTS`` select it by those
   class names (BEM blocks: ``.md-tabs``, ``.md-tabs__link``, ``.md-tabs--active``), and a
   page shows that component only with the mkdocs.yml setting named beside it.
   tests/test_assets.py checks that no class a built page uses is trimmed away.

JavaScript side, in the two places where it has to run, each naming this module:
overrides/search-on-intent.html, inlined in every page's head before Material's bundle
runs (facts 4-6: the index held back), and docs/javascripts/search-forms.js, in the
edition's bundle (fact 7: the query message). Gathering both into one head script was
measured: every page +770 bytes (+262-299 gzip) for the same behaviour, so they stay
apart, and this header and the contract tests are where they meet.

4. The bundle (``assets/javascripts/bundle.<hash>.min.js``) requests
   ``search/search_index.json`` as soon as it runs (when the page has the search form),
   with ``XMLHttpRequest``: ``open("GET", url)`` then ``send()``; from ``file://`` it
   loads ``search/search_index.js`` as a script instead. Holding that ``send()`` back
   holds back the index, and the search worker's lunr files that its arrival loads.
5. A query typed before the index arrived waits for the worker's "ready" message, so a
   held index delays a query and loses none.
6. The search box is ``#__search`` (the toggle), ``.md-search`` and
   ``label[for=__search]``; the keys ``/``, ``s`` and ``f`` focus it; ``?q=`` opens a
   search at load and ``?h=`` highlights a hit, both needing the index at once.
7. Queries go to the search worker (``new Worker(url)``, Material's
   ``workers/search.<hash>.min.js``) as ``worker.postMessage({type: 2, data: query})``,
   a method call through ``Worker.prototype``: 2 is Material's ``SearchMessageType.QUERY``,
   and the worker searches for ``data``, a string.

Offline edition (mkdocs.offline.yml):

8. base.html loads the scripts of ``extra.polyfills`` in its ``{% block libs %}``, in the
   head before ``{% block extrahead %}``; the ``offline`` plugin adds its CDN copy of the
   iframe-worker shim only if no polyfill's URL contains "iframe-worker". The shim
   replaces ``window.Worker`` before search-forms.js wraps ``postMessage``.

Back to top (docs/stylesheets/typography.css):

9. The button is partials/top.html's ``<button class="md-top" ... hidden>``; the bundle
   toggles its ``hidden`` as the reader scrolls and sets an inline ``style.top`` (the
   header's height) on it. The edition sets it into a slot at the end of the header,
   overriding that inline ``top`` with ``!important``, and hides it while base.html's
   ``input[data-md-toggle="search"]`` or ``[data-md-toggle="drawer"]`` (siblings before
   ``.md-container``) is checked, so that it never stands over text.

Search index (the search plugin, ``material/plugins/search/plugin.py``):

10. The plugin indexes ``page.content`` in its ``on_page_context`` (priority 0, before the
    hooks' at ``AFTER_PLUGINS``) with its ``Parser``: a section starts at each h1-h6 that
    has an id (location ``page#id``) and ends when the element holding that heading
    closes; the text of elements it does not keep (span, div, td, th...) is joined
    without a space; an element carrying ``data-search-exclude`` is skipped, but its
    list of skipped elements compares them by tag name, so the skip ends when any
    element of the same tag inside it closes (a ``<span data-search-exclude>`` note is
    indexed from the end of its first inner ``<span>`` on). So the hooks hand it, from
    ``on_env`` to their ``on_page_context``, each page's ``search_view``: every element
    marked ``data-search-exclude`` removed whole, a space after each cell or block, and
    each element marked ``data-search-section="TITLE"`` opened by a heading TITLE with
    the element's id (one search result per reference); then the page's own HTML goes
    back in place.

Also copied from Material, each with one change: overrides/partials/search.html and
overrides/partials/copyright.html (tests/browser/test_theme_overrides.py says when to
re-copy them).

Worth it, as measured on this site (gzip level 6, bench/reader.py's ``page_bytes``, a
build with and without the trimming): the trimmed stylesheet saves 4,896 bytes on every
page's first visit (CSS 28,545 -> 23,650 bytes; the article page 106,877 -> 101,981 bytes
in all, the same 7 requests) for about 16 ms of CPU in a cold build (none on a
``mkdocs serve`` rebuild); the held-back index saves about 55 KB (index 38 KB, the
worker's lunr files 17 KB: bench/RESULTS.md) on every page view without a search.
"""

from __future__ import annotations

import hashlib
import re
from html import escape
from html.parser import HTMLParser
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from edition.core.memo import KEPT, Memo
from edition.outputs.assets import bundle_assets, fingerprint, trimmed_css

THEME_CSS = re.compile(r"^assets/stylesheets/main\.[0-9a-f]{8}\.min\.css$")
TEMPLATE_BLOCK = "styles"
EXTRA_KEY = "edition_theme_css"
TRIMMED_NAME = "assets/stylesheets/material.{hash}.min.css"


def _feature(name: str):
    return lambda config: name in (config.theme.get("features") or [])


def _extension(name: str):
    return lambda config: name in config.markdown_extensions


def _plugin(name: str):
    return lambda config: any(key.split("/")[-1] == name for key in config.plugins)


def _extra(*path: str):
    def asked(config: MkDocsConfig) -> bool:
        value: Any = config.extra
        for key in path:
            value = value.get(key) if hasattr(value, "get") else None
        return bool(value)
    return asked


def _block(*names: str) -> str:
    """A selector naming one of these CSS blocks (BEM: the block, its __elements, --modifiers)."""
    return r"\.(?:" + "|".join(re.escape(name) for name in names) + r")(?:__|--|(?![\w-]))"


def _mermaid(config: MkDocsConfig) -> bool:
    fences = (config.mdx_configs.get("pymdownx.superfences") or {}).get("custom_fences") or []
    return any(fence.get("name") == "mermaid" for fence in fences)


# Material's components, and the mkdocs.yml setting without which no page can show one.
THEME_PARTS = (
    (_block("md-source"), lambda config: bool(config.repo_url)),
    (_block("md-version", "md-select"),
     lambda config: bool(config.extra.get("version") or config.extra.get("alternate"))),
    (_block("md-social"), _extra("social")),
    (_block("md-consent"), _extra("consent")),
    (_block("md-feedback"), _extra("analytics", "feedback")),
    (_block("md-tabs"), _feature("navigation.tabs")),
    (_block("md-tag", "md-tags") + r"|\.md-tag-", _plugin("tags")),
    (_block("md-post", "md-profile", "md-sidebar--post"), _plugin("blog")),
    (r"\.tabbed-", _extension("pymdownx.tabbed")),
    (_block("task-list", "task-list-item", "task-list-control", "task-list-indicator"),
     _extension("pymdownx.tasklist")),
    (_block("critic"), _extension("pymdownx.critic")),
    (_block("arithmatex"), _extension("pymdownx.arithmatex")),
    (_block("twemoji", "emojione", "gemoji"), _extension("pymdownx.emoji")),
    (_block("keys"), _extension("pymdownx.keys")),
    (_block("mermaid"), _mermaid),
)


def reader_assets(files: Files, config: MkDocsConfig) -> Files:
    """What readers download, made lighter: the edition's bundles (edition/outputs/assets.py),
    and Material's stylesheet trimmed."""
    return trim_theme_css(bundle_assets(files, config), config)


def trim_theme_css(files: Files, config: MkDocsConfig) -> Files:
    """Add a copy of Material's stylesheet without the components no page can show, and
    name both in ``config.extra[EXTRA_KEY]`` for overrides/main.html (facts 1-3 above)."""
    theme = next((file for file in files if THEME_CSS.match(file.src_uri)), None)
    unused = unused_theme_parts(config)
    if theme is None or not unused:
        return files
    text = trimmed_css(theme.content_string, tuple(unused))
    name = TRIMMED_NAME.format(hash=fingerprint(text))
    files.append(File.generated(config, name, content=text))
    config.extra[EXTRA_KEY] = {"material": theme.src_uri, "trimmed": name}
    return files


def unused_theme_parts(config: MkDocsConfig) -> list[str]:
    """The patterns of THEME_PARTS whose setting mkdocs.yml leaves off."""
    return [pattern for pattern, asked in THEME_PARTS if not asked(config)]


EXCLUDE = "data-search-exclude"
SECTION = "data-search-section"
# Void elements: no end tag, so never an excluded element's nesting.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
# Elements that end a word: the search plugin joins their text to the next one's.
_WORD_ENDS = frozenset({"td", "th", "tr", "div", "dd", "dt", "li", "caption", "figcaption",
                        "blockquote", "section", "p", "br"})


# Kept by a digest of the page's whole HTML: a page that did not change is not parsed again.
_VIEWS: Memo[str] = KEPT.memo("edition.adapters.material search views", 4096)


def search_view(html: str) -> str:
    """The page as the search plugin should read it (fact 10): elements marked
    ``data-search-exclude`` removed whole, words of adjacent cells and blocks kept apart,
    and each element marked ``data-search-section`` a section of its own."""
    return _VIEWS.get(hashlib.sha256(html.encode("utf-8")).digest(), lambda: _search_view(html))


def _search_view(html: str) -> str:
    view = _SearchView()
    view.feed(html)
    view.close()
    return "".join(view.out)


class _SearchView(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.excluded: tuple[str, int] | None = None  # the excluded element's tag, and its depth
        # Elements made sections, left out of the view (their heading and text stay): the
        # tag and the depth of same-tag elements inside. A heading nested in an element
        # makes the search plugin, when that element closes, walk back over every section
        # before it; with a section per reference, a corpus's References page cost the
        # square of its length.
        self.sections: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.excluded is not None:
            if tag == self.excluded[0] and tag not in _VOID:
                self.excluded = (tag, self.excluded[1] + 1)
            return
        found = dict(attrs)
        if EXCLUDE in found and tag not in _VOID:
            self.excluded = (tag, 1)
            return
        if EXCLUDE in found:
            return
        title, ident = found.get(SECTION), found.get("id")
        if self.sections and tag == self.sections[-1][0]:
            self.sections[-1] = (tag, self.sections[-1][1] + 1)
        if title and ident and tag not in _VOID:
            self.sections.append((tag, 1))
            self.out.append(f'<h6 id="{escape(ident)}">{escape(title)}</h6>')
            return
        self.out.append(self.get_starttag_text() or "")
        if tag in _VOID and tag in _WORD_ENDS:
            self.out.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.excluded is None and EXCLUDE not in dict(attrs):
            self.out.append(self.get_starttag_text() or "")
            if tag in _WORD_ENDS:
                self.out.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.excluded is not None:
            if tag == self.excluded[0]:
                depth = self.excluded[1] - 1
                self.excluded = (tag, depth) if depth else None
            return
        if self.sections and tag == self.sections[-1][0]:
            depth = self.sections[-1][1] - 1
            if depth:
                self.sections[-1] = (tag, depth)
            else:
                self.sections.pop()
                self.out.append(" ")
                return
        self.out.append(f"</{tag}>")
        if tag in _WORD_ENDS:
            self.out.append(" ")

    def handle_data(self, data: str) -> None:
        if self.excluded is None:
            self.out.append(escape(data, quote=False))
