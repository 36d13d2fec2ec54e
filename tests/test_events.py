"""Event records from schema records: roles, two events in one sentence, a casualty without relations."""
import csv

from ar_conflict.events import record_events, write_events_csv
from ar_conflict.scoring import score_records

TEXT = "قتل 4 جنود من الجيش وأصيب 9 مدنيين بقصف لداعش على الرقة. وفي حلب قتل 2."


def span(eid, surface, label, occurrence=0, **extra):
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(surface, start + 1)
    return {"id": eid, "start": start, "end": start + len(surface), "label": label, **extra}


ENTS = [
    span("k1", "4", "KILLED", value=4, qualifier="exact"),
    span("g1", "الجيش", "ARMED_GROUP"),
    span("i1", "9", "INJURED", value=9, qualifier="exact"),
    span("g2", "داعش", "ARMED_GROUP"),
    span("l1", "الرقة", "LOCATION"),
    span("l2", "حلب", "LOCATION"),
    span("k2", "2", "KILLED", value=2, qualifier="exact"),
]
RELS = [
    {"head": "k1", "tail": "g1", "label": "CASUALTIES_OF"},
    {"head": "k1", "tail": "g2", "label": "INFLICTED_BY"},
    {"head": "k1", "tail": "l1", "label": "OCCURRED_IN"},
    {"head": "i1", "tail": "g2", "label": "INFLICTED_BY"},
    {"head": "i1", "tail": "l1", "label": "OCCURRED_IN"},
]
RECORD = {"id": "d1", "text": TEXT, "entities": ENTS, "relations": RELS}


def test_two_events_in_one_sentence_and_one_without_relations():
    events = record_events(RECORD)
    assert [(e["type"], e["value"]) for e in events] == [("killed", 4), ("injured", 9), ("killed", 2)]
    killed, injured, lone = events
    assert [v["text"] for v in killed["victim"]] == ["الجيش"]
    assert [p["text"] for p in killed["perpetrator"]] == ["داعش"] == [p["text"] for p in injured["perpetrator"]]
    assert injured["victim"] == [] and [l["text"] for l in injured["location"]] == ["الرقة"]
    assert killed["sentence"] == injured["sentence"] == "قتل 4 جنود من الجيش وأصيب 9 مدنيين بقصف لداعش على الرقة."
    assert lone["victim"] == lone["perpetrator"] == lone["location"] == [] and lone["sentence"] == "وفي حلب قتل 2."


def test_csv_rows(tmp_path):
    path = tmp_path / "events.csv"
    assert write_events_csv(path, record_events(RECORD)) == 3
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert rows[0]["victim"] == "الجيش" and rows[0]["perpetrator"] == "داعش" and rows[0]["location"] == "الرقة"
    assert rows[2]["value"] == "2" and rows[2]["location"] == ""


def test_event_accuracy_needs_every_role():
    missing_place = dict(RECORD, relations=[r for r in RELS if r != {"head": "i1", "tail": "l1", "label": "OCCURRED_IN"}])
    metrics = score_records([RECORD], [missing_place])
    assert metrics["event_acc"] == 2 / 3 and metrics["events_gold"] == 3
    assert score_records([RECORD], [RECORD])["event_acc"] == 1.0
