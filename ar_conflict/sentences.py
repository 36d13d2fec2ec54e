"""Sentence boundaries as SCHEMA §3 defines them, and the component that sets them.

A sentence ends at «.», «!», «؟», «?», «..» or a line break; a full stop
between two digits (2.5) does not end one. Closing quotes and brackets right
after the terminator stay with the sentence they close.
"""
import re
from typing import List

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

_END_RE = re.compile(r"(?:(?<!\d)\.|\.(?!\d)|[!؟?])+[\"'»”’)\]]*|\n")


def sentence_starts(text: str) -> List[int]:
    """Character offsets where sentences start (the first is 0)."""
    starts = [0]
    for m in _END_RE.finditer(text):
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos < len(text) and pos > starts[-1]:
            starts.append(pos)
    return starts


def sentence_index(text: str) -> List[int]:
    """For each character, the number of the sentence it belongs to."""
    index = [0] * len(text)
    starts = sentence_starts(text) + [len(text)]
    for n in range(len(starts) - 1):
        for i in range(starts[n], starts[n + 1]):
            index[i] = n
    return index


@Language.component("conflict_sentences")
def set_sentences(doc: Doc) -> Doc:
    """Mark sentence starts on the tokens from the character-level rule.

    Written as one array: setting `token.is_sent_start` one by one checks the
    whole doc each time, which is quadratic on long documents.
    """
    starts = sentence_starts(doc.text)
    values = numpy.full((len(doc), 1), -1, dtype="int64")
    k = 0
    for token in doc:
        if k < len(starts) and token.idx >= starts[k]:
            values[token.i, 0] = 1
            while k < len(starts) and starts[k] <= token.idx:
                k += 1
    if len(doc):
        values[0, 0] = 1
        doc.from_array([SENT_START], values.astype("uint64"))  # spaCy reads -1 back from the wrapped value
    return doc


def token_sentence_ids(doc: Doc) -> numpy.ndarray:
    """For each token, the number of its sentence (sets sentences by the rule if none are set).

    One pass over the doc: `span.sent` walks the tokens each time, which is
    quadratic on a long sentence with many entities.
    """
    if not doc.has_annotation("SENT_START"):
        set_sentences(doc)
    starts = doc.to_array(SENT_START) == 1
    if len(starts):
        starts[0] = True
    return numpy.cumsum(starts) - 1
