"""Area ``schema``: the golden documents, and syntax-tree mutations each the schema must catch.

Every expectation here is written by hand from the standard: the codes are those of the defect's
nature (a missing element is KP-S-001, a value of the wrong form KP-S-003...); where the same defect
can honestly be described in two ways (an element out of order is unexpected here, or another one
is missing), both codes are listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from kpstandard.conformance.generate._common import (
    INPUT_CODES,
    SCHEMA_CODES,
    certificate_of,
    codes,
    rules_of,
    verification_time_of,
)
from kpstandard.conformance.generate._draft import Accept, Bytes, Draft, Reject
from kpstandard.conformance.generate._golden import (
    GOLDEN,
    GOLDEN_1_1,
    XML_LANG,
    golden_bytes,
    json_bytes,
    json_tree,
    xml_bytes,
    xml_tree,
)
from kpstandard.conformance.generate._trees import jdel, jset, xadd, xdel, xget, xset

__all__ = ["drafts"]

AREA = "schema"
ROLES = ("validator",)

S001, S002, S003, S004, S005, S006 = codes("S", 1, 2, 3, 4, 5, 6)
S099 = "KP-S-099"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

JsonEdit = Callable[[Any], None]
XmlEdit = Callable[[etree._Element], None]


@dataclass(frozen=True)
class TreeCase:
    """A named change of a golden document's tree, in one or both syntaxes, and its expectation."""

    name: str
    description: str
    requirement: str
    base: str
    json: JsonEdit | None
    xml: XmlEdit | None
    expected: Accept | Reject
    xml_expected: Accept | Reject | None = None
    """When the XML spelling of the defect justifies other codes than the JSON one."""
    comment: str | None = None
    pending: str | None = None
    """Why the case waits outside the suite (a fix it needs), if it does."""


def _title_in_languages(count: int) -> dict[str, str]:
    others = [
        *("af", "am", "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el"),
        *("es", "et", "fa", "fi", "fr", "ga", "gl", "he", "hi", "hr", "hu", "hy", "id", "is"),
        *("it", "ja", "ka", "kk", "km", "kn", "ko"),
    ]
    title = {"en": "Kimberley Process Certificate"}
    for tag in others[: count - 1]:
        title[tag] = f"Kimberley Process Certificate ({tag})"
    return title


def _json_title_languages(value: Any) -> None:
    value["title"] = _title_in_languages(32)


def _xml_title_languages(root: etree._Element) -> None:
    title = xget(root, "Title")
    snippets = "".join(
        f'<Title xml:lang="{tag}">{text}</Title>'
        for tag, text in _title_in_languages(32).items()
        if tag != "en"
    )
    xadd(root, "Title", snippets)
    assert title.get(XML_LANG) == "en"


_OPTIONAL_JSON = (
    "issuingAuthority/address",
    "shipment/lines/0/qualityCharacteristics",
    "shipment/lines/1/qualityCharacteristics",
    "shipment/securityBags",
    "validation/officerFunction",
    "validation/place",
)
_OPTIONAL_XML = (
    "IssuingAuthority/Address",
    "Shipment/Line[1]/QualityCharacteristics",
    "Shipment/Line[2]/QualityCharacteristics",
    "Shipment/SecurityBag",
    "Shipment/SecurityBag",
    "Validation/OfficerFunction",
    "Validation/Place",
)


def _json_without_optionals(value: Any) -> None:
    for path in _OPTIONAL_JSON:
        jdel(value, path)


def _xml_without_optionals(root: etree._Element) -> None:
    for path in _OPTIONAL_XML:
        xdel(root, path)


def _reversed_members(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _reversed_members(v) for k, v in reversed(value.items())}
    if isinstance(value, list):
        return [_reversed_members(v) for v in value]
    return value


def _json_reorder(value: Any) -> None:
    reordered = _reversed_members(value)
    value.clear()
    value.update(reordered)


def _xml_without_lines(root: etree._Element) -> None:
    for _ in range(2):
        xdel(root, "Shipment/Line")


def _xml_lang_missing(root: etree._Element) -> None:
    del xget(root, "Title").attrib[XML_LANG]


def _xml_duplicate_language(root: etree._Element) -> None:
    xadd(root, "Exporter/Name", '<Name xml:lang="en">Kalahari Rough Diamonds</Name>')


