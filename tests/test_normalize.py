"""NORM and like_num as the tok2vec features see them."""
import pytest

from ar_conflict.normalize import like_num, normalize


@pytest.mark.parametrize(
    "text,norm",
    [
        ("إِدْلِب", "ادلب"),
        ("أحمد", "احمد"),
        ("آلاف", "الاف"),
        ("ٱلله", "الله"),
        ("مستشفى", "مستشفي"),
        ("مدنيـــين", "مدنيين"),
        ("١٢٣", "123"),
        ("٣٫٥", "3.5"),
        ("قرية", "قرية"),
        ("ISIS", "isis"),
    ],
)
def test_normalize(text, norm):
    assert normalize(text) == norm


@pytest.mark.parametrize(
    "text",
    ["12", "١٢", "2,500", "٣٫٥", "ثلاثة", "ثلاث", "ثلاثةً", "عشرين", "وعشرون", "اثني", "إحدى", "مئتين", "مائتي",
     "ثلاثمئة", "ألفين", "آلاف", "عشرات", "العشرات", "مئات", "الثلاثة"],
)
def test_like_num_true(text):
    assert like_num(text)


@pytest.mark.parametrize("text", ["حلب", "قتل", "عشيرة", "مدنياً", "الجيش", "وزير", ""])
def test_like_num_false(text):
    assert not like_num(text)


def test_pipeline_uses_the_lexical_attributes(nlp_tokenizer):
    doc = nlp_tokenizer.make_doc("قتل ثلاثةً في إِدلب")
    assert [t.norm_ for t in doc] == ["قتل", "ثلاثة", "في", "ادلب"]
    assert [t.like_num for t in doc] == [False, True, False, False]
