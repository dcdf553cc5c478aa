"""The shipped examples: valid ones validate and convert losslessly; invalid ones fail as expected.

Independent implementations agree with the generated schemas: every XML example under libxml2
(lxml) and xmlschema, every JSON example under jsonschema-rs and python-jsonschema.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
import xmlschema
from lxml import etree

import kpstandard
from kpstandard.findings import Verdict
from kpstandard.model.meta import default_model

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "examples" / "documents"
INVALID = ROOT / "examples" / "invalid"
EXPECTED: dict[str, dict[str, str]] = json.loads((INVALID / "EXPECTED.json").read_text())
VALID_FILES = sorted(p for p in DOCUMENTS.iterdir() if p.suffix in (".json", ".xml"))
# The per-rule examples (KP-R-*) are tested with their cases in test_rules.py.
INVALID_FILES = sorted(
    p
    for p in INVALID.iterdir()
    if p.name in EXPECTED or not p.name.startswith(("KP-R-", "RULE-", "EXPECTED"))
)
# Defects a schema can express; the others are caught by the hardened reader or by the binding
# (duplicate JSON members, duplicate language versions, DTDs...).
SCHEMA_EXPRESSIBLE = {"KP-S-001", "KP-S-002", "KP-S-003", "KP-S-004", "KP-S-005"}


CONFIRMS = {"ic-bw-eu-hybrid-missing-parcel": "bw-eu-hybrid"}
"""The confirmations whose stem is not "ic-" and their certificate's stem."""


def _certificate_for(path: Path) -> bytes | None:
    if not path.name.startswith("ic-"):
        return None
    stem = CONFIRMS.get(path.stem, path.stem.removeprefix("ic-"))
    return (DOCUMENTS / f"{stem}.xml").read_bytes()


def test_there_are_enough_examples() -> None:
    stems = {p.stem for p in VALID_FILES}
    assert len(stems) >= 8
    assert sum(s.startswith("ic-") for s in stems) >= 2
    assert all(
        (DOCUMENTS / f"{s}.json").is_file() and (DOCUMENTS / f"{s}.xml").is_file() for s in stems
    )
    assert {p.name for p in INVALID_FILES} == set(EXPECTED)


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: p.name)
def test_valid_example(path: Path) -> None:
    data = path.read_bytes()
    report = kpstandard.validate(data, certificate=_certificate_for(path))
    assert report.verdict is Verdict.VALID, report.findings
    assert not report.findings
    assert not any(layer.reason for layer in report.layers)


@pytest.mark.parametrize(
    "path", [p for p in VALID_FILES if p.suffix == ".json"], ids=lambda p: p.stem
)
def test_example_twins_convert_byte_for_byte(path: Path) -> None:
    json_bytes, xml_bytes = path.read_bytes(), path.with_suffix(".xml").read_bytes()
    assert kpstandard.convert(json_bytes, "xml") == xml_bytes
    assert kpstandard.convert(xml_bytes, "json") == json_bytes
    assert kpstandard.load(json_bytes) == kpstandard.load(xml_bytes)


@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.name)
def test_invalid_example(path: Path) -> None:
    expected = EXPECTED[path.name]
    report = kpstandard.validate(path.read_bytes())
    assert report.verdict is Verdict.INVALID
    assert (expected["code"], expected["location"]) in [
        (f.code, f.location) for f in report.findings
    ]


# --- independent implementations -------------------------------------------------------------


@cache
def _xsd(stem: str) -> tuple[etree.XMLSchema, xmlschema.XMLSchema10]:
    path = ROOT / "spec" / "xml" / f"{stem}.xsd"
    return etree.XMLSchema(etree.parse(str(path))), xmlschema.XMLSchema10(str(path))


@cache
def _json_schema(stem: str) -> tuple[Any, jsonschema.Draft202012Validator]:
    schema = json.loads((ROOT / "spec" / "json" / f"{stem}.schema.json").read_text())
    return (
        jsonschema_rs.Draft202012Validator(schema, validate_formats=True),
        jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        ),
    )


def _stem_of(value: Any) -> str:
    return str(value.get("documentType")) if isinstance(value, dict) else "kp-certificate"


def _xml_stem(root: etree._Element) -> str:
    local = etree.QName(root).localname
    return next(d.file_stem for d in default_model().documents if d.xml_root == local)


def _xml_verdicts(data: bytes) -> tuple[bool, bool]:
    root = etree.fromstring(data)
    libxml2, xsd = _xsd(_xml_stem(root))
    return libxml2.validate(root), xsd.is_valid(etree.tostring(root).decode())


def _json_verdicts(data: bytes) -> tuple[bool, bool]:
    value = json.loads(data)
    rust, python = _json_schema(_stem_of(value))
    return rust.is_valid(value), python.is_valid(value)


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: p.name)
def test_independent_validators_accept_valid_examples(path: Path) -> None:
    verdicts = (
        _json_verdicts(path.read_bytes())
        if path.suffix == ".json"
        else _xml_verdicts(path.read_bytes())
    )
    assert verdicts == (True, True)


@pytest.mark.parametrize(
    "path",
    [p for p in INVALID_FILES if EXPECTED[p.name]["code"] in SCHEMA_EXPRESSIBLE],
    ids=lambda p: p.name,
)
def test_independent_validators_reject_invalid_examples(path: Path) -> None:
    verdicts = (
        _json_verdicts(path.read_bytes())
        if path.suffix == ".json"
        else _xml_verdicts(path.read_bytes())
    )
    assert verdicts == (False, False)
