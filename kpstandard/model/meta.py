"""The semantic model as typed objects, loaded from ``spec/model/*.yaml`` and checked.

Everything else in the project (schemas, document classes, bindings, docs) is derived from these
objects, so the checks here are strict: a model that loads is one the generators can trust.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

from kpstandard._resources import SpecFileError, load_spec_yaml, spec_dir
from kpstandard.errors import ModelError

__all__ = [
    "DataType",
    "DocumentModel",
    "Kind",
    "Model",
    "Node",
    "load_model",
    "version_key",
]

Kind = Literal[
    "string", "decimal", "integer", "boolean", "date", "datetime", "multilingual", "base64"
]
_KINDS = frozenset(Kind.__args__)  # type: ignore[attr-defined]
_CARDINALITIES = {"1..1": (1, 1), "0..1": (0, 1), "1..n": (1, None), "0..n": (0, None)}
_TERM_ID = re.compile(r"KP-BT-[0-9]{3}")
_GROUP_ID = re.compile(r"KP-BG-[0-9]{3}")
_JSON_NAME = re.compile(r"[a-z][A-Za-z0-9]*")
_XML_NAME = re.compile(r"[A-Z][A-Za-z0-9]*")
_CLASS_NAME = re.compile(r"[A-Z][A-Za-z0-9]*")
_VERSION = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")


def version_key(version: str) -> tuple[int, int]:
    """Order versions of the standard: ``"1.10"`` comes after ``"1.9"``.

    Raises:
        ModelError: ``version`` is not MAJOR.MINOR.
    """
    if not _VERSION.fullmatch(version):
        raise ModelError(f"{version!r} is not a version of the standard (MAJOR.MINOR)")
    major, minor = version.split(".")
    return int(major), int(minor)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity
class DataType:
    """A data type of the model: a value space and one lexical form shared by both syntaxes."""

    name: str
    """The type's name in the model, e.g. ``Carats``."""
    kind: Kind
    """The value space; decides the Python type and the JSON type."""
    definition: str
    """What the type means, for the docs and the schemas' descriptions."""
    json_pattern: str | None = None
    """The unanchored pattern of the lexical form in JSON (ECMA-262 dialect)."""
    xml_pattern: str | None = None
    """The pattern of the lexical form in XML (XSD 1.0 dialect)."""
    enum: tuple[str, ...] | None = None
    """The closed set of values, for identifiers of the standard itself."""
    min_length: int | None = None
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    text: str | None = None
    """For a multilingual type, the type of each language version."""
    language: str | None = None
    """For a multilingual type, the type of the language tag."""
    max_versions: int | None = None
    """For a multilingual type, how many language versions a text may have at most."""
    example: Any = None
    """An example value, as it is written in JSON."""


@dataclass(frozen=True, eq=False)
class Node:
    """A business term (a value) or a business group (a structure of terms) of a document."""

    id: str
    """KP-BT-nnn for a term, KP-BG-nnn for a group, the document class for a document's root."""
    name: str
    definition: str
    requirements: tuple[str, ...]
    """The ids of the requirements (spec/text) that the term serves."""
    basis: str
    """The KPCS provision the term rests on."""
    min_occurs: int
    max_occurs: int | None
    """None for no upper bound."""
    json: str
    """The JSON member name (for the root: the ``documentType`` value)."""
    xml: str
    """The XML element name (for the root: the root element's local name)."""
    type: DataType | None = None
    """The data type of a term; None for a group."""
    cls: str | None = None
    """The structure of a group, shared by groups of the same shape; None for a term."""
    children: tuple[Node, ...] = ()
    since: str = "1.0"
    """The version of the standard (MAJOR.MINOR) that introduced the term."""
    until: str | None = None
    """The last version of the standard that has the term; None while it is current."""

    def in_version(self, version: str) -> bool:
        """Whether a document of standard ``version`` may carry this term."""
        key = version_key(version)
        return version_key(self.since) <= key and (
            self.until is None or key <= version_key(self.until)
        )

    @property
    def is_group(self) -> bool:
        return self.cls is not None

    @property
    def repeated(self) -> bool:
        return self.max_occurs is None or self.max_occurs > 1

    @property
    def required(self) -> bool:
        return self.min_occurs > 0

    @property
    def cardinality(self) -> str:
        return f"{self.min_occurs}..{'n' if self.max_occurs is None else self.max_occurs}"

    @cached_property  # read on every rule run: computed once per node
    def attr(self) -> str:
        """The Python attribute name: the JSON name in snake case."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.json).lower()

    def walk(self) -> Iterator[Node]:
        """Yield this node and every node below it, depth first, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, eq=False)
