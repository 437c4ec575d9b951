"""The package's shape, as a newcomer reads it from the folder list: the pipeline's
stages as folders, imports only down the pipeline, a docstring per folder."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "edition"
# The allowed-imports rule: the stages in pipeline order. A module may import from its
# own folder and from the folders before it, never from one after it. `adapters` (other
# packages' internals) sit just under `build`, the only stage that drives MkDocs.
STAGES = ("core", "inputs", "text", "apparatus", "render", "outputs", "adapters", "build")
MAX_TOP_LEVEL_MODULES = 12


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _stage(module: str) -> str | None:
    """The stage of `edition.X.Y...` (None for the package itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def _imported(path: Path) -> list[tuple[int, str]]:
    """Every `edition...` module `path` imports, with its line (type-only imports too)."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package_parts = package.split(".")
                base = ".".join(package_parts[:len(package_parts) - node.level + 1] + ([base] if base else []))
            names = [base] if base != "edition" else [f"edition.{alias.name}" for alias in node.names]
            found += [(node.lineno, name) for name in names if name.startswith("edition")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("edition")]
    return found


def import_violations() -> list[str]:
    """`path:line: X imports Y` for every import that goes up the pipeline."""
    violations = []
    for path in _modules():
        own = _stage(".".join(path.relative_to(ROOT).with_suffix("").parts))
        if own is None:
            continue
        for line, name in _imported(path):
            target = _stage(name)
            if target is None or STAGES.index(target) > STAGES.index(own):
                violations.append(f"{path.relative_to(ROOT)}:{line}: '{own}' imports {name} "
                                  f"('{target}' comes later in {' → '.join(STAGES)})")
    return violations


def test_imports_only_go_down_the_pipeline() -> None:
    assert import_violations() == []


def test_the_rule_catches_an_import_up_the_pipeline(tmp_path, monkeypatch) -> None:
    # The checker itself, on a throwaway package: an inputs module importing render.
    package = tmp_path / "edition"
    for stage in ("inputs", "render"):
        (package / stage).mkdir(parents=True)
        (package / stage / "__init__.py").write_text('"""x"""\n')
    (package / "inputs" / "bad.py").write_text("from edition.render.thing import x\n")
    (package / "render" / "fine.py").write_text("from edition.inputs.bad import x\nfrom ..inputs import bad\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", package)
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    assert import_violations() == ["edition/inputs/bad.py:1: 'inputs' imports edition.render.thing "
                                   f"('render' comes later in {' → '.join(STAGES)})"]


def test_the_folders_are_the_stages_each_with_a_docstring() -> None:
    folders = sorted(path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file())
    assert folders == sorted(STAGES)
    for init in PACKAGE.rglob("__init__.py"):
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{init} has no docstring"


def test_few_modules_stay_at_the_top_of_the_package() -> None:
    top = [path.name for path in PACKAGE.glob("*.py")]
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


@pytest.mark.parametrize("hook", sorted((ROOT / "hooks").glob("*.py")), ids=lambda path: path.name)
def test_the_hooks_reach_the_package_through_build_only(hook: Path) -> None:
    reached = {name for _, name in _imported(hook)}
    assert reached and all(_stage(name) == "build" for name in reached), reached
