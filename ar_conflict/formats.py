"""Schema JSONL (SCHEMA §1) in and out, checked, and its conversion to and from spaCy Docs.

Relations live on the Doc as ``doc._.relations``: a list of dicts
``{"head": (start, end), "tail": (start, end), "label": str, "score": float}``
with token offsets of the two entities in ``doc.ents``. Assign a whole list
to change them. They are kept in ``doc.user_data``, so they survive `DocBin`
(with user data), `Doc.to_bytes` and ``nlp.pipe(n_process=2)``. Casualty
values live on entity spans as ``span._.value`` (int or None) and
``span._.qualifier``.
"""
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from .schema import CASUALTY_LABELS, ENTITY_LABELS, QUALIFIERS, RELATION_TYPES, relation_fits

RELATIONS_KEY = ("ar_conflict", "relations")


def _get_relations(doc: Doc) -> List[Dict]:
    # msgpack turns lists into tuples on the way back: give one form whatever the history
    return [
        {"head": tuple(r["head"]), "tail": tuple(r["tail"]), "label": r["label"], "score": r["score"]}
        for r in doc.user_data.get(RELATIONS_KEY, ())
    ]


def _set_relations(doc: Doc, relations: Iterable[Dict]) -> None:
    doc.user_data[RELATIONS_KEY] = [dict(r) for r in relations]


if not Doc.has_extension("relations"):
    Doc.set_extension("relations", getter=_get_relations, setter=_set_relations)
