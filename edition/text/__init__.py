"""Stage 2, the text: the Python-Markdown extension that scans each page as it renders
(citation syntax, glossary terms, register entries, emendations, side notes), numbers
the article's paragraphs, records every mention at its real source line, and sets the
no-break joins in the rendered text (line_breaks)."""
