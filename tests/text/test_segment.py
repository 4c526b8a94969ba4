from hypothesis import given
from hypothesis import strategies as st

from rasad.text.segment import clauses, sentences, tokenize


def test_decimal_point_does_not_end_a_sentence():
    text = "لا تتجاوز 8.5 كيلومتر مربع. وقال المرصد إن 3 قتلوا."
    ss = sentences(text)
    assert [s.text for s in ss] == ["لا تتجاوز 8.5 كيلومتر مربع.", "وقال المرصد إن 3 قتلوا."]


def test_quote_after_colon_stays_with_its_sentence():
    text = 'وتابع قائلا: "في هذه الظروف. انسحبت القوات". ثم غادر.'
    ss = sentences(text)
    assert ss[0].text == 'وتابع قائلا: "في هذه الظروف. انسحبت القوات".'
    assert ss[0].quoted


def test_lines_end_sentences_and_offsets_are_exact():
    text = "السطر الأول\nالسطر الثاني؟ نعم!"
    ss = sentences(text)
    assert [text[s.start:s.end] for s in ss] == ["السطر الأول", "السطر الثاني؟", "نعم!"]


def test_tokens_keep_numbers_whole():
    toks = [t.text for t in tokenize("بينهم 40484 طفلا و96% و8.5 كم و٣٠٠ 1,389")]
    assert toks == ["بينهم", "40484", "طفلا", "و", "96%", "و", "8.5", "كم", "و", "٣٠٠", "1,389"]


def test_clauses_cut_at_arabic_comma():
    text = "قال الجيش، إن القوات تقدمت؛ وسيطرت على البلدة"
    assert [c.text.strip() for c in clauses(text, 0, len(text))] == ["قال الجيش", "إن القوات تقدمت", "وسيطرت على البلدة"]


_PIECES = st.sampled_from(["قال", "الجيش", "8.5", "3", ".", "..", "!", "؟", "?", "،", "«", "»", '"', "“", "”",
                           ":", "\n", " ", "  ", "\x1c", "\u00a0", "%", "٣٠٠", "1,389", "شخصاً", "ـ", "a"])


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_sentence_tokens_are_the_tokens_of_the_sentence(text):
    # sentences() tokenises the whole text once and slices: the same as tokenising each sentence
    for s in sentences(text):
        assert s.tokens == tokenize(text, s.start, s.end)
        assert all(s.start <= t.start < t.end <= s.end for t in s.tokens)


_COMMON_TEXT = st.text(alphabet=st.one_of(
    st.characters(max_codepoint=0x06FF), st.characters(min_codepoint=0x2000, max_codepoint=0x206F),
    st.sampled_from("٣٠٫٬.,%ـً")), max_size=60)


@given(_COMMON_TEXT)
def test_standard_library_split_agrees_with_the_regex_module(text):
    # the fast path for common characters must cut exactly where the Unicode pattern does
    from rasad.text.segment import _SPLIT_COMMON, _SPLIT_RE, _UNCOMMON

    assert _UNCOMMON.search(text) is None
    assert _SPLIT_COMMON.split(text) == _SPLIT_RE.split(text)
