"""The floor: Python-Markdown alone on the edition's Markdown, in this process.

Same pages (every docs/**/*.md, front matter removed as MkDocs removes it), same
``markdown_extensions`` and their configuration as MkDocs loads them from
mkdocs.yml (with its defaults toc, tables and fenced_code), minus the edition's
own extension (which the hooks add at build time) and minus MkDocs' internal link
rewriting. One fresh ``Markdown`` instance per page, as MkDocs makes one.
"""

from __future__ import annotations

import time
from pathlib import Path

import markdown
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data


def load_pages(project: Path) -> dict[str, str]:
    """Markdown body of every page under docs/, by path."""
    docs = project / "docs"
    return {file.relative_to(docs).as_posix(): get_data(file.read_text(encoding="utf-8"))[0]
            for file in sorted(docs.rglob("*.md"))}


def extension_config(project_without_hooks: Path) -> tuple[list, dict]:
    """(extensions, their configs) exactly as MkDocs reads them from mkdocs.yml."""
    config = load_config(config_file=str(project_without_hooks / "mkdocs.yml"))
    return list(config["markdown_extensions"]), dict(config["mdx_configs"])


def convert_all(pages: dict[str, str], extensions: list, configs: dict) -> dict[str, float]:
    """Seconds to convert each page, one fresh Markdown instance per page."""
    times = {}
    for path, text in pages.items():
        start = time.perf_counter()
        markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)
        times[path] = time.perf_counter() - start
    return times
