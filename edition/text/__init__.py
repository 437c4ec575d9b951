"""Stage 2, the text: the Python-Markdown extension that scans each page as it renders
(citation syntax, glossary terms, register entries, emendations, side notes), numbers
the article's paragraphs, and records every mention at its real source line."""
