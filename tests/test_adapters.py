"""Contract tests of edition/adapters/: each module there states in its header what it
relies on in another package's internals; its section here checks those facts against
the installed package, so that upgrading the package fails here, with a message naming
the adapter module to revisit, rather than somewhere in the built site."""

from __future__ import annotations

import dataclasses
import re
from importlib.metadata import version
from pathlib import Path

import material
import pytest

from conftest import ROOT

# --- Material for MkDocs: edition/adapters/material.py -------------------------------
#
# The facts are numbered as in the adapter's header. Material's JavaScript is minified:
# its function names change with every release, so the checks follow names found in the
# text (the function that requests the index, the one it calls...) instead of naming them.

MATERIAL_ADAPTER = "edition/adapters/material.py"
# Its JavaScript side, in the two places where it runs, and the literal each fact is written as.
SEARCH_ON_INTENT = ROOT / "overrides" / "search-on-intent.html"
SEARCH_FORMS = ROOT / "docs" / "javascripts" / "search-forms.js"
JS = "overrides/search-on-intent.html and docs/javascripts/search-forms.js"
JS_FACTS = {
    "QUERY": (SEARCH_FORMS, r"\bvar QUERY = (\d+);"),
    "INDEX": (SEARCH_ON_INTENT, r"this\.editionSearchIndex = (/.+?/)\.test"),
    "SEARCH_BOX": (SEARCH_ON_INTENT, r'target\.closest\(("\.md-search[^"]*")\)'),
    "SHORTCUT": (SEARCH_ON_INTENT, r"return (/\^\[[^\]]*\]\$/i)\.test\(event\.key\)"),
    "SEARCH_AT_ONCE": (SEARCH_ON_INTENT, r"var wanted = (/.+?/)\.test\(location\.search\)"),
}
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


@dataclasses.dataclass(frozen=True)
class MaterialFiles:
    """The installed Material's files the adapter relies on, as text."""

    version: str
    stylesheets: tuple[str, ...]  # file names in assets/stylesheets/
    stylesheet: str  # the main stylesheet
    base_html: str
    partials: str  # partials/header.html and partials/search.html
    bundle: str  # assets/javascripts/bundle.<hash>.min.js
    worker: str  # assets/javascripts/workers/search.<hash>.min.js
    offline_plugin: str  # material/plugins/offline/plugin.py
    search_plugin: str  # material/plugins/search/plugin.py

    @classmethod
    def installed(cls) -> MaterialFiles:
        assets = MATERIAL_TEMPLATES / "assets"
        stylesheets = tuple(sorted(path.name for path in (assets / "stylesheets").iterdir()))
        main = sorted((assets / "stylesheets").glob("main.*.min.css"))
        bundle = sorted((assets / "javascripts").glob("bundle.*.min.js"))
        worker = sorted((assets / "javascripts" / "workers").glob("search.*.min.js"))
        return cls(
            version=version("mkdocs-material"),
            stylesheets=stylesheets,
            stylesheet=main[0].read_text("utf-8") if len(main) == 1 else "",
            base_html=(MATERIAL_TEMPLATES / "base.html").read_text("utf-8"),
            partials="".join((MATERIAL_TEMPLATES / "partials" / name).read_text("utf-8")
                             for name in ("header.html", "search.html", "top.html")),
            bundle=bundle[0].read_text("utf-8") if len(bundle) == 1 else "",
            worker=worker[0].read_text("utf-8") if len(worker) == 1 else "",
            offline_plugin=(MATERIAL_TEMPLATES.parent / "plugins" / "offline" / "plugin.py").read_text("utf-8"),
            search_plugin=(MATERIAL_TEMPLATES.parent / "plugins" / "search" / "plugin.py").read_text("utf-8"),
        )


def _js_constant(name: str) -> str:
    """The literal the JavaScript side writes for the fact `name` (JS_FACTS), as written."""
    path, pattern = JS_FACTS[name]
    found = re.search(pattern, path.read_text("utf-8"))
    assert found, f"{path.relative_to(ROOT)} no longer writes {name} as expected ({MATERIAL_ADAPTER}, facts 4-7)"
    return found.group(1)


