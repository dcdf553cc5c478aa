"""Area ``hostile-input``: bytes that a receiving system must survive and reject [KP-REQ-030].

Every receiving role reads input, so these vectors apply to validators and converters alike. The
bytes are written by hand; where a document is needed around the hostile part, it is a golden one.
A receiving system may set its limits above the standard's (1 MiB, depth 32): for input beyond them
the codes also allow the rejection that such a system reaches after reading it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kpstandard.conformance.generate._common import codes
from kpstandard.conformance.generate._draft import Accept, Bytes, Draft, Reject
from kpstandard.conformance.generate._golden import golden_bytes
from kpstandard.conformance.generate._trees import jset, xset

__all__ = ["drafts"]

AREA = "hostile-input"
ROLES = ("validator", "converter")
VERIFICATION_TIME = "2026-02-17T12:00:00Z"
"""Noon the day after the date of issue of bw-eu-unmixed, the document most vectors wrap."""

P001, P002, P003, P004, P005, P006, P007, P008 = codes("P", 1, 2, 3, 4, 5, 6, 7, 8)
S001, S002, S003 = codes("S", 1, 2, 3)

MIB = 1024 * 1024
BW = "bw-eu-unmixed"


@dataclass(frozen=True)
class ByteCase:
    name: str
    description: str
    data: bytes
    syntax: str | None
    expected: Accept | Reject
    requirement: str = "KP-REQ-030"
    base: str | None = None
    comment: str | None = None
    pending: str | None = None
    """Why the case waits outside the suite (a fix it needs), if it does."""

    @property
    def roles(self) -> tuple[str, ...]:
        # A converter answers a conforming input with its conversion: the conversion area has
        # those vectors; here a conforming input is for validators.
        return ("validator",) if isinstance(self.expected, Accept) else ROLES


def _json() -> bytes:
    return golden_bytes(BW, "json")


def _xml() -> bytes:
    return golden_bytes(BW, "xml")


def _xml_body() -> bytes:
    """The golden XML without its declaration, to put something before the root."""
    return _xml().split(b"?>\n", 1)[1]


def _replace_once(data: bytes, old: bytes, new: bytes) -> bytes:
    assert data.count(old) >= 1, old
    return data.replace(old, new, 1)


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE KPCertificate [
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
"""


def _entity_bomb() -> bytes:
    return LAUGHS + _replace_once(_xml_body(), b"Kagiso Molefe", b"&lol9;")


def _external_entity(system: bytes) -> bytes:
    head = (
        b'<?xml version="1.0"?>\n<!DOCTYPE KPCertificate [<!ENTITY x SYSTEM "' + system + b'">]>\n'
    )
    return head + _replace_once(_xml_body(), b"Kagiso Molefe", b"&x;")


def _padded_json(size: int) -> bytes:
    """The golden JSON grown to exactly ``size`` bytes with whitespace inside the root object
    (insignificant in JSON)."""
    data = _json()
    pad = size - len(data)
    assert pad > 0
    return data[:1] + b" " * pad + data[1:]


def _padded_xml(size: int) -> bytes:
    """The golden XML grown to exactly ``size`` bytes with whitespace between elements (ignorable
    in element-only content)."""
    data = _xml()
    pad = size - len(data)
    anchor = b"<SpecVersion>"
    return _replace_once(data, anchor, b" " * pad + anchor)


def _too_large_json() -> bytes:
    import json

    value = json.loads(_json())
    jset(value, "validation/officerName", "K" * (MIB + 16))
    return json.dumps(value, indent=2).encode() + b"\n"


def _too_large_xml() -> bytes:
    from lxml import etree

    root = etree.fromstring(_xml())
    xset(root, "Validation/OfficerName", "K" * (MIB + 16))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _namespaced(count: int) -> bytes:
    """The golden XML with ``count`` namespace declarations in all: its own and unused ones."""
    extra = b"".join(b' xmlns:n%d="urn:example:n%d"' % (i, i) for i in range(1, count))
    return _replace_once(
        _xml(),
        b'xmlns="urn:kpstandard:kp-certificate:1"',
        b'xmlns="urn:kpstandard:kp-certificate:1"' + extra,
    )


