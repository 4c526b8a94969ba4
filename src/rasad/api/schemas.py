"""Request bodies of the write endpoints, validated strictly (unknown fields are refused).

A client that misspells ``published`` should hear about it rather than get an article
silently anchored to no date.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_ARTICLE_CHARS = 100_000
"""Longest article the API reads in one request: a long news article is ~20k characters."""

MAX_INGEST_DOCUMENTS = 100

DOC_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,199}$"


class Article(BaseModel):
    """One article to read: the text and what is known about it from outside the text."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    text: Annotated[str, Field(min_length=1, max_length=MAX_ARTICLE_CHARS, description="the article, UTF-8")]
    id: Annotated[str | None, Field(pattern=DOC_ID_PATTERN, description="document id (letters, digits, . _ : -)")] = None
    title: Annotated[str | None, Field(max_length=1000)] = None
    published: Annotated[
        str | None,
        Field(max_length=40, description="publication date, YYYY-MM-DD or ISO 8601 datetime; anchors relative dates"),
    ] = None
    outlet: Annotated[str | None, Field(max_length=200)] = None
    url: Annotated[str | None, Field(max_length=2000)] = None

    @field_validator("text")
    @classmethod
    def _no_nul(cls, v: str) -> str:
        if "\x00" in v:
            raise ValueError("binary content (NUL byte) in text")
        if not v.strip():
            raise ValueError("empty text")
        return v

    @field_validator("published")
    @classmethod
    def _iso_date(cls, v: str | None) -> str | None:
        if v is None:
            return v
        try:
            if len(v) == 10:
                date.fromisoformat(v)
            else:
                datetime.fromisoformat(v)
        except ValueError:
            raise ValueError("expected YYYY-MM-DD or an ISO 8601 datetime") from None
        return v

    @field_validator("url")
    @classmethod
    def _http_url(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith(("http://", "https://")):
            raise ValueError("expected an http(s) URL")
        return v

    def doc_id(self, default_prefix: str = "api") -> str:
        """The given id, or one derived from the text so re-sending an article is idempotent."""
        if self.id:
            return self.id
        return f"{default_prefix}-{hashlib.sha1(self.text.encode('utf-8')).hexdigest()[:16]}"


class IngestRequest(BaseModel):
    """A batch of articles to read and store, all or nothing."""

    model_config = ConfigDict(extra="forbid")

    documents: Annotated[list[Article], Field(min_length=1, max_length=MAX_INGEST_DOCUMENTS)]
