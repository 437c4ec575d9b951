"""The project's fixed facts, each stated once: where the sources live and which
languages the article is in. Every module that names a source file or a language
takes it from here."""

from __future__ import annotations

# The sources besides docs/ and mkdocs.yml, relative to the project folder.
REFERENCES_BIB = "bib/references.bib"
EDITORIAL_BIB = "bib/editorial.bib"
NOTES_FILE = "data/notes.yml"
TIMELINE_FILE = "data/timeline.yml"
CANDIDATES_FILE = "data/emendation-candidates.yml"
REGISTERS_DIR = "data/registers"
# The folders of sources that MkDocs does not watch by itself (mkdocs serve).
WATCHED = ("bib", "data", "overrides", "hooks")

# The article's languages (ISO 639-1), in the order the article prints them, with
# their English names; the first is the article's own language.
LANGUAGE_NAMES = {"en": "English", "kk": "Kazakh", "ru": "Russian"}
LANGUAGES = tuple(LANGUAGE_NAMES)
# A BibTeX `language` field ("Russian") as its code; other values are not ours to map.
BIB_LANGUAGE_CODES = {name.lower(): code for code, name in LANGUAGE_NAMES.items()}
# The languages as a regular-expression alternative, for markers such as `front kk`.
LANGUAGE_ALTERNATIVES = "|".join(LANGUAGES)

# The listing markers: where a page shows a list the build makes from the sources
# (edition/render/markers.py, edition/render/page_blocks.py); a source with entries needs
# its marker on some page (edition/apparatus/late_checks.py, listing_problems).
ARTICLE_REFERENCES_MARKER = "<!-- edition:article-references -->"
GLOSSARY_MARKER = "<!-- edition:glossary -->"
EMENDATIONS_MARKER = "<!-- edition:emendations -->"
REJECTED_MARKER = "<!-- edition:rejected-emendations -->"
NOTES_MARKER = "<!-- edition:notes -->"
TIMELINE_MARKER = "<!-- edition:timeline -->"