def _js_regex(name: str) -> re.Pattern:
    """A regular-expression constant of the JS adapter, for Python (the same syntax here)."""
    literal = re.fullmatch(r"/(.+)/(i?)", _js_constant(name))
    return re.compile(literal.group(1), re.I if literal.group(2) else 0)


def _function(js: str, name: str) -> str:
    """The source of `function name(...){...}` in minified JavaScript ('' if none)."""
    start = js.find(f"function {name}(")
    if start < 0:
        return ""
    depth, end = 0, len(js) - 1
    for end in range(js.index("{", start), len(js)):
        depth += {"{": 1, "}": -1}.get(js[end], 0)
        if depth == 0:
            break
    return js[start:end + 1]


def _requester(js: str, name: str, depth: int = 4) -> str:
    """The function that `name` hands its URL to, followed down to the one that opens the
    request (each minified helper returns another's result: `return f(e,t).pipe(...)`)."""
    body = _function(js, name)
    if "XMLHttpRequest" in body or "fetch(" in body or depth == 0:
        return body
    called = re.search(r"\{return ([\w$]+)\(", body)
    return _requester(js, called.group(1), depth - 1) if called else body


def _search_sections(plugin: str, html: str) -> list[tuple[str | None, str]]:
    """(id, text) of each section the search plugin's Parser, as `plugin` writes it, makes of `html`."""
    source = plugin.replace("from .config import", "from material.plugins.search.config import")
    namespace: dict = {"__name__": "material_search_plugin_under_test"}
    exec(compile(source, "material/plugins/search/plugin.py", "exec"), namespace)
    parser = namespace["Parser"]()
    parser.feed(html)
    parser.close()
    return [(section.id, "".join(section.text).strip()) for section in parser.data]


def _block(html: str, name: str) -> str:
    found = re.search(r"\{%-? block " + name + r" -?%\}(.*?)\{%-? endblock", html, re.S)
    return found.group(1) if found else ""


