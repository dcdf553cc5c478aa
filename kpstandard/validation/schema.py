"""The schema layer: a document against its type's JSON Schema or XSD, with stable codes.

The hot path asks only "valid?" of a compiled validator (jsonschema-rs, libxml2); the explaining
path runs when the answer is no, and turns each error into a finding located in the document's own
syntax and tied to the requirement of the term it concerns.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Any

import jsonschema_rs
from lxml import etree

from kpstandard import findings as F
from kpstandard._resources import spec_dir
from kpstandard.findings import Code, Finding
from kpstandard.model.meta import DocumentModel, Node
from kpstandard.syntax._json import pointer
from kpstandard.syntax._xml import PREFIX, node_at, xpath_of

__all__ = [
    "JSON_KEYWORD_CODES",
    "XSD_ERRORS",
    "XsdError",
    "check_json",
    "check_xml",
    "json_schema",
    "xml_schema",
]


@cache
def json_schema(document: DocumentModel) -> dict[str, Any]:
    """The committed JSON Schema of a document type."""
    path = spec_dir() / "json" / f"{document.file_stem}.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@cache
def _json_validator(document: DocumentModel) -> Any:
    return jsonschema_rs.Draft202012Validator(json_schema(document), validate_formats=True)


_local = threading.local()


def xml_schema(document: DocumentModel) -> etree.XMLSchema:
    """The committed XSD of a document type, compiled (once per thread: libxml2 schemas are not
    safe to share between threads)."""
    cache_: dict[str, etree.XMLSchema] = getattr(_local, "schemas", None) or {}
    _local.schemas = cache_
    schema = cache_.get(document.file_stem)
    if schema is None:
        path = spec_dir() / "xml" / f"{document.file_stem}.xsd"
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        schema = cache_[document.file_stem] = etree.XMLSchema(etree.parse(str(path), parser))
    return schema


# --- JSON --------------------------------------------------------------------------------------

JSON_KEYWORD_CODES: dict[str, Code] = {
    "required": F.MISSING,
    "additionalProperties": F.UNEXPECTED,
    "unevaluatedProperties": F.UNEXPECTED,
    "enum": F.NOT_ALLOWED_VALUE,
    "const": F.NOT_ALLOWED_VALUE,
    "minItems": F.OCCURRENCES,
    "maxItems": F.OCCURRENCES,
    "minProperties": F.OCCURRENCES,
    "maxProperties": F.OCCURRENCES,
    "pattern": F.BAD_FORM,
    "format": F.BAD_FORM,
    "type": F.BAD_FORM,
    "minLength": F.BAD_FORM,
    "maxLength": F.BAD_FORM,
    "minimum": F.BAD_FORM,
    "maximum": F.BAD_FORM,
    "propertyNames": F.BAD_FORM,
}
"""The code of a finding for each JSON Schema keyword a document can fail; any other: KP-S-099.

Two exceptions: ``minItems`` failed by an empty array of a required list is KP-S-001 (an empty
array is the JSON spelling of an absent list), and ``propertyNames`` failed by a language tag
cites the multilingual-text requirement. The docs publish this table for implementers.
"""


def _keyword(kind_name: str) -> str:
    """The JSON Schema keyword of a jsonschema-rs error kind (``AdditionalProperties`` ...)."""
    return "const" if kind_name == "Constant" else kind_name[:1].lower() + kind_name[1:]


def _json_node(document: DocumentModel, path: Sequence[str | int]) -> Node | None:
    node: Node | None = document.root
    for part in path:
        if node is None:
            return None
        if isinstance(part, int) or (node.type is not None and node.type.kind == "multilingual"):
            continue  # an array index, or a language tag
        node = next((c for c in node.children if c.json == part), None)
    return node


def _requirement(node: Node | None) -> str | None:
    return node.requirements[0] if node is not None and node.requirements else None


def _json_finding(document: DocumentModel, error: Any) -> Finding:
    kind = error.kind
    kind_name = type(kind).__name__
    code = JSON_KEYWORD_CODES.get(_keyword(kind_name), F.SCHEMA_OTHER)
    path: list[str | int] = list(error.instance_path)
    if kind_name == "Required":
        path.append(kind.property)
    elif kind_name in ("AdditionalProperties", "UnevaluatedProperties") and kind.unexpected:
        path.append(kind.unexpected[0])
    elif kind_name == "PropertyNames" and isinstance(kind.error.instance, str):
        path.append(kind.error.instance)  # the offending name (a language tag)
    node = _json_node(document, path)
    if kind_name == "PropertyNames" and node is not None and node.type is not None:
        return F.make_finding(code, pointer(path), error.message, LANGUAGE_REQUIREMENT)
    if kind_name == "MinItems" and error.instance == [] and node is not None and node.required:
        # An empty array is the JSON spelling of an absent list: in XML the elements are missing.
        code = F.MISSING
    return F.make_finding(code, pointer(path), error.message, _requirement(node))


def _unencodable(document: DocumentModel, value: Any, path: list[str | int]) -> list[Finding]:
    """Locate strings with a lone surrogate (a ``\\uD800`` escape): no Unicode text can hold one."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            message = "the text has a lone surrogate escape, which is no Unicode character"
            return [
                F.make_finding(
                    F.BAD_FORM, pointer(path), message, _requirement(_json_node(document, path))
                )
            ]
        return []
    items: Any = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    found = []
    for key, item in items:
        found += _unencodable(document, key, [*path, key]) if isinstance(key, str) else []
        found += _unencodable(document, item, [*path, key])
    return found


