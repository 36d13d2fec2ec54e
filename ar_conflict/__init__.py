"""Arabic conflict-news pipeline code: tokenizer, sentences, relations, values, formats, scoring.

Importing the package registers its spaCy functions (tokenizer, lexical
attributes, components, architectures, scorer). spaCy's own CLI gets them
with ``--code scripts/spacy_code.py``.
"""
from . import normalize, tokenizer, sentences, formats, scoring, relation_model, relation_pipe, values  # noqa: F401
from .formats import doc_to_record, record_to_doc, relation_spans  # noqa: F401

__all__ = ["doc_to_record", "record_to_doc", "relation_spans"]
