"""Hostile and broken upload files: `corpus.CASES` builds them, `report.py` prints the figures."""