def json_valid(document: DocumentModel, value: Any) -> bool:
    """Whether a parsed JSON value is valid against its type's schema (the fast question)."""
    try:
        valid: bool = _json_validator(document).is_valid(value)
    except UnicodeEncodeError:  # a lone surrogate: jsonschema-rs cannot take the string
        return False
    return valid


def xml_valid(document: DocumentModel, root: etree._Element) -> bool:
    """Whether an XML tree is valid against its type's XSD (the fast question)."""
    return bool(xml_schema(document).validate(root))


def check_json(document: DocumentModel, value: Any) -> list[Finding]:
    """Validate a parsed JSON value against its type's schema; return every finding."""
    validator = _json_validator(document)
    try:
        if validator.is_valid(value):
            return []
        # jsonschema-rs collects every error at once, each with a copy of its instance: errors
        # about the members of one huge object cost the square of its size. The explanation
        # reads a view in which no object or array is longer than any the standard allows.
        view = _bounded(value)
        errors = list(islice(validator.iter_errors(view), MAX_FINDINGS + 1))
        if not errors and view is not value:  # every defect lies beyond the view's bounds
            errors = list(islice(validator.iter_errors(value), MAX_FINDINGS + 1))
    except UnicodeEncodeError:  # a lone surrogate escape: jsonschema-rs cannot take the string
        return _unencodable(document, value, [])
    findings = []
    for count, error in enumerate(errors):
        if count == MAX_FINDINGS:
            findings.append(_too_many())
            break
        kind_name = type(error.kind).__name__
        if kind_name == "AdditionalProperties" and len(error.kind.unexpected) > 1:
            for name in error.kind.unexpected:
                path = [*error.instance_path, name]
                findings.append(
                    F.make_finding(
                        F.UNEXPECTED,
                        pointer(path),
                        f"member {name!r} is not allowed here",
                        _requirement(_json_node(document, path[:-1])),
                    )
                )
            continue
        findings.append(_json_finding(document, error))
    return list(F.dedupe(sorted(findings, key=lambda f: f.location)))


# --- XML ---------------------------------------------------------------------------------------

MAX_FINDINGS = 100
"""Schema findings reported per document; a document with more is reported as such."""


def _too_many(count: int | None = None) -> Finding:
    total = f"{count} schema errors in all" if count is not None else "more schema errors"
    message = f"{total}; only the first {MAX_FINDINGS} are listed"
    return F.make_finding(F.SCHEMA_OTHER, "", message)


MAX_EXPLAINED_ENTRIES = 256
"""The longest object or array the explaining path reads in full. Objects of the standard are
shorter (a multilingual text has at most 32 versions), so a longer one stays over its bound in the
view; an array of the standard may be longer, and where its defects all lie beyond the view, the
whole value is explained (each of those errors is then about one small item, at linear cost)."""


def _bounded(value: Any) -> Any:
    """``value``, or a copy whose objects and arrays keep only their first entries."""
    if not _oversized(value):
        return value
    return _truncated(value)


