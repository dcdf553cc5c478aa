"""The XML syntax: hardened reading, binding to the document classes, and writing."""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Any

from lxml import etree

from kpstandard import findings as F
from kpstandard.findings import Finding
from kpstandard.model.meta import DocumentModel, Model, Node
from kpstandard.syntax._bindings import XML_READERS, XML_WRITERS
from kpstandard.syntax.limits import Limits

__all__ = [
    "bind_xml",
    "detect_xml_type",
    "dump_xml",
    "hardened_parser",
    "parse_xml",
    "thread_parser",
    "xpath_of",
]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFIX = "kp"
"""The prefix that locations use for the document's namespace."""

_local = threading.local()


class _LoadNothing(etree.Resolver):
    """Answer every external load (a DTD, an external entity, a parameter entity) with nothing.

    ``no_network`` and ``load_dtd=False`` do not stop libxml2 from opening a *local* file named by
    an external parameter entity (``<!ENTITY % p SYSTEM "/dev/zero"> %p;``): read forever, a FIFO
    blocks, any file is opened. With this resolver nothing outside the bytes given is ever read;
    the document keeps its DTD and is then refused for it (KP-P-004).
    """

    # lxml-stubs omit the context argument that lxml passes (and resolve_string needs).
    def resolve(self, system_url: str, public_id: str, context: object) -> Any:  # type: ignore[override]
        return self.resolve_string("", context, base_url=None)


def hardened_parser(*, exact: bool = False) -> etree.XMLParser:
    """A new XML parser that reads only the bytes it is given: no DTD, no entities, no network,
    no file, no ID collection, libxml2's own bounds (no ``huge_tree``).

    With ``exact`` comments and processing instructions are kept (canonicalization keeps
    processing instructions, so the signature layer reads the exact tree); otherwise they are
    dropped so that they can neither split nor hide a value. lxml parsers are not thread-safe:
    use one per thread (:func:`thread_parser`).
    """
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=not exact,
        remove_pis=not exact,
        huge_tree=False,
        collect_ids=False,
    )
    parser.resolvers.add(_LoadNothing())
    return parser


def thread_parser(*, exact: bool = False) -> etree.XMLParser:
    """This thread's hardened parser (see :func:`hardened_parser`)."""
    name = "exact_parser" if exact else "parser"
    parser: etree.XMLParser | None = getattr(_local, name, None)
    if parser is None:
        parser = hardened_parser(exact=exact)
        setattr(_local, name, parser)
    return parser


@cache
def _too_deep(limit: int) -> etree.XPath:
    # One XPath evaluated by libxml2, compiled once: is there an element at depth limit + 1?
    return etree.XPath(f"boolean(/*{'/*' * limit})")


def _depth_ok(root: etree._Element, limit: int) -> bool:
    return not _too_deep(limit)(root)


_ASCII_COMPATIBLE = re.compile(r"(?i)(utf-?8|us-ascii|ascii|iso-8859-\d+|windows-125\d|latin-?1)")
_EIGHT_BIT_START = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*<[^\x00]")
"""How a document in an ASCII-compatible encoding starts: no byte of '<' or after it is NUL."""


def _namespace_declarations(data: bytes, root: etree._Element, limit: int) -> int:
    """How many namespace declarations the parsed tree holds, counting at most ``limit + 1``.

    Counted on the tree the parser built, so every encoding it accepts is counted alike. When the
    bytes are in an ASCII-compatible encoding (they start so, and the parser says so), each
    declaration it saw is spelled ``xmlns`` in them (entities are refused, and character
    references cannot form a name), so few occurrences prove few declarations without a walk of
    the tree: the common case costs a memchr.
    """
    encoding = root.getroottree().docinfo.encoding or ""
    eight_bit = _EIGHT_BIT_START.match(data) and _ASCII_COMPATIBLE.fullmatch(encoding)
    spelled = data.count(b"xmlns") if eight_bit else limit + 1
    if spelled <= limit:
        return spelled
    count = 0
    for _event in etree.iterwalk(root, events=("start-ns",)):
        count += 1
        if count > limit:
            break
    return count


