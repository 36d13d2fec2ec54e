"""Speed, size, training time and accuracy of the pipeline, measured in one run on this machine.

Reference points are measured in the same run: spaCy's default `ar`
tokenizer, and a plain NER-only pipeline with the same tok2vec (spaCy's
tokenizer, no sentences, values or relations), so ratios stay meaningful
when the machine is busier or faster.
"""
import json
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List

import spacy
from spacy.language import Language
from spacy.training import Example

from .formats import read_records
from .scoring import evaluate_pipeline
from .tokenizer_report import repeat_to
from .tokenizer_report import words_per_second as tokenizer_words_per_second


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def words_per_second(nlp: Language, texts: List[str], n_words: int, n_process: int = 1) -> float:
    """Steady-state speed: one warm-up pass over the distinct texts creates their vocabulary
    entries (lexical attributes are computed once per word type), then the best of two passes."""
    list(nlp.pipe(dict.fromkeys(texts)))
    return n_words / min(timed(lambda: list(nlp.pipe(texts, n_process=n_process, batch_size=256))) for _ in range(2))


def component_shares(nlp: Language, texts: List[str]) -> Dict[str, float]:
    """Shares of time spent in the tokenizer and in each component, run one after another
    (after the speed runs, so the vocabulary is warm)."""
    seconds = {"tokenizer": 0.0}
    start = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    seconds["tokenizer"] = time.perf_counter() - start
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        docs = list(proc.pipe(docs, batch_size=256)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        seconds[name] = time.perf_counter() - start
    total = sum(seconds.values())
    return {name: s / total for name, s in seconds.items()}


def ner_only_pipeline(config: Path, train_records: List[Dict]) -> Language:
    """spaCy's `ar` with the same tok2vec and ner settings, initialized on the training labels."""
    cfg = spacy.util.load_config(config)
    cfg["nlp"]["pipeline"] = ["tok2vec", "ner"]
    cfg["nlp"]["tokenizer"] = {"@tokenizers": "spacy.Tokenizer.v1"}
    cfg["nlp"]["after_creation"] = None
    cfg["components"] = {k: v for k, v in cfg["components"].items() if k in ("tok2vec", "ner")}
    cfg["initialize"]["tokenizer"] = {}
    nlp = spacy.util.load_model_from_config(cfg, auto_fill=True)
    labelled = spacy.blank("ar")
    examples = []
    for r in train_records[:50]:
        doc = labelled.make_doc(r["text"])
        ents = [doc.char_span(e["start"], e["end"], label=e["label"], alignment_mode="contract") for e in r["entities"]]
        doc.ents = spacy.util.filter_spans([e for e in ents if e is not None])
        examples.append(Example(nlp.make_doc(r["text"]), doc))
    nlp.initialize(lambda: examples)
    return nlp


def resident_memory_mb(model: str) -> float:
    """Resident memory (VmRSS) of a fresh Python process after loading the pipeline.

    Not ru_maxrss: Linux keeps it across exec, so a child reports its parent's peak."""
    code = ("import ar_conflict, spacy; spacy.load(%r); "
            "print(int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0]) / 1024)") % model
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def training_seconds(config: Path, corpus_dir: Path, output: Path, extra: List[str]) -> float:
    cmd = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(output), "--code", "scripts/spacy_code.py",
           "--paths.train", str(corpus_dir / "train.spacy"), "--paths.dev", str(corpus_dir / "dev.spacy"), *extra]
    return timed(lambda: subprocess.run(cmd, check=True, capture_output=True))


