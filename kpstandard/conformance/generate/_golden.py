"""The golden documents the vectors start from, and the means to change them.

Three levels of change, one per kind of defect:

- a **document object** (frozen dataclasses) changed with :func:`change`, then written in both
  syntaxes: for business rules, where the defect is in the data and both syntaxes carry it alike;
- a **syntax tree** (a JSON value or an XML element) changed in place: for schema defects, which a
  document object cannot hold;
- **bytes** written by hand: for hostile input, which is not even a tree.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

import kpstandard
from kpstandard._resources import source_root

__all__ = [
    "CERTIFICATE_NS",
    "CONFIRMATION_NS",
    "GOLDEN",
    "GOLDEN_1_1",
    "XML_LANG",
    "change",
    "golden_bytes",
    "golden_object",
    "json_bytes",
    "json_tree",
    "shift",
    "value_at",
    "xml_bytes",
    "xml_tree",
]

CERTIFICATE_NS = "urn:kpstandard:kp-certificate:1"
CONFIRMATION_NS = "urn:kpstandard:import-confirmation:1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

GOLDEN = (
    "ae-in-several-origins",
    "ao-cn-portuguese",
    "bw-eu-unmixed",
    "ca-ae-french",
    "cf-eu-compliant-zone",
    "eu-ae-mixed",
    "gb-us-after-brexit",
    "ic-ae-in-several-origins",
    "ic-bw-eu-unmixed",
    "ic-cf-eu-compliant-zone",
    "ic-ru-by-russian",
    "in-hk-mixed",
    "ru-by-russian",
    "trust-list",
    "us-il-aes-itn",
    "za-ae-replacement",
    "za-in-container",
)
"""The stems of examples/documents, each there in JSON and in XML. Named here, not globbed, so
that a new example changes the suite only when someone adds it to this list."""

GOLDEN_1_1 = (
    "bw-eu-hybrid",
    "bw-eu-refused",
    "hk-ae-mixed-origins",
    "ic-bw-eu-hybrid",
    "ic-bw-eu-refused",
)
"""The examples that declare standard 1.1, golden inputs of the schema and conversion areas (the
signature, issuance and status areas have their own 1.1 cases): a system that claims 1.1 only
is tested on reading and converting them too."""


def _documents() -> Path:
    root = source_root()
    if root is None:
        raise FileNotFoundError("the vectors are generated from a source checkout (examples/)")
    return root / "examples" / "documents"


@cache
def golden_bytes(stem: str, syntax: str) -> bytes:
    """The exact committed bytes of a golden document."""
    return (_documents() / f"{stem}.{syntax}").read_bytes()


def golden_object(stem: str) -> Any:
    """A golden document as a document object (read from its JSON twin)."""
    return kpstandard.load(golden_bytes(stem, "json"))


def json_tree(stem: str) -> Any:
    """A fresh JSON value of a golden document, to change in place."""
    return copy.deepcopy(_json_value(stem))


@cache
def _json_value(stem: str) -> Any:
    return json.loads(golden_bytes(stem, "json"))


def xml_tree(stem: str) -> etree._Element:
    """A fresh XML root element of a golden document, to change in place."""
    return etree.fromstring(golden_bytes(stem, "xml"))


def json_bytes(value: Any) -> bytes:
    """A JSON value written the way the golden documents are: 2-space indent, final newline."""
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode()


def xml_bytes(root: etree._Element) -> bytes:
    """An XML tree written the way the golden documents are, with an XML declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


# --- document objects -----------------------------------------------------------------------

Path_ = tuple[str | int, ...]


def change(obj: Any, path: Path_, value: Any) -> Any:
    """``obj`` with the value at ``path`` (attribute names and tuple indexes) replaced."""
    head, *rest = path
    if isinstance(obj, tuple):
        assert isinstance(head, int)
        items = list(obj)
        items[head] = change(obj[head], tuple(rest), value) if rest else value
        return tuple(items)
    if isinstance(obj, dict):  # a multilingual text
        updated = dict(obj)
        updated[head] = change(obj[head], tuple(rest), value) if rest else value
        return updated
    assert isinstance(head, str)
    current = getattr(obj, head)
    return dataclasses.replace(
        obj, **{head: change(current, tuple(rest), value) if rest else value}
    )


def value_at(obj: Any, path: Path_) -> Any:
    for part in path:
        obj = (
            getattr(obj, part) if isinstance(part, str) and not isinstance(obj, dict) else obj[part]
        )
    return obj


def shift(obj: Any, path: Path_, delta: Any) -> Any:
    """``obj`` with the number at ``path`` increased by ``delta``."""
    return change(obj, path, value_at(obj, path) + delta)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


Mutation = Callable[[Any], Any]
