"""An HTML view of gold and predicted annotations side by side, sentence by sentence.

Entities are drawn by displaCy (right to left for Arabic); under each
sentence a table lists its relations, and predicted relations or entities
missing from gold are marked, so a reader sees at a glance what the model got wrong.
"""
import html
import warnings
from typing import Dict, List, Set

from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc

from .formats import doc_to_record, record_to_doc
from .scoring import entity_keys, relation_keys
from .sentences import sentence_starts

COLORS = {"ARMED_GROUP": "#f4a582", "LOCATION": "#92c5de", "KILLED": "#ca0020", "INJURED": "#fddbc7"}
STYLE = """
body { font-family: 'Noto Naskh Arabic', 'DejaVu Sans', sans-serif; margin: 24px; background: #fafafa; }
h2 { font-size: 18px; border-bottom: 2px solid #444; padding-bottom: 4px; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin-bottom: 10px; }
.col { background: white; border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; }
.col h3 { margin: 0 0 4px 0; font-size: 13px; color: #666; }
table { border-collapse: collapse; font-size: 13px; margin-top: 4px; }
td, th { border: 1px solid #ddd; padding: 2px 8px; }
tr.miss td { background: #fde0e0; }
.legend span { padding: 2px 8px; margin-left: 6px; border-radius: 4px; }
"""


def _sentence_docs(doc: Doc) -> List[Doc]:
    starts = sentence_starts(doc.text) + [len(doc.text)]
    spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in zip(starts, starts[1:])]
    return [span for span in spans if span is not None and span.text.strip()]


def _column(title: str, doc: Doc, record: Dict, other: Dict, sent) -> str:
    with warnings.catch_warnings():  # a sentence without entities is normal here
        warnings.filterwarnings("ignore", message=r"\[W006\]")
        ents_html = displacy.render(sent.as_doc(), style="ent", options={"colors": COLORS}, jupyter=False)
    others: Set = relation_keys(other)
    other_ents = entity_keys(other)
    text = record["text"]
    rows = []
    ents = {e["id"]: e for e in record["entities"]}
    for rel in record["relations"]:
        head, tail = ents[rel["head"]], ents[rel["tail"]]
        if not (sent.start_char <= head["start"] < sent.end_char):
            continue
        key = next(iter(relation_keys({"entities": [head, tail], "relations": [rel]})))
        css = "" if key in others else " class='miss'"
        rows.append(f"<tr{css}><td>{html.escape(text[head['start']:head['end']])}</td><td>{rel['label']}</td>"
                    f"<td>{html.escape(text[tail['start']:tail['end']])}</td></tr>")
    missing = [e for e in record["entities"] if sent.start_char <= e["start"] < sent.end_char and (e["start"], e["end"], e["label"]) not in other_ents]
    note = ""
    if missing:
        items = "، ".join(f"{html.escape(text[e['start']:e['end']])} ({e['label']})" for e in missing)
        note = f"<div style='font-size:12px;color:#a00'>not in the other column: {items}</div>"
    table = f"<table><tr><th>head</th><th>relation</th><th>tail</th></tr>{''.join(rows)}</table>" if rows else "<div style='font-size:12px;color:#888'>no relations</div>"
    return f"<div class='col'><h3>{title}</h3>{ents_html}{note}{table}</div>"


def render_comparison(nlp: Language, golds: List[Dict]) -> str:
    """One HTML page comparing gold and predicted annotations of these documents."""
    parts = [f"<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><style>{STYLE}</style></head><body>"]
    legend = "".join(f"<span style='background:{c}'>{label}</span>" for label, c in COLORS.items())
    parts.append(f"<div class='legend' dir='ltr'>Gold (right) and predicted (left); pink rows: not in the other column. {legend}</div>")
    for gold in golds:
        gold_doc = record_to_doc(nlp, gold)
        pred_doc = nlp(gold["text"])
        pred = doc_to_record(pred_doc, gold["id"])
        parts.append(f"<h2>{html.escape(gold['id'])}</h2>")
        for gold_sent, pred_sent in zip(_sentence_docs(gold_doc), _sentence_docs(pred_doc)):
            parts.append("<div class='pair'>")
            parts.append(_column("gold", gold_doc, gold, pred, gold_sent))
            parts.append(_column("predicted", pred_doc, pred, gold, pred_sent))
            parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts)
