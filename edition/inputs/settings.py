"""The input layer for mkdocs.yml and the pages' markers: the settings the edition relies
on, and every ``<!-- edition:... -->`` marker a page holds, checked once per build.

mkdocs.yml: the Markdown extensions the edition's own Markdown needs (``attr_list`` for
the ``{ #id }`` of generated headings, ``md_in_html`` for notes and the References
section, ``footnotes`` for mkdocs-bibtex's footnotes and the side notes), the hook, the
search plugin, and, when bib/editorial.bib exists, the bibtex plugin reading that file.
A problem points at the line of the offending key in mkdocs.yml, or at its parent's
line (line 1 for a missing top-level key). The values come from MkDocs' own loaded
config; only their lines are read from the file here.

Markers: a marker the edition does not know, or one naming an unknown register, language
or target, would silently render nothing; each is one problem at its line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig

from edition.core.emendations import SYNTAX
from edition.core.problems import Problem
from edition.core.project import CANDIDATES_FILE, EDITORIAL_BIB, LANGUAGES, NOTES_FILE, TIMELINE_FILE
from edition.core.skipped import CODE_SOURCE, blanked
from edition.inputs.schema import compose_and_load

HOOK = "hooks/edition_hooks.py"
REQUIRED_EXTENSIONS = {
    "attr_list": "the generated headings carry their ids as { #id }",
    "md_in_html": "notes and the References section are Markdown inside a <div> or <section>",
    "footnotes": "mkdocs-bibtex sets the editors' [@key] citations as footnotes",
}
# Each marker an editor may write, with what its argument must be (None: no argument).
MARKERS = {
    "title-block": None, "how-to-cite": None, "exports": None, "article-references": None,
    "references": None, "emendations": None, "rejected-emendations": None, "notes": None,
    "glossary": None, "glossary-references": None, "timeline": None,
    "front": "language", "keywords": "language", "register": "register", "mentions": "target",
}
# The data file each marker renders (a register marker's file is checked by its name).
MARKER_FILES = {"timeline": TIMELINE_FILE, "notes": NOTES_FILE, "rejected-emendations": CANDIDATES_FILE}
_SIC = re.compile(r"\{sic:")
_UNOPENED = re.compile(r"(?<![{\w])sic:[^{}\n]*?\|\s*corr:[^{}\n]*\}")
_MARKER = re.compile(r"<!--\s*edition:([^\s>]*)\s*(.*?)\s*-->", re.DOTALL)


def check_site_config(config: MkDocsConfig, root: Path) -> list[Problem]:
    """Problems with the mkdocs.yml settings the edition relies on."""
    path = Path(config.config_file_path)
    display = path.name
    lines = _key_lines(path)
    problems = []
    extensions = set(config.markdown_extensions)
    for name, why in REQUIRED_EXTENSIONS.items():
        if name not in extensions:
            problems.append(Problem(display, lines.get("markdown_extensions", 1),
                                    f"markdown_extensions has no '{name}' ({why}) — add '- {name}' to "
                                    "markdown_extensions"))
    hooks = [Path(hook).as_posix() for hook in (config.get("hooks") or {})]
    if not any(hook.endswith(HOOK) for hook in hooks):
        problems.append(Problem(display, lines.get("hooks", 1), f"hooks does not list {HOOK}, so a build "
                                f"would not resolve the citations — add '- {HOOK}' under hooks:"))
    plugins = config.plugins
    if not any(name.split("/")[-1] == "search" for name in plugins):
        problems.append(Problem(display, lines.get("plugins", 1), "plugins has no 'search' — add '- search' "
                                "under plugins: (the edition's search box and its Russian stemming)"))
    if (root / EDITORIAL_BIB).is_file():
        problems += _bibtex_problems(plugins, root, display, lines)
    elif plugins.get("bibtex") is not None and _reads_editorial(plugins["bibtex"], root):
        # Blocking: every [@key] of the edition would otherwise be reported as unknown.
        problems.append(Problem(display, lines.get("plugins.bibtex.bib_file", lines.get("plugins.bibtex", 1)),
                                f"the bibtex plugin reads {EDITORIAL_BIB}, which is missing — restore it (git "
                                f"checkout {EDITORIAL_BIB}): it holds the works the editors cite as [@key]",
                                blocking=True))
    return problems


def _reads_editorial(plugin: Any, root: Path) -> bool:
    bib_file = plugin.config.get("bib_file")
    return bib_file is not None and (root / bib_file).resolve() == (root / EDITORIAL_BIB).resolve()


def _bibtex_problems(plugins: Any, root: Path, display: str, lines: dict[str, int]) -> list[Problem]:
    plugin = plugins.get("bibtex")
    if plugin is None:
        return [Problem(display, lines.get("plugins", 1), f"plugins has no 'bibtex', so the [@key] citations of "
                        f"{EDITORIAL_BIB} would stay as typed — add '- bibtex:' with bib_file: {EDITORIAL_BIB}")]
    bib_file = plugin.config.get("bib_file")
    line = lines.get("plugins.bibtex.bib_file", lines.get("plugins.bibtex", lines.get("plugins", 1)))
    if bib_file is None or (root / bib_file).resolve() != (root / EDITORIAL_BIB).resolve():
        return [Problem(display, line, f"the bibtex plugin reads '{bib_file}', not {EDITORIAL_BIB}, the file "
                        f"the edition checks — write bib_file: {EDITORIAL_BIB}")]
    if plugin.config.get("enable_inline_citations"):
        line = lines.get("plugins.bibtex.enable_inline_citations", line)
        return [Problem(display, line, "the bibtex plugin has enable_inline_citations: true, so an '@' in the "
                        "text would be read as a citation — write enable_inline_citations: false")]
    return []


def _key_lines(path: Path) -> dict[str, int]:
    """Lines of the keys the checks name: top-level keys, and each plugin's keys
    ("plugins.bibtex.bib_file"). Composed, not loaded, so that !ENV and Python tags
    need no constructor."""
    try:
        root, _ = compose_and_load(path.read_text(encoding="utf-8", errors="replace"), load=False)
    except (OSError, yaml.YAMLError):
        return {}
    lines: dict[str, int] = {}
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key, value in root.value:
        lines[str(key.value)] = key.start_mark.line + 1
        if key.value == "plugins" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                _plugin_lines(item, lines)
    return lines


def _plugin_lines(item: yaml.Node, lines: dict[str, int]) -> None:
    if isinstance(item, yaml.ScalarNode):
        lines[f"plugins.{item.value}"] = item.start_mark.line + 1
        return
    if not isinstance(item, yaml.MappingNode):
        return
    for name, options in item.value:
        lines[f"plugins.{name.value}"] = name.start_mark.line + 1
        if isinstance(options, yaml.MappingNode):
            for option, _ in options.value:
                lines[f"plugins.{name.value}.{option.value}"] = option.start_mark.line + 1


def check_markers(source: str, display: str, first_line: int, registers: set[str],
                  targets: set[str], root: Path | None = None) -> list[Problem]:
    """A problem for each ``<!-- edition:... -->`` marker of a page's Markdown that the
    edition does not know, whose argument names nothing, or whose data file (in the
    project at `root`) is missing (code is left alone)."""
    blank = blanked(source, CODE_SOURCE)
    problems = []
    for marker in _MARKER.finditer(blank):
        name, argument = marker[1], marker[2]
        line = first_line + blank.count("\n", 0, marker.start())
        message = _marker_problem(name, argument, registers, targets)
        if message is None and root is not None and name in MARKER_FILES and not (root / MARKER_FILES[name]).is_file():
            message = (f"{MARKER_FILES[name]} is missing, so it would render nothing — restore the file "
                       "(an empty list is written [])")
        if message:
            problems.append(Problem(display, line, f"marker '{marker[0]}': {message}"))
    return problems


def _marker_problem(name: str, argument: str, registers: set[str], targets: set[str]) -> str | None:
    if name not in MARKERS:
        return "the edition has no such marker — use one of " + ", ".join(sorted(MARKERS))
    kind = MARKERS[name]
    if kind is None:
        return f"it takes nothing after '{name}' — write <!-- edition:{name} -->" if argument else None
    known = {"language": LANGUAGES, "register": sorted(registers), "target": sorted(targets)}[kind]
    if argument in known:
        return None
    where = {"language": "", "register": " (data/registers/*.yml)", "target": ""}[kind]
    listed = ", ".join(known) if len(known) <= 12 else ", ".join(list(known)[:12]) + ", ..."
    return f"unknown {kind} '{argument}' — write one of: {listed or 'none yet'}{where}"


def check_emendations_closed(source: str, display: str, first_line: int) -> list[Problem]:
    """A problem for each ``{sic: ...`` of a page's Markdown that is not a whole emendation
    (its closing '}' lost): it would stand in the text as typed (code is left alone)."""
    blank = blanked(source, CODE_SOURCE)
    problems = []
    for opening in _SIC.finditer(blank):
        if SYNTAX.match(blank, opening.start()):
            continue
        line = first_line + blank.count("\n", 0, opening.start())
        shown = blank[opening.start():opening.start() + 40].split("\n")[0]
        problems.append(Problem(display, line, f"emendation '{shown}…' is not closed — write it whole, "
                                "{sic: printed | corr: corrected | note: why}, ending with '}'"))
    for unopened in _UNOPENED.finditer(blank):
        line = first_line + blank.count("\n", 0, unopened.start())
        shown = unopened[0][:40]
        problems.append(Problem(display, line, f"emendation '{shown}…' has no opening '{{' — write it whole, "
                                "{sic: printed | corr: corrected | note: why}"))
    return problems
