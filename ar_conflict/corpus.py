"""Compile the authoring corpus into schema JSONL and DocBin files, split by document.

The split is the one fixed in each file's header. The tokenizer's lexicon is
built from the training split's entity words, exactly as `nlp.initialize`
builds it when training, so the compiled tokens are the pipeline's tokens.
"""
from pathlib import Path
from typing import Dict, List, Tuple

from spacy.language import Language
from spacy.tokens import DocBin

from .authoring import SPLITS, Problem, corpus_files, parse_file, to_schema
from .formats import Counts, MisalignedSpan, record_to_doc, write_jsonl


def load_corpus(corpus_dir: Path, encoding: str = "utf-8-sig") -> Tuple[List[Tuple[str, Dict]], List[Problem]]:
    """Parse every authoring file; returns (path, document) pairs and all parse problems."""
    docs, problems = [], []
    for path in corpus_files(corpus_dir):
        doc, probs = parse_file(path, encoding)
        problems.extend(probs)
        if doc is not None:
            docs.append((str(path), doc))
    return docs, problems


def split_records(docs: List[Tuple[str, Dict]]) -> Dict[str, List[Dict]]:
    """Schema records by split, in file order."""
    splits: Dict[str, List[Dict]] = {name: [] for name in SPLITS}
    for _, doc in docs:
        splits[doc["meta"]["split"]].append(to_schema(doc))
    return splits


def init_tokenizer_from_records(nlp: Language, records: List[Dict]) -> None:
    """Build the tokenizer lexicon with these records' entities (the training split), as training does."""
    surfaces = [r["text"][e["start"]:e["end"]] for r in records for e in r["entities"]]
    init_cfg = nlp.config.get("initialize", {}).get("tokenizer", {})
    nlp.tokenizer.initialize(extra_words=surfaces, **init_cfg)


def drop_entity(record: Dict, entity_id: str) -> Dict:
    """The record without one entity and the relations that name it."""
    out = dict(record)
    out["entities"] = [e for e in record["entities"] if e["id"] != entity_id]
    out["relations"] = [r for r in record["relations"] if entity_id not in (r["head"], r["tail"])]
    return out


def records_to_docbin(nlp: Language, records: List[Dict], misaligned: List[str]) -> Tuple[DocBin, Counts]:
    """Tokenize records into a DocBin. An entity that does not align with the tokens is
    left out of the DocBin (with its relations) and its message added to `misaligned`."""
    docbin = DocBin(store_user_data=True)
    counts = Counts()
    for record in records:
        while True:
            try:
                doc = record_to_doc(nlp, record)
                break
            except MisalignedSpan as err:
                misaligned.append(str(err))
                record = drop_entity(record, err.entity_id)
        docbin.add(doc)
        counts.add(record)
    return docbin, counts


def compile_corpus(nlp: Language, corpus_dir: Path, output_dir: Path, encoding: str = "utf-8-sig") -> Tuple[Dict[str, Tuple[Counts, Counts]], List[str]]:
    """Write {train,dev,test}.jsonl and .spacy; returns counts in (JSONL) and out (DocBin)
    per split, and the messages of entities that did not align with the tokens."""
    docs, problems = load_corpus(corpus_dir, encoding)
    if problems:
        raise ValueError(f"{len(problems)} problems in the corpus, first: {problems[0]} (run the validate command)")
    splits = split_records(docs)
    init_tokenizer_from_records(nlp, splits["train"])
    output_dir.mkdir(parents=True, exist_ok=True)
    summary: Dict[str, Tuple[Counts, Counts]] = {}
    misaligned: List[str] = []
    for name, records in splits.items():
        counts_in = write_jsonl(output_dir / f"{name}.jsonl", records)
        docbin, counts_out = records_to_docbin(nlp, records, misaligned)
        docbin.to_disk(output_dir / f"{name}.spacy")
        summary[name] = (counts_in, counts_out)
    return summary, misaligned
