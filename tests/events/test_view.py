"""The token view's fast paths give what the plain definitions give, on the seed article."""

from __future__ import annotations

from rasad.events.lexicon import firsts_of, load_lexicon
from rasad.events.view import View
from rasad.model import Document


def test_clause_ranges_are_the_stretches_between_punctuation(seed_doc):
    view = View(Document(id="v", text=seed_doc.text, sentences=seed_doc.sentences))
    assert len(view) > 100
    for i in range(len(view)):
        lo, hi = view.sent_range(view.toks[i].sent)
        a = i
        while a > lo and not view.is_punct(a - 1):
            a -= 1
        b = i
        while b < hi and not view.is_punct(b):
            b += 1
        assert view.clause_range(i) == (a, b)


def test_find_and_any_in_agree_with_match_at(seed_doc):
    lex = load_lexicon()
    view = View(Document(id="v", text=seed_doc.text, sentences=seed_doc.sentences))
    found_any = False
    for ps in (lex.rep["verbs"], lex.mod["negation"], lex.mod["breaks"], lex.territory):
        lo, hi = view.sent_range(1)
        expect = [(i, p) for i in range(lo, hi) if (p := view.match_at(i, ps, hi)) is not None]
        assert view.find(lo, hi, ps) == expect
        assert view.any_in(lo, hi, ps) == bool(expect)
        found_any = found_any or bool(expect)
    assert found_any
    both = firsts_of(lex.rep["verbs"], lex.mod["negation"])
    assert both == lex.rep["verbs"].firsts | lex.mod["negation"].firsts
