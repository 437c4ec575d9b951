"""mkdocs.yml under ``mkdocs serve``: loaded as MkDocs loads it, and its mistakes as one problem.

MkDocs reads mkdocs.yml before any hook can run, so a mistake in it stops ``mkdocs build``
with MkDocs' own message. Under serve, though, MkDocs loads the file again at every
rebuild, and a mistake there used to print MkDocs' traceback and leave the server stuck.
The session (edition/build/session.py) wraps the rebuild: it loads the file here first,
and when that fails the site is rebuilt from the text last loaded, with the mistake as
one ``mkdocs.yml:line: message`` in the banner.

What it relies on in MkDocs 1.6 (tests/test_adapters_mkdocs.py): ``load_config`` accepts an
open file, whose ``name`` becomes the config's path; a YAML error is raised as a
``ConfigurationError`` whose text holds PyYAML's error; other mistakes in the values are
an ``Abort`` (both ClickExceptions).
"""

from __future__ import annotations

import io
from pathlib import Path

import yaml
from click import ClickException
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from edition.core.problems import Problem
from edition.inputs.schema import compose_and_load


class _Named(io.BytesIO):
    """mkdocs.yml's text as last loaded, read as if it were the file."""

    def __init__(self, text: bytes, name: str) -> None:
        super().__init__(text)
        self.name = name


def load(path: Path, text: bytes | None = None, served: MkDocsConfig | None = None) -> MkDocsConfig:
    """The config of `path`, or, given `text`, of that text as if it were the file, with
    the settings `mkdocs serve` gave the `served` config (its site folder and address)."""
    if text is None:
        return load_config(str(path))
    config = load_config(_Named(text, str(path)), site_dir=served.site_dir if served else None)
    if served is not None:
        config.site_url = served.site_url
    return config


def problem(path: Path, error: ClickException) -> Problem:
    """The one problem for mkdocs.yml that cannot be loaded: a YAML error at its line."""
    try:
        compose_and_load(path.read_text(encoding="utf-8", errors="replace"), load=False)
    except yaml.YAMLError as yaml_error:
        mark = getattr(yaml_error, "problem_mark", None)
        return Problem(path.name, mark.line + 1 if mark else 1, "YAML error: "
                       f"{getattr(yaml_error, 'problem', None) or yaml_error} — fix the indentation or quoting; "
                       "the site is served as it was before this edit")
    return Problem(path.name, 1, f"{error.format_message()} — fix the setting; the site is served as it was "
                   "before this edit")