_DTD_ERRORS = ("ENTITY", "PEREF", "DOCTYPE", "SUBSET", "DTD", "IO_")
"""libxml2 error names that say a DTD or an entity was met (KP-P-004, not KP-P-003)."""


def _parse_failure(parser: etree.XMLParser, exc: etree.XMLSyntaxError) -> Finding:
    names = [entry.type_name for entry in parser.error_log]
    entity_limit = "entity" in str(exc).lower()  # libxml2's guard against amplification fired
    if entity_limit or any(part in name for name in names for part in _DTD_ERRORS):
        return F.make_finding(F.FORBIDDEN_CONSTRUCT, "", f"a DTD or an entity: {exc}")
    if any("DEPTH" in name or "NESTING" in name for name in names) or "depth" in str(exc):
        return F.make_finding(F.TOO_DEEP, "", f"nesting too deep: {exc}")
    return F.make_finding(F.NOT_WELL_FORMED, "", f"not well-formed XML: {exc}")


def parse_xml(
    data: bytes, limits: Limits, *, exact: bool = False
) -> tuple[etree._Element | None, list[Finding]]:
    """Read XML bytes safely: no DTD, no entities, no network or file, bounded size and depth.

    Every bound is checked by the parser or on the tree it built, never by a second reading of the
    raw bytes that could disagree with it (about the encoding, say). Linear in the input.
    With ``exact``, comments and processing instructions are kept (for signature checks).

    Returns:
        The root element, or None with the findings that say why it could not be read.
    """
    if len(data) > limits.max_bytes:
        return None, [
            F.make_finding(F.TOO_LARGE, "", f"{len(data)} bytes; the limit is {limits.max_bytes}")
        ]
    parser = thread_parser(exact=exact)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return None, [_parse_failure(parser, exc)]
    # The parser neither loads nor expands a DTD and reads no external entity; a document that
    # has one is then refused whole, so no entity can reach a value.
    tree = root.getroottree()
    docinfo: Any = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        return None, [F.make_finding(F.FORBIDDEN_CONSTRUCT, "", "the document has a DTD")]
    for node in root.iter(etree.Entity):
        return None, [F.make_finding(F.FORBIDDEN_CONSTRUCT, "", f"entity reference {node.text}")]
    if not _depth_ok(root, limits.max_depth):
        return None, [
            F.make_finding(F.TOO_DEEP, "", f"nesting deeper than {limits.max_depth} levels")
        ]
    declarations = _namespace_declarations(data, root, limits.max_namespaces)
    if declarations > limits.max_namespaces:
        # Every element carries its in-scope declarations, so a flood of them makes everything
        # that looks at namespaces later (schema, canonicalization, locations) quadratic.
        return None, [
            F.make_finding(
                F.TOO_MANY_NAMESPACES,
                "",
                f"more than {limits.max_namespaces} namespace declarations; the limit is "
                f"{limits.max_namespaces}",
            )
        ]
    return root, []


def detect_xml_type(
    model: Model, root: etree._Element
) -> tuple[DocumentModel | None, list[Finding]]:
    """Find the document type that the root element's name and namespace declare."""
    qname = etree.QName(root)
    for document in model.documents:
        if qname.namespace == document.xml_namespace and qname.localname == document.xml_root:
            return document, []
    known = ", ".join(f"{{{d.xml_namespace}}}{d.xml_root}" for d in model.documents)
    return None, [
        F.make_finding(
            F.UNKNOWN_TYPE, "/*", f"root element is {root.tag}; expected one of: {known}"
        )
    ]


# --- locations ---------------------------------------------------------------------------------


_PREFIXES = {
    "http://www.w3.org/2000/09/xmldsig#": "ds",
    "http://uri.etsi.org/01903/v1.3.2#": "xades",
}
"""Prefixes that locations use for the XML Security namespaces; ``kp`` for every other one."""


