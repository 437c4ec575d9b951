"""The schema of the edition's YAML sources: each field's kind, checked where it is read.

Why dataclasses and this small checker rather than pydantic: the records are plain frozen
dataclasses, which need no new dependency; and every problem must point at the line of
the offending YAML node and say in the editors' words how to fix it. Pydantic's errors
carry neither lines nor our wording, so its messages would have to be rewritten anyway,
and the rules themselves (no raw HTML, ids, http(s) only) are ours.

A `Node` is one YAML mapping with the line of each of its values. `read_fields` checks it
against a spec of `Field`s and returns the values, converted, or the problems: one per
mistake, at the line of the value that is wrong.

The trust boundary: editors write Markdown, not HTML. A text field holding raw HTML
(anything that starts like a tag, ``<x``, ``</``, ``<!``, ``<?``) is refused, not
sanitised, because Markdown can say everything the edition needs and a refusal shows the
editor the line, while a sanitiser would silently change the text. Link targets must be
http(s) or relative: ``javascript:`` and ``data:`` never reach an attribute.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from edition.core.problems import Problem, read_source

# libyaml's loader where it is installed (it is, with PyYAML's wheels): it is faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ID = re.compile(r"[a-z0-9][a-z0-9-]*")
KEY = re.compile(r"[\w][\w:.-]*")
# What YAML made of an unquoted list item that is not a text, in the editors' words.
_KINDS = {"int": "a number", "float": "a number", "bool": "a truth value", "NoneType": "an empty item",
          "dict": "a mapping", "list": "a list", "date": "a date", "datetime": "a date"}
_RAW_HTML = re.compile(r"<\s*[A-Za-z!/?]")
_BAD_LINK = re.compile(r"\]\(\s*<?\s*(?:javascript|data|vbscript):|^\s*\[[^\]]*\]:\s*(?:javascript|data|vbscript):",
                       re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Node:
    """One YAML mapping: its values as loaded, its line, and the line of each value."""

    values: dict[str, Any]
    line: int
    lines: dict[str, int]
    items: dict[str, tuple[int, ...]] = dataclasses.field(default_factory=dict)  # the line of each item of a list value

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)

    def item_line(self, key: str, index: int) -> int:
        items = self.items.get(key, ())
        return items[index] if index < len(items) else self.line_of(key)


@dataclass(frozen=True)
class Field:
    """One field of a record: its name, kind and whether it must be there.

    Kinds: ``text`` (Markdown, one or more lines, no raw HTML), ``id`` (lowercase
    letters, digits, hyphens), ``list`` (a YAML list of texts), ``keys`` (a list of
    BibTeX keys), ``bool``, ``any`` (checked by the caller).
    """

    name: str
    kind: str = "text"
    required: bool = False


def compose_and_load(text: str, load: bool = True) -> tuple[yaml.Node | None, Any]:
    """The YAML `text` composed (its nodes know their lines) and, if `load`, loaded: by
    libyaml where installed; on an error, read again by PyYAML's own loader, whose error
    (raised) is the one the problems quote."""
    try:
        return yaml.compose(text, Loader=_LOADER), yaml.load(text, Loader=_LOADER) if load else None
    except yaml.YAMLError:
        if _LOADER is yaml.SafeLoader:
            raise
    return yaml.compose(text, Loader=yaml.SafeLoader), yaml.load(text, Loader=yaml.SafeLoader) if load else None


def read_list(file: Path, display: str) -> tuple[list[Node], list[Problem]]:
    """The YAML list of mappings in `file` as Nodes; a problem if it is anything else. A
    missing file is no entries (the pages that need it say so, edition/inputs/settings.py);
    an empty one is a problem: a file with no entries says so as ``[]``."""
    text, problem = read_source(file, display)
    if problem is not None:
        return [], [problem]
    if text is None:
        return [], []
    try:
        root = yaml.compose(text, Loader=_LOADER)
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return [], [Problem(display, line, f"YAML error: {getattr(error, 'problem', None) or error} — fix "
                            "the indentation or quoting")]
    if data is None:
        return [], [Problem(display, 1, "the file has no entries — restore its entries, or write [] if it "
                            "is meant to have none")]
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        return [], [Problem(display, 1, "expected a YAML list of entries (each starting with '- ')")]
    nodes, problems = [], []
    for item, node in zip(data, root.value, strict=True):
        if not isinstance(item, dict) or not isinstance(node, yaml.MappingNode):
            problems.append(Problem(display, node.start_mark.line + 1, "expected an entry of 'key: value' "
                                    "lines here (each entry of the list is a mapping)"))
            continue
        nodes.append(mapping_node(item, node))
    return nodes, problems


def mapping_node(values: dict[str, Any], node: yaml.MappingNode, first_line: int = 1) -> Node:
    """A Node from loaded `values` and the composed `node` (lines offset by `first_line` - 1)."""
    lines, items = {}, {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            lines[str(key.value)] = value.start_mark.line + first_line
            if isinstance(value, yaml.SequenceNode):
                items[str(key.value)] = tuple(item.start_mark.line + first_line for item in value.value)
    return Node(values, node.start_mark.line + first_line, lines, items)


def read_fields(node: Node, fields: tuple[Field, ...], path: str, what: str) -> tuple[dict[str, Any], list[Problem]]:
    """The values of `node` checked against `fields`: converted values and problems.

    `what` names the record in messages ("note 'x'", "register entry 'y'")."""
    known = {field.name: field for field in fields}
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    missing = [field.name for field in fields if field.required and _empty(node.values.get(field.name))]
    for key in node.values:
        if key in known:
            continue
        # A misspelt field is one mistake: named once, with the field it was meant to be.
        meant = difflib.get_close_matches(str(key), missing, n=1, cutoff=0.6)
        if meant:
            missing.remove(meant[0])
            problems.append(Problem(path, node.line_of(str(key)), f"{what} has an unknown field '{key}' — "
                                    f"did you mean '{meant[0]}'?"))
        else:
            problems.append(Problem(path, node.line_of(str(key)), f"{what} has an unknown field '{key}' — the "
                                    f"fields are: {', '.join(known)}"))
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        problems.append(Problem(path, node.line, f"{what} has no {names} — add "
                                + ", ".join(f"{name}: ..." for name in missing)))
    for field in fields:
        value = node.values.get(field.name)
        if _empty(value):
            continue
        converted, message = check_value(field, value)
        where = node.line_of(field.name)
        if message and field.kind in ("list", "keys") and isinstance(value, list):
            # A list's mistake is in one of its items: the line of the first that is wrong.
            where = next((node.item_line(field.name, index) for index, item in enumerate(value)
                          if check_value(Field(field.name, "key" if field.kind == "keys" else "text"), item)[1]
                          or not isinstance(item, str)), where)
        if message:
            problems.append(Problem(path, where, f"{what}: {message}"))
        else:
            values[field.name] = converted
    return values, problems


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def check_value(field: Field, value: Any) -> tuple[Any, str | None]:
    """(converted value, None) or (None, what is wrong and how to fix it)."""
    name = field.name
    if field.kind == "any":
        return value, None
    if field.kind == "bool":
        if not isinstance(value, bool):
            return None, f"'{name}' must be true or false, not '{value}'"
        return value, None
    if field.kind in ("list", "keys"):
        if not isinstance(value, list):
            return None, (f"'{name}' must be a list, e.g. {name}: [\"{value}\"] — a single text would be "
                          "read letter by letter")
        items = []
        for item in value:
            if not isinstance(item, str):
                # YAML reads 2021 or true unquoted as a number or a truth value, never as the text.
                kind = _KINDS.get(type(item).__name__, "a value")
                return None, f"'{name}' holds {item!r}, {kind}, not a text — quote it, e.g. \"{item}\", or remove it"
            converted, message = check_value(Field(name, "key" if field.kind == "keys" else "text"), item)
            if message:
                return None, message
            items.append(converted)
        return tuple(items), None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, f"'{name}' must be a text, not {type(value).__name__} — quote it"
    text = str(value)
    if not text.strip():
        return None, f"'{name}' is empty"
    if field.kind == "id" and not ID.fullmatch(text):
        return None, f"'{name}' is '{text}' — use lowercase letters, digits and hyphens"
    if field.kind == "key" and not KEY.fullmatch(text):
        return None, f"'{name}' holds '{text}', which is not a BibTeX key — letters, digits, '-', '_', ':' and '.'"
    if field.kind in ("id", "key"):
        return text, None
    return text, markup_problem(name, text)


def markup_problem(name: str, text: str) -> str | None:
    """What is wrong with `text` as editor's Markdown: raw HTML or an unsafe link."""
    tag = _RAW_HTML.search(text)
    if tag:
        start = text[tag.start():tag.start() + 12].split("\n")[0]
        return (f"'{name}' holds raw HTML ('{start}') — editors write Markdown here, not HTML; "
                "for a literal '<' write &lt;")
    if _BAD_LINK.search(text):
        return f"'{name}' links to a javascript: or data: address — only http(s) or relative links"
    return None
