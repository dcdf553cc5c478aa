"""Generate a document type's JSON Schema (draft 2020-12) from the model."""

from __future__ import annotations

from typing import Any

from kpstandard.model.meta import DataType, DocumentModel, Model, Node

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_id(model: Model, document: DocumentModel) -> str:
    """The stable ``$id`` of a document type's JSON Schema for this version of the standard."""
    return f"urn:kpstandard:json-schema:{document.file_stem}:{model.spec_version}"


def _anchored(pattern: str) -> str:
    return f"^(?:{pattern})$"


def _datatype_schema(dt: DataType) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": dt.definition}
    if dt.kind == "multilingual":
        schema.update(
            type="object",
            minProperties=1,
            maxProperties=dt.max_versions,
            propertyNames={"$ref": f"#/$defs/{dt.language}"},
            additionalProperties={"$ref": f"#/$defs/{dt.text}"},
        )
        return schema
    if dt.kind == "integer":
        schema["type"] = "integer"
        if dt.minimum is not None:
            schema["minimum"] = dt.minimum
        if dt.maximum is not None:
            schema["maximum"] = dt.maximum
        return schema
    if dt.kind == "boolean":
        schema["type"] = "boolean"
        return schema
    # Every other kind is a string in JSON: decimals too, so that no binary float ever carries
    # carats or money [KP-REQ-031].
    schema["type"] = "string"
    if dt.enum is not None:
        schema["enum"] = list(dt.enum)
    if dt.json_pattern is not None:
        schema["pattern"] = _anchored(dt.json_pattern)
    if dt.min_length is not None:
        schema["minLength"] = dt.min_length
    if dt.max_length is not None:
        schema["maxLength"] = dt.max_length
    if dt.kind == "date":
        schema["format"] = "date"
    elif dt.kind == "datetime":
        schema["format"] = "date-time"
    elif dt.kind == "base64":
        schema["contentEncoding"] = "base64"
    return schema


def _annotations(node: Node) -> dict[str, Any]:
    return {
        "title": f"{node.id} {node.name}",
        "description": node.definition,
        "$comment": f"{node.cardinality}; requirements {', '.join(node.requirements)}",
    }


def _value_schema(node: Node) -> dict[str, Any]:
    if node.cls is not None:
        return {"$ref": f"#/$defs/{node.cls}"}
    assert node.type is not None
    return {"$ref": f"#/$defs/{node.type.name}"}


def _member_schema(node: Node) -> dict[str, Any]:
    if not node.repeated:
        return {**_annotations(node), **_value_schema(node)}
    # An absent list and an empty one would be one document in XML: only the absent form is valid.
    array: dict[str, Any] = {
        **_annotations(node),
        "type": "array",
        "minItems": max(1, node.min_occurs),
    }
    if node.max_occurs is not None:
        array["maxItems"] = node.max_occurs
    array["items"] = _value_schema(node)
    return array


def _object_schema(group: Node, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    properties = dict(extra or {})
    required = list(properties)
    for child in group.children:
        properties[child.json] = _member_schema(child)
        if child.required:
            required.append(child.json)
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _used_datatypes(model: Model, document: DocumentModel) -> list[DataType]:
    names: list[str] = []
    for node in document.root.walk():
        if node.type is not None:
            for name in (node.type.name, node.type.text, node.type.language):
                if name is not None and name not in names:
                    names.append(name)
    return [model.datatypes[n] for n in sorted(names)]


def generate_json_schema(model: Model, document: DocumentModel) -> dict[str, Any]:
    """Return the JSON Schema of one document type, as a JSON-ready dict."""
    defs: dict[str, Any] = {}
    for cls, nodes in sorted(model.classes().items()):
        in_document = [n for n in nodes if any(n is d for d in document.root.walk())]
        if in_document and cls != document.name:
            first = in_document[0]
            schema = _object_schema(first)
            defs[cls] = {"description": first.definition, **schema}
    for dt in _used_datatypes(model, document):
        defs[dt.name] = _datatype_schema(dt)
    root = document.root
    discriminator = {
        "documentType": {
            "description": "The document type; it selects this schema.",
            "const": document.json_document_type,
        }
    }
    return {
        "$schema": DIALECT,
        "$id": schema_id(model, document),
        "title": f"{root.name} (kpstandard {model.spec_version})",
        "description": root.definition,
        "$comment": (
            f"GENERATED from kpstandard model {model.version} ({document.source}) by "
            "`kpcert spec build`; do not edit."
        ),
        **_object_schema(root, discriminator),
        "$defs": defs,
    }
