"""Messy real-world input: odd characters, markup, huge documents, encodings, determinism, fuzzing."""
import json
import subprocess
import sys

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.cli.train import train

from ar_conflict.formats import doc_to_record, record_problems
from ar_conflict.numbers import parse_count
from ar_conflict.schema import QUALIFIERS
from conftest import CONFIG, ROOT, TINY_OVERRIDES

ODD_TEXTS = {
    "empty": "",
    "whitespace only": " \n\t \n ",
    "latin only": "Five civilians were killed in Aleppo on Monday.",
    "mixed arabic and english": "قتل 5 مدنيين في Aleppo حسب Reuters و AFP.",
    "diacritized": "قُتِلَ خَمْسَةُ مَدَنِيِّينَ فِي حَلَبَ.",
    "tatweel": "قـــتل خمســة مدنيـين في حلـــب.",
    "emoji": "قتل 5 مدنيين 😢🔥 في حلب 🇸🇾.",
    "zero-width and bidi marks": "قتل\u200f 5\u200e مدنيين\u061c في\u200b حلب\u200c.",
    "html": "<p>قتل <b>5</b> مدنيين &amp; أصيب 3 في <a href='x'>حلب</a>&nbsp;.</p>",
    "only punctuation": "؟!... ،،، «» ()",
}


def check_offsets(doc, text):
    assert doc.text == text
    record = doc_to_record(doc, "x")
    assert record_problems(record) == []
    for ent in record["entities"]:
        assert text[ent["start"]:ent["end"]] == doc.char_span(ent["start"], ent["end"]).text


@pytest.mark.parametrize("name", ODD_TEXTS)
def test_odd_input_keeps_offsets(trained_model, name):
    nlp = spacy.load(trained_model)
    text = ODD_TEXTS[name]
    check_offsets(nlp(text), text)


def test_million_character_document_and_long_sentence(trained_model):
    nlp = spacy.load(trained_model)
    sentence = "قتل ستة مدنيين بقصف لقوات النظام على الأتارب و"  # no full stop: one very long sentence
    text = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000]
    assert len(text) == nlp.max_length
    doc = nlp(text)
    check_offsets(doc, text)
    assert len(doc.ents) > 1000
    with pytest.raises(ValueError, match="E088"):
        nlp(text + " ")


def run(args):
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_extract_reads_bom_and_windows_1256(tmp_path, trained_model):
    (tmp_path / "utf8").mkdir()
    (tmp_path / "utf8" / "a.txt").write_bytes("\ufeffقتل 5 مدنيين في حلب.".encode("utf-8"))
    (tmp_path / "cp" ).mkdir()
    (tmp_path / "cp" / "b.txt").write_bytes("قتل 5 مدنيين في حلب.".encode("cp1256"))
    out = tmp_path / "out.jsonl"
    assert run(["scripts/extract.py", "--model", str(trained_model), "--input", str(tmp_path / "utf8"), "--output", str(out)]).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == "قتل 5 مدنيين في حلب."
    failed = run(["scripts/extract.py", "--model", str(trained_model), "--input", str(tmp_path / "cp"), "--output", str(out)])
    assert failed.returncode == 1 and "b.txt: cannot decode as utf-8-sig" in failed.stderr and "--encoding cp1256" in failed.stderr
    ok = run(["scripts/extract.py", "--model", str(trained_model), "--input", str(tmp_path / "cp"), "--output", str(out), "--encoding", "cp1256"])
    assert ok.returncode == 0 and json.loads(out.read_text(encoding="utf-8"))["text"] == "قتل 5 مدنيين في حلب."


def test_corpus_tools_read_windows_1256(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    ann = "id: w-001\nconflict: syria\ngenre: wire\nsplit: train\n---\nقتل [5]{KILLED 5 exact} مدنيين في [حلب]{LOCATION}.\n"
    (folder / "w-001.ann").write_bytes(ann.encode("cp1256"))
    failed = run(["scripts/validate.py", str(folder), "--review", str(tmp_path / "r.txt")])
    assert failed.returncode == 1 and "w-001.ann" in failed.stderr and "cannot read" in failed.stderr
    ok = run(["scripts/validate.py", str(folder), "--review", str(tmp_path / "r.txt"), "--encoding", "cp1256"])
    assert ok.returncode == 0, ok.stderr


def test_training_is_deterministic(tmp_path, compiled_corpus):
    overrides = {**TINY_OVERRIDES, "training.max_steps": 30, "paths.train": str(compiled_corpus / "train.spacy"), "paths.dev": str(compiled_corpus / "dev.spacy")}
    scores = []
    for run_dir in ("a", "b"):
        train(CONFIG, tmp_path / run_dir, overrides=overrides)
        meta = json.loads((tmp_path / run_dir / "model-last" / "meta.json").read_text())
        scores.append(meta["performance"])
    assert scores[0] == scores[1]


def test_two_processes_give_the_same_values(trained_model, compiled_corpus):
    nlp = spacy.load(trained_model)
    texts = [json.loads(line)["text"] for line in (compiled_corpus / "train.jsonl").read_text(encoding="utf-8").splitlines()] * 3
    one = [doc_to_record(d, "x") for d in nlp.pipe(texts)]
    two = [doc_to_record(d, "x") for d in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert one == two
    assert any("value" in e for r in one for e in r["entities"])


ARABIC_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0x0660, max_codepoint=0x0669),
        st.sampled_from(list(" .،؟!\n\t0123456789\u200f\u200e\u061c\u0640«»\"()")),
        st.characters(),
    ),
    max_size=300,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ARABIC_TEXT)
def test_fuzz_pipeline(trained_model, text):
    nlp = _cached_pipeline(trained_model)
    check_offsets(nlp(text), text)


_PIPELINES = {}


def _cached_pipeline(path):
    if path not in _PIPELINES:
        _PIPELINES[path] = spacy.load(path)
    return _PIPELINES[path]


@settings(max_examples=500, deadline=None)
@given(text=ARABIC_TEXT)
def test_fuzz_value_parser(text):
    result = parse_count(text)
    assert result is None or (isinstance(result[0], int) and result[0] > 0 and result[1] in QUALIFIERS)
