"""Generate the reference pages of the documentation (``docs/reference/*.md``) from the standard.

The pages are MyST Markdown derived from the model, the requirement catalogue, the code lists, the
registries of finding codes and rules, the shipped examples, the command's own parser and the
conformance manifests. They are committed like the schemas, so that reviewers see them change and
``kpcert spec check`` fails when one is stale. Every id gets an anchor (its lower-case form, e.g.
``kp-bt-002``) so that any page can link to it with ``{ref}``, and a broken link fails the build.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from kpstandard._cli_doc import CommandDoc
from kpstandard._resources import source_root, spec_dir
from kpstandard.findings import CODES, Code, Layer, Severity
from kpstandard.model.meta import DataType, DocumentModel, Model, Node
from kpstandard.validation.rules import RULES, Rule

__all__ = [
    "AWAITING_SIGNATURE_VECTORS",
    "CHECKED_BY_VECTORS_ONLY",
    "REFERENCE",
    "Manifest",
    "Requirement",
    "Site",
    "Trace",
    "Vector",
    "coverage_gaps",
]

REFERENCE = "docs/reference"
"""Where the generated pages go, relative to the repository root."""

CHECKED_BY_VECTORS_ONLY = frozenset({"KP-REQ-031", "KP-REQ-033"})
"""MUST requirements that a machine checks, but on an implementation's behaviour (conversion is
lossless, code lists are judged as of the date of issue), which no finding on one document can
report. They are exempt from the "no rule or code" check, never from the "no vector" check."""

AWAITING_SIGNATURE_VECTORS: frozenset[str] = frozenset()
"""MUST requirements allowed to have no conformance vector yet: none since the signature and
issuance areas landed. Keep it empty: a new machine-checkable MUST needs a vector to land."""

_ID = re.compile(r"\bKP-[A-Z]+-[0-9]{3}\b")
_CODE_ID = re.compile(r"KP-(?!REQ-|BT-|BG-)[A-Z]+-[0-9]{3}")
_URL = re.compile(r"https?://[^\s<>]+")
_OPTION = re.compile(r"(?<![\w-])--?[a-z][a-z0-9-]*")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|$%&~#])")
_PLACEHOLDERS = "ijklmn"
_INDENT = "\u2003"  # an em space: indents a term under its group in a table cell
_LAYER_TITLES = {
    Layer.INPUT: "reading the bytes safely",
    Layer.SCHEMA: "the document type's JSON Schema or XSD",
    Layer.RULES: "the business rules and the code lists",
    Layer.SIGNATURE: "the XML signature and its profile",
    Layer.TRUST: "the signer against the Authority Trust List",
    Layer.TIME: "the verification time",
}


@dataclass(frozen=True)
class Requirement:
    """A requirement of the normative catalogue (``spec/text/requirements.yaml``)."""

    id: str
    level: str
    title: str
    text: str
    basis: str
    applies_to: tuple[str, ...]
    machine_checkable: bool

    @property
    def checked_by_rules(self) -> bool:
        """A MUST that software can decide: some rule or finding code has to enforce it."""
        return self.level == "MUST" and self.machine_checkable


@dataclass(frozen=True)
class Vector:
    """A conformance test, as its manifest (``conformance/schemas/manifest.schema.json``) has it."""

    id: str
    manifest: str
    """The manifest's path, relative to the repository root."""
    description: str
    requirement: str
    level: str
    roles: tuple[str, ...]
    outcome: str
    """accept, reject, not-judged or output."""
    codes: tuple[str, ...]
    """For a rejection: the finding codes, any one of which justifies it."""
    exercises: tuple[str, ...]
    """For an accepted input: the codes whose checks it passes near their boundary."""
    input: str | None
    """The input file, relative to the repository root, when it exists."""
    versions: tuple[str, ...] = ()
    """The versions of the standard the vector applies to."""
    warnings: tuple[str, ...] = ()
    """For an accepted input: the warnings an implementation must report."""

    @property
    def label(self) -> str:
        return "vector-" + re.sub(r"[^a-z0-9]+", "-", self.id.lower()).strip("-")


@dataclass(frozen=True)
class Manifest:
    """One area of the conformance suite."""

    path: str
    """Relative to the repository root."""
    title: str
    description: str
    vectors: tuple[Vector, ...]


@dataclass(frozen=True)
class Trace:
    """What serves and checks one requirement."""

    requirement: Requirement
    terms: tuple[Node, ...]
    """The business terms and groups that cite the requirement."""
    schema_terms: tuple[Node, ...]
    """The terms whose first requirement it is: the schema layer's findings on them cite it."""
    codes: tuple[Code, ...]
    """The finding codes (and rules) whose requirement it is."""
    vectors: tuple[Vector, ...]


