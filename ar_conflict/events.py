"""Event records: one per casualty span, with its victims, perpetrators and places.

Built from schema records, so events come out the same from a pipeline's
output and from gold annotations (which is how the evaluation compares them).
The CSV columns map onto conflict-event datasets (one row per casualty count).
"""
import csv
from bisect import bisect_right
from pathlib import Path
from typing import Dict, Iterable, List

from .schema import CASUALTY_LABELS
from .sentences import sentence_starts

CSV_COLUMNS = ["document", "type", "value", "qualifier", "victim", "perpetrator", "location", "sentence", "start", "end"]
ROLE_OF_RELATION = {"CASUALTIES_OF": "victim", "INFLICTED_BY": "perpetrator", "OCCURRED_IN": "location"}


def record_events(record: Dict) -> List[Dict]:
    """The event records of one schema record, in text order."""
    text = record["text"]
    starts = sentence_starts(text)
    ends = starts[1:] + [len(text)]
    ents = {e["id"]: e for e in record["entities"]}
    events = []
    for ent in sorted(record["entities"], key=lambda e: e["start"]):
        if ent["label"] not in CASUALTY_LABELS:
            continue
        roles: Dict[str, List[Dict]] = {role: [] for role in ROLE_OF_RELATION.values()}
        for rel in record["relations"]:
            if rel["head"] == ent["id"] and rel["label"] in ROLE_OF_RELATION:
                tail = ents[rel["tail"]]
                roles[ROLE_OF_RELATION[rel["label"]]].append({"text": text[tail["start"]:tail["end"]], "start": tail["start"], "end": tail["end"]})
        n = bisect_right(starts, ent["start"]) - 1
        events.append({
            "document": record["id"],
            "type": ent["label"].lower(),
            "value": ent.get("value"),
            "qualifier": ent.get("qualifier"),
            "text": text[ent["start"]:ent["end"]],
            "start": ent["start"],
            "end": ent["end"],
            **{role: sorted(found, key=lambda x: x["start"]) for role, found in roles.items()},
            "sentence": text[starts[n]:ends[n]].strip(),
        })
    return events


def event_key(event: Dict) -> tuple:
    """What must match for an event to count as found: span, type, value, qualifier and each role's spans."""
    roles = tuple(frozenset((x["start"], x["end"]) for x in event[role]) for role in ROLE_OF_RELATION.values())
    return (event["start"], event["end"], event["type"], event["value"], event["qualifier"]) + roles


def write_events_csv(path: Path, events: Iterable[Dict]) -> int:
    """One row per event; several victims, perpetrators or places are joined with «; »."""
    n = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for event in events:
            row = {key: event[key] for key in CSV_COLUMNS if key not in ROLE_OF_RELATION.values()}
            row.update({role: "; ".join(x["text"] for x in event[role]) for role in ROLE_OF_RELATION.values()})
            writer.writerow(row)
            n += 1
    return n
