"""Trigger detection: one regex pass over the normalised text, then context checks.

The regex finds every lexicon form at a word start (with proclitics and suffixes); the
checks then use the token view: a trigger that needs a companion word (بسط → سيطرة,
تعليق → عمليات) must have one nearby, a state reading (تحت سيطرة) is dropped, and cue
words around it may change the sub-type (قصف + جوي → air strike).
"""

from __future__ import annotations

from dataclasses import dataclass

from rasad.events.lexicon import Lexicon, TriggerEntry
from rasad.events.view import View
from rasad.text.normalize import Normalized


@dataclass(slots=True)
class Hit:
    """One trigger occurrence, on original offsets, with the sub-type its context gives."""

    entry: TriggerEntry
    start: int
    end: int
    tok: int  # first token
    tok_end: int  # one past the last token
    subtype: str
    category: str | None
    typo: bool = False
    prefix: str = ""
    cue: str | None = None
    form: str = ""  # the normalised lexicon form matched


def find_hits(norm: Normalized, view: View, lex: Lexicon) -> list[Hit]:
    hits: list[Hit] = []
    for m in lex.trigger_re.finditer(norm.text):
        form_key = m.form
        eid = lex.form_entry.get(form_key)
        if eid is None:
            continue
        entry = lex.entries[eid]
        start, _ = norm.span_to_orig(m.form_start, m.form_start + len(m.form))
        _, end = norm.span_to_orig(m.start, m.end)
        ts = view.tok_at(start)
        te = view.tok_at(end - 1) + 1
        if ts >= len(view) or not _context_ok(entry, ts, te, view, lex):
            continue
        hit = Hit(entry, start, end, ts, te, entry.subtype, entry.category, form_key in lex.typo_forms, m.pre,
                  form=form_key)
        _apply_cues(hit, view, lex)
        hits.append(hit)
    return hits


def _window(view: View, ts: int, te: int, n: int) -> tuple[int, int]:
    lo, hi = view.sent_range(view.toks[ts].sent)
    return max(lo, ts - n), min(hi, te + n)


def _context_ok(entry: TriggerEntry, ts: int, te: int, view: View, lex: Lexicon) -> bool:
    lo, hi = view.sent_range(view.toks[ts].sent)
    if entry.not_after and ts > lo:
        for k in range(max(lo, ts - 3), ts):
            p = view.match_at(k, entry.not_after, ts)
            if p is not None and ts - (k + len(p)) <= 1:  # تحت سيطرة، تخضع بنغازي لسيطرة
                return False
    if entry.not_before and te < hi and view.match_at(te, entry.not_before, hi) is not None:
        return False
    if entry.requires:
        a, b = _window(view, ts, te, entry.requires_window or lex.window + 1)
        if entry.requires_sentence:
            a = lo
        found = [i for i, _ in view.find(a, b, entry.requires) if not ts <= i < te]
        if not found:
            return False
    return True


def _apply_cues(hit: Hit, view: View, lex: Lexicon) -> None:
    """First cue set (in the entry's order) with a word near the trigger sets the sub-type."""
    if not hit.entry.cues:
        return
    ca, cb = view.clause_range(hit.tok)
    n = lex.cue_window
    for name in hit.entry.cues:
        cue = lex.cues[name]
        if cue.side == "before":
            a, b = max(ca, hit.tok - 3), hit.tok
        elif cue.side == "after":
            a, b = hit.tok_end, min(cb, hit.tok_end + n)
        else:
            a, b = max(ca, hit.tok - n), min(cb, hit.tok_end + n)
        found = [i for i, _ in view.find(a, b, cue.phrases) if not hit.tok <= i < hit.tok_end]
        if found:
            if cue.subtype:
                hit.subtype = cue.subtype
            if cue.category:
                hit.category = cue.category
            elif cue.subtype and lex.subtypes[cue.subtype].acled_type != "strategic_developments":
                hit.category = None
            hit.cue = name
            return
