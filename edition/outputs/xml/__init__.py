"""The XML exports: TEI P5 (tei*, the whole edition) and JATS 1.4 (jats, the article),
written from the build's records with what they share in common.py; files.py adds them to
the build and checks that every pointer resolves."""
