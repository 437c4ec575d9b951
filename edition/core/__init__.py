"""The foundation every stage stands on: problems and the problem log, the one-line
report of the edition's own bugs, the project's fixed facts (paths, languages), the
caches' one owner, the two pieces of text syntax every stage reads (LaTeX values,
emendations), and where a rendered line must not break (line_breaks). Imports nothing else of the edition."""