def _namespace_flood() -> bytes:
    """Unused namespace declarations on the root, past 1 MiB in all, and an element of one of
    those namespaces where the schema allows none: a system with a higher size limit that reads
    it finds that defect."""
    count = 1
    data = _namespaced(count)
    while len(data) <= MIB:
        count *= 2
        data = _namespaced(count)
    return _replace_once(
        data, b"<Place>Gaborone</Place>", b"<Place>Gaborone</Place><n1:Note>flood</n1:Note>"
    )


def _xmlns_in_text(times: int) -> bytes:
    """The golden XML mentioning the word xmlns in comments, ``times`` times (no declaration)."""
    comments = b"".join(b"<!-- xmlns %d -->" % i for i in range(times))
    return _replace_once(_xml(), b"<Shipment>", comments + b"<Shipment>")


def escaped_json(stem: str) -> bytes:
    """A golden JSON document written with ``\\uXXXX`` for every non-ASCII character and ``\\/``
    for every slash (slashes occur only inside strings in JSON)."""
    import json

    text = json.dumps(json.loads(golden_bytes(stem, "json")), indent=2, ensure_ascii=True)
    return text.replace("/", "\\/").encode("ascii") + b"\n"


def utf16(data: bytes) -> bytes:
    text = data.decode("utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'")
    return text.encode("utf-16")  # with a byte order mark


