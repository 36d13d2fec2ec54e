"""The annotation schema (shared/SCHEMA.md) as data: labels, relation types, values.

Every other module reads the contract from here, so a change to the schema is
a change in one place.
"""
from typing import Dict, FrozenSet, Tuple

ENTITY_LABELS: Tuple[str, ...] = ("ARMED_GROUP", "LOCATION", "KILLED", "INJURED")
CASUALTY_LABELS: FrozenSet[str] = frozenset({"KILLED", "INJURED"})

# relation label -> (allowed head labels, allowed tail labels)
RELATION_TYPES: Dict[str, Tuple[FrozenSet[str], FrozenSet[str]]] = {
    "CASUALTIES_OF": (CASUALTY_LABELS, frozenset({"ARMED_GROUP"})),
    "INFLICTED_BY": (CASUALTY_LABELS, frozenset({"ARMED_GROUP"})),
    "OCCURRED_IN": (CASUALTY_LABELS, frozenset({"LOCATION"})),
    "ACTIVE_IN": (frozenset({"ARMED_GROUP"}), frozenset({"LOCATION"})),
    "CLASHED_WITH": (frozenset({"ARMED_GROUP"}), frozenset({"ARMED_GROUP"})),
}
RELATION_LABELS: Tuple[str, ...] = tuple(RELATION_TYPES)
SYMMETRIC_RELATIONS: FrozenSet[str] = frozenset({"CLASHED_WITH"})

QUALIFIERS: Tuple[str, ...] = ("exact", "more_than", "at_least", "approx", "vague")


def relation_fits(label: str, head_label: str, tail_label: str) -> bool:
    """Whether a relation of `label` may link entities with these labels."""
    heads, tails = RELATION_TYPES[label]
    return head_label in heads and tail_label in tails


def pair_fits(head_label: str, tail_label: str) -> bool:
    """Whether any relation type may link an ordered pair of entity labels."""
    return any(relation_fits(r, head_label, tail_label) for r in RELATION_TYPES)
