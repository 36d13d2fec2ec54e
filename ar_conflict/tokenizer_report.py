"""Measure the tokenizer on the corpus: span alignment, over-splitting, throughput.

Alignment is measured per split with the lexicon that training builds (the
training split's entity words), so dev and test names are as unseen as in a
user's articles. Over-splitting is measured on a hand-written list of words
whose first letter belongs to the stem. Throughput is a ratio to spaCy's
default `ar` tokenizer on the same texts in the same run.
"""
import time
from pathlib import Path
from typing import Callable, Dict, List

import spacy
from spacy.language import Language

from .corpus import init_tokenizer_from_records
from .formats import read_records
from .tokenizer import read_word_list


def alignment(nlp: Language, records: List[Dict]) -> Dict:
    """Share of gold entity spans that fall on token boundaries, and the misaligned ones."""
    total, misaligned = 0, []
    for record in records:
        doc = nlp.make_doc(record["text"])
        for ent in record["entities"]:
            total += 1
            if doc.char_span(ent["start"], ent["end"]) is None:
                surface = record["text"][ent["start"]:ent["end"]]
                tokens = [t.text for t in doc.char_span(ent["start"], ent["end"], alignment_mode="expand")]
                misaligned.append(f"{record['id']} {ent['start']}-{ent['end']} {ent['label']} [{surface}] tokens {tokens}")
    return {"spans": total, "aligned": total - len(misaligned), "share": (total - len(misaligned)) / total if total else 1.0, "misaligned": misaligned}


def over_splits(nlp: Language, words: List[str]) -> Dict:
    """Words of the stem-initial list that the tokenizer cuts into more than one token."""
    split = [f"{w} → {' | '.join(t.text for t in nlp.make_doc(w))}" for w in words if len(nlp.make_doc(w)) > 1]
    return {"words": len(words), "over_split": len(split), "rate": len(split) / len(words) if words else 0.0, "examples": split}


def repeat_to(texts: List[str], min_words: int) -> List[str]:
    """The texts repeated until they hold at least `min_words` words."""
    n_words = sum(len(t.split()) for t in texts)
    return texts * max(1, -(-min_words // max(n_words, 1)))


def words_per_second(make_doc: Callable, texts: List[str], repeats: int = 3) -> float:
    """Best of `repeats` timed passes of a tokenizer (the first pass warms its caches)."""
    n_words = sum(len(t.split()) for t in texts)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for text in texts:
            make_doc(text)
        best = min(best, time.perf_counter() - start)
    return n_words / best


def tokenizer_report(config: Path, corpus_dir: Path, word_list: Path, min_words: int = 200_000) -> Dict:
    nlp = spacy.util.load_model_from_config(spacy.util.load_config(config), auto_fill=True)
    splits = {name: read_records(corpus_dir / f"{name}.jsonl")[0] for name in ("train", "dev", "test")}
    init_tokenizer_from_records(nlp, splits["train"])
    report: Dict = {"alignment": {name: alignment(nlp, records) for name, records in splits.items()}}
    report["over_split"] = over_splits(nlp, sorted(read_word_list(word_list)))
    texts = repeat_to([r["text"] for records in splits.values() for r in records], min_words)
    ours = words_per_second(nlp.make_doc, texts)
    default = words_per_second(spacy.blank("ar").make_doc, texts)
    n_words = sum(len(t.split()) for t in texts)
    report["speed"] = {"words": n_words, "ours_wps": ours, "spacy_ar_wps": default, "ratio": ours / default}
    return report


def format_report(report: Dict) -> str:
    lines = []
    for name, a in report["alignment"].items():
        lines.append(f"alignment {name}: {a['aligned']}/{a['spans']} gold spans on token boundaries ({a['share']:.2%})")
        lines.extend(f"  misaligned: {m}" for m in a["misaligned"])
    o = report["over_split"]
    lines.append(f"over-splitting: {o['over_split']}/{o['words']} stem-initial words split ({o['rate']:.2%})")
    lines.extend(f"  {e}" for e in o["examples"])
    s = report["speed"]
    lines.append(f"speed on {s['words']} words: {s['ours_wps']:,.0f} words/s vs spaCy ar {s['spacy_ar_wps']:,.0f} words/s (ratio {s['ratio']:.2f})")
    return "\n".join(lines)
