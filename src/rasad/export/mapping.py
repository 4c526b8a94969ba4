"""Reference data for exports: ACLED names and codes, country codes and regions.

All of it is data under ``resources/export/`` (ACLED's spellings, ISO codes), loaded once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    numeric: int
    name: str
    region: str


def _read(name: str) -> str:
    return resources.files("rasad.resources").joinpath(f"export/{name}").read_text("utf-8")


@lru_cache(maxsize=1)
def acled_map() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(_read("acled.yaml"))
    return data


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    out: dict[str, Country] = {}
    lines = [x for x in _read("countries.tsv").splitlines() if x and not x.startswith("#")]
    for line in lines[1:]:
        iso2, iso3, num, name, region = line.split("\t")
        out[iso2] = Country(iso2, iso3, int(num), name, region)
    return out


def country(iso2: str | None) -> Country | None:
    return countries().get(iso2.upper()) if iso2 else None
