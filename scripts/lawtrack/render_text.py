"""Plain data and terminal text views of parsed drafts (the `show` output contract).

Pure functions; no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lawtrack.model import Kind

if TYPE_CHECKING:
    from lawtrack.model import Draft, Provision


def provision_to_json(provision: Provision) -> dict[str, Any]:
    """One provision as the parse output contract describes it (plus `heading` and `level`)."""
    return {
        "id": provision.id,
        "kind": provision.kind.value,
        "number": provision.number,
        "caption": provision.caption,
        "parent": provision.parent,
        "line": provision.line,
        "deleted": provision.deleted,
        "text": provision.text,
        "heading": provision.heading,
        "level": provision.level,
    }


def draft_to_json(draft: Draft) -> dict[str, Any]:
    """A draft as the parse output contract: path, document, version, language, provisions."""
    return {
        "path": draft.path,
        "document": draft.document,
        "version": draft.version,
        "language": draft.language,
        "date": draft.date.isoformat(),
        "status": draft.status.value,
        "provisions": [provision_to_json(p) for p in draft.provisions],
    }


def draft_outline(draft: Draft) -> str:
    """An indented outline of a draft's provisions, one per line, with ids and lines."""
    depth: dict[str, int] = {}
    out = [f"{draft.path}: {draft.document} {draft.version} ({draft.language}), {draft.status}"]
    for provision in draft.provisions:
        level = depth.get(provision.parent, -1) + 1 if provision.parent else 0
        depth[provision.id] = level
        label = provision.heading if provision.kind not in (Kind.PARAGRAPH, Kind.ITEM) else ""
        text = provision.text if provision.kind in (Kind.PARAGRAPH, Kind.ITEM) else ""
        if provision.kind is Kind.HEADING and provision.text:
            text = provision.text.split("\n")[0]
        if len(text) > 60:
            text = text[:59] + "…"
        flag = " [deleted]" if provision.deleted else ""
        shown = " ".join(part for part in (label, text) if part)
        out.append(f"{provision.line:>5}  {'  ' * level}{provision.id}{flag}  {shown}".rstrip())
    return "\n".join(out)
