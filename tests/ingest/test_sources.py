"""Reading inputs: plain text, HTML pages, JSONL corpora (plain, .gz, .xz), feeds, folders."""

from __future__ import annotations

import gzip
import json
import lzma
from pathlib import Path

import yaml

from rasad.ingest.clean import boilerplate, clean_text, key
from rasad.ingest.sources import Article, Bad, file_items, iter_inputs

BODY = ("أعلن الجيش السوري اليوم استعادة السيطرة الكاملة على مدينة تدمر الأثرية بريف حمص الشرقي بعد معارك "
        "عنيفة مع مسلحي تنظيم داعش استمرت عدة أيام.",
        "وقال مصدر عسكري إن وحدات الجيش قتلت عشرات المسلحين ودمرت عددا من آلياتهم خلال الهجوم الذي بدأ فجر الأحد.")


def page(meta: str = "", footer: str = "© 2016 جميع الحقوق محفوظة") -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (f"<html><head><title>الجيش يستعيد تدمر | موقع الأخبار</title>"
            f'<meta property="og:site_name" content="موقع الأخبار">'
            f'<meta property="og:url" content="https://news.example/syria/123">{meta}</head>'
            f"<body><nav>الرئيسية | سياسة | اقتصاد</nav><article><h1>الجيش يستعيد تدمر</h1>{paras}"
            f"<p>شارك</p><p>أرسل تعليقك</p></article><footer>{footer}</footer></body></html>")


def one(path: Path) -> Article:
    items = list(file_items(path))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def test_boilerplate_resource_is_valid() -> None:
    data = yaml.safe_load((Path(__file__).resolve().parents[2] / "src/rasad/resources/ingest/boilerplate.yaml")
                          .read_text("utf-8"))
    assert data["version"] == 1
    for section in ("lines", "cut_after"):
        entries = data[section]
        assert entries and all(isinstance(e, str) and key(e) for e in entries), section
        assert len({key(e) for e in entries}) == len(entries) or section == "lines"
    bp = boilerplate()
    assert key("أرسل تعليقك") in bp.lines and key("إقرأ أيضاً:") in bp.lines  # spelling variants meet


def test_plain_text_loses_trailing_boilerplate_only(tmp_path: Path, seed_text: str) -> None:
    p = tmp_path / "rt-2016-12-12-palmyra.txt"
    p.write_text(seed_text, encoding="utf-8")
    a = one(p)
    assert a.id == "rt-2016-12-12-palmyra"
    assert a.published == "2016-12-12"  # archives write the date in the file name
    assert seed_text.rstrip().endswith("أرسل تعليقك") and not a.text.rstrip().endswith("أرسل تعليقك")
    assert seed_text.startswith(a.text)  # nothing else changed: offsets stay those of the article
    mid = "شارك آلاف المتظاهرين في مسيرة وسط المدينة.\nشارك\nوقالت الشرطة إن المسيرة انتهت بهدوء."
    assert clean_text(mid) == mid  # a bare "شارك" mid-text in plain text is left alone


def test_related_links_block_is_cut(tmp_path: Path) -> None:
    text = "\n".join([*BODY, BODY[0], BODY[1], "اقرأ أيضا:", "مقتل خمسة في غارة على إدلب", "الحوثيون يطلقون صاروخا"])
    assert clean_text(text) == "\n".join([*BODY, BODY[0], BODY[1]])


def test_html_page_main_text_title_outlet_and_url(tmp_path: Path) -> None:
    p = tmp_path / "palmyra.html"
    p.write_text(page('<meta property="article:published_time" content="2016-12-11T10:00:00Z">'), encoding="utf-8")
    a = one(p)
    assert a.text.split("\n") == list(BODY)  # nav, headline, share and comment prompts gone
    assert a.title == "الجيش يستعيد تدمر"
    assert a.outlet == "موقع الأخبار"
    assert a.url == "https://news.example/syria/123"
    assert a.published is not None and a.published.startswith("2016-12-11")


def test_html_year_only_date_is_unknown(tmp_path: Path) -> None:
    p = tmp_path / "nodate.html"
    p.write_text(page(), encoding="utf-8")  # only "© 2016" on the page
    assert one(p).published is None


def test_jsonl_plain_gz_and_xz(tmp_path: Path) -> None:
    recs = [{"id": f"a{i}", "text": BODY[i % 2], "published": "2018-03-05T10:00:00+02:00", "outlet": "X",
             "url": f"https://x/{i}", "title": "t"} for i in range(3)]
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n"
    (tmp_path / "a.jsonl").write_text(lines, encoding="utf-8")
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(lines.replace('"a', '"b'))
    with lzma.open(tmp_path / "c.jsonl.xz", "wt", encoding="utf-8") as f:
        f.write(lines.replace('"a', '"c'))
    items = list(iter_inputs([str(tmp_path)]))
    assert all(isinstance(i, Article) for i in items)
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.id for a in arts] == ["a0", "a1", "a2", "b0", "b1", "b2", "c0", "c1", "c2"]
    assert arts[0].published == "2018-03-05T10:00:00+02:00" and arts[0].url == "https://x/0"
    assert arts[4].location.endswith("b.jsonl.gz:2")


