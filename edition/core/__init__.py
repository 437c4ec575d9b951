"""The foundation every stage stands on: problems and the problem log, the one-line
report of the edition's own bugs, the project's fixed facts (paths, languages), the
caches' one owner, and the two pieces of text syntax every stage reads (LaTeX values,
emendations). Imports nothing else of the edition."""
