"""A rebuild as `mkdocs serve` makes one on a save, under cProfile.

serve keeps one interpreter: the first build imports everything, and each save loads
mkdocs.yml again (so the hooks file runs again) and builds the whole site. This
script does the same without the server: one build as serve starts it, then
docs/article.md saved with a new closing paragraph (as bench/serveloop.py edits it),
then the profiled rebuild (config load included). Run as a script in a fresh
interpreter: ``python bench/rebuild.py PROJECT SITE OUT.prof``.
"""

from __future__ import annotations

import cProfile
import logging
import sys
from pathlib import Path


def main(project: Path, site: Path, out: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config_file = str(project / "mkdocs.yml")
    config = load_config(config_file, site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    source = project / "docs" / "article.md"
    original = source.read_text(encoding="utf-8")
    source.write_text(original.rstrip("\n") + "\n\nEdited for the benchmark's rebuild profile.\n",
                      encoding="utf-8")
    profiler = cProfile.Profile()
    try:
        profiler.enable()
        build(load_config(config_file, site_dir=str(site)))
        profiler.disable()
    finally:
        source.write_text(original, encoding="utf-8")
    profiler.dump_stats(str(out))


if __name__ == "__main__":
    main(*(Path(argument) for argument in sys.argv[1:4]))
