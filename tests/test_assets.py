"""The edition's stylesheets and scripts reach readers as one minified, content-named
file each (edition/outputs/assets.py): in the built edition, in a small project with entries
that must be left alone, and under `mkdocs serve` after a stylesheet is edited."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, run_mkdocs_build
from edition.outputs.assets import KINDS, bundle_text, fingerprint
from test_serve import _fetch, _wait_for, served_project  # noqa: F401 (a fixture)

BUNDLE = re.compile(r"assets/(stylesheets|javascripts)/edition\.([0-9a-f]{8})\.min\.(css|js)$")
CSS, JS = KINDS


def _listed(setting: str) -> list[str]:
    config = yaml.safe_load(re.sub(r"!!python\S+|!ENV", "", (ROOT / "mkdocs.yml").read_text("utf-8")))
    return config[setting]


def _linked(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return ([link["href"] for link in soup.find_all("link", rel="stylesheet")]
            + [script["src"] for script in soup.find_all("script", src=True)])


@pytest.mark.parametrize("url", ["", "article/", "references/", "glossary/waltz/"])
def test_a_page_links_one_bundle_of_each_kind_named_by_its_content(built_site, url: str) -> None:
    linked = _linked(built_site.page(url))
    bundles = [href for href in linked if BUNDLE.search(href)]
    assert [BUNDLE.search(href).group(3) for href in bundles] == ["css", "js"], linked
    for href in bundles:
        path = (built_site.root / url / href).resolve()
        assert BUNDLE.search(href).group(2) == fingerprint(path.read_text("utf-8"))
    assert not [href for href in linked if re.search(r"(^|/)(stylesheets|javascripts)/(?!.*\.min\.)", href)]


def test_the_bundles_hold_every_source_in_order_and_the_sources_are_not_shipped(built_site) -> None:
    for setting, folder in (("extra_css", "stylesheets"), ("extra_javascript", "javascripts")):
        sources = _listed(setting)
        assert len(sources) > 2
        bundle = next((built_site.root / "assets" / folder).glob("edition.*.min.*")).read_text("utf-8")
        kind = CSS if setting == "extra_css" else JS
        parts = [bundle_text([(ROOT / "docs" / source).read_text("utf-8")], kind).strip() for source in sources]
        positions = [bundle.find(part) for part in parts]
        assert -1 not in positions and positions == sorted(positions), dict(zip(sources, positions, strict=True))
        assert len(bundle) < sum(len((ROOT / "docs" / source).read_text("utf-8")) for source in sources)
        assert not any((built_site.root / source).exists() for source in sources)


def test_minified_css_and_js_keep_their_meaning() -> None:
    css = bundle_text(["/* a comment */\n.a  >  b {\n  color : red ;\n}\n", ".c { margin: 0 }"], CSS)
    assert css == ".a>b{color:red}.c{margin:0}\n"
    js = bundle_text(["// one\n(function () { var a = 1;\n  window.x = a; })()",
                      "(function () { window.y = 2; })()"], JS)
    assert js == "(function(){var a=1;window.x=a;})();(function(){window.y=2;})()\n"


def test_entries_that_are_not_plain_local_files_are_left_in_place(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    sources = {"index.md": "# Home\n", "css/a.css": ".a { color: red }\n", "css/b.css": ".b { color: blue }\n",
               "js/a.js": "window.a = 1;\n", "js/module.mjs": "export const b = 2;\n",
               "js/later.js": "window.c = 3;\n"}
    for name, text in sources.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    (tmp_path / "hooks.py").write_text(
        "from edition.outputs.assets import bundle_assets\n\n\n"
        "def on_files(files, *, config):\n    return bundle_assets(files, config)\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme: material\nhooks: [hooks.py]\n"
        "extra_css: [css/a.css, 'https://example.org/x.css', css/b.css]\n"
        "extra_javascript:\n  - js/a.js\n  - js/module.mjs\n  - path: js/later.js\n    defer: true\n",
        encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs_build(tmp_path, site)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    ours = [href for href in _linked(str(soup))
            if href.startswith(("js/", "css/", "https://example.org/")) or BUNDLE.search(href)]
    css_bundle, remote, js_bundle, module, later = ours
    assert BUNDLE.search(css_bundle) and remote == "https://example.org/x.css"
    assert (site / css_bundle).read_text("utf-8") == ".a{color:red}.b{color:blue}\n"
    assert BUNDLE.search(js_bundle) and (site / js_bundle).read_text("utf-8") == "window.a=1;\n"
    assert module == "js/module.mjs" and soup.find("script", src=module)["type"] == "module"
    assert later == "js/later.js" and soup.find("script", src=later).has_attr("defer")
    assert not (site / "css").exists() and (site / "js" / "later.js").is_file()


def test_an_edited_stylesheet_shows_after_the_rebuild(served_project) -> None:  # noqa: F811
    project, base, log = served_project
    article = f"{base}/article/"
    html = _wait_for(lambda: _fetch(article), timeout=90)
    before = next(href for href in _linked(html) if href.endswith(".css") and BUNDLE.search(href))
    stylesheet = project / "docs" / "stylesheets" / "edition.css"
    stylesheet.write_text(stylesheet.read_text("utf-8") + "\n.edition-just-edited { color: rebeccapurple }\n",
                          encoding="utf-8")
    html = _wait_for(lambda: (page := _fetch(article)) and before not in page and page)
    after = next(href for href in _linked(html) if href.endswith(".css") and BUNDLE.search(href))
    css = _fetch(urljoin(article, after))
    assert css is not None and ".edition-just-edited{color:rebeccapurple}" in css


def test_the_favicon_is_a_small_svg(built_site) -> None:
    soup = BeautifulSoup(built_site.page("article/"), "html.parser")
    icon = built_site.root / "article" / soup.find("link", rel="icon")["href"]
    svg = icon.resolve().read_text("utf-8")
    assert svg.startswith("<svg xmlns=\"http://www.w3.org/2000/svg\"") and len(svg.encode()) < 1024


def _classes_in(css: str) -> set[str]:
    return set(re.findall(r"\.(-?[A-Za-z_][\w-]*)", css))


def test_pages_link_the_trimmed_theme_stylesheet_which_keeps_every_class_a_page_uses(built_site) -> None:
    material = next((built_site.root / "assets" / "stylesheets").glob("main.*.min.css")).read_text("utf-8")
    trimmed_path = next((built_site.root / "assets" / "stylesheets").glob("material.*.min.css"))
    trimmed = trimmed_path.read_text("utf-8")
    assert trimmed_path.name == f"material.{fingerprint(trimmed)}.min.css"
    assert len(trimmed) < 0.8 * len(material)
    used: set[str] = set()
    for page in built_site.root.rglob("*.html"):
        html = page.read_text("utf-8")
        stylesheets = _linked(html)
        assert not [href for href in stylesheets if "/main." in href], page
        if "<html" in html:
            assert any(href.endswith(trimmed_path.name) for href in stylesheets), page
        used |= {name for value in re.findall(r'class="([^"]*)"', html) for name in value.split()}
    lost = sorted(name for name in used & _classes_in(material) if name not in _classes_in(trimmed))
    assert lost == []
    for kept in ("md-search-result__link", "md-top", "md-dialog", "md-clipboard", "md-annotation", "admonition"):
        assert kept in _classes_in(trimmed), kept
    for dropped in ("md-source", "md-tabs", "tabbed-set", "md-tag", "md-version", "twemoji"):
        assert dropped in _classes_in(material) and dropped not in _classes_in(trimmed), dropped


def test_a_component_mkdocs_yml_enables_keeps_its_styles(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from edition.adapters.material import unused_theme_parts

    selectors = (".md-source__repository", ".md-tabs__list", ".tabbed-set", ".md-tag", ".mermaid")

    def dropped(settings: str) -> list[str]:
        (tmp_path / "docs").mkdir(exist_ok=True)
        (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme:\n  name: material\n" + settings, encoding="utf-8")
        unused = re.compile("|".join(unused_theme_parts(load_config(str(tmp_path / "mkdocs.yml")))))
        return [selector for selector in selectors if unused.search(selector)]

    assert dropped("") == list(selectors)
    assert dropped("  features: [navigation.tabs]\nrepo_url: https://example.org/r\n"
                   "markdown_extensions: [pymdownx.tabbed]\nplugins: [tags]\n") == [".mermaid"]


@pytest.mark.parametrize(("css", "expected"), [
    (".a,.md-tabs__x{color:red}.md-tabs{x:1}", ".a{color:red}"),
    ("@media screen{.md-tabs{x:1}}.b{y:2}", ".b{y:2}"),
    ("@media screen{.md-tabs{x:1}.c{z:3}}", "@media screen{.c{z:3}}"),
    (":is(.a,.md-tabs) .b,.c{x:1}", "/* :is() with a dropped class is dropped whole */.c{x:1}"),
    (".a:not(.md-tabs){x:1}", ".a:not(.md-tabs){x:1}"),
    ('.a:after{content:"}{"}.md-tabs{x:1}', '.a:after{content:"}{"}'),
    ("@keyframes k{0%{x:1}to{x:2}}.md-tabs-like{x:1}", "@keyframes k{0%{x:1}to{x:2}}.md-tabs-like{x:1}"),
])
def test_only_selectors_of_unused_parts_are_dropped(css: str, expected: str) -> None:
    from edition.adapters.material import _block
    from edition.outputs.assets import without_selectors

    assert without_selectors(css, re.compile(_block("md-tabs"))) == re.sub(r"/\*.*?\*/", "", expected)


def test_the_same_stylesheet_is_trimmed_once(monkeypatch, kept_caches) -> None:
    import edition.outputs.assets as assets
    from edition.adapters.material import _block

    parsed: list[str] = []
    monkeypatch.setattr(assets, "without_selectors", lambda css, unused: parsed.append(css) or css)
    parts = (_block("md-tabs"),)
    assert assets.trimmed_css(".a{x:1}", parts) == assets.trimmed_css(".a{x:1}", parts) == ".a{x:1}\n"
    assert parsed == [".a{x:1}"]
    assets.trimmed_css(".b{x:1}", parts)
    assert parsed == [".a{x:1}", ".b{x:1}"]
