"""The edition's own stylesheets and scripts, shipped as one file each.

Editors keep them as separate, readable files in docs/ (stylesheets/*.css,
javascripts/*.js), listed in mkdocs.yml's ``extra_css`` and ``extra_javascript`` in the
order they apply; a build without the hooks links them one by one. With the hooks,
``on_files`` calls ``bundle_assets`` (through ``reader_assets`` in
edition/adapters/material.py): each list's local files are joined in that order,
minified (rcssmin, rjsmin) and written as one file named by its content
(``assets/stylesheets/edition.<hash>.min.css``, ``assets/javascripts/edition.<hash>.min.js``,
like Material's own assets, so that a server may cache them for good), the list names
that file instead, and the separate sources are left out of the site. A reader's browser
makes two requests instead of twelve, for about half the bytes. Under ``mkdocs serve``
every rebuild reads the sources afresh, so an edited stylesheet gives a new file name
and shows at once.

Entries that are not plain local files (another host's URL, a script with a ``type``,
``async`` or ``defer``) are left where they are, after the bundle.

``trimmed_css`` writes a stylesheet without the rules whose selectors match given
patterns; edition/adapters/material.py uses it on Material's stylesheet (which file, and
which of its components no page can show, is Material knowledge, kept there).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from posixpath import splitext

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from edition.core.memo import KEPT


@dataclass(frozen=True)
class Kind:
    """One kind of asset: the mkdocs.yml list naming it, and where its bundle goes."""

    setting: str
    suffix: str
    folder: str
    minify: Callable[[str], str]
    separator: str


# Each script is wrapped in its own function; the separator keeps one file's last
# statement from running into the next file's first.
KINDS = (
    Kind("extra_css", ".css", "assets/stylesheets", rcssmin.cssmin, "\n"),
    Kind("extra_javascript", ".js", "assets/javascripts", rjsmin.jsmin, ";\n"),
)
BUNDLE_NAME = "edition"


def bundle_assets(files: Files, config: MkDocsConfig) -> Files:
    """Replace the local files of ``extra_css`` and ``extra_javascript`` with one
    minified, content-named bundle each (see the module docstring)."""
    for kind in KINDS:
        entries = list(config[kind.setting])
        found = [files.get_file_from_path(str(entry)) for entry in entries if _plain(entry, kind)]
        sources = [source for source in found if source is not None]
        if not sources:
            continue
        bundled = {source.src_uri for source in sources}
        text = bundle_text([source.content_string for source in sources], kind)
        name = f"{kind.folder}/{BUNDLE_NAME}.{fingerprint(text)}.min{kind.suffix}"
        for source in sources:
            files.remove(source)
        files.append(File.generated(config, name, content=text))
        config[kind.setting] = [name] + [entry for entry in entries if str(entry) not in bundled]
    return files


@KEPT.memoized(4)
def trimmed_css(css: str, unused: tuple[str, ...]) -> str:
    """A stylesheet without the rules of the `unused` selector patterns; kept by content,
    so that a `mkdocs serve` rebuild does not parse the unchanged stylesheet again."""
    return without_selectors(css, re.compile("|".join(unused))).strip() + "\n"


def without_selectors(css: str, unused: re.Pattern) -> str:
    """CSS without the selectors that match ``unused`` (outside ``:not()``), and without
    the rules left with none; comments dropped, everything else kept as written."""
    out = []
    for prelude, body in _rules(re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        if body is None:
            out.append(prelude)
        elif prelude.lstrip().startswith(("@media", "@supports", "@container", "@layer")):
            inner = without_selectors(body, unused)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.lstrip().startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [selector for selector in _split_selectors(prelude)
                    if not unused.search(re.sub(r":not\([^()]*\)", "", selector))]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


def _rules(css: str) -> list[tuple[str, str | None]]:
    """Top-level (prelude, body) pairs; a statement without a block (@import ...;) has
    body None. Braces inside strings are skipped."""
    rules: list[tuple[str, str | None]] = []
    start, depth, quote, opened = 0, 0, "", 0
    for index, char in enumerate(css):
        if quote:
            quote = "" if char == quote and css[index - 1] != "\\" else quote
        elif char in "\"'":
            quote = char
        elif char == "{":
            depth += 1
            if depth == 1:
                opened = index
        elif char == "}":
            depth -= 1
            if depth == 0:
                rules.append((css[start:opened], css[opened + 1:index]))
                start = index + 1
        elif char == ";" and depth == 0:
            rules.append((css[start:index + 1], None))
            start = index + 1
    return rules


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(...))."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index])
            start = index + 1
    parts.append(prelude[start:])
    return parts


def bundle_text(texts: list[str], kind: Kind) -> str:
    """The sources joined in order and minified."""
    return kind.minify(kind.separator.join(text.strip() for text in texts)).strip() + "\n"


def fingerprint(text: str) -> str:
    """Eight hex digits of the content's SHA-256, as Material names its assets."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _plain(entry: object, kind: Kind) -> bool:
    """A local file of this kind, linked with no attributes of its own."""
    path = str(entry)
    if "://" in path or path.startswith("//") or splitext(path)[1] != kind.suffix:
        return False
    return not any(getattr(entry, option, None) for option in ("type", "defer", "async_"))
