"""The HTML view shows every entity and relation of the documents it renders, right to left."""
import html
import json

import spacy

from ar_conflict.visualize import render_comparison


def test_html_contains_every_entity_and_relation(trained_model, compiled_corpus):
    nlp = spacy.load(trained_model)
    golds = [json.loads(line) for line in (compiled_corpus / "train.jsonl").read_text(encoding="utf-8").splitlines()]
    golds += [json.loads(line) for line in (compiled_corpus / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    page = render_comparison(nlp, golds)
    assert "dir='rtl'" in page and "direction: rtl" in page  # the page and displaCy's entity markup
    for gold in golds:
        assert html.escape(gold["id"]) in page
        text = gold["text"]
        for ent in gold["entities"]:
            assert html.escape(text[ent["start"]:ent["end"]]) in page
        ents = {e["id"]: e for e in gold["entities"]}
        for rel in gold["relations"]:
            head, tail = ents[rel["head"]], ents[rel["tail"]]
            row = f"<td>{html.escape(text[head['start']:head['end']])}</td><td>{rel['label']}</td><td>{html.escape(text[tail['start']:tail['end']])}</td>"
            assert row in page
    assert page.count("<div class='pair'>") >= 3
