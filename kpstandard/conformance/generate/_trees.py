"""Small edits of JSON values and XML trees, addressed by slash-separated paths.

JSON paths name members and array indexes (``shipment/lines/0/carats``); XML paths name elements
in the document's namespace with ElementPath positions (``Shipment/Line[1]/Carats``).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

__all__ = ["jdel", "jget", "jset", "xadd", "xdel", "xget", "xset"]


def _steps(path: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in path.split("/") if p]


def jget(value: Any, path: str) -> Any:
    for step in _steps(path):
        value = value[step]
    return value


def jset(value: Any, path: str, new: Any) -> None:
    *parents, last = _steps(path)
    target = value
    for step in parents:
        target = target[step]
    target[last] = new


def jdel(value: Any, path: str) -> None:
    *parents, last = _steps(path)
    target = value
    for step in parents:
        target = target[step]
    del target[last]


def _qualified(root: etree._Element, path: str) -> str:
    namespace = etree.QName(root).namespace
    return "/".join(f"{{{namespace}}}{step}" for step in path.split("/"))


def xget(root: etree._Element, path: str) -> etree._Element:
    found = root.find(_qualified(root, path))
    if found is None:
        raise KeyError(f"no element {path} in the document")
    return found


def xset(root: etree._Element, path: str, text: str) -> None:
    xget(root, path).text = text


def xdel(root: etree._Element, path: str) -> None:
    element = xget(root, path)
    parent = element.getparent()
    assert parent is not None
    parent.remove(element)


def xadd(root: etree._Element, path: str, snippet: str, *, before: bool = False) -> None:
    """Insert an element written as XML (in the document's default namespace unless it says
    otherwise) after, or before, the element at ``path``."""
    namespace = etree.QName(root).namespace
    holder = etree.fromstring(f'<holder xmlns="{namespace}">{snippet}</holder>')
    anchor = xget(root, path)
    elements = list(holder)
    for element in elements if before else reversed(elements):  # keep the snippet's order
        element.tail = anchor.tail
        if before:
            anchor.addprevious(element)
        else:
            anchor.addnext(element)
