"""Sentence boundaries as SCHEMA §3 defines them, and the component that sets them.

A sentence ends at «.», «!», «؟», «?», «..» or a line break; a full stop
between two digits (2.5) does not end one. Closing quotes and brackets right
after the terminator stay with the sentence they close.
"""
import re
from typing import List

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
    """Mark sentence starts on the tokens from the character-level rule."""
    starts = sentence_starts(doc.text)
    k = 0
    for token in doc:
        if k < len(starts) and token.idx >= starts[k]:
            token.is_sent_start = True
            while k < len(starts) and starts[k] <= token.idx:
                k += 1
        else:
            token.is_sent_start = token.i == 0
    return doc
