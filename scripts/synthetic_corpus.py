"""A synthetic document of N articles in V versions, Japanese and English, as a drafts folder.

Extends `synthetic` (the vocabulary and numbering of its version pair) to a whole corpus for
site builds (scripts/bench.py): the articles are built language-neutrally, so both languages of
a version have the same provisions, then every version edits the previous one the way
amendments do (insertions that renumber, modifications, splits, merges, deletions) and
cross-references follow the renumbering.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from lawtrack.numerals import to_kanji
from synthetic import _EN, _JA

if TYPE_CHECKING:
    from pathlib import Path

DOCUMENT = "synthetic"
_GIT_DATE = "2020-01-01T00:00:00+00:00"


@dataclass(frozen=True, slots=True)
class Sentence:
    """Indices into the vocabulary of both languages; `ref` is an article key."""

    condition: int
    subject: int
    obj: int
    verb: int
    ref: int | None = None
    extra: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """An article by the keys it continues (several after a merge, none when new)."""

    origin: tuple[int, ...]
    caption: int
    paragraphs: tuple[tuple[Sentence, ...], ...]


class _Maker:
    """Random articles and edits, language-neutral."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"corpus-{seed}")
        self.next_key = 1

    def sentence(self, refs: list[int]) -> Sentence:
        rng = self.rng
        ref = rng.choice(refs) if refs and rng.random() < 0.3 else None
        return Sentence(
            rng.randrange(8), rng.randrange(12), rng.randrange(30), rng.randrange(13), ref
        )

    def article(self, refs: list[int]) -> Article:
        key, self.next_key = self.next_key, self.next_key + 1
        paragraphs = tuple(
            tuple(self.sentence(refs) for _ in range(self.rng.randint(1, 3)))
            for _ in range(self.rng.randint(1, 4))
        )
        return Article((key,), self.rng.randrange(7), paragraphs)

    def modify(self, article: Article) -> Article:
        paragraphs = list(article.paragraphs)
        at = self.rng.randrange(len(paragraphs))
        if self.rng.random() < 0.5:
            first = replace(paragraphs[at][0], extra=not paragraphs[at][0].extra)
            paragraphs[at] = (first, *paragraphs[at][1:])
        else:
            paragraphs.insert(at, (self.sentence([]),))
        return replace(article, paragraphs=tuple(paragraphs))

    def edit(self, old: list[Article]) -> list[Article]:
        """The next version: about 2% inserted, 1% split, removed and merged, 25% modified."""
        new: list[Article] = []
        skip = False
        for position, article in enumerate(old):
            if skip:
                skip = False
                continue
            roll = self.rng.random()
            if roll < 0.02:
                new.append(replace(self.article([]), origin=()))
            if roll < 0.03 and len(article.paragraphs) > 1:
                half = len(article.paragraphs) // 2
                new.append(replace(article, paragraphs=article.paragraphs[:half]))
                new.append(replace(article, paragraphs=article.paragraphs[half:]))
            elif 0.03 <= roll < 0.04:
                continue
            elif 0.04 <= roll < 0.05 and position + 1 < len(old):
                following = old[position + 1]
                new.append(
                    Article(
                        article.origin + following.origin,
                        article.caption,
                        article.paragraphs + following.paragraphs,
                    )
                )
                skip = True
            elif roll < 0.30:
                new.append(self.modify(article))
            else:
                new.append(article)
        return new


def versions(articles: int, count: int, seed: int = 1) -> list[list[Article]]:
    """`count` versions of a document that starts with `articles` articles."""
    maker = _Maker(seed)
    first: list[Article] = []
    for _ in range(articles):
        first.append(maker.article([k for a in first for k in a.origin]))
    out = [first]
    for _ in range(count - 1):
        out.append(maker.edit(out[-1]))
    return out


def _sentence_text(sentence: Sentence, language: str, numbers: dict[int, int]) -> str:
    words = _JA if language == "ja" else _EN
    condition = words["conditions"][sentence.condition % len(words["conditions"])]
    subject = words["subjects"][sentence.subject % len(words["subjects"])]
    obj = words["objects"][sentence.obj % len(words["objects"])]
    verb = words["verbs"][sentence.verb % len(words["verbs"])]
    ref = numbers.get(sentence.ref) if sentence.ref is not None else None
    if language == "ja":
        lead = f"第{to_kanji(ref)}条に定めるもののほか、" if ref else ""
        extra = words["extra"] if sentence.extra else ""
        return f"{lead}{condition}{subject}は、{obj}{verb}{extra}。"
    lead = f"In addition to Article {ref}, " if ref else condition
    text = f"{lead}{subject} {verb} {obj}{words['extra'] if sentence.extra else ''}."
    return text[0].upper() + text[1:]


