"""The caches' one owner: every value the edition keeps from one build to the next.

Under ``mkdocs serve`` a rebuild reads the same sources again, nearly unchanged; the
slow, pure steps (pybtex's parsing and formatting, LaTeX decoding, Markdown of notes)
are kept by their input, so a rebuild redoes only what an edit changed. Each such cache
is a ``Memo`` registered by name in ``KEPT``, which owns them all:

- bounded: a memo forgets its least recently used value past its ``maxsize``;
- keyed on everything that shapes the value (the callers pass the whole input);
- holding immutable values: either the value is immutable (strings, numbers, tuples,
  frozen dataclasses of those, pybtex's rich text, which no operation changes in
  place), or the memo was made with ``copy`` and hands out a fresh copy every time;
- dropped with the code: when the edition's code is imported afresh under serve
  (edition/build/reloading.py) this module goes too, and its caches with it;
- kept on disk between processes (``Caches.save`` and ``Caches.restore``, used by
  edition/build/disk_cache.py): since every key is the whole input, a value read back
  is the value the same input would make, provided the code and the libraries that made
  it are the same, which the file's name records.

Nothing else in the package keeps a value beyond a build; per-build state belongs to
the build object (edition/build/session.py). Tests empty the caches through ``KEPT``.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import pickle
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any, Generic, ParamSpec, TypeVar

from markupsafe import Markup
from pybtex.richtext import BaseText

_V = TypeVar("_V")
_P = ParamSpec("_P")


class Memo(Generic[_V]):
    """A bounded map from a hashable key to a value, least recently used first out."""

    def __init__(self, name: str, maxsize: int, copy: Callable[[_V], _V] | None = None) -> None:
        self.name = name
        self.maxsize = maxsize
        self.copy = copy
        self.hits = 0
        self.misses = 0
        self._values: OrderedDict[Hashable, _V] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], _V]) -> _V:
        """The value kept for `key`, made by `make()` the first time."""
        if key not in self._values:
            self.misses += 1
            value = make()
            self._values[key] = value
            if len(self._values) > self.maxsize:
                self._values.popitem(last=False)
        else:
            self.hits += 1
            self._values.move_to_end(key)
            value = self._values[key]
        return self.copy(value) if self.copy is not None else value

    def values(self) -> list[_V]:
        return list(self._values.values())

    def __len__(self) -> int:
        return len(self._values)

    def clear(self) -> None:
        self._values.clear()
        self.hits = self.misses = 0


class Caches:
    """Every memo of the process, by name: the one owner of what outlives a build."""

    def __init__(self) -> None:
        self._memos: dict[str, Memo[Any]] = {}
        self._restored: dict[str, list[tuple[Hashable, Any]]] = {}  # read back before their memo was made
        self._saved_misses: int | None = None  # the memos' misses when last written or read back

    def memo(self, name: str, maxsize: int, copy: Callable[[_V], _V] | None = None) -> Memo[_V]:
        """The memo called `name`, made on first use."""
        if name not in self._memos:
            self._memos[name] = Memo(name, maxsize, copy)
            self._fill(self._memos[name], self._restored.pop(name, []))
        return self._memos[name]

    @staticmethod
    def _fill(memo: Memo[Any], items: list[tuple[Hashable, Any]]) -> int:
        count = 0
        for key, value in items[-memo.maxsize:]:
            if key not in memo._values:
                memo._values[key] = value
                count += 1
        return count

    def memoized(self, maxsize: int) -> Callable[[Callable[_P, _V]], Callable[_P, _V]]:
        """Keep a pure function's results by its (hashable, positional) arguments, in a
        memo named after the function; its value must be immutable."""
        def decorate(function: Callable[_P, _V]) -> Callable[_P, _V]:
            memo: Memo[_V] = self.memo(f"{function.__module__}.{function.__qualname__}", maxsize, None)

            @functools.wraps(function)
            def kept(*args: _P.args, **kwargs: _P.kwargs) -> _V:
                if kwargs:
                    raise TypeError(f"{memo.name} is kept by positional arguments only")
                return memo.get(args, lambda: function(*args, **kwargs))
            kept.memo = memo  # type: ignore[attr-defined]
            return kept
        return decorate

    def __iter__(self) -> Iterator[Memo[Any]]:
        return iter(list(self._memos.values()))

    def clear(self) -> None:
        """Forget every kept value (a test's fresh start; the code's reload does it too)."""
        for memo in self._memos.values():
            memo.clear()
        self._restored.clear()

    def save(self, path: Path) -> int:
        """Write every memo whose values can be pickled to `path` (atomically: a reader
        never sees half a file); returns how many values were written. A memo holding
        something pickle cannot write (lxml's elements) is left out whole. A file that
        holds everything already (no memo has made a value since it was written or read)
        is not written again."""
        misses = sum(memo.misses for memo in self._memos.values())
        if misses == self._saved_misses and path.is_file():
            return 0
        kept: dict[str, list[tuple[Hashable, Any]]] = {}
        for name, memo in self._memos.items():
            items = list(memo._values.items())
            try:
                pickle.dumps(items[:1], protocol=pickle.HIGHEST_PROTOCOL)
            except (pickle.PicklingError, TypeError, AttributeError):
                continue
            kept[name] = items
        # What was read back for a memo this process never made stays in the file.
        kept.update({name: items for name, items in self._restored.items() if name not in kept})
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        try:
            partial.write_bytes(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(partial, path)
        except (pickle.PicklingError, TypeError, AttributeError):
            partial.unlink(missing_ok=True)
            return 0
        self._saved_misses = misses
        return sum(len(items) for items in kept.values())

    def restore(self, path: Path) -> int:
        """Read back what `save` wrote into the memos of the same names (for a memo the
        code has not made yet, when it is made); returns how many values were read. A
        missing, truncated or foreign file restores nothing: the cache only saves work."""
        try:
            kept = pickle.loads(path.read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
            return 0
        if not isinstance(kept, dict):
            return 0
        self._saved_misses = sum(memo.misses for memo in self._memos.values())
        count = 0
        for name, items in kept.items():
            if not isinstance(name, str) or not isinstance(items, list):
                continue
            memo = self._memos.get(name)
            if memo is None:
                self._restored[name] = items
                count += len(items)
            else:
                count += self._fill(memo, items)
        return count


def is_immutable(value: object) -> bool:
    """Whether `value` cannot be changed in place, all the way down."""
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes, Markup, range)):
        return True
    if isinstance(value, (tuple, frozenset)):
        return all(is_immutable(item) for item in value)
    if isinstance(value, BaseText):  # pybtex's rich text: every operation returns a new object
        return all(is_immutable(part) for part in value.parts) if hasattr(value, "parts") else True
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        frozen = type(value).__dataclass_params__.frozen  # type: ignore[attr-defined]
        return frozen and all(is_immutable(getattr(value, field.name)) for field in dataclasses.fields(value))
    return False


# The bound of a memo kept per bib entry or per field value. A memo smaller than the
# values one build asks for forgets each before it is asked again, and every lookup
# misses: at 1,000 articles (19,000 references) the old bounds of 4,096-16,384 made the
# build redo each reference's formatting several times (bench/RESULTS.md, "Scale").
# 2**17 values hold the references of over 6,000 such articles.
PER_ENTRY = 1 << 17

# The one named owner of the caches kept across `mkdocs serve` rebuilds.
KEPT = Caches()
