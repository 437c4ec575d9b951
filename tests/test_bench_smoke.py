"""The benchmark (bench/) still runs: `python -m bench --smoke` exercises every
measurement path once (all but Lighthouse) and writes every section of its results.

Not a timed test: nothing here asserts on a duration.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import bib_copy, contents_page, corpus_nav, make_corpus, renumber_citations  # noqa: E402
from bench.gzip_server import LONG_CACHE, SHORT_CACHE, make_server  # noqa: E402

SECTIONS = ("## Run", "## Hook overhead", "## Scale", "## Edit loop", "## Floor: Python-Markdown alone",
            "## Reader side", "### Bytes per page type", "### Lighthouse", "## Targets", "## Profiles")


def _section(text: str, heading: str) -> str:
    start = text.index(heading + "\n")
    following = text.find("\n## ", start + len(heading))
    return text[start:following if following >= 0 else len(text)]


def test_smoke_run_writes_every_section(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    committed = ROOT / "bench" / "RESULTS.md"
    before = committed.read_bytes() if committed.exists() else None
    result = subprocess.run([sys.executable, "-m", "bench", "--smoke", "--output", str(output)],
                            cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr[-4000:]
    text = output.read_text(encoding="utf-8")
    for heading in SECTIONS:
        assert heading + "\n" in text, f"missing section {heading!r}"
    for heading in ("## Hook overhead", "## Scale", "## Edit loop", "## Floor: Python-Markdown alone"):
        assert "n=1)" in _section(text, heading), f"{heading} has no measured figure"
    assert "Skipped" in _section(text, "## Reader side")
    assert "| article |" in _section(text, "## Reader side")
    assert "mkdocs/commands/build.py" in _section(text, "## Profiles")
    raw = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    assert raw["mode"] == "smoke" and raw["scale"]["sizes"] == [1]
    after = committed.read_bytes() if committed.exists() else None
    assert after == before, "--smoke must not touch bench/RESULTS.md"


def test_smoke_refuses_the_committed_results_file() -> None:
    result = subprocess.run([sys.executable, "-m", "bench", "--smoke", "--output", "bench/RESULTS.md"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert "never writes bench/RESULTS.md" in result.stderr


@pytest.mark.parametrize(("printed", "offset", "renumbered"), [
    ("[1]", 19, "[20]"),
    ("[2, p.137]", 19, "[21, p.137]"),
    ("[6, pp.1-17]", 38, "[44, pp.1-17]"),
    ("[7; 8]", 19, "[26; 27]"),
    ("[7, 8]", 19, "[26, 27]"),
    ("[7,8]", 19, "[26,27]"),
    ("(Chapter 5, Line 4.2) [1].", 19, "(Chapter 5, Line 4.2) [20]."),
    ("[sic] and [Electronic resource]", 19, "[sic] and [Electronic resource]"),
    ("[3]", 0, "[3]"),
])
def test_corpus_renumbers_citations(printed: str, offset: int, renumbered: str) -> None:
    assert renumber_citations(printed, offset) == renumbered


def test_corpus_copies_a_bib_entry_with_new_key_and_number() -> None:
    entry = "@book{waltz1979,\n  shorthand = {3},\n  title = {{Theory}},\n}\n"
    assert bib_copy(entry, 1) == entry
    assert bib_copy(entry, 3) == "@book{waltz1979-a3,\n  shorthand = {41},\n  title = {{Theory}},\n}\n"


def test_corpus_lists_its_articles_on_a_contents_page_not_in_the_sidebar() -> None:
    config = "site_name: X\nnav:\n  - Title page: index.md\n  - Article: article.md\n  - References: references.md\n"
    rewritten = corpus_nav(config)
    assert "  - Articles: articles/index.md\n  - References" in rewritten
    assert "article.md" not in rewritten.replace("articles/", "")
    assert rewritten.endswith("not_in_nav: |\n  /articles/a*.md\n")
    assert contents_page(3) == "# Articles\n\n- [Article 1](a1.md)\n- [Article 2](a2.md)\n- [Article 3](a3.md)\n"
    with pytest.raises(RuntimeError, match="not_in_nav"):
        corpus_nav(config + "not_in_nav: |\n  /drafts/*.md\n")


def test_a_corpus_of_two_articles_builds_strictly(tmp_path: Path) -> None:
    """The scale measurements build corpora of k copies; the smoke run builds only one,
    so a second copy that the edition refuses (a part carrying the front, say) would
    pass unseen there and fail the full benchmark."""
    project = make_corpus(tmp_path / "corpus", 2)
    second = (project / "docs" / "articles" / "a2.md").read_text(encoding="utf-8")
    assert "edition_article: part" in second and "edition:front" not in second
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, timeout=600, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-4000:]
    assert (tmp_path / "site" / "articles" / "a2" / "index.html").is_file()
    # Mentions on more than one page are listed one line per page, without quotations.
    glossary = (tmp_path / "site" / "glossary" / "walt" / "index.html").read_text(encoding="utf-8")
    listing = glossary[glossary.index('<ul class="edition-mentions edition-mentions--pages"'):]
    listing = listing[:listing.index("</ul>")]
    assert listing.count("<li>") == 2 and "Article 1:" in listing and "Article 2:" in listing
    assert "<q>" not in listing and listing.count('href="../../articles/a2/#') >= 1


def test_gzip_server_compresses_text_and_sets_cache_headers(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<p>hello</p>" * 50, encoding="utf-8")
    (tmp_path / "assets" / "bundle.0123abcd.min.js").write_text("var a = 1;\n" * 50, encoding="utf-8")
    server = make_server(tmp_path)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        request = urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Cache-Control"] == SHORT_CACHE
            assert gzip.decompress(response.read()).decode() == "<p>hello</p>" * 50
            etag = response.headers["ETag"]
        with urllib.request.urlopen(base + "assets/bundle.0123abcd.min.js") as response:
            assert response.headers["Cache-Control"] == LONG_CACHE
            assert response.headers.get("Content-Encoding") is None  # not asked for
        revalidate = urllib.request.Request(base, headers={"If-None-Match": etag})
        with pytest.raises(urllib.error.HTTPError) as not_modified:
            urllib.request.urlopen(revalidate)
        assert not_modified.value.code == 304
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "nowhere/")
        assert missing.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


def test_a_script_section_replaces_its_earlier_version_or_is_appended(tmp_path: Path) -> None:
    from bench.sections import put_section

    results = tmp_path / "RESULTS.md"
    results.write_text("# R\n\n## A\n\nold a\n\n## B\n\nb\n", encoding="utf-8")
    put_section("## A", "## A\n\nnew a\n", results)
    assert results.read_text(encoding="utf-8") == "# R\n\n## A\n\nnew a\n\n## B\n\nb\n"
    put_section("## C", "## C\n\nc", results)
    assert results.read_text(encoding="utf-8").endswith("## B\n\nb\n\n## C\n\nc\n")
    put_section("## C", "## C\n\nc2", results)
    text = results.read_text(encoding="utf-8")
    assert text.count("## C") == 1 and text.endswith("c2\n")


def test_the_scale_profile_counts_a_function_once_per_stack() -> None:
    from bench.scale_profile import frame_name, inclusive_samples

    raw = ("main (a.py:1);f (b.py:2);f (b.py:2);g (c.py:3) 3\n"
           "main (a.py:1);h (/x/site-packages/mkdocs/d.py:9) 1\n")
    counts, total = inclusive_samples(raw)
    assert total == 4 and counts["main a.py"] == 4 and counts["f b.py"] == 3 and counts["g c.py"] == 3
    assert frame_name("h (/x/site-packages/mkdocs/d.py:9)") == "h mkdocs/d.py"