CASES: tuple[ByteCase, ...] = (
    # --- KP-P-001: not JSON or XML at all ---------------------------------------------------
    ByteCase(
        "plain-text",
        "Plain text, neither JSON nor XML",
        b"hello, certificate\n",
        None,
        Reject((P001,)),
    ),
    ByteCase("empty", "No bytes at all", b"", None, Reject((P001,))),
    ByteCase("binary", "Binary bytes", bytes(range(256)), None, Reject((P001, P003))),
    ByteCase(
        "pdf-header",
        "A PDF file given instead of a document",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        None,
        Reject((P001,)),
    ),
    # --- KP-P-002: larger than the limit ------------------------------------------------------
    ByteCase(
        "json-larger-than-1-mib",
        "A JSON certificate of more than 1 MiB (a 1 MiB officer's name)",
        _too_large_json(),
        "json",
        Reject((P002, S003)),
        base=BW,
        comment="A system with a higher size limit reads it and finds the name too long.",
    ),
    ByteCase(
        "xml-larger-than-1-mib",
        "An XML certificate of more than 1 MiB (a 1 MiB officer's name)",
        _too_large_xml(),
        "xml",
        Reject((P002, S003)),
        base=BW,
        comment="A system with a higher size limit reads it and finds the name too long.",
    ),
    ByteCase(
        "json-of-exactly-1-mib",
        "A conforming JSON certificate of exactly 1 MiB (whitespace padding): every receiver "
        "must accept it",
        _padded_json(MIB),
        "json",
        Accept((P002,)),
        base=BW,
    ),
    ByteCase(
        "xml-of-exactly-1-mib",
        "A conforming XML certificate of exactly 1 MiB (whitespace padding): every receiver must "
        "accept it",
        _padded_xml(MIB),
        "xml",
        Accept((P002,)),
        base=BW,
    ),
    # --- KP-P-003: not well-formed ----------------------------------------------------------
    ByteCase(
        "json-truncated",
        "A JSON document cut short",
        _json()[:200],
        "json",
        Reject((P003,)),
        base=BW,
    ),
    ByteCase(
        "xml-truncated", "An XML document cut short", _xml()[:300], "xml", Reject((P003,)), base=BW
    ),
    ByteCase(
        "json-not-utf8",
        "JSON text in Latin-1 (RFC 8259 requires UTF-8)",
        _json().replace(b"Kagiso Molefe", "Kagiso Mol\u00e9f\u00e9".encode("latin-1")),
        "json",
        Reject((P003,)),
        base=BW,
    ),
    ByteCase(
        "xml-invalid-utf8",
        "XML declared UTF-8 with an invalid UTF-8 byte",
        _replace_once(_xml(), b"Kagiso Molefe", b"Kagiso Mol\xe9fe"),
        "xml",
        Reject((P003,)),
        base=BW,
    ),
    ByteCase(
        "json-nan",
        "A JSON number written NaN (not JSON)",
        _replace_once(_json(), b'"parcels": 3', b'"parcels": NaN'),
        "json",
        Reject((P003,)),
        base=BW,
    ),
    ByteCase(
        "json-trailing-comma",
        "A trailing comma in a JSON object",
        _replace_once(_json(), b'"place": "Gaborone"\n', b'"place": "Gaborone",\n'),
        "json",
        Reject((P003,)),
        base=BW,
    ),
    ByteCase(
        "json-comment",
        "A comment in JSON (not JSON)",
        _replace_once(_json(), b'  "status"', b'  // a comment\n  "status"'),
        "json",
        Reject((P003,)),
        base=BW,
    ),
    ByteCase(
        "json-two-documents",
        "Two JSON documents one after the other",
        _json() + _json(),
        "json",
        Reject((P003,)),
        base=BW,
    ),
    ByteCase(
        "xml-two-roots",
        "Two root elements",
        _xml() + _xml_body(),
        "xml",
        Reject((P003,)),
        base=BW,
    ),
    ByteCase(
        "xml-control-character",
        "A character reference to U+0001, which XML 1.0 does not allow",
        _replace_once(_xml(), b"Kagiso Molefe", b"Kagiso&#1;Molefe"),
        "xml",
        Reject((P003,)),
        base=BW,
    ),
    ByteCase(
        "utf16-garbage",
        "A UTF-16 byte order mark followed by garbage",
        b"\xff\xfe<\x00",
        "xml",
        Reject((P003,)),
    ),
    ByteCase(
        "json-number-of-5000-digits",
        "A number of parcels written with 5000 digits",
        _replace_once(_json(), b'"parcels": 3', b'"parcels": ' + b"1" * 5000),
        "json",
        Reject((P003, S003)),
        base=BW,
        comment="Some JSON readers refuse so long a number, others read it and find it too large.",
    ),
    ByteCase(
        "json-lone-surrogate",
        "A JSON string with a lone surrogate escape, which is no Unicode character",
        _replace_once(_json(), b"Kagiso Molefe", b"Kagiso \\ud800Molefe"),
        "json",
        Reject((S003, P003)),
        base=BW,
    ),
    ByteCase(
        "xml-utf16",
        "A conforming XML certificate in UTF-16 with a byte order mark (every XML processor must "
        "read UTF-16)",
        utf16(_xml()),
        "xml",
        Accept((P003, P001)),
        requirement="KP-REQ-001",
        base=BW,
    ),
    ByteCase(
        "xml-without-declaration",
        "A conforming XML certificate without an XML declaration",
        _xml_body(),
        "xml",
        Accept((P001, P003)),
        requirement="KP-REQ-001",
        base=BW,
    ),
    ByteCase(
        "xml-cdata-comments-references",
        "A conforming XML certificate with a comment, a CDATA section and character references "
        "inside values: they neither split nor hide a value",
        _replace_once(
            _replace_once(
                _xml(),
                b"<OfficerName>Kagiso Molefe</OfficerName>",
                b"<OfficerName>Kagiso <!-- validated -->Mo<![CDATA[le]]>&#102;e</OfficerName>",
            ),
            b"<Place>Gaborone</Place>",
            b"<Place>&#71;aborone</Place>",
        ),
        "xml",
        Accept((P003, P004)),
        requirement="KP-REQ-001",
        base=BW,
    ),
    ByteCase(
        "xml-stylesheet-instruction",
        "A conforming XML certificate with a processing instruction naming a remote stylesheet: "
        "it is not fetched, and the document is accepted",
        _replace_once(
            _xml(),
            b"?>\n",
            b'?>\n<?xml-stylesheet type="text/xsl" href="http://example.invalid/kp.xsl"?>\n',
        ),
        "xml",
        Accept((P004,)),
        base=BW,
    ),
    ByteCase(
        "json-escaped",
        "A conforming JSON certificate written with every non-ASCII character and every slash "
        "escaped",
        escaped_json("ru-by-russian"),
        "json",
        Accept((P003,)),
        requirement="KP-REQ-001",
        base="ru-by-russian",
    ),
    # --- KP-P-004: DTDs and entities ---------------------------------------------------------
    ByteCase(
        "entity-bomb",
        "Nested entities that expand to gigabytes (billion laughs)",
        _entity_bomb(),
        "xml",
        Reject((P004,)),
        base=BW,
    ),
    ByteCase(
        "entity-bomb-in-utf16",
        "The billion laughs in UTF-16",
        utf16(
            LAUGHS.replace(b'<?xml version="1.0"?>', b"<?xml version='1.0' encoding='UTF-8'?>")
            + _replace_once(_xml_body(), b"Kagiso Molefe", b"&lol9;")
        ),
        "xml",
        Reject((P004,)),
        base=BW,
    ),
    ByteCase(
        "external-entity-file",
        "An external entity reading a local file",
        _external_entity(b"file:///etc/passwd"),
        "xml",
        Reject((P004,)),
        base=BW,
    ),
    ByteCase(
        "external-entity-network",
        "An external entity fetching a URL",
        _external_entity(b"http://example.invalid/kp.ent"),
        "xml",
        Reject((P004,)),
        base=BW,
    ),
    ByteCase(
        "external-dtd",
        "A document type declaration naming an external DTD",
        b'<?xml version="1.0"?>\n<!DOCTYPE KPCertificate SYSTEM "http://example.invalid/kp.dtd">\n'
        + _xml_body(),
        "xml",
        Reject((P004,)),
        base=BW,
    ),
    ByteCase(
        "empty-internal-dtd",
        "A harmless, empty document type declaration: the standard forbids any",
        b'<?xml version="1.0"?>\n<!DOCTYPE KPCertificate []>\n' + _xml_body(),
        "xml",
        Reject((P004,)),
        base=BW,
    ),
    ByteCase(
        "parameter-entity",
        "A parameter entity fetching an external DTD subset",
        b'<?xml version="1.0"?>\n<!DOCTYPE KPCertificate [<!ENTITY % ext SYSTEM '
        b'"http://example.invalid/ext.dtd"> %ext;]>\n' + _xml_body(),
        "xml",
        Reject((P004,)),
        base=BW,
    ),
    ByteCase(
        "undeclared-entity",
        "A reference to an entity that nothing declares",
        _replace_once(_xml(), b"Kagiso Molefe", b"Kagiso &molefe;"),
        "xml",
        Reject((P004, P003)),
        base=BW,
        comment="Without a DTD an entity reference is not well-formed XML, so KP-P-003 is also "
        "a fair reason.",
    ),
    ByteCase(
        "xinclude",
        "An XInclude element pulling in a local file: never processed, and not allowed there",
        _replace_once(
            _xml(),
            b"<Place>Gaborone</Place>",
            b'<Place>Gaborone</Place><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
            b'href="file:///etc/passwd" parse="text"/>',
        ),
        "xml",
        Reject((S002, P004)),
        base=BW,
    ),
    ByteCase(
        "comment-mentioning-a-doctype",
        "A conforming XML certificate with a comment that mentions <!DOCTYPE: a comment is no "
        "document type declaration",
        _replace_once(_xml(), b"<Shipment>", b"<!-- no <!DOCTYPE here --><Shipment>"),
        "xml",
        Accept((P004,)),
        base=BW,
    ),
    # --- KP-P-005: too deep -----------------------------------------------------------------
    ByteCase(
        "json-deep",
        "JSON arrays nested 100,000 deep",
        b"[" * 100_000 + b"]" * 100_000,
        "json",
        Reject((P005, P007)),
    ),
    ByteCase(
        "xml-deep",
        "XML elements nested 100,000 deep",
        b"<a>" * 100_000 + b"</a>" * 100_000,
        "xml",
        Reject((P005, P007)),
    ),
    ByteCase(
        "json-deeper-than-32",
        "A JSON certificate with a member nested 40 deep",
        _replace_once(
            _json(),
            b'"status": "original",',
            b'"status": "original", "remarks": ' + b"[" * 40 + b"]" * 40 + b",",
        ),
        "json",
        Reject((P005, S002)),
        base=BW,
    ),
    ByteCase(
        "xml-deeper-than-32",
        "An XML certificate with an element nested 40 deep",
        _replace_once(
            _xml(),
            b"<Place>Gaborone</Place>",
            b"<Place>Gaborone</Place>" + b"<Remark>" * 40 + b"</Remark>" * 40,
        ),
        "xml",
        Reject((P005, S002)),
        base=BW,
    ),
    # --- KP-P-008: namespace declarations ----------------------------------------------------
    ByteCase(
        "xml-namespace-flood-over-1-mib",
        "An XML certificate whose root declares unused namespaces past 1 MiB: a flood that makes "
        "every namespace lookup of a naive reader quadratic",
        _namespace_flood(),
        "xml",
        Reject((P008, P002, S002)),
        base=BW,
        comment="A system with a higher size limit may read it (KP-REQ-030), and then finds the "
        "element of another namespace; it must answer in time, never hang.",
    ),
    ByteCase(
        "xml-with-32-namespace-declarations",
        "A conforming XML certificate declaring 32 namespaces (31 of them unused)",
        _namespaced(32),
        "xml",
        Accept((P008,)),
        base=BW,
    ),
    ByteCase(
        "xml-with-40-namespace-declarations",
        "A conforming XML certificate declaring 32 namespaces (31 of them unused): the most "
        "KP-REQ-030 obliges a receiver to accept",
        _namespaced(32),
        "xml",
        Accept((P008,)),
        base=BW,
    ),
    ByteCase(
        "xmlns-mentioned-in-comments",
        "A conforming XML certificate with 40 comments that mention xmlns: no namespace is "
        "declared",
        _xmlns_in_text(40),
        "xml",
        Accept((P008,)),
        base=BW,
    ),
    # --- KP-P-006: duplicate JSON member ----------------------------------------------------
    ByteCase(
        "duplicate-member",
        "The certificate number twice in one JSON object",
        _replace_once(
            _json(),
            b'"certificateNumber": "BW0241187",',
            b'"certificateNumber": "BW0241187",\n  "certificateNumber": "BW9999999",',
        ),
        "json",
        Reject((P006,)),
        base=BW,
    ),
    ByteCase(
        "duplicate-language-member",
        "The exporter's English name twice in one JSON object",
        _replace_once(
            _json(),
            b'"en": "Kalahari Rough Diamond Traders (Pty) Ltd"',
            b'"en": "Kalahari Rough Diamond Traders (Pty) Ltd", "en": "Someone Else Ltd"',
        ),
        "json",
        Reject((P006, "KP-S-006")),
        base=BW,
    ),
    # --- KP-P-007: not a document type of the standard --------------------------------------
    ByteCase("json-array", "A JSON array at the top", b"[1, 2]", "json", Reject((P007,))),
    ByteCase(
        "json-unknown-document-type",
        'A JSON document of type "invoice"',
        _replace_once(_json(), b'"kp-certificate"', b'"invoice"'),
        "json",
        Reject((P007,)),
        base=BW,
    ),
    ByteCase(
        "json-without-document-type",
        "A JSON certificate without its documentType member",
        _replace_once(_json(), b'  "documentType": "kp-certificate",\n', b""),
        "json",
        Reject((P007, S001)),
        base=BW,
    ),
    ByteCase(
        "xml-root-of-another-namespace",
        "An XML root in another namespace",
        _replace_once(
            _xml(), b'xmlns="urn:kpstandard:kp-certificate:1"', b'xmlns="urn:example:other"'
        ),
        "xml",
        Reject((P007,)),
        base=BW,
    ),
    ByteCase(
        "xml-root-without-namespace",
        "An XML root in no namespace",
        _replace_once(_xml(), b' xmlns="urn:kpstandard:kp-certificate:1"', b""),
        "xml",
        Reject((P007,)),
        base=BW,
    ),
    ByteCase(
        "xml-unknown-root",
        "An XML root element that is no document type of the standard",
        b"<?xml version='1.0' encoding='UTF-8'?>\n"
        b'<Invoice xmlns="urn:kpstandard:kp-certificate:1">'
        b"<SpecVersion>1.0</SpecVersion></Invoice>\n",
        "xml",
        Reject((P007,)),
    ),
)


def drafts() -> Iterator[Draft]:
    """Every vector of the hostile-input area, in a stable order."""
    for case in CASES:
        variant = case.syntax or "bytes"
        yield Draft(
            key=f"{AREA}/{case.name}/{variant}",
            name=case.name,
            description=case.description,
            requirement=case.requirement,
            roles=case.roles,
            input=Bytes(case.data, case.syntax),
            verification_time=VERIFICATION_TIME,
            expected=case.expected,
            base=case.base,
            target=("json" if case.syntax == "xml" else "xml")
            if "converter" in case.roles
            else None,
            comment=case.comment,
            pending=case.pending,
        )
