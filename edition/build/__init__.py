"""The build itself: the pipeline steps shared by the MkDocs hooks and the
citation-check command, the one object that owns a build's state, problems and caches,
and the serve session that keeps code fresh across rebuilds."""
