"""Find references inside provision text and resolve them to provision ids.

第三条, 第八条第一項, 同条第二項, 前条, 前項, 次条, 第二条第一号, 附則第二条, 第三章; Article 8,
Article 8(1), Article 8, paragraph (1), the preceding Article, the preceding paragraph, the
following Article, the same Article, Chapter III. 前条 is the article that really precedes in
the text, which may be a branch article (the 前条 of 第四条 can be 第三条の二).

Pure functions over a parsed draft; no I/O. A reference that names another law ("…法第二条",
"Article 2 of the Basic Act on …") is not ours and is left as text, as is anything that does
not resolve; both are reported so that `lawtrack validate --verbose` can list them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawtrack.model import Kind
from lawtrack.numerals import DIGIT_CHARS, KANJI_NUMERAL_CHARS, parse_number, parse_roman

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lawtrack.model import Draft, Provision

_N = f"[{DIGIT_CHARS}{KANJI_NUMERAL_CHARS}]+"
_JA_RE = re.compile(
    rf"(?P<suppl>附則)?"
    rf"(?:(?P<rel>前|次|同)条|第(?P<art>{_N})条(?P<branch>(?:の{_N})*)|第(?P<ch>{_N})章)"
    rf"(?:(?:(?P<prel>前|次|同)項)|第(?P<para>{_N})項)?"
    rf"(?:第(?P<item>{_N})号)?"
    rf"|(?P<lone>前|次|同)(?P<lone_unit>項|号)"
    rf"|第(?P<own_para>{_N})項(?:第(?P<own_para_item>{_N})号)?"
    rf"|第(?P<own_item>{_N})号"
)
_JA_EXTERNAL_BEFORE = ("法", "法律", "令", "規則", "条約", "憲法")
_JA_JOINERS = ("及び", "又は", "並びに", "、", "若しくは", "から", "ないし")

_EN_RE = re.compile(
    r"(?P<the>[Tt]he (?P<rel>preceding|following|same) (?P<unit>Article|paragraph|item)\b)"
    r"|(?P<para_first>[Pp]aragraph \((?P<pf>\d+)\) of )?"
    r"(?:Article (?P<art>\d+(?:-\d+)*)|Chapter (?P<ch>\d+|[IVXLC]+)\b)"
    r"(?:\((?P<para>\d+)\)|, paragraph \((?P<para2>\d+)\))?"
    r"(?:\((?P<item>[ivxlcdm]+)\)|, item \((?P<item2>[ivxlcdm]+)\))?"
    r"(?P<suppl_tail> of the Supplementary Provisions)?"
)
_EN_EXTERNAL_AFTER = re.compile(r"^ of (?:the )?(?!Supplementary|this)[A-Z]")


@dataclass(frozen=True, slots=True)
class Reference:
    """One reference found in a provision's text."""

    start: int
    end: int
    """Character span in the provision's text."""
    text: str
    target: str | None
    """The id it points to, or None when it cannot be resolved (or is to another law)."""
    reason: str = ""
    """Why it is unresolved: 'another law', 'no such provision', 'no antecedent'."""


@dataclass(frozen=True)
class Index:
    """Lookups over one draft, built once and shared by every `find` call on it."""

    draft: Draft
    by_id: dict[str, Provision]
    siblings: dict[tuple[Kind, str], list[str]]
    """(kind, division or parent) → ids in document order."""
    position: dict[str, int]
    """Each id's place among its siblings."""

    @classmethod
    def of(cls, draft: Draft) -> Index:
        """Index a draft."""
        siblings: dict[tuple[Kind, str], list[str]] = {}
        for provision in draft.provisions:
            if provision.kind is Kind.ARTICLE:
                key = (Kind.ARTICLE, _division(provision))
            elif provision.kind in (Kind.PARAGRAPH, Kind.ITEM):
                key = (provision.kind, provision.parent or "")
            else:
                continue
            siblings.setdefault(key, []).append(provision.id)
        position = {pid: i for ids in siblings.values() for i, pid in enumerate(ids)}
        return cls(draft, {p.id: p for p in draft.provisions}, siblings, position)


