"""The edition's benchmark: run ``.venv/bin/python -m bench`` from the project root
(see README.md, "Benchmark"); results in bench/RESULTS.md."""
