"""Read YAML data files (registers, timeline, notes) with the line of each list item,
so that problems in them can be reported as ``path:line``."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from edition.problems import Problem

# libyaml's loader where it is installed (it is, with PyYAML's wheels): the data files
# are read several times per build, and the pure-Python parser is slow.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_list(file: Path, display: str) -> tuple[list[tuple[dict[str, Any], int]], list[Problem]]:
    """The YAML list in `file` as (item, line) pairs; a problem if it is not a list of mappings."""
    if not file.is_file():
        return [], []
    stat = file.stat()
    return _load_list(str(file), stat.st_mtime_ns, stat.st_size, display)


@functools.lru_cache(maxsize=64)
def _load_list(path: str, _mtime: int, _size: int, display: str):
    # Keyed on the file's modification time and size, so an edit under `mkdocs serve`
    # is read afresh; callers get copies of nothing mutable they could change.
    text = Path(path).read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=_LOADER)
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return [], [Problem(display, line, f"YAML error: {getattr(error, 'problem', error)} — "
                            "fix the indentation or quoting")]
    if data is None:
        return [], []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        return [], [Problem(display, 1, "expected a YAML list of entries (each starting with '- ')")]
    lines = [node.start_mark.line + 1 for node in root.value]
    return list(zip(data, lines)), []
