from hypothesis import given
from hypothesis import strategies as st

from rasad.text.clitics import splits
from rasad.text.normalize import normalize, normalize_shared, normalize_slow, normalize_str

ARABIC = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةىؤئ ًٌٍَُِّْـ٠١٢٣٤٥٦٧٨٩،؛؟«» .\n0123456789abc")),
    max_size=200,
)


def test_normalises_orthography_and_digits():
    n = normalize("الإرهابيّين في حلبَ ٣٠ ـــ مُدرّعة، سوريا؟")
    assert n.text == "الارهابيين في حلب 30  مدرعه, سوريا?"


@given(ARABIC)
def test_offsets_point_back_to_the_source(text):
    n = normalize(text)
    assert len(n.index) == len(n.text)
    assert list(n.index) == sorted(set(n.index))  # strictly increasing
    for i, o in enumerate(n.index):
        assert normalize_str(text[o]) == n.text[i]


@given(ARABIC)
def test_normalisation_is_idempotent(text):
    once = normalize(text).text
    assert normalize(once).text == once


def test_span_maps_back_over_deleted_marks():
    text = "وجّه الطيران"
    n = normalize(text)
    i = n.text.index("وجه")
    s, e = n.span_to_orig(i, i + 3)
    assert text[s:e] == "وجّه"


def test_clitic_splits_offer_the_bare_word():
    assert (2, "حلب") in splits("وبحلب")
    assert (1, "الارهابيين") in splits("للارهابيين")
    assert (3, "وجبات") in splits("بالوجبات")
    assert (2, "شان") in splits("وبشان")


@given(ARABIC)
def test_fast_path_equals_the_reference(text):
    fast, slow = normalize(text), normalize_slow(text)
    assert fast.text == slow.text and list(fast.index) == list(slow.index)


@given(ARABIC, st.lists(st.integers(min_value=-3, max_value=210), max_size=20))
def test_shared_offsets_equal_the_full_map(text, probes):
    # the geo stage reads offsets from the deletions only; every answer must be the full map's
    full, shared = normalize(text), normalize_shared(text)
    assert shared.text == full.text and list(shared.index) == list(full.index)
    n = len(full.text)
    for p in probes:
        assert shared.from_orig(p) == full.from_orig(p)
        if -n <= p < n:
            assert shared.index[p] == full.index[p]
        s = min(max(p, 0), n)
        for e in (s, min(s + 3, n), n):
            assert shared.span_to_orig(s, e) == full.span_to_orig(s, e)
            assert shared.to_orig(e) == full.to_orig(e)


def test_shared_offsets_skip_the_deleted_marks():
    text = "قُتِلَ ثلاثةٌ في حلبَ"
    n = normalize_shared(text)
    i = n.text.index("حلب")
    s, e = n.span_to_orig(i, i + 3)
    assert text[s:e] == "حلبَ"[:3] and n.from_orig(text.index("حلب")) == i
    assert n.from_orig(text.index("ثلاثة") - 1) == n.text.index("ثلاثه") - 1