for _name in ("value", "qualifier"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class FormatError(ValueError):
    """A document that breaks the schema, located by file and line."""


@dataclass
class Counts:
    """Documents, entities and relations seen or written by a conversion step."""

    docs: int = 0
    entities: int = 0
    relations: int = 0

    def add(self, record: Dict) -> None:
        self.docs += 1
        self.entities += len(record.get("entities", []))
        self.relations += len(record.get("relations", []))

    def __str__(self) -> str:
        return f"{self.docs} documents, {self.entities} entities, {self.relations} relations"


def record_problems(record: Dict) -> List[str]:
    """Everything in one record that breaks SCHEMA §1–4, as messages (empty when valid)."""
    if not isinstance(record, dict):
        return ["a document must be a JSON object"]
    text = record.get("text")
    if not isinstance(text, str):
        return ["missing or non-string 'text'"]
    problems: List[str] = []
    by_id: Dict[str, Dict] = {}
    spans: List[Tuple[int, int, str]] = []
    for ent in record.get("entities", []):
        eid, start, end, label = ent.get("id"), ent.get("start"), ent.get("end"), ent.get("label")
        where = f"entity {eid!r}"
        if label not in ENTITY_LABELS:
            problems.append(f"{where}: unknown label {label!r}")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
            problems.append(f"{where}: offsets {start}-{end} out of range or reversed (text length {len(text)})")
            continue
        if eid in by_id:
            problems.append(f"{where}: id used twice")
        by_id[eid] = ent
        spans.append((start, end, eid))
        if label in CASUALTY_LABELS:
            value, qualifier = ent.get("value"), ent.get("qualifier")
            if value is not None and (not isinstance(value, int) or qualifier not in QUALIFIERS):
                problems.append(f"{where}: value must be an integer with a qualifier in {QUALIFIERS}")
        elif "value" in ent or "qualifier" in ent:
            problems.append(f"{where}: only KILLED and INJURED carry value/qualifier")
    spans.sort()
    for (s1, e1, id1), (s2, e2, id2) in zip(spans, spans[1:]):
        if s2 < e1:
            problems.append(f"entities {id1!r} and {id2!r} overlap")
    for rel in record.get("relations", []):
        head, tail, label = by_id.get(rel.get("head")), by_id.get(rel.get("tail")), rel.get("label")
        if head is None or tail is None:
            problems.append(f"relation {label} {rel.get('head')!r}->{rel.get('tail')!r}: unknown entity id")
        elif label not in RELATION_TYPES:
            problems.append(f"relation {rel.get('head')!r}->{rel.get('tail')!r}: unknown label {label!r}")
        elif not relation_fits(label, head.get("label"), tail.get("label")):
            problems.append(f"relation {label} {rel['head']!r}->{rel['tail']!r}: cannot link {head.get('label')} to {tail.get('label')}")
    return problems


def read_records(
    path: Path, *, skip_invalid: bool = False, require_annotations: bool = True, encoding: str = "utf-8-sig"
) -> Tuple[List[Dict], List[str]]:
    """Read and check a schema JSONL file; returns the records and the skipped lines' messages.

    A bad line raises FormatError naming the file and line, unless
    `skip_invalid` is set, in which case it is skipped and reported.
    `require_annotations=False` accepts plain ``{"id", "text"}`` lines.
    """
    records: List[Dict] = []
    skipped: List[str] = []
    try:
        lines = Path(path).read_text(encoding=encoding).splitlines()
    except UnicodeDecodeError as err:
        raise FormatError(f"{path}: cannot decode as {encoding} ({err}); try --encoding cp1256") from err
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            problems = record_problems(record)
            if require_annotations and isinstance(record, dict) and "entities" not in record:
                problems.append("missing 'entities'")
        except json.JSONDecodeError as err:
            problems = [f"malformed JSON ({err.msg} at column {err.colno})"]
        if problems:
            message = f"{path}:{lineno}: " + "; ".join(problems)
            if not skip_invalid:
                raise FormatError(message)
            skipped.append(message)
            continue
        record.setdefault("id", f"{Path(path).stem}-{lineno}")
        record.setdefault("entities", [])
        record.setdefault("relations", [])
        records.append(record)
    return records, skipped


def write_jsonl(path: Path, records: Iterable[Dict]) -> Counts:
    """Write records one a line (UTF-8, Arabic unescaped); returns what was written."""
    counts = Counts()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            counts.add(record)
    return counts


class MisalignedSpan(FormatError):
    """An entity whose character offsets do not fall on token boundaries."""

    def __init__(self, message: str, entity_id: str) -> None:
        super().__init__(message)
        self.entity_id = entity_id


def record_to_doc(nlp: Language, record: Dict) -> Doc:
    """Tokenize a record's text and set its entities, values and relations on the Doc.

    Raises MisalignedSpan (naming the document, offsets and surface) when an
    entity does not fit the tokens.
    """
    doc = nlp.make_doc(record["text"])
    ents: List[Span] = []
    by_id: Dict[str, Span] = {}
    for ent in record["entities"]:
        span = doc.char_span(ent["start"], ent["end"], label=ent["label"])
        if span is None:
            surface = record["text"][ent["start"]:ent["end"]]
            tokens = [t.text for t in doc.char_span(ent["start"], ent["end"], alignment_mode="expand") or []]
            raise MisalignedSpan(
                f"document {record.get('id')!r}: entity {ent['id']} [{surface}] at {ent['start']}-{ent['end']} "
                f"does not align with tokens {tokens}",
                ent["id"],
            )
        if ent["label"] in CASUALTY_LABELS:
            span._.value, span._.qualifier = ent.get("value"), ent.get("qualifier")
        ents.append(span)
        by_id[ent["id"]] = span
    doc.ents = ents
    doc._.relations = [
        {
            "head": [by_id[r["head"]].start, by_id[r["head"]].end],
            "tail": [by_id[r["tail"]].start, by_id[r["tail"]].end],
            "label": r["label"],
            "score": 1.0,
        }
        for r in record["relations"]
    ]
    return doc


def doc_to_record(doc: Doc, doc_id: str, meta: Optional[Dict] = None) -> Dict:
    """The schema record of a processed Doc: entities (with values), relations by entity id."""
    entities = []
    ids: Dict[Tuple[int, int], str] = {}
    for n, span in enumerate(doc.ents, 1):
        ent = {"id": f"e{n}", "start": span.start_char, "end": span.end_char, "label": span.label_}
        if span.label_ in CASUALTY_LABELS and span._.value is not None:
            ent["value"], ent["qualifier"] = span._.value, span._.qualifier
        entities.append(ent)
        ids[(span.start, span.end)] = ent["id"]
    relations = []
    for rel in doc._.relations:
        head, tail = ids.get(rel["head"]), ids.get(rel["tail"])
        if head is None or tail is None:
            raise FormatError(f"document {doc_id!r}: relation {rel} names a span that is not an entity")
        relations.append({"head": head, "tail": tail, "label": rel["label"]})
    record = {"id": doc_id, "text": doc.text, "entities": entities, "relations": relations}
    if meta:
        record["meta"] = meta
    return record


def relation_spans(doc: Doc) -> List[Tuple[Span, str, Span]]:
    """``doc._.relations`` as (head entity, label, tail entity) spans, for users' code."""
    ents = {(e.start, e.end): e for e in doc.ents}
    return [(ents[r["head"]], r["label"], ents[r["tail"]]) for r in doc._.relations]
