"""The schema layer: each defect gives the same code in both syntaxes, at the matching location."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from lxml import etree

import kpstandard
from kpstandard.findings import Layer, LayerStatus, Verdict
from kpstandard.model.meta import DataType, DocumentModel, Model, Node, default_model
from kpstandard.specbuild._binding import generate_bindings
from kpstandard.syntax._json import bind_json
from kpstandard.syntax._xml import bind_xml

from conftest import make_certificate, make_confirmation

NS = "urn:kpstandard:kp-certificate:1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def q(*names: str) -> str:
    return "/".join(f"{{{NS}}}{n}" for n in names)


def json_bytes(mutate: Callable[[dict[str, Any]], None]) -> bytes:
    value = json.loads(kpstandard.dumps(make_certificate(), "json"))
    mutate(value)
    return json.dumps(value, ensure_ascii=False).encode()


def xml_bytes(mutate: Callable[[etree._Element], None]) -> bytes:
    root = etree.fromstring(kpstandard.dumps(make_certificate(), "xml"))
    mutate(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _remove(root: etree._Element, path: str) -> None:
    element = root.find(path)
    assert element is not None, path
    element.getparent().remove(element)


def _set(root: etree._Element, path: str, text: str) -> None:
    element = root.find(path)
    assert element is not None, path
    element.text = text


def _first_line(value: dict[str, Any]) -> dict[str, Any]:
    line: dict[str, Any] = value["shipment"]["lines"][0]
    return line


# (id, code, JSON mutation, JSON Pointer, XML mutation, XPath, requirement)
CASES: list[tuple[str, str, Any, str, Any, str, str]] = [
    (
        "missing-certificate-number",
        "KP-S-001",
        lambda v: v.pop("certificateNumber"),
        "/certificateNumber",
        lambda r: _remove(r, q("CertificateNumber")),
        "/kp:KPCertificate/kp:CertificateNumber",
        "KP-REQ-006",
    ),
    (
        "missing-line-carats",
        "KP-S-001",
        lambda v: _first_line(v).pop("carats"),
        "/shipment/lines/0/carats",
        lambda r: _remove(r, q("Shipment", "Line", "Carats")),
        "/kp:KPCertificate/kp:Shipment/kp:Line[1]/kp:Carats",
        "KP-REQ-012",
    ),
    (
        "missing-last-child-totals",
        "KP-S-001",
        lambda v: v["shipment"].pop("totals"),
        "/shipment/totals",
        lambda r: _remove(r, q("Shipment", "Totals")),
        "/kp:KPCertificate/kp:Shipment/kp:Totals",
        "KP-REQ-017",
    ),
    (
        "no-lines",
        "KP-S-001",
        lambda v: v["shipment"].update(lines=[]),
        "/shipment/lines",
        lambda r: [_remove(r, q("Shipment", "Line")) for _ in range(2)],
        "/kp:KPCertificate/kp:Shipment/kp:Line",
        "KP-REQ-012",
    ),
    (
        "unknown-member",
        "KP-S-002",
        lambda v: v.update(colour="D"),
        "/colour",
        lambda r: etree.SubElement(r, f"{{{NS}}}Colour").__setattr__("text", "D"),
        "/kp:KPCertificate/kp:Colour",
        "KP-REQ-001",
    ),
    (
        "status-not-allowed",
        "KP-S-004",
        lambda v: v.update(status="copy"),
        "/status",
        lambda r: _set(r, q("Status"), "copy"),
        "/kp:KPCertificate/kp:Status",
        "KP-REQ-034",
    ),
    (
        "impossible-date",
        "KP-S-003",
        lambda v: v.update(dateOfIssue="2026-02-30"),
        "/dateOfIssue",
        lambda r: _set(r, q("DateOfIssue"), "2026-02-30"),
        "/kp:KPCertificate/kp:DateOfIssue",
        "KP-REQ-008",
    ),
    (
        "carats-with-comma",
        "KP-S-003",
        lambda v: _first_line(v).update(carats="1520,45"),
        "/shipment/lines/0/carats",
        lambda r: _set(r, q("Shipment", "Line", "Carats"), "1520,45"),
        "/kp:KPCertificate/kp:Shipment/kp:Line[1]/kp:Carats",
        "KP-REQ-012",
    ),
    (
        "decimal-with-exponent",
        "KP-S-003",
        lambda v: _first_line(v).update(valueUsd="2.45E6"),
        "/shipment/lines/0/valueUsd",
        lambda r: _set(r, q("Shipment", "Line", "ValueUSD"), "2.45E6"),
        "/kp:KPCertificate/kp:Shipment/kp:Line[1]/kp:ValueUSD",
        "KP-REQ-013",
    ),
    (
        "hs-code-without-dot",
        "KP-S-003",
        lambda v: _first_line(v).update(hsCode="710210"),
        "/shipment/lines/0/hsCode",
        lambda r: _set(r, q("Shipment", "Line", "HSCode"), "710210"),
        "/kp:KPCertificate/kp:Shipment/kp:Line[1]/kp:HSCode",
        "KP-REQ-015",
    ),
    (
        "negative-parcels",
        "KP-S-003",
        lambda v: _first_line(v).update(parcels=-1),
        "/shipment/lines/0/parcels",
        lambda r: _set(r, q("Shipment", "Line", "Parcels"), "-1"),
        "/kp:KPCertificate/kp:Shipment/kp:Line[1]/kp:Parcels",
        "KP-REQ-014",
    ),
    (
        "lowercase-country",
        "KP-S-003",
        lambda v: v["exporter"].update(country="bw"),
        "/exporter/country",
        lambda r: _set(r, q("Exporter", "Country"), "bw"),
        "/kp:KPCertificate/kp:Exporter/kp:Country",
        "KP-REQ-011",
    ),
    (
        "second-line-origin-country",
        "KP-S-003",
        lambda v: v["shipment"]["lines"][1]["origin"].update(countries=["bwa"]),
        "/shipment/lines/1/origin/countries/0",
        lambda r: etree.SubElement(
            r.findall(q("Shipment", "Line"))[1].find(q("Origin")), f"{{{NS}}}Country"
        ).__setattr__("text", "bwa"),
        "/kp:KPCertificate/kp:Shipment/kp:Line[2]/kp:Origin/kp:Country[1]",
        "KP-REQ-004",
    ),
    (
        "invalid-language-tag",
        "KP-S-003",
        lambda v: v["exporter"]["name"].update({"EN-x": "Okavango"}),
        "/exporter/name/EN-x",
        lambda r: r.find(q("Exporter", "Name")).addnext(
            etree.fromstring(f'<Name xmlns="{NS}" xml:lang="EN-x">Okavango</Name>')
        ),
        "/kp:KPCertificate/kp:Exporter/kp:Name[@xml:lang='EN-x']",
        "KP-REQ-005",
    ),
    (
        "empty-officer-name",
        "KP-S-003",
        lambda v: v["validation"].update(officerName=""),
        "/validation/officerName",
        lambda r: _set(r, q("Validation", "OfficerName"), ""),
        "/kp:KPCertificate/kp:Validation/kp:OfficerName",
        "KP-REQ-016",
    ),
    (
        "text-with-line-feed",
        "KP-S-003",
        lambda v: v["validation"].update(officerName="K.\nMolefe"),
        "/validation/officerName",
        lambda r: _set(r, q("Validation", "OfficerName"), "K.\nMolefe"),
        "/kp:KPCertificate/kp:Validation/kp:OfficerName",
        "KP-REQ-016",
    ),
    (
        "spec-version-unknown",
        "KP-S-004",
        lambda v: v.update(specVersion="2.0"),
        "/specVersion",
        lambda r: _set(r, q("SpecVersion"), "2.0"),
        "/kp:KPCertificate/kp:SpecVersion",
        "KP-REQ-032",
    ),
]


@pytest.mark.parametrize(
    ("code", "json_mutation", "pointer", "xml_mutation", "xpath", "requirement"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_defect_reported_alike_in_both_syntaxes(
    code: str,
    json_mutation: Any,
    pointer: str,
    xml_mutation: Any,
    xpath: str,
    requirement: str,
) -> None:
    for data, location in ((json_bytes(json_mutation), pointer), (xml_bytes(xml_mutation), xpath)):
        report = kpstandard.validate(data)
        assert report.verdict is Verdict.INVALID
        found = [(f.code, f.location, f.requirement) for f in report.findings]
        assert (code, location, requirement) in found, found
        assert all(f.layer is Layer.SCHEMA for f in report.findings)
        assert report.document is None


def test_valid_documents_pass_every_layer_that_ran() -> None:
    for syntax in ("json", "xml"):
        report = kpstandard.validate(kpstandard.dumps(make_certificate(), syntax))
        assert report.valid, report.findings
        assert [r.status for r in report.layers] == [LayerStatus.PASSED] * 3
        assert report.document == make_certificate()
        # Without the certificate it confirms, a confirmation's comparisons with it cannot run.
        report = kpstandard.validate(kpstandard.dumps(make_confirmation(), syntax))
        assert report.findings == ()
        assert report.verdict is Verdict.NOT_JUDGED
        statuses = [r.status for r in report.layers]
        assert statuses == [LayerStatus.PASSED, LayerStatus.PASSED, LayerStatus.PARTIAL]
        assert report.document == make_confirmation()


def test_every_defect_is_reported_at_once() -> None:
    def several(value: dict[str, Any]) -> None:
        value.pop("certificateNumber")
        value["status"] = "copy"
        _first_line(value)["hsCode"] = "71"

    codes = sorted(f.code for f in kpstandard.validate(json_bytes(several)).findings)
    assert codes == ["KP-S-001", "KP-S-003", "KP-S-004"]


def test_duplicate_language_in_xml() -> None:
    def twice(root: etree._Element) -> None:
        name = root.find(q("Exporter", "Name"))
        extra = etree.Element(f"{{{NS}}}Name", {XML_LANG: "en"})
        extra.text = "Another name"
        name.addnext(extra)

    report = kpstandard.validate(xml_bytes(twice))
    assert [(f.code, f.location) for f in report.findings] == [
        ("KP-S-006", "/kp:KPCertificate/kp:Exporter/kp:Name[@xml:lang='en']")
    ]


def test_non_repeatable_element_twice_in_xml() -> None:
    def twice(root: etree._Element) -> None:
        status = root.find(q("Status"))
        status.addnext(etree.fromstring(f'<Status xmlns="{NS}">original</Status>'))

    report = kpstandard.validate(xml_bytes(twice))
    assert ("KP-S-005", "/kp:KPCertificate/kp:Status[2]") in [
        (f.code, f.location) for f in report.findings
    ]


def test_missing_language_attribute_in_xml() -> None:
    def strip(root: etree._Element) -> None:
        del root.find(q("Title")).attrib[XML_LANG]

    report = kpstandard.validate(xml_bytes(strip))
    assert ("KP-S-001", "/kp:KPCertificate/kp:Title/@xml:lang") in [
        (f.code, f.location) for f in report.findings
    ]


def test_carats_as_json_number_is_a_form_error() -> None:
    data = json_bytes(lambda v: _first_line(v).update(carats=1520.45))
    report = kpstandard.validate(data)
    assert [(f.code, f.location) for f in report.findings] == [
        ("KP-S-003", "/shipment/lines/0/carats")
    ]


def test_integral_json_number_binds_as_integer() -> None:
    data = kpstandard.dumps(make_certificate(), "json").replace(b'"parcels": 3', b'"parcels": 3.0')
    assert b"3.0" in data
    report = kpstandard.validate(data)
    assert report.valid, report.findings
    assert report.document.shipment.lines[0].parcels == 3


def test_foreign_element_is_unexpected_and_located_with_its_prefix() -> None:
    def foreign(root: etree._Element) -> None:
        root.find(q("Status")).addprevious(
            etree.fromstring('<x:Colour xmlns:x="urn:other">D</x:Colour>')
        )

    report = kpstandard.validate(xml_bytes(foreign))
    assert [(f.code, f.location) for f in report.findings] == [
        ("KP-S-002", "/kp:KPCertificate/x:Colour")
    ]


def test_multilingual_versions_are_bounded_alike_in_both_syntaxes() -> None:
    many = {f"l{chr(97 + i // 26)}{chr(97 + i % 26)}": "x" for i in range(32)}
    for versions, valid in (
        (dict(many, en="Name"), False),
        (dict(list(many.items())[:31], en="Name"), True),
    ):
        document = make_certificate()
        changed = dataclasses.replace(
            document, exporter=dataclasses.replace(document.exporter, name=versions)
        )
        for syntax in ("json", "xml"):
            report = kpstandard.validate(kpstandard.dumps(changed, syntax))
            assert (not any(f.layer is Layer.SCHEMA for f in report.findings)) is valid, syntax


# --- the binder: what the schema cannot judge, and the generated readers ------------------------


def _bind_xml(mutate: Callable[[etree._Element], None]) -> list[tuple[str, str, str]]:
    model = default_model()
    root = etree.fromstring(xml_bytes(mutate))
    _, findings = bind_xml(model.document("KPCertificate"), root)
    return [(f.code, f.location, f.message) for f in findings]


def _bind_json(mutate: Callable[[dict[str, Any]], None]) -> list[tuple[str, str, str]]:
    value = json.loads(json_bytes(mutate))
    _, findings = bind_json(default_model().document("KPCertificate"), value)
    return [(f.code, f.location, f.message) for f in findings]


def test_binder_reports_a_value_python_cannot_read_where_it_sits() -> None:
    # The XSD would refuse this date first; the binder on its own reports it the same way.
    assert _bind_xml(lambda r: _set(r, q("Shipment", "Line", "Parcels"), " 3x ")) == [
        (
            "KP-S-003",
            "/kp:KPCertificate/kp:Shipment/kp:Line[1]/kp:Parcels",
            "'3x' is not a valid Count",
        )
    ]
    assert _bind_xml(lambda r: _set(r, q("DateOfIssue"), "2026-02-30")) == [
        ("KP-S-003", "/kp:KPCertificate/kp:DateOfIssue", "'2026-02-30' is not a valid Date")
    ]
    assert _bind_json(lambda v: v.update(dateOfIssue="2026-02-30")) == [
        ("KP-S-003", "/dateOfIssue", "'2026-02-30' is not a valid Date")
    ]
    assert _bind_json(lambda v: _first_line(v).update(parcels="3.5")) == [
        ("KP-S-003", "/shipment/lines/0/parcels", "'3.5' is not a valid Count")
    ]


def test_binder_reports_a_lone_surrogate_in_json() -> None:
    value = json.loads(json_bytes(lambda v: None))
    value["exporter"]["name"]["fr"] = "\ud800"
    _, findings = bind_json(default_model().document("KPCertificate"), value)
    assert [(f.code, f.location) for f in findings] == [("KP-S-003", "/exporter/name")]


def test_binder_reports_a_second_version_in_one_language() -> None:
    def twice(root: etree._Element) -> None:
        extra = etree.Element(f"{{{NS}}}Name", {XML_LANG: "en"})
        extra.text = "Another name"
        root.find(q("Exporter", "Name")).addnext(extra)

    assert _bind_xml(twice) == [
        (
            "KP-S-006",
            "/kp:KPCertificate/kp:Exporter/kp:Name[@xml:lang='en']",
            "a second version in language 'en'",
        )
    ]


def test_binder_skips_comments_and_processing_instructions() -> None:
    data = kpstandard.dumps(make_certificate(), "xml")
    noisy = data.replace(b"<Status>", b"<!-- a comment --><?pi x?><Status>")
    assert noisy != data
    root = etree.fromstring(noisy)  # lxml's default parser keeps both
    assert root.xpath("//comment()")
    document, findings = bind_xml(default_model().document("KPCertificate"), root)
    assert findings == []
    assert document == make_certificate()


def _tiny_model() -> Model:
    """A document whose group ends with an optional field named like the field after the group:
    the element after the group's could be the group's own."""
    text = DataType(name="Text", kind="string", definition="A text.")

    def term(name: str, required: bool) -> Node:
        return Node(
            id=f"KP-BT-{name}", name=name, definition=".", requirements=(), basis="", type=text,
            min_occurs=int(required), max_occurs=1, json=name.lower(), xml=name,
        )  # fmt: skip

    inner = Node(
        id="KP-BG-1", name="Inner", definition=".", requirements=(), basis="", min_occurs=1,
        max_occurs=None, json="inner", xml="Inner", cls="Inner",
        children=(term("A", True), term("X", False)),
    )  # fmt: skip
    root = Node(
        id="Outer", name="Outer", definition=".", requirements=(), basis="", min_occurs=1,
        max_occurs=1, json="outer", xml="Outer", cls="Outer", children=(inner, term("X", False)),
    )  # fmt: skip
    document = DocumentModel(
        root=root, json_document_type="outer", xml_namespace="urn:t", source=""
    )
    return Model(
        version="0", spec_version="0", datatypes={"Text": text}, documents=(document,),
        nodes_by_id={},
    )  # fmt: skip


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class _Inner:
    a: str
    x: str | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class _Outer:
    inner: tuple[_Inner, ...]
    x: str | None = None


def test_generated_xml_reader_tells_a_groups_field_from_its_parents() -> None:
    source = generate_bindings(_tiny_model())
    assert "getparent() is element" in source
    own_classes = "from kpstandard.model import _documents as D\n"
    assert own_classes in source
    module: dict[str, Any] = {"D": SimpleNamespace(Inner=_Inner, Outer=_Outer)}
    exec(compile(source.replace(own_classes, ""), "<tiny bindings>", "exec"), module)
    root = etree.fromstring(
        b'<Outer xmlns="urn:t"><Inner><A>1</A><X>in</X></Inner><Inner><A>2</A></Inner>'
        b"<X>out</X></Outer>"
    )
    elements = root.iter(etree.Element)
    next(elements)
    outer, after = module["XML_READERS"]["Outer"](root, elements, None)
    assert outer == _Outer(inner=(_Inner(a="1", x="in"), _Inner(a="2")), x="out")
    assert after.tag == "end"


def test_generated_constructors_refuse_classes_of_another_model() -> None:
    source = generate_bindings(_tiny_model())
    own_classes = "from kpstandard.model import _documents as D\n"
    swapped = SimpleNamespace(Inner=_Outer, Outer=_Inner)  # fields of another shape
    with pytest.raises(TypeError, match="two models"):
        exec(compile(source.replace(own_classes, ""), "<tiny bindings>", "exec"), {"D": swapped})
