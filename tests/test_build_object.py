"""One build object, one owner of the caches (issue 20): the hooks keep one reference
and no global; every cache is bounded, keyed on its whole input, holds immutable values
(or hands out copies) and belongs to edition/core/memo.py's KEPT."""

from __future__ import annotations

import ast
import copy

import pytest

from conftest import ROOT
from edition.core.memo import KEPT, Caches, Memo, is_immutable


def _tree(path):
    return ast.parse(path.read_text(encoding="utf-8"))


def test_the_hooks_keep_one_reference_and_no_global_statement() -> None:
    tree = _tree(ROOT / "hooks" / "edition_hooks.py")
    assert not [node for node in ast.walk(tree) if isinstance(node, (ast.Global, ast.Nonlocal))]
    assigned = [target.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                if isinstance(target, ast.Name)]
    assert assigned == ["_session"]


def test_no_module_of_the_edition_keeps_a_cache_of_its_own() -> None:
    found = []
    for path in sorted((ROOT / "edition").rglob("*.py")):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Attribute) and node.attr in ("lru_cache", "cache") \
                    and isinstance(node.value, ast.Name) and node.value.id == "functools":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Global):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: global")
    assert found == []


def test_a_memo_is_bounded_least_recently_used_first_out() -> None:
    memo: Memo[str] = Memo("test", 2)
    made: list[str] = []
    for key in ("a", "b", "a", "c", "a", "b"):
        memo.get(key, lambda key=key: made.append(key) or key.upper())
    assert made == ["a", "b", "c", "b"]  # 'b' was the least recently used when 'c' came
    assert len(memo) == 2 and (memo.hits, memo.misses) == (2, 4)


def test_a_memo_made_with_copy_never_hands_out_what_it_keeps() -> None:
    memo: Memo[list[int]] = Memo("test", 4, copy=copy.deepcopy)
    first = memo.get("k", lambda: [1, 2])
    first.append(3)
    assert memo.get("k", lambda: [9]) == [1, 2]


def test_memoized_functions_are_registered_with_their_owner_and_keyed_on_every_argument() -> None:
    caches = Caches()
    calls: list[tuple] = []

    @caches.memoized(8)
    def joined(a: str, b: str) -> str:
        calls.append((a, b))
        return a + b

    assert joined("x", "y") == joined("x", "y") == "xy" and joined("x", "z") == "xz"
    assert calls == [("x", "y"), ("x", "z")]
    assert [memo.name for memo in caches] == [f"{__name__}.test_memoized_functions_are_registered_with_their_"
                                              "owner_and_keyed_on_every_argument.<locals>.joined"]
    caches.clear()
    joined("x", "y")
    assert len(calls) == 3
    with pytest.raises(TypeError):
        joined("x", b="y")


@pytest.mark.parametrize(("value", "expected"), [
    ("text", True), ((1, ("a", None)), True), (frozenset({"a"}), True),
    ([1], False), ((1, [2]), False), ({"a": 1}, False),
])
def test_immutable_means_all_the_way_down(value, expected) -> None:
    assert is_immutable(value) is expected


def test_after_a_check_of_the_edition_every_kept_value_is_immutable_or_copied(kept_caches) -> None:
    from edition.build.citation_check import check_project

    check_project(ROOT / "mkdocs.yml")
    memos = list(KEPT)
    assert sum(len(memo) for memo in memos) > 0
    for memo in memos:
        assert len(memo) <= memo.maxsize, memo.name
        if memo.copy is None:
            mutable = [value for value in memo.values() if not is_immutable(value)]
            assert not mutable, f"{memo.name} keeps a mutable value: {mutable[0]!r}"[:300]
