"""The search token stream: whatever words a text has, a query made of them finds it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rasad.store.textindex import index_text, query_words, snippet

arabic = st.text(alphabet="ابتثجحخدذرسشصضطظعغفقكلمنهويةىأإآؤئءً ٌَُِّْـ٠١٢٣، .\n", min_size=1, max_size=80)


@given(arabic)
def test_every_word_of_a_text_finds_it(text: str) -> None:
    indexed = set(index_text(text).split())
    assert set(query_words(text)) <= indexed


@given(arabic, arabic)
def test_clitic_forms_find_the_bare_word(a: str, b: str) -> None:
    for w in query_words(a):
        if len(w) >= 3:
            for prefix in ("و", "ب", "وب", "ال", "بال"):
                assert w in index_text(f"{b} {prefix}{w}").split(), (prefix, w)


def test_spelling_variants_meet_and_snippets_keep_the_original() -> None:
    text = "قصفت الطائرات مدينةَ الرقّة صباح اليوم، وقُتل 3 أشخاص."
    assert set(query_words("الرقة")) <= set(index_text(text).split())
    assert "الرقّة" in snippet(text, query_words("الرقه"))
    assert query_words("٣") == ["3"]
