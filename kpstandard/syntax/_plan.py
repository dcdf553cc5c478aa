"""How each class of the model maps to its Python dataclass and to its JSON and XML names.

A plan is built once per document type from the model; the JSON and XML bindings walk it, so both
syntaxes bind the same terms to the same fields and serialize them in the same order.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kpstandard.model import _documents
from kpstandard.model.meta import DocumentModel, Node

__all__ = ["ClassPlan", "FieldPlan", "document_plan", "parse_text", "text_of"]


def _parse_date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def _parse_datetime(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def _parse_boolean(text: str) -> bool:
    if text not in ("true", "false"):
        raise ValueError(text)
    return text == "true"


def _identity(text: str) -> str:
    return text


_FROM_TEXT: dict[str, Callable[[str], Any]] = {
    "string": _identity,
    "base64": _identity,
    "decimal": Decimal,
    "integer": int,
    "boolean": _parse_boolean,
    "date": _parse_date,
    "datetime": _parse_datetime,
}


def parse_text(kind: str, text: str) -> Any:
    """Turn the lexical form of a value (XML text, or a JSON string) into its Python value.

    Raises:
        ValueError: the text is not a value of that kind.
    """
    return _FROM_TEXT[kind](text)


def text_of(kind: str, value: Any) -> str:
    """Return the one lexical form of a Python value, as both syntaxes write it."""
    if kind == "decimal":
        return format(value, "f")
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "date":
        return str(value.isoformat())
    if kind == "datetime":  # the one spelling of the DateTime type: UTC, to the second, "Z"
        return str(value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    return str(value)


@dataclass(frozen=True)
class FieldPlan:
    """One child of a class: its node, its names, and the plan of its class if it is a group."""

    node: Node
    attr: str
    json: str
    xml: str
    """The child's XML element name, in Clark notation ``{namespace}Name``."""
    kind: str
    """The data type's kind, or ``group``."""
    repeated: bool
    required: bool
    group: ClassPlan | None

    @property
    def type_name(self) -> str:
        """The model's name for the field's type, for messages."""
        return self.node.type.name if self.node.type is not None else self.node.cls or ""


@dataclass(frozen=True)
class ClassPlan:
    """A group (or a document's root): the dataclass to build and its fields in model order."""

    node: Node
    cls: type[Any]
    fields: tuple[FieldPlan, ...]
    by_xml: dict[str, FieldPlan]
    by_json: dict[str, FieldPlan]
    by_attr: dict[str, FieldPlan]
    multilingual: tuple[FieldPlan, ...]
    """The fields that are, or lead down to, a multilingual text: walks that look for texts
    skip the rest."""


def _class_plan(node: Node, namespace: str) -> ClassPlan:
    assert node.cls is not None
    fields = []
    for child in node.children:
        fields.append(
            FieldPlan(
                node=child,
                attr=child.attr,
                json=child.json,
                xml=f"{{{namespace}}}{child.xml}",
                kind="group" if child.is_group else (child.type.kind if child.type else ""),
                repeated=child.repeated,
                required=child.required,
                group=_class_plan(child, namespace) if child.is_group else None,
            )
        )
    return ClassPlan(
        node=node,
        cls=getattr(_documents, node.cls),
        fields=tuple(fields),
        by_xml={f.xml: f for f in fields},
        by_json={f.json: f for f in fields},
        by_attr={f.attr: f for f in fields},
        multilingual=tuple(
            f for f in fields if f.kind == "multilingual" or (f.group and f.group.multilingual)
        ),
    )


_PLANS: dict[tuple[str, str, int], ClassPlan] = {}


def document_plan(document: DocumentModel) -> ClassPlan:
    """The plan of a document type's root class, built once."""
    key = (document.name, document.xml_namespace, id(document))
    plan = _PLANS.get(key)
    if plan is None:
        plan = _PLANS[key] = _class_plan(document.root, document.xml_namespace)
    return plan
