"""Did it happen?  Modality of an event mention from the words before its trigger.

A denial or a plan must never reach the event tables as a fact, so we look back from
the trigger (up to ``window`` tokens, not past a scope break such as أن or بينما) for
negation, intention, condition and hedging words; the nearest cue wins.  Two cheap
morphological signals complete it: the future prefix س on a verb (سيقصف) and the
purpose lam on a verbal noun (لتحرير المدينة = "to liberate the city").
"""

from __future__ import annotations

from collections.abc import Collection

from rasad.events.lexicon import Lexicon, firsts_of
from rasad.events.triggers import Hit
from rasad.events.view import View

ASSERTED = "asserted"
BACKGROUND = "background"  # internal: an earlier event recalled; never emitted

_KINDS = (("negation", "denied"), ("intention", "intended"), ("conditional", "hypothetical"),
          ("unverified", "reported_possible"))


def modality_of(hit: Hit, view: View, lex: Lexicon, denial_verb: bool = False,
                skip: Collection[int] = (), anchors: Collection[int] = ()) -> tuple[str, str | None]:
    """(modality, the cue word) for one trigger occurrence; tokens in ``skip`` (a speaker's
    name: أشرف القدرة is no «capability») are no cues; ``anchors`` are the tokens where a
    recent day is named (السبت), which overrule a soft background cue (see ``_anchored``)."""
    lo, _ = view.sent_range(view.toks[hit.tok].sent)
    bg = _background(hit, view, lex, lo)
    if bg is not None and not _anchored(bg, hit, view, anchors):
        return BACKGROUND, "سبق"
    if hit.entry.pos == "verb" and hit.tok > lo and not hit.prefix \
            and view.match_at(hit.tok - 1, lex.mod["relative"], hit.tok) is not None:
        return BACKGROUND, view.toks[hit.tok - 1].text
    w = _witnessed(hit, view, lex, lo)
    if w is not None and not _anchored(("before", hit.tok - 1), hit, view, anchors):
        return BACKGROUND, w  # (الجبهة التي شهدت مواجهات عنيفة، السبت: a day makes it news)
    pre = hit.prefix
    if "س" in pre and hit.entry.pos == "verb":
        return "intended", "س"
    if pre.rstrip("وف") in ("ل",) and hit.tok > lo and _purpose_form(view.toks[hit.tok].norm[len(pre):]) \
            and not view.any_in(max(lo, hit.tok - 3), hit.tok, lex.mod["purpose_lam_ok_after"]):
        return "intended", "ل"
    prev = view.toks[hit.tok - 1].norm if hit.tok > lo else ""
    if prev and (_purpose_word(prev) or (prev.lstrip("وف")[:1] == "ل"
                                         and (prev.lstrip("وف")[1:],) in lex.mod["light_verbs"])):
        return "intended", view.toks[hit.tok - 1].text
    toks, mod = view.toks, lex.mod
    _, hi = view.sent_range(toks[hit.tok].sent)
    _, cb = view.clause_range(hit.tok)
    after = mod["after"]
    for k in range(hit.tok_end, min(cb, hit.tok_end + 5)):  # الانسحاب والذي من المتوقع أن يكتمل
        if not after.firsts.isdisjoint(toks[k].forms) and view.match_at(k, after, hi) is not None:
            return "hypothetical", toks[k].text
    breaks = mod["breaks"]
    cues = firsts_of(*(mod[key] for key, _ in _KINDS), breaks)  # a token starting none of them is skipped
    governing = firsts_of(mod["intention"], mod["conditional"])
    k = hit.tok - 1
    stop = max(lo, hit.tok - lex.mod_window)
    while k >= stop:
        if cues.isdisjoint(toks[k].forms) or k in skip:
            k -= 1
            continue
        for key, modality in _KINDS:
            p = view.match_at(k, mod[key], hit.tok)
            if p is None:
                continue
            if key == "negation":
                nxt = k + len(p)
                if nxt < hit.tok and view.match_at(nxt, mod["not_negation_after"], hit.tok) is not None:
                    continue
            return modality, " ".join(p)
        if view.match_at(k, breaks, hit.tok) is not None:
            # a cue governing the complementizer reaches past it (من المفترض أن تبدأ، يعتزم أن)
            for j in range(k - 1, max(lo, k - 6) - 1, -1):  # يخشى تنظيم الدولة من أن …
                if view.is_punct(j):
                    break
                if governing.isdisjoint(toks[j].forms):
                    continue
                if view.match_at(j, mod["intention"], k) is not None:
                    return "intended", toks[j].text
                if view.match_at(j, mod["conditional"], k) is not None:
                    return "hypothetical", toks[j].text
            break
        k -= 1
    # demands and calls govern their whole clause chain up to a scope break
    demand = mod["demand"]
    scan = firsts_of(demand, breaks)
    k = hit.tok - 1
    while k >= lo:
        if not scan.isdisjoint(toks[k].forms) and k not in skip:
            if view.match_at(k, demand, hit.tok) is not None:
                return "intended", toks[k].text
            if view.match_at(k, breaks, hit.tok) is not None:
                break
        k -= 1
    if hit.tok > lo and view.match_at(hit.tok - 1, lex.mod["npi"], hit.tok) is not None:
        # «لم يوجه أي ضربات» denies; «سيرد على أي هجوم» speaks of any attack, none in particular
        return ("denied" if view.any_in(lo, hit.tok - 1, lex.mod["negation"]) else "hypothetical"), "أي"
    if denial_verb:
        return "denied", "نفى"
    return ASSERTED, None


