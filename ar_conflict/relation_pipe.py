"""The relation component: a TrainablePipe that links entities of one sentence.

It learns from gold entities (the reference entities aligned onto the
predicted tokens) and predicts on whatever entities the pipeline found, so
its scores are end to end (SCHEMA §5). Output: ``doc._.relations`` (see
`formats`).
"""
from itertools import islice
from typing import Callable, Dict, Iterable, List, Optional, Tuple

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc, Span
from spacy.training import Example, validate_get_examples
from spacy.vocab import Vocab
from thinc.api import Config, Model, Optimizer, set_dropout_rate
from thinc.types import Floats2d

from .formats import doc_to_record
from .schema import RELATION_LABELS, relation_fits
from .scoring import relation_key, relation_keys, span_key

DEFAULT_MODEL_CONFIG = """
[model]
@architectures = "ar_conflict.RelationModel.v1"
hidden_width = 64
dropout = 0.1

[model.get_candidates]
@misc = "ar_conflict.same_sentence_candidates.v1"
max_tokens_apart = 100

[model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = 96
upstream = "*"
"""
DEFAULT_MODEL = Config().from_str(DEFAULT_MODEL_CONFIG)["model"]


@Language.factory(
    "conflict_relations",
    default_config={
        "model": DEFAULT_MODEL,
        "threshold": 0.5,
        "scorer": {"@scorers": "ar_conflict.relation_scorer.v1"},
    },
    assigns=["doc._.relations"],
    requires=["doc.ents"],
    default_score_weights={"rel_micro_f": 1.0, "rel_micro_p": 0.0, "rel_micro_r": 0.0},
)
def make_relation_extractor(nlp: Language, name: str, model: Model, threshold: float, scorer: Optional[Callable]) -> "RelationExtractor":
    return RelationExtractor(nlp.vocab, model, name, threshold=threshold, scorer=scorer)


class RelationExtractor(TrainablePipe):
    """Scores every candidate pair for every relation label the pair's types allow."""

    def __init__(self, vocab: Vocab, model: Model, name: str = "relations", *, threshold: float = 0.5, scorer: Optional[Callable] = None) -> None:
        self.vocab = vocab
        self.model = model
        self.name = name
        self.scorer = scorer
        self.cfg = {"labels": list(RELATION_LABELS), "threshold": threshold}

    @property
    def labels(self) -> Tuple[str, ...]:
        return tuple(self.cfg["labels"])

    @property
    def get_candidates(self) -> Callable:
        return self.model.attrs["get_candidates"]

    def _label_mask(self, pairs: Iterable[Tuple[Span, Span]]) -> Floats2d:
        """1 where a candidate pair's entity types allow the label, else 0."""
        rows = [[1.0 if relation_fits(label, head.label_, tail.label_) else 0.0 for label in self.labels] for head, tail in pairs]
        return numpy.asarray(rows, dtype="f").reshape(len(rows), len(self.labels))

    def predict(self, docs: Iterable[Doc]) -> Floats2d:
        docs = list(docs)
        pairs = [pair for doc in docs for pair in self.get_candidates(doc)]
        if not pairs:
            return numpy.zeros((0, len(self.labels)), dtype="f")
        scores = self.model.ops.to_numpy(self.model.predict(docs))
        return scores * self._label_mask(pairs)

    def set_annotations(self, docs: Iterable[Doc], scores: Floats2d) -> None:
        threshold = self.cfg["threshold"]
        row = 0
        for doc in docs:
            relations = []
            for head, tail in self.get_candidates(doc):
                for k, label in enumerate(self.labels):
                    if scores[row, k] >= threshold:
                        relations.append({
                            "head": [head.start, head.end],
                            "tail": [tail.start, tail.end],
                            "label": label,
                            "score": round(float(scores[row, k]), 4),
                        })
                row += 1
            doc._.relations = relations

    def _use_gold_entities(self, examples: Iterable[Example]) -> List[Doc]:
        """Put the reference entities on the predicted docs: the component learns from gold entities."""
        docs = []
        for eg in examples:
            eg.predicted.ents = eg.get_aligned_spans_y2x(eg.reference.ents, allow_overlap=False)
            docs.append(eg.predicted)
        return docs

    def update(
        self,
        examples: Iterable[Example],
        *,
        drop: float = 0.0,
        sgd: Optional[Optimizer] = None,
        losses: Optional[Dict[str, float]] = None,
    ) -> Dict[str, float]:
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        examples = list(examples)
        validate_get_examples(lambda: examples, "RelationExtractor.update")
        docs = self._use_gold_entities(examples)
        if not any(len(self.get_candidates(doc)) for doc in docs):
            return losses
        set_dropout_rate(self.model, drop)
        scores, backprop = self.model.begin_update(docs)
        loss, d_scores = self.get_loss(examples, scores)
        backprop(d_scores)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples: Iterable[Example], scores: Floats2d) -> Tuple[float, Floats2d]:
        """Squared error against the gold relations, on the labels each pair's types allow."""
        truth = numpy.zeros((scores.shape[0], len(self.labels)), dtype="f")
        pairs = []
        for eg in examples:
            gold = relation_keys(doc_to_record(eg.reference, "gold"))
            for head, tail in self.get_candidates(eg.predicted):
                for k, label in enumerate(self.labels):
                    truth[len(pairs), k] = relation_key(span_key(head), label, span_key(tail)) in gold
                pairs.append((head, tail))
        mask = self._label_mask(pairs)
        scores = self.model.ops.to_numpy(scores)
        d_scores = (scores - truth) * mask
        loss = float((d_scores ** 2).sum())
        return loss, self.model.ops.asarray2f(d_scores)

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Optional[Language] = None) -> None:
        validate_get_examples(get_examples, "RelationExtractor.initialize")
        sample = list(islice(get_examples(), 10))
        docs = self._use_gold_entities(sample)
        self.model.get_ref("output_layer").set_dim("nO", len(self.labels))
        self.model.initialize(X=docs)

    def add_label(self, label: str) -> int:
        raise NotImplementedError("relation labels are fixed by the schema (ar_conflict.schema.RELATION_LABELS)")
