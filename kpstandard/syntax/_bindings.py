"""The binding of model 1.1.0: JSON and XML to the document classes and back.

GENERATED from spec/model by `kpcert spec build`; do not edit (`kpcert spec check` fails when this
file is stale). One reader and one writer per group of each document type and syntax; each knows
its fields' names, kinds and cardinalities, so binding interprets no plan. The readers expect a
schema-valid tree (the schema layer runs first); what the schema cannot judge they report to the
``problems`` object their caller gives.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Protocol

from lxml import etree

from kpstandard.model import _documents as D

# fmt: off
# (generated: `kpcert spec check` owns its exact text; it keeps lines within 100 characters)

__all__ = [
    "JSON_READERS",
    "JSON_WRITERS",
    "XML_READERS",
    "XML_WRITERS",
    "JsonProblems",
    "JsonReader",
    "JsonWriter",
    "XmlProblems",
    "XmlReader",
    "XmlWriter",
]

_WS = " \t\n\r"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_date = datetime.date.fromisoformat
_datetime = datetime.datetime.fromisoformat
_UTC = datetime.UTC
_sub = etree.SubElement
_END = etree.Element("end")
"""What the walk of the elements gives after the last one: a tag no field has."""
_new = object.__new__


def _setters(cls: type, *names: str) -> tuple[Callable[[Any, Any], None], ...]:
    """The slot setters of a document class's fields, which must be ``names`` in this order.

    A reader makes each object with ``_new`` and these setters: what the frozen dataclass's
    ``__init__`` does (``object.__setattr__`` per field), at half the cost, every field set.
    """
    if tuple(field.name for field in dataclasses.fields(cls)) != names:
        raise TypeError(f"{cls.__name__}: the binding and the classes come from two models")
    return tuple(getattr(cls, name).__set__ for name in names)


class XmlProblems(Protocol):
    """Where an XML reader reports what the schema cannot judge."""

    def bad_form(
        self, element: etree._Element, text: str, type_name: str, requirement: str | None
    ) -> None:
        """``text``, the (collapsed) text of ``element``, is not a value of its type."""

    def duplicate_language(self, element: etree._Element, lang: str) -> None:
        """``element`` is a second version of a text in language ``lang``."""


class JsonProblems(Protocol):
    """Where a JSON reader reports what the schema cannot judge."""

    def bad_form(
        self, path: tuple[str | int, ...], raw: Any, type_name: str, requirement: str | None
    ) -> None:
        """``raw``, the value at ``path``, is not a value of its type."""


XmlReader = Callable[[Any, Iterator[Any], XmlProblems], tuple[Any, Any]]
"""Read a group from the walk of the elements after its element; return it and the first
element after it."""
JsonReader = Callable[[Any, tuple[str | int, ...], JsonProblems], Any]
"""Read a group from its object, at a path."""
XmlWriter = Callable[[Any, etree._Element], None]
"""Write a group's children into its element."""
JsonWriter = Callable[[Any], dict[str, Any]]
"""Write a group as a JSON object."""


def _boolean(text: str) -> bool:
    if text not in ("true", "false"):
        raise ValueError(text)
    return text == "true"


def _integer(raw: Any) -> int:
    """A JSON integer that is not an ``int``: 3.0 is the integer 3 in JSON's data model."""
    if isinstance(raw, Decimal):
        if raw != raw.to_integral_value():
            raise ValueError(raw)
        return int(raw)
    return int(raw)


def _utf8(text: str) -> None:
    """Raise UnicodeEncodeError for a lone surrogate: no Unicode character, XML cannot carry it."""
    text.encode("utf-8")


def _decimal_text(value: Decimal) -> str:
    return format(value, "f")


def _date_text(value: datetime.date) -> str:
    return str(value.isoformat())


def _datetime_text(value: datetime.datetime) -> str:
    """The one spelling of the DateTime type: UTC, to the second, "Z"."""
    return str(value.astimezone(_UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def _boolean_text(value: bool) -> str:
    return "true" if value else "false"


# --- constructors, one per class ---


_SET_AdditionalData = _setters(D.AdditionalData, "name", "value", "participant")


def _make_AdditionalData(name: Any, value: Any, participant: Any) -> D.AdditionalData:
    obj = _new(D.AdditionalData)
    _SET_AdditionalData[0](obj, name)
    _SET_AdditionalData[1](obj, value)
    _SET_AdditionalData[2](obj, participant)
    return obj


_SET_Authority = _setters(D.Authority, "name", "identifier", "address")


def _make_Authority(name: Any, identifier: Any, address: Any) -> D.Authority:
    obj = _new(D.Authority)
    _SET_Authority[0](obj, name)
    _SET_Authority[1](obj, identifier)
    _SET_Authority[2](obj, address)
    return obj


_SET_AuthorityTrustList = _setters(
    D.AuthorityTrustList,
    "spec_version",
    "operator",
    "sequence_number",
    "issued",
    "next_update",
    "participants",
)


def _make_AuthorityTrustList(
    spec_version: Any,
    operator: Any,
    sequence_number: Any,
    issued: Any,
    next_update: Any,
    participants: Any,
) -> D.AuthorityTrustList:
    obj = _new(D.AuthorityTrustList)
    _SET_AuthorityTrustList[0](obj, spec_version)
    _SET_AuthorityTrustList[1](obj, operator)
    _SET_AuthorityTrustList[2](obj, sequence_number)
    _SET_AuthorityTrustList[3](obj, issued)
    _SET_AuthorityTrustList[4](obj, next_update)
    _SET_AuthorityTrustList[5](obj, participants)
    return obj


_SET_CertificateReference = _setters(
    D.CertificateReference,
    "number",
    "exporting_participant",
    "date_of_issue",
    "digest",
)


def _make_CertificateReference(
    number: Any,
    exporting_participant: Any,
    date_of_issue: Any,
    digest: Any,
) -> D.CertificateReference:
    obj = _new(D.CertificateReference)
    _SET_CertificateReference[0](obj, number)
    _SET_CertificateReference[1](obj, exporting_participant)
    _SET_CertificateReference[2](obj, date_of_issue)
    _SET_CertificateReference[3](obj, digest)
    return obj


_SET_CertificateStatusNotice = _setters(
    D.CertificateStatusNotice,
    "spec_version",
    "notice_number",
    "certificate",
    "issuing_authority",
    "status",
    "replaced_by",
    "reason",
    "reason_text",
    "effective_from",
)


def _make_CertificateStatusNotice(
    spec_version: Any,
    notice_number: Any,
    certificate: Any,
    issuing_authority: Any,
    status: Any,
    replaced_by: Any,
    reason: Any,
    reason_text: Any,
    effective_from: Any,
) -> D.CertificateStatusNotice:
    obj = _new(D.CertificateStatusNotice)
    _SET_CertificateStatusNotice[0](obj, spec_version)
    _SET_CertificateStatusNotice[1](obj, notice_number)
    _SET_CertificateStatusNotice[2](obj, certificate)
    _SET_CertificateStatusNotice[3](obj, issuing_authority)
    _SET_CertificateStatusNotice[4](obj, status)
    _SET_CertificateStatusNotice[5](obj, replaced_by)
    _SET_CertificateStatusNotice[6](obj, reason)
    _SET_CertificateStatusNotice[7](obj, reason_text)
    _SET_CertificateStatusNotice[8](obj, effective_from)
    return obj


_SET_Digest = _setters(D.Digest, "algorithm", "value")


def _make_Digest(algorithm: Any, value: Any) -> D.Digest:
    obj = _new(D.Digest)
    _SET_Digest[0](obj, algorithm)
    _SET_Digest[1](obj, value)
    return obj


_SET_Discrepancy = _setters(D.Discrepancy, "hs_code", "quantity", "explanation")


def _make_Discrepancy(hs_code: Any, quantity: Any, explanation: Any) -> D.Discrepancy:
    obj = _new(D.Discrepancy)
    _SET_Discrepancy[0](obj, hs_code)
    _SET_Discrepancy[1](obj, quantity)
    _SET_Discrepancy[2](obj, explanation)
    return obj


_SET_ExchangeNode = _setters(D.ExchangeNode, "endpoint", "certificates")


def _make_ExchangeNode(endpoint: Any, certificates: Any) -> D.ExchangeNode:
    obj = _new(D.ExchangeNode)
    _SET_ExchangeNode[0](obj, endpoint)
    _SET_ExchangeNode[1](obj, certificates)
    return obj


_SET_HybridMode = _setters(D.HybridMode, "paper_serial_number", "governing")


def _make_HybridMode(paper_serial_number: Any, governing: Any) -> D.HybridMode:
    obj = _new(D.HybridMode)
    _SET_HybridMode[0](obj, paper_serial_number)
    _SET_HybridMode[1](obj, governing)
    return obj


_SET_ImportConfirmation = _setters(
    D.ImportConfirmation,
    "spec_version",
    "confirmation_number",
    "certificate",
    "importing_participant",
    "importing_authority",
    "exporter",
    "importer",
    "lines",
    "totals",
    "outcome",
    "discrepancies",
    "refusal_reasons",
    "date_of_receipt",
    "authentication",
)


def _make_ImportConfirmation(
    spec_version: Any,
    confirmation_number: Any,
    certificate: Any,
    importing_participant: Any,
    importing_authority: Any,
    exporter: Any,
    importer: Any,
    lines: Any,
    totals: Any,
    outcome: Any,
    discrepancies: Any,
    refusal_reasons: Any,
    date_of_receipt: Any,
    authentication: Any,
) -> D.ImportConfirmation:
    obj = _new(D.ImportConfirmation)
    _SET_ImportConfirmation[0](obj, spec_version)
    _SET_ImportConfirmation[1](obj, confirmation_number)
    _SET_ImportConfirmation[2](obj, certificate)
    _SET_ImportConfirmation[3](obj, importing_participant)
    _SET_ImportConfirmation[4](obj, importing_authority)
    _SET_ImportConfirmation[5](obj, exporter)
    _SET_ImportConfirmation[6](obj, importer)
    _SET_ImportConfirmation[7](obj, lines)
    _SET_ImportConfirmation[8](obj, totals)
    _SET_ImportConfirmation[9](obj, outcome)
    _SET_ImportConfirmation[10](obj, discrepancies)
    _SET_ImportConfirmation[11](obj, refusal_reasons)
    _SET_ImportConfirmation[12](obj, date_of_receipt)
    _SET_ImportConfirmation[13](obj, authentication)
    return obj


_SET_KPCertificate = _setters(
    D.KPCertificate,
    "spec_version",
    "certificate_number",
    "title",
    "statement",
    "status",
    "replaces",
    "exporting_participant",
    "importing_participant",
    "date_of_issue",
    "date_of_expiry",
    "issuing_authority",
    "exporter",
    "importer",
    "country_of_provenance",
    "shipment",
    "validation",
    "additional_data",
    "hybrid_mode",
)


def _make_KPCertificate(
    spec_version: Any,
    certificate_number: Any,
    title: Any,
    statement: Any,
    status: Any,
    replaces: Any,
    exporting_participant: Any,
    importing_participant: Any,
    date_of_issue: Any,
    date_of_expiry: Any,
    issuing_authority: Any,
    exporter: Any,
    importer: Any,
    country_of_provenance: Any,
    shipment: Any,
    validation: Any,
    additional_data: Any,
    hybrid_mode: Any,
) -> D.KPCertificate:
    obj = _new(D.KPCertificate)
    _SET_KPCertificate[0](obj, spec_version)
    _SET_KPCertificate[1](obj, certificate_number)
    _SET_KPCertificate[2](obj, title)
    _SET_KPCertificate[3](obj, statement)
    _SET_KPCertificate[4](obj, status)
    _SET_KPCertificate[5](obj, replaces)
    _SET_KPCertificate[6](obj, exporting_participant)
    _SET_KPCertificate[7](obj, importing_participant)
    _SET_KPCertificate[8](obj, date_of_issue)
    _SET_KPCertificate[9](obj, date_of_expiry)
    _SET_KPCertificate[10](obj, issuing_authority)
    _SET_KPCertificate[11](obj, exporter)
    _SET_KPCertificate[12](obj, importer)
    _SET_KPCertificate[13](obj, country_of_provenance)
    _SET_KPCertificate[14](obj, shipment)
    _SET_KPCertificate[15](obj, validation)
    _SET_KPCertificate[16](obj, additional_data)
    _SET_KPCertificate[17](obj, hybrid_mode)
    return obj


_SET_Origin = _setters(D.Origin, "mixed", "countries")


def _make_Origin(mixed: Any, countries: Any) -> D.Origin:
    obj = _new(D.Origin)
    _SET_Origin[0](obj, mixed)
    _SET_Origin[1](obj, countries)
    return obj


_SET_Party = _setters(D.Party, "name", "address", "country", "licence_number")


def _make_Party(name: Any, address: Any, country: Any, licence_number: Any) -> D.Party:
    obj = _new(D.Party)
    _SET_Party[0](obj, name)
    _SET_Party[1](obj, address)
    _SET_Party[2](obj, country)
    _SET_Party[3](obj, licence_number)
    return obj


_SET_Receipt = _setters(
    D.Receipt,
    "spec_version",
    "participant",
    "receiving_authority",
    "message_id",
    "sender_participant",
    "sender_authority",
    "received_document_type",
    "document_number",
    "digest",
    "received_at",
)


def _make_Receipt(
    spec_version: Any,
    participant: Any,
    receiving_authority: Any,
    message_id: Any,
    sender_participant: Any,
    sender_authority: Any,
    received_document_type: Any,
    document_number: Any,
    digest: Any,
    received_at: Any,
) -> D.Receipt:
    obj = _new(D.Receipt)
    _SET_Receipt[0](obj, spec_version)
    _SET_Receipt[1](obj, participant)
    _SET_Receipt[2](obj, receiving_authority)
    _SET_Receipt[3](obj, message_id)
    _SET_Receipt[4](obj, sender_participant)
    _SET_Receipt[5](obj, sender_authority)
    _SET_Receipt[6](obj, received_document_type)
    _SET_Receipt[7](obj, document_number)
    _SET_Receipt[8](obj, digest)
    _SET_Receipt[9](obj, received_at)
    return obj


_SET_ReceivedLine = _setters(D.ReceivedLine, "hs_code", "carats", "value_usd", "parcels")


def _make_ReceivedLine(hs_code: Any, carats: Any, value_usd: Any, parcels: Any) -> D.ReceivedLine:
    obj = _new(D.ReceivedLine)
    _SET_ReceivedLine[0](obj, hs_code)
    _SET_ReceivedLine[1](obj, carats)
    _SET_ReceivedLine[2](obj, value_usd)
    _SET_ReceivedLine[3](obj, parcels)
    return obj


_SET_Shipment = _setters(
    D.Shipment,
    "lines",
    "totals",
    "quality_characteristics",
    "security_bags",
    "container_number",
)


def _make_Shipment(
    lines: Any,
    totals: Any,
    quality_characteristics: Any,
    security_bags: Any,
    container_number: Any,
) -> D.Shipment:
    obj = _new(D.Shipment)
    _SET_Shipment[0](obj, lines)
    _SET_Shipment[1](obj, totals)
    _SET_Shipment[2](obj, quality_characteristics)
    _SET_Shipment[3](obj, security_bags)
    _SET_Shipment[4](obj, container_number)
    return obj


_SET_ShipmentLine = _setters(
    D.ShipmentLine,
    "hs_code",
    "origin",
    "origin_zone",
    "country_of_provenance",
    "carats",
    "value_usd",
    "parcels",
    "quality_characteristics",
)


def _make_ShipmentLine(
    hs_code: Any,
    origin: Any,
    origin_zone: Any,
    country_of_provenance: Any,
    carats: Any,
    value_usd: Any,
    parcels: Any,
    quality_characteristics: Any,
) -> D.ShipmentLine:
    obj = _new(D.ShipmentLine)
    _SET_ShipmentLine[0](obj, hs_code)
    _SET_ShipmentLine[1](obj, origin)
    _SET_ShipmentLine[2](obj, origin_zone)
    _SET_ShipmentLine[3](obj, country_of_provenance)
    _SET_ShipmentLine[4](obj, carats)
    _SET_ShipmentLine[5](obj, value_usd)
    _SET_ShipmentLine[6](obj, parcels)
    _SET_ShipmentLine[7](obj, quality_characteristics)
    return obj


_SET_ShipmentTotals = _setters(D.ShipmentTotals, "carats", "value_usd", "parcels")


def _make_ShipmentTotals(carats: Any, value_usd: Any, parcels: Any) -> D.ShipmentTotals:
    obj = _new(D.ShipmentTotals)
    _SET_ShipmentTotals[0](obj, carats)
    _SET_ShipmentTotals[1](obj, value_usd)
    _SET_ShipmentTotals[2](obj, parcels)
    return obj


_SET_SigningCertificate = _setters(
    D.SigningCertificate,
    "certificate",
    "valid_from",
    "valid_until",
    "status_history",
)


def _make_SigningCertificate(
    certificate: Any,
    valid_from: Any,
    valid_until: Any,
    status_history: Any,
) -> D.SigningCertificate:
    obj = _new(D.SigningCertificate)
    _SET_SigningCertificate[0](obj, certificate)
    _SET_SigningCertificate[1](obj, valid_from)
    _SET_SigningCertificate[2](obj, valid_until)
    _SET_SigningCertificate[3](obj, status_history)
    return obj


_SET_StatusChange = _setters(D.StatusChange, "status", "since", "reason")


def _make_StatusChange(status: Any, since: Any, reason: Any) -> D.StatusChange:
    obj = _new(D.StatusChange)
    _SET_StatusChange[0](obj, status)
    _SET_StatusChange[1](obj, since)
    _SET_StatusChange[2](obj, reason)
    return obj


_SET_StatusResponse = _setters(
    D.StatusResponse,
    "spec_version",
    "participant",
    "responding_authority",
    "certificate_number",
    "digest",
    "status",
    "replaced_by",
    "recorded_at",
    "status_since",
    "answered_at",
)


def _make_StatusResponse(
    spec_version: Any,
    participant: Any,
    responding_authority: Any,
    certificate_number: Any,
    digest: Any,
    status: Any,
    replaced_by: Any,
    recorded_at: Any,
    status_since: Any,
    answered_at: Any,
) -> D.StatusResponse:
    obj = _new(D.StatusResponse)
    _SET_StatusResponse[0](obj, spec_version)
    _SET_StatusResponse[1](obj, participant)
    _SET_StatusResponse[2](obj, responding_authority)
    _SET_StatusResponse[3](obj, certificate_number)
    _SET_StatusResponse[4](obj, digest)
    _SET_StatusResponse[5](obj, status)
    _SET_StatusResponse[6](obj, replaced_by)
    _SET_StatusResponse[7](obj, recorded_at)
    _SET_StatusResponse[8](obj, status_since)
    _SET_StatusResponse[9](obj, answered_at)
    return obj


_SET_TrustedAuthority = _setters(
    D.TrustedAuthority,
    "identifier",
    "name",
    "roles",
    "certificates",
    "exchange_nodes",
)


def _make_TrustedAuthority(
    identifier: Any,
    name: Any,
    roles: Any,
    certificates: Any,
    exchange_nodes: Any,
) -> D.TrustedAuthority:
    obj = _new(D.TrustedAuthority)
    _SET_TrustedAuthority[0](obj, identifier)
    _SET_TrustedAuthority[1](obj, name)
    _SET_TrustedAuthority[2](obj, roles)
    _SET_TrustedAuthority[3](obj, certificates)
    _SET_TrustedAuthority[4](obj, exchange_nodes)
    return obj


_SET_TrustedParticipant = _setters(D.TrustedParticipant, "code", "authorities")


def _make_TrustedParticipant(code: Any, authorities: Any) -> D.TrustedParticipant:
    obj = _new(D.TrustedParticipant)
    _SET_TrustedParticipant[0](obj, code)
    _SET_TrustedParticipant[1](obj, authorities)
    return obj


_SET_Validation = _setters(D.Validation, "officer_name", "officer_function", "place")


def _make_Validation(officer_name: Any, officer_function: Any, place: Any) -> D.Validation:
    obj = _new(D.Validation)
    _SET_Validation[0](obj, officer_name)
    _SET_Validation[1](obj, officer_function)
    _SET_Validation[2](obj, place)
    return obj


# --- KPCertificate: readers, one per group ---


def _xml_kc__issuing_authority(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Authority, Any]:
    """Read KP-BG-001 Issuing authority from the elements after its own."""
    f_name: dict[str, str] = {}
    f_identifier: Any = None
    f_address: dict[str, str] = {}
    child = next(elements, _END)
    tag = child.tag
    while tag == "{urn:kpstandard:kp-certificate:1}Name":
        lang = child.get(_LANG, "")
        if lang in f_name:
            problems.duplicate_language(child, lang)
        else:
            f_name[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Identifier":
        f_identifier = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:kp-certificate:1}Address":
        lang = child.get(_LANG, "")
        if lang in f_address:
            problems.duplicate_language(child, lang)
        else:
            f_address[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_Authority(
        f_name,
        f_identifier,
        f_address or None,
    ), child


def _xml_kc__exporter(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Party, Any]:
    """Read KP-BG-002 Exporter from the elements after its own."""
    f_name: dict[str, str] = {}
    f_address: dict[str, str] = {}
    f_country: Any = None
    f_licence_number: Any = None
    child = next(elements, _END)
    tag = child.tag
    while tag == "{urn:kpstandard:kp-certificate:1}Name":
        lang = child.get(_LANG, "")
        if lang in f_name:
            problems.duplicate_language(child, lang)
        else:
            f_name[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:kp-certificate:1}Address":
        lang = child.get(_LANG, "")
        if lang in f_address:
            problems.duplicate_language(child, lang)
        else:
            f_address[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Country":
        f_country = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}LicenceNumber":
        f_licence_number = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_Party(
        f_name,
        f_address,
        f_country,
        f_licence_number,
    ), child


def _xml_kc__importer(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Party, Any]:
    """Read KP-BG-003 Importer from the elements after its own."""
    f_name: dict[str, str] = {}
    f_address: dict[str, str] = {}
    f_country: Any = None
    f_licence_number: Any = None
    child = next(elements, _END)
    tag = child.tag
    while tag == "{urn:kpstandard:kp-certificate:1}Name":
        lang = child.get(_LANG, "")
        if lang in f_name:
            problems.duplicate_language(child, lang)
        else:
            f_name[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:kp-certificate:1}Address":
        lang = child.get(_LANG, "")
        if lang in f_address:
            problems.duplicate_language(child, lang)
        else:
            f_address[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Country":
        f_country = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}LicenceNumber":
        f_licence_number = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_Party(
        f_name,
        f_address,
        f_country,
        f_licence_number,
    ), child


def _xml_kc__shipment__lines__origin(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Origin, Any]:
    """Read KP-BG-006 Origin from the elements after its own."""
    f_mixed: Any = None
    f_countries: list[Any] = []
    value: Any
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Mixed":
        text = (child.text or "").strip(_WS)
        try:
            f_mixed = _boolean(text)
        except ValueError:
            problems.bad_form(child, text, "Boolean", "KP-REQ-004")
            f_mixed = None
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:kp-certificate:1}Country":
        value = child.text or ""
        f_countries.append(value)
        child = next(elements, _END)
        tag = child.tag
    return _make_Origin(
        f_mixed,
        tuple(f_countries) or None,
    ), child


def _xml_kc__shipment__lines(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.ShipmentLine, Any]:
    """Read KP-BG-005 Shipment line from the elements after its own."""
    f_hs_code: Any = None
    f_origin: Any = None
    f_origin_zone: Any = None
    f_country_of_provenance: Any = None
    f_carats: Any = None
    f_value_usd: Any = None
    f_parcels: Any = None
    f_quality_characteristics: dict[str, str] = {}
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}HSCode":
        f_hs_code = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Origin":
        f_origin, child = _xml_kc__shipment__lines__origin(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}OriginZone":
        f_origin_zone = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}CountryOfProvenance":
        f_country_of_provenance = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Carats":
        text = (child.text or "").strip(_WS)
        try:
            f_carats = Decimal(text)
        except ValueError:
            problems.bad_form(child, text, "Carats", "KP-REQ-012")
            f_carats = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}ValueUSD":
        text = (child.text or "").strip(_WS)
        try:
            f_value_usd = Decimal(text)
        except ValueError:
            problems.bad_form(child, text, "AmountUSD", "KP-REQ-013")
            f_value_usd = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Parcels":
        text = (child.text or "").strip(_WS)
        try:
            f_parcels = int(text)
        except ValueError:
            problems.bad_form(child, text, "Count", "KP-REQ-014")
            f_parcels = None
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:kp-certificate:1}QualityCharacteristics":
        lang = child.get(_LANG, "")
        if lang in f_quality_characteristics:
            problems.duplicate_language(child, lang)
        else:
            f_quality_characteristics[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_ShipmentLine(
        f_hs_code,
        f_origin,
        f_origin_zone,
        f_country_of_provenance,
        f_carats,
        f_value_usd,
        f_parcels,
        f_quality_characteristics or None,
    ), child


def _xml_kc__shipment__totals(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.ShipmentTotals, Any]:
    """Read KP-BG-007 Shipment totals from the elements after its own."""
    f_carats: Any = None
    f_value_usd: Any = None
    f_parcels: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Carats":
        text = (child.text or "").strip(_WS)
        try:
            f_carats = Decimal(text)
        except ValueError:
            problems.bad_form(child, text, "Carats", "KP-REQ-012")
            f_carats = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}ValueUSD":
        text = (child.text or "").strip(_WS)
        try:
            f_value_usd = Decimal(text)
        except ValueError:
            problems.bad_form(child, text, "AmountUSD", "KP-REQ-013")
            f_value_usd = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Parcels":
        text = (child.text or "").strip(_WS)
        try:
            f_parcels = int(text)
        except ValueError:
            problems.bad_form(child, text, "Count", "KP-REQ-014")
            f_parcels = None
        child = next(elements, _END)
        tag = child.tag
    return _make_ShipmentTotals(
        f_carats,
        f_value_usd,
        f_parcels,
    ), child


