"""The XSDs say that a multilingual text is given once per language (KP-S-006), for any validator.

Each multilingual text carries an ``xs:unique`` on ``@xml:lang``, generated from the model, so that
libxml2 (lxml, xmllint) and xmlschema refuse a duplicate language as the JSON Schema refuses a
duplicate member; the reference reports it once, as KP-S-006, where the binder reported it before.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import kpstandard
from kpstandard._resources import spec_dir
from kpstandard.model.meta import DocumentModel, default_model
from kpstandard.syntax._xml import XML_LANG, node_at, xpath_of

xmlschema = pytest.importorskip("xmlschema", reason="xmlschema (the test extra) is not installed")

EXAMPLES = Path(__file__).parent.parent / "examples"
XML_EXAMPLES = sorted((EXAMPLES / "documents").glob("*.xml"))


def _document(root: etree._Element) -> DocumentModel:
    local = etree.QName(root).localname
    return next(d for d in default_model().documents if d.xml_root == local)


@cache
def _schemas(stem: str) -> tuple[etree.XMLSchema, Any]:
    path = spec_dir() / "xml" / f"{stem}.xsd"
    return etree.XMLSchema(etree.parse(str(path))), xmlschema.XMLSchema10(str(path))


def _duplicates() -> list[tuple[str, str, str]]:
    """(example, node id, index of the element to duplicate): each multilingual text the examples
    hold, once per model term."""
    cases: dict[str, tuple[str, str, str]] = {}
    for path in XML_EXAMPLES:
        root = etree.parse(str(path)).getroot()
        document = _document(root)
        for index, element in enumerate(root.iter()):
            node = node_at(document, element) if isinstance(element.tag, str) else None
            if node is not None and node.type is not None and node.type.kind == "multilingual":
                cases.setdefault(f"{document.name}/{node.id}", (path.name, node.id, str(index)))
    return sorted(cases.values())


DUPLICATES = _duplicates()


def test_every_multilingual_text_is_covered() -> None:
    multilingual = {
        f"{d.name}/{n.id}"
        for d in default_model().documents
        for n in d.root.walk()
        if n.type is not None and n.type.kind == "multilingual"
    }
    covered = set()
    for name, node_id, _ in DUPLICATES:
        root = etree.parse(str(EXAMPLES / "documents" / name)).getroot()
        covered.add(f"{_document(root).name}/{node_id}")
    # The example trust list gives its operator no address (KP-BT-074, optional); every other
    # multilingual text of the model is duplicated below.
    assert multilingual - covered == {"AuthorityTrustList/KP-BT-074"}


@pytest.mark.parametrize("path", XML_EXAMPLES, ids=lambda p: p.name)
def test_examples_are_valid_for_both_xsd_implementations(path: Path) -> None:
    tree = etree.parse(str(path))
    libxml2, xsd = _schemas(_document(tree.getroot()).file_stem)
    assert libxml2.validate(tree), libxml2.error_log
    assert xsd.is_valid(tree)


@pytest.mark.parametrize(("name", "node_id", "index"), DUPLICATES, ids=lambda v: str(v))
def test_a_language_twice_is_refused_by_the_xsd_alone(name: str, node_id: str, index: str) -> None:
    tree = etree.parse(str(EXAMPLES / "documents" / name))
    root = tree.getroot()
    document = _document(root)
    original = list(root.iter())[int(index)]
    twin = copy.deepcopy(original)
    twin.text = "Another version in the same language"
    original.addnext(twin)
    assert twin.get(XML_LANG) == original.get(XML_LANG)

    libxml2, xsd = _schemas(document.file_stem)
    assert not libxml2.validate(tree)
    assert [e.type_name for e in libxml2.error_log] == ["SCHEMAV_CVC_IDC"]
    errors = list(xsd.iter_errors(tree))
    assert len(errors) == 1
    assert "language" in str(errors[0].reason)

    report = kpstandard.validate(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    assert [(f.code, f.location) for f in report.findings] == [
        ("KP-S-006", xpath_of(document, twin))
    ]