def _witnessed(hit: Hit, view: View, lex: Lexicon, lo: int) -> str | None:
    """The place "that witnessed" the event (التي شهدت توقيع اتفاق) tells its history, not news."""
    for k in range(max(lo + 1, hit.tok - 3), hit.tok):
        if view.match_at(k, lex.mod["witnessed"], hit.tok) is not None \
                and view.match_at(k - 1, lex.mod["relative"], k) is not None:
            return view.toks[k].text
    return None


def _purpose_form(word: str) -> bool:
    """A derived verbal noun or an imperfect verb (تحرير، استعادة، يقصف) can follow a purpose lam;
    a plain noun after ل is an object (تعرض لهجوم، التصدي لهجوم)."""
    return word[:1] in ("ت", "ا", "ي")


def _purpose_word(norm: str) -> bool:
    """لإحكام، لاستعادة، لبسط: a purpose-lam verbal noun governing a definite trigger."""
    w = norm[1:] if norm[:1] in ("و", "ف") else norm
    return len(w) >= 5 and w[0] == "ل" and w[1] in ("ا", "ت")


def in_background(view: View, lex: Lexicon, tok: int) -> bool:
    """Is token ``tok`` in a stretch of its clause that recalls something earlier
    (بعد ثلاثة أيام من …، منذ اندلاع …، رغم …)?"""
    lo, _ = view.sent_range(view.toks[tok].sent)
    ca, _ = view.clause_range(tok)
    a = max(lo, ca)
    background = lex.mod["background"]
    firsts, toks = background.firsts, view.toks
    for k in range(a, tok):  # any_in(a, tok, background), without a call per token
        if not firsts.isdisjoint(toks[k].forms) and view.match_at(k, background, tok) is not None:
            return True
    return _time_ago(view, lex, a, tok)


def _time_ago(view: View, lex: Lexicon, a: int, tok: int) -> bool:
    """بعد ثلاثة أيام من … between tokens ``a`` and ``tok``: the time since an earlier event."""
    toks = view.toks
    for k in range(a, tok):
        norm = toks[k].norm
        if norm.endswith("بعد") and norm.lstrip("و") == "بعد":
            for u in range(k + 1, min(tok, k + 4)):
                if view.match_at(u, lex.mod["time_units"], tok) is not None and u + 1 < len(view) \
                        and toks[u + 1].norm == "من":
                    return True
    return False


_HARD = ("hard", -1)


def _anchored(bg: tuple[str, int], hit: Hit, view: View, anchors: Collection[int]) -> bool:
    """Does a recent day named in the trigger's clause overrule a soft background cue?
    «على خلفية تظاهرات الجمعة»: a day after the cue dates the cause to this week;
    «قتل خمسة مدنيين السبت … ليرتفع عدد القتلى منذ بدء التصعيد»: a day before the running
    total dates the event itself.  Cues of long ago (سبق أن، منذ اندلاع) are never overruled."""
    kind, k = bg
    if kind == "hard" or not anchors:
        return False
    ca, cb = view.clause_range(hit.tok)
    if kind == "before":
        end = cb + 2 if cb < len(view) and view.is_punct(cb) else cb  # «، السبت،» set off by commas
        return any(k < a < end for a in anchors)
    return any(ca <= a < k for a in anchors)  # "after": the total told past the trigger


def _background(hit: Hit, view: View, lex: Lexicon, lo: int) -> tuple[str, int] | None:
    """A trigger after سبق (لـX) أن …, منذ اندلاع …, بعد أيام من … in its clause recalls an earlier event.

    Not when a reporting verb stands between: سبق لوكالة سانا أن أكدت استعادة … is a
    report made earlier about news, not background.  Returns how the recall is told:
    ("hard", -1); ("after", k) for a running total from token k; ("before", k) for a
    soft cue (على خلفية) at token k.
    """
    ca, cb = view.clause_range(hit.tok)
    if hit.entry.strength == "weak" and view.any_in(lo, view.sent_range(view.toks[hit.tok].sent)[1], lex.mod["not_conflict"]):
        return _HARD  # a death toll of an earthquake or a road accident is not a conflict event
    for k in range(hit.tok_end, min(cb, hit.tok_end + 8)):  # a phrase may run past the 8th word
        if view.match_at(k, lex.mod["cumulative"], cb) is not None:
            return "after", k
    if view.any_in(hit.tok_end, min(cb, hit.tok_end + 2), lex.mod["similar"]):
        return _HARD
    a = max(lo, ca)
    found = view.find(a, hit.tok, lex.mod["background"])
    if not found:
        return _HARD if _time_ago(view, lex, a, hit.tok) else None  # what in_background asks next
    i = found[-1][0]
    if view.any_in(i + 1, hit.tok, lex.rep["verbs"]):
        return None
    return ("before", i) if view.match_at(i, lex.mod["soft_background"], hit.tok) is not None else _HARD