def _xml_kc__shipment(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Shipment, Any]:
    """Read KP-BG-004 Shipment from the elements after its own."""
    f_lines: list[Any] = []
    f_totals: Any = None
    f_quality_characteristics: dict[str, str] = {}
    f_security_bags: list[Any] = []
    f_container_number: Any = None
    value: Any
    child = next(elements, _END)
    tag = child.tag
    while tag == "{urn:kpstandard:kp-certificate:1}Line":
        value, child = _xml_kc__shipment__lines(child, elements, problems)
        f_lines.append(value)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Totals":
        f_totals, child = _xml_kc__shipment__totals(child, elements, problems)
        tag = child.tag
    while tag == "{urn:kpstandard:kp-certificate:1}QualityCharacteristics":
        lang = child.get(_LANG, "")
        if lang in f_quality_characteristics:
            problems.duplicate_language(child, lang)
        else:
            f_quality_characteristics[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:kp-certificate:1}SecurityBag":
        value = child.text or ""
        f_security_bags.append(value)
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}ContainerNumber":
        f_container_number = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_Shipment(
        tuple(f_lines),
        f_totals,
        f_quality_characteristics or None,
        tuple(f_security_bags) or None,
        f_container_number,
    ), child


def _xml_kc__validation(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Validation, Any]:
    """Read KP-BG-008 Validation from the elements after its own."""
    f_officer_name: Any = None
    f_officer_function: dict[str, str] = {}
    f_place: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}OfficerName":
        f_officer_name = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:kp-certificate:1}OfficerFunction":
        lang = child.get(_LANG, "")
        if lang in f_officer_function:
            problems.duplicate_language(child, lang)
        else:
            f_officer_function[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Place":
        f_place = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_Validation(
        f_officer_name,
        f_officer_function or None,
        f_place,
    ), child


def _xml_kc__additional_data(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.AdditionalData, Any]:
    """Read KP-BG-009 Additional data from the elements after its own."""
    f_name: Any = None
    f_value: Any = None
    f_participant: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Name":
        f_name = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Value":
        f_value = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Participant":
        f_participant = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_AdditionalData(
        f_name,
        f_value,
        f_participant,
    ), child


def _xml_kc__hybrid_mode(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.HybridMode, Any]:
    """Read KP-BG-023 Hybrid mode from the elements after its own."""
    f_paper_serial_number: Any = None
    f_governing: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}PaperSerialNumber":
        f_paper_serial_number = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Governing":
        f_governing = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_HybridMode(
        f_paper_serial_number,
        f_governing,
    ), child


def _xml_kc(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.KPCertificate, Any]:
    """Read KPCertificate Kimberley Process Certificate from the elements after its own."""
    f_spec_version: Any = None
    f_certificate_number: Any = None
    f_title: dict[str, str] = {}
    f_statement: dict[str, str] = {}
    f_status: Any = None
    f_replaces: Any = None
    f_exporting_participant: Any = None
    f_importing_participant: Any = None
    f_date_of_issue: Any = None
    f_date_of_expiry: Any = None
    f_issuing_authority: Any = None
    f_exporter: Any = None
    f_importer: Any = None
    f_country_of_provenance: Any = None
    f_shipment: Any = None
    f_validation: Any = None
    f_additional_data: list[Any] = []
    f_hybrid_mode: Any = None
    value: Any
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}SpecVersion":
        f_spec_version = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}CertificateNumber":
        f_certificate_number = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:kp-certificate:1}Title":
        lang = child.get(_LANG, "")
        if lang in f_title:
            problems.duplicate_language(child, lang)
        else:
            f_title[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:kp-certificate:1}Statement":
        lang = child.get(_LANG, "")
        if lang in f_statement:
            problems.duplicate_language(child, lang)
        else:
            f_statement[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Status":
        f_status = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Replaces":
        f_replaces = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}ExportingParticipant":
        f_exporting_participant = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}ImportingParticipant":
        f_importing_participant = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}DateOfIssue":
        text = (child.text or "").strip(_WS)
        try:
            f_date_of_issue = _date(text)
        except ValueError:
            problems.bad_form(child, text, "Date", "KP-REQ-008")
            f_date_of_issue = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}DateOfExpiry":
        text = (child.text or "").strip(_WS)
        try:
            f_date_of_expiry = _date(text)
        except ValueError:
            problems.bad_form(child, text, "Date", "KP-REQ-009")
            f_date_of_expiry = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}IssuingAuthority":
        f_issuing_authority, child = _xml_kc__issuing_authority(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Exporter":
        f_exporter, child = _xml_kc__exporter(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Importer":
        f_importer, child = _xml_kc__importer(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}CountryOfProvenance":
        f_country_of_provenance = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Shipment":
        f_shipment, child = _xml_kc__shipment(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}Validation":
        f_validation, child = _xml_kc__validation(child, elements, problems)
        tag = child.tag
    while tag == "{urn:kpstandard:kp-certificate:1}AdditionalData":
        value, child = _xml_kc__additional_data(child, elements, problems)
        f_additional_data.append(value)
        tag = child.tag
    if tag == "{urn:kpstandard:kp-certificate:1}HybridMode":
        f_hybrid_mode, child = _xml_kc__hybrid_mode(child, elements, problems)
        tag = child.tag
    return _make_KPCertificate(
        f_spec_version,
        f_certificate_number,
        f_title,
        f_statement,
        f_status,
        f_replaces,
        f_exporting_participant,
        f_importing_participant,
        f_date_of_issue,
        f_date_of_expiry,
        f_issuing_authority,
        f_exporter,
        f_importer,
        f_country_of_provenance,
        f_shipment,
        f_validation,
        tuple(f_additional_data) or None,
        f_hybrid_mode,
    ), child


def _json_kc__issuing_authority(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.Authority:
    """Read KP-BG-001 Issuing authority from its object, at path ``at``."""
    f_name = raw.get("name")
    if f_name is not None:
        try:
            for text in f_name.values():
                if not text.isascii():
                    _utf8(text)
            f_name = dict(f_name)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "name"), f_name, "MultilingualText", "KP-REQ-010")
            f_name = None
    f_identifier = raw.get("identifier")
    if f_identifier is not None and not f_identifier.isascii():
        try:
            _utf8(f_identifier)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "identifier"), f_identifier, "Identifier", "KP-REQ-010")
            f_identifier = None
    f_address = raw.get("address")
    if f_address is not None:
        try:
            for text in f_address.values():
                if not text.isascii():
                    _utf8(text)
            f_address = dict(f_address)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "address"), f_address, "MultilingualText", "KP-REQ-010")
            f_address = None
    return _make_Authority(
        f_name,
        f_identifier,
        f_address,
    )


def _json_kc__exporter(raw: Any, at: tuple[str | int, ...], problems: JsonProblems) -> D.Party:
    """Read KP-BG-002 Exporter from its object, at path ``at``."""
    f_name = raw.get("name")
    if f_name is not None:
        try:
            for text in f_name.values():
                if not text.isascii():
                    _utf8(text)
            f_name = dict(f_name)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "name"), f_name, "MultilingualText", "KP-REQ-011")
            f_name = None
    f_address = raw.get("address")
    if f_address is not None:
        try:
            for text in f_address.values():
                if not text.isascii():
                    _utf8(text)
            f_address = dict(f_address)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "address"), f_address, "MultilingualText", "KP-REQ-011")
            f_address = None
    f_country = raw.get("country")
    if f_country is not None and not f_country.isascii():
        try:
            _utf8(f_country)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "country"), f_country, "CountryCode", "KP-REQ-011")
            f_country = None
    f_licence_number = raw.get("licenceNumber")
    if f_licence_number is not None and not f_licence_number.isascii():
        try:
            _utf8(f_licence_number)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "licenceNumber"), f_licence_number, "Identifier", "KP-REQ-011")
            f_licence_number = None
    return _make_Party(
        f_name,
        f_address,
        f_country,
        f_licence_number,
    )


def _json_kc__importer(raw: Any, at: tuple[str | int, ...], problems: JsonProblems) -> D.Party:
    """Read KP-BG-003 Importer from its object, at path ``at``."""
    f_name = raw.get("name")
    if f_name is not None:
        try:
            for text in f_name.values():
                if not text.isascii():
                    _utf8(text)
            f_name = dict(f_name)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "name"), f_name, "MultilingualText", "KP-REQ-011")
            f_name = None
    f_address = raw.get("address")
    if f_address is not None:
        try:
            for text in f_address.values():
                if not text.isascii():
                    _utf8(text)
            f_address = dict(f_address)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "address"), f_address, "MultilingualText", "KP-REQ-011")
            f_address = None
    f_country = raw.get("country")
    if f_country is not None and not f_country.isascii():
        try:
            _utf8(f_country)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "country"), f_country, "CountryCode", "KP-REQ-011")
            f_country = None
    f_licence_number = raw.get("licenceNumber")
    if f_licence_number is not None and not f_licence_number.isascii():
        try:
            _utf8(f_licence_number)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "licenceNumber"), f_licence_number, "Identifier", "KP-REQ-011")
            f_licence_number = None
    return _make_Party(
        f_name,
        f_address,
        f_country,
        f_licence_number,
    )


def _json_kc__shipment__lines__origin(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.Origin:
    """Read KP-BG-006 Origin from its object, at path ``at``."""
    f_mixed = raw.get("mixed")
    if f_mixed is not None:
        f_mixed = bool(f_mixed)
    f_countries = raw.get("countries")
    if f_countries is not None:
        items = []
        for index, value in enumerate(f_countries):
            if not value.isascii():
                try:
                    _utf8(value)
                except (ValueError, UnicodeEncodeError):
                    problems.bad_form((*at, "countries", index), value, "CountryCode", "KP-REQ-004")
                    value = None
            items.append(value)
        f_countries = tuple(items)
    return _make_Origin(
        f_mixed,
        f_countries,
    )


def _json_kc__shipment__lines(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.ShipmentLine:
    """Read KP-BG-005 Shipment line from its object, at path ``at``."""
    f_hs_code = raw.get("hsCode")
    if f_hs_code is not None and not f_hs_code.isascii():
        try:
            _utf8(f_hs_code)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "hsCode"), f_hs_code, "HSCode", "KP-REQ-015")
            f_hs_code = None
    f_origin = raw.get("origin")
    if f_origin is not None:
        f_origin = _json_kc__shipment__lines__origin(f_origin, (*at, "origin"), problems)
    f_origin_zone = raw.get("originZone")
    if f_origin_zone is not None and not f_origin_zone.isascii():
        try:
            _utf8(f_origin_zone)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "originZone"), f_origin_zone, "Identifier", "KP-REQ-019")
            f_origin_zone = None
    f_country_of_provenance = raw.get("countryOfProvenance")
    if f_country_of_provenance is not None and not f_country_of_provenance.isascii():
        try:
            _utf8(f_country_of_provenance)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "countryOfProvenance"),
                f_country_of_provenance,
                "CountryCode",
                "KP-REQ-029",
            )
            f_country_of_provenance = None
    f_carats = raw.get("carats")
    if f_carats is not None:
        try:
            if not f_carats.isascii():
                _utf8(f_carats)
            f_carats = Decimal(f_carats)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "carats"), f_carats, "Carats", "KP-REQ-012")
            f_carats = None
    f_value_usd = raw.get("valueUsd")
    if f_value_usd is not None:
        try:
            if not f_value_usd.isascii():
                _utf8(f_value_usd)
            f_value_usd = Decimal(f_value_usd)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "valueUsd"), f_value_usd, "AmountUSD", "KP-REQ-013")
            f_value_usd = None
    f_parcels = raw.get("parcels")
    if f_parcels is not None and type(f_parcels) is not int:
        try:
            f_parcels = _integer(f_parcels)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "parcels"), f_parcels, "Count", "KP-REQ-014")
            f_parcels = None
    f_quality_characteristics = raw.get("qualityCharacteristics")
    if f_quality_characteristics is not None:
        try:
            for text in f_quality_characteristics.values():
                if not text.isascii():
                    _utf8(text)
            f_quality_characteristics = dict(f_quality_characteristics)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "qualityCharacteristics"),
                f_quality_characteristics,
                "MultilingualText",
                "KP-REQ-021",
            )
            f_quality_characteristics = None
    return _make_ShipmentLine(
        f_hs_code,
        f_origin,
        f_origin_zone,
        f_country_of_provenance,
        f_carats,
        f_value_usd,
        f_parcels,
        f_quality_characteristics,
    )


