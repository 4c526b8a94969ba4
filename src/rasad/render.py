"""Plain-text rendering of an extraction for terminals (``--format table``)."""

from __future__ import annotations

from rasad.model import Document


def _fmt_value(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:g}"


def document_table(doc: Document) -> str:
    lines: list[str] = []
    head = f"# {doc.id}" + (f" — {doc.title}" if doc.title else "") + (f" ({doc.published})" if doc.published else "")
    lines.append(head)
    lines.append("")
    lines.append(f"## Events ({len(doc.events)})")
    for e in doc.events:
        a1 = (e.actor1.normalized or e.actor1.text) if e.actor1 else "—"
        a2 = (e.actor2.normalized or e.actor2.text) if e.actor2 else "—"
        loc = (e.location.name or e.location.text) if e.location else "—"
        if e.location:
            loc += f" [{e.location.precision}]"
        when = "—"
        if e.date:
            when = f"{e.date.start or '…'}..{e.date.end or '…'} ({e.date.precision})"
        src = "—"
        if e.attribution:
            src = e.attribution.source or e.attribution.speaker or "—"
            if e.attribution.speaker and e.attribution.source:
                src += f" / {e.attribution.speaker}"
        fat = f"{_fmt_value(e.fatalities.value)} ({e.fatalities.qualifier})" if e.fatalities else "—"
        lines.append(f"{e.id}  {e.acled_type}/{e.acled_subtype}" + (f" [{e.category}]" if e.category else "")
                     + f"  modality={e.modality} confidence={e.confidence:.2f}")
        lines.append(f"    who: {a1} → {a2}   where: {loc}   when: {when}")
        lines.append(f"    killed: {fat}   according to: {src}")
        if e.quantities:
            lines.append("    numbers: " + "; ".join(f"{_fmt_value(q.value)} {q.unit or q.counted or ''}".strip()
                                                   + f" ({q.qualifier})" for q in e.quantities))
        lines.append(f"    evidence: «{e.evidence.text}»")
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
        lines.append(f"  {t.start:>5}-{t.end:<5} {t.value_start or '?'}..{t.value_end or '?'} [{t.precision}]  «{t.text}»")
    lines.append("")
    lines.append(f"## Mentions ({len(doc.mentions)})")
    for m in doc.mentions:
        lines.append(f"  {m.start:>5}-{m.end:<5} {m.label:<4} {m.text}" + (f"  →  {m.normalized}" if m.normalized else ""))
    return "\n".join(lines) + "\n"
