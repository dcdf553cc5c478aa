"""``kpcert spec diff``: what changed between two versions of the standard, and whom it breaks.

Both sides are a ``spec`` folder (a checkout, an unpacked release, or a git ref of this
repository). Every change is one :class:`Change` with the ids it affects and its class:

- ``compatible``: every document valid before stays valid and means the same, and every
  consumer that accepted the old documents accepts the new ones (a new optional term of a new
  version, a new document type with its terms and rules, a rule for a new version only, a new
  requirement, a changed wording, a code-list fact read only by warnings or by rules of new
  versions);
- ``breaking for producers``: documents that were valid may now be rejected (a new required term,
  a narrower cardinality, a new error rule or trade measure for existing versions, a level
  raised); a new warning refuses nothing and is compatible, with a note saying so;
- ``breaking for consumers``: documents may now carry what a consumer written for the old
  standard refuses or misreads (a term added to a released version where the old schemas are
  closed, a new value of a closed list, a wider cardinality, a retired rule, a lifted measure, a
  newly allowed algorithm, a level lowered).

A change can break both. The classification is mechanical, from the files; it is a reviewer's
checklist, not a substitute for reading the change.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from kpstandard.errors import ModelError
from kpstandard.model.meta import Model, Node, load_model, version_key
from kpstandard.validation.rules._certificate import APPROXIMATE_SINCE

__all__ = ["Change", "Impact", "diff_specs", "open_spec"]


class Impact(Enum):
    """Whom a change breaks."""

    COMPATIBLE = "compatible"
    PRODUCERS = "breaking for producers"
    CONSUMERS = "breaking for consumers"


@dataclass(frozen=True)
class Change:
    """One change between two versions of the standard."""

    area: str
    """model, datatypes, rules, requirements, codelists."""
    ids: tuple[str, ...]
    """The ids the change affects (terms, types, rules, requirements, code-list codes)."""
    impact: frozenset[Impact]
    """COMPATIBLE alone, or the sides it breaks."""
    description: str

    def as_json(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "ids": list(self.ids),
            "impact": sorted(i.value for i in self.impact),
            "description": self.description,
        }


OK = frozenset({Impact.COMPATIBLE})
PRODUCERS = frozenset({Impact.PRODUCERS})
CONSUMERS = frozenset({Impact.CONSUMERS})
BOTH = PRODUCERS | CONSUMERS


@contextmanager
def open_spec(source: str, repository: Path) -> Iterator[Path]:
    """Yield the ``spec`` folder ``source`` names: a folder (a checkout or its ``spec``) or a git
    ref of ``repository``, unpacked into a temporary folder.

    Raises:
        ModelError: ``source`` is neither.
    """
    folder = Path(source)
    for candidate in (folder / "spec", folder):
        if (candidate / "model" / "model.yaml").is_file():
            yield candidate
            return
    try:
        archive = subprocess.run(
            ["git", "-C", str(repository), "archive", "--format=tar", source, "spec"],
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise ModelError(f"{source} is neither a folder with a spec nor a git ref: {exc}") from exc
    with tempfile.TemporaryDirectory(prefix="kpcert-spec-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        yield Path(tmp) / "spec"


def _yaml(path: Path) -> Any:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def _nodes(model: Model) -> dict[str, Node]:
    return {n.id: n for d in model.documents for n in d.root.walk() if n is not d.root}


def _parents(model: Model) -> dict[str, Node]:
    return {c.id: n for d in model.documents for n in d.root.walk() for c in n.children}


def _bounds(node: Node) -> tuple[int, float]:
    return node.min_occurs, float("inf") if node.max_occurs is None else node.max_occurs


def _open_in(spec: Path, document: str, parent: Node, is_root: bool) -> bool:
    """Whether the generated schemas of ``spec`` accept members they do not name in ``parent``
    (a group of ``document``): only then can a consumer built on them read a document carrying a
    new optional term there. The generator closes every object (JSON ``additionalProperties:
    false``, XSD sequences without ``xs:any``); a side without its schemas counts as closed."""
    json_path = spec / "json" / f"{document}.schema.json"
    xsd_path = spec / "xml" / f"{document}.xsd"
    if not (json_path.is_file() and xsd_path.is_file()):
        return False
    schema = json.loads(json_path.read_text(encoding="utf-8"))
    target = schema if is_root else schema.get("$defs", {}).get(parent.cls or "", {})
    open_json = target.get("additionalProperties", True) is not False and (
        target.get("unevaluatedProperties", True) is not False
    )
    # an xs:any that admits the standard's own elements (the signature's, in the XML-DSig
    # namespace, does not)
    wildcards = _XS_ANY.findall(xsd_path.read_text(encoding="utf-8"))
    return open_json and any(w in ("", "##any", "##targetNamespace", "##local") for w in wildcards)


_XS_ANY = re.compile(r'<xs:any\b(?:[^>]*?\bnamespace="([^"]*)")?')


def _new_node(
    node: Node,
    parent: Node,
    old: Model,
    old_spec: Path,
    document: str,
    is_root: bool,
) -> tuple[frozenset[Impact], str]:
    """Whom a term or group new in an existing group breaks, and why.

    Producers: a required term that documents of an existing version must now carry. Consumers: a
    term that documents of an existing version may now carry, where the old schemas are closed
    (a consumer built on them refuses the document). A term of a new version only breaks neither:
    KP-R-042 keeps it out of documents of older versions, and the new version's own row says
    that consumers must support it."""
    latest = max((version_key(v) for v in old.spec_versions), default=(0, 0))
    if version_key(node.since) > latest:
        return OK, f"; only documents of {node.since} or later carry it"
    impact: set[Impact] = set()
    why = []
    if node.required:
        impact.add(Impact.PRODUCERS)
        why.append(f"documents of {node.since} that lack it are now refused")
    if _open_in(old_spec, document, parent, is_root):
        why.append(f"the old schemas accept unnamed members in {parent.name}")
    else:
        impact.add(Impact.CONSUMERS)
        why.append(
            f"documents of {node.since} may now carry it, and the old schemas, closed in "
            f"{parent.name}, refuse them"
        )
    return frozenset(impact) or OK, "; " + "; ".join(why)


def _model_changes(old: Model, new: Model, old_spec: Path) -> Iterator[Change]:
    added = sorted(set(new.spec_versions) - set(old.spec_versions))
    if added:
        yield Change(
            "model",
            tuple(added),
            CONSUMERS,
            f"new version(s) of the standard {', '.join(added)}: consumers must support them "
            "to accept documents that declare them",
        )
    dropped = sorted(set(old.spec_versions) - set(new.spec_versions))
    if dropped:
        yield Change(
            "model",
            tuple(dropped),
            PRODUCERS,
            f"version(s) {', '.join(dropped)} no longer judged: their documents are refused",
        )
    before, after = _nodes(old), _nodes(new)
    parents = _parents(new)
    old_ids = {n.id for d in old.documents for n in d.root.walk()}
    old_types = {d.json_document_type for d in old.documents}
    document_of = {n.id: d for d in new.documents for n in d.root.walk()}
    for document in new.documents:
        if document.json_document_type not in old_types:
            yield Change(
                "model",
                (document.json_document_type,),
                OK,
                f"new document type {document.name}: a new capability, no existing document "
                "changes",
            )
    for node_id in sorted(after.keys() - before.keys()):
        node = after[node_id]
        document = document_of[node_id]
        parent = parents[node_id]
        what = (
            f"new {'required' if node.required else 'optional'} "
            f"{'group' if node.is_group else 'term'} {node.name} ({node.cardinality}, "
            f"since {node.since})"
        )
        if document.json_document_type not in old_types:
            impact, why = OK, f" of the new document type {document.name}"
        elif parent.id not in old_ids:
            # inside a group that is itself new: that group's row says whom the group breaks
            impact, why = OK, f" inside the new group {parent.name} ({parent.id})"
        else:
            impact, why = _new_node(
                node, parent, old, old_spec, document.json_document_type, parent is document.root
            )
        yield Change("model", (node_id,), impact, what + why)
    for node_id in sorted(before.keys() - after.keys()):
        yield Change("model", (node_id,), BOTH, f"{before[node_id].name} removed")
    for node_id in sorted(before.keys() & after.keys()):
        a, b = before[node_id], after[node_id]
        (a_min, a_max), (b_min, b_max) = _bounds(a), _bounds(b)
        if (a_min, a_max) != (b_min, b_max):
            narrowed: frozenset[Impact] = frozenset(
                ({Impact.PRODUCERS} if b_min > a_min or b_max < a_max else set())
                | ({Impact.CONSUMERS} if b_min < a_min or b_max > a_max else set())
            )
            yield Change(
                "model",
                (node_id,),
                narrowed,
                f"{b.name}: cardinality {a.cardinality} -> {b.cardinality}",
            )
        a_type = a.type.name if a.type else a.cls
        b_type = b.type.name if b.type else b.cls
        if a_type != b_type:
            yield Change("model", (node_id,), BOTH, f"{b.name}: type {a_type} -> {b_type}")
        if (a.json, a.xml) != (b.json, b.xml):
            yield Change(
                "model",
                (node_id,),
                BOTH,
                f"{b.name}: renamed {a.json}/{a.xml} -> {b.json}/{b.xml}",
            )
        if a.until != b.until:
            yield Change(
                "model",
                (node_id,),
                PRODUCERS if b.until is not None else CONSUMERS,
                f"{b.name}: last version {a.until or 'current'} -> {b.until or 'current'}",
            )
        if (a.definition, a.requirements) != (b.definition, b.requirements):
            yield Change("model", (node_id,), OK, f"{b.name}: definition or requirements edited")


def _datatype_changes(old: Model, new: Model) -> Iterator[Change]:
    for name in sorted(new.datatypes.keys() - old.datatypes.keys()):
        yield Change("datatypes", (name,), OK, f"new data type {name}")
    for name in sorted(old.datatypes.keys() - new.datatypes.keys()):
        yield Change("datatypes", (name,), BOTH, f"data type {name} removed")
    for name in sorted(old.datatypes.keys() & new.datatypes.keys()):
        a, b = old.datatypes[name], new.datatypes[name]
        if a.enum != b.enum:
            more = sorted(set(b.enum or ()) - set(a.enum or ()))
            fewer = sorted(set(a.enum or ()) - set(b.enum or ()))
            impact = frozenset(
                ({Impact.CONSUMERS} if more else set()) | ({Impact.PRODUCERS} if fewer else set())
            )
            yield Change(
                "datatypes",
                (name,),
                impact or OK,
                f"{name}: values added {more or 'none'}, removed {fewer or 'none'}",
            )
        facets = ("kind", "json_pattern", "xml_pattern", "min_length", "max_length", "minimum")
        changed = [f for f in (*facets, "maximum") if getattr(a, f) != getattr(b, f)]
        if changed:
            yield Change("datatypes", (name,), BOTH, f"{name}: {', '.join(changed)} changed")


def _rules(spec: Path, versions: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    path = spec / "catalogue" / "findings.json"
    if not path.is_file():
        return {}
    codes = json.loads(path.read_text(encoding="utf-8"))["codes"]
    found = {}
    for entry in codes:
        entry.setdefault("versions", list(versions))  # a catalogue from before versions
        found[entry["code"]] = entry
    return found


def _refuses(entry: Mapping[str, Any]) -> bool:
    """Whether a code's findings can make a document invalid: an error can, a warning or a
    notice cannot, so a new warning breaks no producer's valid documents. The classification
    trusts the catalogue's severity (a rule that raises some of its findings to error must be
    catalogued as an error)."""
    return bool(entry.get("severity", "error") == "error")


_RESTS_ON: Mapping[str, tuple[str, ...]] = {
    "KP-ST-004": ("certificate-status-notice", "status-response"),
    "KP-ST-005": ("status-response",),
}
"""Codes without ``appliesTo`` (the time layer's) that fire only when the verifier is given status
evidence of these document types (``kpstandard/pipeline.py``: a notice or a status response says
the certificate is void; a status response says the registry never recorded it)."""


def _only_new_types(entry: Mapping[str, Any], old_types: set[str]) -> tuple[str, ...]:
    """The document types a code judges or rests on, when none of them existed before (a new
    document type cannot break an existing document); else ()."""
    types = tuple(entry.get("appliesTo") or _RESTS_ON.get(str(entry.get("code")), ()))
    return types if types and not set(types) & old_types else ()


def _rule_changes(old: Path, new: Path, old_model: Model, new_model: Model) -> Iterator[Change]:
    before = _rules(old, old_model.spec_versions)
    after = _rules(new, new_model.spec_versions)
    existing = set(old_model.spec_versions)
    old_types = {d.json_document_type for d in old_model.documents}
    for code in sorted(after.keys() - before.keys()):
        entry = after[code]
        versions = set(entry["versions"])
        old_versions = sorted(versions & existing)
        refuses = _refuses(entry)
        new_types = _only_new_types(entry, old_types)
        yield Change(
            "rules",
            (code,),
            PRODUCERS if old_versions and refuses and not new_types else OK,
            f"new {entry['layer']} code: {entry['title']} (versions {', '.join(entry['versions'])})"
            + (
                f"; it judges only the new document type(s) {', '.join(new_types)}, or rests on "
                "their evidence: no existing document is refused by it"
                if new_types and old_versions
                else f"; it judges documents of existing version(s) {old_versions}"
                if old_versions
                else ""
            )
            + ("" if refuses else f"; a {entry.get('severity')}: it refuses no document"),
        )
    for code in sorted(before.keys() - after.keys()):
        yield Change("rules", (code,), CONSUMERS, f"code removed: {before[code]['title']}")
    for code in sorted(before.keys() & after.keys()):
        a, b = before[code], after[code]
        lost = sorted(set(a["versions"]) - set(b["versions"]))
        gained = sorted((set(b["versions"]) - set(a["versions"])) & existing)
        if lost:
            yield Change("rules", (code,), CONSUMERS, f"{code} no longer judges version(s) {lost}")
        if gained:
            yield Change(
                "rules",
                (code,),
                PRODUCERS if _refuses(b) else OK,
                f"{code} now judges version(s) {gained}"
                + ("" if _refuses(b) else f"; a {b.get('severity')}: it refuses no document"),
            )
        not_new = sorted(set(new_model.spec_versions) - existing - set(b["versions"]))
        if not_new and set(a["versions"]) == existing:
            yield Change(
                "rules",
                (code,),
                OK,
                f"{code} does not judge the new version(s) {not_new} (documents of "
                f"{sorted(existing)} are judged as before): {b['title']}",
            )
        if a.get("severity") != b.get("severity"):
            yield Change(
                "rules",
                (code,),
                PRODUCERS if b.get("severity") == "error" else CONSUMERS,
                f"{code}: severity {a.get('severity')} -> {b.get('severity')}",
            )
        if (a.get("title"), a.get("requirement")) != (b.get("title"), b.get("requirement")):
            yield Change("rules", (code,), OK, f"{code}: title or requirement edited")


_LEVELS = {"MAY": 0, "SHOULD": 1, "MUST": 2}


def _requirement_changes(old: Path, new: Path) -> Iterator[Change]:
    def load(spec: Path) -> dict[str, dict[str, Any]]:
        return {
            r["id"]: r for r in _yaml(spec / "text" / "requirements.yaml").get("requirements", [])
        }

    before, after = load(old), load(new)
    for req in sorted(after.keys() - before.keys()):
        yield Change(
            "requirements", (req,), OK, f"new {after[req]['level']}: {after[req]['title']}"
        )
    for req in sorted(before.keys() - after.keys()):
        yield Change("requirements", (req,), CONSUMERS, f"removed: {before[req]['title']}")
    for req in sorted(before.keys() & after.keys()):
        a, b = before[req], after[req]
        if a["level"] != b["level"]:
            up = _LEVELS.get(b["level"], 0) > _LEVELS.get(a["level"], 0)
            yield Change(
                "requirements",
                (req,),
                PRODUCERS if up else CONSUMERS,
                f"level {a['level']} -> {b['level']}: {b['title']}",
            )
        if " ".join(str(a.get("text")).split()) != " ".join(str(b.get("text")).split()):
            yield Change("requirements", (req,), OK, f"wording changed (review): {b['title']}")


_READERS: Mapping[str, tuple[str, ...]] = {
    "participants:membership": ("KP-R-003", "KP-R-004", "KP-R-025", "KP-R-044"),
    "participants:suspensions": ("KP-R-005",),
    "participants:restrictions:compliant-zones-only": ("KP-R-006",),
    "participants:restrictions:supervised-zones": ("KP-R-050",),
    "participants:territories": ("KP-R-051",),
    "participants:max_validity": ("KP-R-011",),
    "participants:within": ("KP-R-003", "KP-R-004", "KP-R-005"),
    "hs-codes:period": ("KP-R-012",),
    "hs-codes:in_scope": ("KP-R-012",),
}
"""The rules that read each kind of code-list fact (``kpstandard/validation/rules``). A change
breaks only as far as its readers refuse: a fact read only by warnings, or only by rules of
versions no existing document declares, breaks nobody. A kind missing here is read by rules the
diff does not know, and counts as refusing (review it, and add it here)."""

_ZONES_ALLOW: Mapping[str, bool] = {"compliant-zones-only": True, "supervised-zones": False}
"""Whether a restriction's zones are where trade is allowed (adding one widens what is accepted)
or where it is limited (adding one narrows it)."""

_APPROXIMATE_SINCE = APPROXIMATE_SINCE
"""From this version a finding that rests on an approximate date is a warning (KP-REQ-106)."""

_NARROWS, _WIDENS = "narrows", "widens"


@dataclass(frozen=True)
class _Readers:
    """The catalogues of both sides and the versions documents already declare."""

    before: Mapping[str, Mapping[str, Any]]
    after: Mapping[str, Mapping[str, Any]]
    existing: frozenset[str]

    def impact(
        self, aspect: str, directions: set[str], *, approximate: bool = False
    ) -> tuple[frozenset[Impact], str]:
        """Whom a change of ``aspect`` in ``directions`` breaks: producers when it narrows what a
        refusing reader (of the new side) accepts, consumers when it widens what one (of the old
        side) refused; with a note when no reader refuses."""
        if not directions:
            return OK, ""
        codes = _READERS.get(aspect)
        if codes is None:
            unknown = {Impact.PRODUCERS} if _NARROWS in directions else set()
            if _WIDENS in directions:
                unknown.add(Impact.CONSUMERS)
            return frozenset(unknown), "; no rule known to the diff reads it: review"
        versions = self.existing
        if approximate:  # an approximate date changes findings only from version 1.1
            versions = frozenset(
                v for v in versions if version_key(v) >= version_key(_APPROXIMATE_SINCE)
            )
        impact: set[Impact] = set()
        for direction, side, what in (
            (_NARROWS, self.after, Impact.PRODUCERS),
            (_WIDENS, self.before, Impact.CONSUMERS),
        ):
            if direction in directions and (
                not side
                or any(
                    c in side and _refuses(side[c]) and set(side[c]["versions"]) & versions
                    for c in codes
                )
            ):
                impact.add(what)
        if impact:
            return frozenset(impact), ""
        readers = [self.after.get(c) or self.before.get(c) for c in codes]
        known = [(c, r) for c, r in zip(codes, readers, strict=True) if r is not None]
        said = ", ".join(
            f"{c} ({r.get('severity')}, versions {', '.join(r['versions'])})" for c, r in known
        )
        scope = f"from version {_APPROXIMATE_SINCE} " if approximate else ""
        return OK, (
            f"; read {scope}only by {said or 'no rule'}: it refuses no document of an existing "
            "version"
        )


def _key(period: Mapping[str, Any], default_kind: str) -> tuple[str, str]:
    return str(period.get("kind", default_kind)), str(period.get("from"))


def _end(period: Mapping[str, Any]) -> str:
    return str(period.get("to") or "9999-12-31")


def _span(kind: str, period: Mapping[str, Any]) -> str:
    end = period.get("to")
    return f"{kind} from {period.get('from')}{'' if end is None else ' to ' + str(end)}"


_SCOPES = {None: {"export", "import"}, "export": {"export"}, "import": {"import"}}


def _period_changes(
    a: Mapping[str, Any], b: Mapping[str, Any], key: str, accepts: bool
) -> Iterator[tuple[str, set[str], bool, str]]:
    """The changes of one list of periods of an entry: (aspect, directions, approximate, text).

    ``accepts``: whether the periods widen what is accepted (membership, territories) or narrow
    it (suspensions, restrictions)."""
    more, less = (_WIDENS, _NARROWS) if accepts else (_NARROWS, _WIDENS)
    old = {_key(p, key): p for p in a.get(key, ()) or ()}
    new = {_key(p, key): p for p in b.get(key, ()) or ()}
    for k in sorted(old.keys() | new.keys()):
        p, q = old.get(k), new.get(k)
        kind = k[0]
        aspect = f"{key}:{kind}" if key == "restrictions" else key
        if p is None and q is not None:
            yield aspect, {more}, False, f"{_span(kind, q)} added"
            continue
        if q is None and p is not None:
            yield aspect, {less}, False, f"{_span(kind, p)} removed or redated"
            continue
        assert p is not None
        assert q is not None
        if _end(p) != _end(q):
            longer = _end(q) > _end(p)
            yield (
                aspect,
                {more if longer else less},
                False,
                f"{_span(kind, q)}: end {p.get('to') or 'open'} -> {q.get('to') or 'open'}",
            )
        if p.get("scope") != q.get("scope"):
            was, now = _SCOPES.get(p.get("scope"), set()), _SCOPES.get(q.get("scope"), set())
            # a suspension of more trades refuses more
            directions = ({more} if now - was else set()) | ({less} if was - now else set())
            yield (
                aspect,
                directions or {more, less},
                False,
                f"{_span(kind, q)}: scope {p.get('scope') or 'all trade'} -> "
                f"{q.get('scope') or 'all trade'}",
            )
        if bool(p.get("approximate")) != bool(q.get("approximate")):
            # approximate: findings that rest on it near its dates become warnings
            softer = _WIDENS if q.get("approximate") else _NARROWS
            yield (
                aspect,
                {softer},
                True,
                f"{_span(kind, q)}: approximate {bool(p.get('approximate'))} -> "
                f"{bool(q.get('approximate'))}",
            )
        if key == "restrictions":
            yield from _zone_changes(p, q, aspect, kind)


def _zone_changes(
    p: Mapping[str, Any], q: Mapping[str, Any], aspect: str, kind: str
) -> Iterator[tuple[str, set[str], bool, str]]:
    allow = _ZONES_ALLOW.get(kind)
    if allow is None:
        more = less = {_WIDENS, _NARROWS}  # a kind the diff does not know: either way
    else:
        more, less = ({_WIDENS}, {_NARROWS}) if allow else ({_NARROWS}, {_WIDENS})
    old = {str(z.get("id")): z for z in p.get("zones", ()) or ()}
    new = {str(z.get("id")): z for z in q.get("zones", ()) or ()}
    for zone in sorted(old.keys() | new.keys()):
        y, z = old.get(zone), new.get(zone)
        if y is None:
            yield aspect, more, False, f"{kind}: zone {zone} added"
        elif z is None:
            yield aspect, less, False, f"{kind}: zone {zone} removed"
        else:
            if (str(y.get("from")), _end(y)) != (str(z.get("from")), _end(z)):
                yield aspect, more | less, False, f"{kind}: zone {zone} redated"
            if bool(y.get("approximate")) != bool(z.get("approximate")):
                softer = _WIDENS if z.get("approximate") else _NARROWS
                yield aspect, {softer}, True, f"{kind}: zone {zone} approximate changed"


def _validity(entry: Mapping[str, Any]) -> tuple[str, float]:
    for unit in ("days", "months"):
        value = entry.get(f"max_validity_{unit}")
        if value is not None:
            return unit, float(value)
    return "", float("inf")


def _covers(parent: Mapping[str, Any], entry: Mapping[str, Any]) -> bool:
    """Whether ``parent`` limits nothing of ``entry``'s standing on the list as it stands: no
    suspension, and a membership covering each of the entry's own periods."""
    if parent.get("suspensions"):
        return False
    spans = [(str(p.get("from")), _end(p)) for p in parent.get("membership", ()) or ()]
    return all(
        any(f <= str(p.get("from")) and _end(p) <= t for f, t in spans)
        for p in entry.get("membership", ()) or ()
    )


_KNOWN = {
    "participants": {
        "code",
        "name",
        "note",
        "source",
        "kind",
        "within",
        "membership",
        "suspensions",
        "restrictions",
        "territories",
        "max_validity_days",
        "max_validity_months",
    },
    "hs-codes": {"code", "description", "note", "source", "in_scope", "from", "to"},
}
"""The fields of an entry the diff classifies; any other field counts as read by a rule it does
not know."""


def _entry_changes(
    name: str,
    a: Mapping[str, Any],
    b: Mapping[str, Any],
    after: Mapping[str, Mapping[str, Any]],
) -> Iterator[tuple[str, set[str], bool, str]]:
    if name == "hs-codes":
        if a and b:
            if (str(a.get("from")), _end(a)) != (str(b.get("from")), _end(b)):
                yield "hs-codes:period", {_WIDENS, _NARROWS}, False, "in force redated"
            if a.get("in_scope") != b.get("in_scope"):
                direction = _WIDENS if b.get("in_scope") else _NARROWS
                yield "hs-codes:in_scope", {direction}, False, f"in_scope -> {b.get('in_scope')}"
        elif b:  # a subheading the list did not know was refused; in scope, it is now accepted
            yield "hs-codes:in_scope", {_WIDENS} if b.get("in_scope") else set(), False, "new code"
        else:
            yield "hs-codes:in_scope", {_NARROWS} if a.get("in_scope") else set(), False, "removed"
    else:
        for key, accepts in (
            ("membership", True),
            ("suspensions", False),
            ("restrictions", False),
            ("territories", True),
        ):
            if key == "territories":
                # a territory is a period of a country: one list per territory code
                for country in sorted(
                    {str(t.get("code")) for e in (a, b) for t in e.get(key, ()) or ()}
                ):
                    for aspect, directions, approximate, text in _period_changes(
                        _territory(a, country), _territory(b, country), key, accepts
                    ):
                        text = text.removeprefix(f"{key} ")  # "from ... added"
                        yield aspect, directions, approximate, f"territory {country} {text}"
            elif (a and b) or key == "membership":
                # a new entry's limits limit nothing accepted before; a removed entry's lifted
                # limits accept nothing, since the entry itself is gone
                yield from _period_changes(a, b, key, accepts)
        (unit_a, days_a), (unit_b, days_b) = _validity(a), _validity(b)
        if a and (unit_a, days_a) != (unit_b, days_b):
            if unit_a == unit_b or "" in (unit_a, unit_b):
                directions = {_WIDENS if days_b > days_a else _NARROWS}
            else:
                directions = {_WIDENS, _NARROWS}
            yield (
                "participants:max_validity",
                directions,
                False,
                f"maximum validity {_validity_text(a)} -> {_validity_text(b)}",
            )
        if a and a.get("kind", "participant") != b.get("kind", "participant"):
            yield (
                "participants:kind",
                set(),
                False,
                f"kind {a.get('kind', 'participant')} -> {b.get('kind', 'participant')} (no rule "
                "reads it: it says whether the entry counts as a Participant of its own)",
            )
        if a and a.get("within") != b.get("within"):
            parent = after.get(str(b.get("within")))
            if b.get("within") is None:
                directions = {_WIDENS}
            elif parent is not None and _covers(parent, b):
                directions = set()
            else:
                directions = {_NARROWS}
            yield (
                "participants:within",
                directions,
                False,
                f"within {a.get('within') or '-'} -> {b.get('within') or '-'} (an entity within "
                "a Participant trades only while that Participant does"
                + (
                    f"; {b.get('within')} has no suspension and covers its membership: no "
                    "standing changes on any day of the list)"
                    if not directions
                    else ")"
                ),
            )
    unknown = sorted(
        k for k in (a.keys() | b.keys()) - _KNOWN[name] if a and b and a.get(k) != b.get(k)
    )
    if unknown:
        yield f"{name}:{','.join(unknown)}", {_WIDENS, _NARROWS}, False, f"{unknown} changed"


def _territory(entry: Mapping[str, Any], country: str) -> dict[str, Any]:
    """The entry's periods of one territory, as a list of periods of its own."""
    return {
        "territories": [
            t for t in entry.get("territories", ()) or () if str(t.get("code")) == country
        ]
    }


def _validity_text(entry: Mapping[str, Any]) -> str:
    unit, value = _validity(entry)
    return f"{int(value)} {unit}" if unit else "none"


def _codelist_changes(old: Path, new: Path, readers: _Readers) -> Iterator[Change]:
    for name in ("participants", "hs-codes"):
        before = {
            e["code"]: e for e in _yaml(old / "codelists" / f"{name}.yaml").get("entries", [])
        }
        after = {e["code"]: e for e in _yaml(new / "codelists" / f"{name}.yaml").get("entries", [])}
        for code in sorted(before.keys() | after.keys()):
            a, b = before.get(code, {}), after.get(code, {})
            if a == b:
                continue
            where = (f"{name}:{code}",)
            prefix = "new code: " if not a else "code removed: " if not b else ""
            # one row per kind of fact and class, e.g. all of the EU's new territories
            rows: dict[tuple[str, frozenset[Impact], str], list[str]] = {}
            for aspect, directions, approximate, text in _entry_changes(name, a, b, after):
                aspect = aspect if aspect.startswith(f"{name}:") else f"{name}:{aspect}"
                impact, note = readers.impact(aspect, directions, approximate=approximate)
                rows.setdefault((aspect, impact, note), []).append(text)
            for (_, impact, note), texts in rows.items():
                yield Change(
                    "codelists", where, impact, f"{code}: {prefix}{', '.join(texts)}{note}"
                )
            if not rows:
                yield Change(
                    "codelists",
                    where,
                    OK,
                    f"{code}: {prefix or 'name, description, note or source edited'}".rstrip(": "),
                )


def _register(spec: Path) -> dict[str, dict[str, Any]]:
    path = spec / "codelists" / "algorithms.yaml"
    if not path.is_file():  # a standard from before the register: its profile was in the text
        return {}
    data = _yaml(path)
    return {
        str(e["code"]): e
        for key in ("key_types", "entries")
        for e in data.get(key, []) or []
        if isinstance(e, dict) and "code" in e
    }


def _usable(entry: Mapping[str, Any] | None) -> bool:
    return entry is not None and entry.get("status") in ("allowed", "deprecated")


def _algorithm_changes(old: Path, new: Path, old_versions: tuple[str, ...]) -> Iterator[Change]:
    """The register of signature algorithms (annex Article 16): an algorithm verifiers must now
    accept breaks consumers written before it; one signers may no longer use breaks producers."""
    before, after = _register(old), _register(new)
    if not (old / "codelists" / "algorithms.yaml").is_file() and after:
        # The old standard stated its profile in the text: the entries the register dates from
        # one of its versions are that profile, recorded, not added.
        before = {c: e for c, e in after.items() if e.get("since") in old_versions}
        yield Change(
            "codelists",
            ("algorithms",),
            OK,
            "new register of signature algorithms; its entries since "
            f"{', '.join(old_versions)} record the profile the text already stated",
        )
    for code in sorted(before.keys() | after.keys()):
        a, b = before.get(code), after.get(code)
        where = (f"algorithms:{code}",)
        if a == b:
            continue
        if not _usable(a) and _usable(b):
            yield Change("codelists", where, CONSUMERS, f"{code}: now {b['status'] if b else ''}")
        elif _usable(a) and not _usable(b):
            yield Change(
                "codelists", where, PRODUCERS, f"{code}: {b['status'] if b else 'removed'}"
            )
        elif a is not None and b is not None and a.get("status") != b.get("status"):
            yield Change(
                "codelists",
                where,
                PRODUCERS if b.get("status") == "deprecated" else CONSUMERS,
                f"{code}: status {a.get('status')} -> {b.get('status')}",
            )
        elif (
            a is not None
            and b is not None
            and (a.get("until"), a.get("deprecated_from"))
            != (
                b.get("until"),
                b.get("deprecated_from"),
            )
        ):
            yield Change("codelists", where, PRODUCERS, f"{code}: until or deprecated_from set")
        else:
            yield Change(
                "codelists",
                where,
                OK,
                f"{code}: new, {b.get('status')}" if a is None and b else f"{code}: note edited",
            )


def diff_specs(old: Path, new: Path) -> list[Change]:
    """Every change from the ``spec`` folder ``old`` to ``new``, model first.

    Raises:
        ModelError: a side's model cannot be loaded.
    """
    old_model, new_model = load_model(old / "model"), load_model(new / "model")
    return [
        *_model_changes(old_model, new_model, old),
        *_datatype_changes(old_model, new_model),
        *_rule_changes(old, new, old_model, new_model),
        *_requirement_changes(old, new),
        *_codelist_changes(
            old,
            new,
            _Readers(
                _rules(old, old_model.spec_versions),
                _rules(new, new_model.spec_versions),
                frozenset(old_model.spec_versions),
            ),
        ),
        *_algorithm_changes(old, new, old_model.spec_versions),
    ]
