"""``kpcert spec diff``: what changed between two versions of the standard, and whom it breaks.

Both sides are a ``spec`` folder (a checkout, an unpacked release, or a git ref of this
repository). Every change is one :class:`Change` with the ids it affects and its class:

- ``compatible``: every document valid before stays valid and means the same, and every
  consumer that accepted the old documents accepts the new ones (a new optional term, a new code,
  a rule for a new version only, a new requirement, a changed wording);
- ``breaking for producers``: documents that were valid may now be rejected (a new required term,
  a narrower cardinality, a new error rule or trade measure for existing versions, a level
  raised); a new warning refuses nothing and is compatible, with a note saying so;
- ``breaking for consumers``: documents may now carry what a consumer written for the old
  standard refuses or misreads (a new value of a closed list, a wider cardinality, a retired rule,
  a lifted measure, a level lowered).

A change can break both. The classification is mechanical, from the files; it is a reviewer's
checklist, not a substitute for reading the change.
"""

from __future__ import annotations

import io
import json
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
from kpstandard.model.meta import Model, Node, load_model

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


def _parents(model: Model) -> dict[str, str]:
    return {c.id: n.id for d in model.documents for n in d.root.walk() for c in n.children}


def _bounds(node: Node) -> tuple[int, float]:
    return node.min_occurs, float("inf") if node.max_occurs is None else node.max_occurs


def _model_changes(old: Model, new: Model) -> Iterator[Change]:
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
    for node_id in sorted(after.keys() - before.keys()):
        node = after[node_id]
        # required inside a group that is itself new (and optional) breaks no one
        within_new = parents.get(node_id) in after.keys() - before.keys()
        added_impact = BOTH if node.required and not within_new else OK
        yield Change(
            "model",
            (node_id,),
            added_impact,
            f"new {'required' if node.required else 'optional'} "
            f"{'group' if node.is_group else 'term'} {node.name} ({node.cardinality}, "
            f"since {node.since})",
        )
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


def _rule_changes(old: Path, new: Path, old_model: Model, new_model: Model) -> Iterator[Change]:
    before = _rules(old, old_model.spec_versions)
    after = _rules(new, new_model.spec_versions)
    existing = set(old_model.spec_versions)
    for code in sorted(after.keys() - before.keys()):
        entry = after[code]
        versions = set(entry["versions"])
        old_versions = sorted(versions & existing)
        refuses = _refuses(entry)
        yield Change(
            "rules",
            (code,),
            PRODUCERS if old_versions and refuses else OK,
            f"new {entry['layer']} code: {entry['title']} (versions {', '.join(entry['versions'])})"
            + (
                f"; it judges documents of existing version(s) {old_versions}"
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


def _periods(entry: Mapping[str, Any], key: str) -> set[tuple[str, str, str]]:
    return {
        (str(p.get("kind", key)), str(p.get("from")), str(p.get("to")))
        for p in entry.get(key, ()) or ()
    }


def _codelist_changes(old: Path, new: Path) -> Iterator[Change]:
    for name in ("participants", "hs-codes"):
        before = {
            e["code"]: e for e in _yaml(old / "codelists" / f"{name}.yaml").get("entries", [])
        }
        after = {e["code"]: e for e in _yaml(new / "codelists" / f"{name}.yaml").get("entries", [])}
        for code in sorted(after.keys() - before.keys()):
            yield Change("codelists", (f"{name}:{code}",), OK, f"new code {code}")
        for code in sorted(before.keys() - after.keys()):
            yield Change("codelists", (f"{name}:{code}",), BOTH, f"code {code} removed")
        for code in sorted(before.keys() & after.keys()):
            a, b = before[code], after[code]
            where = (f"{name}:{code}",)
            # more membership accepts more; more suspensions or restrictions refuse more
            for key, widens in (
                ("membership", True),
                ("suspensions", False),
                ("restrictions", False),
            ):
                added = sorted(_periods(b, key) - _periods(a, key))
                removed = sorted(_periods(a, key) - _periods(b, key))
                for kind, start, end in added:
                    yield Change(
                        "codelists",
                        where,
                        CONSUMERS if widens else PRODUCERS,
                        f"{code}: {kind} from {start}{'' if end == 'None' else ' to ' + end} added",
                    )
                for kind, start, end in removed:
                    yield Change(
                        "codelists",
                        where,
                        PRODUCERS if widens else CONSUMERS,
                        f"{code}: {kind} from {start}{'' if end == 'None' else ' to ' + end} "
                        "removed or redated",
                    )
            if a.get("in_scope") != b.get("in_scope"):
                yield Change("codelists", where, BOTH, f"{code}: in_scope changed")
            if {
                k: v for k, v in a.items() if k not in ("membership", "suspensions", "restrictions")
            } != {
                k: v for k, v in b.items() if k not in ("membership", "suspensions", "restrictions")
            }:
                yield Change("codelists", where, OK, f"{code}: name, note, source or policy edited")


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
        *_model_changes(old_model, new_model),
        *_datatype_changes(old_model, new_model),
        *_rule_changes(old, new, old_model, new_model),
        *_requirement_changes(old, new),
        *_codelist_changes(old, new),
        *_algorithm_changes(old, new, old_model.spec_versions),
    ]
