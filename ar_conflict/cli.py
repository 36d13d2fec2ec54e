"""Command-line entry points; `scripts/*.py` call these through typer."""
import sys
from pathlib import Path

import typer
from wasabi import msg

from .authoring import corpus_files, parse_file
from .validate import consistency_report, validate_corpus


def load_corpus(corpus_dir: Path):
    """Parse every authoring file; returns (path, doc) pairs and the parse problems."""
    docs, problems = [], []
    for path in corpus_files(corpus_dir):
        doc, probs = parse_file(path)
        problems.extend(probs)
        if doc is not None:
            docs.append((str(path), doc))
    return docs, problems


def validate_command(
    corpus_dir: Path = typer.Argument(Path("corpus/docs"), help="Folder of .ann authoring files"),
    review: Path = typer.Option(Path("training/review.txt"), help="Where to write annotation-consistency notes for review"),
) -> None:
    """Lint the corpus: schema violations, span edges, relations, near-duplicates."""
    docs, parse_problems = load_corpus(corpus_dir)
    if not docs and not parse_problems:
        msg.fail(f"No .ann files under {corpus_dir}", exits=1)
    problems = validate_corpus(docs, parse_problems)
    notes = consistency_report(docs)
    review.parent.mkdir(parents=True, exist_ok=True)
    review.write_text("\n".join(notes) + "\n", encoding="utf-8")
    for p in problems:
        print(p)
    n_ents = sum(len(d["entities"]) for _, d in docs)
    n_rels = sum(len(d["relations"]) for _, d in docs)
    summary = f"{len(docs)} documents, {n_ents} entities, {n_rels} relations; {len(problems)} errors; {len(notes)} consistency notes in {review}"
    if problems:
        msg.fail(summary)
        sys.exit(1)
    msg.good(summary)
