"""The edition's pure core: parse, resolve, format and render mentions.

The MkDocs hooks in ``hooks/`` are thin wrappers around this package, and the
``citation-check`` command drives the same functions without building a site.
"""
