"""Hostile and broken input gets a finding with the right code, never a crash or a hang."""

from __future__ import annotations

import pytest

import kpstandard
from kpstandard.findings import Layer, LayerStatus, Verdict
from kpstandard.syntax.limits import Limits

from conftest import make_certificate

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<KPCertificate xmlns="urn:kpstandard:kp-certificate:1">
<SpecVersion>&lol9;</SpecVersion></KPCertificate>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<KPCertificate xmlns="urn:kpstandard:kp-certificate:1">
<SpecVersion>&xxe;</SpecVersion></KPCertificate>
"""


def codes(data: bytes, **kwargs: object) -> list[str]:
    return [f.code for f in kpstandard.validate(data, **kwargs).findings]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        pytest.param(BILLION_LAUGHS, "KP-P-004", id="entity-bomb"),
        pytest.param(EXTERNAL_ENTITY, "KP-P-004", id="external-entity"),
        pytest.param(
            BILLION_LAUGHS.decode().replace('<?xml version="1.0"?>', "").encode("utf-16"),
            "KP-P-004",
            id="entity-bomb-in-utf16",
        ),
        pytest.param(b"hello", "KP-P-001", id="plain-text"),
        pytest.param(b"", "KP-P-001", id="empty"),
        pytest.param(b"\x00\x01\x02", "KP-P-001", id="bytes"),
        pytest.param(b"\xff\xfe<\x00", "KP-P-003", id="utf16-garbage"),
        pytest.param(b'{"documentType": "kp-certificate",', "KP-P-003", id="truncated-json"),
        pytest.param(b"<KPCertificate", "KP-P-003", id="truncated-xml"),
        pytest.param(b'{"a": "\xff"}', "KP-P-003", id="json-not-utf8"),
        pytest.param(b'{"a": NaN}', "KP-P-003", id="json-nan"),
        pytest.param(b'{"a": 1, "a": 2}', "KP-P-006", id="duplicate-member"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, "KP-P-005", id="json-deep"),
        pytest.param(b"[" * 40 + b"]" * 40, "KP-P-005", id="json-deeper-than-limit"),
        pytest.param(b"<a>" * 300 + b"</a>" * 300, "KP-P-005", id="xml-deep"),
        pytest.param(b"<a>" * 40 + b"</a>" * 40, "KP-P-005", id="xml-deeper-than-limit"),
        pytest.param(b"[1, 2]", "KP-P-007", id="json-array"),
        pytest.param(b'{"documentType": "invoice"}', "KP-P-007", id="unknown-document-type"),
        pytest.param(b'<KPCertificate xmlns="urn:other"/>', "KP-P-007", id="unknown-namespace"),
        pytest.param(b"<KPCertificate/>", "KP-P-007", id="no-namespace"),
        pytest.param(b"<a>&undeclared;</a>", "KP-P-004", id="undeclared-entity"),
    ],
)
def test_hostile_input_rejected_with_code(data: bytes, code: str) -> None:
    report = kpstandard.validate(data)
    assert report.verdict is Verdict.INVALID
    assert [f.code for f in report.findings] == [code]
    assert report.findings[0].layer is Layer.INPUT
    assert report.layers[1].status is LayerStatus.NOT_RUN


def test_external_entity_never_read() -> None:
    report = kpstandard.validate(EXTERNAL_ENTITY)
    assert "root:" not in repr(report)


def test_size_limit() -> None:
    data = kpstandard.dumps(make_certificate(), "json")
    assert codes(data, limits=Limits(max_bytes=len(data) - 1)) == ["KP-P-002"]
    assert codes(data, limits=Limits(max_bytes=len(data))) == []


def test_byte_order_mark_is_ignored_in_json() -> None:
    assert codes(b"\xef\xbb\xbf" + kpstandard.dumps(make_certificate(), "json")) == []


def test_lone_surrogate_in_json_text() -> None:
    data = kpstandard.dumps(make_certificate(), "json").replace(b"K. Molefe", b"K. \\ud800Molefe")
    report = kpstandard.validate(data)
    # Refused as it is read (I-JSON, RFC 7493), wherever it stands: no writer can carry it on.
    assert [(f.code, f.location) for f in report.findings] == [
        ("KP-P-003", "/validation/officerName")
    ]


def test_lone_surrogate_in_a_member_name() -> None:
    data = kpstandard.dumps(make_certificate(), "json").replace(
        b'"officerName"', b'"officer\\udc00Name"'
    )
    report = kpstandard.validate(data)
    assert [(f.code, f.location) for f in report.findings] == [
        ("KP-P-003", "/validation/officer\\udc00Name")
    ]


def test_comments_and_cdata_neither_split_nor_hide_a_value() -> None:
    data = kpstandard.dumps(make_certificate(), "xml").replace(
        b"<OfficerName>K. Molefe</OfficerName>",
        b"<OfficerName>K. <!-- a comment -->Mo<![CDATA[le]]>fe<?pi x?></OfficerName>",
    )
    report = kpstandard.validate(data)
    assert report.valid, report.findings
    assert report.document.validation.officer_name == "K. Molefe"


@pytest.mark.parametrize("number", [b"1e400", b"-0.5", b"3.25", b"99999999999999999999999"])
def test_json_numbers_never_become_binary_floats(number: bytes) -> None:
    data = kpstandard.dumps(make_certificate(), "json").replace(
        b'"parcels": 3', b'"parcels": ' + number
    )
    report = kpstandard.validate(data)
    assert [(f.code, f.location) for f in report.findings] == [
        ("KP-S-003", "/shipment/lines/0/parcels")
    ]


def test_quadratic_blowup_refused_quickly() -> None:
    entity = b"A" * 100_000
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "' + entity + b'">]>'
        b'<KPCertificate xmlns="urn:kpstandard:kp-certificate:1"><SpecVersion>'
        + b"&a;" * 100_000
        + b"</SpecVersion></KPCertificate>"
    )
    assert codes(bomb) == ["KP-P-004"]


def test_a_comment_mentioning_a_doctype_is_no_dtd() -> None:
    data = kpstandard.dumps(make_certificate(), "xml").replace(
        b"<KPCertificate", b"<!-- no <!DOCTYPE here --><KPCertificate", 1
    )
    assert codes(data) == []
