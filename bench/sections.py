"""One section of bench/RESULTS.md written by a script of its own (bench/pdf_cost.py,
bench/search_forms.py, bench/scale_profile.py), in place of its earlier version."""

from __future__ import annotations

import re
from pathlib import Path


def put_section(heading: str, text: str, results: Path) -> None:
    """Put `text`, which starts with the line `heading`, in `results` in place of the
    section under that heading (up to the next '## ' heading), else at the end."""
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    block = text.rstrip("\n") + "\n"
    if pattern.search(old):
        new = pattern.sub(lambda _: block + "\n", old, count=1)
    else:
        new = old.rstrip("\n") + "\n\n" + block
    results.write_text(new.rstrip("\n") + "\n", encoding="utf-8")
