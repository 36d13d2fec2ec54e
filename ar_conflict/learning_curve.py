"""Learning curve: train the default config on growing shares of the training documents.

Every run uses the same dev split for model selection and is scored on the
test split, so the curve shows whether more documents still pay.
"""
import math
import random
from pathlib import Path
from typing import Dict, List

import spacy
from spacy.cli.train import train
from spacy.tokens import DocBin

from .formats import read_records
from .scoring import evaluate_pipeline


def subset_docbin(train_path: Path, fraction: float, output: Path, seed: int = 0) -> int:
    """Write a DocBin with a seeded random share of the training documents; returns how many."""
    nlp = spacy.blank("ar")
    docs = list(DocBin().from_disk(train_path).get_docs(nlp.vocab))
    random.Random(seed).shuffle(docs)
    subset = docs[: math.ceil(fraction * len(docs))]
    output.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=True, docs=subset).to_disk(output)
    return len(subset)


def learning_curve(config: Path, corpus_dir: Path, output_dir: Path, fractions: List[float]) -> List[Dict]:
    golds, _ = read_records(corpus_dir / "test.jsonl")
    rows = []
    for fraction in fractions:
        run_dir = output_dir / f"{round(fraction * 100)}"
        n_docs = subset_docbin(corpus_dir / "train.spacy", fraction, run_dir / "train.spacy")
        train(config, run_dir, overrides={"paths.train": str(run_dir / "train.spacy"), "paths.dev": str(corpus_dir / "dev.spacy")})
        metrics = evaluate_pipeline(spacy.load(run_dir / "model-best"), golds)
        rows.append({"fraction": fraction, "train_docs": n_docs, "ents_f": metrics["ents_f"], "rel_micro_f": metrics["rel_micro_f"], "value_acc": metrics["value_acc"]})
    return rows


def curve_markdown(rows: List[Dict]) -> str:
    lines = ["| training documents | share | entity F1 (test) | relation F1, end to end (test) |", "|---|---|---|---|"]
    lines.extend(f"| {r['train_docs']} | {r['fraction']:.0%} | {r['ents_f']:.3f} | {r['rel_micro_f']:.3f} |" for r in rows)
    return "\n".join(lines)