def coverage_gaps(site: Site) -> list[str]:
    """What the docs build fails on: MUST requirements a machine can check but nothing checks.

    A requirement needs a rule or finding code that cites it (directly, or through a term whose
    schema findings cite it). It needs a conformance vector only once a conformance manifest exists,
    so that the check can land before the suite does.
    """
    gaps = [
        f"{path}: unreadable conformance manifest ({error})" for path, error in site.bad_manifests
    ]
    for trace in site.traces:
        requirement = trace.requirement
        if not requirement.checked_by_rules:
            continue
        if (
            not trace.codes
            and not trace.schema_terms
            and requirement.id not in CHECKED_BY_VECTORS_ONLY
        ):
            gaps.append(
                f"{requirement.id} is a machine-checkable MUST but no rule or finding code cites it"
            )
        if (
            site.vectors is not None
            and not trace.vectors
            and requirement.id not in AWAITING_SIGNATURE_VECTORS
        ):
            gaps.append(
                f"{requirement.id} is a machine-checkable MUST but no conformance vector cites it"
            )
    return gaps


class Site:
    """The inputs of the reference pages, read once, and the pages made from them."""

    def __init__(
        self, model: Model, root: Path | None = None, cli: CommandDoc | None = None
    ) -> None:
        self.model = model
        self.cli = cli
        """The command's description, for its reference page."""
        self.root = root or source_root() or spec_dir().parent
        self.spec = self.root / "spec" if (self.root / "spec").is_dir() else spec_dir()

    # ----- inputs -------------------------------------------------------------------------------

    @cached_property
    def requirements(self) -> dict[str, Requirement]:
        raw = _yaml(self.spec / "text" / "requirements.yaml")
        return {
            str(r["id"]): Requirement(
                id=str(r["id"]),
                level=str(r["level"]),
                title=str(r["title"]),
                text=_oneline(r["text"]),
                basis=str(r["basis"]),
                applies_to=tuple(str(a) for a in r.get("applies_to", ())),
                machine_checkable=bool(r.get("machine_checkable", False)),
            )
            for r in raw["requirements"]
        }

    @cached_property
    def codes(self) -> list[Code]:
        return sorted(CODES.values(), key=lambda c: _id_key(c.code))

    @cached_property
    def nodes(self) -> dict[str, Node]:
        """Every term and group of every document (not the documents' roots), by id."""
        return {
            node.id: node
            for document in self.model.documents
            for node in document.root.walk()
            if node is not document.root
        }

    @cached_property
    def labels(self) -> frozenset[str]:
        """The ids that have an anchor in the reference, so that text can link them."""
        return frozenset([*self.requirements, *self.nodes, *(c.code for c in self.codes)])

    @cached_property
    def examples(self) -> list[tuple[str, Any]]:
        """The shipped valid JSON examples as (path relative to the root, parsed JSON), by name."""
        folder = self.root / "examples" / "documents"
        found = []
        for path in sorted(folder.glob("*.json")):
            found.append((path.relative_to(self.root).as_posix(), json.loads(path.read_bytes())))
        return found

    @cached_property
    def invalid_examples(self) -> dict[str, list[str]]:
        """The invalid examples that break each code: named for it, or listed in EXPECTED.json."""
        folder = self.root / "examples" / "invalid"
        found: dict[str, list[str]] = {}
        expected_file = folder / "EXPECTED.json"
        expected = json.loads(expected_file.read_bytes()) if expected_file.is_file() else {}
        warnings = self.root / "examples" / "warnings"  # the examples of rules that only warn
        for path in sorted([*folder.glob("*"), *warnings.glob("*")]):
            if path.name == "EXPECTED.json" or not path.is_file():
                continue
            named = _CODE_ID.match(path.name)
            code = named.group() if named else expected.get(path.name, {}).get("code")
            if code:
                found.setdefault(code, []).append(path.relative_to(self.root).as_posix())
        return found

    @cached_property
    def _manifests(self) -> tuple[list[Manifest] | None, list[tuple[str, str]]]:
        paths = _manifest_paths(self.root)
        if not paths:
            return None, []
        manifests: list[Manifest] = []
        problems: list[tuple[str, str]] = []
        for path in paths:
            relative = path.relative_to(self.root).as_posix()
            try:
                manifests.append(_manifest(json.loads(path.read_bytes()), path, self.root))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                problems.append((relative, f"{type(exc).__name__}: {exc}"))
        return manifests, problems

    @property
    def manifests(self) -> list[Manifest] | None:
        """The conformance manifests that could be read; None while none exists."""
        return self._manifests[0]

    @cached_property
    def vectors(self) -> list[Vector] | None:
        """Every conformance vector; None while no manifest exists."""
        if self.manifests is None:
            return None
        return [v for m in self.manifests for v in m.vectors]

    @property
    def bad_manifests(self) -> list[tuple[str, str]]:
        """The manifests that could not be read, with the reason."""
        return self._manifests[1]

    @cached_property
    def traces(self) -> list[Trace]:
        traces = []
        for requirement in self.requirements.values():
            rid = requirement.id
            traces.append(
                Trace(
                    requirement=requirement,
                    terms=tuple(n for n in self.nodes.values() if rid in n.requirements),
                    schema_terms=tuple(
                        n for n in self.nodes.values() if n.requirements[:1] == (rid,)
                    ),
                    codes=tuple(c for c in self.codes if c.requirement == rid),
                    vectors=tuple(v for v in self.vectors or () if v.requirement == rid),
                )
            )
        return traces

    # ----- markdown helpers ---------------------------------------------------------------------

    def text(self, text: str) -> str:
        """Prose as Markdown: escaped, URLs as links, ids of the standard as cross-references."""
        parts = []
        position = 0
        for url in _URL.finditer(text):
            link = url.group().rstrip(".,;:")
            if link.endswith(")") and link.count("(") < link.count(")"):
                link = link[:-1]
            parts.append(self._prose(text[position : url.start()]))
            parts.append(f"<{link}>")
            position = url.start() + len(link)
        parts.append(self._prose(text[position:]))
        return "".join(parts)

    def _prose(self, text: str) -> str:
        escaped = _MD_SPECIAL.sub(r"\\\1", text)
        return _ID.sub(
            lambda m: self.ref(m.group()) if m.group() in self.labels else m.group(), escaped
        )

    def ref(self, ident: str, title: str | None = None) -> str:
        """A cross-reference to the anchor of an id of the standard."""
        return _ref(ident.lower(), title or ident)

    def refs(self, idents: Iterable[str]) -> str:
        return ", ".join(self.ref(i) if i in self.labels else _code(i) for i in idents) or "none"

    # ----- pages --------------------------------------------------------------------------------

    def index_page(self) -> str:
        documents = "\n".join(d.file_stem for d in self.model.documents)
        return _page(
            "Reference",
            label="reference",
            body=f"""
Generated from the standard by `kpcert spec build`: the model ({_code(self.model.version)}), the
requirement catalogue, the code lists, the finding codes and rules of the reference
implementation, the shipped examples and the conformance manifests. Every business term,
requirement, rule and finding code has its own anchor, so that a link such as
`requirements.html#kp-req-006` or `kp-certificate.html#kp-bt-002` stays stable.

```{{toctree}}
:maxdepth: 1
:caption: The standard

requirements
{documents}
datatypes
participants
hs-codes
```

```{{toctree}}
:maxdepth: 1
:caption: Checking documents

findings
schema-errors
traceability
vectors
cli
```
""",
        )

    def requirements_page(self) -> str:
        out = [
            f"""
The normative requirement catalogue, {_download("spec/text/requirements.yaml", "download")}
({self.text(_version_of(self.spec / "text" / "requirements.yaml"))}), with what serves and checks
each requirement. The {_ref("standard-annex", "Technical Annex")} cites them in brackets. **Level**
is as in BCP 14 (RFC 2119, RFC 8174); **machine checkable** means software can decide the
requirement from the document, the code lists, the Authority Trust List and the verification
time. Ids are never renumbered and never reused.
"""
        ]
        for trace in self.traces:
            r = trace.requirement
            vectors = self._vector_refs(trace.vectors)
            out.append(
                f"""
({r.id.lower()})=
## {r.id} {_esc(r.title)}

{self.text(r.text)}

:Level: **{r.level}**
:KPCS basis: {self.text(r.basis)}
:Applies to: {", ".join(r.applies_to) or "none"}
:Machine checkable: {"yes" if r.machine_checkable else "no"}
:Business terms: {self.refs(n.id for n in trace.terms)}
:Rules and codes: {self.refs(c.code for c in trace.codes)}{self._schema_note(trace)}
:Conformance vectors: {vectors}
"""
            )
        return _page("Requirements", "".join(out), label="requirements")

    def _vector_refs(self, vectors: Iterable[Vector]) -> str:
        if self.vectors is None:
            return "no vectors yet"
        return ", ".join(_ref(v.label, v.id) for v in vectors) or "none yet"

    def _schema_note(self, trace: Trace) -> str:
        if not trace.schema_terms:
            return ""
        return "; the schema layer's findings (`KP-S-…`) on " + self.refs(
            n.id for n in trace.schema_terms
        )

    def document_page(self, document: DocumentModel) -> str:
        root = document.root
        stem = document.file_stem
        examples = [
            path
            for path, data in self.examples
            if isinstance(data, dict) and data.get("documentType") == document.json_document_type
        ]
        example_links = (
            "\n".join(
                f"- {_download(path, Path(path).name)} and its XML twin "
                f"{_download(path[:-5] + '.xml', Path(path).stem + '.xml')}"
                if (self.root / (path[:-5] + ".xml")).is_file()
                else f"- {_download(path, Path(path).name)}"
                for path in examples
            )
            or "- no shipped example yet"
        )
        out = [
            f"""
{self.text(root.definition)}

:KPCS basis: {self.text(root.basis)}
:Requirements: {self.refs(root.requirements)}
:JSON: an object whose member `documentType` is {_code(json.dumps(document.json_document_type))}
:XML: root element {_code(root.xml)} in namespace {_code(document.xml_namespace)}
:Python: {_code("kpstandard.model." + document.name)}

## Downloads

- JSON Schema 2020-12: {_download(f"spec/json/{stem}.schema.json", f"{stem}.schema.json")}
- XSD 1.0: {_download(f"spec/xml/{stem}.xsd", f"{stem}.xsd")} (it imports
  {_download("spec/xml/xml.xsd", "xml.xsd")} for `xml:lang`)

Shipped examples (valid, the same document in both syntaxes):

{example_links}

## Structure

Every business term (`KP-BT-nnn`) and group (`KP-BG-nnn`) in document order. In the JSON
Pointers, `{{i}}`, `{{j}}`... stand for the index of an item of a repeated group; the XPaths use
the prefix `kp` for the namespace {_code(document.xml_namespace)}.

| Id | Name | Cardinality | Data type | JSON Pointer |
| --- | --- | --- | --- | --- |
"""
        ]
        for node, depth in _descendants(root):
            kind = (
                _ref(_datatype_label(node.type), node.type.name)
                if node.type is not None
                else f"group ({node.cls})"
            )
            out.append(
                f"| {self.ref(node.id)} | {_INDENT * depth}{_esc(node.name)} | {node.cardinality}"
                f" | {kind} | {_code(_pointer(root, node))} |\n"
            )
        out.append("\n## Business terms and groups\n")
        for node, _depth in _descendants(root):
            out.append(self._node_section(document, node))
        return _page(root.name, "".join(out), label=f"document-{stem}")

    def _node_section(self, document: DocumentModel, node: Node) -> str:
        root = document.root
        fields = [
            f":Cardinality: {_code(node.cardinality)}",
        ]
        if node.type is not None:
            fields.append(
                f":Data type: {_ref(_datatype_label(node.type), node.type.name)} ({node.type.kind})"
            )
        else:
            fields.append(
                f":Structure: group of class {_code(node.cls or '')}: "
                + ", ".join(self.ref(c.id) for c in node.children)
            )
        fields += [
            f":KPCS basis: {self.text(node.basis)}",
            f":Requirements: {self.refs(node.requirements)}",
            f":JSON member: {_code(_pointer(root, node))}{_json_note(node)}",
            f":XML element: {_code(_xpath(root, node))}{_xml_note(node)}",
            f":Python: {_code(_python_path(root, node))}",
        ]
        if node.type is not None:
            found = self._example(document, node)
            fields.append(
                f":Example: {_code(json.dumps(found[1], ensure_ascii=False))} in "
                f"{_download(found[0], Path(found[0]).name)}"
                if found
                else ":Example: no shipped example uses this term"
            )
        body = "\n".join(fields)
        return f"""
({node.id.lower()})=
### {node.id} {_esc(node.name)}

{self.text(node.definition)}

{body}
"""

    def _example(self, document: DocumentModel, node: Node) -> tuple[str, Any] | None:
        """The first value at the node's JSON path in the shipped examples of its document type."""
        names = [n.json for n in _path(document.root, node)]
        for path, data in self.examples:
            if isinstance(data, dict) and data.get("documentType") == document.json_document_type:
                value = _first_value(data, names)
                if value is not _MISSING:
                    return path, value
        return None

    def datatypes_page(self) -> str:
        users: dict[str, list[Node]] = {}
        for node in self.nodes.values():
            if node.type is not None:
                users.setdefault(node.type.name, []).append(node)
        out = [
            f"""
Every business term has one of these types, defined in
{_download("spec/model/datatypes.yaml", "datatypes.yaml")}. A type fixes the value space (its
kind) and one lexical form shared by both syntaxes, which is what makes conversion between JSON
and XML lossless ({self.refs(["KP-REQ-031"])}). Patterns are implicitly anchored; where JSON
(ECMA-262) and XML Schema cannot share one pattern, each has its own.
"""
        ]
        for name, datatype in self.model.datatypes.items():
            out.append(self._datatype_section(datatype, users.get(name, [])))
        return _page("Data types", "".join(out), label="datatypes")

    def _datatype_section(self, datatype: DataType, users: Sequence[Node]) -> str:
        fields = [f":Kind: {datatype.kind}"]
        if datatype.json_pattern is not None and datatype.json_pattern == datatype.xml_pattern:
            fields.append(f":Pattern: {_code(datatype.json_pattern)}")
        else:
            if datatype.json_pattern is not None:
                fields.append(f":JSON pattern: {_code(datatype.json_pattern)}")
            if datatype.xml_pattern is not None:
                fields.append(f":XML pattern: {_code(datatype.xml_pattern)}")
        if datatype.enum is not None:
            fields.append(":Values: " + ", ".join(_code(v) for v in datatype.enum))
        for label, value in (
            ("Minimum length", datatype.min_length),
            ("Maximum length", datatype.max_length),
            ("Minimum", datatype.minimum),
            ("Maximum", datatype.maximum),
        ):
            if value is not None:
                fields.append(f":{label}: {value}")
        for label, type_name in (
            ("Text of each version", datatype.text),
            ("Language tag", datatype.language),
        ):
            if type_name is not None and type_name in self.model.datatypes:
                fields.append(
                    f":{label}: {_ref(_datatype_label(self.model.datatypes[type_name]), type_name)}"
                )
        if datatype.example is not None:
            fields.append(f":Example: {_code(json.dumps(datatype.example, ensure_ascii=False))}")
        fields.append(":Used by: " + (", ".join(self.ref(n.id) for n in users) or "no term yet"))
        body = "\n".join(fields)
        return f"""
({_datatype_label(datatype)})=
## {datatype.name}

{self.text(datatype.definition)}

{body}
"""

    def participants_page(self) -> str:
        path = self.spec / "codelists" / "participants.yaml"
        raw = _yaml(path)
        out = [
            f"""
{self.text(_oneline(raw.get("description", "")))}

:List: {_code(str(raw.get("list", "participants")))}, version {_code(str(raw.get("version")))}
:Download: {_download("spec/codelists/participants.yaml", "participants.yaml")} (its schema:
  {_download("spec/codelists/codelist.schema.json", "codelist.schema.json")})

Every period is in force on day D when *from* ≤ D and (no *until*, or D < *until*): *until* is
the first day on which it no longer applies. A document is judged against the periods in force on
its date of issue ({self.refs(["KP-REQ-033"])}), never on the day of verification. *Approximate*
marks a date the sources do not fix to the day.

| Code | Participant | Membership | Suspensions | Restrictions |
| --- | --- | --- | --- | --- |
"""
        ]
        entries = raw.get("entries", [])
        for entry in entries:
            code = str(entry["code"])
            membership = "; ".join(_span(p) for p in entry.get("membership", ())) or "never"
            out.append(
                f"| {_ref('participant-' + code.lower(), code)} | {_esc(str(entry['name']))} "
                f"| {membership} | {len(entry.get('suspensions', ())) or ''} "
                f"| {len(entry.get('restrictions', ())) or ''} |\n"
            )
        out.append("\n## Entries\n")
        for entry in entries:
            out.append(self._participant_section(entry))
        return _page("Code list: Participants", "".join(out), label="codelist-participants")

    def _participant_section(self, entry: Mapping[str, Any]) -> str:
        code = str(entry["code"])
        lines = [f"\n(participant-{code.lower()})=\n### {code} {_esc(str(entry['name']))}\n"]
        lines.append("\nMembership:\n")
        lines += [f"- {self._period(p)}" for p in entry.get("membership", ())]
        if entry.get("suspensions"):
            lines.append("\nSuspensions:\n")
            for suspension in entry["suspensions"]:
                scope = (
                    f", scope {_code(str(suspension['scope']))}" if suspension.get("scope") else ""
                )
                kind = _code(str(suspension.get("kind", "suspended")))
                lines.append(f"- {kind}{scope}: {self._period(suspension)}")
        if entry.get("restrictions"):
            lines.append("\nRestrictions:\n")
            for restriction in entry["restrictions"]:
                lines.append(f"- {_code(str(restriction['kind']))}: {self._period(restriction)}")
                for zone in restriction.get("zones", ()):
                    lines.append(
                        f"  - zone {_code(str(zone['id']))} {_esc(str(zone['name']))}: "
                        f"{self._period(zone)}"
                    )
        for key, unit in (("max_validity_months", "months"), ("max_validity_days", "days")):
            if entry.get(key) is not None:
                lines.append(f"\nMaximum validity of a certificate: {entry[key]} {unit}.")
        return "\n".join(lines) + "\n"

    def _period(self, raw: Mapping[str, Any]) -> str:
        text = _span(raw)
        if raw.get("approximate"):
            text += " (approximate)"
        if raw.get("source"):
            text += f". Source: {self.text(_oneline(raw['source']))}"
        if raw.get("note"):
            text += f". Note: {self.text(_oneline(raw['note']))}"
        return text

    def hs_codes_page(self) -> str:
        path = self.spec / "codelists" / "hs-codes.yaml"
        raw = _yaml(path)
        out = [
            f"""
{self.text(_oneline(raw.get("description", "")))}

:List: {_code(str(raw.get("list", "hs-codes")))}, version {_code(str(raw.get("version")))}
:Download: {_download("spec/codelists/hs-codes.yaml", "hs-codes.yaml")} (its schema:
  {_download("spec/codelists/codelist.schema.json", "codelist.schema.json")})

A code *in scope* is a subheading of rough diamonds under the KPCS, which a certificate may carry
({self.refs(["KP-REQ-015"])}); the others are listed so that a validator can say "out of scope"
rather than "unknown". Periods are read as for the {_ref("codelist-participants", "Participants")}.

| Code | Description | In scope | In force | Source |
| --- | --- | --- | --- | --- |
"""
        ]
        for entry in raw.get("entries", []):
            code = str(entry["code"])
            out.append(
                f"| {_code(code)} | {_esc(str(entry['description']))} "
                f"| {'yes' if entry.get('in_scope') else 'no'} | {_span(entry)} "
                f"| {self.text(_oneline(entry.get('source', '')))} |\n"
            )
        return _page("Code list: HS codes", "".join(out), label="codelist-hs-codes")

    def findings_page(self) -> str:
        expected = _download("examples/invalid/EXPECTED.json", "EXPECTED.json")
        out = [
            f"""
Every finding a validator reports has a stable code, the layer that found it, a severity, a
location (a JSON Pointer in JSON, an XPath with the prefix `kp` in XML), the requirement it
enforces and a message. **The code is the API**: it never changes meaning and is never reused;
messages may improve between releases. Schema-layer findings cite the requirement of the term
they concern, so the requirement below is the default one.

The same catalogue as data: {_download("spec/catalogue/findings.json", "findings.json")}. The
invalid examples named below break exactly one thing; {expected} gives the finding each must
produce.
"""
        ]
        for layer in Layer:
            codes = [c for c in self.codes if c.layer is layer]
            if not codes:
                continue
            intro = _LAYER_TITLES.get(layer, "")
            out.append(f"\n(layer-{layer.value})=\n## The {layer.value} layer\n\n")
            if intro:
                out.append(f"Codes of the {layer.value} layer: {intro}.\n")
            for code in codes:
                out.append(self._code_section(code, RULES.get(code.code)))
        return _page("Finding codes and rules", "".join(out), label="findings")

    def _code_section(self, code: Code, rule: Rule | None) -> str:
        requirement = self.requirements.get(code.requirement)
        fields = [
            f":Layer: {_ref('layer-' + code.layer.value, code.layer.value)}",
            f":Severity: {code.severity.value}",
            f":Requirement: {self.refs([code.requirement])}"
            + (f" ({_esc(requirement.title)})" if requirement else ""),
        ]
        if rule is not None:
            fields.append(
                ":Applies to: "
                + ", ".join(
                    _ref("document-" + a, a) if self._has_document(a) else _code(a)
                    for a in rule.applies_to
                )
            )
            if rule.needs:
                fields.append(
                    ":Needs: "
                    + ", ".join(_code(n) for n in rule.needs)
                    + " (without it the rule does not run and the report says so)"
                )
        examples = self.invalid_examples.get(code.code, [])
        if examples:
            label = "Examples" if code.severity is Severity.WARNING else "Invalid examples"
            fields.append(f":{label}: " + ", ".join(_download(p, Path(p).name) for p in examples))
        if self.vectors is None:
            fields.append(":Conformance vectors: no vectors yet")
        else:
            rejecting = [_ref(v.label, v.id) for v in self.vectors if code.code in v.codes]
            passing = [_ref(v.label, v.id) for v in self.vectors if code.code in v.exercises]
            fields.append(f":Vectors rejected with it: {', '.join(rejecting) or 'none yet'}")
            fields.append(f":Vectors that pass its check: {', '.join(passing) or 'none yet'}")
        body = "\n".join(fields)
        return f"""
({code.code.lower()})=
### {code.code} {_esc(code.title)}

{body}
"""

    def _has_document(self, document_type: str) -> bool:
        return any(d.json_document_type == document_type for d in self.model.documents)

    def traceability_page(self) -> str:
        gaps = coverage_gaps(self)
        vector_note = (
            "No conformance manifest exists yet, so the build does not yet ask for vectors; it "
            "will from the day `conformance/**/manifest*.json` appears."
            if self.vectors is None
            else f"{len(self.vectors)} conformance vectors were read from the manifests."
        )
        exempt = self.refs(sorted(CHECKED_BY_VECTORS_ONLY))
        out = [
            f"""
From each requirement to the business terms that serve it, the rules and finding codes that
check it, and the conformance vectors that exercise them. The docs build fails when a requirement
of level MUST that a machine can check has no rule or finding code, or (once the conformance
suite exists) no vector. A requirement counts as checked by the schema layer when it is the first
requirement of a term: the schema findings on that term cite it. {exempt} concern an
implementation's behaviour rather than one document, so only vectors can check them. {vector_note}

## Gaps

"""
        ]
        out.append("\n".join(f"- {self.text(g)}" for g in gaps) + "\n" if gaps else "None.\n")
        pending = [
            t.requirement.id
            for t in self.traces
            if t.requirement.id in AWAITING_SIGNATURE_VECTORS and not t.vectors
        ]
        if self.vectors is not None and pending:
            out.append(
                f"\nPending, and allowed for now: {self.refs(pending)} have no conformance vector "
                "until the signature area of the suite lands.\n"
            )
        out.append(
            """
## Matrix

```{list-table}
:header-rows: 1
:widths: 22 6 6 30 30 6

* - Requirement
  - Level
  - Checkable
  - Business terms
  - Rules and codes
  - Vectors
"""
        )
        for trace in self.traces:
            r = trace.requirement
            vectors = (  # the requirements page lists them; a count keeps the matrix legible
                _ref(r.id.lower(), f"{len(trace.vectors)}")
                if trace.vectors
                else "no vectors yet"
                if self.vectors is None
                else "none"
            )
            terms = _cell_list(f"{self.ref(n.id)} {_esc(n.name)}" for n in trace.terms)
            named_codes = [f"{self.ref(c.code)} {_esc(c.title)}" for c in trace.codes]
            if trace.schema_terms:
                named_codes.append("the schema layer (`KP-S-…`)")
            out.append(
                f"""* - {self.ref(r.id)} {_esc(r.title)}
  - {r.level}
  - {"yes" if r.machine_checkable else "no"}
  - {terms}
  - {_cell_list(named_codes)}
  - {vectors}
"""
            )
        out.append("```\n")
        return _page("Traceability", "".join(out), label="traceability")

    def vectors_page(self) -> str:
        if self.manifests is None:
            return _page(
                "Conformance vectors",
                """
No vectors yet. The conformance suite (`conformance/`) is being written; once its manifests
(`conformance/**/manifest*.json`) exist, this page lists every vector with the requirement it
checks and the expected outcome, and the {ref}`finding catalogue <findings>` and the
{ref}`traceability matrix <traceability>` link to them.
""",
                label="vectors",
            )
        count = sum(len(m.vectors) for m in self.manifests)
        out = [
            f"""
{count} vectors in {len(self.manifests)} manifests of `conformance/`. Each checks one requirement
at its level, for the roles and the versions of the standard named, and expects an outcome:
*accept* (with the warnings it must report, if any), *reject* with the finding codes any one of
which justifies the rejection, *not-judged*,
or an *output*. The inputs are exact
bytes, in the repository beside their manifest: take them from there, never copy them from a
page.
"""
        ]
        for path, error in self.bad_manifests:
            out.append(f"\n- unreadable manifest {_code(path)}: {_esc(error)}\n")
        for manifest in self.manifests:
            out.append(
                f"\n## {_esc(manifest.title)}\n\n{self.text(manifest.description)}\n\n"
                f"Manifest: {_download(manifest.path, Path(manifest.path).name)}\n"
            )
            for vector in manifest.vectors:
                out.append(self._vector_entry(vector))
        return _page("Conformance vectors", "".join(out), label="vectors")

    def _vector_entry(self, vector: Vector) -> str:
        details = [f"**{_esc(vector.id)}**", f"{vector.level} {self.refs([vector.requirement])}"]
        if vector.roles:
            details.append(", ".join(vector.roles))
        if vector.versions:
            details.append(f"standard {', '.join(vector.versions)}")
        outcome = vector.outcome
        if vector.codes:
            outcome += " with " + self.refs(vector.codes)
        if vector.warnings:
            outcome += " with the warning " + self.refs(vector.warnings)
        details.append(outcome)
        if vector.exercises:
            details.append("exercises " + self.refs(vector.exercises))
        if vector.input:  # the bytes are in the repository; the site does not ship them
            details.append(_code(vector.input))
        return f"\n({vector.label})=\n{' · '.join(details)}: {self.text(vector.description)}\n"

    def cli_page(self) -> str:
        command = self.cli
        if command is None:
            raise ValueError("the command reference needs the command's description (cli=...)")
        out = [
            f"""
{self.text(command.description)} {self.text(_oneline(command.intro))}

Generated from the command's own parser (`kpstandard.cli.describe()`); `kpcert COMMAND
--help` prints the same.

```text
{command.usage}
```
"""
        ]
        out.append(self._subcommand_list(command, "cli-" + command.prog))
        for sub in command.walk():
            out.append(self._command_section(sub))
        return _page("The kpcert command", "".join(out), label="cli")

    def _help_text(self, text: str) -> str:
        """An option's help, with the options it names as code (and so never typeset as dashes)."""
        parts = []
        position = 0
        for option in _OPTION.finditer(text):
            parts += [self.text(text[position : option.start()]), _code(option.group())]
            position = option.end()
        return "".join([*parts, self.text(text[position:])])

    def _subcommand_list(self, command: CommandDoc, label: str) -> str:
        names = [(sub.prog.rsplit(" ", 1)[-1], sub) for sub in command.subcommands]
        out = [f"- {_ref(f'{label}-{name}', name)}: {self.text(sub.help)}" for name, sub in names]
        return "\n" + "\n".join(out) + "\n" if out else ""

    def _command_section(self, command: CommandDoc) -> str:
        label = "cli-" + command.prog.replace(" ", "-")
        description = command.description or command.help
        out = [
            f"""
({label})=
## {command.prog}

{self.text(description)}

```text
{command.usage}
```
"""
        ]
        if command.arguments:
            out.append("\n")
            for argument in command.arguments:
                out.append(f"{_code(argument.invocation)}\n: {self._help_text(argument.help)}\n\n")
        out.append(self._subcommand_list(command, label))
        return "".join(out)


