"""Shared fixtures: the default config, a compiled fixture corpus and a tiny trained pipeline."""
from pathlib import Path

import pytest
import spacy
from spacy.cli.train import train

import ar_conflict  # noqa: F401  (registers the project's functions)
from ar_conflict.corpus import compile_corpus

ROOT = Path(__file__).parent.parent
CONFIG = ROOT / "configs" / "default.cfg"
DATA = Path(__file__).parent / "data"
FIXTURE_CORPUS = DATA / "corpus"
TINY_OVERRIDES = {
    "components.tok2vec.model.encode.width": 32,
    "components.tok2vec.model.encode.depth": 2,
    "components.tok2vec.model.embed.rows": [500, 100, 200, 100],
    "training.max_steps": 80,
    "training.eval_frequency": 40,
    "training.batcher.size.start": 1000,
}


def blank_pipeline() -> spacy.Language:
    """The default config's pipeline, not initialized."""
    return spacy.util.load_model_from_config(spacy.util.load_config(CONFIG), auto_fill=True)


# entity words as a training corpus provides them to the tokenizer's lexicon
CORPUS_NAMES = ["حلب", "داعش", "الجيش", "لبنان", "الأتارب", "سراقب", "قوات", "النظام"]


@pytest.fixture(scope="session")
def nlp_tokenizer() -> spacy.Language:
    """The default pipeline with its tokenizer lexicon built as training builds it."""
    nlp = blank_pipeline()
    nlp.tokenizer.initialize(extra_words=CORPUS_NAMES)
    return nlp


@pytest.fixture(scope="session")
def compiled_corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    summary, misaligned = compile_corpus(blank_pipeline(), FIXTURE_CORPUS, out)
    assert not misaligned
    return out


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory, compiled_corpus) -> Path:
    """A tiny pipeline trained on the fixture corpus (enough to overfit its training document)."""
    out = tmp_path_factory.mktemp("model")
    overrides = {**TINY_OVERRIDES, "paths.train": str(compiled_corpus / "train.spacy"), "paths.dev": str(compiled_corpus / "dev.spacy")}
    train(CONFIG, out, overrides=overrides)
    return out / "model-last"