def _xml_out_of_order(root: etree._Element) -> None:
    expiry = xget(root, "DateOfExpiry")
    xget(root, "DateOfIssue").addprevious(expiry)


def _xml_foreign_element(root: etree._Element) -> None:
    xadd(root, "Validation/Place", '<x:Remark xmlns:x="urn:example:other">a remark</x:Remark>')


def _xml_attribute(root: etree._Element) -> None:
    xget(root, "Status").set("reason", "none")


def _xml_xsi(attribute: str, value: str, extra: str = "") -> XmlEdit:
    def edit(root: etree._Element) -> None:
        place = xget(root, "Validation/Place")
        place.set(f"{{{XSI}}}{attribute}", value)
        if extra:
            place.text = extra

    return edit


def _xml_child_in_text(root: etree._Element) -> None:
    place = xget(root, "Validation/Place")
    place.text = "Gabo"
    child = etree.SubElement(place, f"{{{etree.QName(root).namespace}}}Place")
    child.text = "rone"


def _national_data_json(value: Any) -> None:
    value["additionalData"] = [{"name": "BW-INTERNAL-FILE", "value": "MME/DH/2026/0211"}]


def _national_data_xml(root: etree._Element) -> None:
    xadd(
        root,
        "Validation",
        "<AdditionalData><Name>BW-INTERNAL-FILE</Name><Value>MME/DH/2026/0211</Value>"
        "</AdditionalData>",
    )


LONG_NAME = "Kalahari Rough Diamond Traders " + "x" * (512 - 31)
assert len(LONG_NAME) == 512
TOO_LONG_NAME = LONG_NAME + "x"

BW = "bw-eu-unmixed"
IC = "ic-bw-eu-unmixed"

# Positives beyond the golden documents: conforming inputs at the edge of what the schema allows.
POSITIVES: tuple[TreeCase, ...] = (
    TreeCase(
        "optional-elements-absent",
        "A certificate without any of its optional elements (authority address, quality "
        "characteristics, security bags, officer's function, place) is valid",
        "KP-REQ-001",
        BW,
        _json_without_optionals,
        _xml_without_optionals,
        Accept(codes("S", 1)),
    ),
    TreeCase(
        "text-of-512-characters",
        "A text of 512 characters, the most the Text type allows, is valid",
        "KP-REQ-011",
        BW,
        lambda v: jset(v, "exporter/name/en", LONG_NAME),
        lambda r: xset(r, "Exporter/Name", LONG_NAME),
        Accept((S003,)),
    ),
    TreeCase(
        "title-in-32-languages",
        "A title in 32 languages, English among them, the most a multilingual text allows",
        "KP-REQ-005",
        BW,
        _json_title_languages,
        _xml_title_languages,
        Accept((S005, S006)),
    ),
    TreeCase(
        "national-data-element-unknown-to-the-receiver",
        "A national data element the receiver does not know, in the place reserved for it: the "
        "receiver must not reject the document for it",
        "KP-REQ-046",
        BW,
        _national_data_json,
        _national_data_xml,
        Accept((S002,)),
    ),
    TreeCase(
        "members-in-another-order",
        "JSON members in reverse order: member order carries no meaning in JSON",
        "KP-REQ-001",
        BW,
        _json_reorder,
        None,
        Accept((S002, "KP-P-003")),
    ),
    TreeCase(
        "multiple-origin-countries",
        "A line of unmixed origin from two countries lists both",
        "KP-REQ-004",
        BW,
        lambda v: jset(v, "shipment/lines/0/origin/countries", ["BW", "ZA"]),
        lambda r: xadd(r, "Shipment/Line[1]/Origin/Country", "<Country>ZA</Country>"),
        Accept((S005, "KP-R-008")),
    ),
)

