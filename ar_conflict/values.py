"""The value component: reads each KILLED/INJURED span into ``span._.value`` and ``span._.qualifier``.

Rule-based (SCHEMA §4 is a reading of the text, not a guess): see `numbers`.
A span it cannot read keeps ``value = None``; the evaluation counts those.
"""
from spacy.language import Language
from spacy.tokens import Doc

from . import formats  # noqa: F401  (registers the span extensions)
from .numbers import parse_count, qualifier_from_context
from .schema import CASUALTY_LABELS
from .sentences import token_sentence_ids

CONTEXT_TOKENS = 12  # how far before and after a span a qualifier is looked for


@Language.component("conflict_values", requires=["doc.ents"], assigns=["span._.value", "span._.qualifier"])
def set_values(doc: Doc) -> Doc:
    sent_ids = token_sentence_ids(doc)
    text = doc.text  # built from the tokens on each access: read it once
    for span in doc.ents:
        if span.label_ not in CASUALTY_LABELS:
            continue
        count = parse_count(span.text)
        if count is None:
            span._.value = span._.qualifier = None
            continue
        value, qualifier = count
        if qualifier == "exact":
            # the qualifier may stand just outside the span, in the same sentence
            sent = sent_ids[span.start]
            first, last = span.start, span.end
            while first > 0 and sent_ids[first - 1] == sent and span.start - first < CONTEXT_TOKENS:
                first -= 1
            while last < len(doc) and sent_ids[last] == sent and last - span.end < CONTEXT_TOKENS:
                last += 1
            context = qualifier_from_context(text[doc[first].idx:span.start_char], text[span.end_char:doc[last - 1].idx + len(doc[last - 1])])
            qualifier = context or qualifier
        span._.value, span._.qualifier = value, qualifier
    return doc
