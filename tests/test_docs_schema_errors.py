"""The published tables from schema errors to codes: the schema layer's own, and sound."""

from __future__ import annotations

from lxml import etree

from kpstandard.findings import CODES, Layer
from kpstandard.specbuild._schema_errors import schema_errors_page
from kpstandard.validation.schema import JSON_KEYWORD_CODES, XSD_ERRORS, _keyword


def test_every_mapped_code_is_a_schema_code() -> None:
    codes = [*JSON_KEYWORD_CODES.values(), *(c for e in XSD_ERRORS for c in e.codes)]
    assert codes
    for code in codes:
        assert CODES[code.code] is code
        assert code.layer is Layer.SCHEMA


def test_libxml2_names_are_libxml2_error_types() -> None:
    names = [name for error in XSD_ERRORS for name in error.libxml2]
    assert len(names) == len(set(names))  # one reading per libxml2 error
    for name in names:
        assert hasattr(etree.ErrorTypes, name), name


def test_xsd_rules_are_named_as_xsd_1_0_names_them() -> None:
    rules = [rule for error in XSD_ERRORS for rule in error.rules]
    assert len(rules) == len(set(rules))
    assert all(rule.startswith("cvc-") for rule in rules)


def test_jsonschema_rs_kinds_map_to_keywords() -> None:
    assert _keyword("AdditionalProperties") == "additionalProperties"
    assert _keyword("Constant") == "const"
    assert _keyword("MinItems") == "minItems"


def test_the_page_lists_every_keyword_and_rule() -> None:
    page = schema_errors_page()
    for keyword in JSON_KEYWORD_CODES:
        assert f"`{keyword}`" in page
    for error in XSD_ERRORS:
        for rule in error.rules:
            assert f"`{rule}`" in page