NEGATIVES: tuple[TreeCase, ...] = (
    # --- KP-S-001: a required element or member is missing -------------------------------
    TreeCase(
        "missing-certificate-number",
        "The certificate number is missing",
        "KP-REQ-006",
        BW,
        lambda v: jdel(v, "certificateNumber"),
        lambda r: xdel(r, "CertificateNumber"),
        Reject((S001,)),
    ),
    TreeCase(
        "missing-spec-version",
        "The version of the standard is missing",
        "KP-REQ-032",
        BW,
        lambda v: jdel(v, "specVersion"),
        lambda r: xdel(r, "SpecVersion"),
        Reject((S001,)),
    ),
    TreeCase(
        "missing-title",
        "The title is missing",
        "KP-REQ-002",
        BW,
        lambda v: jdel(v, "title"),
        lambda r: xdel(r, "Title"),
        Reject((S001,)),
    ),
    TreeCase(
        "missing-statement",
        "The statement is missing",
        "KP-REQ-003",
        BW,
        lambda v: jdel(v, "statement"),
        lambda r: xdel(r, "Statement"),
        Reject((S001,)),
    ),
    TreeCase(
        "missing-status",
        "The status (original or replacement) is missing",
        "KP-REQ-034",
        BW,
        lambda v: jdel(v, "status"),
        lambda r: xdel(r, "Status"),
        Reject((S001,)),
    ),
    TreeCase(
        "missing-date-of-issue",
        "The date of issue is missing",
        "KP-REQ-008",
        BW,
        lambda v: jdel(v, "dateOfIssue"),
        lambda r: xdel(r, "DateOfIssue"),
        Reject((S001,)),
    ),
    TreeCase(
        "missing-date-of-expiry",
        "The date of expiry is missing",
        "KP-REQ-009",
        BW,
        lambda v: jdel(v, "dateOfExpiry"),
        lambda r: xdel(r, "DateOfExpiry"),
        Reject((S001,)),
    ),
    TreeCase(
        "missing-issuing-authority-identifier",
        "The issuing authority has no identifier",
        "KP-REQ-010",
        BW,
        lambda v: jdel(v, "issuingAuthority/identifier"),
        lambda r: xdel(r, "IssuingAuthority/Identifier"),
        Reject((S001,)),
    ),
    TreeCase(
        "missing-exporter-address",
        "The exporter has no address",
        "KP-REQ-011",
        BW,
        lambda v: jdel(v, "exporter/address"),
        lambda r: xdel(r, "Exporter/Address"),
        Reject((S001,)),
    ),
    TreeCase(
        "missing-importer-country",
        "The importer has no country",
        "KP-REQ-011",
        BW,
        lambda v: jdel(v, "importer/country"),
        lambda r: xdel(r, "Importer/Country"),
        Reject((S001,)),
    ),
    TreeCase(
        "missing-line-hs-code",
        "A line has no HS code",
        "KP-REQ-015",
        BW,
        lambda v: jdel(v, "shipment/lines/0/hsCode"),
        lambda r: xdel(r, "Shipment/Line[1]/HSCode"),
        Reject((S001,)),
    ),
    TreeCase(
        "missing-line-origin",
        "A line states no origin at all",
        "KP-REQ-004",
        BW,
        lambda v: jdel(v, "shipment/lines/0/origin"),
        lambda r: xdel(r, "Shipment/Line[1]/Origin"),
        Reject((S001,)),
    ),
    TreeCase(
        "missing-line-carats",
        "A line has no carat weight",
        "KP-REQ-012",
        BW,
        lambda v: jdel(v, "shipment/lines/0/carats"),
        lambda r: xdel(r, "Shipment/Line[1]/Carats"),
        Reject((S001,)),
    ),
    TreeCase(
        "missing-line-value",
        "A line has no value in US$",
        "KP-REQ-013",
        BW,
        lambda v: jdel(v, "shipment/lines/1/valueUsd"),
        lambda r: xdel(r, "Shipment/Line[2]/ValueUSD"),
        Reject((S001,)),
    ),
    TreeCase(
        "missing-line-parcels",
        "A line has no number of parcels",
        "KP-REQ-014",
        BW,
        lambda v: jdel(v, "shipment/lines/0/parcels"),
        lambda r: xdel(r, "Shipment/Line[1]/Parcels"),
        Reject((S001,)),
    ),
    TreeCase(
        "missing-totals",
        "The shipment has no totals",
        "KP-REQ-017",
        BW,
        lambda v: jdel(v, "shipment/totals"),
        lambda r: xdel(r, "Shipment/Totals"),
        Reject((S001,)),
    ),
    TreeCase(
        "no-shipment-lines",
        "The shipment has no line at all",
        "KP-REQ-012",
        BW,
        lambda v: jset(v, "shipment/lines", []),
        _xml_without_lines,
        Reject((S001, S005)),
    ),
    TreeCase(
        "missing-validating-officer",
        "The validation names no officer",
        "KP-REQ-016",
        BW,
        lambda v: jdel(v, "validation/officerName"),
        lambda r: xdel(r, "Validation/OfficerName"),
        Reject((S001,)),
    ),
    TreeCase(
        "title-without-language",
        "The title's text carries no language (in JSON a bare string, in XML no xml:lang)",
        "KP-REQ-005",
        BW,
        lambda v: jset(v, "title", "Kimberley Process Certificate"),
        _xml_lang_missing,
        Reject((S003,)),
        xml_expected=Reject((S001, S003)),
    ),
    TreeCase(
        "confirmation-missing-digest",
        "An import confirmation's certificate reference has no digest",
        "KP-REQ-024",
        IC,
        lambda v: jdel(v, "certificate/digest"),
        lambda r: xdel(r, "Certificate/Digest"),
        Reject((S001,)),
    ),
    TreeCase(
        "confirmation-missing-certificate-number",
        "An import confirmation's certificate reference has no certificate number",
        "KP-REQ-024",
        IC,
        lambda v: jdel(v, "certificate/number"),
        lambda r: xdel(r, "Certificate/Number"),
        Reject((S001,)),
    ),
    TreeCase(
        "confirmation-missing-received-parcels",
        "A received line of an import confirmation has no number of parcels",
        "KP-REQ-024",
        IC,
        lambda v: jdel(v, "lines/0/parcels"),
        lambda r: xdel(r, "Line[1]/Parcels"),
        Reject((S001,)),
    ),
    TreeCase(
        "confirmation-missing-date-of-receipt",
        "An import confirmation has no date of receipt",
        "KP-REQ-026",
        IC,
        lambda v: jdel(v, "dateOfReceipt"),
        lambda r: xdel(r, "DateOfReceipt"),
        Reject((S001,)),
    ),
    # --- KP-S-002: something the schema does not allow here ------------------------------
    TreeCase(
        "unknown-member",
        "A member or element that the standard does not define",
        "KP-REQ-001",
        BW,
        lambda v: v.update(remarks="urgent"),
        lambda r: xadd(r, "Validation", "<Remarks>urgent</Remarks>"),
        Reject((S002,)),
    ),
    TreeCase(
        "member-in-the-wrong-object",
        "An HS code in the totals, where the standard does not put one",
        "KP-REQ-001",
        BW,
        lambda v: jset(v, "shipment/totals/hsCode", "7102.31"),
        lambda r: xadd(r, "Shipment/Totals/Parcels", "<HSCode>7102.31</HSCode>"),
        Reject((S002,)),
    ),
    TreeCase(
        "element-of-another-namespace",
        "An element of another namespace inside the validation",
        "KP-REQ-001",
        BW,
        None,
        _xml_foreign_element,
        Reject((S002,)),
    ),
    TreeCase(
        "attribute-not-allowed",
        "An attribute the standard does not define",
        "KP-REQ-001",
        BW,
        None,
        _xml_attribute,
        Reject((S002, S099)),
        comment="KP-S-002 names elements and members; an attribute is neither, so the catch-all "
        "KP-S-099 is as fair a reason.",
    ),
    TreeCase(
        "elements-out-of-order",
        "The date of expiry before the date of issue in document order (XML order is fixed)",
        "KP-REQ-001",
        BW,
        None,
        _xml_out_of_order,
        Reject((S002, S001)),
    ),
    # --- KP-S-003: a value of the wrong form -----------------------------------------------
    TreeCase(
        "date-impossible",
        "A date of issue that does not exist (30 February)",
        "KP-REQ-008",
        BW,
        lambda v: jset(v, "dateOfIssue", "2026-02-30"),
        lambda r: xset(r, "DateOfIssue", "2026-02-30"),
        Reject((S003,)),
    ),
    TreeCase(
        "date-with-time",
        "A date of issue with a time of day",
        "KP-REQ-008",
        BW,
        lambda v: jset(v, "dateOfIssue", "2026-02-16T09:00:00"),
        lambda r: xset(r, "DateOfIssue", "2026-02-16T09:00:00"),
        Reject((S003,)),
    ),
    TreeCase(
        "date-day-month-year",
        "A date of expiry written day-month-year",
        "KP-REQ-009",
        BW,
        lambda v: jset(v, "dateOfExpiry", "16-04-2026"),
        lambda r: xset(r, "DateOfExpiry", "16-04-2026"),
        Reject((S003,)),
    ),
    TreeCase(
        "carats-with-decimal-comma",
        "A carat weight with a decimal comma",
        "KP-REQ-012",
        BW,
        lambda v: jset(v, "shipment/lines/0/carats", "1520,45"),
        lambda r: xset(r, "Shipment/Line[1]/Carats", "1520,45"),
        Reject((S003,)),
    ),
    TreeCase(
        "carats-as-json-number",
        "A carat weight as a JSON number (a binary float) instead of a decimal string",
        "KP-REQ-031",
        BW,
        lambda v: jset(v, "shipment/lines/0/carats", 1520.45),
        None,
        Reject((S003,)),
    ),
    TreeCase(
        "value-with-exponent",
        "A value in US$ written with an exponent",
        "KP-REQ-031",
        BW,
        lambda v: jset(v, "shipment/lines/0/valueUsd", "2.45E6"),
        lambda r: xset(r, "Shipment/Line[1]/ValueUSD", "2.45E6"),
        Reject((S003,)),
    ),
    TreeCase(
        "carats-with-plus-sign",
        "A carat weight with a leading plus sign (xs:decimal allows it, the standard's pattern "
        "does not: one lexical form in both syntaxes)",
        "KP-REQ-031",
        BW,
        lambda v: jset(v, "shipment/lines/0/carats", "+1520.45"),
        lambda r: xset(r, "Shipment/Line[1]/Carats", "+1520.45"),
        Reject((S003,)),
    ),
    TreeCase(
        "carats-with-leading-zero",
        "A carat weight with a leading zero",
        "KP-REQ-031",
        BW,
        lambda v: jset(v, "shipment/lines/0/carats", "01520.45"),
        lambda r: xset(r, "Shipment/Line[1]/Carats", "01520.45"),
        Reject((S003,)),
    ),
    TreeCase(
        "carats-negative",
        "A negative carat weight",
        "KP-REQ-012",
        BW,
        lambda v: jset(v, "shipment/lines/0/carats", "-1520.45"),
        lambda r: xset(r, "Shipment/Line[1]/Carats", "-1520.45"),
        Reject((S003,)),
    ),
    TreeCase(
        "carats-thirteen-digits",
        "A carat weight with more integer digits than the Carats type allows",
        "KP-REQ-012",
        BW,
        lambda v: jset(v, "shipment/lines/0/carats", "1000000000000.00"),
        lambda r: xset(r, "Shipment/Line[1]/Carats", "1000000000000.00"),
        Reject((S003,)),
    ),
    TreeCase(
        "hs-code-without-dot",
        "An HS code without its dot",
        "KP-REQ-015",
        BW,
        lambda v: jset(v, "shipment/lines/0/hsCode", "710231"),
        lambda r: xset(r, "Shipment/Line[1]/HSCode", "710231"),
        Reject((S003,)),
    ),
    TreeCase(
        "country-in-lower-case",
        "A country code in lower case",
        "KP-REQ-011",
        BW,
        lambda v: jset(v, "exporter/country", "bw"),
        lambda r: xset(r, "Exporter/Country", "bw"),
        Reject((S003,)),
    ),
    TreeCase(
        "participant-alpha-3",
        "An exporting Participant as an ISO 3166-1 alpha-3 code",
        "KP-REQ-018",
        BW,
        lambda v: jset(v, "exportingParticipant", "BWA"),
        lambda r: xset(r, "ExportingParticipant", "BWA"),
        Reject((S003,)),
    ),
    TreeCase(
        "certificate-number-lower-case",
        "A certificate number with lower-case letters",
        "KP-REQ-006",
        BW,
        lambda v: jset(v, "certificateNumber", "bw0241187"),
        lambda r: xset(r, "CertificateNumber", "bw0241187"),
        Reject((S003,)),
    ),
    TreeCase(
        "certificate-number-too-long",
        "A certificate number with 21 characters after the Participant's code",
        "KP-REQ-006",
        BW,
        lambda v: jset(v, "certificateNumber", "BW" + "0" * 21),
        lambda r: xset(r, "CertificateNumber", "BW" + "0" * 21),
        Reject((S003,)),
    ),
    TreeCase(
        "mixed-origin-not-boolean",
        "The mixed-origin flag is not a boolean",
        "KP-REQ-004",
        "eu-ae-mixed",
        lambda v: jset(v, "shipment/lines/0/origin/mixed", "yes"),
        lambda r: xset(r, "Shipment/Line[1]/Origin/Mixed", "yes"),
        Reject((S003,)),
    ),
    TreeCase(
        "parcels-as-json-string",
        "The number of parcels as a JSON string",
        "KP-REQ-014",
        BW,
        lambda v: jset(v, "shipment/lines/0/parcels", "3"),
        None,
        Reject((S003,)),
    ),
    TreeCase(
        "parcels-not-whole",
        "A number of parcels that is not a whole number",
        "KP-REQ-014",
        BW,
        lambda v: jset(v, "shipment/lines/0/parcels", 3.5),
        lambda r: xset(r, "Shipment/Line[1]/Parcels", "3.5"),
        Reject((S003,)),
    ),
    TreeCase(
        "parcels-above-maximum",
        "A number of parcels above 999999",
        "KP-REQ-014",
        BW,
        lambda v: jset(v, "shipment/lines/0/parcels", 1000000),
        lambda r: xset(r, "Shipment/Line[1]/Parcels", "1000000"),
        Reject((S003,)),
    ),
    TreeCase(
        "officer-name-empty",
        "An empty officer's name",
        "KP-REQ-016",
        BW,
        lambda v: jset(v, "validation/officerName", ""),
        lambda r: xset(r, "Validation/OfficerName", ""),
        Reject((S003,)),
    ),
    TreeCase(
        "text-with-line-feed",
        "A one-line text with a line feed in it",
        "KP-REQ-011",
        BW,
        lambda v: jset(v, "exporter/address/en", "Plot 64518\nGaborone"),
        lambda r: xset(r, "Exporter/Address", "Plot 64518\nGaborone"),
        Reject((S003,)),
    ),
    TreeCase(
        "text-of-513-characters",
        "A text of 513 characters, one more than the Text type allows",
        "KP-REQ-011",
        BW,
        lambda v: jset(v, "exporter/name/en", TOO_LONG_NAME),
        lambda r: xset(r, "Exporter/Name", TOO_LONG_NAME),
        Reject((S003,)),
    ),
    TreeCase(
        "language-tag-invalid",
        "A language tag that is not BCP 47 (an underscore)",
        "KP-REQ-005",
        BW,
        lambda v: jset(v, "title/nl_BE", "Kimberley Process-certificaat"),
        lambda r: xadd(r, "Title", '<Title xml:lang="nl_BE">Kimberley Process-certificaat</Title>'),
        Reject((S003,)),
    ),
    TreeCase(
        "null-instead-of-text",
        "A JSON null where a text is expected",
        "KP-REQ-016",
        BW,
        lambda v: jset(v, "validation/place", None),
        None,
        Reject((S003,)),
    ),
    TreeCase(
        "element-inside-a-value",
        "An element inside a simple value",
        "KP-REQ-016",
        BW,
        None,
        _xml_child_in_text,
        Reject((S003, S002)),
    ),
    TreeCase(
        "confirmation-digest-not-base64",
        "A certificate digest that is not base64",
        "KP-REQ-024",
        IC,
        lambda v: jset(v, "certificate/digest/value", "not base64!"),
        lambda r: xset(r, "Certificate/Digest/Value", "not base64!"),
        Reject((S003,)),
    ),
    # --- KP-S-004: a value the standard does not allow ------------------------------------
    TreeCase(
        "status-not-allowed",
        'A status other than "original" or "replacement"',
        "KP-REQ-034",
        BW,
        lambda v: jset(v, "status", "copy"),
        lambda r: xset(r, "Status", "copy"),
        Reject((S004,)),
    ),
    TreeCase(
        "spec-version-of-another-major",
        "A document declaring version 2.0 of the standard",
        "KP-REQ-032",
        BW,
        lambda v: jset(v, "specVersion", "2.0"),
        lambda r: xset(r, "SpecVersion", "2.0"),
        Reject((S004,)),
    ),
    TreeCase(
        "confirmation-digest-sha1",
        "A certificate digest made with SHA-1",
        "KP-REQ-024",
        IC,
        lambda v: jset(v, "certificate/digest/algorithm", "http://www.w3.org/2000/09/xmldsig#sha1"),
        lambda r: xset(r, "Certificate/Digest/Algorithm", "http://www.w3.org/2000/09/xmldsig#sha1"),
        Reject((S004,)),
    ),
    # --- KP-S-005: occurrences --------------------------------------------------------------
    TreeCase(
        "status-twice",
        "The status given twice",
        "KP-REQ-034",
        BW,
        None,
        lambda r: xadd(r, "Status", "<Status>original</Status>"),
        Reject((S005, S002)),
    ),
    TreeCase(
        "certificate-number-twice",
        "The certificate number given twice",
        "KP-REQ-006",
        BW,
        None,
        lambda r: xadd(r, "CertificateNumber", "<CertificateNumber>BW0241188</CertificateNumber>"),
        Reject((S005, S002)),
    ),
    TreeCase(
        "multilingual-text-empty",
        "A title with no version in any language (an empty JSON object)",
        "KP-REQ-005",
        BW,
        lambda v: jset(v, "title", {}),
        None,
        Reject((S005, S001)),
    ),
    TreeCase(
        "security-bags-empty-list",
        "An empty list of security bags (absent is the way to say none)",
        "KP-REQ-001",
        BW,
        lambda v: jset(v, "shipment/securityBags", []),
        None,
        Reject((S005,)),
    ),
    # --- KP-S-006: a language twice ------------------------------------------------------------
    TreeCase(
        "language-twice",
        "The exporter's name twice in English",
        "KP-REQ-005",
        BW,
        None,
        _xml_duplicate_language,
        Reject((S006,)),
    ),
    TreeCase(
        "confirmation-language-twice",
        "The importing authority's name twice in Dutch",
        "KP-REQ-005",
        IC,
        None,
        lambda r: xadd(
            r,
            "ImportingAuthority/Name[2]",
            '<Name xml:lang="nl">FOD Economie, Diamantkantoor</Name>',
        ),
        Reject((S006,)),
    ),
    # --- KP-S-099: another violation of the schema ---------------------------------------
    TreeCase(
        "xsi-nil-on-a-required-value",
        "xsi:nil on an element that is not nillable",
        "KP-REQ-001",
        BW,
        None,
        _xml_xsi("nil", "true", ""),
        Reject((S099, S002, S003)),
    ),
    TreeCase(
        "xsi-type-of-another-type",
        "xsi:type naming another type of the standard, from which the element's type does not "
        "derive (a date type on a text)",
        "KP-REQ-001",
        BW,
        None,
        _xml_xsi("type", "DateType"),
        Reject((S099, S002, S003)),
    ),
)