# ----- the model's paths --------------------------------------------------------------------------


def _descendants(root: Node) -> Iterator[tuple[Node, int]]:
    def walk(node: Node, depth: int) -> Iterator[tuple[Node, int]]:
        for child in node.children:
            yield child, depth
            yield from walk(child, depth + 1)

    return walk(root, 0)


def _path(root: Node, target: Node) -> list[Node]:
    """The nodes from below the root down to the target, inclusive."""

    def search(node: Node, trail: list[Node]) -> list[Node] | None:
        for child in node.children:
            if child is target:
                return [*trail, child]
            found = search(child, [*trail, child])
            if found is not None:
                return found
        return None

    found = search(root, [])
    if found is None:
        raise KeyError(target.id)
    return found


def _pointer(root: Node, node: Node) -> str:
    """The node's JSON member as a JSON Pointer, with {i}, {j}... for items of repeated groups."""
    parts: list[str] = []
    placeholders = iter(_PLACEHOLDERS)
    trail = _path(root, node)
    for step in trail:
        parts.append(step.json)
        if step.repeated and step is not trail[-1]:
            parts.append("{" + next(placeholders) + "}")
    return "/" + "/".join(parts)


def _xpath(root: Node, node: Node) -> str:
    return "/" + "/".join(f"kp:{n.xml}" for n in [root, *_path(root, node)])


