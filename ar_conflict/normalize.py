"""Orthographic normalisation and number-likeness for Arabic news tokens.

NORM strips diacritics and tatweel, unifies alef forms (أ إ آ ٱ → ا) and
ى → ي, and maps Arabic-Indic digits to Latin, so that «إدلب»، «ادلب» and
«إِدْلِب» share one feature. ة and ه stay distinct: edited news writes them
consistently, and ة marks the feminine ending that number words and nouns
carry (ثلاثة vs ثلاث), which the model should see.
"""
import re
from typing import Callable, Dict

from spacy.attrs import LIKE_NUM, NORM, PREFIX, SUFFIX
from spacy.language import Language
from spacy.util import registry

DIACRITICS_RE = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
CHAR_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    "٫": ".", "٬": ",",
})


def normalize(text: str) -> str:
    """The NORM of a string (see the module docstring)."""
    return DIACRITICS_RE.sub("", text).translate(CHAR_MAP).lower()


# Number words in normalised spelling: units, teens' parts, tens, hundreds,
# thousands, in masculine/feminine and nominative/oblique forms, both
# spellings of مئة/مائة; vague quantity words counted as number-like too.
_UNITS = (
    "واحد واحدة احد احدي اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي ثنتان "
    "ثلاث ثلاثة اربع اربعة خمس خمسة ست ستة سبع سبعة ثمان ثماني ثمانية تسع تسعة "
    "عشر عشرة"
)
_TENS = "عشرون عشرين ثلاثون ثلاثين اربعون اربعين خمسون خمسين ستون ستين سبعون سبعين ثمانون ثمانين تسعون تسعين"
_HUNDREDS = (
    "مئة مائة مئتان مئتين مئتي مائتان مائتين مائتي ثلاثمئة ثلاثمائة اربعمئة اربعمائة "
    "خمسمئة خمسمائة ستمئة ستمائة سبعمئة سبعمائة ثمانمئة ثمانمائة ثمانيمئة ثمانيمائة "
    "تسعمئة تسعمائة"
)
_THOUSANDS = "الف الفا الفان الفين الفي الاف مليون مليونا ملايين"
_VAGUE = "عشرات مئات مئات الوف"
NUMBER_WORDS = frozenset(f"{_UNITS} {_TENS} {_HUNDREDS} {_THOUSANDS} {_VAGUE}".split())
_DIGITS_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)*$")


def like_num(text: str) -> bool:
    """True for digits (Latin or Arabic-Indic, with separators) and Arabic number words.

    Number words may carry the conjunction و (وعشرون) or the article ال
    (الثلاثة), and accusative tanween (عشرين، ثلاثةً).
    """
    norm = normalize(text)
    if _DIGITS_RE.match(norm):
        return True
    for word in (norm, norm[1:] if norm.startswith("و") else None):
        if word is None:
            continue
        if word in NUMBER_WORDS:
            return True
        if word.startswith("ال") and word[2:] in NUMBER_WORDS:
            return True
        if word.endswith("ا") and word[:-1] in NUMBER_WORDS:
            return True
    return False


LEX_ATTRS: Dict[int, Callable[[str], object]] = {
    NORM: normalize,
    LIKE_NUM: like_num,
    PREFIX: lambda s: normalize(s)[:1],
    SUFFIX: lambda s: normalize(s)[-3:],
}


@registry.callbacks("ar_conflict.arabic_news_lex_attrs.v1")
def create_lex_attrs_callback() -> Callable[[Language], Language]:
    """`[nlp.after_creation]` callback: this pipeline's vocab uses the project's NORM and like_num.

    It changes the one `nlp` object's vocab, not spaCy's shared `ar` defaults.
    """

    def after_creation(nlp: Language) -> Language:
        nlp.vocab.lex_attr_getters = {**nlp.vocab.lex_attr_getters, **LEX_ATTRS}
        return nlp

    return after_creation
