"""Relation candidates, and relations on the Doc through DocBin, to_bytes and n_process=2."""
import spacy
from spacy.tokens import Doc, DocBin

from ar_conflict.formats import relation_spans
from ar_conflict.relation_model import create_candidates

TEXT = "قصفت قوات النظام و هيئة تحرير الشام بلدة سرمين فقتل 5 مدنيين . وفي حلب قتل 3 ."


def doc_with_ents(nlp, spec):
    """A doc of TEXT with entities given as (first word, number of words, label)."""
    doc = nlp.make_doc(TEXT)
    words = [t.text for t in doc]
    doc.ents = [doc.char_span(doc[words.index(w)].idx, doc[words.index(w) + n - 1].idx + len(doc[words.index(w) + n - 1]), label=label) for w, n, label in spec]
    return doc


def test_candidates_fit_types_and_stay_in_sentence(nlp_tokenizer):
    doc = doc_with_ents(nlp_tokenizer, [("قوات", 2, "ARMED_GROUP"), ("هيئة", 3, "ARMED_GROUP"), ("سرمين", 1, "LOCATION"),
                                        ("5", 1, "KILLED"), ("حلب", 1, "LOCATION"), ("3", 1, "KILLED")])
    pairs = {(h.text, t.text) for h, t in create_candidates()(doc)}
    assert pairs == {
        ("قوات النظام", "هيئة تحرير الشام"),  # two groups: once, in text order
        ("قوات النظام", "سرمين"), ("هيئة تحرير الشام", "سرمين"),
        ("5", "قوات النظام"), ("5", "هيئة تحرير الشام"), ("5", "سرمين"),
        ("3", "حلب"),  # second sentence only pairs with itself
    }


def test_no_candidates_is_normal(nlp_tokenizer):
    assert create_candidates()(nlp_tokenizer.make_doc("")) == []
    assert create_candidates()(doc_with_ents(nlp_tokenizer, [("سرمين", 1, "LOCATION"), ("حلب", 1, "LOCATION")])) == []


def test_distance_limit(nlp_tokenizer):
    doc = doc_with_ents(nlp_tokenizer, [("قوات", 2, "ARMED_GROUP"), ("سرمين", 1, "LOCATION")])
    assert len(create_candidates(max_tokens_apart=3)(doc)) == 0
    assert len(create_candidates(max_tokens_apart=100)(doc)) == 1


def training_text(compiled_corpus):
    import json
    return json.loads((compiled_corpus / "train.jsonl").read_text(encoding="utf-8").splitlines()[0])["text"]


def test_trained_pipeline_predicts_relations(trained_model, compiled_corpus):
    nlp = spacy.load(trained_model)
    doc = nlp(training_text(compiled_corpus))
    triples = {(h.text, label, t.text) for h, label, t in relation_spans(doc)}
    assert ("قوات النظام", "ACTIVE_IN", "الأتارب") in triples
    assert all(0.5 <= r["score"] <= 1.0 for r in doc._.relations)


def test_relations_survive_docbin_and_bytes(trained_model, compiled_corpus):
    nlp = spacy.load(trained_model)
    doc = nlp(training_text(compiled_corpus))
    assert doc._.relations
    restored = list(DocBin(store_user_data=True, docs=[doc]).get_docs(nlp.vocab))[0]
    assert restored._.relations == doc._.relations
    assert Doc(nlp.vocab).from_bytes(doc.to_bytes())._.relations == doc._.relations


def test_two_processes_give_the_same_relations(trained_model, compiled_corpus):
    nlp = spacy.load(trained_model)
    texts = [training_text(compiled_corpus), "", "خبر بلا أسماء.", training_text(compiled_corpus)[:60]] * 2
    one = [(d.to_json()["ents"], d._.relations) for d in nlp.pipe(texts)]
    two = [(d.to_json()["ents"], d._.relations) for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert one == two


def test_empty_and_entity_free_text(trained_model, capsys):
    nlp = spacy.load(trained_model)
    for text in ["", "   ", "الطقس معتدل اليوم."]:
        doc = nlp(text)
        assert doc._.relations == [] and relation_spans(doc) == []
    assert capsys.readouterr().out == ""


def test_factory_default_config_builds_a_pipe():
    nlp = spacy.blank("ar")
    nlp.add_pipe("tok2vec")
    pipe = nlp.add_pipe("conflict_relations")
    assert pipe.labels == ("CASUALTIES_OF", "INFLICTED_BY", "OCCURRED_IN", "ACTIVE_IN", "CLASHED_WITH")
    assert pipe.cfg["threshold"] == 0.5
