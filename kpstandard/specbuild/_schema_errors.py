"""The reference page that maps JSON Schema and XSD validation errors to the standard's codes.

Generated from the tables the schema layer itself uses (:mod:`kpstandard.validation.schema`), so
that an implementation in another language, which validates with its own JSON Schema or XSD
validator, can answer with the codes the reference gives.
"""

from __future__ import annotations

from kpstandard.findings import CODES, Code
from kpstandard.specbuild._docs import _code, _esc, _page, _ref
from kpstandard.syntax.limits import DEFAULT_LIMITS
from kpstandard.validation.schema import JSON_KEYWORD_CODES, XSD_ERRORS

PATH = "docs/reference/schema-errors.md"


def _codes(codes: tuple[Code, ...]) -> str:
    return ", ".join(_ref(c.code.lower(), c.code) for c in codes) or "—"


def schema_errors_page() -> str:
    """The page: one table per schema language, then what no schema checks."""
    other = CODES["KP-S-099"]
    by_code: dict[str, list[str]] = {}
    for keyword, code in JSON_KEYWORD_CODES.items():
        by_code.setdefault(code.code, []).append(keyword)
    json_rows = "\n".join(
        f"| {', '.join(_code(k) for k in keywords)} | {_ref(code.lower(), code)} "
        f"| {_esc(CODES[code].title)} |"
        for code, keywords in sorted(by_code.items())
    )
    xsd_rows = "\n".join(
        f"| {', '.join(_code(r) for r in error.rules)} "
        f"| {', '.join(_code(n) for n in error.libxml2) or '—'} "
        f"| {_codes(error.codes)} | {_esc(error.meaning)} |"
        for error in XSD_ERRORS
    )
    limits = (
        f"{DEFAULT_LIMITS.max_bytes // 1024} KiB, {DEFAULT_LIMITS.max_depth} levels, "
        f"{DEFAULT_LIMITS.max_namespaces} namespace declarations"
    )
    body = f"""
An implementation in another language validates a document with its own JSON Schema or XSD
validator, against the standard's {_ref("reference", "schemas")}. To report what is wrong with
the standard's {_ref("findings", "finding codes")} (as the conformance suite asks), map each error
of the validator to a code with these tables. They are the tables the reference implementation
uses (`kpstandard/validation/schema.py`), generated from it.

## JSON Schema keywords

A document fails a keyword of the JSON Schema 2020-12: report the code of that keyword. Any other
keyword: {_ref(other.code.lower(), other.code)} ({_esc(other.title.lower())}).

| keyword | code | the code means |
| --- | --- | --- |
{json_rows}

Two exceptions, where the model decides:

- `minItems` failed by an **empty array of a required list** is {_ref("kp-s-001", "KP-S-001")}
  (missing): an empty array is the JSON spelling of an absent list, which XML writes by leaving
  the elements out.
- `propertyNames` failed by a **language tag** (a member of a multilingual text) is
  {_ref("kp-s-003", "KP-S-003")} at the member, for requirement
  {_ref("kp-req-005", "KP-REQ-005")}.

## XSD validation errors

A document fails a validation rule of XSD 1.0: report the code of that rule. Xerces (Java's
`javax.xml.validation`) begins its messages with the rule (`cvc-pattern-valid: Value '…' is not
facet-valid…`); libxml2 (xmllint, lxml, PHP, Ruby's Nokogiri) gives its own name for it; .NET's
`XmlSchemaValidationException` and the xmlschema package describe it in words. Any other error:
{_ref(other.code.lower(), other.code)} (for example `cvc-elt.3.1`, `xsi:nil` on an element that
is not nillable, or `cvc-elt.4.3`, an `xsi:type` the element's type does not derive from).

| XSD 1.0 rule | libxml2 | code | in a document of the standard |
| --- | --- | --- | --- |
{xsd_rows}

Xerces reports one error per failed rule, libxml2 sometimes one per failed facet and one for the
type: report each code once per location.

## What no schema checks

Some defects are invisible to a schema validator, because the parser has already resolved or
dropped them before the validator sees the document. An implementation must check them at its
input, before or while parsing; the {_ref("guide-other-languages", "guide for other languages")}
says how in Java, .NET and Node.

- **Duplicate JSON members** ({_ref("kp-p-006", "KP-P-006")}): most JSON parsers keep the last of
  two members with one name, so the schema sees one. Refuse the document while parsing.
- **Lone surrogates in JSON strings** ({_ref("kp-s-003", "KP-S-003")}): `"\\ud800"` is valid JSON
  syntax but no Unicode text; some parsers replace it, some keep it, a schema validator sees
  whatever is left.
- **DTDs, entity declarations and references** ({_ref("kp-p-004", "KP-P-004")}): an XML parser
  expands entities and reads the internal subset before validation; a document of the standard
  has no document type declaration at all. Turn DTD processing off and refuse a `DOCTYPE`.
- **Size, depth and namespace declarations** ({_ref("kp-p-002", "KP-P-002")},
  {_ref("kp-p-005", "KP-P-005")}, {_ref("kp-p-008", "KP-P-008")}): bound them before parsing
  the whole (the reference: {limits}).
"""
    return _page("Schema errors and finding codes", body, label="schema-errors")
