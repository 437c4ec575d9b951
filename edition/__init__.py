"""The edition's code, in the order of the pipeline (each folder's docstring says more):

core → inputs → text → apparatus → render → outputs, with adapters (other packages'
internals) and build (the hooks' and citation-check's entry) on top. A module imports
only from its own folder and the folders before it (tests/test_architecture.py).
"""
