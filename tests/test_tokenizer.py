"""The Arabic news tokenizer: clitic splits, stems kept whole, punctuation, numbers, serialization."""
import pytest

from ar_conflict.tokenizer import ArabicNewsTokenizer


def words(nlp, text):
    doc = nlp.make_doc(text)
    assert doc.text == text
    return [t.text for t in doc]


@pytest.mark.parametrize(
    "word,expected",
    [
        ("وإدلب", ["و", "إدلب"]),
        ("بحلب", ["ب", "حلب"]),
        ("لداعش", ["ل", "داعش"]),
        ("والحسكة", ["و", "الحسكة"]),
        ("وبالرقة", ["وب", "الرقة"]),
        ("للجيش", ["ل", "لجيش"]),
        ("ولبنان", ["و", "لبنان"]),
        ("فقتلت", ["ف", "قتلت"]),
        ("لـداعش", ["لـ", "داعش"]),
        ("وَإِدلب", ["وَ", "إِدلب"]),
    ],
)
def test_proclitics_split(nlp_tokenizer, word, expected):
    assert words(nlp_tokenizer, word) == expected


@pytest.mark.parametrize(
    "word",
    ["وزير", "وكالة", "وحدات", "بلدة", "لبنان", "فلسطين", "كابول", "باكستان", "ليبيا", "واشنطن", "كما", "والي", "بعد"],
)
def test_stem_initial_words_stay_whole(nlp_tokenizer, word):
    assert words(nlp_tokenizer, word) == [word]


def test_punctuation_after_tanween_and_quotes(nlp_tokenizer):
    assert words(nlp_tokenizer, "قتل 5 مدنياً.") == ["قتل", "5", "مدنياً", "."]
    assert words(nlp_tokenizer, "تنظيم «الدولة»،") == ["تنظيم", "«", "الدولة", "»", "،"]


@pytest.mark.parametrize("number", ["2,5", "1.5", "١٬٢٠٠", "٣٫٥", "1,200,000", "١٢"])
def test_numbers_with_separators_stay_whole(nlp_tokenizer, number):
    assert words(nlp_tokenizer, f"قتل {number} شخصاً") == ["قتل", number, "شخصاً"]


def test_number_then_full_stop(nlp_tokenizer):
    assert words(nlp_tokenizer, "بلغ 15.") == ["بلغ", "15", "."]


def test_whitespace_is_kept_exactly(nlp_tokenizer):
    text = "  قتل\n\nخمسة  أشخاص \t"
    doc = nlp_tokenizer.make_doc(text)
    assert doc.text == text
    assert [t.text for t in doc if not t.is_space] == ["قتل", "خمسة", "أشخاص"]


def test_empty_text(nlp_tokenizer):
    assert len(nlp_tokenizer.make_doc("")) == 0


@pytest.fixture(scope="module")
def no_names_tokenizer(nlp_tokenizer):
    tokenizer = ArabicNewsTokenizer(nlp_tokenizer.vocab)
    tokenizer.initialize()
    return tokenizer


@pytest.mark.parametrize("word,expected", [("وإدلب", ["و", "إدلب"]), ("والحسكة", ["و", "الحسكة"]), ("بالموصل", ["ب", "الموصل"]), ("بحلب", ["بحلب"])])
def test_without_corpus_names_only_clearly_more_frequent_stems_split(no_names_tokenizer, word, expected):
    assert [t.text for t in no_names_tokenizer(word)] == expected


def test_uninitialized_tokenizer_splits_nothing_it_cannot_check(nlp_tokenizer):
    fresh = ArabicNewsTokenizer(nlp_tokenizer.vocab)
    assert [t.text for t in fresh("وزير")] == ["وزير"]


def test_serialization_round_trip_bytes_and_disk(nlp_tokenizer, tmp_path):
    text = "وبالرقة وإدلب للجيش وزير ١٬٢٠٠ مدنياً."
    expected = words(nlp_tokenizer, text)
    from_bytes = ArabicNewsTokenizer(nlp_tokenizer.vocab).from_bytes(nlp_tokenizer.tokenizer.to_bytes())
    assert [t.text for t in from_bytes(text)] == expected
    nlp_tokenizer.tokenizer.to_disk(tmp_path / "tokenizer")
    from_disk = ArabicNewsTokenizer(nlp_tokenizer.vocab).from_disk(tmp_path / "tokenizer")
    assert [t.text for t in from_disk(text)] == expected
