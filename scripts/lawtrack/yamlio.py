"""The PyYAML adapter: safe loading that remembers where every key is.

The only module that imports `yaml`. Only plain YAML is accepted: safe constructors, no
aliases (they make tiny files expand into huge ones), no duplicate keys (PyYAML would silently
keep the last). Every failure becomes a `Problem` with the file and line.

Documents are parsed by libyaml (PyYAML's C parser) when PyYAML has it: many times faster than
the pure-Python parser, which took a third of the plugin's time on the shipped corpus
(docs/performance.md). A document libyaml refuses, or one with an alias or a duplicate key, is
read again by the pure-Python loader, so that every message and line is the one it gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lawtrack.errors import Problem

if TYPE_CHECKING:
    import datetime as dt

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class YamlDoc:
    """A loaded YAML document and the line of each key or list item in it."""

    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    first_line: int = 1

    def line(self, *path: str | int) -> int:
        """Return the line of `path` (or of its nearest known ancestor)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases where they are written and reports impossible dates."""

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise ComposerError(
                None, None, "aliases (*name) are not allowed in lawtrack files", event.start_mark
            )
        return super().compose_node(parent, index)


def _timestamp(loader: Any, node: ScalarNode) -> dt.date | dt.datetime:
    """YAML dates, with the position of an impossible one (2025-02-30)."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as error:
        raise ConstructorError(
            None, None, f"impossible date {node.value!r}: {error}", node.start_mark
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_LOADERS: list[Any] = [_Loader]
"""The loaders to try in turn; only the last one's errors are reported."""
if hasattr(yaml, "CSafeLoader"):

    class _FastLoader(yaml.CSafeLoader):
        """libyaml's SafeLoader; aliases are found in the composed nodes (`_shared`)."""

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    _LOADERS.insert(0, _FastLoader)


def load(text: str, path: str, first_line: int = 1) -> tuple[YamlDoc | None, list[Problem]]:
    """Load one YAML document.

    Args:
        text: The YAML source.
        path: The file it comes from, for messages.
        first_line: The file line of the first line of `text` (for front matter).

    Returns:
        The document (None when it could not be loaded) and the problems found.
    """
    for loader_class in _LOADERS[:-1]:
        loaded = _load_quietly(loader_class, text, path, first_line - 1)
        if loaded is not None:
            return _doc(*loaded, first_line), []
    return _load_or_report(text, path, first_line)


def _doc(node: Node | None, data: Any, first_line: int) -> YamlDoc:
    """A loaded document with the line of each key (an empty one for an empty document)."""
    if node is None:
        return YamlDoc(None, {}, first_line)
    lines: dict[KeyPath, int] = {}
    _collect_lines(node, (), lines, first_line - 1)
    return YamlDoc(data, lines, first_line)


def _load_quietly(loader_class: Any, text: str, path: str, offset: int) -> tuple[Any, Any] | None:
    """The node and data of a document, or None if anything is wrong with it."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        if _shared(node) or _duplicate_keys(node, path, offset):
            return None
        return node, loader.construct_document(node)
    except (yaml.YAMLError, ValueError, TypeError):  # the slow loader says what is wrong
        return None
    finally:
        loader.dispose()


def _shared(node: Node) -> bool:
    """Whether a node appears twice in the tree: what an alias (`*name`) composes to."""
    seen: set[int] = set()
    todo = [node]
    while todo:
        here = todo.pop()
        if id(here) in seen:
            return True
        seen.add(id(here))
        if isinstance(here, MappingNode):
            todo.extend(part for pair in here.value for part in pair)
        elif isinstance(here, SequenceNode):
            todo.extend(here.value)
    return False


def _load_or_report(text: str, path: str, first_line: int) -> tuple[YamlDoc | None, list[Problem]]:
    """Load with the pure-Python loader, reporting what is wrong."""
    offset = first_line - 1
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        problems = _duplicate_keys(node, path, offset) if node is not None else []
        if problems:
            return None, problems
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        # The context mark is where the broken construct starts (an unclosed bracket's line);
        # the problem mark is where the parser gave up, often the line after.
        mark = error.context_mark or error.problem_mark
        line = mark.line + 1 + offset if mark else first_line
        message = error.problem or str(error)
        if error.context and error.problem and "constructor" in error.problem:
            message = f"{error.context}; {error.problem}"
        return None, [Problem(path, line, f"invalid YAML: {message}", _expected(message))]
    except yaml.YAMLError as error:
        return None, [Problem(path, first_line, f"invalid YAML: {error}", _expected(str(error)))]
    finally:
        loader.dispose()
    return _doc(node, data, first_line), []


def _expected(message: str) -> str:
    if "impossible date" in message:
        return "a real date like 2025-06-04"
    if "constructor" in message:
        return "plain values; YAML tags such as !!python/object are not allowed"
    if "aliases" in message:
        return "the value written out in full"
    return "plain YAML: 'key: value' lines, lists and mappings"


def _duplicate_keys(node: Node, path: str, offset: int) -> list[Problem]:
    problems: list[Problem] = []
    if isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            line = key.start_mark.line + 1 + offset
            if name in seen:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"duplicate key {name!r} (first on line {seen[name]})",
                        "each key once",
                    )
                )
            else:
                seen[name] = line
            problems.extend(_duplicate_keys(value, path, offset))
    elif isinstance(node, SequenceNode):
        for item in node.value:
            problems.extend(_duplicate_keys(item, path, offset))
    return problems


def _collect_lines(node: Node, prefix: KeyPath, lines: dict[KeyPath, int], offset: int) -> None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                continue
            here = (*prefix, str(key.value))
            lines[here] = key.start_mark.line + 1 + offset
            _collect_lines(value, here, lines, offset)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            here = (*prefix, index)
            lines[here] = item.start_mark.line + 1 + offset
            _collect_lines(item, here, lines, offset)


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes multi-line strings as literal blocks (`|`)."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(data: Any) -> str:
    """Write plain data as block-style YAML, keys in the given order, Unicode kept.

    Multi-line strings are literal blocks, so that they read as they are.
    """
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False
    )