def _golden_drafts() -> Iterator[Draft]:
    for stem in (*GOLDEN, *GOLDEN_1_1):
        exercises = (*INPUT_CODES, *SCHEMA_CODES, *rules_of(stem))
        for syntax in ("json", "xml"):
            yield Draft(
                key=f"{AREA}/golden-{stem}/{syntax}",
                name=f"golden-{stem}",
                description=f"The golden document {stem} ({syntax.upper()}) conforms",
                requirement="KP-REQ-001",
                roles=ROLES,
                input=Bytes(golden_bytes(stem, syntax), syntax),
                verification_time=verification_time_of(stem),
                expected=Accept(exercises),
                base=stem,
                certificate=certificate_of(stem),
            )


def _tree_drafts(case: TreeCase) -> Iterator[Draft]:
    common = {
        "requirement": case.requirement,
        "roles": ROLES,
        "verification_time": verification_time_of(case.base),
        "base": case.base,
        "mutation": case.name,
        "certificate": certificate_of(case.base),
        "comment": case.comment,
        "pending": case.pending,
    }
    if case.json is not None:
        value = json_tree(case.base)
        case.json(value)
        yield Draft(
            key=f"{AREA}/{case.name}/json",
            name=case.name,
            description=f"{case.description} (JSON)",
            input=Bytes(json_bytes(value), "json"),
            expected=case.expected,
            **common,  # type: ignore[arg-type]
        )
    if case.xml is not None:
        root = xml_tree(case.base)
        case.xml(root)
        yield Draft(
            key=f"{AREA}/{case.name}/xml",
            name=case.name,
            description=f"{case.description} (XML)",
            input=Bytes(xml_bytes(root), "xml"),
            expected=case.xml_expected or case.expected,
            **common,  # type: ignore[arg-type]
        )


def drafts() -> Iterator[Draft]:
    """Every vector of the schema area, in a stable order."""
    yield from _golden_drafts()
    for case in (*POSITIVES, *NEGATIVES):
        yield from _tree_drafts(case)
