"""SCHEMA §5 metrics on schema records: entities, relations end to end, casualty values, events.

Everything is compared on character spans, so the same code scores a model
against the test split, the spaCy training loop's dev scores, and a user's
own gold JSONL.
"""
from typing import Dict, Iterable, List, Set, Tuple

from spacy.tokens import Span
from spacy.training import Example
from spacy.util import registry
from tqdm import tqdm

from .events import event_key, record_events
from .formats import doc_to_record
from .schema import CASUALTY_LABELS, ENTITY_LABELS, RELATION_LABELS, SYMMETRIC_RELATIONS

EntKey = Tuple[int, int, str]
RelKey = Tuple[EntKey, str, EntKey]


def span_key(span: Span) -> EntKey:
    return (span.start_char, span.end_char, span.label_)


def relation_key(head: EntKey, label: str, tail: EntKey) -> RelKey:
    """A relation as comparable data; symmetric labels are put in text order."""
    if label in SYMMETRIC_RELATIONS and tail < head:
        head, tail = tail, head
    return (head, label, tail)


def entity_keys(record: Dict) -> Set[EntKey]:
    return {(e["start"], e["end"], e["label"]) for e in record["entities"]}


def relation_keys(record: Dict) -> Set[RelKey]:
    ents = {e["id"]: (e["start"], e["end"], e["label"]) for e in record["entities"]}
    return {relation_key(ents[r["head"]], r["label"], ents[r["tail"]]) for r in record["relations"]}


def prf(tp: int, n_pred: int, n_gold: int) -> Dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "tp": tp, "n_pred": n_pred, "n_gold": n_gold}


def _by_label(gold: Iterable[Tuple], pred: Iterable[Tuple], label_of, labels) -> Dict[str, Dict[str, float]]:
    counts = {label: [0, 0, 0] for label in labels}
    gold, pred = set(gold), set(pred)
    for key in pred:
        counts[label_of(key)][1] += 1
        counts[label_of(key)][0] += key in gold
    for key in gold:
        counts[label_of(key)][2] += 1
    return {label: prf(*c) for label, c in counts.items()}


def score_records(golds: List[Dict], preds: List[Dict]) -> Dict:
    """Entity, relation and value metrics of predicted records against gold ones (matched by id)."""
    pred_by_id = {p["id"]: p for p in preds}
    gold_ents: Set = set()
    pred_ents: Set = set()
    gold_rels: Set = set()
    pred_rels: Set = set()
    values_right = values_total = values_missing = 0
    events_gold = events_found = 0
    for gold in golds:
        pred = pred_by_id.get(gold["id"])
        if pred is None or pred["text"] != gold["text"]:
            raise ValueError(f"document {gold['id']!r}: no prediction with the same id and text")
        doc = gold["id"]
        gold_ents |= {(doc, k) for k in entity_keys(gold)}
        pred_ents |= {(doc, k) for k in entity_keys(pred)}
        gold_rels |= {(doc, k) for k in relation_keys(gold)}
        pred_rels |= {(doc, k) for k in relation_keys(pred)}
        pred_values = {(e["start"], e["end"], e["label"]): e for e in pred["entities"]}
        for ent in gold["entities"]:
            match = pred_values.get((ent["start"], ent["end"], ent["label"]))
            if ent["label"] in CASUALTY_LABELS and match is not None:
                values_total += 1
                if match.get("value") is None:
                    values_missing += 1
                values_right += (match.get("value"), match.get("qualifier")) == (ent.get("value"), ent.get("qualifier"))
        gold_events = [event_key(e) for e in record_events(gold)]
        pred_events = {event_key(e) for e in record_events(pred)}
        events_gold += len(gold_events)
        events_found += sum(key in pred_events for key in gold_events)
    ents = prf(len(gold_ents & pred_ents), len(pred_ents), len(gold_ents))
    rels = prf(len(gold_rels & pred_rels), len(pred_rels), len(gold_rels))
    return {
        "docs": len(golds),
        "ents_p": ents["p"], "ents_r": ents["r"], "ents_f": ents["f"],
        "ents_per_type": _by_label(gold_ents, pred_ents, lambda k: k[1][2], ENTITY_LABELS),
        "rel_micro_p": rels["p"], "rel_micro_r": rels["r"], "rel_micro_f": rels["f"],
        "rel_per_type": _by_label(gold_rels, pred_rels, lambda k: k[1][1], RELATION_LABELS),
        "value_acc": values_right / values_total if values_total else None,
        "value_matched_spans": values_total,
        "value_missing": values_missing,
        "event_acc": events_found / events_gold if events_gold else None,
        "events_gold": events_gold,
    }


