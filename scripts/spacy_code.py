"""Passed to spaCy's CLI as `--code scripts/spacy_code.py`: registers the project's functions."""
import ar_conflict  # noqa: F401