def _oversized(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if len(item) > MAX_EXPLAINED_ENTRIES:
                return True
            stack.extend(item.values())
        elif isinstance(item, list):
            if len(item) > MAX_EXPLAINED_ENTRIES:
                return True
            stack.extend(item)
    return False


def _truncated(value: Any) -> Any:
    if isinstance(value, dict):
        kept = islice(value.items(), MAX_EXPLAINED_ENTRIES)
        return {key: _truncated(item) for key, item in kept}
    if isinstance(value, list):
        return [_truncated(item) for item in value[:MAX_EXPLAINED_ENTRIES]]
    return value


LANGUAGE_REQUIREMENT = "KP-REQ-005"
"""Language tags serve the multilingual-text requirement, whichever text they tag."""
XML_LANG_NAME = "{http://www.w3.org/XML/1998/namespace}lang"

_DUPLICATE_LANGUAGE = re.compile(
    r"Duplicate key-sequence \['(?P<lang>[^']*)'\] in unique identity-constraint "
    r"'[^']*\.language'"
)
"""libxml2's report of the ``xs:unique`` on ``@xml:lang`` that the XSD has per multilingual text."""

_EXPECTED = re.compile(r"Expected is (?:one of )?\( ([^)]*) \)")
_NAME_IN_BRACES = re.compile(r"\{[^}]*\}([A-Za-z0-9_]+)|##other\{[^}]*\}\*")


@dataclass(frozen=True)
class XsdError:
    """How the schema layer reads one kind of XSD validation error."""

    rules: tuple[str, ...]
    """The validation rules of XSD 1.0 Part 1 (``cvc-...``), as Xerces cites them."""
    libxml2: tuple[str, ...]
    """libxml2's names for them (lxml's ``type_name``); empty when libxml2 does not report it."""
    codes: tuple[Code, ...]
    """The finding codes; more than one when the model decides between them, none when another
    error reported with it says why."""
    meaning: str
    """What the error means in a document of the standard, and how the code is chosen."""


_FORM = "A value is not of the form its data type requires"
XSD_ERRORS: tuple[XsdError, ...] = (
    XsdError(
        ("cvc-complex-type.2.4",),
        ("SCHEMAV_ELEMENT_CONTENT",),
        (F.MISSING, F.OCCURRENCES, F.UNEXPECTED),
        "An element where the content model does not allow it, or content that ends too early "
        "(Xerces: 2.4.a, 2.4.b, 2.4.d). KP-S-001 when a required element is missing (before the "
        "element found, or at the end); KP-S-005 when an element that occurs at most once occurs "
        "again; KP-S-002 for an unknown or foreign element, or one out of order",
    ),
    XsdError(
        ("cvc-complex-type.4",),
        ("SCHEMAV_CVC_COMPLEX_TYPE_4",),
        (F.MISSING,),
        "A required attribute is missing: xml:lang on a multilingual text",
    ),
    XsdError(
        ("cvc-complex-type.3.2.1", "cvc-complex-type.3.2.2"),
        ("SCHEMAV_CVC_COMPLEX_TYPE_3_2_1", "SCHEMAV_CVC_COMPLEX_TYPE_3_2_2"),
        (F.UNEXPECTED,),
        "An attribute that the schema does not allow here",
    ),
    XsdError(
        ("cvc-identity-constraint.4.1",),
        ("SCHEMAV_CVC_IDC",),
        (F.DUPLICATE_LANGUAGE,),
        "Two versions of one multilingual text in one language: the xs:unique on @xml:lang "
        "that the XSD gives each multilingual text (named after it, ending in .language)",
    ),
    XsdError(
        ("cvc-enumeration-valid",),
        ("SCHEMAV_CVC_ENUMERATION_VALID",),
        (F.NOT_ALLOWED_VALUE,),
        "A value that is not one of those the standard lists (a status, a role, an algorithm)",
    ),
    XsdError(
        ("cvc-datatype-valid.1.2.1", "cvc-datatype-valid.1.2.2", "cvc-datatype-valid.1.2.3"),
        (
            "SCHEMAV_CVC_DATATYPE_VALID_1_2_1",
            "SCHEMAV_CVC_DATATYPE_VALID_1_2_2",
            "SCHEMAV_CVC_DATATYPE_VALID_1_2_3",
        ),
        (F.BAD_FORM,),
        f"{_FORM}: not a decimal, a date, an integer, a language tag...",
    ),
    XsdError(
        ("cvc-pattern-valid",),
        ("SCHEMAV_CVC_PATTERN_VALID",),
        (F.BAD_FORM,),
        f"{_FORM}: the pattern of its type (a certificate number, an HS code, a decimal)",
    ),
    XsdError(
        ("cvc-length-valid", "cvc-minLength-valid", "cvc-maxLength-valid"),
        (
            "SCHEMAV_CVC_LENGTH_VALID",
            "SCHEMAV_CVC_MINLENGTH_VALID",
            "SCHEMAV_CVC_MAXLENGTH_VALID",
        ),
        (F.BAD_FORM,),
        f"{_FORM}: too short or too long",
    ),
    XsdError(
        (
            "cvc-minInclusive-valid",
            "cvc-maxInclusive-valid",
            "cvc-minExclusive-valid",
            "cvc-maxExclusive-valid",
        ),
        (
            "SCHEMAV_CVC_MININCLUSIVE_VALID",
            "SCHEMAV_CVC_MAXINCLUSIVE_VALID",
            "SCHEMAV_CVC_MINEXCLUSIVE_VALID",
            "SCHEMAV_CVC_MAXEXCLUSIVE_VALID",
        ),
        (F.BAD_FORM,),
        f"{_FORM}: out of range",
    ),
    XsdError(
        ("cvc-totalDigits-valid", "cvc-fractionDigits-valid"),
        ("SCHEMAV_CVC_TOTALDIGITS_VALID", "SCHEMAV_CVC_FRACTIONDIGITS_VALID"),
        (F.BAD_FORM,),
        f"{_FORM}: too many digits",
    ),
    XsdError(
        ("cvc-type.3.1.2", "cvc-complex-type.2.2"),
        ("SCHEMAV_CVC_TYPE_3_1_2", "SCHEMAV_CVC_COMPLEX_TYPE_2_2"),
        (F.BAD_FORM,),
        f"{_FORM}: an element inside a value or a text",
    ),
    XsdError(
        ("cvc-attribute.3",),
        ("SCHEMAV_CVC_ATTRIBUTE_3",),
        (F.BAD_FORM,),
        f"{_FORM}: the value of an attribute (xml:lang: a language tag the standard does not "
        "allow)",
    ),
    XsdError(
        ("cvc-elt.4.1",),
        ("SCHEMAV_CVC_ELT_4_1",),
        (F.BAD_FORM,),
        f"{_FORM}: an xsi:type that is not a QName",
    ),
    XsdError(
        ("cvc-type.3.1.3",),
        (),
        (),
        "Xerces's summary of a value its type refuses, reported after the facet error that says "
        "why (cvc-pattern-valid, cvc-enumeration-valid...): take that one's code",
    ),
)
"""XSD errors and the codes the schema layer gives them; any other error: KP-S-099 (xsi:nil on a
required value, an xsi:type of another type, ...). The docs publish this table for implementers.
"""

_XSD_CODES: dict[str, Code] = {
    name: error.codes[0] for error in XSD_ERRORS if len(error.codes) == 1 for name in error.libxml2
}
"""libxml2's error name -> code, for the errors with one code."""


def _child_path(document: DocumentModel, parent: etree._Element, local: str) -> str:
    return f"{xpath_of(document, parent)}/{PREFIX}:{local}"


def _content_finding(document: DocumentModel, element: etree._Element, message: str) -> Finding:
    """Interpret libxml2's "element content" errors with the model: what is really wrong?"""
    expected_match = _EXPECTED.search(message)
    expected = _NAME_IN_BRACES.findall(expected_match.group(1)) if expected_match else []
    expected = [e for e in expected if e]
    if "Missing child element" in message:
        node = node_at(document, element)
        # libxml2 lists what may come next, which can be only more of a repeatable element
        # already there: the missing one is the first required child the element lacks.
        present = {etree.QName(c).localname for c in element if isinstance(c.tag, str)}
        lacking = [
            c.xml
            for c in (node.children if node is not None else ())
            if c.required and c.xml not in present
        ]
        missing = [name for name in lacking if name in expected] or lacking
        local = missing[0] if missing else expected[0] if expected else "*"
        child = next((c for c in node.children if c.xml == local), None) if node else None
        return F.make_finding(
            F.MISSING,
            _child_path(document, element, local),
            f"{local} is missing from {etree.QName(element).localname}",
            _requirement(child or node),
        )
    parent = element.getparent()
    parent_node = node_at(document, parent) if parent is not None else None
    local = etree.QName(element).localname
    names = [c.xml for c in parent_node.children] if parent_node is not None else []
    if etree.QName(element).namespace != document.xml_namespace or local not in names:
        return F.make_finding(
            F.UNEXPECTED,
            xpath_of(document, element),
            f"element {element.tag} is not allowed here",
            _requirement(parent_node),
        )
    assert parent is not None
    assert parent_node is not None
    node = parent_node.children[names.index(local)]
    earlier = [c for c in parent.iterchildren(element.tag) if c is not element]
    multilingual = node.type is not None and node.type.kind == "multilingual"
    if not node.repeated and not multilingual and earlier:
        return F.make_finding(
            F.OCCURRENCES,
            xpath_of(document, element),
            f"{local} may occur only once here",
            _requirement(node),
        )
    # A known element arrived where another was expected: the expected one is missing (or this one
    # is out of order).
    required = [
        c
        for c in parent_node.children
        if c.xml in expected
        and c.required
        and parent.find(f"{{{document.xml_namespace}}}{c.xml}") is None
    ]
    if required:
        return F.make_finding(
            F.MISSING,
            _child_path(document, parent, required[0].xml),
            f"{required[0].xml} is missing from {etree.QName(parent).localname}",
            _requirement(required[0]),
        )
    return F.make_finding(
        F.UNEXPECTED,
        xpath_of(document, element),
        f"{local} is out of order here; expected {', '.join(expected) or 'the end of the element'}",
        _requirement(node),
    )


def _prefixes(root: etree._Element) -> dict[str, str]:
    """The prefixes the document declares: libxml2 writes its error paths with them."""
    declared: dict[str, str] = {}
    for element in root.iter():
        for prefix, uri in element.nsmap.items():
            if prefix is not None:
                declared.setdefault(prefix, uri)
    return declared


def _xml_finding(
    document: DocumentModel, root: etree._Element, entry: Any, prefixes: dict[str, str]
) -> Finding:
    try:
        found = root.getroottree().xpath(entry.path, namespaces=prefixes) if entry.path else []
    except etree.XPathError:
        found = []
    element = found[0] if isinstance(found, list) and found else None
    if not isinstance(element, etree._Element):
        element = None
    message = entry.message
    location = xpath_of(document, element) if element is not None else ""
    requirement = _requirement(node_at(document, element)) if element is not None else None
    kind = entry.type_name
    if element is not None and kind == "SCHEMAV_ELEMENT_CONTENT":
        return _content_finding(document, element, message)
    if kind == "SCHEMAV_CVC_IDC":
        duplicate = _DUPLICATE_LANGUAGE.search(message)
        if duplicate is None:
            return F.make_finding(F.SCHEMA_OTHER, location, message, requirement)
        # libxml2 names the second version, where the binder of an XSD without it would.
        return F.make_finding(
            F.DUPLICATE_LANGUAGE,
            location,
            f"a second version in language {duplicate.group('lang')!r}",
            LANGUAGE_REQUIREMENT,
        )
    code = _XSD_CODES.get(kind, F.SCHEMA_OTHER)
    if code is F.MISSING:  # a required attribute: xml:lang
        return F.make_finding(F.MISSING, f"{location}/@xml:lang", message, LANGUAGE_REQUIREMENT)
    if code is F.BAD_FORM and XML_LANG_NAME in message:  # the value of xml:lang, not the element's
        requirement = LANGUAGE_REQUIREMENT
    return F.make_finding(code, location, message, requirement)


def check_xml(document: DocumentModel, root: etree._Element) -> list[Finding]:
    """Validate an XML tree against its type's XSD; return every finding."""
    schema = xml_schema(document)
    if schema.validate(root):
        return []
    entries: list[Any] = list(schema.error_log)  # type: ignore[call-overload]  # iterable; stubs lag
    prefixes = _prefixes(root)
    findings = [_xml_finding(document, root, entry, prefixes) for entry in entries[:MAX_FINDINGS]]
    if len(entries) > MAX_FINDINGS:
        findings.append(_too_many(len(entries)))
    # libxml2 reports a bad value once per failed facet and once for the type: keep one of each.
    return list(F.dedupe(findings))
