"""Property tests: every schema-valid document serializes to valid JSON and XML, and conversion
between the syntaxes is lossless [KP-REQ-031].

The documents come from ``tests/strategies.py``, which builds them from the semantic model, so a
term or a document type added to the model is covered here without a change to this file.

Only schema-level validity is generated (no business rules: totals, code lists, dates), so what is
checked of a report is its input and schema layers; the rules layer runs too, and must not raise.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Any, Literal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

import kpstandard
from kpstandard.findings import DocumentReport, Layer, LayerStatus

from conftest import make_confirmation
from strategies import (
    MODEL,
    conservative_overrides,
    datetime_lexical,
    document_models,
    documents_of,
    json_terms,
    xml_terms,
)

Syntax = Literal["json", "xml"]
SYNTAXES: tuple[Syntax, ...] = ("json", "xml")
OTHER: dict[Syntax, Syntax] = {"json": "xml", "xml": "json"}
READER_LAYERS = (Layer.INPUT, Layer.SCHEMA)

# Whole documents are big (dozens of texts of up to 512 characters), and each example runs two
# parsers and two schema validators a few times over: no per-example deadline.
PROPERTY = settings(deadline=None)  # examples: the profile's (tests/conftest.py)


def _document_params() -> list[Any]:
    """One parameter per document type of the model, by name (a failing example then prints in
    one line). The bugs these properties found (non-canonical base64, offsets xs:dateTime
    refuses, white space around base64 in XML, rewritten DateTime spellings) are fixed."""
    return [pytest.param(d.name, id=d.json_document_type) for d in document_models]


def _conservative(document: str) -> st.SearchStrategy[Any]:
    """Documents whose values keep to what every implementation accepts (base64 of bytes, offsets
    one per document type, so that none is left to chance by st.one_of."""
    return documents_of(document, overrides=conservative_overrides())


# --- checks ------------------------------------------------------------------------------------


def _reader_findings(report: DocumentReport) -> list[dict[str, str]]:
    return [f.to_json() for f in report.findings if f.layer in READER_LAYERS]


def _assert_schema_valid(report: DocumentReport, data: bytes) -> None:
    """The input and schema layers ran and passed, with no finding; the document is bound."""
    statuses = {r.layer: r.status for r in report.layers}
    assert all(statuses.get(layer) is LayerStatus.PASSED for layer in READER_LAYERS), (
        [r.to_json() for r in report.layers],
        _reader_findings(report),
        data.decode("utf-8", "replace"),
    )
    assert _reader_findings(report) == []
    assert report.document is not None


def _check_valid_in_both_syntaxes(doc: Any) -> None:
    for syntax in SYNTAXES:
        data = kpstandard.dumps(doc, syntax)
        report = kpstandard.validate(data)
        _assert_schema_valid(report, data)
        assert report.syntax == syntax
        assert report.document == doc


def _check_lossless(doc: Any) -> None:
    for syntax in SYNTAXES:
        data = kpstandard.dumps(doc, syntax)
        other = kpstandard.convert(data, OTHER[syntax])
        # The other syntax is what dumps writes for the same document...
        assert other == kpstandard.dumps(doc, OTHER[syntax])
        # ...and converting back gives the very same bytes.
        assert kpstandard.convert(other, syntax) == data
        # Reading gives back an equal document, and writing it again gives the same bytes: the
        # lexical form of every value (1.50 stays 1.50, not 1.5) survives the trip.
        loaded = kpstandard.load(data)
        assert type(loaded) is type(doc)
        assert loaded == doc
        assert kpstandard.dumps(loaded, syntax) == data
        assert kpstandard.dumps(loaded, OTHER[syntax]) == other


# --- documents as the model admits them (every lexical form the patterns allow) -----------------
#
# One test over every document type, so that an explicit example shows the known bugs at once
# (Hypothesis would otherwise shrink a large document for minutes). The conservative tests below
# cover each type on its own, with every value the known bugs leave alone.


def _confirmation_with_digest(value: str) -> Any:
    confirmation = make_confirmation()
    certificate = confirmation.certificate
    digest = dataclasses.replace(certificate.digest, value=value)
    return dataclasses.replace(
        confirmation, certificate=dataclasses.replace(certificate, digest=digest)
    )


@PROPERTY
@given(doc=st.one_of([documents_of(d) for d in document_models]))
@example(doc=_confirmation_with_digest("AQ=="))  # canonical base64 of one byte
def test_dumps_is_valid_in_both_syntaxes(doc: Any) -> None:
    _check_valid_in_both_syntaxes(doc)


@PROPERTY
@given(doc=st.one_of([documents_of(d) for d in document_models]))
@example(doc=_confirmation_with_digest("AQ=="))  # canonical base64 of one byte
def test_conversion_is_lossless(doc: Any) -> None:
    _check_lossless(doc)


# --- the same with conservative values, so that the known bugs above hide nothing else ---------


@pytest.mark.parametrize("document", _document_params())
@PROPERTY
@given(data=st.data())
def test_dumps_is_valid_in_both_syntaxes_conservative(document: str, data: st.DataObject) -> None:
    _check_valid_in_both_syntaxes(data.draw(_conservative(document), label="document"))


@pytest.mark.parametrize("document", _document_params())
@PROPERTY
@given(data=st.data())
def test_conversion_is_lossless_conservative(document: str, data: st.DataObject) -> None:
    _check_lossless(data.draw(_conservative(document), label="document"))


def _decimal_texts(obj: Any) -> list[str]:
    """The text of every Decimal in a document, in field order (``str`` keeps trailing zeros)."""
    out: list[str] = []
    if isinstance(obj, Decimal):
        out.append(str(obj))
    elif isinstance(obj, tuple):
        for item in obj:
            out.extend(_decimal_texts(item))
    elif hasattr(obj, "__dataclass_fields__"):
        for name in obj.__dataclass_fields__:
            out.extend(_decimal_texts(getattr(obj, name)))
    return out


@pytest.mark.parametrize("document", _document_params())
@PROPERTY
@given(data=st.data(), syntax=st.sampled_from(SYNTAXES))
def test_decimal_text_is_preserved(document: str, data: st.DataObject, syntax: Syntax) -> None:
    """Decimal("1.50") == Decimal("1.5"), so equal documents do not prove that no trailing zero
    was lost: compare the text of every decimal, and the bytes, after a trip through the other
    syntax."""
    doc = data.draw(_conservative(document), label="document")
    out = kpstandard.dumps(doc, syntax)
    again = kpstandard.convert(kpstandard.convert(out, OTHER[syntax]), syntax)
    assert again == out
    assert _decimal_texts(kpstandard.load(again)) == _decimal_texts(doc)


# --- inputs that are valid but not as dumps writes them --------------------------------------


_XML_SPACE = st.sampled_from([" ", "  ", "\n", "\t", "\n    ", " \t\n "])


@st.composite
def _xml_with_padded_values(draw: st.DrawFn, document: str) -> bytes:
    """A valid document's XML with XML whitespace around the values of 1 or 2 data types (one
    element each). XSD collapses it for non-string types (decimal, integer, date, base64...)."""
    model = MODEL.document(document)
    doc = draw(_conservative(document), label="document")
    root = etree.fromstring(kpstandard.dumps(doc, "xml"))
    by_type: dict[str, list[Any]] = {}
    for element, node in xml_terms(model.root, root):
        assert node.type is not None
        by_type.setdefault(node.type.name, []).append(element)
    for type_name in draw(
        st.lists(st.sampled_from(sorted(by_type)), min_size=1, max_size=2, unique=True),
        label="padded types",
    ):
        element = draw(st.sampled_from(by_type[type_name]))
        element.text = draw(_XML_SPACE) + (element.text or "") + draw(_XML_SPACE)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


@pytest.mark.parametrize("document", _document_params())
@PROPERTY
@given(data=st.data())
def test_valid_xml_converts_to_valid_json(document: str, data: st.DataObject) -> None:
    """Whatever XML validate() accepts at the schema layer converts to JSON that it accepts too,
    holding the same document."""
    xml = data.draw(_xml_with_padded_values(document), label="xml")
    report = kpstandard.validate(xml)
    if any(f.layer in READER_LAYERS for f in report.findings):
        return  # rejected (a padded string, date or boolean): nothing to convert
    out = kpstandard.convert(xml, "json")
    _assert_schema_valid(kpstandard.validate(out), out)
    assert kpstandard.load(out) == kpstandard.load(xml)


def _scalar_text(value: Any) -> str:
    """A JSON scalar as XML writes the same value."""
    return value if isinstance(value, str) else json.dumps(value)


@st.composite
def _json_with_other_lexical_forms(draw: st.DrawFn, document: str) -> bytes:
    """A valid document's JSON with every DateTime written in another valid form (Z, -00:00,
    0 to 6 fraction digits)."""
    model = MODEL.document(document)
    doc = draw(_conservative(document), label="document")
    value = json.loads(kpstandard.dumps(doc, "json"))
    for path, node in list(json_terms(model.root, value)):
        assert node.type is not None
        if node.type.kind == "datetime":
            parent: Any = value
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = draw(datetime_lexical(node.type), label="/".join(map(str, path)))
    return json.dumps(value, indent=2, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("document", _document_params())
@PROPERTY
@given(data=st.data())
def test_conversion_keeps_every_lexical_form(document: str, data: st.DataObject) -> None:
    """A value valid in JSON 'converts without change, and back' (datatypes.yaml): the text of
    every scalar term is the same in the XML, and in the JSON converted back."""
    model = MODEL.document(document)
    source = data.draw(_json_with_other_lexical_forms(document), label="json")
    _assert_schema_valid(kpstandard.validate(source), source)
    xml = kpstandard.convert(source, "xml")
    back = json.loads(kpstandard.convert(xml, "json"))
    value = json.loads(source)

    def texts(tree: Any) -> list[str]:
        return [
            _scalar_text(_get(tree, path))
            for path, node in json_terms(model.root, tree)
            if node.type is not None and node.type.kind != "multilingual"
        ]

    xml_texts = [
        element.text or ""
        for element, node in xml_terms(model.root, etree.fromstring(xml))
        if node.type is not None and node.type.kind != "multilingual"
    ]
    assert xml_texts == texts(value)
    assert texts(back) == texts(value)


def _get(tree: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        tree = tree[part]
    return tree