def _json_kc__shipment__totals(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.ShipmentTotals:
    """Read KP-BG-007 Shipment totals from its object, at path ``at``."""
    f_carats = raw.get("carats")
    if f_carats is not None:
        try:
            if not f_carats.isascii():
                _utf8(f_carats)
            f_carats = Decimal(f_carats)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "carats"), f_carats, "Carats", "KP-REQ-012")
            f_carats = None
    f_value_usd = raw.get("valueUsd")
    if f_value_usd is not None:
        try:
            if not f_value_usd.isascii():
                _utf8(f_value_usd)
            f_value_usd = Decimal(f_value_usd)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "valueUsd"), f_value_usd, "AmountUSD", "KP-REQ-013")
            f_value_usd = None
    f_parcels = raw.get("parcels")
    if f_parcels is not None and type(f_parcels) is not int:
        try:
            f_parcels = _integer(f_parcels)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "parcels"), f_parcels, "Count", "KP-REQ-014")
            f_parcels = None
    return _make_ShipmentTotals(
        f_carats,
        f_value_usd,
        f_parcels,
    )


def _json_kc__shipment(raw: Any, at: tuple[str | int, ...], problems: JsonProblems) -> D.Shipment:
    """Read KP-BG-004 Shipment from its object, at path ``at``."""
    f_lines = raw.get("lines")
    if f_lines is not None:
        f_lines_read = _json_kc__shipment__lines
        here = (*at, "lines")
        f_lines = tuple(
            [f_lines_read(item, (*here, index), problems)
             for index, item in enumerate(f_lines)]
        )
    f_totals = raw.get("totals")
    if f_totals is not None:
        f_totals = _json_kc__shipment__totals(f_totals, (*at, "totals"), problems)
    f_quality_characteristics = raw.get("qualityCharacteristics")
    if f_quality_characteristics is not None:
        try:
            for text in f_quality_characteristics.values():
                if not text.isascii():
                    _utf8(text)
            f_quality_characteristics = dict(f_quality_characteristics)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "qualityCharacteristics"),
                f_quality_characteristics,
                "MultilingualText",
                "KP-REQ-021",
            )
            f_quality_characteristics = None
    f_security_bags = raw.get("securityBags")
    if f_security_bags is not None:
        items = []
        for index, value in enumerate(f_security_bags):
            if not value.isascii():
                try:
                    _utf8(value)
                except (ValueError, UnicodeEncodeError):
                    problems.bad_form(
                        (*at, "securityBags", index),
                        value,
                        "Identifier",
                        "KP-REQ-022",
                    )
                    value = None
            items.append(value)
        f_security_bags = tuple(items)
    f_container_number = raw.get("containerNumber")
    if f_container_number is not None and not f_container_number.isascii():
        try:
            _utf8(f_container_number)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "containerNumber"),
                f_container_number,
                "Identifier",
                "KP-REQ-022",
            )
            f_container_number = None
    return _make_Shipment(
        f_lines,
        f_totals,
        f_quality_characteristics,
        f_security_bags,
        f_container_number,
    )


def _json_kc__validation(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.Validation:
    """Read KP-BG-008 Validation from its object, at path ``at``."""
    f_officer_name = raw.get("officerName")
    if f_officer_name is not None and not f_officer_name.isascii():
        try:
            _utf8(f_officer_name)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "officerName"), f_officer_name, "Text", "KP-REQ-016")
            f_officer_name = None
    f_officer_function = raw.get("officerFunction")
    if f_officer_function is not None:
        try:
            for text in f_officer_function.values():
                if not text.isascii():
                    _utf8(text)
            f_officer_function = dict(f_officer_function)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "officerFunction"),
                f_officer_function,
                "MultilingualText",
                "KP-REQ-016",
            )
            f_officer_function = None
    f_place = raw.get("place")
    if f_place is not None and not f_place.isascii():
        try:
            _utf8(f_place)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "place"), f_place, "Text", "KP-REQ-016")
            f_place = None
    return _make_Validation(
        f_officer_name,
        f_officer_function,
        f_place,
    )


def _json_kc__additional_data(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.AdditionalData:
    """Read KP-BG-009 Additional data from its object, at path ``at``."""
    f_name = raw.get("name")
    if f_name is not None and not f_name.isascii():
        try:
            _utf8(f_name)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "name"), f_name, "Identifier", "KP-REQ-020")
            f_name = None
    f_value = raw.get("value")
    if f_value is not None and not f_value.isascii():
        try:
            _utf8(f_value)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "value"), f_value, "Text", "KP-REQ-020")
            f_value = None
    f_participant = raw.get("participant")
    if f_participant is not None and not f_participant.isascii():
        try:
            _utf8(f_participant)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "participant"), f_participant, "CountryCode", "KP-REQ-020")
            f_participant = None
    return _make_AdditionalData(
        f_name,
        f_value,
        f_participant,
    )


def _json_kc__hybrid_mode(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.HybridMode:
    """Read KP-BG-023 Hybrid mode from its object, at path ``at``."""
    f_paper_serial_number = raw.get("paperSerialNumber")
    if f_paper_serial_number is not None and not f_paper_serial_number.isascii():
        try:
            _utf8(f_paper_serial_number)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "paperSerialNumber"),
                f_paper_serial_number,
                "Identifier",
                "KP-REQ-054",
            )
            f_paper_serial_number = None
    f_governing = raw.get("governing")
    if f_governing is not None and not f_governing.isascii():
        try:
            _utf8(f_governing)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "governing"), f_governing, "GoverningForm", "KP-REQ-054")
            f_governing = None
    return _make_HybridMode(
        f_paper_serial_number,
        f_governing,
    )


def _json_kc(raw: Any, at: tuple[str | int, ...], problems: JsonProblems) -> D.KPCertificate:
    """Read KPCertificate Kimberley Process Certificate from its object, at path ``at``."""
    f_spec_version = raw.get("specVersion")
    if f_spec_version is not None and not f_spec_version.isascii():
        try:
            _utf8(f_spec_version)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "specVersion"), f_spec_version, "SpecVersion", "KP-REQ-032")
            f_spec_version = None
    f_certificate_number = raw.get("certificateNumber")
    if f_certificate_number is not None and not f_certificate_number.isascii():
        try:
            _utf8(f_certificate_number)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "certificateNumber"),
                f_certificate_number,
                "DocumentNumber",
                "KP-REQ-006",
            )
            f_certificate_number = None
    f_title = raw.get("title")
    if f_title is not None:
        try:
            for text in f_title.values():
                if not text.isascii():
                    _utf8(text)
            f_title = dict(f_title)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "title"), f_title, "MultilingualText", "KP-REQ-002")
            f_title = None
    f_statement = raw.get("statement")
    if f_statement is not None:
        try:
            for text in f_statement.values():
                if not text.isascii():
                    _utf8(text)
            f_statement = dict(f_statement)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "statement"), f_statement, "MultilingualText", "KP-REQ-003")
            f_statement = None
    f_status = raw.get("status")
    if f_status is not None and not f_status.isascii():
        try:
            _utf8(f_status)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "status"), f_status, "DocumentStatus", "KP-REQ-034")
            f_status = None
    f_replaces = raw.get("replaces")
    if f_replaces is not None and not f_replaces.isascii():
        try:
            _utf8(f_replaces)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "replaces"), f_replaces, "DocumentNumber", "KP-REQ-034")
            f_replaces = None
    f_exporting_participant = raw.get("exportingParticipant")
    if f_exporting_participant is not None and not f_exporting_participant.isascii():
        try:
            _utf8(f_exporting_participant)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "exportingParticipant"),
                f_exporting_participant,
                "CountryCode",
                "KP-REQ-018",
            )
            f_exporting_participant = None
    f_importing_participant = raw.get("importingParticipant")
    if f_importing_participant is not None and not f_importing_participant.isascii():
        try:
            _utf8(f_importing_participant)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "importingParticipant"),
                f_importing_participant,
                "CountryCode",
                "KP-REQ-018",
            )
            f_importing_participant = None
    f_date_of_issue = raw.get("dateOfIssue")
    if f_date_of_issue is not None:
        try:
            if not f_date_of_issue.isascii():
                _utf8(f_date_of_issue)
            f_date_of_issue = _date(f_date_of_issue)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "dateOfIssue"), f_date_of_issue, "Date", "KP-REQ-008")
            f_date_of_issue = None
    f_date_of_expiry = raw.get("dateOfExpiry")
    if f_date_of_expiry is not None:
        try:
            if not f_date_of_expiry.isascii():
                _utf8(f_date_of_expiry)
            f_date_of_expiry = _date(f_date_of_expiry)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "dateOfExpiry"), f_date_of_expiry, "Date", "KP-REQ-009")
            f_date_of_expiry = None
    f_issuing_authority = raw.get("issuingAuthority")
    if f_issuing_authority is not None:
        f_issuing_authority = _json_kc__issuing_authority(
            f_issuing_authority,
            (*at, "issuingAuthority"),
            problems,
        )
    f_exporter = raw.get("exporter")
    if f_exporter is not None:
        f_exporter = _json_kc__exporter(f_exporter, (*at, "exporter"), problems)
    f_importer = raw.get("importer")
    if f_importer is not None:
        f_importer = _json_kc__importer(f_importer, (*at, "importer"), problems)
    f_country_of_provenance = raw.get("countryOfProvenance")
    if f_country_of_provenance is not None and not f_country_of_provenance.isascii():
        try:
            _utf8(f_country_of_provenance)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "countryOfProvenance"),
                f_country_of_provenance,
                "CountryCode",
                "KP-REQ-029",
            )
            f_country_of_provenance = None
    f_shipment = raw.get("shipment")
    if f_shipment is not None:
        f_shipment = _json_kc__shipment(f_shipment, (*at, "shipment"), problems)
    f_validation = raw.get("validation")
    if f_validation is not None:
        f_validation = _json_kc__validation(f_validation, (*at, "validation"), problems)
    f_additional_data = raw.get("additionalData")
    if f_additional_data is not None:
        f_additional_data_read = _json_kc__additional_data
        here = (*at, "additionalData")
        f_additional_data = tuple(
            [f_additional_data_read(item, (*here, index), problems)
             for index, item in enumerate(f_additional_data)]
        )
    f_hybrid_mode = raw.get("hybridMode")
    if f_hybrid_mode is not None:
        f_hybrid_mode = _json_kc__hybrid_mode(f_hybrid_mode, (*at, "hybridMode"), problems)
    return _make_KPCertificate(
        f_spec_version,
        f_certificate_number,
        f_title,
        f_statement,
        f_status,
        f_replaces,
        f_exporting_participant,
        f_importing_participant,
        f_date_of_issue,
        f_date_of_expiry,
        f_issuing_authority,
        f_exporter,
        f_importer,
        f_country_of_provenance,
        f_shipment,
        f_validation,
        f_additional_data,
        f_hybrid_mode,
    )


# --- KPCertificate: XML writers, one per class ---


def _write_xml_kc_AdditionalData(obj: Any, parent: etree._Element) -> None:
    """Write one AdditionalData into its element, children in model order."""
    value = obj.name
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Name")
        element.text = str(value)
    value = obj.value
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Value")
        element.text = str(value)
    value = obj.participant
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Participant")
        element.text = str(value)


def _write_xml_kc_Authority(obj: Any, parent: etree._Element) -> None:
    """Write one Authority into its element, children in model order."""
    value = obj.name
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Name", {_LANG: lang})
            element.text = text
    value = obj.identifier
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Identifier")
        element.text = str(value)
    value = obj.address
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Address", {_LANG: lang})
            element.text = text


def _write_xml_kc_HybridMode(obj: Any, parent: etree._Element) -> None:
    """Write one HybridMode into its element, children in model order."""
    value = obj.paper_serial_number
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}PaperSerialNumber")
        element.text = str(value)
    value = obj.governing
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Governing")
        element.text = str(value)


def _write_xml_kc_KPCertificate(obj: Any, parent: etree._Element) -> None:
    """Write one KPCertificate into its element, children in model order."""
    value = obj.spec_version
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}SpecVersion")
        element.text = str(value)
    value = obj.certificate_number
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}CertificateNumber")
        element.text = str(value)
    value = obj.title
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Title", {_LANG: lang})
            element.text = text
    value = obj.statement
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Statement", {_LANG: lang})
            element.text = text
    value = obj.status
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Status")
        element.text = str(value)
    value = obj.replaces
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Replaces")
        element.text = str(value)
    value = obj.exporting_participant
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}ExportingParticipant")
        element.text = str(value)
    value = obj.importing_participant
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}ImportingParticipant")
        element.text = str(value)
    value = obj.date_of_issue
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}DateOfIssue")
        element.text = _date_text(value)
    value = obj.date_of_expiry
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}DateOfExpiry")
        element.text = _date_text(value)
    value = obj.issuing_authority
    if value is not None:
        _write_xml_kc_Authority(
            value,
            _sub(parent, "{urn:kpstandard:kp-certificate:1}IssuingAuthority"),
        )
    value = obj.exporter
    if value is not None:
        _write_xml_kc_Party(value, _sub(parent, "{urn:kpstandard:kp-certificate:1}Exporter"))
    value = obj.importer
    if value is not None:
        _write_xml_kc_Party(value, _sub(parent, "{urn:kpstandard:kp-certificate:1}Importer"))
    value = obj.country_of_provenance
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}CountryOfProvenance")
        element.text = str(value)
    value = obj.shipment
    if value is not None:
        _write_xml_kc_Shipment(value, _sub(parent, "{urn:kpstandard:kp-certificate:1}Shipment"))
    value = obj.validation
    if value is not None:
        _write_xml_kc_Validation(value, _sub(parent, "{urn:kpstandard:kp-certificate:1}Validation"))
    value = obj.additional_data
    if value is not None:
        for item in value:
            _write_xml_kc_AdditionalData(
                item,
                _sub(parent, "{urn:kpstandard:kp-certificate:1}AdditionalData"),
            )
    value = obj.hybrid_mode
    if value is not None:
        _write_xml_kc_HybridMode(value, _sub(parent, "{urn:kpstandard:kp-certificate:1}HybridMode"))


def _write_xml_kc_Origin(obj: Any, parent: etree._Element) -> None:
    """Write one Origin into its element, children in model order."""
    value = obj.mixed
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Mixed")
        element.text = _boolean_text(value)
    value = obj.countries
    if value is not None:
        for item in value:
            element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Country")
            element.text = str(item)


def _write_xml_kc_Party(obj: Any, parent: etree._Element) -> None:
    """Write one Party into its element, children in model order."""
    value = obj.name
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Name", {_LANG: lang})
            element.text = text
    value = obj.address
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Address", {_LANG: lang})
            element.text = text
    value = obj.country
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Country")
        element.text = str(value)
    value = obj.licence_number
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}LicenceNumber")
        element.text = str(value)


def _write_xml_kc_Shipment(obj: Any, parent: etree._Element) -> None:
    """Write one Shipment into its element, children in model order."""
    value = obj.lines
    if value is not None:
        for item in value:
            _write_xml_kc_ShipmentLine(item, _sub(parent, "{urn:kpstandard:kp-certificate:1}Line"))
    value = obj.totals
    if value is not None:
        _write_xml_kc_ShipmentTotals(value, _sub(parent, "{urn:kpstandard:kp-certificate:1}Totals"))
    value = obj.quality_characteristics
    if value is not None:
        for lang, text in value.items():
            element = _sub(
                parent,
                "{urn:kpstandard:kp-certificate:1}QualityCharacteristics",
                {_LANG: lang},
            )
            element.text = text
    value = obj.security_bags
    if value is not None:
        for item in value:
            element = _sub(parent, "{urn:kpstandard:kp-certificate:1}SecurityBag")
            element.text = str(item)
    value = obj.container_number
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}ContainerNumber")
        element.text = str(value)


def _write_xml_kc_ShipmentLine(obj: Any, parent: etree._Element) -> None:
    """Write one ShipmentLine into its element, children in model order."""
    value = obj.hs_code
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}HSCode")
        element.text = str(value)
    value = obj.origin
    if value is not None:
        _write_xml_kc_Origin(value, _sub(parent, "{urn:kpstandard:kp-certificate:1}Origin"))
    value = obj.origin_zone
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}OriginZone")
        element.text = str(value)
    value = obj.country_of_provenance
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}CountryOfProvenance")
        element.text = str(value)
    value = obj.carats
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Carats")
        element.text = _decimal_text(value)
    value = obj.value_usd
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}ValueUSD")
        element.text = _decimal_text(value)
    value = obj.parcels
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Parcels")
        element.text = str(value)
    value = obj.quality_characteristics
    if value is not None:
        for lang, text in value.items():
            element = _sub(
                parent,
                "{urn:kpstandard:kp-certificate:1}QualityCharacteristics",
                {_LANG: lang},
            )
            element.text = text


def _write_xml_kc_ShipmentTotals(obj: Any, parent: etree._Element) -> None:
    """Write one ShipmentTotals into its element, children in model order."""
    value = obj.carats
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Carats")
        element.text = _decimal_text(value)
    value = obj.value_usd
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}ValueUSD")
        element.text = _decimal_text(value)
    value = obj.parcels
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Parcels")
        element.text = str(value)


def _write_xml_kc_Validation(obj: Any, parent: etree._Element) -> None:
    """Write one Validation into its element, children in model order."""
    value = obj.officer_name
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}OfficerName")
        element.text = str(value)
    value = obj.officer_function
    if value is not None:
        for lang, text in value.items():
            element = _sub(
                parent,
                "{urn:kpstandard:kp-certificate:1}OfficerFunction",
                {_LANG: lang},
            )
            element.text = text
    value = obj.place
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:kp-certificate:1}Place")
        element.text = str(value)


# --- ImportConfirmation: readers, one per group ---


def _xml_ic__certificate__digest(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Digest, Any]:
    """Read KP-BG-011 Certificate digest from the elements after its own."""
    f_algorithm: Any = None
    f_value: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Algorithm":
        f_algorithm = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Value":
        f_value = (child.text or "").strip(_WS)
        child = next(elements, _END)
        tag = child.tag
    return _make_Digest(
        f_algorithm,
        f_value,
    ), child


def _xml_ic__certificate(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.CertificateReference, Any]:
    """Read KP-BG-010 Certificate reference from the elements after its own."""
    f_number: Any = None
    f_exporting_participant: Any = None
    f_date_of_issue: Any = None
    f_digest: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Number":
        f_number = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}ExportingParticipant":
        f_exporting_participant = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}DateOfIssue":
        text = (child.text or "").strip(_WS)
        try:
            f_date_of_issue = _date(text)
        except ValueError:
            problems.bad_form(child, text, "Date", "KP-REQ-026")
            f_date_of_issue = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Digest":
        f_digest, child = _xml_ic__certificate__digest(child, elements, problems)
        tag = child.tag
    return _make_CertificateReference(
        f_number,
        f_exporting_participant,
        f_date_of_issue,
        f_digest,
    ), child


