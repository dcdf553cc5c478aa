"""Turn a path through a document object into a location in the document's own syntax."""

from __future__ import annotations

from collections.abc import Sequence

from kpstandard.model.meta import DocumentModel
from kpstandard.syntax._json import pointer
from kpstandard.syntax._plan import ClassPlan, document_plan
from kpstandard.syntax._xml import PREFIX

__all__ = ["AttrPath", "locate"]

AttrPath = Sequence[str | int]
"""Attribute names, list indexes (0-based) and language tags, from the document down."""


def locate(document: DocumentModel, path: AttrPath, syntax: str) -> str:
    """Return the JSON Pointer (``syntax="json"``) or XPath (``"xml"``) of an attribute path.

    Example: ``("shipment", "lines", 1, "carats")`` is ``/shipment/lines/1/carats`` in JSON and
    ``/kp:KPCertificate/kp:Shipment/kp:Line[2]/kp:Carats`` in XML.
    """
    json_parts: list[str | int] = []
    xml_steps = [f"{PREFIX}:{document.xml_root}"]
    plan: ClassPlan | None = document_plan(document)
    multilingual = False
    for part in path:
        if isinstance(part, int):
            json_parts.append(part)
            xml_steps[-1] += f"[{part + 1}]"
            continue
        if multilingual:  # a language tag
            json_parts.append(part)
            xml_steps[-1] += f"[@xml:lang='{part}']"
            continue
        if plan is None:
            raise KeyError(f"{part!r} below a value in {list(path)}")
        field = plan.by_attr[part]
        json_parts.append(field.json)
        xml_steps.append(f"{PREFIX}:{field.node.xml}")
        multilingual = field.kind == "multilingual"
        plan = field.group
    if syntax == "json":
        return pointer(json_parts)
    return "/" + "/".join(xml_steps)
