"""Authoring format, validator messages, and the compile round trip authoring → JSONL → DocBin → JSONL."""
from pathlib import Path

import pytest
from spacy.tokens import DocBin

from ar_conflict.authoring import parse_file
from ar_conflict.corpus import load_corpus
from ar_conflict.formats import doc_to_record, read_records
from ar_conflict.validate import check_duplicates, validate_corpus

from conftest import FIXTURE_CORPUS, blank_pipeline

HEADER = "id: {id}\nconflict: syria\ngenre: wire\nsplit: train\n---\n"


def write_doc(folder: Path, doc_id: str, body: str, relations: str = "") -> Path:
    path = folder / f"{doc_id}.ann"
    path.write_text(HEADER.format(id=doc_id) + body + ("\n---\n" + relations if relations else "\n"), encoding="utf-8")
    return path


def problems_of(folder: Path):
    docs, parse_problems = load_corpus(folder)
    return [str(p) for p in validate_corpus(docs, parse_problems)]


def test_parse_offsets_values_and_relations():
    doc, problems = parse_file(FIXTURE_CORPUS / "t-002.ann")
    assert problems == []
    text = doc["text"]
    surfaces = [(text[e["start"]:e["end"]], e["label"]) for e in doc["entities"]]
    assert surfaces[:3] == [("أكثر من 20", "KILLED"), ("داعش", "ARMED_GROUP"), ("لجيش العراقي", "ARMED_GROUP")]
    assert doc["entities"][0]["value"] == 20 and doc["entities"][0]["qualifier"] == "more_than"
    assert {"head": "e1", "tail": "e2", "label": "CASUALTIES_OF"} in [{k: r[k] for k in ("head", "tail", "label")} for r in doc["relations"]]
    assert "\n" in text and "[" not in text and "{" not in text


def test_compile_round_trip(compiled_corpus):
    """The JSONL written from the authoring files and the JSONL read back from the DocBin agree."""
    nlp = blank_pipeline()
    for split in ("train", "dev", "test"):
        records, skipped = read_records(compiled_corpus / f"{split}.jsonl")
        assert not skipped
        docs = list(DocBin().from_disk(compiled_corpus / f"{split}.spacy").get_docs(nlp.vocab))
        assert len(docs) == len(records)
        for record, doc in zip(records, docs):
            back = doc_to_record(doc, record["id"])
            assert back["text"] == record["text"]
            assert back["entities"] == record["entities"]
            assert back["relations"] == record["relations"]


def test_split_comes_from_the_header(compiled_corpus):
    ids = {split: [r["id"] for r in read_records(compiled_corpus / f"{split}.jsonl")[0]] for split in ("train", "dev", "test")}
    assert ids == {"train": ["t-001"], "dev": ["t-002"], "test": ["t-003"]}


@pytest.mark.parametrize(
    "body,relations,message",
    [
        ("قتل [5]{k1 KILLED 5 exact} في [حلب]{l1 PLACE}.", "", "unknown entity label 'PLACE'"),
        ("قتل [5]{k1 KILLED} في [حلب]{l1 LOCATION}.", "", "KILLED needs 'value qualifier'"),
        ("قتل [5]{k1 KILLED 5 roughly} في [حلب]{l1 LOCATION}.", "", "KILLED needs 'value qualifier'"),
        ("قتل [ 5]{k1 KILLED 5 exact} في [حلب]{l1 LOCATION}.", "", "starts or ends with a space"),
        ('تنظيم ["داعش"]{g1 ARMED_GROUP} في [حلب]{l1 LOCATION}.', "", "starts or ends with a space, quote"),
        ("قتل [5]{k1 KILLED 5 exact} في م[حلب]{l1 LOCATION}.", "", "which is not a proclitic"),
        ("قتل [5]{k1 KILLED 5 exact} في [حل]{l1 LOCATION}ب.", "", "ends inside a word"),
        ("قتل [5]{k1 KILLED 5 exact} في [حلب]{l1 LOCATION}.", "k1 ACTIVE_IN l1", "ACTIVE_IN cannot link KILLED to LOCATION"),
        ("قتل [5]{k1 KILLED 5 exact}.\nفي [حلب]{l1 LOCATION}.", "k1 OCCURRED_IN l1", "crosses sentences"),
        ("قتل [5]{k1 KILLED 5 exact} في [حلب]{l1 LOCATION}.", "k1 OCCURRED_IN l9", "unknown entity id(s) l9"),
        ("قتل [5]{k1 KILLED 5 exact} في [حلب]{l1 LOCATION}.", "k1 HAPPENED l1", "relation must be 'head LABEL tail'"),
        ("قتل [5]{k1 KILLED 5 exact} في [حلب]{l1 LOCATION}.", "k1 OCCURRED_IN l1\nk1 OCCURRED_IN l1", "is given twice"),
        ("قتل 5 في [حلب]{l1 LOCATION} ]", "", "stray bracket"),
    ],
)
def test_validator_names_document_and_line(tmp_path, body, relations, message):
    write_doc(tmp_path, "bad-001", body, relations)
    problems = problems_of(tmp_path)
    assert any(message in p and "bad-001.ann:" in p for p in problems), problems


def test_validator_flags_clitic_inside_span(tmp_path):
    write_doc(tmp_path, "a-001", "انسحب [الجيش]{ARMED_GROUP} من المدينة ليلاً.")
    write_doc(tmp_path, "a-002", "وصل [والجيش]{ARMED_GROUP} إلى الأطراف صباح أمس.")
    assert any("a-002.ann" in p and "includes the proclitic" in p for p in problems_of(tmp_path))


def test_validator_accepts_clitics_outside_spans(tmp_path):
    write_doc(tmp_path, "ok-001", "قصفت [قوات النظام]{g1 ARMED_GROUP} و[إدلب]{LOCATION} وب[الرقة]{LOCATION} ل[لجيش]{ARMED_GROUP}.")
    write_doc(tmp_path, "ok-002", "قتل 7 [حوثيين]{ARMED_GROUP} في هجوم ل[لحوثيين]{ARMED_GROUP} على المواقع.")
    assert problems_of(tmp_path) == []


def test_validator_header_problems(tmp_path):
    (tmp_path / "h-001.ann").write_text("id: other\nconflict: mars\ngenre: wire\nsplit: holdout\n---\nنص.\n", encoding="utf-8")
    problems = " ".join(problems_of(tmp_path))
    assert "differs from the file name" in problems and "unknown conflict 'mars'" in problems and "split must be one of" in problems


def test_near_duplicates_and_shared_sentences(tmp_path):
    sentence = "قالت مصادر محلية إن الاشتباكات استمرت حتى ساعات الفجر الأولى في المنطقة"
    a = {"id": "a", "text": sentence + ". ثم هدأت الأوضاع.", "entities": [], "relations": []}
    b = {"id": "b", "text": "في خبر آخر. " + sentence + ".", "entities": [], "relations": []}
    c = {"id": "c", "text": "نص مختلف تماماً عن كل ما سبق من الأخبار المحلية اليوم.", "entities": [], "relations": []}
    problems = [str(p) for p in check_duplicates([("a.ann", a), ("b.ann", b), ("c.ann", c)])]
    assert any("b.ann" in p and "sentence also in a.ann" in p for p in problems)
    assert any("shares" in p and "4-grams" in p for p in problems)
    assert not any("c.ann" in p for p in problems)
