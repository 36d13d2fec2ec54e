"""Command-line entry points; `scripts/*.py` run these through typer.

Each command ends with a summary line and exits non-zero when it failed, so
scripts and `spacy project run` can rely on the exit code.
"""
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Dict, Iterator, List, NoReturn, Optional

import spacy
import typer
from tqdm import tqdm

from .corpus import compile_corpus, load_corpus
from .events import record_events, write_events_csv
from .formats import FormatError, doc_to_record, read_records, write_jsonl
from .scoring import evaluate_pipeline, metrics_table
from .validate import consistency_report, validate_corpus


def fail(message: str) -> NoReturn:
    """Report a failure on stderr, unwrapped so that paths and lines stay greppable, and exit 1."""
    print(f"✘ {message}", file=sys.stderr)
    sys.exit(1)


def warn(message: str) -> None:
    print(f"⚠ {message}", file=sys.stderr)


def info(message: str) -> None:
    print(f"ℹ {message}")


def done(message: str) -> None:
    """The summary line a command ends with."""
    print(f"✔ {message}")


def validate_command(
    corpus_dir: Path = typer.Argument(Path("corpus/docs"), help="Folder of .ann authoring files"),
    review: Path = typer.Option(Path("training/review.txt"), help="Where to write annotation-consistency notes for review"),
    encoding: str = typer.Option("utf-8-sig", help="Encoding of the .ann files, e.g. cp1256"),
) -> None:
    """Lint the corpus: schema violations, span edges, relations, near-duplicates."""
    docs, parse_problems = load_corpus(corpus_dir, encoding)
    if not docs and not parse_problems:
        fail(f"No .ann files under {corpus_dir}")
    problems = validate_corpus(docs, parse_problems)
    notes = consistency_report(docs)
    review.parent.mkdir(parents=True, exist_ok=True)
    review.write_text("\n".join(notes) + "\n", encoding="utf-8")
    for p in problems:
        print(p, file=sys.stderr)
    n_ents = sum(len(d["entities"]) for _, d in docs)
    n_rels = sum(len(d["relations"]) for _, d in docs)
    summary = f"{len(docs)} documents, {n_ents} entities, {n_rels} relations; {len(problems)} errors; {len(notes)} consistency notes in {review}"
    if problems:
        fail(summary)
    done(summary)


def corpus_command(
    config: Path = typer.Option(Path("configs/default.cfg"), help="Pipeline config whose tokenizer compiles the corpus"),
    corpus_dir: Path = typer.Option(Path("corpus/docs"), help="Folder of .ann authoring files"),
    output_dir: Path = typer.Option(Path("training/corpus"), help="Where {train,dev,test}.jsonl and .spacy go"),
    allow_misaligned: bool = typer.Option(False, help="Leave out (and list) entities that do not align with tokens instead of failing"),
    encoding: str = typer.Option("utf-8-sig", help="Encoding of the .ann files, e.g. cp1256"),
) -> None:
    """Compile the authoring corpus to schema JSONL and .spacy files, split by document."""
    nlp = spacy.util.load_model_from_config(spacy.util.load_config(config), auto_fill=True)
    try:
        summary, misaligned = compile_corpus(nlp, corpus_dir, output_dir, encoding)
    except ValueError as err:
        fail(str(err))
    for name, (counts_in, counts_out) in summary.items():
        info(f"{name}: in {counts_in}; out {counts_out}")
    for line in misaligned:
        warn(line)
    if misaligned and not allow_misaligned:
        fail(f"{len(misaligned)} entities do not align with tokens (listed above)")
    total = sum(c.docs for c, _ in summary.values())
    done(f"Compiled {total} documents into {output_dir} ({len(misaligned)} misaligned entities left out)")


def iter_input(path: Path, encoding: str, skip_invalid: bool, skipped: List[str]) -> Iterator[Dict]:
    """Records to process from a .txt file, a folder of .txt files, or a JSONL file with `text`."""
    if path.is_dir():
        files = sorted(path.rglob("*.txt"))
        if not files:
            raise FormatError(f"{path}: no .txt files in this folder")
        for file in files:
            yield {"id": str(file.relative_to(path).with_suffix("")), "text": _read_text(file, encoding)}
    elif path.suffix == ".jsonl":
        records, bad = read_records(path, skip_invalid=skip_invalid, require_annotations=False, encoding=encoding)
        skipped.extend(bad)
        yield from records
    elif path.is_file():
        yield {"id": path.stem, "text": _read_text(path, encoding)}
    else:
        raise FormatError(f"{path}: no such file or folder")


