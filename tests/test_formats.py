"""Schema JSONL reading: every kind of bad line is an error naming file and line, or skipped and reported."""
import json

import pytest

from ar_conflict.formats import FormatError, read_records, record_to_doc, MisalignedSpan

GOOD = {"id": "d1", "text": "قتل 5 في حلب", "entities": [
    {"id": "e1", "start": 4, "end": 5, "label": "KILLED", "value": 5, "qualifier": "exact"},
    {"id": "e2", "start": 9, "end": 12, "label": "LOCATION"}],
    "relations": [{"head": "e1", "tail": "e2", "label": "OCCURRED_IN"}]}


def variant(**changes):
    record = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        record[key] = value
    return record


BAD = [
    ("{not json", "malformed JSON"),
    (json.dumps({"id": "x"}), "missing or non-string 'text'"),
    (json.dumps(variant(entities=[{"id": "e1", "start": 4, "end": 99, "label": "KILLED"}], relations=[])), "out of range or reversed"),
    (json.dumps(variant(entities=[{"id": "e1", "start": 5, "end": 4, "label": "KILLED"}], relations=[])), "out of range or reversed"),
    (json.dumps(variant(entities=[{"id": "e1", "start": 0, "end": 5, "label": "KILLED"}, {"id": "e2", "start": 4, "end": 8, "label": "LOCATION"}], relations=[])), "overlap"),
    (json.dumps(variant(entities=[{"id": "e1", "start": 0, "end": 3, "label": "PERSON"}], relations=[])), "unknown label 'PERSON'"),
    (json.dumps(variant(relations=[{"head": "e1", "tail": "e7", "label": "OCCURRED_IN"}])), "unknown entity id"),
    (json.dumps(variant(relations=[{"head": "e2", "tail": "e1", "label": "OCCURRED_IN"}])), "cannot link LOCATION to KILLED"),
    (json.dumps(variant(relations=[{"head": "e1", "tail": "e2", "label": "LOCATED"}])), "unknown label 'LOCATED'"),
]


@pytest.mark.parametrize("line,message", BAD)
def test_bad_line_is_an_error_with_file_and_line(tmp_path, line, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(FormatError) as err:
        read_records(path)
    assert f"{path}:2:" in str(err.value) and message in str(err.value)


def test_skip_invalid_reports_and_counts(tmp_path):
    path = tmp_path / "gold.jsonl"
    lines = [json.dumps(GOOD, ensure_ascii=False)] + [line for line, _ in BAD]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records, skipped = read_records(path, skip_invalid=True)
    assert [r["id"] for r in records] == ["d1"]
    assert len(skipped) == len(BAD)
    assert all(s.startswith(f"{path}:") for s in skipped)


def test_plain_text_records_and_bom(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\ufeff" + json.dumps({"text": "خبر"}, ensure_ascii=False) + "\n\n", encoding="utf-8")
    records, _ = read_records(path, require_annotations=False)
    assert records == [{"text": "خبر", "id": "in-1", "entities": [], "relations": []}]
    with pytest.raises(FormatError, match="missing 'entities'"):
        read_records(path)


def test_undecodable_file_is_named(tmp_path):
    path = tmp_path / "win.jsonl"
    path.write_bytes(json.dumps({"text": "قتل"}, ensure_ascii=False).encode("cp1256"))
    with pytest.raises(FormatError, match="win.jsonl: cannot decode as utf-8"):
        read_records(path)
    records, _ = read_records(path, require_annotations=False, encoding="cp1256")
    assert records[0]["text"] == "قتل"


def test_misaligned_span_names_document_and_offsets(nlp_tokenizer):
    record = variant(entities=[{"id": "e1", "start": 9, "end": 11, "label": "LOCATION"}], relations=[])
    with pytest.raises(MisalignedSpan, match=r"document 'd1': entity e1 \[حل\] at 9-11"):
        record_to_doc(nlp_tokenizer, record)