def _xml_ic__importing_authority(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Authority, Any]:
    """Read KP-BG-012 Importing authority from the elements after its own."""
    f_name: dict[str, str] = {}
    f_identifier: Any = None
    f_address: dict[str, str] = {}
    child = next(elements, _END)
    tag = child.tag
    while tag == "{urn:kpstandard:import-confirmation:1}Name":
        lang = child.get(_LANG, "")
        if lang in f_name:
            problems.duplicate_language(child, lang)
        else:
            f_name[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Identifier":
        f_identifier = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:import-confirmation:1}Address":
        lang = child.get(_LANG, "")
        if lang in f_address:
            problems.duplicate_language(child, lang)
        else:
            f_address[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_Authority(
        f_name,
        f_identifier,
        f_address or None,
    ), child


def _xml_ic__exporter(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Party, Any]:
    """Read KP-BG-013 Exporter from the elements after its own."""
    f_name: dict[str, str] = {}
    f_address: dict[str, str] = {}
    f_country: Any = None
    f_licence_number: Any = None
    child = next(elements, _END)
    tag = child.tag
    while tag == "{urn:kpstandard:import-confirmation:1}Name":
        lang = child.get(_LANG, "")
        if lang in f_name:
            problems.duplicate_language(child, lang)
        else:
            f_name[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:import-confirmation:1}Address":
        lang = child.get(_LANG, "")
        if lang in f_address:
            problems.duplicate_language(child, lang)
        else:
            f_address[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Country":
        f_country = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}LicenceNumber":
        f_licence_number = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_Party(
        f_name,
        f_address,
        f_country,
        f_licence_number,
    ), child


def _xml_ic__importer(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Party, Any]:
    """Read KP-BG-014 Importer from the elements after its own."""
    f_name: dict[str, str] = {}
    f_address: dict[str, str] = {}
    f_country: Any = None
    f_licence_number: Any = None
    child = next(elements, _END)
    tag = child.tag
    while tag == "{urn:kpstandard:import-confirmation:1}Name":
        lang = child.get(_LANG, "")
        if lang in f_name:
            problems.duplicate_language(child, lang)
        else:
            f_name[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:import-confirmation:1}Address":
        lang = child.get(_LANG, "")
        if lang in f_address:
            problems.duplicate_language(child, lang)
        else:
            f_address[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Country":
        f_country = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}LicenceNumber":
        f_licence_number = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_Party(
        f_name,
        f_address,
        f_country,
        f_licence_number,
    ), child


def _xml_ic__lines(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.ReceivedLine, Any]:
    """Read KP-BG-015 Received line from the elements after its own."""
    f_hs_code: Any = None
    f_carats: Any = None
    f_value_usd: Any = None
    f_parcels: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}HSCode":
        f_hs_code = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Carats":
        text = (child.text or "").strip(_WS)
        try:
            f_carats = Decimal(text)
        except ValueError:
            problems.bad_form(child, text, "Carats", "KP-REQ-023")
            f_carats = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}ValueUSD":
        text = (child.text or "").strip(_WS)
        try:
            f_value_usd = Decimal(text)
        except ValueError:
            problems.bad_form(child, text, "AmountUSD", "KP-REQ-023")
            f_value_usd = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Parcels":
        text = (child.text or "").strip(_WS)
        try:
            f_parcels = int(text)
        except ValueError:
            problems.bad_form(child, text, "Count", "KP-REQ-024")
            f_parcels = None
        child = next(elements, _END)
        tag = child.tag
    return _make_ReceivedLine(
        f_hs_code,
        f_carats,
        f_value_usd,
        f_parcels,
    ), child


def _xml_ic__totals(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.ShipmentTotals, Any]:
    """Read KP-BG-016 Received totals from the elements after its own."""
    f_carats: Any = None
    f_value_usd: Any = None
    f_parcels: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Carats":
        text = (child.text or "").strip(_WS)
        try:
            f_carats = Decimal(text)
        except ValueError:
            problems.bad_form(child, text, "Carats", "KP-REQ-024")
            f_carats = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}ValueUSD":
        text = (child.text or "").strip(_WS)
        try:
            f_value_usd = Decimal(text)
        except ValueError:
            problems.bad_form(child, text, "AmountUSD", "KP-REQ-023")
            f_value_usd = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Parcels":
        text = (child.text or "").strip(_WS)
        try:
            f_parcels = int(text)
        except ValueError:
            problems.bad_form(child, text, "Count", "KP-REQ-024")
            f_parcels = None
        child = next(elements, _END)
        tag = child.tag
    return _make_ShipmentTotals(
        f_carats,
        f_value_usd,
        f_parcels,
    ), child


def _xml_ic__discrepancies(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Discrepancy, Any]:
    """Read KP-BG-024 Discrepancy from the elements after its own."""
    f_hs_code: Any = None
    f_quantity: Any = None
    f_explanation: dict[str, str] = {}
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}HSCode":
        f_hs_code = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Quantity":
        f_quantity = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:import-confirmation:1}Explanation":
        lang = child.get(_LANG, "")
        if lang in f_explanation:
            problems.duplicate_language(child, lang)
        else:
            f_explanation[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_Discrepancy(
        f_hs_code,
        f_quantity,
        f_explanation or None,
    ), child


def _xml_ic__authentication(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Validation, Any]:
    """Read KP-BG-017 Authentication from the elements after its own."""
    f_officer_name: Any = None
    f_officer_function: dict[str, str] = {}
    f_place: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}OfficerName":
        f_officer_name = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:import-confirmation:1}OfficerFunction":
        lang = child.get(_LANG, "")
        if lang in f_officer_function:
            problems.duplicate_language(child, lang)
        else:
            f_officer_function[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Place":
        f_place = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_Validation(
        f_officer_name,
        f_officer_function or None,
        f_place,
    ), child


def _xml_ic(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.ImportConfirmation, Any]:
    """Read ImportConfirmation Import Confirmation from the elements after its own."""
    f_spec_version: Any = None
    f_confirmation_number: Any = None
    f_certificate: Any = None
    f_importing_participant: Any = None
    f_importing_authority: Any = None
    f_exporter: Any = None
    f_importer: Any = None
    f_lines: list[Any] = []
    f_totals: Any = None
    f_outcome: Any = None
    f_discrepancies: list[Any] = []
    f_refusal_reasons: dict[str, str] = {}
    f_date_of_receipt: Any = None
    f_authentication: Any = None
    value: Any
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}SpecVersion":
        f_spec_version = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}ConfirmationNumber":
        f_confirmation_number = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Certificate":
        f_certificate, child = _xml_ic__certificate(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}ImportingParticipant":
        f_importing_participant = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}ImportingAuthority":
        f_importing_authority, child = _xml_ic__importing_authority(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Exporter":
        f_exporter, child = _xml_ic__exporter(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Importer":
        f_importer, child = _xml_ic__importer(child, elements, problems)
        tag = child.tag
    while tag == "{urn:kpstandard:import-confirmation:1}Line":
        value, child = _xml_ic__lines(child, elements, problems)
        f_lines.append(value)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Totals":
        f_totals, child = _xml_ic__totals(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Outcome":
        f_outcome = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:import-confirmation:1}Discrepancy":
        value, child = _xml_ic__discrepancies(child, elements, problems)
        f_discrepancies.append(value)
        tag = child.tag
    while tag == "{urn:kpstandard:import-confirmation:1}RefusalReasons":
        lang = child.get(_LANG, "")
        if lang in f_refusal_reasons:
            problems.duplicate_language(child, lang)
        else:
            f_refusal_reasons[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}DateOfReceipt":
        text = (child.text or "").strip(_WS)
        try:
            f_date_of_receipt = _date(text)
        except ValueError:
            problems.bad_form(child, text, "Date", "KP-REQ-023")
            f_date_of_receipt = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:import-confirmation:1}Authentication":
        f_authentication, child = _xml_ic__authentication(child, elements, problems)
        tag = child.tag
    return _make_ImportConfirmation(
        f_spec_version,
        f_confirmation_number,
        f_certificate,
        f_importing_participant,
        f_importing_authority,
        f_exporter,
        f_importer,
        tuple(f_lines),
        f_totals,
        f_outcome,
        tuple(f_discrepancies) or None,
        f_refusal_reasons or None,
        f_date_of_receipt,
        f_authentication,
    ), child


def _json_ic__certificate__digest(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.Digest:
    """Read KP-BG-011 Certificate digest from its object, at path ``at``."""
    f_algorithm = raw.get("algorithm")
    if f_algorithm is not None and not f_algorithm.isascii():
        try:
            _utf8(f_algorithm)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "algorithm"), f_algorithm, "DigestAlgorithm", "KP-REQ-024")
            f_algorithm = None
    f_value = raw.get("value")
    if f_value is not None and not f_value.isascii():
        try:
            _utf8(f_value)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "value"), f_value, "Base64Binary", "KP-REQ-024")
            f_value = None
    return _make_Digest(
        f_algorithm,
        f_value,
    )


def _json_ic__certificate(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.CertificateReference:
    """Read KP-BG-010 Certificate reference from its object, at path ``at``."""
    f_number = raw.get("number")
    if f_number is not None and not f_number.isascii():
        try:
            _utf8(f_number)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "number"), f_number, "DocumentNumber", "KP-REQ-024")
            f_number = None
    f_exporting_participant = raw.get("exportingParticipant")
    if f_exporting_participant is not None and not f_exporting_participant.isascii():
        try:
            _utf8(f_exporting_participant)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "exportingParticipant"),
                f_exporting_participant,
                "CountryCode",
                "KP-REQ-024",
            )
            f_exporting_participant = None
    f_date_of_issue = raw.get("dateOfIssue")
    if f_date_of_issue is not None:
        try:
            if not f_date_of_issue.isascii():
                _utf8(f_date_of_issue)
            f_date_of_issue = _date(f_date_of_issue)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "dateOfIssue"), f_date_of_issue, "Date", "KP-REQ-026")
            f_date_of_issue = None
    f_digest = raw.get("digest")
    if f_digest is not None:
        f_digest = _json_ic__certificate__digest(f_digest, (*at, "digest"), problems)
    return _make_CertificateReference(
        f_number,
        f_exporting_participant,
        f_date_of_issue,
        f_digest,
    )


def _json_ic__importing_authority(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.Authority:
    """Read KP-BG-012 Importing authority from its object, at path ``at``."""
    f_name = raw.get("name")
    if f_name is not None:
        try:
            for text in f_name.values():
                if not text.isascii():
                    _utf8(text)
            f_name = dict(f_name)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "name"), f_name, "MultilingualText", "KP-REQ-023")
            f_name = None
    f_identifier = raw.get("identifier")
    if f_identifier is not None and not f_identifier.isascii():
        try:
            _utf8(f_identifier)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "identifier"), f_identifier, "Identifier", "KP-REQ-027")
            f_identifier = None
    f_address = raw.get("address")
    if f_address is not None:
        try:
            for text in f_address.values():
                if not text.isascii():
                    _utf8(text)
            f_address = dict(f_address)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "address"), f_address, "MultilingualText", "KP-REQ-023")
            f_address = None
    return _make_Authority(
        f_name,
        f_identifier,
        f_address,
    )


def _json_ic__exporter(raw: Any, at: tuple[str | int, ...], problems: JsonProblems) -> D.Party:
    """Read KP-BG-013 Exporter from its object, at path ``at``."""
    f_name = raw.get("name")
    if f_name is not None:
        try:
            for text in f_name.values():
                if not text.isascii():
                    _utf8(text)
            f_name = dict(f_name)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "name"), f_name, "MultilingualText", "KP-REQ-024")
            f_name = None
    f_address = raw.get("address")
    if f_address is not None:
        try:
            for text in f_address.values():
                if not text.isascii():
                    _utf8(text)
            f_address = dict(f_address)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "address"), f_address, "MultilingualText", "KP-REQ-024")
            f_address = None
    f_country = raw.get("country")
    if f_country is not None and not f_country.isascii():
        try:
            _utf8(f_country)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "country"), f_country, "CountryCode", "KP-REQ-024")
            f_country = None
    f_licence_number = raw.get("licenceNumber")
    if f_licence_number is not None and not f_licence_number.isascii():
        try:
            _utf8(f_licence_number)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "licenceNumber"), f_licence_number, "Identifier", "KP-REQ-024")
            f_licence_number = None
    return _make_Party(
        f_name,
        f_address,
        f_country,
        f_licence_number,
    )


def _json_ic__importer(raw: Any, at: tuple[str | int, ...], problems: JsonProblems) -> D.Party:
    """Read KP-BG-014 Importer from its object, at path ``at``."""
    f_name = raw.get("name")
    if f_name is not None:
        try:
            for text in f_name.values():
                if not text.isascii():
                    _utf8(text)
            f_name = dict(f_name)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "name"), f_name, "MultilingualText", "KP-REQ-023")
            f_name = None
    f_address = raw.get("address")
    if f_address is not None:
        try:
            for text in f_address.values():
                if not text.isascii():
                    _utf8(text)
            f_address = dict(f_address)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "address"), f_address, "MultilingualText", "KP-REQ-023")
            f_address = None
    f_country = raw.get("country")
    if f_country is not None and not f_country.isascii():
        try:
            _utf8(f_country)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "country"), f_country, "CountryCode", "KP-REQ-023")
            f_country = None
    f_licence_number = raw.get("licenceNumber")
    if f_licence_number is not None and not f_licence_number.isascii():
        try:
            _utf8(f_licence_number)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "licenceNumber"), f_licence_number, "Identifier", "KP-REQ-023")
            f_licence_number = None
    return _make_Party(
        f_name,
        f_address,
        f_country,
        f_licence_number,
    )


def _json_ic__lines(raw: Any, at: tuple[str | int, ...], problems: JsonProblems) -> D.ReceivedLine:
    """Read KP-BG-015 Received line from its object, at path ``at``."""
    f_hs_code = raw.get("hsCode")
    if f_hs_code is not None and not f_hs_code.isascii():
        try:
            _utf8(f_hs_code)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "hsCode"), f_hs_code, "HSCode", "KP-REQ-023")
            f_hs_code = None
    f_carats = raw.get("carats")
    if f_carats is not None:
        try:
            if not f_carats.isascii():
                _utf8(f_carats)
            f_carats = Decimal(f_carats)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "carats"), f_carats, "Carats", "KP-REQ-023")
            f_carats = None
    f_value_usd = raw.get("valueUsd")
    if f_value_usd is not None:
        try:
            if not f_value_usd.isascii():
                _utf8(f_value_usd)
            f_value_usd = Decimal(f_value_usd)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "valueUsd"), f_value_usd, "AmountUSD", "KP-REQ-023")
            f_value_usd = None
    f_parcels = raw.get("parcels")
    if f_parcels is not None and type(f_parcels) is not int:
        try:
            f_parcels = _integer(f_parcels)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "parcels"), f_parcels, "Count", "KP-REQ-024")
            f_parcels = None
    return _make_ReceivedLine(
        f_hs_code,
        f_carats,
        f_value_usd,
        f_parcels,
    )


def _json_ic__totals(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.ShipmentTotals:
    """Read KP-BG-016 Received totals from its object, at path ``at``."""
    f_carats = raw.get("carats")
    if f_carats is not None:
        try:
            if not f_carats.isascii():
                _utf8(f_carats)
            f_carats = Decimal(f_carats)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "carats"), f_carats, "Carats", "KP-REQ-024")
            f_carats = None
    f_value_usd = raw.get("valueUsd")
    if f_value_usd is not None:
        try:
            if not f_value_usd.isascii():
                _utf8(f_value_usd)
            f_value_usd = Decimal(f_value_usd)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "valueUsd"), f_value_usd, "AmountUSD", "KP-REQ-023")
            f_value_usd = None
    f_parcels = raw.get("parcels")
    if f_parcels is not None and type(f_parcels) is not int:
        try:
            f_parcels = _integer(f_parcels)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "parcels"), f_parcels, "Count", "KP-REQ-024")
            f_parcels = None
    return _make_ShipmentTotals(
        f_carats,
        f_value_usd,
        f_parcels,
    )


def _json_ic__discrepancies(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.Discrepancy:
    """Read KP-BG-024 Discrepancy from its object, at path ``at``."""
    f_hs_code = raw.get("hsCode")
    if f_hs_code is not None and not f_hs_code.isascii():
        try:
            _utf8(f_hs_code)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "hsCode"), f_hs_code, "HSCode", "KP-REQ-052")
            f_hs_code = None
    f_quantity = raw.get("quantity")
    if f_quantity is not None and not f_quantity.isascii():
        try:
            _utf8(f_quantity)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "quantity"), f_quantity, "Quantity", "KP-REQ-052")
            f_quantity = None
    f_explanation = raw.get("explanation")
    if f_explanation is not None:
        try:
            for text in f_explanation.values():
                if not text.isascii():
                    _utf8(text)
            f_explanation = dict(f_explanation)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "explanation"), f_explanation, "MultilingualText", "KP-REQ-052")
            f_explanation = None
    return _make_Discrepancy(
        f_hs_code,
        f_quantity,
        f_explanation,
    )


def _json_ic__authentication(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.Validation:
    """Read KP-BG-017 Authentication from its object, at path ``at``."""
    f_officer_name = raw.get("officerName")
    if f_officer_name is not None and not f_officer_name.isascii():
        try:
            _utf8(f_officer_name)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "officerName"), f_officer_name, "Text", "KP-REQ-027")
            f_officer_name = None
    f_officer_function = raw.get("officerFunction")
    if f_officer_function is not None:
        try:
            for text in f_officer_function.values():
                if not text.isascii():
                    _utf8(text)
            f_officer_function = dict(f_officer_function)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "officerFunction"),
                f_officer_function,
                "MultilingualText",
                "KP-REQ-027",
            )
            f_officer_function = None
    f_place = raw.get("place")
    if f_place is not None and not f_place.isascii():
        try:
            _utf8(f_place)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "place"), f_place, "Text", "KP-REQ-027")
            f_place = None
    return _make_Validation(
        f_officer_name,
        f_officer_function,
        f_place,
    )