def _read_text(path: Path, encoding: str) -> str:
    try:
        return path.read_text(encoding=encoding)
    except UnicodeDecodeError as err:
        raise FormatError(f"{path}: cannot decode as {encoding} ({err}); try --encoding cp1256") from err


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    events = "events"
    csv = "csv"


def extract_command(
    model: str = typer.Option(..., help="Installed package name or path of a trained pipeline"),
    input: Path = typer.Option(..., "--input", help=".txt file, folder of .txt files, or JSONL with 'text' (and optional 'id')"),
    output: Path = typer.Option(..., help="Output file"),
    format: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", help="jsonl: schema JSONL; events: one JSON event per casualty span; csv: the events as CSV"),
    encoding: str = typer.Option("utf-8-sig", help="Input encoding, e.g. cp1256 for Windows-1256 archives"),
    skip_invalid: bool = typer.Option(False, help="Skip (and report) malformed JSONL lines instead of failing"),
    n_process: int = typer.Option(1, help="Processes for nlp.pipe"),
    batch_size: int = typer.Option(64, help="Documents per batch"),
) -> None:
    """Run the pipeline over articles and write entities, values and relations (or event records)."""
    nlp = spacy.load(model)
    skipped: List[str] = []
    try:
        records = list(iter_input(input, encoding, skip_invalid, skipped))
    except FormatError as err:
        fail(str(err))
    for line in skipped:
        warn(f"skipped {line}")
    docs = nlp.pipe((r["text"] for r in records), n_process=n_process, batch_size=batch_size)
    predicted = (doc_to_record(doc, r["id"], r.get("meta")) for doc, r in zip(docs, records))
    predicted = tqdm(predicted, total=len(records), desc="extract", unit="doc", disable=None)
    if format == OutputFormat.jsonl:
        written = str(write_jsonl(output, predicted))
    else:
        events = (event for record in predicted for event in record_events(record))
        if format == OutputFormat.csv:
            written = f"{write_events_csv(output, events)} events"
        else:
            written = f"{write_jsonl(output, events).docs} events"
    done(f"Wrote {written} from {len(records)} documents to {output}; {len(skipped)} input lines skipped")


def evaluate_command(
    model: str = typer.Option(..., help="Installed package name or path of a trained pipeline"),
    data: Path = typer.Option(..., help="Gold schema JSONL"),
    output: Optional[Path] = typer.Option(None, help="Write the metrics here as JSON"),
    table: Optional[Path] = typer.Option(None, help="Write the metrics table here as markdown"),
    encoding: str = typer.Option("utf-8-sig", help="Encoding of the gold file, e.g. cp1256"),
    skip_invalid: bool = typer.Option(False, help="Skip (and report) invalid gold lines instead of failing"),
) -> None:
    """Score a pipeline on gold schema JSONL: entities per label, relations end to end, values, events."""
    try:
        golds, skipped = read_records(data, skip_invalid=skip_invalid, encoding=encoding)
    except FormatError as err:
        fail(str(err))
    for line in skipped:
        warn(f"skipped {line}")
    metrics = evaluate_pipeline(spacy.load(model), golds, progress=True)
    text = metrics_table(metrics)
    print(text)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(metrics, indent=2, ensure_ascii=False), encoding="utf-8")
    if table:
        table.parent.mkdir(parents=True, exist_ok=True)
        table.write_text(text + "\n", encoding="utf-8")
    done(f"Evaluated {model} on {len(golds)} documents of {data} ({len(skipped)} lines skipped): entity F {metrics['ents_f']:.3f}, relation F {metrics['rel_micro_f']:.3f}")


def package_command(
    model: Path = typer.Option(Path("training/model-best"), help="Trained pipeline directory"),
    output_dir: Path = typer.Option(Path("packages"), help="Where the package folder and the wheel go"),
    name: str = typer.Option("conflict_news", help="Package name without the 'ar_' language prefix"),
    version: str = typer.Option("0.1.0", help="Package version"),
) -> None:
    """Build the pip-installable `ar_conflict_news` wheel with the project's code inside."""
    from .packaging import build_package

    if not (model / "meta.json").exists():
        fail(f"{model} is not a trained pipeline directory (no meta.json)")
    wheel = build_package(model, output_dir, name=name, version=version)
    done(f"Built {wheel} ({wheel.stat().st_size / 1e6:.1f} MB); install with: pip install {wheel}")


