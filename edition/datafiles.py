"""Read YAML data files (registers, timeline, notes) with the line of each list item,
so that problems in them can be reported as ``path:line``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from edition.problems import Problem


def load_list(file: Path, display: str) -> tuple[list[tuple[dict[str, Any], int]], list[Problem]]:
    """The YAML list in `file` as (item, line) pairs; a problem if it is not a list of mappings."""
    if not file.is_file():
        return [], []
    text = file.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
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