def _json_ic(raw: Any, at: tuple[str | int, ...], problems: JsonProblems) -> D.ImportConfirmation:
    """Read ImportConfirmation Import Confirmation from its object, at path ``at``."""
    f_spec_version = raw.get("specVersion")
    if f_spec_version is not None and not f_spec_version.isascii():
        try:
            _utf8(f_spec_version)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "specVersion"), f_spec_version, "SpecVersion", "KP-REQ-032")
            f_spec_version = None
    f_confirmation_number = raw.get("confirmationNumber")
    if f_confirmation_number is not None and not f_confirmation_number.isascii():
        try:
            _utf8(f_confirmation_number)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "confirmationNumber"),
                f_confirmation_number,
                "DocumentNumber",
                "KP-REQ-024",
            )
            f_confirmation_number = None
    f_certificate = raw.get("certificate")
    if f_certificate is not None:
        f_certificate = _json_ic__certificate(f_certificate, (*at, "certificate"), problems)
    f_importing_participant = raw.get("importingParticipant")
    if f_importing_participant is not None and not f_importing_participant.isascii():
        try:
            _utf8(f_importing_participant)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "importingParticipant"),
                f_importing_participant,
                "CountryCode",
                "KP-REQ-023",
            )
            f_importing_participant = None
    f_importing_authority = raw.get("importingAuthority")
    if f_importing_authority is not None:
        f_importing_authority = _json_ic__importing_authority(
            f_importing_authority,
            (*at, "importingAuthority"),
            problems,
        )
    f_exporter = raw.get("exporter")
    if f_exporter is not None:
        f_exporter = _json_ic__exporter(f_exporter, (*at, "exporter"), problems)
    f_importer = raw.get("importer")
    if f_importer is not None:
        f_importer = _json_ic__importer(f_importer, (*at, "importer"), problems)
    f_lines = raw.get("lines")
    if f_lines is not None:
        f_lines_read = _json_ic__lines
        here = (*at, "lines")
        f_lines = tuple(
            [f_lines_read(item, (*here, index), problems)
             for index, item in enumerate(f_lines)]
        )
    f_totals = raw.get("totals")
    if f_totals is not None:
        f_totals = _json_ic__totals(f_totals, (*at, "totals"), problems)
    f_outcome = raw.get("outcome")
    if f_outcome is not None and not f_outcome.isascii():
        try:
            _utf8(f_outcome)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "outcome"), f_outcome, "ConfirmationOutcome", "KP-REQ-052")
            f_outcome = None
    f_discrepancies = raw.get("discrepancies")
    if f_discrepancies is not None:
        f_discrepancies_read = _json_ic__discrepancies
        here = (*at, "discrepancies")
        f_discrepancies = tuple(
            [f_discrepancies_read(item, (*here, index), problems)
             for index, item in enumerate(f_discrepancies)]
        )
    f_refusal_reasons = raw.get("refusalReasons")
    if f_refusal_reasons is not None:
        try:
            for text in f_refusal_reasons.values():
                if not text.isascii():
                    _utf8(text)
            f_refusal_reasons = dict(f_refusal_reasons)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "refusalReasons"),
                f_refusal_reasons,
                "MultilingualText",
                "KP-REQ-052",
            )
            f_refusal_reasons = None
    f_date_of_receipt = raw.get("dateOfReceipt")
    if f_date_of_receipt is not None:
        try:
            if not f_date_of_receipt.isascii():
                _utf8(f_date_of_receipt)
            f_date_of_receipt = _date(f_date_of_receipt)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "dateOfReceipt"), f_date_of_receipt, "Date", "KP-REQ-023")
            f_date_of_receipt = None
    f_authentication = raw.get("authentication")
    if f_authentication is not None:
        f_authentication = _json_ic__authentication(
            f_authentication,
            (*at, "authentication"),
            problems,
        )
    return _make_ImportConfirmation(
        f_spec_version,
        f_confirmation_number,
        f_certificate,
        f_importing_participant,
        f_importing_authority,
        f_exporter,
        f_importer,
        f_lines,
        f_totals,
        f_outcome,
        f_discrepancies,
        f_refusal_reasons,
        f_date_of_receipt,
        f_authentication,
    )


# --- ImportConfirmation: XML writers, one per class ---


def _write_xml_ic_Authority(obj: Any, parent: etree._Element) -> None:
    """Write one Authority into its element, children in model order."""
    value = obj.name
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Name", {_LANG: lang})
            element.text = text
    value = obj.identifier
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Identifier")
        element.text = str(value)
    value = obj.address
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Address", {_LANG: lang})
            element.text = text


def _write_xml_ic_CertificateReference(obj: Any, parent: etree._Element) -> None:
    """Write one CertificateReference into its element, children in model order."""
    value = obj.number
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Number")
        element.text = str(value)
    value = obj.exporting_participant
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}ExportingParticipant")
        element.text = str(value)
    value = obj.date_of_issue
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}DateOfIssue")
        element.text = _date_text(value)
    value = obj.digest
    if value is not None:
        _write_xml_ic_Digest(value, _sub(parent, "{urn:kpstandard:import-confirmation:1}Digest"))


def _write_xml_ic_Digest(obj: Any, parent: etree._Element) -> None:
    """Write one Digest into its element, children in model order."""
    value = obj.algorithm
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Algorithm")
        element.text = str(value)
    value = obj.value
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Value")
        element.text = str(value)


def _write_xml_ic_Discrepancy(obj: Any, parent: etree._Element) -> None:
    """Write one Discrepancy into its element, children in model order."""
    value = obj.hs_code
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}HSCode")
        element.text = str(value)
    value = obj.quantity
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Quantity")
        element.text = str(value)
    value = obj.explanation
    if value is not None:
        for lang, text in value.items():
            element = _sub(
                parent,
                "{urn:kpstandard:import-confirmation:1}Explanation",
                {_LANG: lang},
            )
            element.text = text


def _write_xml_ic_ImportConfirmation(obj: Any, parent: etree._Element) -> None:
    """Write one ImportConfirmation into its element, children in model order."""
    value = obj.spec_version
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}SpecVersion")
        element.text = str(value)
    value = obj.confirmation_number
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}ConfirmationNumber")
        element.text = str(value)
    value = obj.certificate
    if value is not None:
        _write_xml_ic_CertificateReference(
            value,
            _sub(parent, "{urn:kpstandard:import-confirmation:1}Certificate"),
        )
    value = obj.importing_participant
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}ImportingParticipant")
        element.text = str(value)
    value = obj.importing_authority
    if value is not None:
        _write_xml_ic_Authority(
            value,
            _sub(parent, "{urn:kpstandard:import-confirmation:1}ImportingAuthority"),
        )
    value = obj.exporter
    if value is not None:
        _write_xml_ic_Party(value, _sub(parent, "{urn:kpstandard:import-confirmation:1}Exporter"))
    value = obj.importer
    if value is not None:
        _write_xml_ic_Party(value, _sub(parent, "{urn:kpstandard:import-confirmation:1}Importer"))
    value = obj.lines
    if value is not None:
        for item in value:
            _write_xml_ic_ReceivedLine(
                item,
                _sub(parent, "{urn:kpstandard:import-confirmation:1}Line"),
            )
    value = obj.totals
    if value is not None:
        _write_xml_ic_ShipmentTotals(
            value,
            _sub(parent, "{urn:kpstandard:import-confirmation:1}Totals"),
        )
    value = obj.outcome
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Outcome")
        element.text = str(value)
    value = obj.discrepancies
    if value is not None:
        for item in value:
            _write_xml_ic_Discrepancy(
                item,
                _sub(parent, "{urn:kpstandard:import-confirmation:1}Discrepancy"),
            )
    value = obj.refusal_reasons
    if value is not None:
        for lang, text in value.items():
            element = _sub(
                parent,
                "{urn:kpstandard:import-confirmation:1}RefusalReasons",
                {_LANG: lang},
            )
            element.text = text
    value = obj.date_of_receipt
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}DateOfReceipt")
        element.text = _date_text(value)
    value = obj.authentication
    if value is not None:
        _write_xml_ic_Validation(
            value,
            _sub(parent, "{urn:kpstandard:import-confirmation:1}Authentication"),
        )


def _write_xml_ic_Party(obj: Any, parent: etree._Element) -> None:
    """Write one Party into its element, children in model order."""
    value = obj.name
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Name", {_LANG: lang})
            element.text = text
    value = obj.address
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Address", {_LANG: lang})
            element.text = text
    value = obj.country
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Country")
        element.text = str(value)
    value = obj.licence_number
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}LicenceNumber")
        element.text = str(value)


def _write_xml_ic_ReceivedLine(obj: Any, parent: etree._Element) -> None:
    """Write one ReceivedLine into its element, children in model order."""
    value = obj.hs_code
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}HSCode")
        element.text = str(value)
    value = obj.carats
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Carats")
        element.text = _decimal_text(value)
    value = obj.value_usd
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}ValueUSD")
        element.text = _decimal_text(value)
    value = obj.parcels
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Parcels")
        element.text = str(value)


def _write_xml_ic_ShipmentTotals(obj: Any, parent: etree._Element) -> None:
    """Write one ShipmentTotals into its element, children in model order."""
    value = obj.carats
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Carats")
        element.text = _decimal_text(value)
    value = obj.value_usd
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}ValueUSD")
        element.text = _decimal_text(value)
    value = obj.parcels
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Parcels")
        element.text = str(value)


def _write_xml_ic_Validation(obj: Any, parent: etree._Element) -> None:
    """Write one Validation into its element, children in model order."""
    value = obj.officer_name
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}OfficerName")
        element.text = str(value)
    value = obj.officer_function
    if value is not None:
        for lang, text in value.items():
            element = _sub(
                parent,
                "{urn:kpstandard:import-confirmation:1}OfficerFunction",
                {_LANG: lang},
            )
            element.text = text
    value = obj.place
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:import-confirmation:1}Place")
        element.text = str(value)


# --- AuthorityTrustList: readers, one per group ---


def _xml_atl__operator(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Authority, Any]:
    """Read KP-BG-018 List operator from the elements after its own."""
    f_name: dict[str, str] = {}
    f_identifier: Any = None
    f_address: dict[str, str] = {}
    child = next(elements, _END)
    tag = child.tag
    while tag == "{urn:kpstandard:authority-trust-list:1}Name":
        lang = child.get(_LANG, "")
        if lang in f_name:
            problems.duplicate_language(child, lang)
        else:
            f_name[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:authority-trust-list:1}Identifier":
        f_identifier = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:authority-trust-list:1}Address":
        lang = child.get(_LANG, "")
        if lang in f_address:
            problems.duplicate_language(child, lang)
        else:
            f_address[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_Authority(
        f_name,
        f_identifier,
        f_address or None,
    ), child


def _xml_atl__participants__authorities__certificates__status_history(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.StatusChange, Any]:
    """Read KP-BG-022 Status change from the elements after its own."""
    f_status: Any = None
    f_since: Any = None
    f_reason: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:authority-trust-list:1}Value":
        f_status = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:authority-trust-list:1}Since":
        text = (child.text or "").strip(_WS)
        try:
            f_since = _datetime(text)
        except ValueError:
            problems.bad_form(child, text, "DateTime", "KP-REQ-037")
            f_since = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:authority-trust-list:1}Reason":
        f_reason = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_StatusChange(
        f_status,
        f_since,
        f_reason,
    ), child


def _xml_atl__participants__authorities__certificates(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.SigningCertificate, Any]:
    """Read KP-BG-021 Signing certificate from the elements after its own."""
    f_certificate: Any = None
    f_valid_from: Any = None
    f_valid_until: Any = None
    f_status_history: list[Any] = []
    value: Any
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:authority-trust-list:1}Certificate":
        f_certificate = (child.text or "").strip(_WS)
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:authority-trust-list:1}ValidFrom":
        text = (child.text or "").strip(_WS)
        try:
            f_valid_from = _datetime(text)
        except ValueError:
            problems.bad_form(child, text, "DateTime", "KP-REQ-037")
            f_valid_from = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:authority-trust-list:1}ValidUntil":
        text = (child.text or "").strip(_WS)
        try:
            f_valid_until = _datetime(text)
        except ValueError:
            problems.bad_form(child, text, "DateTime", "KP-REQ-037")
            f_valid_until = None
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:authority-trust-list:1}Status":
        value, child = _xml_atl__participants__authorities__certificates__status_history(
            child,
            elements,
            problems,
        )
        f_status_history.append(value)
        tag = child.tag
    return _make_SigningCertificate(
        f_certificate,
        f_valid_from,
        f_valid_until,
        tuple(f_status_history),
    ), child


def _xml_atl__participants__authorities__exchange_nodes(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.ExchangeNode, Any]:
    """Read KP-BG-052 Exchange node from the elements after its own."""
    f_endpoint: Any = None
    f_certificates: list[Any] = []
    value: Any
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:authority-trust-list:1}Endpoint":
        f_endpoint = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:authority-trust-list:1}Certificate":
        value = (child.text or "").strip(_WS)
        f_certificates.append(value)
        child = next(elements, _END)
        tag = child.tag
    return _make_ExchangeNode(
        f_endpoint,
        tuple(f_certificates),
    ), child


def _xml_atl__participants__authorities(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.TrustedAuthority, Any]:
    """Read KP-BG-020 Authority from the elements after its own."""
    f_identifier: Any = None
    f_name: dict[str, str] = {}
    f_roles: list[Any] = []
    f_certificates: list[Any] = []
    f_exchange_nodes: list[Any] = []
    value: Any
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:authority-trust-list:1}Identifier":
        f_identifier = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:authority-trust-list:1}Name":
        lang = child.get(_LANG, "")
        if lang in f_name:
            problems.duplicate_language(child, lang)
        else:
            f_name[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:authority-trust-list:1}Role":
        value = child.text or ""
        f_roles.append(value)
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:authority-trust-list:1}SigningCertificate":
        value, child = _xml_atl__participants__authorities__certificates(child, elements, problems)
        f_certificates.append(value)
        tag = child.tag
    while tag == "{urn:kpstandard:authority-trust-list:1}ExchangeNode":
        value, child = _xml_atl__participants__authorities__exchange_nodes(
            child,
            elements,
            problems,
        )
        f_exchange_nodes.append(value)
        tag = child.tag
    return _make_TrustedAuthority(
        f_identifier,
        f_name,
        tuple(f_roles),
        tuple(f_certificates),
        tuple(f_exchange_nodes) or None,
    ), child


def _xml_atl__participants(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.TrustedParticipant, Any]:
    """Read KP-BG-019 Participant entry from the elements after its own."""
    f_code: Any = None
    f_authorities: list[Any] = []
    value: Any
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:authority-trust-list:1}Code":
        f_code = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:authority-trust-list:1}Authority":
        value, child = _xml_atl__participants__authorities(child, elements, problems)
        f_authorities.append(value)
        tag = child.tag
    return _make_TrustedParticipant(
        f_code,
        tuple(f_authorities),
    ), child


def _xml_atl(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.AuthorityTrustList, Any]:
    """Read AuthorityTrustList Authority Trust List from the elements after its own."""
    f_spec_version: Any = None
    f_operator: Any = None
    f_sequence_number: Any = None
    f_issued: Any = None
    f_next_update: Any = None
    f_participants: list[Any] = []
    value: Any
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:authority-trust-list:1}SpecVersion":
        f_spec_version = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:authority-trust-list:1}Operator":
        f_operator, child = _xml_atl__operator(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:authority-trust-list:1}SequenceNumber":
        text = (child.text or "").strip(_WS)
        try:
            f_sequence_number = int(text)
        except ValueError:
            problems.bad_form(child, text, "Count", "KP-REQ-038")
            f_sequence_number = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:authority-trust-list:1}Issued":
        text = (child.text or "").strip(_WS)
        try:
            f_issued = _datetime(text)
        except ValueError:
            problems.bad_form(child, text, "DateTime", "KP-REQ-038")
            f_issued = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:authority-trust-list:1}NextUpdate":
        text = (child.text or "").strip(_WS)
        try:
            f_next_update = _datetime(text)
        except ValueError:
            problems.bad_form(child, text, "DateTime", "KP-REQ-038")
            f_next_update = None
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:authority-trust-list:1}Participant":
        value, child = _xml_atl__participants(child, elements, problems)
        f_participants.append(value)
        tag = child.tag
    return _make_AuthorityTrustList(
        f_spec_version,
        f_operator,
        f_sequence_number,
        f_issued,
        f_next_update,
        tuple(f_participants),
    ), child


def _json_atl__operator(raw: Any, at: tuple[str | int, ...], problems: JsonProblems) -> D.Authority:
    """Read KP-BG-018 List operator from its object, at path ``at``."""
    f_name = raw.get("name")
    if f_name is not None:
        try:
            for text in f_name.values():
                if not text.isascii():
                    _utf8(text)
            f_name = dict(f_name)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "name"), f_name, "MultilingualText", "KP-REQ-038")
            f_name = None
    f_identifier = raw.get("identifier")
    if f_identifier is not None and not f_identifier.isascii():
        try:
            _utf8(f_identifier)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "identifier"), f_identifier, "Identifier", "KP-REQ-038")
            f_identifier = None
    f_address = raw.get("address")
    if f_address is not None:
        try:
            for text in f_address.values():
                if not text.isascii():
                    _utf8(text)
            f_address = dict(f_address)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "address"), f_address, "MultilingualText", "KP-REQ-038")
            f_address = None
    return _make_Authority(
        f_name,
        f_identifier,
        f_address,
    )


def _json_atl__participants__authorities__certificates__status_history(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.StatusChange:
    """Read KP-BG-022 Status change from its object, at path ``at``."""
    f_status = raw.get("status")
    if f_status is not None and not f_status.isascii():
        try:
            _utf8(f_status)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "status"), f_status, "KeyStatus", "KP-REQ-037")
            f_status = None
    f_since = raw.get("since")
    if f_since is not None:
        try:
            if not f_since.isascii():
                _utf8(f_since)
            f_since = _datetime(f_since)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "since"), f_since, "DateTime", "KP-REQ-037")
            f_since = None
    f_reason = raw.get("reason")
    if f_reason is not None and not f_reason.isascii():
        try:
            _utf8(f_reason)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "reason"), f_reason, "Text", "KP-REQ-043")
            f_reason = None
    return _make_StatusChange(
        f_status,
        f_since,
        f_reason,
    )


def _json_atl__participants__authorities__certificates(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.SigningCertificate:
    """Read KP-BG-021 Signing certificate from its object, at path ``at``."""
    f_certificate = raw.get("certificate")
    if f_certificate is not None and not f_certificate.isascii():
        try:
            _utf8(f_certificate)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "certificate"), f_certificate, "Base64Binary", "KP-REQ-037")
            f_certificate = None
    f_valid_from = raw.get("validFrom")
    if f_valid_from is not None:
        try:
            if not f_valid_from.isascii():
                _utf8(f_valid_from)
            f_valid_from = _datetime(f_valid_from)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "validFrom"), f_valid_from, "DateTime", "KP-REQ-037")
            f_valid_from = None
    f_valid_until = raw.get("validUntil")
    if f_valid_until is not None:
        try:
            if not f_valid_until.isascii():
                _utf8(f_valid_until)
            f_valid_until = _datetime(f_valid_until)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "validUntil"), f_valid_until, "DateTime", "KP-REQ-037")
            f_valid_until = None
    f_status_history = raw.get("statusHistory")
    if f_status_history is not None:
        f_status_history_read = _json_atl__participants__authorities__certificates__status_history
        here = (*at, "statusHistory")
        f_status_history = tuple(
            [f_status_history_read(item, (*here, index), problems)
             for index, item in enumerate(f_status_history)]
        )
    return _make_SigningCertificate(
        f_certificate,
        f_valid_from,
        f_valid_until,
        f_status_history,
    )


