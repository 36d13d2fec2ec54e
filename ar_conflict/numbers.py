"""Casualty values (SCHEMA §4): the integer and qualifier of a KILLED/INJURED span.

`parse_count` reads the span text: Latin or Arabic-Indic digits with
separators, number words from 1 to 999,999 in every gender and case form,
vague quantity words, qualifiers before the number and ranges. It returns
None rather than guess. «على الأقل» after the counted noun lies outside the
span; `qualifier_from_context` looks for it there.
"""
import re
from typing import Dict, List, Optional, Tuple

from .normalize import like_num, normalize

Count = Tuple[int, str]

# qualifier phrases before the number, normalised like the span text, longest first
QUALIFIER_PREFIXES: List[Tuple[str, str]] = sorted(
    [
        ("اكثر من", "more_than"), ("ما يزيد على", "more_than"), ("ما يزيد عن", "more_than"),
        ("يزيد على", "more_than"), ("يزيد عن", "more_than"), ("ما يربو على", "more_than"),
        ("ما يفوق", "more_than"), ("يفوق", "more_than"), ("فوق", "more_than"),
        ("ما لا يقل عن", "at_least"), ("لا يقل عن", "at_least"), ("على الاقل", "at_least"),
        ("نحو", "approx"), ("حوالي", "approx"), ("قرابة", "approx"), ("زهاء", "approx"),
        ("ما يقارب", "approx"), ("يقارب", "approx"), ("ما يقرب من", "approx"), ("ما يناهز", "approx"),
        ("يناهز", "approx"), ("ما يصل إلى", "approx"), ("تقريبا", "approx"),
    ],
    key=lambda item: -len(item[0]),
)
QUALIFIER_PREFIXES = [(normalize(phrase), qualifier) for phrase, qualifier in QUALIFIER_PREFIXES]
UNITS: Dict[str, int] = {
    "واحد": 1, "واحدة": 1, "احد": 1, "احدي": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2, "ثنتان": 2, "ثنتين": 2,
    "ثلاث": 3, "ثلاثة": 3, "اربع": 4, "اربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6,
    "سبع": 7, "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9,
    "عشر": 10, "عشرة": 10,
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}
HUNDREDS: Dict[str, int] = {"مئة": 100, "مائة": 100, "مئتان": 200, "مئتين": 200, "مئتي": 200, "مائتان": 200, "مائتين": 200, "مائتي": 200}
for _unit, _n in [("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("ثماني", 8), ("تسع", 9)]:
    HUNDREDS[_unit + "مئة"] = HUNDREDS[_unit + "مائة"] = _n * 100
THOUSANDS: Dict[str, int] = {"الف": 1000, "الاف": 1000, "الفان": 2000, "الفين": 2000, "الفي": 2000, "مليون": 10**6, "ملايين": 10**6, "مليونا": 10**6}
VAGUE: Dict[str, int] = {"عشرات": 10, "مئات": 100, "الاف": 1000, "الوف": 1000}
RANGE_RE = re.compile(r"^(?:بين|ما بين|من)\s+(.+?)\s+(?:و|الي)\s*(.+)$")
DIGITS_RE = re.compile(r"^\d+(?:[.,]\d+)*$")
AT_LEAST_AFTER_RE = re.compile(r"^(?:\s*[^\s.،,؛!؟?]+){0,6}?\s*" + normalize("على الأقل"))
MORE_THAN_BEFORE_RE = re.compile(
    r"(?:^|\s)[وف]?(?:تجاوز|تجاوزت|يتجاوز|تتجاوز|تخطي|تخطت|يتخطي|تتخطي|فاق|فاقت|يفوق|تفوق|تعدي|تعدت|يتعدي)\s*$"
)
PLURAL_MULTIPLIERS = frozenset({"الاف", "ملايين"})  # need a count before them: «ثلاثة آلاف»


def _digits(token: str) -> Optional[float]:
    """A digit string's value: 1,200 and 1.200 are thousands; 2.5 is a decimal."""
    if not DIGITS_RE.match(token):
        return None
    parts = re.split(r"[.,]", token)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        return float("".join(parts))
    if len(parts) == 2:
        return float(f"{parts[0]}.{parts[1]}")
    return float(parts[0]) if len(parts) == 1 else None


def _word_value(word: str) -> Optional[Tuple[str, float]]:
    """(kind, value) of one word: 'num' for units/tens/hundreds and digits, 'mult' for thousands/millions."""
    for form in (word, word[2:] if word.startswith("ال") else None, word[:-1] if word.endswith("ا") else None):
        if not form:
            continue
        if form in UNITS:
            return "num", UNITS[form]
        if form in HUNDREDS:
            return "hundred", HUNDREDS[form]
        if form in THOUSANDS:
            return "mult", THOUSANDS[form]
    value = _digits(word)
    return ("num", value) if value is not None else None


def parse_number(text: str) -> Optional[int]:
    """The integer written in `text` (digits, words or both), or None."""
    words = text.split()
    if not words:
        return None
    total = 0.0
    current = 0.0
    for n, word in enumerate(words):
        if word.startswith("و") and n and _word_value(word) is None:
            word = word[1:]  # «وعشرون»، «ومئة»
        parsed = _word_value(word)
        if parsed is None:
            return None
        kind, value = parsed
        if kind == "mult":
            if not current and (word[2:] if word.startswith("ال") else word) in PLURAL_MULTIPLIERS | {"اف"}:
                return None  # bare «آلاف» is a vague quantity
            total += (current or 1) * value
            current = 0.0
        elif kind == "hundred" and value == 100 and 0 < current < 10:
            current *= 100  # «ثلاث مئة»
        else:
            current += value
    result = total + current
    if result <= 0 or result != int(result):
        return None
    return int(result)


def parse_vague(text: str) -> Optional[int]:
    """عشرات → 10, مئات → 100, آلاف → 1000, عشرات الآلاف → 10000 (SCHEMA §4)."""
    words = [w if w in VAGUE else w[2:] if w.startswith("ال") else w for w in text.split()]
    if not words or any(w not in VAGUE for w in words):
        return None
    value = 1
    for word in words:
        value *= VAGUE[word]
    return value


def parse_count(span_text: str) -> Optional[Count]:
    """(value, qualifier) of a casualty span, or None when it cannot be read."""
    text = " ".join(normalize(span_text).split())
    qualifier = "exact"
    for prefix, name in QUALIFIER_PREFIXES:
        if text.startswith(prefix + " "):
            text, qualifier = text[len(prefix) + 1:], name
            break
    m = RANGE_RE.match(text)
    if m:
        low = parse_number(m.group(1))
        return (low, "at_least") if low is not None and parse_number(m.group(2)) is not None else None
    value = parse_number(text)
    if value is not None:
        return value, qualifier
    vague = parse_vague(text)
    if vague is not None:
        return vague, "vague" if qualifier == "exact" else qualifier
    return None


def qualifier_from_context(text_before: str, text_after: str) -> Optional[str]:
    """A qualifier written outside an exact span: «على الأقل» after the counted noun
    (up to six words on, no punctuation or other number between) → at_least; a verb of exceeding right
    before it («تجاوز 45 ألفاً») → more_than."""
    after = AT_LEAST_AFTER_RE.match(normalize(text_after[:100]))
    if after and not any(like_num(word) for word in after.group(0).split()[:-2]):
        return "at_least"
    if MORE_THAN_BEFORE_RE.search(normalize(text_before[-30:])):
        return "more_than"
    return None