def render(articles: list[Article], language: str, version: int, date: dt.date) -> str:
    """One version in one language as a draft file."""
    numbers: dict[int, int] = {}
    for number, article in enumerate(articles, start=1):
        for key in article.origin:
            numbers.setdefault(key, number)
    status = "unofficial-restatement" if language == "ja" else "unofficial-translation"
    out = [
        f"---\ntitle: Synthetic act, version {version}\ndocument: {DOCUMENT}\n"
        f"version: v{version}\ndate: {date.isoformat()}\nlanguage: {language}\nstage: test\n"
        f"status: {status}\nsource:\n  url: https://example.org/synthetic/v{version}\n---\n"
    ]
    join = "" if language == "ja" else " "
    full_width = str.maketrans("0123456789", "０１２３４５６７８９")
    for number, article in enumerate(articles, start=1):
        words = _JA if language == "ja" else _EN
        caption = words["captions"][article.caption % len(words["captions"])]
        paragraphs = [
            join.join(_sentence_text(s, language, numbers) for s in paragraph)
            for paragraph in article.paragraphs
        ]
        if language == "ja":
            out.append(f"## 第{to_kanji(number)}条（{caption}）\n")
            body = [paragraphs[0]] + [
                f"{str(i).translate(full_width)}　{p}" for i, p in enumerate(paragraphs[1:], 2)
            ]
        else:
            out.append(f"## Article {number} ({caption})\n")
            body = [f"({i}) {p}" for i, p in enumerate(paragraphs, start=1)]
        out.append("\n".join(body) + "\n")
    return "\n".join(out)


def version_date(version: int) -> dt.date:
    """The date of version `version` (1-based): one a month from January 2020."""
    return dt.date(2020 + (version - 1) // 12, (version - 1) % 12 + 1, 1)


def draft_name(version: int, language: str) -> str:
    """The file name of a version's draft."""
    return f"{version_date(version).isoformat()}-v{version}.{language}.md"


DOCUMENT_YML = """title:
  en: A synthetic act
  ja: 合成法
kind: bill
description:
  en: Generated for measurements (scripts/bench.py).
  ja: 計測用に生成した法律。
sources:
  - url: https://example.org/synthetic
    title: Synthetic source
"""


def measures_yml() -> str:
    """A measures.yml with the seven measures and no counterparts."""
    items = [
        f"  - id: {n}\n    name: {{en: Measure {n}, ja: 措置{n}}}\n"
        f"    description: {{en: Synthetic measure {n}., ja: 合成の措置{n}。}}\n"
        "    confidence: confirmed\n"
        for n in range(1, 8)
    ]
    return "measures:\n" + "".join(items)


def write_drafts(drafts: Path, articles: int, count: int, seed: int = 1) -> list[Path]:
    """Write measures.yml and the synthetic document's drafts into `drafts`.

    Returns:
        The draft files, oldest version first, Japanese before English.
    """
    folder = drafts / DOCUMENT
    folder.mkdir(parents=True, exist_ok=True)
    (drafts / "measures.yml").write_text(measures_yml(), encoding="utf-8")
    (folder / "document.yml").write_text(DOCUMENT_YML, encoding="utf-8")
    written = []
    for number, content in enumerate(versions(articles, count, seed), start=1):
        for language in ("ja", "en"):
            path = folder / draft_name(number, language)
            path.write_text(render(content, language, number, version_date(number)), "utf-8")
            written.append(path)
    return written


def commit_versions(root: Path, files: list[Path]) -> None:
    """Make `root` a git repository with one commit per version (two files each)."""

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)

    git("init", "-q")
    git("add", "--", *(str(p.relative_to(root)) for p in root.iterdir() if p.name != "drafts"))
    git("add", "--", "drafts/measures.yml", f"drafts/{DOCUMENT}/document.yml")
    for start in range(0, len(files), 2):
        paths = [str(p.relative_to(root)) for p in files[start : start + 2]]
        git("add", "--", *paths)
        identity = ["-c", "user.name=bench", "-c", "user.email=bench@example.org"]
        subprocess.run(
            ["git", *identity, "commit", "-q", "-m", f"Add {paths[0]}"],
            cwd=root,
            check=True,
            capture_output=True,
            env={**os.environ, "GIT_AUTHOR_DATE": _GIT_DATE, "GIT_COMMITTER_DATE": _GIT_DATE},
        )
