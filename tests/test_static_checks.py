"""The static checks, run with the tests so that CI runs them: mypy and ruff, each
configured in pyproject.toml ([tool.mypy], [tool.ruff]), must find nothing."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def _check(*args: str) -> None:
    """Run `python -m ARGS` in the project; its whole output is the failure message."""
    result = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)
    status = result.returncode
    assert status == 0, f"`python -m {' '.join(args)}` exited with {status}:\n{result.stdout}{result.stderr}"


def test_mypy_finds_no_error() -> None:
    _check("mypy")


def test_ruff_finds_no_error() -> None:
    _check("ruff", "check", ".")
