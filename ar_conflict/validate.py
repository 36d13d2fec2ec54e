"""Corpus lint: schema violations, near-duplicate documents, inconsistent annotation.

Errors fail `validate`; the consistency listing is written for a human to
review, since an unannotated occurrence is sometimes right (a back-reference,
an adjective) and sometimes a miss.
"""
import re
from collections import defaultdict
from itertools import combinations
from typing import Dict, Iterable, List, Set, Tuple

from .authoring import Problem
from .schema import SYMMETRIC_RELATIONS, relation_fits
from .sentences import sentence_index, sentence_starts
from .tokenizer import NEVER_SPLIT_PATH, lexical_form, read_word_list

EDGE_CHARS = set(" \t\n\"'«»“”‘’()[]{}<>،,.:;!?؟-–—")
PROCLITIC_RE = re.compile(r"^[وف]?[بلك]?ـ?$")
LETTER_RE = re.compile(r"\w")
WORD_RE = re.compile(r"[\w\u0600-\u06FF]+")
NGRAM_JACCARD_LIMIT = 0.4
SHARED_SENTENCE_WORDS = 8


def word_start(text: str, pos: int) -> int:
    """Start of the run of word characters that contains `pos`."""
    while pos > 0 and LETTER_RE.match(text[pos - 1]):
        pos -= 1
    return pos


def check_document(doc: Dict, path: str) -> List[Problem]:
    """Span edges and relation constraints of one parsed authoring document."""
    problems: List[Problem] = []
    text = doc["text"]
    by_id = {e["id"]: e for e in doc["entities"]}
    sent_of = sentence_index(text)
    for ent in doc["entities"]:
        line = ent.get("line", 0)
        surface = text[ent["start"]:ent["end"]]
        if not surface or surface[0] in EDGE_CHARS or surface[-1] in EDGE_CHARS:
            problems.append(Problem(path, line, f"span [{surface}] starts or ends with a space, quote, bracket or punctuation"))
            continue
        prefix = text[word_start(text, ent["start"]):ent["start"]]
        if prefix and not PROCLITIC_RE.match(prefix):
            problems.append(Problem(path, line, f"span [{surface}] starts inside the word {prefix + surface!r} after {prefix!r}, which is not a proclitic"))
        if ent["end"] < len(text) and LETTER_RE.match(text[ent["end"]]):
            problems.append(Problem(path, line, f"span [{surface}] ends inside a word"))
        if sent_of[ent["start"]] != sent_of[ent["end"] - 1]:
            problems.append(Problem(path, line, f"span [{surface}] crosses a sentence boundary"))
    seen: Set[Tuple[str, str, str]] = set()
    for rel in doc["relations"]:
        line = rel.get("line", 0)
        # the parser has already rejected unknown entity ids and relation labels
        head, tail, label = by_id[rel["head"]], by_id[rel["tail"]], rel["label"]
        name = f"{label} [{text[head['start']:head['end']]}] -> [{text[tail['start']:tail['end']]}]"
        if head is tail:
            problems.append(Problem(path, line, f"{name} links an entity to itself"))
        if not relation_fits(label, head["label"], tail["label"]):
            problems.append(Problem(path, line, f"{name}: {label} cannot link {head['label']} to {tail['label']}"))
        if sent_of[head["start"]] != sent_of[tail["start"]]:
            problems.append(Problem(path, line, f"{name} crosses sentences"))
        key = (rel["head"], label, rel["tail"])
        if label in SYMMETRIC_RELATIONS:
            key = (min(rel["head"], rel["tail"]), label, max(rel["head"], rel["tail"]))
        if key in seen:
            problems.append(Problem(path, line, f"{name} is given twice"))
        seen.add(key)
    return problems


