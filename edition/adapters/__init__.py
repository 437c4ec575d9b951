"""Other packages' internals, each in one module per package (mkdocs-bibtex, Material,
MkDocs' event order). Each module's header says what it relies on; tests/test_adapters.py
(Material) and tests/test_adapters_mkdocs.py (MkDocs, mkdocs-bibtex)
fails, naming the module, when a pinned version changes it."""
