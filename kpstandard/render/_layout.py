"""A document laid out as a person reads it: sections and rows in the model's (Annex I) order.

One neutral layout feeds both renderings (HTML for the verification page and the HTML printout,
PDF for the printout), so the two never disagree about what a document says or in which order.
The labels are the business terms' names in the model; every language version of a multilingual
text is a line of its own, tagged with its language, the English one first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kpstandard.model.meta import DocumentModel, Node

__all__ = ["Line", "Row", "Section", "layout"]


@dataclass(frozen=True)
class Line:
    """One line of a value: a text, and its language when it is one version of several."""

    text: str
    language: str | None = None


@dataclass(frozen=True)
class Row:
    """A business term and its value(s)."""

    term: str
    """The term's id (``KP-BT-nnn``)."""
    label: str
    lines: tuple[Line, ...]


@dataclass
class Section:
    """A group of the model (the document itself at the top), with its rows and subsections."""

    group: str
    label: str
    items: list[Row | Section] = field(default_factory=list)
    """Rows and subsections, in the model's order."""

    @property
    def rows(self) -> list[Row]:
        return [item for item in self.items if isinstance(item, Row)]

    @property
    def sections(self) -> list[Section]:
        return [item for item in self.items if isinstance(item, Section)]

    def walk(self) -> Iterator[Section]:
        yield self
        for section in self.sections:
            yield from section.walk()


def _text(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def _lines(node: Node, value: Any) -> tuple[Line, ...]:
    values = value if isinstance(value, list) else [value]
    lines: list[Line] = []
    for item in values:
        if node.type is not None and node.type.kind == "multilingual" and isinstance(item, dict):
            ordered = sorted(item.items(), key=lambda kv: (kv[0] != "en", kv[0]))
            lines += [Line(str(text), language) for language, text in ordered]
        else:
            lines.append(Line(_text(item)))
    return tuple(lines)


def _section(node: Node, value: dict[str, Any], label: str) -> Section:
    section = Section(node.id, label)
    for child in node.children:
        if child.json not in value:
            continue
        item = value[child.json]
        if child.is_group:
            items = item if isinstance(item, list) else [item]
            for index, element in enumerate(items, 1):
                if not isinstance(element, dict):
                    continue
                name = f"{child.name} {index}" if child.repeated else child.name
                section.items.append(_section(child, element, name))
        else:
            section.items.append(Row(child.id, child.name, _lines(child, item)))
    return section


def layout(document_type: DocumentModel, value: dict[str, Any]) -> Section:
    """Lay out a document's JSON value (``kpstandard.syntax._json.to_json_value``)."""
    return _section(document_type.root, value, document_type.root.name)