def check_clitics_inside(docs: List[Tuple[str, Dict]]) -> List[Problem]:
    """Spans that start with a proclitic which another span of the corpus leaves out (e.g. [والجيش] vs [الجيش]).

    Names whose first letter is their own (براوة beside راوة) are listed in the
    tokenizer's never-split file, which this check respects.
    """
    surfaces = {(d["text"][e["start"]:e["end"]], e["label"]) for _, d in docs for e in d["entities"]}
    never_split = read_word_list(NEVER_SPLIT_PATH)
    problems = []
    for path, doc in docs:
        for ent in doc["entities"]:
            surface = doc["text"][ent["start"]:ent["end"]]
            if lexical_form(surface.split()[0]) in never_split:
                continue
            if surface[0] == "ل" and doc["text"][:ent["start"]].endswith("ل"):
                continue  # ل[لحوثيين]: the span's ل is the article's, its alef dropped
            for n in (1, 2):
                if PROCLITIC_RE.match(surface[:n]) and (surface[n:], ent["label"]) in surfaces:
                    problems.append(Problem(path, ent.get("line", 0), f"span [{surface}] includes the proclitic {surface[:n]!r}; elsewhere [{surface[n:]}] is annotated without it"))
                    break
    return problems


def _words(text: str) -> List[str]:
    return WORD_RE.findall(text)


def check_duplicates(docs: List[Tuple[str, Dict]]) -> List[Problem]:
    """Document pairs sharing ≥40% of word 4-grams, and long sentences written twice."""
    problems = []
    grams = []
    for path, doc in docs:
        words = _words(doc["text"])
        grams.append({tuple(words[i:i + 4]) for i in range(len(words) - 3)})
    for (i, a), (j, b) in combinations(enumerate(grams), 2):
        if a and b:
            jac = len(a & b) / len(a | b)
            if jac >= NGRAM_JACCARD_LIMIT:
                problems.append(Problem(docs[i][0], 1, f"shares {jac:.0%} of its word 4-grams with {docs[j][0]}"))
    first_seen: Dict[Tuple[str, ...], str] = {}
    for path, doc in docs:
        text = doc["text"]
        starts = sentence_starts(text) + [len(text)]
        for a, b in zip(starts, starts[1:]):
            words = tuple(_words(text[a:b]))
            if len(words) < SHARED_SENTENCE_WORDS:
                continue
            other = first_seen.setdefault(words, path)
            if other != path:
                problems.append(Problem(path, 1, f"sentence also in {other}: {' '.join(words)[:80]}"))
    return problems


def consistency_report(docs: List[Tuple[str, Dict]]) -> List[str]:
    """Surfaces annotated somewhere but unannotated or labelled otherwise elsewhere (for review)."""
    labels: Dict[str, Set[str]] = defaultdict(set)
    for _, doc in docs:
        for e in doc["entities"]:
            if e["label"] in ("ARMED_GROUP", "LOCATION"):
                labels[doc["text"][e["start"]:e["end"]]].add(e["label"])
    lines = [f"{s}: labelled {' and '.join(sorted(ls))}" for s, ls in sorted(labels.items()) if len(ls) > 1]
    names = [s for s in labels if len(s) > 2]
    if not names:
        return lines
    pattern = re.compile(r"(?<![\w])(?:[وف]?[بلك]?)(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?![\w])")
    for path, doc in docs:
        covered = [(e["start"], e["end"]) for e in doc["entities"]]
        for m in pattern.finditer(doc["text"]):
            s, e = m.span(1)
            if not any(a <= s and e <= b for a, b in covered) and not any(a < e and s < b for a, b in covered):
                lines.append(f"{path}: [{m.group(1)}] unannotated here, annotated {'/'.join(sorted(labels[m.group(1)]))} elsewhere")
    return lines


def validate_corpus(docs: List[Tuple[str, Dict]], parse_problems: Iterable[Problem] = ()) -> List[Problem]:
    """Every error of the corpus: parse problems, per-document checks, cross-document checks."""
    problems = list(parse_problems)
    ids: Dict[str, str] = {}
    for path, doc in docs:
        if doc["id"] in ids:
            problems.append(Problem(path, 1, f"document id {doc['id']!r} also used by {ids[doc['id']]}"))
        ids[doc["id"]] = path
        problems.extend(check_document(doc, path))
    problems.extend(check_clitics_inside(docs))
    problems.extend(check_duplicates(docs))
    return problems