def run_benchmark(model: Path, config: Path, corpus_dir: Path, wheel: Path, work_dir: Path, min_words: int = 50_000) -> Dict:
    nlp = spacy.load(model)
    golds, _ = read_records(corpus_dir / "test.jsonl")
    texts = repeat_to([g["text"] for g in golds], min_words)
    n_words = sum(len(t.split()) for t in texts)
    train_records, _ = read_records(corpus_dir / "train.jsonl")
    ner_only = ner_only_pipeline(config, train_records)
    default_ar = spacy.blank("ar")
    speed = {
        "words": n_words,
        "pipeline_wps": words_per_second(nlp, texts, n_words),
        "pipeline_wps_2_processes": words_per_second(nlp, texts, n_words, n_process=2),
        "tokenizer_wps": tokenizer_words_per_second(nlp.make_doc, texts),
        "spacy_ar_tokenizer_wps": tokenizer_words_per_second(default_ar.make_doc, texts),
        "ner_only_wps": words_per_second(ner_only, texts, n_words),
    }
    speed["pipeline_vs_ner_only"] = speed["pipeline_wps"] / speed["ner_only_wps"]
    speed["tokenizer_vs_spacy_ar"] = speed["tokenizer_wps"] / speed["spacy_ar_tokenizer_wps"]
    shares = component_shares(nlp, texts)
    added = shares.get("values", 0.0) + shares.get("relations", 0.0)
    ner_core = shares.get("tok2vec", 0.0) + shares.get("ner", 0.0) + shares["tokenizer"]
    return {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, {__import__('os').cpu_count()} cores, Python {platform.python_version()}",
        "speed": speed,
        "component_shares": shares,
        "relations_and_values_added": added / ner_core if ner_core else None,
        "training_seconds_default": training_seconds(config, corpus_dir, work_dir / "full", []),
        "training_seconds_1_epoch": training_seconds(config, corpus_dir, work_dir / "epoch", ["--training.max_epochs", "1", "--training.max_steps", "0"]),
        "wheel_mb": wheel.stat().st_size / 1e6 if wheel.exists() else None,
        "resident_memory_mb": resident_memory_mb(str(model)),
        "accuracy": evaluate_pipeline(nlp, golds),
    }


def benchmark_markdown(b: Dict) -> str:
    s, acc = b["speed"], b["accuracy"]
    rows = [
        ("pipeline, 1 process", f"{s['pipeline_wps']:,.0f} words/s"),
        ("pipeline, `n_process=2`", f"{s['pipeline_wps_2_processes']:,.0f} words/s"),
        ("NER-only spaCy pipeline, same tok2vec (reference)", f"{s['ner_only_wps']:,.0f} words/s (pipeline = {s['pipeline_vs_ner_only']:.2f}×)"),
        ("project tokenizer alone", f"{s['tokenizer_wps']:,.0f} words/s ({s['tokenizer_vs_spacy_ar']:.2f}× spaCy's `ar` tokenizer, {s['spacy_ar_tokenizer_wps']:,.0f} words/s)"),
        ("time share per component", ", ".join(f"{k} {v:.0%}" for k, v in b["component_shares"].items())),
        ("values + relations, added to tokenizer+tok2vec+ner time", f"{b['relations_and_values_added']:.0%}"),
        ("training, default config (to early stop)", f"{b['training_seconds_default'] / 60:.1f} min"),
        ("training, 1 epoch", f"{b['training_seconds_1_epoch'] / 60:.1f} min"),
        ("wheel size", f"{b['wheel_mb']:.1f} MB" if b["wheel_mb"] else "no wheel built"),
        ("resident memory after loading", f"{b['resident_memory_mb']:.0f} MB"),
        ("entities F1 (test)", f"{acc['ents_f']:.3f} (" + ", ".join(f"{k} {v['f']:.3f}" for k, v in acc["ents_per_type"].items()) + ")"),
        ("relations F1, end to end (test)", f"{acc['rel_micro_f']:.3f}"),
        ("value+qualifier accuracy (test)", "n/a" if acc["value_acc"] is None else f"{acc['value_acc']:.3f}"),
        ("events fully right (test)", "n/a" if acc["event_acc"] is None else f"{acc['event_acc']:.3f}"),
    ]
    head = f"Measured {b['date']} on {b['machine']}, over {s['words']:,} words (the test split repeated).\n\n"
    return head + "| measure | value |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows) + "\n"


def write_benchmark(b: Dict, json_path: Path, md_path: Path) -> None:
    json_path.write_text(json.dumps(b, indent=2, ensure_ascii=False), encoding="utf-8")
    md_path.write_text(benchmark_markdown(b), encoding="utf-8")
