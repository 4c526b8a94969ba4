"""Plain-text rendering of an extraction for terminals (``--format table``)."""

from __future__ import annotations

from rasad.model import Actor, Document


def _fmt_value(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:g}"


def _actor(a: Actor | None) -> str:
    if a is None:
        return "—"
    return a.normalized if a.normalized and a.normalized == a.text else (
        f"{a.normalized} «{a.text}»" if a.normalized else f"«{a.text}»")


def events_table(doc: Document) -> str:
    """The events of a document, asserted first, each with the words it was read from.

    Arabic is quoted «…» as written; canonical names and codes are English.  Events that
    are denied, intended or hedged are listed apart: they are claims, not facts.
    """
    lines: list[str] = []
    asserted = [e for e in doc.events if e.modality == "asserted"]
    other = [e for e in doc.events if e.modality != "asserted"]
    lines.append(f"## Events ({len(asserted)} asserted, {len(other)} not asserted)")
    for title, group in (("", asserted), ("### Not asserted (denied / intended / hypothetical / unverified)", other)):
        if title and group:
            lines.append(title)
        for e in group:
            loc = "—"
            if e.location:
                loc = f"{e.location.name or e.location.text} «{e.location.text}» [{e.location.precision}]"
                if e.location.geonameid:
                    loc += f" geonames:{e.location.geonameid}"
            when = "—"
            if e.date:
                when = f"{e.date.start or '…'}..{e.date.end or '…'} ({e.date.precision}"
                when += f": «{e.date.basis}»)" if e.date.basis and e.date.basis != "publication date" else ")"
            src = "—"
            if e.attribution:
                src = e.attribution.source or e.attribution.speaker or "—"
                if e.attribution.speaker and e.attribution.source:
                    src += f" / {e.attribution.speaker}"
                if e.attribution.verb:
                    src += f" («{e.attribution.verb}»)"
                if e.attribution.quoted:
                    src += " [quoted]"
            fat = f"{_fmt_value(e.fatalities.value)} ({e.fatalities.qualifier}) «{e.fatalities.text}»" \
                if e.fatalities else "—"
            lines.append(f"{e.id}  {e.acled_type}/{e.acled_subtype}" + (f" [{e.category}]" if e.category else "")
                         + f"  PLOVER {e.plover_type or '—'}"
                         + f"  modality={e.modality} confidence={e.confidence:.2f}  trigger «{e.trigger.text}»")
            lines.append(f"    who: {_actor(e.actor1)} → {_actor(e.actor2)}")
            lines.append(f"    where: {loc}   when: {when}")
            lines.append(f"    killed: {fat}   according to: {src}")
            if e.quantities:
                lines.append("    numbers: " + "; ".join(f"{_fmt_value(q.value)} ({q.qualifier}) «{q.text}»"
                                                       for q in e.quantities))
            lines.append(f"    evidence: «{e.evidence.text}»")
            for sp in e.also_evidence:
                lines.append(f"    also: «{sp.text}»")
    return "\n".join(lines) + "\n"


def document_table(doc: Document) -> str:
    lines: list[str] = []
    head = f"# {doc.id}" + (f" — {doc.title}" if doc.title else "") + (f" ({doc.published})" if doc.published else "")
    lines.append(head)
    lines.append("")
    lines.extend(events_table(doc).splitlines())
    lines.append("")
    lines.append(f"## Places ({len(doc.places)})")
    for p in doc.places:
        lines.append(f"  {p.start:>5}-{p.end:<5} {p.text}  →  {p.name or '?'} {p.country or ''} "
                     f"{p.geonameid or ''} [{p.precision}] conf={p.confidence:.2f}")
    lines.append("")
    lines.append(f"## Quantities ({len(doc.quantities)})")
    for q in doc.quantities:
        extra = " ".join(x for x in (q.unit or "", q.counted or "") if x)
        rng = f" [{_fmt_value(q.min) if q.min is not None else ''}..{_fmt_value(q.max) if q.max is not None else ''}]" \
            if q.min is not None or q.max is not None else ""
        lines.append(f"  {q.start:>5}-{q.end:<5} {_fmt_value(q.value):>10} {q.qualifier:<13}{rng} {extra}  «{q.text}»")
    lines.append("")
    lines.append(f"## Times ({len(doc.times)})")
    for t in doc.times:
        basis = getattr(t, "basis", None)
        how = f" (basis: {basis})" if basis else ""  # e.g. a year inferred from the weekday: say so
        lines.append(f"  {t.start:>5}-{t.end:<5} {t.value_start or '?'}..{t.value_end or '?'} [{t.precision}]{how}  «{t.text}»")
    lines.append("")
    lines.append(f"## Mentions ({len(doc.mentions)})")
    for m in doc.mentions:
        lines.append(f"  {m.start:>5}-{m.end:<5} {m.label:<4} {m.text}" + (f"  →  {m.normalized}" if m.normalized else ""))
    return "\n".join(lines) + "\n"