def _json_atl__participants__authorities__exchange_nodes(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.ExchangeNode:
    """Read KP-BG-052 Exchange node from its object, at path ``at``."""
    f_endpoint = raw.get("endpoint")
    if f_endpoint is not None and not f_endpoint.isascii():
        try:
            _utf8(f_endpoint)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "endpoint"), f_endpoint, "EndpointURL", "KP-REQ-101")
            f_endpoint = None
    f_certificates = raw.get("certificates")
    if f_certificates is not None:
        items = []
        for index, value in enumerate(f_certificates):
            if not value.isascii():
                try:
                    _utf8(value)
                except (ValueError, UnicodeEncodeError):
                    problems.bad_form(
                        (*at, "certificates", index),
                        value,
                        "Base64Binary",
                        "KP-REQ-101",
                    )
                    value = None
            items.append(value)
        f_certificates = tuple(items)
    return _make_ExchangeNode(
        f_endpoint,
        f_certificates,
    )


def _json_atl__participants__authorities(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.TrustedAuthority:
    """Read KP-BG-020 Authority from its object, at path ``at``."""
    f_identifier = raw.get("identifier")
    if f_identifier is not None and not f_identifier.isascii():
        try:
            _utf8(f_identifier)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "identifier"), f_identifier, "Identifier", "KP-REQ-037")
            f_identifier = None
    f_name = raw.get("name")
    if f_name is not None:
        try:
            for text in f_name.values():
                if not text.isascii():
                    _utf8(text)
            f_name = dict(f_name)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "name"), f_name, "MultilingualText", "KP-REQ-037")
            f_name = None
    f_roles = raw.get("roles")
    if f_roles is not None:
        items = []
        for index, value in enumerate(f_roles):
            if not value.isascii():
                try:
                    _utf8(value)
                except (ValueError, UnicodeEncodeError):
                    problems.bad_form((*at, "roles", index), value, "AuthorityRole", "KP-REQ-037")
                    value = None
            items.append(value)
        f_roles = tuple(items)
    f_certificates = raw.get("certificates")
    if f_certificates is not None:
        f_certificates_read = _json_atl__participants__authorities__certificates
        here = (*at, "certificates")
        f_certificates = tuple(
            [f_certificates_read(item, (*here, index), problems)
             for index, item in enumerate(f_certificates)]
        )
    f_exchange_nodes = raw.get("exchangeNodes")
    if f_exchange_nodes is not None:
        f_exchange_nodes_read = _json_atl__participants__authorities__exchange_nodes
        here = (*at, "exchangeNodes")
        f_exchange_nodes = tuple(
            [f_exchange_nodes_read(item, (*here, index), problems)
             for index, item in enumerate(f_exchange_nodes)]
        )
    return _make_TrustedAuthority(
        f_identifier,
        f_name,
        f_roles,
        f_certificates,
        f_exchange_nodes,
    )


def _json_atl__participants(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.TrustedParticipant:
    """Read KP-BG-019 Participant entry from its object, at path ``at``."""
    f_code = raw.get("code")
    if f_code is not None and not f_code.isascii():
        try:
            _utf8(f_code)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "code"), f_code, "CountryCode", "KP-REQ-037")
            f_code = None
    f_authorities = raw.get("authorities")
    if f_authorities is not None:
        f_authorities_read = _json_atl__participants__authorities
        here = (*at, "authorities")
        f_authorities = tuple(
            [f_authorities_read(item, (*here, index), problems)
             for index, item in enumerate(f_authorities)]
        )
    return _make_TrustedParticipant(
        f_code,
        f_authorities,
    )


def _json_atl(raw: Any, at: tuple[str | int, ...], problems: JsonProblems) -> D.AuthorityTrustList:
    """Read AuthorityTrustList Authority Trust List from its object, at path ``at``."""
    f_spec_version = raw.get("specVersion")
    if f_spec_version is not None and not f_spec_version.isascii():
        try:
            _utf8(f_spec_version)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "specVersion"), f_spec_version, "SpecVersion", "KP-REQ-032")
            f_spec_version = None
    f_operator = raw.get("operator")
    if f_operator is not None:
        f_operator = _json_atl__operator(f_operator, (*at, "operator"), problems)
    f_sequence_number = raw.get("sequenceNumber")
    if f_sequence_number is not None and type(f_sequence_number) is not int:
        try:
            f_sequence_number = _integer(f_sequence_number)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "sequenceNumber"), f_sequence_number, "Count", "KP-REQ-038")
            f_sequence_number = None
    f_issued = raw.get("issued")
    if f_issued is not None:
        try:
            if not f_issued.isascii():
                _utf8(f_issued)
            f_issued = _datetime(f_issued)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "issued"), f_issued, "DateTime", "KP-REQ-038")
            f_issued = None
    f_next_update = raw.get("nextUpdate")
    if f_next_update is not None:
        try:
            if not f_next_update.isascii():
                _utf8(f_next_update)
            f_next_update = _datetime(f_next_update)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "nextUpdate"), f_next_update, "DateTime", "KP-REQ-038")
            f_next_update = None
    f_participants = raw.get("participants")
    if f_participants is not None:
        f_participants_read = _json_atl__participants
        here = (*at, "participants")
        f_participants = tuple(
            [f_participants_read(item, (*here, index), problems)
             for index, item in enumerate(f_participants)]
        )
    return _make_AuthorityTrustList(
        f_spec_version,
        f_operator,
        f_sequence_number,
        f_issued,
        f_next_update,
        f_participants,
    )


# --- AuthorityTrustList: XML writers, one per class ---


def _write_xml_atl_Authority(obj: Any, parent: etree._Element) -> None:
    """Write one Authority into its element, children in model order."""
    value = obj.name
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}Name", {_LANG: lang})
            element.text = text
    value = obj.identifier
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}Identifier")
        element.text = str(value)
    value = obj.address
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}Address", {_LANG: lang})
            element.text = text


def _write_xml_atl_AuthorityTrustList(obj: Any, parent: etree._Element) -> None:
    """Write one AuthorityTrustList into its element, children in model order."""
    value = obj.spec_version
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}SpecVersion")
        element.text = str(value)
    value = obj.operator
    if value is not None:
        _write_xml_atl_Authority(
            value,
            _sub(parent, "{urn:kpstandard:authority-trust-list:1}Operator"),
        )
    value = obj.sequence_number
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}SequenceNumber")
        element.text = str(value)
    value = obj.issued
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}Issued")
        element.text = _datetime_text(value)
    value = obj.next_update
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}NextUpdate")
        element.text = _datetime_text(value)
    value = obj.participants
    if value is not None:
        for item in value:
            _write_xml_atl_TrustedParticipant(
                item,
                _sub(parent, "{urn:kpstandard:authority-trust-list:1}Participant"),
            )


def _write_xml_atl_ExchangeNode(obj: Any, parent: etree._Element) -> None:
    """Write one ExchangeNode into its element, children in model order."""
    value = obj.endpoint
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}Endpoint")
        element.text = str(value)
    value = obj.certificates
    if value is not None:
        for item in value:
            element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}Certificate")
            element.text = str(item)


def _write_xml_atl_SigningCertificate(obj: Any, parent: etree._Element) -> None:
    """Write one SigningCertificate into its element, children in model order."""
    value = obj.certificate
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}Certificate")
        element.text = str(value)
    value = obj.valid_from
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}ValidFrom")
        element.text = _datetime_text(value)
    value = obj.valid_until
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}ValidUntil")
        element.text = _datetime_text(value)
    value = obj.status_history
    if value is not None:
        for item in value:
            _write_xml_atl_StatusChange(
                item,
                _sub(parent, "{urn:kpstandard:authority-trust-list:1}Status"),
            )


def _write_xml_atl_StatusChange(obj: Any, parent: etree._Element) -> None:
    """Write one StatusChange into its element, children in model order."""
    value = obj.status
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}Value")
        element.text = str(value)
    value = obj.since
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}Since")
        element.text = _datetime_text(value)
    value = obj.reason
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}Reason")
        element.text = str(value)


def _write_xml_atl_TrustedAuthority(obj: Any, parent: etree._Element) -> None:
    """Write one TrustedAuthority into its element, children in model order."""
    value = obj.identifier
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}Identifier")
        element.text = str(value)
    value = obj.name
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}Name", {_LANG: lang})
            element.text = text
    value = obj.roles
    if value is not None:
        for item in value:
            element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}Role")
            element.text = str(item)
    value = obj.certificates
    if value is not None:
        for item in value:
            _write_xml_atl_SigningCertificate(
                item,
                _sub(parent, "{urn:kpstandard:authority-trust-list:1}SigningCertificate"),
            )
    value = obj.exchange_nodes
    if value is not None:
        for item in value:
            _write_xml_atl_ExchangeNode(
                item,
                _sub(parent, "{urn:kpstandard:authority-trust-list:1}ExchangeNode"),
            )


def _write_xml_atl_TrustedParticipant(obj: Any, parent: etree._Element) -> None:
    """Write one TrustedParticipant into its element, children in model order."""
    value = obj.code
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:authority-trust-list:1}Code")
        element.text = str(value)
    value = obj.authorities
    if value is not None:
        for item in value:
            _write_xml_atl_TrustedAuthority(
                item,
                _sub(parent, "{urn:kpstandard:authority-trust-list:1}Authority"),
            )


# --- CertificateStatusNotice: readers, one per group ---


def _xml_csn__certificate__digest(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Digest, Any]:
    """Read KP-BG-036 Digest of the certificate concerned from the elements after its own."""
    f_algorithm: Any = None
    f_value: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:certificate-status-notice:1}Algorithm":
        f_algorithm = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:certificate-status-notice:1}Value":
        f_value = (child.text or "").strip(_WS)
        child = next(elements, _END)
        tag = child.tag
    return _make_Digest(
        f_algorithm,
        f_value,
    ), child


def _xml_csn__certificate(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.CertificateReference, Any]:
    """Read KP-BG-035 Certificate concerned from the elements after its own."""
    f_number: Any = None
    f_exporting_participant: Any = None
    f_date_of_issue: Any = None
    f_digest: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:certificate-status-notice:1}Number":
        f_number = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:certificate-status-notice:1}ExportingParticipant":
        f_exporting_participant = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:certificate-status-notice:1}DateOfIssue":
        text = (child.text or "").strip(_WS)
        try:
            f_date_of_issue = _date(text)
        except ValueError:
            problems.bad_form(child, text, "Date", "KP-REQ-070")
            f_date_of_issue = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:certificate-status-notice:1}Digest":
        f_digest, child = _xml_csn__certificate__digest(child, elements, problems)
        tag = child.tag
    return _make_CertificateReference(
        f_number,
        f_exporting_participant,
        f_date_of_issue,
        f_digest,
    ), child


def _xml_csn__issuing_authority(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Authority, Any]:
    """Read KP-BG-037 Issuing authority of the notice from the elements after its own."""
    f_name: dict[str, str] = {}
    f_identifier: Any = None
    f_address: dict[str, str] = {}
    child = next(elements, _END)
    tag = child.tag
    while tag == "{urn:kpstandard:certificate-status-notice:1}Name":
        lang = child.get(_LANG, "")
        if lang in f_name:
            problems.duplicate_language(child, lang)
        else:
            f_name[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:certificate-status-notice:1}Identifier":
        f_identifier = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:certificate-status-notice:1}Address":
        lang = child.get(_LANG, "")
        if lang in f_address:
            problems.duplicate_language(child, lang)
        else:
            f_address[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_Authority(
        f_name,
        f_identifier,
        f_address or None,
    ), child


def _xml_csn(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.CertificateStatusNotice, Any]:
    """Read CertificateStatusNotice Certificate Status Notice from the elements after its own."""
    f_spec_version: Any = None
    f_notice_number: Any = None
    f_certificate: Any = None
    f_issuing_authority: Any = None
    f_status: Any = None
    f_replaced_by: Any = None
    f_reason: Any = None
    f_reason_text: dict[str, str] = {}
    f_effective_from: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:certificate-status-notice:1}SpecVersion":
        f_spec_version = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:certificate-status-notice:1}NoticeNumber":
        f_notice_number = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:certificate-status-notice:1}Certificate":
        f_certificate, child = _xml_csn__certificate(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:certificate-status-notice:1}IssuingAuthority":
        f_issuing_authority, child = _xml_csn__issuing_authority(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:certificate-status-notice:1}Status":
        f_status = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:certificate-status-notice:1}ReplacedBy":
        f_replaced_by = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:certificate-status-notice:1}Reason":
        f_reason = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:certificate-status-notice:1}ReasonText":
        lang = child.get(_LANG, "")
        if lang in f_reason_text:
            problems.duplicate_language(child, lang)
        else:
            f_reason_text[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:certificate-status-notice:1}EffectiveFrom":
        text = (child.text or "").strip(_WS)
        try:
            f_effective_from = _datetime(text)
        except ValueError:
            problems.bad_form(child, text, "DateTime", "KP-REQ-070")
            f_effective_from = None
        child = next(elements, _END)
        tag = child.tag
    return _make_CertificateStatusNotice(
        f_spec_version,
        f_notice_number,
        f_certificate,
        f_issuing_authority,
        f_status,
        f_replaced_by,
        f_reason,
        f_reason_text or None,
        f_effective_from,
    ), child


def _json_csn__certificate__digest(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.Digest:
    """Read KP-BG-036 Digest of the certificate concerned from its object, at path ``at``."""
    f_algorithm = raw.get("algorithm")
    if f_algorithm is not None and not f_algorithm.isascii():
        try:
            _utf8(f_algorithm)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "algorithm"), f_algorithm, "DigestAlgorithm", "KP-REQ-070")
            f_algorithm = None
    f_value = raw.get("value")
    if f_value is not None and not f_value.isascii():
        try:
            _utf8(f_value)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "value"), f_value, "Base64Binary", "KP-REQ-070")
            f_value = None
    return _make_Digest(
        f_algorithm,
        f_value,
    )


def _json_csn__certificate(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.CertificateReference:
    """Read KP-BG-035 Certificate concerned from its object, at path ``at``."""
    f_number = raw.get("number")
    if f_number is not None and not f_number.isascii():
        try:
            _utf8(f_number)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "number"), f_number, "DocumentNumber", "KP-REQ-070")
            f_number = None
    f_exporting_participant = raw.get("exportingParticipant")
    if f_exporting_participant is not None and not f_exporting_participant.isascii():
        try:
            _utf8(f_exporting_participant)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "exportingParticipant"),
                f_exporting_participant,
                "CountryCode",
                "KP-REQ-072",
            )
            f_exporting_participant = None
    f_date_of_issue = raw.get("dateOfIssue")
    if f_date_of_issue is not None:
        try:
            if not f_date_of_issue.isascii():
                _utf8(f_date_of_issue)
            f_date_of_issue = _date(f_date_of_issue)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "dateOfIssue"), f_date_of_issue, "Date", "KP-REQ-070")
            f_date_of_issue = None
    f_digest = raw.get("digest")
    if f_digest is not None:
        f_digest = _json_csn__certificate__digest(f_digest, (*at, "digest"), problems)
    return _make_CertificateReference(
        f_number,
        f_exporting_participant,
        f_date_of_issue,
        f_digest,
    )


def _json_csn__issuing_authority(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.Authority:
    """Read KP-BG-037 Issuing authority of the notice from its object, at path ``at``."""
    f_name = raw.get("name")
    if f_name is not None:
        try:
            for text in f_name.values():
                if not text.isascii():
                    _utf8(text)
            f_name = dict(f_name)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "name"), f_name, "MultilingualText", "KP-REQ-072")
            f_name = None
    f_identifier = raw.get("identifier")
    if f_identifier is not None and not f_identifier.isascii():
        try:
            _utf8(f_identifier)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "identifier"), f_identifier, "Identifier", "KP-REQ-072")
            f_identifier = None
    f_address = raw.get("address")
    if f_address is not None:
        try:
            for text in f_address.values():
                if not text.isascii():
                    _utf8(text)
            f_address = dict(f_address)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "address"), f_address, "MultilingualText", "KP-REQ-072")
            f_address = None
    return _make_Authority(
        f_name,
        f_identifier,
        f_address,
    )


def _json_csn(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.CertificateStatusNotice:
    """Read CertificateStatusNotice Certificate Status Notice from its object, at path ``at``."""
    f_spec_version = raw.get("specVersion")
    if f_spec_version is not None and not f_spec_version.isascii():
        try:
            _utf8(f_spec_version)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "specVersion"), f_spec_version, "SpecVersion", "KP-REQ-032")
            f_spec_version = None
    f_notice_number = raw.get("noticeNumber")
    if f_notice_number is not None and not f_notice_number.isascii():
        try:
            _utf8(f_notice_number)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "noticeNumber"),
                f_notice_number,
                "DocumentNumber",
                "KP-REQ-070",
            )
            f_notice_number = None
    f_certificate = raw.get("certificate")
    if f_certificate is not None:
        f_certificate = _json_csn__certificate(f_certificate, (*at, "certificate"), problems)
    f_issuing_authority = raw.get("issuingAuthority")
    if f_issuing_authority is not None:
        f_issuing_authority = _json_csn__issuing_authority(
            f_issuing_authority,
            (*at, "issuingAuthority"),
            problems,
        )
    f_status = raw.get("status")
    if f_status is not None and not f_status.isascii():
        try:
            _utf8(f_status)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "status"), f_status, "CertificateStatus", "KP-REQ-070")
            f_status = None
    f_replaced_by = raw.get("replacedBy")
    if f_replaced_by is not None and not f_replaced_by.isascii():
        try:
            _utf8(f_replaced_by)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "replacedBy"), f_replaced_by, "DocumentNumber", "KP-REQ-073")
            f_replaced_by = None
    f_reason = raw.get("reason")
    if f_reason is not None and not f_reason.isascii():
        try:
            _utf8(f_reason)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "reason"), f_reason, "StatusReason", "KP-REQ-070")
            f_reason = None
    f_reason_text = raw.get("reasonText")
    if f_reason_text is not None:
        try:
            for text in f_reason_text.values():
                if not text.isascii():
                    _utf8(text)
            f_reason_text = dict(f_reason_text)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "reasonText"), f_reason_text, "MultilingualText", "KP-REQ-070")
            f_reason_text = None
    f_effective_from = raw.get("effectiveFrom")
    if f_effective_from is not None:
        try:
            if not f_effective_from.isascii():
                _utf8(f_effective_from)
            f_effective_from = _datetime(f_effective_from)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "effectiveFrom"), f_effective_from, "DateTime", "KP-REQ-070")
            f_effective_from = None
    return _make_CertificateStatusNotice(
        f_spec_version,
        f_notice_number,
        f_certificate,
        f_issuing_authority,
        f_status,
        f_replaced_by,
        f_reason,
        f_reason_text,
        f_effective_from,
    )


# --- CertificateStatusNotice: XML writers, one per class ---


def _write_xml_csn_Authority(obj: Any, parent: etree._Element) -> None:
    """Write one Authority into its element, children in model order."""
    value = obj.name
    if value is not None:
        for lang, text in value.items():
            element = _sub(
                parent,
                "{urn:kpstandard:certificate-status-notice:1}Name",
                {_LANG: lang},
            )
            element.text = text
    value = obj.identifier
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:certificate-status-notice:1}Identifier")
        element.text = str(value)
    value = obj.address
    if value is not None:
        for lang, text in value.items():
            element = _sub(
                parent,
                "{urn:kpstandard:certificate-status-notice:1}Address",
                {_LANG: lang},
            )
            element.text = text


