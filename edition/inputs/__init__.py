"""Stage 1, the sources: every file an editor writes (bib/, data/, the pages' front
matter, mkdocs.yml's settings) read, validated and typed once per build, each problem at
its file line. ``loading.Inputs`` is what the later stages take."""
