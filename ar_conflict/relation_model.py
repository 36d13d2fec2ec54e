"""The relation model: candidate entity pairs → pooled token vectors → per-label probabilities.

Each candidate pair (see `same_sentence_candidates`) becomes one row: the mean
token vector of the head, of the tail and of the words between them, plus
the two entity labels (one-hot), their order and log distance. A hidden
layer and a sigmoid output give one probability per relation label.
"""
from typing import Callable, List, Optional, Tuple

import numpy
from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import Linear, Logistic, Model, Relu, chain
from thinc.types import Floats2d

from .schema import ENTITY_LABELS, pair_fits
from .sentences import token_sentence_ids

Pair = Tuple[Span, Span]
N_EXTRA_FEATURES = 2 * len(ENTITY_LABELS) + 2


@registry.misc("ar_conflict.same_sentence_candidates.v1")
def create_candidates(max_tokens_apart: int = 100) -> Callable[[Doc], List[Pair]]:
    """Candidate pairs: entities of one sentence whose labels some relation type can link.

    Pairs of two armed groups are taken once, in text order, since
    CLASHED_WITH has its head first. Sentences are set by the schema rule
    when no component has set them.
    """

    def get_candidates(doc: Doc) -> List[Pair]:
        sent_ids = token_sentence_ids(doc)
        ents = list(doc.ents)
        sent_of = [sent_ids[e.start] for e in ents]
        pairs = []
        for i, head in enumerate(ents):
            # entities are in text order: only look at neighbours of the same sentence within reach
            j = i - 1
            while j >= 0 and sent_of[j] == sent_of[i] and head.start - ents[j].start <= max_tokens_apart:
                j -= 1
            k = i + 1
            while k < len(ents) and sent_of[k] == sent_of[i] and ents[k].start - head.start <= max_tokens_apart:
                k += 1
            for t in range(j + 1, k):
                tail = ents[t]
                if t == i or (head.label_ == tail.label_ and t < i):
                    continue
                if pair_fits(head.label_, tail.label_):
                    pairs.append((head, tail))
        return pairs

    return get_candidates


@registry.architectures("ar_conflict.RelationModel.v1")
def build_relation_model(
    tok2vec: Model[List[Doc], List[Floats2d]],
    get_candidates: Callable[[Doc], List[Pair]],
    hidden_width: int = 64,
    dropout: float = 0.1,
    nO: Optional[int] = None,
) -> Model[List[Doc], Floats2d]:
    """Pair features from the shared tok2vec, then Relu → Linear → Logistic."""
    pairs = pair_features(tok2vec, get_candidates)
    output_layer = Linear(nO=nO)
    model = chain(pairs, Relu(nO=hidden_width, dropout=dropout), output_layer, Logistic())
    model.set_ref("tok2vec", tok2vec)
    model.set_ref("output_layer", output_layer)
    model.attrs["get_candidates"] = get_candidates
    return model


def pair_features(tok2vec: Model, get_candidates: Callable[[Doc], List[Pair]]) -> Model[List[Doc], Floats2d]:
    return Model(
        "relation_pair_features",
        _pair_forward,
        layers=[tok2vec],
        init=_pair_init,
        dims={"nO": None},
        attrs={"get_candidates": get_candidates},
    )


def _pair_init(model: Model, X=None, Y=None) -> Model:
    tok2vec = model.layers[0]
    tok2vec.initialize(X=X)
    if tok2vec.has_dim("nO") and tok2vec.get_dim("nO"):
        model.set_dim("nO", 3 * tok2vec.get_dim("nO") + N_EXTRA_FEATURES)
    return model


def _pair_forward(model: Model, docs: List[Doc], is_train: bool):
    tokvecs, backprop_tok2vec = model.layers[0](docs, is_train)
    get_candidates = model.attrs["get_candidates"]
    width = tokvecs[0].shape[1] if tokvecs else 0
    rows: List[Tuple[int, int, int, int, int, int, int]] = []
    extras: List[numpy.ndarray] = []
    for i, doc in enumerate(docs):
        for head, tail in get_candidates(doc):
            first, second = (head, tail) if head.start < tail.start else (tail, head)
            rows.append((i, head.start, head.end, tail.start, tail.end, first.end, second.start))
            extra = numpy.zeros(N_EXTRA_FEATURES, dtype="f")
            extra[ENTITY_LABELS.index(head.label_)] = 1.0
            extra[len(ENTITY_LABELS) + ENTITY_LABELS.index(tail.label_)] = 1.0
            extra[-2] = 1.0 if head.start < tail.start else -1.0
            extra[-1] = numpy.log1p(max(0, second.start - first.end))
            extras.append(extra)
    ops = model.ops
    X = numpy.zeros((len(rows), 3 * width + N_EXTRA_FEATURES), dtype="f")
    host_vecs = [ops.to_numpy(t) for t in tokvecs]
    for r, (i, hs, he, ts, te, bs, be) in enumerate(rows):
        vecs = host_vecs[i]
        X[r, :width] = vecs[hs:he].mean(axis=0)
        X[r, width:2 * width] = vecs[ts:te].mean(axis=0)
        if be > bs:
            X[r, 2 * width:3 * width] = vecs[bs:be].mean(axis=0)
        X[r, 3 * width:] = extras[r]

    def backprop(dX: Floats2d) -> List[Floats2d]:
        dX = ops.to_numpy(dX)
        d_vecs = [numpy.zeros(v.shape, dtype="f") for v in host_vecs]
        for r, (i, hs, he, ts, te, bs, be) in enumerate(rows):
            d_vecs[i][hs:he] += dX[r, :width] / (he - hs)
            d_vecs[i][ts:te] += dX[r, width:2 * width] / (te - ts)
            if be > bs:
                d_vecs[i][bs:be] += dX[r, 2 * width:3 * width] / (be - bs)
        return backprop_tok2vec([ops.asarray2f(d) for d in d_vecs])

    return ops.asarray2f(X), backprop
