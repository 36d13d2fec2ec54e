"""SCHEMA §5 metrics on hand-computed cases, including end-to-end relation misses."""
import pytest

from ar_conflict.scoring import score_records

TEXT = "قتل 5 بقصف لقوات النظام في حلب"
K = {"id": "k", "start": 4, "end": 5, "label": "KILLED", "value": 5, "qualifier": "exact"}
G = {"id": "g", "start": 12, "end": 23, "label": "ARMED_GROUP"}
L = {"id": "l", "start": 27, "end": 30, "label": "LOCATION"}


def record(entities, relations, doc_id="d"):
    return {"id": doc_id, "text": TEXT, "entities": entities, "relations": relations}


def test_perfect_prediction():
    gold = record([K, G, L], [{"head": "k", "tail": "g", "label": "INFLICTED_BY"}, {"head": "k", "tail": "l", "label": "OCCURRED_IN"}])
    m = score_records([gold], [gold])
    assert (m["ents_p"], m["ents_r"], m["ents_f"]) == (1.0, 1.0, 1.0)
    assert m["rel_micro_f"] == 1.0 and m["value_acc"] == 1.0


def test_relation_counts_only_when_both_entities_match():
    gold = record([K, G, L], [{"head": "k", "tail": "g", "label": "INFLICTED_BY"}, {"head": "k", "tail": "l", "label": "OCCURRED_IN"}])
    short_group = {**G, "start": 13}  # «قوات النظام» predicted without its first letter
    pred = record([K, short_group, L], [{"head": "k", "tail": "g", "label": "INFLICTED_BY"}, {"head": "k", "tail": "l", "label": "OCCURRED_IN"}])
    m = score_records([gold], [pred])
    assert m["ents_p"] == pytest.approx(2 / 3) and m["ents_r"] == pytest.approx(2 / 3)
    assert m["rel_micro_p"] == 0.5 and m["rel_micro_r"] == 0.5
    assert m["rel_per_type"]["INFLICTED_BY"]["f"] == 0.0
    assert m["rel_per_type"]["OCCURRED_IN"]["f"] == 1.0


def test_wrong_label_and_missing_entity():
    gold = record([K, G, L], [{"head": "k", "tail": "g", "label": "INFLICTED_BY"}])
    pred = record([{**K, "label": "INJURED"}, G], [{"head": "k", "tail": "g", "label": "INFLICTED_BY"}])
    m = score_records([gold], [pred])
    assert m["ents_per_type"]["KILLED"] == pytest.approx({"p": 0.0, "r": 0.0, "f": 0.0, "tp": 0, "n_pred": 0, "n_gold": 1})
    assert m["ents_per_type"]["INJURED"]["n_pred"] == 1 and m["ents_per_type"]["LOCATION"]["r"] == 0.0
    assert m["ents_p"] == 0.5 and m["ents_r"] == pytest.approx(1 / 3)
    assert m["rel_micro_p"] == 0.0 and m["rel_micro_r"] == 0.0
    assert m["value_matched_spans"] == 0 and m["value_acc"] is None


def test_clashed_with_is_symmetric():
    g2 = {"id": "g2", "start": 27, "end": 30, "label": "ARMED_GROUP"}
    gold = record([G, g2], [{"head": "g", "tail": "g2", "label": "CLASHED_WITH"}])
    pred = record([G, g2], [{"head": "g2", "tail": "g", "label": "CLASHED_WITH"}])
    assert score_records([gold], [pred])["rel_micro_f"] == 1.0


def test_values_compared_on_matched_spans():
    gold = record([K], [])
    wrong = record([{**K, "qualifier": "approx"}], [])
    missing = record([{k: v for k, v in K.items() if k not in ("value", "qualifier")}], [])
    assert score_records([gold], [wrong])["value_acc"] == 0.0
    m = score_records([gold], [missing])
    assert m["value_acc"] == 0.0 and m["value_missing"] == 1


def test_prediction_must_exist_for_every_gold_document():
    with pytest.raises(ValueError, match="document 'd'"):
        score_records([record([K], [])], [record([K], [], doc_id="other")])