def evaluate_pipeline(nlp, golds: List[Dict], progress: bool = False) -> Dict:
    """Run a pipeline over gold records' texts and score its output against them."""
    docs = tqdm(nlp.pipe(g["text"] for g in golds), total=len(golds), desc="evaluate", unit="doc", disable=not progress)
    return score_records(golds, [doc_to_record(doc, g["id"]) for doc, g in zip(docs, golds)])


def examples_to_records(examples: Iterable[Example]) -> Tuple[List[Dict], List[Dict]]:
    golds, preds = [], []
    for n, eg in enumerate(examples):
        golds.append(doc_to_record(eg.reference, str(n)))
        preds.append(doc_to_record(eg.predicted, str(n)))
    return golds, preds


def score_relations(examples: Iterable[Example], **kwargs) -> Dict:
    """spaCy scorer for the relation component: relations end to end on predicted entities."""
    scores = score_records(*examples_to_records(examples))
    return {key: scores[key] for key in ("rel_micro_p", "rel_micro_r", "rel_micro_f", "rel_per_type")}


@registry.scorers("ar_conflict.relation_scorer.v1")
def make_relation_scorer():
    return score_relations


def metrics_table(metrics: Dict) -> str:
    """A markdown table of the metrics, one row a label."""
    lines = ["| what | P | R | F | gold | predicted |", "|---|---|---|---|---|---|"]

    def row(name: str, s: Dict) -> None:
        lines.append(f"| {name} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} | {s['n_gold']} | {s['n_pred']} |")

    for label, s in metrics["ents_per_type"].items():
        row(label, s)
    ents_gold = sum(s["n_gold"] for s in metrics["ents_per_type"].values())
    ents_pred = sum(s["n_pred"] for s in metrics["ents_per_type"].values())
    lines.append(f"| **entities (micro)** | {metrics['ents_p']:.3f} | {metrics['ents_r']:.3f} | {metrics['ents_f']:.3f} | {ents_gold} | {ents_pred} |")
    for label, s in metrics["rel_per_type"].items():
        row(label, s)
    rels_gold = sum(s["n_gold"] for s in metrics["rel_per_type"].values())
    rels_pred = sum(s["n_pred"] for s in metrics["rel_per_type"].values())
    lines.append(f"| **relations, end to end (micro)** | {metrics['rel_micro_p']:.3f} | {metrics['rel_micro_r']:.3f} | {metrics['rel_micro_f']:.3f} | {rels_gold} | {rels_pred} |")
    acc = metrics.get("value_acc")
    acc_text = "n/a" if acc is None else f"{acc:.3f}"
    lines.append("")
    events = metrics.get("event_acc")
    lines.append(f"Casualty value+qualifier accuracy on exactly matched spans: {acc_text} "
                 f"({metrics['value_matched_spans']} spans, {metrics['value_missing']} without a value). "
                 f"Events whose span, type, value, victims, perpetrators and places all match: "
                 f"{'n/a' if events is None else f'{events:.3f}'} of {metrics['events_gold']} gold casualty spans. "
                 f"{metrics['docs']} documents.")
    return "\n".join(lines)