def _python_path(root: Node, node: Node) -> str:
    parts = [root.cls or root.id]
    for step in _path(root, node):
        parts.append(step.attr + ("[i]" if step.repeated and step is not node else ""))
    return ".".join(parts)


def _json_note(node: Node) -> str:
    if node.type is not None and node.type.kind == "multilingual":
        return ", an object with one member per language tag"
    if node.repeated:
        return ", an array" + (" of objects" if node.is_group else "")
    return ""


def _xml_note(node: Node) -> str:
    if node.type is not None and node.type.kind == "multilingual":
        return ", repeated once per language, each with `xml:lang`"
    if node.repeated:
        return ", repeated once per item"
    return ""


_MISSING: Any = object()


def _first_value(value: Any, names: Sequence[str]) -> Any:
    """The first value found at a path of member names, trying each item of the arrays met."""
    if not names:
        return value
    if isinstance(value, list):
        for item in value:
            found = _first_value(item, names)
            if found is not _MISSING:
                return found
        return _MISSING
    if isinstance(value, dict) and names[0] in value:
        return _first_value(value[names[0]], names[1:])
    return _MISSING


def _datatype_label(datatype: DataType) -> str:
    return "datatype-" + datatype.name.lower()


# ----- conformance manifests ----------------------------------------------------------------------


