"""Stage 5, the files beside the pages: exports for reference managers (BibTeX, RIS,
CSL-JSON), the TEI and JATS documents (xml/), the print-only parts of the article page,
the article as a paged PDF (paged.py), and the reader's asset bundles."""
