"""Generate a document type's XSD 1.0 schema from the model.

XSD 1.0, not 1.1, so that libxml2, Xerces and .NET all read it. The lexical forms are those of the
JSON Schema (patterns restrict the XSD built-in types), so a value valid in one syntax is valid in
the other, unchanged.
"""

from __future__ import annotations

from lxml import etree

from kpstandard.model.meta import DataType, DocumentModel, Model, Node

XS = "http://www.w3.org/2001/XMLSchema"
XML_NS = "http://www.w3.org/XML/1998/namespace"
DSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
XML_XSD = "xml.xsd"

_BASE = {
    "string": "xs:string",
    "decimal": "xs:decimal",
    "integer": "xs:integer",
    "boolean": "xs:boolean",
    "date": "xs:date",
    "datetime": "xs:dateTime",
    "base64": "xs:base64Binary",
}
# XSD built-ins admit more spellings than JSON ("+1", "01", "1"/"0" for booleans); these patterns
# keep the single spelling that JSON has.
_LEXICAL = {"integer": "-?(0|[1-9][0-9]*)", "boolean": "true|false"}


def _xs(tag: str) -> str:
    return f"{{{XS}}}{tag}"


def _document_annotation(parent: etree._Element, text: str) -> None:
    annotation = etree.SubElement(parent, _xs("annotation"))
    etree.SubElement(annotation, _xs("documentation")).text = text


def _type_name(name: str) -> str:
    return f"{name}Type"