def material_contract(files: MaterialFiles) -> list[str]:
    """Every fact of edition/adapters/material.py's header that `files` no longer bear
    out, one message each (an empty list: the adapter holds)."""
    from edition.adapters.material import EXTRA_KEY, TEMPLATE_BLOCK, THEME_CSS, THEME_PARTS

    problems: list[str] = []

    def fact(number: int, holds: object, what: str) -> None:
        if not holds:
            problems.append(
                f"{MATERIAL_ADAPTER}, fact {number}: mkdocs-material {files.version} no longer "
                f"{what}. Revisit fact {number} in the header of {MATERIAL_ADAPTER} and the code "
                f"that relies on it, or drop that reach-in.")

    # 1-2. The stylesheet, and the block of base.html that links it.
    main = [name for name in files.stylesheets if THEME_CSS.match(f"assets/stylesheets/{name}")]
    fact(1, len(main) == 1, f"ships exactly one stylesheet matching THEME_CSS "
                            f"({THEME_CSS.pattern}) in assets/stylesheets/ (found {main})")
    styles = _block(files.base_html, TEMPLATE_BLOCK)
    fact(2, main and f"'assets/stylesheets/{main[0]}' | url" in styles,
         f"links its stylesheet in base.html's {{% block {TEMPLATE_BLOCK} %}} as "
         f"\"'assets/stylesheets/{main[0] if main else 'main.<hash>.min.css'}' | url\"")
    ours = (ROOT / "overrides" / "main.html").read_text("utf-8")
    fact(2, _block(ours, TEMPLATE_BLOCK) and f"config.extra.{EXTRA_KEY}" in ours,
         f"is matched by overrides/main.html, which must override {{% block {TEMPLATE_BLOCK} %}} "
         f"and read config.extra.{EXTRA_KEY}")
    # 3. The components' class names.
    for pattern, _ in THEME_PARTS:
        fact(3, re.search(pattern, files.stylesheet),
             f"styles a component by the class names THEME_PARTS gives ({pattern})")

    # 4. The index, requested with XMLHttpRequest as soon as the bundle runs.
    index = _js_regex("INDEX")
    loader = re.search(r"([\w$]+)\(new URL\(\"search/search_index\.json\"", files.bundle)
    fact(4, loader, "requests search/search_index.json by passing new URL(\"search/search_index.json\", "
                    "base) to a helper")
    fact(4, index.search("https://example.org/edition/search/search_index.json"),
         f"requests an index URL that {JS}'s INDEX recognises")
    if loader:
        requester = _requester(files.bundle, loader.group(1))
        fact(4, re.search(r"new XMLHttpRequest;.*?\.open\(\"GET\",.*?\.send\(\)", requester),
             "fetches the index with XMLHttpRequest (open(\"GET\", url), then send()), "
             f"the send() that {JS} holds back")
        starter = next((name for name in re.findall(r"function ([\w$]+)\(\)\{", files.bundle)
                        if "search/search_index.json" in _function(files.bundle, name)), None)
        fact(4, starter and re.search(rf"document\.forms\.namedItem\(\"search\"\)\?{re.escape(starter)}\(\)",
                                      files.bundle),
             "requests the index as soon as its bundle runs, on a page with the search form "
             f"(if it now waits for the reader, {JS} need not hold it back)")
        fact(4, starter and re.search(r"location\.protocol===\"file:\"\?.*?\"search/search_index\.js\"",
                                      _function(files.bundle, starter)),
             "loads search/search_index.js as a script instead under file:// (the offline edition)")

    # 5 and 7. Queries: {type: QUERY, data: <the input's value>}, once the worker is ready.
    query = _js_constant("QUERY")
    ready = re.search(r"function ([\w$]+)\(e\)\{return e\.type===1\}", files.bundle)
    poster = re.search(r"function [\w$]+\([^)]*\)\{[^{}]*?\(([\w$]+)\)\)[^{}]*?\(\{value:([\w$]+)\}\)=>"
                       r"[\w$]+\.next\(\{type:(\d+),data:\2\}\)", files.bundle)
    fact(7, poster and poster.group(3) == query,
         f"sends each query to the search worker as {{type: {query}, data: <the search box's value>}} "
         f"({JS}'s QUERY = {query})")
    fact(5, ready and poster and poster.group(1) == ready.group(1),
         "sends a query only once the search worker said it is ready (type 1), so a query typed "
         "while the index is held back waits for it")
    fact(7, re.search(r"\bnew Worker\(", files.bundle)
         and re.search(r"[\w$]+\.postMessage\([\w$]+\)", files.bundle)
         and "prototype.postMessage" not in files.bundle,
         "posts to its search worker by calling worker.postMessage(message) on a new Worker "
         f"({JS} wraps Worker.prototype.postMessage)")
    fact(7, re.search(rf"case {query}:let ([\w$]+)=[\w$]+\.data;.{{0,40}}\.search\(\1\)", files.worker),
         f"has its search worker answer a message of type {query} by searching for its data")

    # 6. The search box, its shortcuts, and the addresses that search at once.
    for selector in (part.strip() for part in _js_constant("SEARCH_BOX").strip("\"").split(",")):
        markup = {".": 'class="{}"', "#": 'id="{}"', "[": 'for="{}"'}[selector[0]]
        name = re.sub(r"^[.#]|^\[for='|'\]$", "", selector)
        fact(6, markup.format(name) in files.base_html + files.partials,
             f"has the search box's {selector} in base.html or partials/header.html, search.html")
    shortcuts = re.search(r"((?:case\"[^\"]+\":)+)[\w$]+\.focus\(\)", files.bundle)
    keys = sorted(re.findall(r"case\"([^\"]+)\":", shortcuts.group(1))) if shortcuts else []
    fact(6, keys and all(_js_regex("SHORTCUT").match(key) for key in keys)
         and len(keys) == len(_js_regex("SHORTCUT").pattern.strip("^$[]")),
         f"focuses the search box on the keys {JS}'s SHORTCUT names (Material's: {keys})")
    at_once = _js_regex("SEARCH_AT_ONCE")
    fact(6, '.has("q")' in files.bundle and at_once.search("?q=x"),
         "opens a search given in the address as ?q=, which needs the index at once")
    fact(6, '.searchParams.get("h")' in files.bundle and at_once.search("?h=x"),
         "highlights the words given in the address as ?h=, which needs the index at once")

    # 8. The offline edition's polyfill, loaded before the JS adapter.
    head = files.base_html.split("{% block extrahead %}")[0]
    fact(8, "config.extra.polyfills" in _block(head, "libs"),
         "loads config.extra.polyfills in base.html's {% block libs %}, before {% block extrahead %}")
    fact(8, '"iframe-worker" in url' in files.offline_plugin,
         "leaves out the offline plugin's CDN iframe-worker shim when extra.polyfills names one")
    # 9. Back to top: the button, the inline top the bundle sets, the toggles before the container.
    fact(9, re.search(r'<button[^>]*class="md-top\b[^"]*"[^>]*\bhidden\b', files.partials),
         'writes Back to top as <button class="md-top ..." hidden> (partials/top.html)')
    fact(9, re.search(r"[\w$]+\.style\.top=`\$\{[\w$]+\}px`", files.bundle),
         "sets an inline style.top on Back to top, which typography.css overrides with !important")
    toggles = [files.base_html.find(f'data-md-toggle="{name}"') for name in ("search", "drawer")]
    fact(9, all(0 <= where < files.base_html.find('class="md-container"') for where in toggles),
         'puts input[data-md-toggle="search"] and [data-md-toggle="drawer"] before .md-container in base.html')
    # 10. The search plugin: what it indexes, when, and how its parser reads the page.
    page_context = re.search(r"def on_page_context\(.*?(?=\n    def |\n    # -{5})", files.search_plugin, re.S)
    fact(10, page_context and "add_entry_from_context(page)" in page_context.group(0),
         "indexes page.content in its on_page_context, the event from which the hooks hand it the "
         "search view and after which they put the page's HTML back")
    nested = _search_sections(files.search_plugin, '<p>A<span data-search-exclude><span>x</span>y</span> B</p>')
    fact(10, nested == [(None, "<p>Ay B</p>")],
         "loses the skip of an element marked data-search-exclude when an element of the same tag inside "
         f"it closes (read: {nested}); if it now skips the whole element, search_view's removal may go")
    cells = _search_sections(files.search_plugin, "<table><tr><td>a</td><td>b</td></tr></table>")
    fact(10, cells == [(None, "ab")],
         f"joins the words of adjacent table cells (read: {cells}), which search_view keeps apart")
    nested_heading = _search_sections(files.search_plugin,
                                      '<h1 id="t">T</h1><ol><li><h6 id="r">R</h6>x</li></ol>y')
    fact(10, nested_heading == [(None, "y"), ("r", "x")],
         "starts a section at a heading with an id inside a list item and ends it where the item "
         f"closes (read: {nested_heading}), as search_view's data-search-section relies on")
    return problems


