"""The lxml adapter: parse untrusted XML safely, read elements, build and write XML.

The only module that imports lxml. Parsing never resolves entities, never reads a DTD, never
touches the network and refuses huge trees, so a hostile file cannot read local files, make
requests or expand into gigabytes. Every failure is a `Problem` with the file and the XML line.
Generic on purpose: e-Gov import reads with it, exports (Akoma Ntoso) write with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from lxml import etree

from lawtrack.errors import Problem, ValidationError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

Element = etree._Element
"""An XML element (lxml's type, re-exported so that no other module imports lxml)."""

MAX_BYTES = 32 * 1024 * 1024
"""Largest XML file accepted (the longest Japanese codes are about 10 MB as e-Gov XML)."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse(data: bytes, path: str) -> Element:
    """Parse an XML document from bytes.

    Args:
        data: The file's bytes.
        path: The file, for messages.

    Returns:
        The root element.

    Raises:
        ValidationError: When the bytes are not well-formed XML (with the line), are too
            large, or use entity references or a DOCTYPE with entities.
    """
    if len(data) > MAX_BYTES:
        size = len(data) / 1024 / 1024
        raise ValidationError(
            [Problem(path, 0, f"XML file is too large ({size:.1f} MB)", "at most 32 MB")]
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        message = (error.msg or str(error)).strip()
        raise ValidationError(
            [Problem(path, error.lineno or 0, f"malformed XML: {message}", "well-formed XML")]
        ) from None
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise ValidationError(
                [Problem(path, line(node), f"entity reference {node.text}", "plain characters")]
            )
    return root


def line(element: Element) -> int:
    """The 1-based line where `element` starts in its file, or 0 if unknown."""
    found: object = element.sourceline  # the stubs say int; lxml gives None when unknown
    return found if isinstance(found, int) else 0


def name(element: Element) -> str:
    """The local name of an element (without namespace); "" for comments and the like."""
    tag: object = element.tag  # comments and processing instructions have a function here
    if not isinstance(tag, str):
        return ""
    return etree.QName(element).localname


def children(element: Element, *names: str) -> list[Element]:
    """The child elements, or only those with one of `names`, in document order."""
    out = [c for c in element if name(c)]
    return [c for c in out if name(c) in names] if names else out


def child(element: Element, child_name: str) -> Element | None:
    """The first child element called `child_name`, if any."""
    found = children(element, child_name)
    return found[0] if found else None


def attribute(element: Element, key: str, default: str = "") -> str:
    """An attribute's value, or `default`."""
    value = element.get(key)
    return default if value is None else str(value)


def iter_text(element: Element, skip: frozenset[str] = frozenset()) -> Iterator[str]:
    """Yield the text of `element` and its descendants in order.

    The content (not the tail) of elements named in `skip` is left out.
    """
    if element.text:
        yield element.text
    for sub in element:
        if name(sub) and name(sub) not in skip:
            yield from iter_text(sub, skip)
        if sub.tail:
            yield sub.tail


def text(element: Element, skip: frozenset[str] = frozenset()) -> str:
    """The text of an element with line breaks and the indentation after them removed."""
    first, *rest = "".join(iter_text(element, skip)).split("\n")
    return (first.rstrip(" \t") + "".join(part.strip(" \t") for part in rest)).strip()


def problem(path: str, element: Element, message: str, expected: str = "") -> Problem:
    """A `Problem` at the line of `element`."""
    return Problem(path, line(element), message, expected)


def build(
    tag: str,
    attributes: Mapping[str, str] | None = None,
    content: str | None = None,
    *,
    parent: Element | None = None,
    nsmap: Mapping[str | None, str] | None = None,
) -> Element:
    """Create an element (as a child of `parent` when given) with attributes and text.

    `tag` may be namespaced (`{uri}name`); `nsmap` maps prefixes (None: the default namespace)
    to namespace URIs on a root element.
    """
    if parent is None:
        # lxml takes None as the default namespace's prefix; its stubs only allow str keys.
        namespaces = cast("dict[str, str]", dict(nsmap or {}))
        element = etree.Element(tag, attrib=dict(attributes or {}), nsmap=namespaces)
    else:
        element = etree.SubElement(parent, tag, attrib=dict(attributes or {}))
    if content is not None:
        element.text = content
    return element


def serialize(root: Element) -> bytes:
    """Write an element tree as UTF-8 XML with a declaration, indented, deterministic."""
    etree.indent(root, space="  ")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def relaxng_problems(schema: bytes, document: bytes, path: str) -> list[Problem]:
    """Validate an XML document against a RelaxNG schema (XML syntax).

    Args:
        schema: The schema's bytes (trusted: shipped with lawtrack or its tests).
        document: The document's bytes (parsed as safely as `parse`).
        path: The document, for messages.

    Returns:
        One problem per validation error, with the line; [] when valid.

    Raises:
        ValidationError: When the document is not well-formed XML.
    """
    validator = etree.RelaxNG(etree.fromstring(schema, _parser()))
    tree = parse(document, path).getroottree()
    if validator.validate(tree):
        return []
    return [
        Problem(path, error.line, error.message, "a document valid against the schema")
        for error in validator.error_log
    ]