def _simple_type(schema: etree._Element, dt: DataType) -> None:
    simple = etree.SubElement(schema, _xs("simpleType"), name=_type_name(dt.name))
    _document_annotation(simple, dt.definition)
    restriction = etree.SubElement(simple, _xs("restriction"), base=_BASE[dt.kind])
    for value in dt.enum or ():
        etree.SubElement(restriction, _xs("enumeration"), value=value)
    pattern = dt.xml_pattern or _LEXICAL.get(dt.kind)
    if pattern is not None:
        etree.SubElement(restriction, _xs("pattern"), value=pattern)
    if dt.kind == "base64":
        if dt.max_length is not None:  # octets, not characters, for xs:base64Binary
            etree.SubElement(restriction, _xs("maxLength"), value=str(dt.max_length * 3 // 4))
    else:
        if dt.min_length is not None:
            etree.SubElement(restriction, _xs("minLength"), value=str(dt.min_length))
        if dt.max_length is not None:
            etree.SubElement(restriction, _xs("maxLength"), value=str(dt.max_length))
    if dt.minimum is not None:
        etree.SubElement(restriction, _xs("minInclusive"), value=str(dt.minimum))
    if dt.maximum is not None:
        etree.SubElement(restriction, _xs("maxInclusive"), value=str(dt.maximum))


def _multilingual_type(schema: etree._Element, dt: DataType) -> None:
    complex_type = etree.SubElement(schema, _xs("complexType"), name=_type_name(dt.name))
    _document_annotation(complex_type, dt.definition)
    content = etree.SubElement(complex_type, _xs("simpleContent"))
    assert dt.text is not None
    extension = etree.SubElement(content, _xs("extension"), base=f"kp:{_type_name(dt.text)}")
    etree.SubElement(extension, _xs("attribute"), ref="xml:lang", use="required")


def _one_version_per_language(element: etree._Element, group: Node, scope: str) -> None:
    """Add to a group's element declaration one ``xs:unique`` per multilingual text it holds.

    A multilingual text is one element per language version; the constraint says that no two
    versions of one text share an ``xml:lang`` [KP-REQ-005], so that a plain XSD validator refuses
    a text given twice in one language (KP-S-006), as the JSON Schema's object members do.
    ``scope`` names the declaration (the enclosing type and the element), which keeps the names
    of the constraints unique in the schema as XSD requires.
    """
    for child in group.children:
        if child.type is None or child.type.kind != "multilingual":
            continue
        unique = etree.SubElement(element, _xs("unique"), name=f"{scope}.{child.xml}.language")
        _document_annotation(
            unique, f"{child.id} {child.name}: at most one version per language (KP-REQ-005)."
        )
        etree.SubElement(unique, _xs("selector"), xpath=f"kp:{child.xml}")
        etree.SubElement(unique, _xs("field"), xpath="@xml:lang")


def _element(sequence: etree._Element, node: Node, scope: str) -> None:
    type_name = node.cls if node.cls is not None else node.type.name if node.type else ""
    element = etree.SubElement(
        sequence, _xs("element"), name=node.xml, type=f"kp:{_type_name(type_name)}"
    )
    if node.min_occurs != 1:
        element.set("minOccurs", str(node.min_occurs))
    if node.type is not None and node.type.kind == "multilingual":
        # one element per language version
        element.set("maxOccurs", str(node.type.max_versions or "unbounded"))
    elif node.max_occurs != 1:
        element.set("maxOccurs", "unbounded" if node.max_occurs is None else str(node.max_occurs))
    _document_annotation(
        element,
        f"{node.id} {node.name} ({node.cardinality}; {', '.join(node.requirements)}). "
        + node.definition,
    )
    if node.is_group:
        _one_version_per_language(element, node, f"{scope}.{node.xml}")


def _complex_type(schema: etree._Element, group: Node, *, signature_slot: bool) -> None:
    assert group.cls is not None
    complex_type = etree.SubElement(schema, _xs("complexType"), name=_type_name(group.cls))
    _document_annotation(complex_type, group.definition)
    sequence = etree.SubElement(complex_type, _xs("sequence"))
    for child in group.children:
        _element(sequence, child, group.cls)
    if signature_slot:
        # The enveloped signature of the issuing authority, as the root's last child [KP-REQ-036].
        etree.SubElement(
            sequence, _xs("any"), namespace=DSIG_NS, processContents="lax", minOccurs="0"
        )


def _serialize(schema: etree._Element, comment: str) -> str:
    text = etree.tostring(schema, pretty_print=True, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- {comment} -->\n{text}'


def generate_xsd(model: Model, document: DocumentModel) -> str:
    """Return the XSD of one document type, as text."""
    ns = document.xml_namespace
    schema = etree.Element(
        _xs("schema"),
        nsmap={"xs": XS, "kp": ns},
        targetNamespace=ns,
        elementFormDefault="qualified",
        attributeFormDefault="unqualified",
        version=model.spec_version,
    )
    _document_annotation(schema, f"{document.root.name}: {document.root.definition}")
    etree.SubElement(schema, _xs("import"), namespace=XML_NS, schemaLocation=XML_XSD)
    root = document.root
    root_element = etree.SubElement(
        schema, _xs("element"), name=root.xml, type=f"kp:{_type_name(document.name)}"
    )
    _one_version_per_language(root_element, root, root.xml)
    _complex_type(schema, root, signature_slot=True)
    seen: set[str] = {document.name}
    types: set[str] = set()
    for node in root.walk():
        if node.cls is not None and node.cls not in seen:
            seen.add(node.cls)
            _complex_type(schema, node, signature_slot=False)
        if node.type is not None:
            types.update(n for n in (node.type.name, node.type.text) if n is not None)
    for name in sorted(types):
        dt = model.datatypes[name]
        if dt.kind == "multilingual":
            _multilingual_type(schema, dt)
        else:
            _simple_type(schema, dt)
    return _serialize(
        schema,
        f"GENERATED from kpstandard model {model.version} ({document.source}) by "
        "`kpcert spec build`; do not edit.",
    )


def generate_xml_namespace_xsd(model: Model) -> str:
    """Return the small schema of the ``xml:`` namespace that the document schemas import.

    It declares ``xml:lang`` with the lexical form of the model's language tags, and is shipped
    beside the document schemas so that validation never needs the network.
    """
    language = next(dt for dt in model.datatypes.values() if dt.kind == "multilingual").language
    assert language is not None
    dt = model.datatypes[language]
    schema = etree.Element(_xs("schema"), nsmap={"xs": XS}, targetNamespace=XML_NS)
    _document_annotation(schema, "The xml:lang attribute, as kpstandard documents use it.")
    attribute = etree.SubElement(schema, _xs("attribute"), name="lang")
    simple = etree.SubElement(attribute, _xs("simpleType"))
    restriction = etree.SubElement(simple, _xs("restriction"), base="xs:language")
    assert dt.xml_pattern is not None
    etree.SubElement(restriction, _xs("pattern"), value=dt.xml_pattern)
    return _serialize(schema, f"GENERATED from kpstandard model {model.version}; do not edit.")
