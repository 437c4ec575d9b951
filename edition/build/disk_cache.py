"""The edition's cache on disk: ``.cache/edition/`` beside mkdocs.yml, where Material's
own plugins keep theirs (``.cache/plugin/…``).

It holds the values of the caches kept across rebuilds (``KEPT``, edition/core/memo.py):
parsed and checked bib entries, formatted references, decoded LaTeX, rendered notes,
the export texts. Each of those is kept by its whole input, so a value read back is
right for that input; what else could change a value, the edition's code and the
libraries it uses, names the file (``memos-<key>.pickle``, ``version_key``). A build
whose inputs did not change reads its slow, pure steps back instead of redoing them;
an edited entry, note or page misses and is made afresh.

- Beside it, ``templates/`` keeps the compiled code of the edition's Jinja templates
  (Jinja's own bytecode cache, edition/render/templates/__init__.py), checked by Jinja
  against each template's source.
- ``mkdocs build`` reads the file at ``on_config`` and writes it after the build;
  ``mkdocs serve`` reads it once and writes it when the server stops.
- Deleting the folder is always safe: the next build is a cold one. A file that cannot
  be read is ignored. Files of other versions are deleted when a new one is written.
- ``EDITION_CACHE=off`` in the environment builds without it (the benchmark's cold
  builds).
"""

from __future__ import annotations

import hashlib
import os
import sys
from importlib import metadata
from pathlib import Path

from edition.core.memo import Caches

FOLDER = Path(".cache") / "edition"
PACKAGE = Path(__file__).resolve().parents[1]
# The libraries whose output the kept values hold (parsing, formatting, Markdown, XML).
LIBRARIES = ("pybtex", "latexcodec", "markdown", "pymdown-extensions", "pyyaml", "lxml", "jinja2",
             "markupsafe", "mkdocs", "mkdocs-material")


def enabled() -> bool:
    return os.environ.get("EDITION_CACHE", "").lower() not in {"off", "0", "no", "false"}


def version_key() -> str:
    """A digest of the edition's code (every .py file of the package, by path and bytes),
    the Python version and the versions of the libraries in LIBRARIES."""
    digest = hashlib.sha256(sys.version.encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def cache_file(config_file: str | Path, key: str) -> Path:
    """The cache file of the project whose configuration is `config_file`, for the code
    whose ``version_key`` is `key`."""
    return Path(config_file).resolve().parent / FOLDER / f"memos-{key}.pickle"


def restore(caches: Caches, path: Path) -> int:
    """Read the cache file `path` (``cache_file``) into `caches`; how many values it held."""
    return caches.restore(path) if enabled() else 0


def save(caches: Caches, path: Path) -> int:
    """Write `caches` to the cache file `path` (``cache_file``), and delete the files of
    other versions; how many values were written."""
    if not enabled():
        return 0
    try:
        written = caches.save(path)
        for other in path.parent.glob("memos-*.pickle"):
            if other != path:
                other.unlink(missing_ok=True)
    except OSError:  # a read-only or full disk: the next build is a cold one
        return 0
    return written