@dataclass
class _Scope:
    """Where a text sits, for relative references."""

    index: Index
    provision: Provision
    article: Provision | None
    paragraph: Provision | None
    item: Provision | None
    last_article: str | None = None
    last_paragraph: str | None = None
    last_suppl: bool = False


def find(index: Index, provision: Provision) -> list[Reference]:
    """Find and resolve the references in one provision's own text.

    Args:
        index: The index of the draft the provision belongs to (references resolve within it).
        provision: A paragraph, item, section or article whose `text` is searched.

    Returns:
        The references in text order.
    """
    scope = _scope(index, provision)
    finder = _find_ja if index.draft.language == "ja" else _find_en
    return list(finder(scope, provision.text))


def _scope(index: Index, provision: Provision) -> _Scope:
    chain: list[Provision] = []
    current: Provision | None = provision
    while current is not None:
        chain.append(current)
        current = index.by_id.get(current.parent) if current.parent else None
    pick = {p.kind: p for p in reversed(chain)}
    return _Scope(
        index, provision, pick.get(Kind.ARTICLE), pick.get(Kind.PARAGRAPH), pick.get(Kind.ITEM)
    )


def _find_ja(scope: _Scope, text: str) -> Iterator[Reference]:
    for match in _JA_RE.finditer(text):
        before = text[: match.start()]
        if not match.group("suppl") and before.endswith(_JA_EXTERNAL_BEFORE):
            yield Reference(match.start(), match.end(), match.group(0), None, "another law")
            scope.last_suppl = False
            continue
        if match.group("suppl") is None and scope.last_suppl and before.endswith(_JA_JOINERS):
            suppl = True  # 附則第三条及び第四条: the second is in the supplementary provisions too
        else:
            suppl = bool(match.group("suppl"))
        target, reason = _resolve_ja(scope, match, suppl)
        scope.last_suppl = suppl
        yield Reference(match.start(), match.end(), match.group(0), target, reason)


def _resolve_ja(scope: _Scope, match: re.Match[str], suppl: bool) -> tuple[str | None, str]:
    if match.group("lone"):
        unit = "paragraph" if match.group("lone_unit") == "項" else "item"
        return _relative(scope, match.group("lone"), unit)
    if match.group("own_para") or match.group("own_item"):
        return _own(
            scope, match.group("own_para"), match.group("own_para_item") or match.group("own_item")
        )
    if match.group("ch"):
        return _existing(scope, _chapter_id(scope, parse_number(match.group("ch"))))
    if match.group("rel"):
        article, reason = _relative(scope, match.group("rel"), "article")
    else:
        numbers = [parse_number(match.group("art"))]
        numbers += [parse_number(n) for n in match.group("branch").split("の")[1:]]
        if None in numbers:
            return None, "no such provision"
        article = _article_id(scope, "-".join(str(n) for n in numbers), suppl)
        reason = ""
    if article is None:
        return None, reason
    scope.last_article = article
    return _descend(scope, article, match.group("prel"), match.group("para"), match.group("item"))


def _descend(
    scope: _Scope, article: str, relative: str | None, paragraph: str | None, item: str | None
) -> tuple[str | None, str]:
    target = article
    if relative == "同" and scope.last_paragraph:
        target = scope.last_paragraph
    elif paragraph:
        target = f"{article}.p{parse_number(paragraph) or paragraph}"
        scope.last_paragraph = target
    if item:
        base = target if ".p" in target else f"{target}.p1"
        target = f"{base}.i{parse_number(item) or item}"
    return _existing(scope, target)


def _own(scope: _Scope, paragraph: str | None, item: str | None) -> tuple[str | None, str]:
    """第二項 / 第一号 without an article: within the article (paragraph) where the text sits."""
    if scope.article is None:
        return None, "no antecedent"
    if paragraph:
        return _descend(scope, scope.article.id, None, paragraph, item)
    base = scope.paragraph.id if scope.paragraph is not None else f"{scope.article.id}.p1"
    return _existing(scope, f"{base}.i{parse_number(item or '') or item}")


