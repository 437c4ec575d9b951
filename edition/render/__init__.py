"""Stage 4, the HTML: the late pass that resolves every mention placeholder, the
previews, the reference list with its backlinks, the markers' lists and indexes, the
article's front and the head metadata; all markup from the Jinja templates here."""
