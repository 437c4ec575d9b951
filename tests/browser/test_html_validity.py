"""Valid HTML: the Nu HTML checker (npm `vnu-jar`, run with the machine's java) finds
no error in any built page. It runs once over the whole site (it is slow to start),
in the background while the browser tests run (checkers.py).

Errors inherited from the theme are listed below exactly, each with its reason; a
listed error that no longer occurs fails the test too, so the list cannot go stale.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from .checkers import start_vnu

# (message, a fragment of the offending markup): why it is inherited, not ours.
INHERITED = {
    ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
     "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
     "“search”, “tel”, “text”, “time”, “url”, or “week”.", 'class="md-toggle"'):
        "Material's base.html (not a partial) gives its drawer and search toggle "
        "checkboxes autocomplete=off, so that browsers do not restore them open on "
        "Back; only a copy of the whole base template could drop it.",
}


@pytest.fixture(scope="module")
def messages(built_site, site) -> list[dict]:
    # Started in the background by the `site` fixture (conftest.py) when it could.
    job = site.jobs.pop("vnu", None) or start_vnu(built_site.root)
    result = job.wait()
    assert result.returncode == 0, f"vnu.jar did not run:\n{result.stderr[-2000:]}"
    report = json.loads(result.stderr or result.stdout)
    found = report["messages"]
    for message in found:
        message["page"] = Path(message.get("url", "").removeprefix("file:")).relative_to(
            built_site.root).as_posix() if message.get("url") else "?"
    return found


def _inherited(message: dict) -> tuple[str, str] | None:
    for text, fragment in INHERITED:
        if message["message"] == text and fragment in message.get("extract", ""):
            return text, fragment
    return None


def _describe(message: dict) -> str:
    return (f"{message['page']}:{message.get('lastLine', '?')}: {message['message']}\n"
            f"    {message.get('extract', '').strip()[:160]}")


def test_no_html_errors_in_our_markup(messages: list[dict], built_site) -> None:
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    ours = [m for m in errors if not _inherited(m)]
    pages = sorted({p.relative_to(built_site.root).as_posix() for p in built_site.root.rglob("*.html")})
    per_page = Counter(m["page"] for m in ours)
    print(f"\nvnu: {len(pages)} pages, {len(errors)} errors, {len(errors) - len(ours)} inherited "
          f"from the theme, {len(ours)} ours; ours by page: {dict(sorted(per_page.items()))}")
    if ours:
        pytest.fail(f"{len(ours)} HTML errors in our markup:\n"
                    + "\n".join(map(_describe, ours[:40])), pytrace=False)


def test_inherited_errors_are_still_inherited(messages: list[dict]) -> None:
    """Each listed theme error still occurs (else delete it from INHERITED)."""
    seen = {_inherited(m) for m in messages} - {None}
    assert seen == set(INHERITED), f"no longer occurring: {set(INHERITED) - seen}"


def test_every_page_was_checked(messages: list[dict], built_site) -> None:
    """vnu reports nothing for a clean page, so count pages via the inherited errors."""
    pages = {p.relative_to(built_site.root).as_posix() for p in built_site.root.rglob("*.html")}
    assert {m["page"] for m in messages if _inherited(m)} == pages
