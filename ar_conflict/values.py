"""The value component: reads each KILLED/INJURED span into ``span._.value`` and ``span._.qualifier``.

Rule-based (SCHEMA §4 is a reading of the text, not a guess): see `numbers`.
A span it cannot read keeps ``value = None``; the evaluation counts those.
"""
from spacy.language import Language
from spacy.tokens import Doc

from . import formats  # noqa: F401  (registers the span extensions)
from .numbers import parse_count, qualifier_from_context
from .schema import CASUALTY_LABELS


@Language.component("conflict_values", requires=["doc.ents"], assigns=["span._.value", "span._.qualifier"])
def set_values(doc: Doc) -> Doc:
    for span in doc.ents:
        if span.label_ not in CASUALTY_LABELS:
            continue
        count = parse_count(span.text)
        if count is None:
            span._.value = span._.qualifier = None
            continue
        value, qualifier = count
        if qualifier == "exact":
            sent = span.sent
            context = qualifier_from_context(doc.text[sent.start_char:span.start_char], doc.text[span.end_char:sent.end_char])
            qualifier = context or qualifier
        span._.value, span._.qualifier = value, qualifier
    return doc
