"""Never a traceback: an exception the edition did not expect (a bug, injected here by
replacing one of its functions) is one line naming the file being processed, and
`mkdocs build` and `citation-check` exit with status 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sites import make_site

BUG = ("bug in the edition while processing this file ({error}) — the file may well be right; please "
       "report this line to the edition's maintainers")
# (replacement that raises, the file named, the exception shown)
INJECTIONS = {
    "while-a-page-renders": ("import edition.text.page_scan as m; m.PageScan.visit = lambda *a, **k: 1 / 0",
                             "docs/index.md", "ZeroDivisionError: division by zero"),
    "while-the-bibliography-loads": ("import edition.inputs.loading as m; m.load_bibliography = lambda *a: [][1]",
                                     "bib/references.bib", "IndexError: list index out of range"),
    "in-the-late-pass": ("import edition.apparatus.late_checks as m; m.annotation_problems = lambda *a: None + 1",
                         "the late pass (all pages)",
                         "TypeError: unsupported operand type(s) for +: 'NoneType' and 'int'"),
    # Only the build writes pages.
    "while-a-page-is-written": ("import edition.render.resolve as m; m.Resolver.render_page = lambda *a, **k: {}['x']",
                                "docs/index.md", "KeyError: 'x'"),
}
RUN = {
    "build": "from mkdocs.__main__ import cli; sys.argv = ['mkdocs', 'build', '--strict']; cli()",
    "check": "from edition.build.citation_check import main; sys.exit(main([]))",
}
CASES = [(case, command) for case in INJECTIONS for command in RUN
         if not (case == "while-a-page-is-written" and command == "check")]


@pytest.mark.parametrize(("case", "command"), CASES)
def test_an_unexpected_exception_is_one_line_and_exit_status_2(tmp_path: Path, case: str, command: str) -> None:
    injection, path, error = INJECTIONS[case]
    project = make_site(tmp_path / "project")
    result = subprocess.run([sys.executable, "-c", f"import sys; {injection}; {RUN[command]}"],
                            cwd=project, capture_output=True, text=True, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output
    line = f"{path}: " + BUG.format(error=error)
    if command == "build":
        assert [entry for entry in output.splitlines() if not entry.startswith("INFO")] == [
            f"ERROR   -  edition: {line}"], output
    else:
        assert output.splitlines() == [line]