def _step(element: etree._Element, node: Node | None, namespace: str | None) -> str:
    qname = etree.QName(element)
    if qname.namespace in _PREFIXES:
        prefix = _PREFIXES[qname.namespace]
    elif qname.namespace == namespace or namespace is None:
        prefix = PREFIX
    else:  # a foreign element: the prefix the document gave it
        prefix = element.prefix or "ns"
    name = f"{prefix}:{qname.localname}" if qname.namespace else qname.localname
    if node is not None and node.type is not None and node.type.kind == "multilingual":
        lang = element.get(XML_LANG)
        if lang is not None and "'" not in lang:
            return f"{name}[@xml:lang='{lang}']"
    parent = element.getparent()
    siblings = [] if parent is None else [c for c in parent if c.tag == element.tag]
    if (node is not None and node.max_occurs is None) or len(siblings) > 1:
        return f"{name}[{siblings.index(element) + 1 if siblings else 1}]"
    return name


def xpath_of(document: DocumentModel | None, element: etree._Element) -> str:
    """Return an XPath to ``element``: ``kp:`` names the document's namespace, indexes are 1-based.

    Repeated terms always carry an index, language versions a ``[@xml:lang='..']`` predicate, so
    that a location reads the same whichever defect led to it.
    """
    chain = [element, *element.iterancestors()]
    chain.reverse()
    node: Node | None = document.root if document is not None else None
    steps = []
    for position, current in enumerate(chain):
        if position > 0:
            local = etree.QName(current).localname
            node = (
                next((c for c in node.children if c.xml == local), None)
                if node is not None
                else None
            )
        steps.append(_step(current, node, document.xml_namespace if document else None))
    return "/" + "/".join(steps)


def node_at(document: DocumentModel, element: etree._Element) -> Node | None:
    """The model node an element stands for, when there is one."""
    chain = [element, *element.iterancestors()]
    chain.reverse()
    node: Node | None = document.root
    for current in chain[1:]:
        local = etree.QName(current).localname
        node = (
            next((c for c in node.children if c.xml == local), None) if node is not None else None
        )
    return node


# --- binding ---------------------------------------------------------------------------------


class _Problems:
    """What a generated XML reader reports, turned into findings located in the document."""

    __slots__ = ("document", "findings")

    def __init__(self, document: DocumentModel) -> None:
        self.document = document
        self.findings: list[Finding] = []

    def bad_form(
        self, element: etree._Element, text: str, type_name: str, requirement: str | None
    ) -> None:
        self.findings.append(
            F.make_finding(
                F.BAD_FORM,
                xpath_of(self.document, element),
                f"{text!r} is not a valid {type_name}",
                requirement,
            )
        )

    def duplicate_language(self, element: etree._Element, lang: str) -> None:
        self.findings.append(
            F.make_finding(
                F.DUPLICATE_LANGUAGE,
                xpath_of(self.document, element),
                f"a second version in language {lang!r}",
            )
        )


def bind_xml(document: DocumentModel, root: etree._Element) -> tuple[Any, list[Finding]]:
    """Bind a schema-valid XML tree to the document's dataclasses.

    The reader is generated from the model (:mod:`kpstandard.syntax._bindings`): one walk of the
    tree's elements in document order (comments and processing instructions are skipped).

    Returns:
        The document, and findings for what the XSD cannot judge (two versions of a text in one
        language, a value Python cannot read); the document is None when there are any.
    """
    problems = _Problems(document)
    elements = root.iter(etree.Element)  # the one walk, in document order
    next(elements)  # the root itself
    result, _ = XML_READERS[document.name](root, elements, problems)
    return (None if problems.findings else result), problems.findings


# --- writing -----------------------------------------------------------------------------------


def to_xml_tree(document: DocumentModel, obj: Any) -> etree._Element:
    """Return the XML element tree of a document object."""
    namespaces: Any = {None: document.xml_namespace}  # the default namespace; stubs want str keys
    root = etree.Element(f"{{{document.xml_namespace}}}{document.xml_root}", nsmap=namespaces)
    XML_WRITERS[document.name](obj, root)
    return root


def dump_xml(document: DocumentModel, obj: Any) -> bytes:
    """Serialize a document object as UTF-8 XML with a declaration, indented."""
    data: bytes = etree.tostring(
        to_xml_tree(document, obj), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    return data
