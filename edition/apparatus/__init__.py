"""Stage 3, the apparatus: the build's state once every page has rendered, the links
between pages, the Markdown the editors' notes and registers add before a page renders,
and the whole-build checks (citations never resolved, notes never placed, ...)."""