def test_material_still_does_what_edition_adapters_material_relies_on() -> None:
    problems = material_contract(MaterialFiles.installed())
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("fact", "change"), [
    (2, lambda files: {"base_html": files.base_html.replace("{% block styles %}", "{% block theme_styles %}")}),
    (3, lambda files: {"stylesheet": files.stylesheet.replace(".md-tabs", ".md-navtabs")}),
    (4, lambda files: {"bundle": files.bundle.replace("new XMLHttpRequest", "new FetchRequest")}),
    (4, lambda files: {"bundle": files.bundle.replace('document.forms.namedItem("search")?', "false?")}),
    (7, lambda files: {"bundle": files.bundle.replace("{type:2,data:", "{type:4,data:")}),
    (7, lambda files: {"worker": files.worker.replace("case 2:", "case 4:")}),
    (6, lambda files: {"bundle": files.bundle.replace('case"s":', 'case"k":')}),
    (8, lambda files: {"offline_plugin": files.offline_plugin.replace('"iframe-worker" in url', "False")}),
    (10, lambda files: {"search_plugin": files.search_plugin.replace(
        "self.search_index.add_entry_from_context(page)", "pass")}),
    (10, lambda files: {"search_plugin": files.search_plugin.replace(
        "return hash(self.tag)", "return id(self)").replace("return self.tag == other.tag", "return self is other")
        .replace("return self.tag == other", "return self is other")}),
], ids=["template block", "component class", "index by fetch", "index on demand", "query type",
        "worker query type", "shortcut", "offline shim", "search event", "search skip fixed"])
def test_a_changed_material_fails_naming_the_adapter(fact: int, change) -> None:
    files = MaterialFiles.installed()
    problems = material_contract(dataclasses.replace(files, **change(files)))
    assert problems, "the contract missed a change to Material"
    assert all(problem.startswith(f"{MATERIAL_ADAPTER}, fact {fact}:") for problem in problems), problems
