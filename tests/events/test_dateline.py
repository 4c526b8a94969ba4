"""Datelines (the desk's city and the outlet) are found at the start of an article only."""

from __future__ import annotations

import pytest

from rasad.events.dateline import dateline

MEDIA = ("نيوز", "وكالة", "رويترز")


@pytest.mark.parametrize("text, line", [
    ("أتلانتا، الولايات المتحدة الأمريكية (CNN)-- أطلق سراح", "أتلانتا، الولايات المتحدة الأمريكية (CNN)--"),
    ("دبي، الإمارات العربية المتحدة (CNN) – قالت وزارة", "دبي، الإمارات العربية المتحدة (CNN) –"),
    ("القاهرة، مصر (CNN)— أعلن المتحدث", "القاهرة، مصر (CNN)—"),
    ("بيروت (رويترز) - قال المرصد", "بيروت (رويترز) -"),
    ("عدن - سكاي نيوز عربية\nقتل 5 أشخاص", "عدن - سكاي نيوز عربية\n"),
    ("دمشق - وكالة سانا: أعلن الجيش", "دمشق - وكالة سانا:"),
])
def test_datelines_are_found(text, line):
    span = dateline(text, MEDIA)
    assert span is not None
    assert text[span[0]:span[1]] == line.strip() or text[span[0]:span[1]] == line


@pytest.mark.parametrize("text", [
    "قتل عشرون شخصا على الأقل كانوا - بحسب تقارير - يحضرون حفل زفاف",  # an aside between dashes
    "أعلن الجيش الأميركي يوم الاثنين أنه شن غارة جوية (في الصومال) - وفق بيان",  # too long to be a place
    "قال المرصد السوري لحقوق الإنسان إن غارات (روسية) استهدفت إدلب - ريف حلب",
    "",
])
def test_sentences_are_not_datelines(text):
    assert dateline(text, MEDIA) is None


def test_a_dateline_later_in_the_text_is_not_one():
    assert dateline("قتل 3 أشخاص.\nعدن - سكاي نيوز عربية", MEDIA) is None


def test_event_location_skips_the_dateline(pipeline):
    """CNN files Syrian stories from Atlanta: the raid is in Idlib, never in Atlanta."""
    text = ("أتلانتا، الولايات المتحدة الأمريكية (CNN)-- تعرضت مدينة إدلب لقصف جوي من قبل مقاتلات روسية، السبت، "
            "وفقا لما ذكره المرصد السوري لحقوق الإنسان.")
    doc = pipeline.extract(text, id="t", published="2018-09-08", outlet="CNN")
    places = [e.location.name for e in doc.events if e.location is not None]
    assert places and all("Atlanta" not in (p or "") for p in places)
