"""Under a real `mkdocs serve`, the code runs as saved (issue 20): an edit of a module of
the edition or of hooks/*.py takes effect on the next save, every time.

The tiny project of tests/sites.py is served with its own copy of the edition's package
(found first on the path, since the server runs in the project's folder), so the test
edits the copy, never the package under test."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

from conftest import ROOT
from sites import make_site
from test_serve import _fetch, _wait_for
from test_serve_problems import _serve

TEMPLATES = Path("edition") / "render" / "templates" / "__init__.py"
# Appended to the copy's templates module: every preview block then carries a marker.
MODULE_EDIT = '''

_render_before_{round} = render


def render(name: str, **context: object) -> str:
    marked = "<!-- {marker} -->" if name == "previews.html" else ""
    return _render_before_{round}(name, **context) + marked
'''
# Appended to the copy's hooks: one more event, which MkDocs must load to run.
HOOK_EDIT = '''

def on_post_page(output, *, page, config):
    return output.replace("</body>", "<!-- {marker} --></body>")
'''


def _served_with(base: str, marker: str) -> str | None:
    """The served title page, once it holds `marker`."""
    html = _fetch(f"{base}/") or ""
    return html if marker in html else None


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_an_edited_module_and_an_edited_hook_run_on_the_next_save(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project")
    shutil.copytree(ROOT / "edition", project / "edition", ignore=shutil.ignore_patterns("__pycache__"))
    process, base, log = _serve(project)
    try:
        first = _wait_for(lambda: _fetch(f"{base}/"), timeout=90)
        assert "edited-" not in first
        hooks = project / "hooks" / "edition_hooks.py"
        for round_ in (1, 2):  # the second edit proves the first reload was not a one-off
            _append(project / TEMPLATES, MODULE_EDIT.format(marker=f"edited-module-{round_}", round=round_))
            module_marker, hook_marker = f"edited-module-{round_}", f"edited-hook-{round_}"
            _wait_for(functools.partial(_served_with, base, module_marker))
            _append(hooks, HOOK_EDIT.format(marker=hook_marker))
            page = _wait_for(functools.partial(_served_with, base, hook_marker))
            assert module_marker in page
        served_log = (project / "serve.log").read_text(encoding="utf-8")
        assert "Traceback" not in served_log and "bug in the edition" not in served_log
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
