"""Area ``conversion``: a converter must carry every datum of a conforming document across.

Each golden document converts to its twin, in both directions. Other vectors hold what converters
get wrong: escaping, characters outside the Basic Multilingual Plane, spaces at the ends of a
text, decimals that a binary float would round, and the many spellings of one XML or JSON
document (prefixes, CDATA, character references, escapes, member order, UTF-16). The expected
output is the same data in the other syntax: a converter passes when its output holds that data,
whatever its whitespace or prefixes (KP-REQ-031).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import kpstandard
from kpstandard.conformance.generate._common import verification_time_of
from kpstandard.conformance.generate._draft import Bytes, Draft, Output
from kpstandard.conformance.generate._golden import (
    GOLDEN,
    GOLDEN_1_1,
    change,
    golden_bytes,
    golden_object,
)
from kpstandard.conformance.generate._hostile import escaped_json, utf16

__all__ = ["drafts"]

AREA = "conversion"
ROLES = ("converter",)
REQUIREMENT = "KP-REQ-031"

OTHER = {"json": "xml", "xml": "json"}


@dataclass(frozen=True)
class SpellingCase:
    """Another spelling of a golden document in one syntax; it converts to the golden twin."""

    name: str
    description: str
    base: str
    syntax: str
    data: bytes


@dataclass(frozen=True)
class DataCase:
    """A document object whose data is hard to carry; it converts both ways."""

    name: str
    description: str
    base: str
    document: Any


def _prefixed(data: bytes) -> bytes:
    """The XML with every element of the document's namespace under the prefix ``kp``."""
    text = data.decode("utf-8")
    text = re.sub(r"<(/?)([A-Z][A-Za-z]*)", r"<\1kp:\2", text)
    text = text.replace(' xmlns="urn:', ' xmlns:kp="urn:', 1)
    return text.encode("utf-8")


def _cdata_and_references(data: bytes) -> bytes:
    data = data.replace(
        b"<OfficerName>Kagiso Molefe</OfficerName>",
        b"<OfficerName>Kagiso <!-- validated -->Mo<![CDATA[le]]>&#102;e</OfficerName>",
    )
    return data.replace(b"<Place>Gaborone</Place>", b"<Place>&#x47;aborone</Place>")


def _without_declaration(data: bytes) -> bytes:
    return data.split(b"?>\n", 1)[1]


def _reordered(data: bytes) -> bytes:
    def reverse(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: reverse(v) for k, v in reversed(value.items())}
        if isinstance(value, list):
            return [reverse(v) for v in value]
        return value

    return (json.dumps(reverse(json.loads(data)), indent=2, ensure_ascii=False) + "\n").encode()


def _compact(data: bytes) -> bytes:
    return json.dumps(json.loads(data), separators=(",", ":"), ensure_ascii=False).encode()


BW = "bw-eu-unmixed"

SPELLINGS: tuple[SpellingCase, ...] = (
    SpellingCase(
        "xml-prefixed-namespace",
        "The XML written with a namespace prefix instead of a default namespace",
        BW,
        "xml",
        _prefixed(golden_bytes(BW, "xml")),
    ),
    SpellingCase(
        "xml-cdata-comments-references",
        "The XML with a comment, a CDATA section and character references inside values",
        BW,
        "xml",
        _cdata_and_references(golden_bytes(BW, "xml")),
    ),
    SpellingCase(
        "xml-without-declaration",
        "The XML without its XML declaration",
        BW,
        "xml",
        _without_declaration(golden_bytes(BW, "xml")),
    ),
    SpellingCase(
        "xml-utf16",
        "The XML in UTF-16 with a byte order mark",
        "ru-by-russian",
        "xml",
        utf16(golden_bytes("ru-by-russian", "xml")),
    ),
    SpellingCase(
        "json-escaped",
        "The JSON with every non-ASCII character and every slash escaped",
        "ru-by-russian",
        "json",
        escaped_json("ru-by-russian"),
    ),
    SpellingCase(
        "json-members-reordered",
        "The JSON with every object's members in reverse order",
        BW,
        "json",
        _reordered(golden_bytes(BW, "json")),
    ),
    SpellingCase(
        "json-compact",
        "The JSON without any whitespace",
        "ae-in-several-origins",
        "json",
        _compact(golden_bytes("ae-in-several-origins", "json")),
    ),
)