def _write_xml_csn_CertificateReference(obj: Any, parent: etree._Element) -> None:
    """Write one CertificateReference into its element, children in model order."""
    value = obj.number
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:certificate-status-notice:1}Number")
        element.text = str(value)
    value = obj.exporting_participant
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:certificate-status-notice:1}ExportingParticipant")
        element.text = str(value)
    value = obj.date_of_issue
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:certificate-status-notice:1}DateOfIssue")
        element.text = _date_text(value)
    value = obj.digest
    if value is not None:
        _write_xml_csn_Digest(
            value,
            _sub(parent, "{urn:kpstandard:certificate-status-notice:1}Digest"),
        )


def _write_xml_csn_CertificateStatusNotice(obj: Any, parent: etree._Element) -> None:
    """Write one CertificateStatusNotice into its element, children in model order."""
    value = obj.spec_version
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:certificate-status-notice:1}SpecVersion")
        element.text = str(value)
    value = obj.notice_number
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:certificate-status-notice:1}NoticeNumber")
        element.text = str(value)
    value = obj.certificate
    if value is not None:
        _write_xml_csn_CertificateReference(
            value,
            _sub(parent, "{urn:kpstandard:certificate-status-notice:1}Certificate"),
        )
    value = obj.issuing_authority
    if value is not None:
        _write_xml_csn_Authority(
            value,
            _sub(parent, "{urn:kpstandard:certificate-status-notice:1}IssuingAuthority"),
        )
    value = obj.status
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:certificate-status-notice:1}Status")
        element.text = str(value)
    value = obj.replaced_by
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:certificate-status-notice:1}ReplacedBy")
        element.text = str(value)
    value = obj.reason
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:certificate-status-notice:1}Reason")
        element.text = str(value)
    value = obj.reason_text
    if value is not None:
        for lang, text in value.items():
            element = _sub(
                parent,
                "{urn:kpstandard:certificate-status-notice:1}ReasonText",
                {_LANG: lang},
            )
            element.text = text
    value = obj.effective_from
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:certificate-status-notice:1}EffectiveFrom")
        element.text = _datetime_text(value)


def _write_xml_csn_Digest(obj: Any, parent: etree._Element) -> None:
    """Write one Digest into its element, children in model order."""
    value = obj.algorithm
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:certificate-status-notice:1}Algorithm")
        element.text = str(value)
    value = obj.value
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:certificate-status-notice:1}Value")
        element.text = str(value)


# --- StatusResponse: readers, one per group ---


def _xml_sr__responding_authority(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Authority, Any]:
    """Read KP-BG-040 Responding authority from the elements after its own."""
    f_name: dict[str, str] = {}
    f_identifier: Any = None
    f_address: dict[str, str] = {}
    child = next(elements, _END)
    tag = child.tag
    while tag == "{urn:kpstandard:status-response:1}Name":
        lang = child.get(_LANG, "")
        if lang in f_name:
            problems.duplicate_language(child, lang)
        else:
            f_name[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:status-response:1}Identifier":
        f_identifier = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:status-response:1}Address":
        lang = child.get(_LANG, "")
        if lang in f_address:
            problems.duplicate_language(child, lang)
        else:
            f_address[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_Authority(
        f_name,
        f_identifier,
        f_address or None,
    ), child


def _xml_sr__digest(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Digest, Any]:
    """Read KP-BG-041 Queried certificate digest from the elements after its own."""
    f_algorithm: Any = None
    f_value: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:status-response:1}Algorithm":
        f_algorithm = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:status-response:1}Value":
        f_value = (child.text or "").strip(_WS)
        child = next(elements, _END)
        tag = child.tag
    return _make_Digest(
        f_algorithm,
        f_value,
    ), child


def _xml_sr(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.StatusResponse, Any]:
    """Read StatusResponse Status Response from the elements after its own."""
    f_spec_version: Any = None
    f_participant: Any = None
    f_responding_authority: Any = None
    f_certificate_number: Any = None
    f_digest: Any = None
    f_status: Any = None
    f_replaced_by: Any = None
    f_recorded_at: Any = None
    f_status_since: Any = None
    f_answered_at: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:status-response:1}SpecVersion":
        f_spec_version = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:status-response:1}Participant":
        f_participant = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:status-response:1}RespondingAuthority":
        f_responding_authority, child = _xml_sr__responding_authority(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:status-response:1}CertificateNumber":
        f_certificate_number = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:status-response:1}Digest":
        f_digest, child = _xml_sr__digest(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:status-response:1}Status":
        f_status = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:status-response:1}ReplacedBy":
        f_replaced_by = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:status-response:1}RecordedAt":
        text = (child.text or "").strip(_WS)
        try:
            f_recorded_at = _datetime(text)
        except ValueError:
            problems.bad_form(child, text, "DateTime", "KP-REQ-075")
            f_recorded_at = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:status-response:1}StatusSince":
        text = (child.text or "").strip(_WS)
        try:
            f_status_since = _datetime(text)
        except ValueError:
            problems.bad_form(child, text, "DateTime", "KP-REQ-075")
            f_status_since = None
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:status-response:1}AnsweredAt":
        text = (child.text or "").strip(_WS)
        try:
            f_answered_at = _datetime(text)
        except ValueError:
            problems.bad_form(child, text, "DateTime", "KP-REQ-075")
            f_answered_at = None
        child = next(elements, _END)
        tag = child.tag
    return _make_StatusResponse(
        f_spec_version,
        f_participant,
        f_responding_authority,
        f_certificate_number,
        f_digest,
        f_status,
        f_replaced_by,
        f_recorded_at,
        f_status_since,
        f_answered_at,
    ), child


def _json_sr__responding_authority(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.Authority:
    """Read KP-BG-040 Responding authority from its object, at path ``at``."""
    f_name = raw.get("name")
    if f_name is not None:
        try:
            for text in f_name.values():
                if not text.isascii():
                    _utf8(text)
            f_name = dict(f_name)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "name"), f_name, "MultilingualText", "KP-REQ-075")
            f_name = None
    f_identifier = raw.get("identifier")
    if f_identifier is not None and not f_identifier.isascii():
        try:
            _utf8(f_identifier)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "identifier"), f_identifier, "Identifier", "KP-REQ-075")
            f_identifier = None
    f_address = raw.get("address")
    if f_address is not None:
        try:
            for text in f_address.values():
                if not text.isascii():
                    _utf8(text)
            f_address = dict(f_address)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "address"), f_address, "MultilingualText", "KP-REQ-075")
            f_address = None
    return _make_Authority(
        f_name,
        f_identifier,
        f_address,
    )


def _json_sr__digest(raw: Any, at: tuple[str | int, ...], problems: JsonProblems) -> D.Digest:
    """Read KP-BG-041 Queried certificate digest from its object, at path ``at``."""
    f_algorithm = raw.get("algorithm")
    if f_algorithm is not None and not f_algorithm.isascii():
        try:
            _utf8(f_algorithm)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "algorithm"), f_algorithm, "DigestAlgorithm", "KP-REQ-075")
            f_algorithm = None
    f_value = raw.get("value")
    if f_value is not None and not f_value.isascii():
        try:
            _utf8(f_value)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "value"), f_value, "Base64Binary", "KP-REQ-075")
            f_value = None
    return _make_Digest(
        f_algorithm,
        f_value,
    )


def _json_sr(raw: Any, at: tuple[str | int, ...], problems: JsonProblems) -> D.StatusResponse:
    """Read StatusResponse Status Response from its object, at path ``at``."""
    f_spec_version = raw.get("specVersion")
    if f_spec_version is not None and not f_spec_version.isascii():
        try:
            _utf8(f_spec_version)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "specVersion"), f_spec_version, "SpecVersion", "KP-REQ-032")
            f_spec_version = None
    f_participant = raw.get("participant")
    if f_participant is not None and not f_participant.isascii():
        try:
            _utf8(f_participant)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "participant"), f_participant, "CountryCode", "KP-REQ-075")
            f_participant = None
    f_responding_authority = raw.get("respondingAuthority")
    if f_responding_authority is not None:
        f_responding_authority = _json_sr__responding_authority(
            f_responding_authority,
            (*at, "respondingAuthority"),
            problems,
        )
    f_certificate_number = raw.get("certificateNumber")
    if f_certificate_number is not None and not f_certificate_number.isascii():
        try:
            _utf8(f_certificate_number)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "certificateNumber"),
                f_certificate_number,
                "DocumentNumber",
                "KP-REQ-075",
            )
            f_certificate_number = None
    f_digest = raw.get("digest")
    if f_digest is not None:
        f_digest = _json_sr__digest(f_digest, (*at, "digest"), problems)
    f_status = raw.get("status")
    if f_status is not None and not f_status.isascii():
        try:
            _utf8(f_status)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "status"), f_status, "RegistryStatus", "KP-REQ-075")
            f_status = None
    f_replaced_by = raw.get("replacedBy")
    if f_replaced_by is not None and not f_replaced_by.isascii():
        try:
            _utf8(f_replaced_by)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "replacedBy"), f_replaced_by, "DocumentNumber", "KP-REQ-073")
            f_replaced_by = None
    f_recorded_at = raw.get("recordedAt")
    if f_recorded_at is not None:
        try:
            if not f_recorded_at.isascii():
                _utf8(f_recorded_at)
            f_recorded_at = _datetime(f_recorded_at)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "recordedAt"), f_recorded_at, "DateTime", "KP-REQ-075")
            f_recorded_at = None
    f_status_since = raw.get("statusSince")
    if f_status_since is not None:
        try:
            if not f_status_since.isascii():
                _utf8(f_status_since)
            f_status_since = _datetime(f_status_since)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "statusSince"), f_status_since, "DateTime", "KP-REQ-075")
            f_status_since = None
    f_answered_at = raw.get("answeredAt")
    if f_answered_at is not None:
        try:
            if not f_answered_at.isascii():
                _utf8(f_answered_at)
            f_answered_at = _datetime(f_answered_at)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "answeredAt"), f_answered_at, "DateTime", "KP-REQ-075")
            f_answered_at = None
    return _make_StatusResponse(
        f_spec_version,
        f_participant,
        f_responding_authority,
        f_certificate_number,
        f_digest,
        f_status,
        f_replaced_by,
        f_recorded_at,
        f_status_since,
        f_answered_at,
    )


# --- StatusResponse: XML writers, one per class ---


def _write_xml_sr_Authority(obj: Any, parent: etree._Element) -> None:
    """Write one Authority into its element, children in model order."""
    value = obj.name
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:status-response:1}Name", {_LANG: lang})
            element.text = text
    value = obj.identifier
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:status-response:1}Identifier")
        element.text = str(value)
    value = obj.address
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:status-response:1}Address", {_LANG: lang})
            element.text = text


def _write_xml_sr_Digest(obj: Any, parent: etree._Element) -> None:
    """Write one Digest into its element, children in model order."""
    value = obj.algorithm
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:status-response:1}Algorithm")
        element.text = str(value)
    value = obj.value
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:status-response:1}Value")
        element.text = str(value)


def _write_xml_sr_StatusResponse(obj: Any, parent: etree._Element) -> None:
    """Write one StatusResponse into its element, children in model order."""
    value = obj.spec_version
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:status-response:1}SpecVersion")
        element.text = str(value)
    value = obj.participant
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:status-response:1}Participant")
        element.text = str(value)
    value = obj.responding_authority
    if value is not None:
        _write_xml_sr_Authority(
            value,
            _sub(parent, "{urn:kpstandard:status-response:1}RespondingAuthority"),
        )
    value = obj.certificate_number
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:status-response:1}CertificateNumber")
        element.text = str(value)
    value = obj.digest
    if value is not None:
        _write_xml_sr_Digest(value, _sub(parent, "{urn:kpstandard:status-response:1}Digest"))
    value = obj.status
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:status-response:1}Status")
        element.text = str(value)
    value = obj.replaced_by
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:status-response:1}ReplacedBy")
        element.text = str(value)
    value = obj.recorded_at
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:status-response:1}RecordedAt")
        element.text = _datetime_text(value)
    value = obj.status_since
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:status-response:1}StatusSince")
        element.text = _datetime_text(value)
    value = obj.answered_at
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:status-response:1}AnsweredAt")
        element.text = _datetime_text(value)


# --- Receipt: readers, one per group ---


def _xml_r__receiving_authority(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Authority, Any]:
    """Read KP-BG-050 Receiving authority from the elements after its own."""
    f_name: dict[str, str] = {}
    f_identifier: Any = None
    f_address: dict[str, str] = {}
    child = next(elements, _END)
    tag = child.tag
    while tag == "{urn:kpstandard:receipt:1}Name":
        lang = child.get(_LANG, "")
        if lang in f_name:
            problems.duplicate_language(child, lang)
        else:
            f_name[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:receipt:1}Identifier":
        f_identifier = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    while tag == "{urn:kpstandard:receipt:1}Address":
        lang = child.get(_LANG, "")
        if lang in f_address:
            problems.duplicate_language(child, lang)
        else:
            f_address[lang] = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    return _make_Authority(
        f_name,
        f_identifier,
        f_address or None,
    ), child


def _xml_r__digest(
    element: Any,
    elements: Iterator[Any],
    problems: XmlProblems,
) -> tuple[D.Digest, Any]:
    """Read KP-BG-051 Received document digest from the elements after its own."""
    f_algorithm: Any = None
    f_value: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:receipt:1}Algorithm":
        f_algorithm = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:receipt:1}Value":
        f_value = (child.text or "").strip(_WS)
        child = next(elements, _END)
        tag = child.tag
    return _make_Digest(
        f_algorithm,
        f_value,
    ), child


def _xml_r(element: Any, elements: Iterator[Any], problems: XmlProblems) -> tuple[D.Receipt, Any]:
    """Read Receipt Delivery Receipt from the elements after its own."""
    f_spec_version: Any = None
    f_participant: Any = None
    f_receiving_authority: Any = None
    f_message_id: Any = None
    f_sender_participant: Any = None
    f_sender_authority: Any = None
    f_received_document_type: Any = None
    f_document_number: Any = None
    f_digest: Any = None
    f_received_at: Any = None
    child = next(elements, _END)
    tag = child.tag
    if tag == "{urn:kpstandard:receipt:1}SpecVersion":
        f_spec_version = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:receipt:1}Participant":
        f_participant = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:receipt:1}ReceivingAuthority":
        f_receiving_authority, child = _xml_r__receiving_authority(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:receipt:1}MessageId":
        f_message_id = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:receipt:1}SenderParticipant":
        f_sender_participant = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:receipt:1}SenderAuthority":
        f_sender_authority = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:receipt:1}ReceivedDocumentType":
        f_received_document_type = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:receipt:1}DocumentNumber":
        f_document_number = child.text or ""
        child = next(elements, _END)
        tag = child.tag
    if tag == "{urn:kpstandard:receipt:1}Digest":
        f_digest, child = _xml_r__digest(child, elements, problems)
        tag = child.tag
    if tag == "{urn:kpstandard:receipt:1}ReceivedAt":
        text = (child.text or "").strip(_WS)
        try:
            f_received_at = _datetime(text)
        except ValueError:
            problems.bad_form(child, text, "DateTime", "KP-REQ-100")
            f_received_at = None
        child = next(elements, _END)
        tag = child.tag
    return _make_Receipt(
        f_spec_version,
        f_participant,
        f_receiving_authority,
        f_message_id,
        f_sender_participant,
        f_sender_authority,
        f_received_document_type,
        f_document_number,
        f_digest,
        f_received_at,
    ), child


def _json_r__receiving_authority(
    raw: Any,
    at: tuple[str | int, ...],
    problems: JsonProblems,
) -> D.Authority:
    """Read KP-BG-050 Receiving authority from its object, at path ``at``."""
    f_name = raw.get("name")
    if f_name is not None:
        try:
            for text in f_name.values():
                if not text.isascii():
                    _utf8(text)
            f_name = dict(f_name)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "name"), f_name, "MultilingualText", "KP-REQ-100")
            f_name = None
    f_identifier = raw.get("identifier")
    if f_identifier is not None and not f_identifier.isascii():
        try:
            _utf8(f_identifier)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "identifier"), f_identifier, "Identifier", "KP-REQ-100")
            f_identifier = None
    f_address = raw.get("address")
    if f_address is not None:
        try:
            for text in f_address.values():
                if not text.isascii():
                    _utf8(text)
            f_address = dict(f_address)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "address"), f_address, "MultilingualText", "KP-REQ-100")
            f_address = None
    return _make_Authority(
        f_name,
        f_identifier,
        f_address,
    )


def _json_r__digest(raw: Any, at: tuple[str | int, ...], problems: JsonProblems) -> D.Digest:
    """Read KP-BG-051 Received document digest from its object, at path ``at``."""
    f_algorithm = raw.get("algorithm")
    if f_algorithm is not None and not f_algorithm.isascii():
        try:
            _utf8(f_algorithm)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "algorithm"), f_algorithm, "DigestAlgorithm", "KP-REQ-100")
            f_algorithm = None
    f_value = raw.get("value")
    if f_value is not None and not f_value.isascii():
        try:
            _utf8(f_value)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "value"), f_value, "Base64Binary", "KP-REQ-100")
            f_value = None
    return _make_Digest(
        f_algorithm,
        f_value,
    )


def _json_r(raw: Any, at: tuple[str | int, ...], problems: JsonProblems) -> D.Receipt:
    """Read Receipt Delivery Receipt from its object, at path ``at``."""
    f_spec_version = raw.get("specVersion")
    if f_spec_version is not None and not f_spec_version.isascii():
        try:
            _utf8(f_spec_version)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "specVersion"), f_spec_version, "SpecVersion", "KP-REQ-032")
            f_spec_version = None
    f_participant = raw.get("participant")
    if f_participant is not None and not f_participant.isascii():
        try:
            _utf8(f_participant)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "participant"), f_participant, "CountryCode", "KP-REQ-100")
            f_participant = None
    f_receiving_authority = raw.get("receivingAuthority")
    if f_receiving_authority is not None:
        f_receiving_authority = _json_r__receiving_authority(
            f_receiving_authority,
            (*at, "receivingAuthority"),
            problems,
        )
    f_message_id = raw.get("messageId")
    if f_message_id is not None and not f_message_id.isascii():
        try:
            _utf8(f_message_id)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "messageId"), f_message_id, "Identifier", "KP-REQ-100")
            f_message_id = None
    f_sender_participant = raw.get("senderParticipant")
    if f_sender_participant is not None and not f_sender_participant.isascii():
        try:
            _utf8(f_sender_participant)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "senderParticipant"),
                f_sender_participant,
                "CountryCode",
                "KP-REQ-100",
            )
            f_sender_participant = None
    f_sender_authority = raw.get("senderAuthority")
    if f_sender_authority is not None and not f_sender_authority.isascii():
        try:
            _utf8(f_sender_authority)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "senderAuthority"),
                f_sender_authority,
                "Identifier",
                "KP-REQ-100",
            )
            f_sender_authority = None
    f_received_document_type = raw.get("receivedDocumentType")
    if f_received_document_type is not None and not f_received_document_type.isascii():
        try:
            _utf8(f_received_document_type)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "receivedDocumentType"),
                f_received_document_type,
                "ExchangeDocumentType",
                "KP-REQ-100",
            )
            f_received_document_type = None
    f_document_number = raw.get("documentNumber")
    if f_document_number is not None and not f_document_number.isascii():
        try:
            _utf8(f_document_number)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form(
                (*at, "documentNumber"),
                f_document_number,
                "DocumentNumber",
                "KP-REQ-100",
            )
            f_document_number = None
    f_digest = raw.get("digest")
    if f_digest is not None:
        f_digest = _json_r__digest(f_digest, (*at, "digest"), problems)
    f_received_at = raw.get("receivedAt")
    if f_received_at is not None:
        try:
            if not f_received_at.isascii():
                _utf8(f_received_at)
            f_received_at = _datetime(f_received_at)
        except (ValueError, UnicodeEncodeError):
            problems.bad_form((*at, "receivedAt"), f_received_at, "DateTime", "KP-REQ-100")
            f_received_at = None
    return _make_Receipt(
        f_spec_version,
        f_participant,
        f_receiving_authority,
        f_message_id,
        f_sender_participant,
        f_sender_authority,
        f_received_document_type,
        f_document_number,
        f_digest,
        f_received_at,
    )