def _manifest_paths(root: Path) -> list[Path]:
    """The conformance manifests (``manifest*.json``, not the manifests' schema)."""
    return sorted(
        path
        for path in (root / "conformance").glob("**/manifest*.json")
        if not path.name.endswith(".schema.json")
    )


def _manifest(raw: Any, path: Path, root: Path) -> Manifest:
    """Read a manifest; raises ValueError, KeyError or TypeError on a malformed one."""
    relative = path.relative_to(root).as_posix()
    return Manifest(
        path=relative,
        title=_oneline(raw.get("title", relative)),
        description=_oneline(raw.get("description", "")),
        vectors=tuple(_vectors(raw, path, root)),
    )


def _vectors(manifest: Any, path: Path, root: Path) -> list[Vector]:
    tests = manifest["tests"]
    if not isinstance(tests, list):
        raise TypeError("'tests' is not a list")
    vectors = []
    for test in tests:
        expected = test["expected"]
        vectors.append(
            Vector(
                id=str(test["id"]),
                manifest=path.relative_to(root).as_posix(),
                description=_oneline(test.get("description", "")),
                requirement=str(test["requirement"]),
                level=str(test.get("level", "")),
                roles=tuple(str(r) for r in test.get("roles", ())),
                outcome=str(expected["outcome"]),
                codes=tuple(str(c) for c in expected.get("codes", ())),
                exercises=tuple(str(c) for c in test.get("exercises", ())),
                input=_input_file(test.get("input"), path.parent, root),
                versions=tuple(str(v) for v in test.get("versions", ())),
                warnings=tuple(str(c) for c in expected.get("warnings", ())),
            )
        )
    return vectors