class DocumentModel:
    """A document type of the standard, with its syntax bindings."""

    root: Node
    """The root group; its ``cls`` names the document class."""
    json_document_type: str
    """The value of the JSON member ``documentType`` that names this type."""
    xml_namespace: str
    """The XML target namespace (versioned by the standard's major version)."""
    source: str
    """The model file the document comes from, relative to spec/model."""

    @property
    def name(self) -> str:
        assert self.root.cls is not None
        return self.root.cls

    @property
    def xml_root(self) -> str:
        return self.root.xml

    @property
    def file_stem(self) -> str:
        """The stem shared by the document's generated files, e.g. ``kp-certificate``."""
        return self.json_document_type


@dataclass(frozen=True, eq=False)
class Model:
    """The whole semantic model: data types and documents."""

    version: str
    spec_version: str
    """The current version of the standard (MAJOR.MINOR): what new documents declare."""
    datatypes: Mapping[str, DataType]
    documents: tuple[DocumentModel, ...]
    nodes_by_id: Mapping[str, Node] = field(repr=False)
    spec_versions: tuple[str, ...] = ()
    """Every version of the standard whose documents this model judges, oldest first (default:
    the current one only)."""

    def __post_init__(self) -> None:
        if not self.spec_versions:
            object.__setattr__(self, "spec_versions", (self.spec_version,))

    def document(self, name: str) -> DocumentModel:
        for document in self.documents:
            if name in (document.name, document.json_document_type):
                return document
        raise KeyError(name)

    def classes(self) -> dict[str, list[Node]]:
        """Map each class name to the groups (and document roots) of that class, in model order."""
        found: dict[str, list[Node]] = {}
        for document in self.documents:
            for node in document.root.walk():
                if node.cls is not None:
                    found.setdefault(node.cls, []).append(node)
        return found