# --- Receipt: XML writers, one per class ---


def _write_xml_r_Authority(obj: Any, parent: etree._Element) -> None:
    """Write one Authority into its element, children in model order."""
    value = obj.name
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:receipt:1}Name", {_LANG: lang})
            element.text = text
    value = obj.identifier
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:receipt:1}Identifier")
        element.text = str(value)
    value = obj.address
    if value is not None:
        for lang, text in value.items():
            element = _sub(parent, "{urn:kpstandard:receipt:1}Address", {_LANG: lang})
            element.text = text


def _write_xml_r_Digest(obj: Any, parent: etree._Element) -> None:
    """Write one Digest into its element, children in model order."""
    value = obj.algorithm
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:receipt:1}Algorithm")
        element.text = str(value)
    value = obj.value
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:receipt:1}Value")
        element.text = str(value)


def _write_xml_r_Receipt(obj: Any, parent: etree._Element) -> None:
    """Write one Receipt into its element, children in model order."""
    value = obj.spec_version
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:receipt:1}SpecVersion")
        element.text = str(value)
    value = obj.participant
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:receipt:1}Participant")
        element.text = str(value)
    value = obj.receiving_authority
    if value is not None:
        _write_xml_r_Authority(value, _sub(parent, "{urn:kpstandard:receipt:1}ReceivingAuthority"))
    value = obj.message_id
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:receipt:1}MessageId")
        element.text = str(value)
    value = obj.sender_participant
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:receipt:1}SenderParticipant")
        element.text = str(value)
    value = obj.sender_authority
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:receipt:1}SenderAuthority")
        element.text = str(value)
    value = obj.received_document_type
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:receipt:1}ReceivedDocumentType")
        element.text = str(value)
    value = obj.document_number
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:receipt:1}DocumentNumber")
        element.text = str(value)
    value = obj.digest
    if value is not None:
        _write_xml_r_Digest(value, _sub(parent, "{urn:kpstandard:receipt:1}Digest"))
    value = obj.received_at
    if value is not None:
        element = _sub(parent, "{urn:kpstandard:receipt:1}ReceivedAt")
        element.text = _datetime_text(value)


# --- JSON writers, one per class ---


def _write_json_AdditionalData(obj: Any) -> dict[str, Any]:
    """Write one AdditionalData as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.name
    if value is not None:
        out["name"] = str(value)
    value = obj.value
    if value is not None:
        out["value"] = str(value)
    value = obj.participant
    if value is not None:
        out["participant"] = str(value)
    return out


def _write_json_Authority(obj: Any) -> dict[str, Any]:
    """Write one Authority as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.name
    if value is not None:
        out["name"] = dict(value)
    value = obj.identifier
    if value is not None:
        out["identifier"] = str(value)
    value = obj.address
    if value is not None:
        out["address"] = dict(value)
    return out


def _write_json_AuthorityTrustList(obj: Any) -> dict[str, Any]:
    """Write one AuthorityTrustList as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.spec_version
    if value is not None:
        out["specVersion"] = str(value)
    value = obj.operator
    if value is not None:
        out["operator"] = _write_json_Authority(value)
    value = obj.sequence_number
    if value is not None:
        out["sequenceNumber"] = value
    value = obj.issued
    if value is not None:
        out["issued"] = _datetime_text(value)
    value = obj.next_update
    if value is not None:
        out["nextUpdate"] = _datetime_text(value)
    value = obj.participants
    if value is not None:
        out["participants"] = [_write_json_TrustedParticipant(item) for item in value]
    return out


def _write_json_CertificateReference(obj: Any) -> dict[str, Any]:
    """Write one CertificateReference as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.number
    if value is not None:
        out["number"] = str(value)
    value = obj.exporting_participant
    if value is not None:
        out["exportingParticipant"] = str(value)
    value = obj.date_of_issue
    if value is not None:
        out["dateOfIssue"] = _date_text(value)
    value = obj.digest
    if value is not None:
        out["digest"] = _write_json_Digest(value)
    return out


def _write_json_CertificateStatusNotice(obj: Any) -> dict[str, Any]:
    """Write one CertificateStatusNotice as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.spec_version
    if value is not None:
        out["specVersion"] = str(value)
    value = obj.notice_number
    if value is not None:
        out["noticeNumber"] = str(value)
    value = obj.certificate
    if value is not None:
        out["certificate"] = _write_json_CertificateReference(value)
    value = obj.issuing_authority
    if value is not None:
        out["issuingAuthority"] = _write_json_Authority(value)
    value = obj.status
    if value is not None:
        out["status"] = str(value)
    value = obj.replaced_by
    if value is not None:
        out["replacedBy"] = str(value)
    value = obj.reason
    if value is not None:
        out["reason"] = str(value)
    value = obj.reason_text
    if value is not None:
        out["reasonText"] = dict(value)
    value = obj.effective_from
    if value is not None:
        out["effectiveFrom"] = _datetime_text(value)
    return out


def _write_json_Digest(obj: Any) -> dict[str, Any]:
    """Write one Digest as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.algorithm
    if value is not None:
        out["algorithm"] = str(value)
    value = obj.value
    if value is not None:
        out["value"] = str(value)
    return out


def _write_json_Discrepancy(obj: Any) -> dict[str, Any]:
    """Write one Discrepancy as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.hs_code
    if value is not None:
        out["hsCode"] = str(value)
    value = obj.quantity
    if value is not None:
        out["quantity"] = str(value)
    value = obj.explanation
    if value is not None:
        out["explanation"] = dict(value)
    return out


def _write_json_ExchangeNode(obj: Any) -> dict[str, Any]:
    """Write one ExchangeNode as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.endpoint
    if value is not None:
        out["endpoint"] = str(value)
    value = obj.certificates
    if value is not None:
        out["certificates"] = [str(item) for item in value]
    return out


def _write_json_HybridMode(obj: Any) -> dict[str, Any]:
    """Write one HybridMode as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.paper_serial_number
    if value is not None:
        out["paperSerialNumber"] = str(value)
    value = obj.governing
    if value is not None:
        out["governing"] = str(value)
    return out


def _write_json_ImportConfirmation(obj: Any) -> dict[str, Any]:
    """Write one ImportConfirmation as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.spec_version
    if value is not None:
        out["specVersion"] = str(value)
    value = obj.confirmation_number
    if value is not None:
        out["confirmationNumber"] = str(value)
    value = obj.certificate
    if value is not None:
        out["certificate"] = _write_json_CertificateReference(value)
    value = obj.importing_participant
    if value is not None:
        out["importingParticipant"] = str(value)
    value = obj.importing_authority
    if value is not None:
        out["importingAuthority"] = _write_json_Authority(value)
    value = obj.exporter
    if value is not None:
        out["exporter"] = _write_json_Party(value)
    value = obj.importer
    if value is not None:
        out["importer"] = _write_json_Party(value)
    value = obj.lines
    if value is not None:
        out["lines"] = [_write_json_ReceivedLine(item) for item in value]
    value = obj.totals
    if value is not None:
        out["totals"] = _write_json_ShipmentTotals(value)
    value = obj.outcome
    if value is not None:
        out["outcome"] = str(value)
    value = obj.discrepancies
    if value is not None:
        out["discrepancies"] = [_write_json_Discrepancy(item) for item in value]
    value = obj.refusal_reasons
    if value is not None:
        out["refusalReasons"] = dict(value)
    value = obj.date_of_receipt
    if value is not None:
        out["dateOfReceipt"] = _date_text(value)
    value = obj.authentication
    if value is not None:
        out["authentication"] = _write_json_Validation(value)
    return out


def _write_json_KPCertificate(obj: Any) -> dict[str, Any]:
    """Write one KPCertificate as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.spec_version
    if value is not None:
        out["specVersion"] = str(value)
    value = obj.certificate_number
    if value is not None:
        out["certificateNumber"] = str(value)
    value = obj.title
    if value is not None:
        out["title"] = dict(value)
    value = obj.statement
    if value is not None:
        out["statement"] = dict(value)
    value = obj.status
    if value is not None:
        out["status"] = str(value)
    value = obj.replaces
    if value is not None:
        out["replaces"] = str(value)
    value = obj.exporting_participant
    if value is not None:
        out["exportingParticipant"] = str(value)
    value = obj.importing_participant
    if value is not None:
        out["importingParticipant"] = str(value)
    value = obj.date_of_issue
    if value is not None:
        out["dateOfIssue"] = _date_text(value)
    value = obj.date_of_expiry
    if value is not None:
        out["dateOfExpiry"] = _date_text(value)
    value = obj.issuing_authority
    if value is not None:
        out["issuingAuthority"] = _write_json_Authority(value)
    value = obj.exporter
    if value is not None:
        out["exporter"] = _write_json_Party(value)
    value = obj.importer
    if value is not None:
        out["importer"] = _write_json_Party(value)
    value = obj.country_of_provenance
    if value is not None:
        out["countryOfProvenance"] = str(value)
    value = obj.shipment
    if value is not None:
        out["shipment"] = _write_json_Shipment(value)
    value = obj.validation
    if value is not None:
        out["validation"] = _write_json_Validation(value)
    value = obj.additional_data
    if value is not None:
        out["additionalData"] = [_write_json_AdditionalData(item) for item in value]
    value = obj.hybrid_mode
    if value is not None:
        out["hybridMode"] = _write_json_HybridMode(value)
    return out


def _write_json_Origin(obj: Any) -> dict[str, Any]:
    """Write one Origin as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.mixed
    if value is not None:
        out["mixed"] = value
    value = obj.countries
    if value is not None:
        out["countries"] = [str(item) for item in value]
    return out


def _write_json_Party(obj: Any) -> dict[str, Any]:
    """Write one Party as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.name
    if value is not None:
        out["name"] = dict(value)
    value = obj.address
    if value is not None:
        out["address"] = dict(value)
    value = obj.country
    if value is not None:
        out["country"] = str(value)
    value = obj.licence_number
    if value is not None:
        out["licenceNumber"] = str(value)
    return out


def _write_json_Receipt(obj: Any) -> dict[str, Any]:
    """Write one Receipt as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.spec_version
    if value is not None:
        out["specVersion"] = str(value)
    value = obj.participant
    if value is not None:
        out["participant"] = str(value)
    value = obj.receiving_authority
    if value is not None:
        out["receivingAuthority"] = _write_json_Authority(value)
    value = obj.message_id
    if value is not None:
        out["messageId"] = str(value)
    value = obj.sender_participant
    if value is not None:
        out["senderParticipant"] = str(value)
    value = obj.sender_authority
    if value is not None:
        out["senderAuthority"] = str(value)
    value = obj.received_document_type
    if value is not None:
        out["receivedDocumentType"] = str(value)
    value = obj.document_number
    if value is not None:
        out["documentNumber"] = str(value)
    value = obj.digest
    if value is not None:
        out["digest"] = _write_json_Digest(value)
    value = obj.received_at
    if value is not None:
        out["receivedAt"] = _datetime_text(value)
    return out


def _write_json_ReceivedLine(obj: Any) -> dict[str, Any]:
    """Write one ReceivedLine as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.hs_code
    if value is not None:
        out["hsCode"] = str(value)
    value = obj.carats
    if value is not None:
        out["carats"] = _decimal_text(value)
    value = obj.value_usd
    if value is not None:
        out["valueUsd"] = _decimal_text(value)
    value = obj.parcels
    if value is not None:
        out["parcels"] = value
    return out


def _write_json_Shipment(obj: Any) -> dict[str, Any]:
    """Write one Shipment as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.lines
    if value is not None:
        out["lines"] = [_write_json_ShipmentLine(item) for item in value]
    value = obj.totals
    if value is not None:
        out["totals"] = _write_json_ShipmentTotals(value)
    value = obj.quality_characteristics
    if value is not None:
        out["qualityCharacteristics"] = dict(value)
    value = obj.security_bags
    if value is not None:
        out["securityBags"] = [str(item) for item in value]
    value = obj.container_number
    if value is not None:
        out["containerNumber"] = str(value)
    return out


def _write_json_ShipmentLine(obj: Any) -> dict[str, Any]:
    """Write one ShipmentLine as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.hs_code
    if value is not None:
        out["hsCode"] = str(value)
    value = obj.origin
    if value is not None:
        out["origin"] = _write_json_Origin(value)
    value = obj.origin_zone
    if value is not None:
        out["originZone"] = str(value)
    value = obj.country_of_provenance
    if value is not None:
        out["countryOfProvenance"] = str(value)
    value = obj.carats
    if value is not None:
        out["carats"] = _decimal_text(value)
    value = obj.value_usd
    if value is not None:
        out["valueUsd"] = _decimal_text(value)
    value = obj.parcels
    if value is not None:
        out["parcels"] = value
    value = obj.quality_characteristics
    if value is not None:
        out["qualityCharacteristics"] = dict(value)
    return out


def _write_json_ShipmentTotals(obj: Any) -> dict[str, Any]:
    """Write one ShipmentTotals as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.carats
    if value is not None:
        out["carats"] = _decimal_text(value)
    value = obj.value_usd
    if value is not None:
        out["valueUsd"] = _decimal_text(value)
    value = obj.parcels
    if value is not None:
        out["parcels"] = value
    return out


def _write_json_SigningCertificate(obj: Any) -> dict[str, Any]:
    """Write one SigningCertificate as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.certificate
    if value is not None:
        out["certificate"] = str(value)
    value = obj.valid_from
    if value is not None:
        out["validFrom"] = _datetime_text(value)
    value = obj.valid_until
    if value is not None:
        out["validUntil"] = _datetime_text(value)
    value = obj.status_history
    if value is not None:
        out["statusHistory"] = [_write_json_StatusChange(item) for item in value]
    return out


def _write_json_StatusChange(obj: Any) -> dict[str, Any]:
    """Write one StatusChange as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.status
    if value is not None:
        out["status"] = str(value)
    value = obj.since
    if value is not None:
        out["since"] = _datetime_text(value)
    value = obj.reason
    if value is not None:
        out["reason"] = str(value)
    return out


def _write_json_StatusResponse(obj: Any) -> dict[str, Any]:
    """Write one StatusResponse as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.spec_version
    if value is not None:
        out["specVersion"] = str(value)
    value = obj.participant
    if value is not None:
        out["participant"] = str(value)
    value = obj.responding_authority
    if value is not None:
        out["respondingAuthority"] = _write_json_Authority(value)
    value = obj.certificate_number
    if value is not None:
        out["certificateNumber"] = str(value)
    value = obj.digest
    if value is not None:
        out["digest"] = _write_json_Digest(value)
    value = obj.status
    if value is not None:
        out["status"] = str(value)
    value = obj.replaced_by
    if value is not None:
        out["replacedBy"] = str(value)
    value = obj.recorded_at
    if value is not None:
        out["recordedAt"] = _datetime_text(value)
    value = obj.status_since
    if value is not None:
        out["statusSince"] = _datetime_text(value)
    value = obj.answered_at
    if value is not None:
        out["answeredAt"] = _datetime_text(value)
    return out


def _write_json_TrustedAuthority(obj: Any) -> dict[str, Any]:
    """Write one TrustedAuthority as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.identifier
    if value is not None:
        out["identifier"] = str(value)
    value = obj.name
    if value is not None:
        out["name"] = dict(value)
    value = obj.roles
    if value is not None:
        out["roles"] = [str(item) for item in value]
    value = obj.certificates
    if value is not None:
        out["certificates"] = [_write_json_SigningCertificate(item) for item in value]
    value = obj.exchange_nodes
    if value is not None:
        out["exchangeNodes"] = [_write_json_ExchangeNode(item) for item in value]
    return out


def _write_json_TrustedParticipant(obj: Any) -> dict[str, Any]:
    """Write one TrustedParticipant as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.code
    if value is not None:
        out["code"] = str(value)
    value = obj.authorities
    if value is not None:
        out["authorities"] = [_write_json_TrustedAuthority(item) for item in value]
    return out


def _write_json_Validation(obj: Any) -> dict[str, Any]:
    """Write one Validation as a JSON object, members in model order."""
    out: dict[str, Any] = {}
    value = obj.officer_name
    if value is not None:
        out["officerName"] = str(value)
    value = obj.officer_function
    if value is not None:
        out["officerFunction"] = dict(value)
    value = obj.place
    if value is not None:
        out["place"] = str(value)
    return out


XML_READERS: dict[str, XmlReader] = {
    "KPCertificate": _xml_kc,
    "ImportConfirmation": _xml_ic,
    "AuthorityTrustList": _xml_atl,
    "CertificateStatusNotice": _xml_csn,
    "StatusResponse": _xml_sr,
    "Receipt": _xml_r,
}

JSON_READERS: dict[str, JsonReader] = {
    "KPCertificate": _json_kc,
    "ImportConfirmation": _json_ic,
    "AuthorityTrustList": _json_atl,
    "CertificateStatusNotice": _json_csn,
    "StatusResponse": _json_sr,
    "Receipt": _json_r,
}

XML_WRITERS: dict[str, XmlWriter] = {
    "KPCertificate": _write_xml_kc_KPCertificate,
    "ImportConfirmation": _write_xml_ic_ImportConfirmation,
    "AuthorityTrustList": _write_xml_atl_AuthorityTrustList,
    "CertificateStatusNotice": _write_xml_csn_CertificateStatusNotice,
    "StatusResponse": _write_xml_sr_StatusResponse,
    "Receipt": _write_xml_r_Receipt,
}

JSON_WRITERS: dict[str, JsonWriter] = {
    "KPCertificate": _write_json_KPCertificate,
    "ImportConfirmation": _write_json_ImportConfirmation,
    "AuthorityTrustList": _write_json_AuthorityTrustList,
    "CertificateStatusNotice": _write_json_CertificateStatusNotice,
    "StatusResponse": _write_json_StatusResponse,
    "Receipt": _write_json_Receipt,
}

"""Each table maps a document type's class name to the function of its root."""