def _input_file(value: Any, folder: Path, root: Path) -> str | None:
    if not isinstance(value, dict) or not isinstance(value.get("file"), str):
        return None
    path = (folder / str(value["file"])).resolve()
    if path.is_file() and path.is_relative_to(root.resolve()):
        return path.relative_to(root.resolve()).as_posix()
    return None


# ----- markdown -----------------------------------------------------------------------------------


def _page(title: str, body: str, label: str | None = None) -> str:
    header = (
        "% GENERATED from the standard by `kpcert spec build` (kpstandard/specbuild/_docs.py);\n"
        "% do not edit: `kpcert spec check` fails when this page is stale.\n"
    )
    target = f"\n({label})=" if label else ""
    text = f"{header}{target}\n# {_esc(title)}\n{body}"
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"


def _esc(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _code(text: str) -> str:
    """Inline code, fenced with more backticks than the text holds."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _cell_list(items: Iterable[str]) -> str:
    """Entries of a list-table cell, one per line (a bullet list in the cell), or a dash."""
    entries = list(items)
    if not entries:
        return "—"
    return "\n    ".join(f"- {entry}" for entry in entries)


def _ref(label: str, title: str) -> str:
    return f"{{ref}}`{title} <{label}>`"


def _download(path: str, title: str) -> str:
    """A link that ships the file with the site; ``path`` is relative to the repository root."""
    return f"{{download}}`{title} <../../{path}>`"


def _span(raw: Mapping[str, Any]) -> str:
    start = raw.get("from")
    end = raw.get("to")
    return f"from {start}" + (f" until {end}" if end else "")


def _oneline(text: Any) -> str:
    return " ".join(str(text).split())


def _id_key(ident: str) -> tuple[str, int]:
    prefix, _, number = ident.rpartition("-")
    return prefix, int(number) if number.isdigit() else 0


def _version_of(path: Path) -> str:
    return f"version {_yaml(path).get('version', '?')}"


def _yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)