def _find_en(scope: _Scope, text: str) -> Iterator[Reference]:
    for match in _EN_RE.finditer(text):
        if match.group("the"):
            unit = match.group("unit").lower()
            relation = {"preceding": "前", "following": "次", "same": "同"}[match.group("rel")]
            target, reason = _relative(scope, relation, unit)
            yield Reference(match.start(), match.end(), match.group(0), target, reason)
            continue
        if _EN_EXTERNAL_AFTER.match(text[match.end() :]) and not match.group("suppl_tail"):
            yield Reference(match.start(), match.end(), match.group(0), None, "another law")
            continue
        target, reason = _resolve_en(scope, match)
        yield Reference(match.start(), match.end(), match.group(0), target, reason)


def _resolve_en(scope: _Scope, match: re.Match[str]) -> tuple[str | None, str]:
    if match.group("ch"):
        written = match.group("ch")
        number = int(written) if written.isdigit() else parse_roman(written)
        return _existing(scope, _chapter_id(scope, number))
    article = _article_id(scope, match.group("art"), bool(match.group("suppl_tail")))
    if article is None:
        return None, "no such provision"
    scope.last_article = article
    paragraph = match.group("pf") or match.group("para") or match.group("para2")
    item_written = match.group("item") or match.group("item2")
    item = str(parse_roman(item_written)) if item_written else None
    return _descend(scope, article, None, paragraph, item)


def _relative(scope: _Scope, relation: str, unit: str) -> tuple[str | None, str]:
    """前/次/同 + 条/項/号 relative to where the text sits."""
    if unit == "article":
        if relation == "同":
            return (scope.last_article, "") if scope.last_article else (None, "no antecedent")
        if scope.article is None:
            return None, "no antecedent"
        target = _neighbour(scope, scope.article, Kind.ARTICLE, -1 if relation == "前" else 1)
        if target is not None:
            scope.last_article = target
        return (target, "") if target else (None, "no such provision")
    current = scope.paragraph if unit == "paragraph" else scope.item
    if relation == "同":
        return (scope.last_paragraph, "") if scope.last_paragraph else (None, "no antecedent")
    if current is None:
        return None, "no antecedent"
    kind = Kind.PARAGRAPH if unit == "paragraph" else Kind.ITEM
    target = _neighbour(scope, current, kind, -1 if relation == "前" else 1)
    if target is not None and unit == "paragraph":
        scope.last_paragraph = target
    return (target, "") if target else (None, "no such provision")


def _neighbour(scope: _Scope, provision: Provision, kind: Kind, step: int) -> str | None:
    """The sibling that really comes before or after (branch articles included)."""
    key = (kind, _division(provision) if kind is Kind.ARTICLE else provision.parent or "")
    ids = scope.index.siblings.get(key, [])
    place = scope.index.position[provision.id] + step
    return ids[place] if 0 <= place < len(ids) else None


def _division(provision: Provision) -> str:
    """The main provisions or one block of supplementary provisions."""
    head, _, _ = provision.id.partition("-art-")
    return head if provision.id.startswith("suppl") else ""


def _article_id(scope: _Scope, number: str, suppl: bool) -> str | None:
    if not suppl:
        return f"art-{number}"
    division = _division(scope.article) if scope.article is not None else ""
    return f"{division or 'suppl'}-art-{number}"


def _chapter_id(scope: _Scope, number: int | None) -> str:
    if number is None:
        return ""
    for provision in scope.index.draft.provisions:
        if provision.kind is Kind.CHAPTER and provision.number == str(number):
            return provision.id
    return f"ch-{number}"


def _existing(scope: _Scope, target: str) -> tuple[str | None, str]:
    if target and target in scope.index.by_id:
        return target, ""
    return None, "no such provision"