def tokenizer_report_command(
    config: Path = typer.Option(Path("configs/default.cfg"), help="Config whose tokenizer is measured"),
    corpus_dir: Path = typer.Option(Path("training/corpus"), help="Folder with the compiled {train,dev,test}.jsonl"),
    word_list: Path = typer.Option(Path("corpus/stem_initial_words.txt"), help="Words whose first letter is part of the stem"),
    output: Optional[Path] = typer.Option(None, help="Write the report here as JSON"),
) -> None:
    """Span alignment, over-splitting and throughput of the Arabic news tokenizer."""
    from .tokenizer_report import format_report, tokenizer_report

    report = tokenizer_report(config, corpus_dir, word_list)
    print(format_report(report))
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    test = report["alignment"]["test"]
    done(f"test-split alignment {test['share']:.2%}, over-split {report['over_split']['rate']:.2%}, speed ratio {report['speed']['ratio']:.2f}")


def stats_command(
    corpus_dir: Path = typer.Option(Path("corpus/docs"), help="Folder of .ann authoring files"),
    output: Path = typer.Option(Path("corpus/STATS.md"), help="Markdown file to write"),
) -> None:
    """Write corpus statistics (size, labels, breadth, number forms, hard cases) as markdown."""
    from .stats import corpus_stats, stats_markdown

    docs, problems = load_corpus(corpus_dir)
    if problems:
        fail(f"{len(problems)} problems in the corpus, first: {problems[0]} (run the validate command)")
    stats = corpus_stats(docs)
    output.write_text(stats_markdown(stats), encoding="utf-8")
    done(f"Wrote {output}: {stats['documents']} documents, {stats['words']} words, {sum(stats['entities'].values())} entities, {sum(stats['relations'].values())} relations")


def learning_curve_command(
    config: Path = typer.Option(Path("configs/default.cfg"), help="Pipeline config to train"),
    corpus_dir: Path = typer.Option(Path("training/corpus"), help="Folder with train/dev .spacy and test.jsonl"),
    output_dir: Path = typer.Option(Path("training/learning-curve"), help="Where each run and the results go"),
    fractions: str = typer.Option("0.25,0.5,0.75,1.0", help="Comma-separated shares of the training documents"),
) -> None:
    """Train on 25/50/75/100% of the training documents and score each on the test split."""
    from .learning_curve import curve_markdown, learning_curve

    rows = learning_curve(config, corpus_dir, output_dir, [float(f) for f in fractions.split(",")])
    table = curve_markdown(rows)
    print(table)
    (output_dir / "learning_curve.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    (output_dir / "learning_curve.md").write_text(table + "\n", encoding="utf-8")
    done(f"Learning curve of {len(rows)} runs written to {output_dir}")


def visualize_command(
    model: str = typer.Option(..., help="Installed package name or path of a trained pipeline"),
    data: Path = typer.Option(..., help="Gold schema JSONL"),
    output: Path = typer.Option(Path("training/visualize.html"), help="HTML file to write"),
    limit: int = typer.Option(8, help="How many documents to render"),
) -> None:
    """Render gold and predicted entities and relations side by side as HTML (right to left)."""
    from .visualize import render_comparison

    try:
        golds, _ = read_records(data)
    except FormatError as err:
        fail(str(err))
    page = render_comparison(spacy.load(model), golds[:limit])
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    done(f"Rendered {min(limit, len(golds))} documents to {output}")


def benchmark_command(
    model: Path = typer.Option(Path("training/model-best"), help="Trained pipeline (the one that was packaged)"),
    config: Path = typer.Option(Path("configs/default.cfg"), help="Config to time training with"),
    corpus_dir: Path = typer.Option(Path("training/corpus"), help="Compiled corpus"),
    wheel: Path = typer.Option(Path("packages/ar_conflict_news-0.1.0-py3-none-any.whl"), help="Built wheel, for its size"),
    output_dir: Path = typer.Option(Path("training/benchmark"), help="Where benchmark.json, benchmark.md and the timing runs go"),
) -> None:
    """Measure speed, component shares, training time, size, memory and accuracy in one run."""
    from .benchmark import benchmark_markdown, run_benchmark, write_benchmark

    output_dir.mkdir(parents=True, exist_ok=True)
    result = run_benchmark(model, config, corpus_dir, wheel, output_dir)
    write_benchmark(result, output_dir / "benchmark.json", output_dir / "benchmark.md")
    print(benchmark_markdown(result))
    done(f"Benchmark written to {output_dir}")