def test_feed_items_follow_local_links_and_fall_back_to_summary(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "one.html").write_text(page(), encoding="utf-8")
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>أخبار المثال</title><link>https://news.example/</link>
<item><title>الجيش يستعيد تدمر</title><link>pages/one.html</link><guid>n-1</guid>
<pubDate>Mon, 12 Dec 2016 09:30:00 GMT</pubDate><description>ملخص قصير</description></item>
<item><title>غارة على إدلب</title><link>https://unreachable.invalid/2</link><guid>n-2</guid>
<pubDate>Tue, 13 Dec 2016 08:00:00 GMT</pubDate>
<description>{BODY[1]}</description></item>
</channel></rss>"""
    (tmp_path / "feed.xml").write_text(feed, encoding="utf-8")
    items = list(file_items(tmp_path / "feed.xml"))
    assert [type(i) for i in items] == [Article, Article], items
    first, second = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == "n-1" and first.text.split("\n") == list(BODY)  # the linked page, not the summary
    assert first.published == "2016-12-12T09:30:00+00:00" and first.outlet == "أخبار المثال"
    assert second.id == "n-2" and second.text == BODY[1] and second.url == "https://unreachable.invalid/2"


def test_each_bad_input_has_a_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("قتل".encode() + b"\xe9t\xe9")
    (tmp_path / "menu.html").write_text("<html><body><nav>الرئيسية</nav></body></html>", encoding="utf-8")
    got = {Path(b.location).name: b.reason for b in iter_inputs([str(tmp_path)]) if isinstance(b, Bad)}
    assert got["empty.txt"] == "empty file"
    assert "binary" in got["image.txt"]
    assert "UTF-8" in got["latin1.txt"] and "byte offset 6" in got["latin1.txt"]
    assert got["menu.html"] == "HTML page with no article text"
    assert [b.reason for b in iter_inputs([str(tmp_path / "missing")])] == ["no such file or directory"]


def test_dates_in_file_names() -> None:
    from rasad.ingest.sources import name_date

    assert name_date("rt-2016-12-12-palmyra.txt") == "2016-12-12"
    assert name_date("sana_20180305_daraa.html") == "2018-03-05"
    assert name_date("report-2018-13-40.txt") is None  # not a date
    assert name_date("article-123456789.txt") is None


def test_feed_and_page_urls_over_http(tmp_path: Path) -> None:
    """A real HTTP server on loopback: a feed URL whose items link to pages on the same server."""
    import functools
    import http.server
    import threading

    (tmp_path / "one.html").write_text(page(), encoding="utf-8")
    (tmp_path / "feed.xml").write_text(
        """<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>أخبار</title>
<entry><title>الجيش يستعيد تدمر</title><id>tag:x,1</id><link href="http://127.0.0.1:PORT/one.html"/>
<updated>2016-12-12T09:30:00Z</updated><summary>ملخص</summary></entry></feed>""", encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port = server.server_address[1]
    feed = tmp_path / "feed.xml"
    feed.write_text(feed.read_text("utf-8").replace("PORT", str(port)), encoding="utf-8")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        items = list(iter_inputs([f"http://127.0.0.1:{port}/feed.xml", f"http://127.0.0.1:{port}/one.html",
                                  f"http://127.0.0.1:{port}/missing.html"]))
    finally:
        server.shutdown()
    assert isinstance(items[0], Article) and items[0].text.split("\n") == list(BODY)
    assert items[0].url == f"http://127.0.0.1:{port}/one.html" and items[0].published == "2016-12-12T09:30:00+00:00"
    assert isinstance(items[1], Article) and items[1].id == f"http://127.0.0.1:{port}/one.html"
    assert isinstance(items[2], Bad) and "cannot fetch" in items[2].reason and "404" in items[2].reason


def test_publication_dates_in_corpora() -> None:
    from rasad.ingest.sources import iso_date

    assert iso_date("2018-03-05") == "2018-03-05"
    assert iso_date("2018-03-05T10:00:00Z") == "2018-03-05T10:00:00+00:00"
    assert iso_date("Mon, 12 Dec 2016 09:30:00 +0300") == "2016-12-12T09:30:00+03:00"
    assert iso_date("yesterday") is None and iso_date(20180305) is None and iso_date("") is None


def test_json_array_files(tmp_path: Path) -> None:
    recs = [{"id": "j1", "text": BODY[0], "published": "2018-03-05"}, {"id": "j2", "title": "no text"}, [1, 2]]
    (tmp_path / "dump.json").write_text(json.dumps(recs, ensure_ascii=False, indent=2), encoding="utf-8")
    (tmp_path / "bad.json").write_text('[{"id": "x", "text": "نص"', encoding="utf-8")
    items = list(iter_inputs([str(tmp_path)]))
    assert isinstance(items[0], Bad) and items[0].reason.startswith("broken JSON")  # bad.json sorts first
    a, no_text, not_obj = items[1:]
    assert isinstance(a, Article) and (a.id, a.published, a.location.endswith("dump.json#1")) == ("j1", "2018-03-05", True)
    assert isinstance(no_text, Bad) and no_text.reason == "no 'text' string"
    assert isinstance(not_obj, Bad) and not_obj.reason == "record is not a JSON object"