def _require(raw: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in raw:
        raise ModelError(f"{where}: missing '{key}'")
    return raw[key]


def _load_yaml(path: Path) -> Any:
    try:
        return load_spec_yaml(path)
    except (OSError, SpecFileError) as exc:
        raise ModelError(f"{path}: {exc}") from exc


def _datatype(name: str, raw: Mapping[str, Any]) -> DataType:
    where = f"datatype {name}"
    kind = _require(raw, "kind", where)
    if kind not in _KINDS:
        raise ModelError(f"{where}: unknown kind {kind!r}")
    common = raw.get("pattern")
    enum = raw.get("enum")
    return DataType(
        name=name,
        kind=kind,
        definition=" ".join(str(_require(raw, "definition", where)).split()),
        json_pattern=raw.get("json_pattern", common),
        xml_pattern=raw.get("xml_pattern", common),
        enum=tuple(str(v) for v in enum) if enum is not None else None,
        min_length=raw.get("min_length"),
        max_length=raw.get("max_length"),
        minimum=raw.get("minimum"),
        maximum=raw.get("maximum"),
        text=raw.get("text"),
        language=raw.get("language"),
        max_versions=raw.get("max_versions"),
        example=raw.get("example"),
    )


def _node(raw: Mapping[str, Any], datatypes: Mapping[str, DataType], where: str) -> Node:
    node_id = str(_require(raw, "id", where))
    where = f"{where} {node_id}"
    cardinality = str(_require(raw, "cardinality", where))
    if cardinality not in _CARDINALITIES:
        raise ModelError(f"{where}: cardinality must be one of {sorted(_CARDINALITIES)}")
    min_occurs, max_occurs = _CARDINALITIES[cardinality]
    json_name, xml_name = str(_require(raw, "json", where)), str(_require(raw, "xml", where))
    if not _JSON_NAME.fullmatch(json_name) or not _XML_NAME.fullmatch(xml_name):
        raise ModelError(f"{where}: JSON names are lowerCamelCase, XML names UpperCamelCase")
    datatype: DataType | None = None
    cls: str | None = None
    children: tuple[Node, ...] = ()
    if "children" in raw:
        if not _GROUP_ID.fullmatch(node_id):
            raise ModelError(f"{where}: a group's id has the form KP-BG-nnn")
        cls = str(_require(raw, "class", where))
        children = tuple(_node(c, datatypes, where) for c in raw["children"])
    else:
        if not _TERM_ID.fullmatch(node_id):
            raise ModelError(f"{where}: a term's id has the form KP-BT-nnn")
        type_name = str(_require(raw, "type", where))
        if type_name not in datatypes:
            raise ModelError(f"{where}: unknown data type {type_name!r}")
        datatype = datatypes[type_name]
    return Node(
        id=node_id,
        name=str(_require(raw, "name", where)),
        definition=" ".join(str(_require(raw, "definition", where)).split()),
        requirements=tuple(_require(raw, "requirements", where)),
        basis=str(_require(raw, "basis", where)),
        min_occurs=min_occurs,
        max_occurs=max_occurs,
        json=json_name,
        xml=xml_name,
        type=datatype,
        cls=cls,
        children=children,
        since=str(raw.get("since", "1.0")),
        until=str(raw["until"]) if raw.get("until") is not None else None,
    )


def _document(path: Path, datatypes: Mapping[str, DataType]) -> DocumentModel:
    raw = _load_yaml(path)
    where = path.name
    cls = str(_require(raw, "class", where))
    json_binding = _require(raw, "json", where)
    xml_binding = _require(raw, "xml", where)
    root = Node(
        id=cls,
        name=str(_require(raw, "name", where)),
        definition=" ".join(str(_require(raw, "definition", where)).split()),
        requirements=tuple(_require(raw, "requirements", where)),
        basis=str(_require(raw, "basis", where)),
        min_occurs=1,
        max_occurs=1,
        json=str(_require(json_binding, "documentType", where)),
        xml=str(_require(xml_binding, "root", where)),
        cls=cls,
        children=tuple(_node(c, datatypes, where) for c in _require(raw, "children", where)),
    )
    return DocumentModel(
        root=root,
        json_document_type=root.json,
        xml_namespace=str(_require(xml_binding, "namespace", where)),
        source=path.name,
    )


def _check(model: Model) -> None:
    """Enforce what the generators rely on; raise ModelError naming the first inconsistency."""
    seen: dict[str, str] = {}
    for document in model.documents:
        for node in document.root.walk():
            if node is document.root:
                continue
            if node.id in seen:
                raise ModelError(f"{node.id} is used twice ({seen[node.id]} and {document.source})")
            seen[node.id] = document.source
        for parent in document.root.walk():
            for attr in ("json", "xml"):
                names = [getattr(c, attr) for c in parent.children]
                if len(names) != len(set(names)):
                    raise ModelError(f"{parent.id}: two children share a {attr} name")
    versions = model.spec_versions
    if not versions or any(not _VERSION.fullmatch(v) for v in versions):
        raise ModelError("spec_versions: a list of MAJOR.MINOR versions")
    if list(versions) != sorted(versions, key=version_key) or versions[-1] != model.spec_version:
        raise ModelError("spec_versions: oldest first, ending with spec_version")
    for document in model.documents:
        for parent in document.root.walk():
            for node in parent.children:
                for bound in (node.since, node.until):
                    if bound is not None and bound not in versions:
                        raise ModelError(f"{node.id}: {bound} is not one of {versions}")
                if node.required and version_key(node.since) > version_key(parent.since):
                    raise ModelError(
                        f"{node.id}: a term added after its group is optional (0..1 or 0..n), "
                        "or the documents of earlier versions would fail the schema"
                    )
    for dt in model.datatypes.values():
        if dt.kind == "multilingual" and (
            model.datatypes.get(dt.text or "") is None
            or model.datatypes.get(dt.language or "") is None
        ):
            raise ModelError(f"datatype {dt.name}: 'text' and 'language' must name string types")
    for cls, nodes in model.classes().items():
        if not _CLASS_NAME.fullmatch(cls):
            raise ModelError(f"class {cls}: class names are UpperCamelCase")
        shapes = {
            tuple(
                (c.json, c.xml, c.cardinality, c.type.name if c.type else c.cls) for c in n.children
            )
            for n in nodes
        }
        if len(shapes) > 1:
            raise ModelError(f"class {cls}: groups {[n.id for n in nodes]} differ in structure")


def load_model(directory: Path | None = None) -> Model:
    """Load and check the semantic model.

    Args:
        directory: the ``spec/model`` folder; by default the installed standard's.

    Raises:
        ModelError: the model is unreadable or inconsistent.
    """
    directory = directory or spec_dir() / "model"
    index = _load_yaml(directory / "model.yaml")
    raw_types = _load_yaml(directory / str(_require(index, "datatypes", "model.yaml")))
    datatypes = {
        name: _datatype(name, raw)
        for name, raw in _require(raw_types, "datatypes", "datatypes").items()
    }
    documents = tuple(
        _document(directory / str(name), datatypes)
        for name in _require(index, "documents", "model.yaml")
    )
    nodes = {n.id: n for d in documents for n in d.root.walk()}
    spec_version = str(_require(index, "spec_version", "model.yaml"))
    model = Model(
        version=str(_require(index, "version", "model.yaml")),
        spec_version=spec_version,
        spec_versions=tuple(str(v) for v in index.get("spec_versions", (spec_version,))),
        datatypes=datatypes,
        documents=documents,
        nodes_by_id=nodes,
    )
    _check(model)
    return model


@cache
def default_model() -> Model:
    """The installed standard's model, loaded once per process."""
    return load_model()
