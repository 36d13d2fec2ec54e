"""The transformer config, trained end to end with a tiny BERT built here (no network)."""
import json

import pytest

pytest.importorskip("spacy_transformers")

import spacy  # noqa: E402
from spacy.cli.train import train  # noqa: E402

from conftest import ROOT  # noqa: E402

TRF_CONFIG = ROOT / "configs" / "transformer.cfg"


@pytest.fixture(scope="module")
def tiny_bert(tmp_path_factory, compiled_corpus):
    """A 2-layer BERT with a word-piece vocabulary learnt from the fixture corpus."""
    from tokenizers import BertWordPieceTokenizer
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-bert")
    texts = [json.loads(line)["text"] for split in ("train", "dev", "test")
             for line in (compiled_corpus / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()]
    (folder / "texts.txt").write_text("\n".join(texts), encoding="utf-8")
    wordpiece = BertWordPieceTokenizer(lowercase=False, strip_accents=False)
    wordpiece.train([str(folder / "texts.txt")], vocab_size=400, min_frequency=1)
    wordpiece.save_model(str(folder))
    BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=False).save_pretrained(folder)
    config = BertConfig(vocab_size=wordpiece.get_vocab_size(), hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=256)
    BertModel(config).save_pretrained(folder)
    return folder


def test_transformer_config_trains_saves_and_predicts(tmp_path, tiny_bert, compiled_corpus, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    overrides = {
        "components.transformer.model.name": str(tiny_bert),
        "paths.train": str(compiled_corpus / "train.spacy"),
        "paths.dev": str(compiled_corpus / "dev.spacy"),
        "system.gpu_allocator": None,
        "training.max_steps": 120,
        "training.eval_frequency": 60,
        "training.accumulate_gradient": 1,
        "training.optimizer.learn_rate.warmup_steps": 10,
        "training.optimizer.learn_rate.total_steps": 120,
        "training.optimizer.learn_rate.initial_rate": 0.003,
    }
    train(TRF_CONFIG, tmp_path, overrides=overrides)
    nlp = spacy.load(tmp_path / "model-last")
    assert nlp.pipe_names == ["sentences", "transformer", "ner", "values", "relations"]
    text = json.loads((compiled_corpus / "train.jsonl").read_text(encoding="utf-8").splitlines()[0])["text"]
    doc = nlp(text)
    assert [t.text for t in doc][:4] == ["حلب", "(", "وكالات", ")"]
    assert len(doc.ents) > 0 and len(doc._.relations) > 0
    # word pieces are aligned to the project's tokens, clitics split: «لقوات» → ل + قوات
    lengths = doc._.trf_data.align.lengths
    assert len(lengths) == len(doc) and all(n > 0 for n, token in zip(lengths, doc) if not token.is_space)