def _markup_characters() -> Any:
    document = golden_object(BW)
    document = change(
        document, ("exporter", "name"), {"en": "Smith & Sons <Rough> \"Gaborone\" 'Pty' Ltd"}
    )
    document = change(
        document, ("importer", "address"), {"en": "Hoveniersstraat 30 ]]> 2018 Antwerpen"}
    )
    return change(document, ("validation", "place"), "Gaborone & <Francistown>")


def _astral_and_spaces() -> Any:
    document = golden_object(BW)
    document = change(
        document,
        ("exporter", "name"),
        {"en": "Kalahari \U0001f48e Rough Diamonds", "zh": "\U00020000\U0002a6d6 钻石"},
    )
    document = change(document, ("validation", "place"), "  Gaborone  ")
    return change(document, ("validation", "officer_name"), "Kagiso\u00a0Molefe\u200b")


def _exact_decimals() -> Any:
    document = golden_object(BW)
    line0 = ("shipment", "lines", 0)
    line1 = ("shipment", "lines", 1)
    totals = ("shipment", "totals")
    for path, value in (
        ((*line0, "carats"), Decimal("0.10")),
        ((*line1, "carats"), Decimal("99999999999.20")),
        ((*totals, "carats"), Decimal("100000000000.30")),
        ((*line0, "value_usd"), Decimal("99999999900000.01")),
        ((*line1, "value_usd"), Decimal("18600.20")),
        ((*totals, "value_usd"), Decimal("99999999918600.21")),
    ):
        document = change(document, path, value)
    return document


def _data_cases() -> tuple[DataCase, ...]:
    return (
        DataCase(
            "markup-characters",
            "Texts with &, <, >, quotes, apostrophes and ]]>, which XML must escape",
            BW,
            _markup_characters(),
        ),
        DataCase(
            "astral-characters-and-spaces",
            "Characters outside the Basic Multilingual Plane, a no-break space, a zero-width space "
            "and spaces at both ends of a text: each kept as it is",
            BW,
            _astral_and_spaces(),
        ),
        DataCase(
            "decimals-beyond-binary-floats",
            "Carats and US$ that a binary float would round (0.10, fifteen and more significant "
            "digits), with trailing zeros kept",
            BW,
            _exact_decimals(),
        ),
    )


def _draft(
    key: str, name: str, description: str, base: str, data: bytes, syntax: str, expected: bytes
) -> Draft:
    target = OTHER[syntax]
    return Draft(
        key=key,
        name=name,
        description=description,
        requirement=REQUIREMENT,
        roles=ROLES,
        input=Bytes(data, syntax),
        verification_time=verification_time_of(base),
        expected=Output(Bytes(expected, target)),
        base=base,
        target=target,
    )


def drafts() -> Iterator[Draft]:
    """Every vector of the conversion area, in a stable order."""
    for stem in (*GOLDEN, *GOLDEN_1_1):
        for syntax in ("json", "xml"):
            target = OTHER[syntax]
            yield _draft(
                f"{AREA}/golden-{stem}/{syntax}-to-{target}",
                f"golden-{stem}",
                f"The golden document {stem} converts from {syntax.upper()} to {target.upper()}",
                stem,
                golden_bytes(stem, syntax),
                syntax,
                golden_bytes(stem, target),
            )
    for spelling in SPELLINGS:
        target = OTHER[spelling.syntax]
        yield _draft(
            f"{AREA}/{spelling.name}/{spelling.syntax}-to-{target}",
            spelling.name,
            f"{spelling.description}: it converts to the same data in {target.upper()}",
            spelling.base,
            spelling.data,
            spelling.syntax,
            golden_bytes(spelling.base, target),
        )
    for case in _data_cases():
        written = {syntax: kpstandard.dumps(case.document, syntax) for syntax in ("json", "xml")}
        for syntax in ("json", "xml"):
            target = OTHER[syntax]
            yield _draft(
                f"{AREA}/{case.name}/{syntax}-to-{target}",
                case.name,
                f"{case.description} ({syntax.upper()} to {target.upper()})",
                case.base,
                written[syntax],
                syntax,
                written[target],
            )
