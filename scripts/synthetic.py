"""A synthetic bill in two versions, for measurements (scripts/bench.py) and tests.

N articles in Japanese or English built from a legal vocabulary, cross-referencing earlier
articles; the second version inserts articles (renumbering everything after them), modifies,
splits, merges and deletes some, and re-renders cross-references after renumbering, as real
amendments do. It also returns the true changes, so an alignment can be scored.
"""

from __future__ import annotations

import random
import re
from typing import Any

from lawtrack.align import units
from lawtrack.frontmatter import read_draft
from lawtrack.model import DocumentKind, Draft
from lawtrack.numerals import to_kanji

_JA = {
    "subjects": [
        "国",
        "地方公共団体",
        "開発事業者",
        "提供事業者",
        "利用事業者",
        "主務大臣",
        "内閣総理大臣",
        "研究開発機関",
        "大学",
        "関係行政機関の長",
        "本部長",
        "委員会",
    ],
    "conditions": [
        "",
        "",
        "必要があると認めるときは、",
        "政令で定めるところにより、",
        "毎年度、",
        "緊急の必要がある場合には、",
        "あらかじめ",
        "基本計画に基づき、",
    ],
    "objects": [
        "基盤モデルの安全性",
        "学習用データの管理",
        "評価の結果",
        "安全性に関する情報",
        "脆弱性に関する情報",
        "専門的な人材",
        "研究開発の計画",
        "事業者向けの指針",
        "年次の報告書",
        "開発の記録",
        "共用の施設",
        "計算資源の設備",
        "研究開発の成果",
        "国際的な規格",
        "利用者の権利利益",
        "個人情報の取扱い",
        "著作物の利用",
        "生成物の表示",
        "内部の管理体制",
        "必要な予算",
        "相談の窓口",
        "教育の機会",
        "調査研究の結果",
        "国際協力の枠組み",
        "不正な利用の防止",
        "事故の原因",
        "第三者による検証",
        "重要な設備の防護",
        "行政事務の効率化",
        "中小企業への支援",
    ],
    "verbs": [
        "を公表しなければならない",
        "を主務大臣に提出しなければならない",
        "を五年間保存しなければならない",
        "の整備に努めるものとする",
        "について計画を策定するものとする",
        "に関し必要な措置を講ずる",
        "について基準を定めることができる",
        "の確保を図るものとする",
        "に関する情報を提供するよう努める",
        "を定期的に評価しなければならない",
        "について関係者の意見を聴くものとする",
        "の状況を調査するものとする",
        "の改善を勧告することができる",
        "を推進するため必要な施策を講ずる",
        "について報告を求めることができる",
    ],
    "captions": [
        "目的",
        "定義",
        "基本理念",
        "国の責務",
        "報告",
        "指導",
        "助言",
        "評価",
        "表示",
        "体制",
    ],
    "extra": "、かつ、その結果を公表する",
}
_EN = {
    "subjects": [
        "the State",
        "a local government",
        "a developer",
        "a provider",
        "a business user",
        "the competent minister",
        "the Prime Minister",
        "a research institution",
        "a university",
        "the head of a relevant administrative organ",
        "the Chief",
        "the committee",
    ],
    "conditions": [
        "",
        "",
        "Where it finds it necessary, ",
        "As prescribed by Cabinet Order, ",
        "Every fiscal year, ",
        "In an emergency, ",
        "In advance, ",
        "Under the basic plan, ",
    ],
    "objects": [
        "the safety of foundation models",
        "the management of training data",
        "the results of evaluations",
        "information on safety",
        "information on vulnerabilities",
        "specialist personnel",
        "the research and development plan",
        "guidelines for businesses",
        "the annual report",
        "records of development",
        "shared facilities",
        "computing equipment",
        "research results",
        "international standards",
        "the rights and interests of users",
        "the handling of personal data",
        "the use of copyrighted works",
        "notices on generated content",
        "internal control systems",
        "the necessary budget",
        "a point of contact",
        "opportunities for education",
        "the results of research",
        "frameworks for international cooperation",
        "the prevention of misuse",
        "the causes of incidents",
        "verification by third parties",
        "the protection of critical equipment",
        "efficient administration",
        "support for small firms",
    ],
    "verbs": [
        "must publish",
        "must submit to the competent minister",
        "must keep for five years",
        "is to endeavour to improve",
        "is to draw up a plan for",
        "is to take the necessary measures on",
        "may set standards for",
        "is to ensure",
        "is to endeavour to provide information on",
        "must regularly evaluate",
        "is to hear the views of those concerned on",
        "is to survey",
        "may recommend improvements to",
        "is to take measures to promote",
        "may ask for reports on",
    ],
    "captions": ["Purpose", "Definitions", "Principles", "Duties", "Reports", "Guidance", "Advice"],
    "extra": " and must publish the results",
}


def _sentence(rng: random.Random, language: str, refs: list[int]) -> tuple[str, int | None]:
    words = _JA if language == "ja" else _EN
    ref = rng.choice(refs) if refs and rng.random() < 0.3 else None
    condition, subject = rng.choice(words["conditions"]), rng.choice(words["subjects"])
    obj, verb = rng.choice(words["objects"]), rng.choice(words["verbs"])
    if language == "ja":
        lead = f"第{{{ref}}}条に定めるもののほか、" if ref is not None else ""
        return f"{lead}{condition}{subject}は、{obj}{verb}。", ref
    lead = f"In addition to Article {{{ref}}}, " if ref is not None else condition
    text = f"{lead}{subject} {verb} {obj}."
    return text[0].upper() + text[1:], ref


def _article(rng: random.Random, language: str, index: int) -> dict[str, Any]:
    paragraphs = [
        " ".join(
            _sentence(rng, language, list(range(1, index)))[0] for _ in range(rng.randint(1, 3))
        )
        if language == "en"
        else "".join(
            _sentence(rng, language, list(range(1, index)))[0] for _ in range(rng.randint(1, 3))
        )
        for _ in range(rng.randint(1, 4))
    ]
    caption = rng.choice((_JA if language == "ja" else _EN)["captions"])
    return {"origin": [index], "caption": caption, "paragraphs": paragraphs}


def _modify(rng: random.Random, language: str, article: dict[str, Any]) -> dict[str, Any]:
    paragraphs = list(article["paragraphs"])
    at = rng.randrange(len(paragraphs))
    extra = (_JA if language == "ja" else _EN)["extra"]
    if rng.random() < 0.5:
        paragraphs[at] = paragraphs[at].replace(
            "。" if language == "ja" else ".", extra + ("。" if language == "ja" else "."), 1
        )
    else:
        paragraphs.insert(at, _sentence(rng, language, [])[0])
    return {**article, "paragraphs": paragraphs}


def _edit(
    rng: random.Random, language: str, old: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The new version's articles and how many of each edit were made."""
    new: list[dict[str, Any]] = []
    made = {"inserted": 0, "removed": 0, "split": 0, "merged": 0, "modified": 0}
    skip = False
    for position, article in enumerate(old):
        if skip:
            skip = False
            continue
        roll = rng.random()
        if roll < 0.02:
            new.append({**_article(rng, language, 1), "origin": []})
            made["inserted"] += 1
        if roll < 0.03 and len(article["paragraphs"]) > 1:
            half = len(article["paragraphs"]) // 2 or 1
            new.append({**article, "paragraphs": article["paragraphs"][:half]})
            new.append({**article, "paragraphs": article["paragraphs"][half:], "part": True})
            made["split"] += 1
        elif 0.03 <= roll < 0.04:
            made["removed"] += 1
        elif 0.04 <= roll < 0.05 and position + 1 < len(old):
            following = old[position + 1]
            merged = article["paragraphs"] + following["paragraphs"]
            new.append(
                {**article, "origin": article["origin"] + following["origin"], "paragraphs": merged}
            )
            made["merged"] += 1
            skip = True
        elif roll < 0.30:
            new.append(_modify(rng, language, article))
            made["modified"] += 1
        else:
            new.append(article)
    return new, made


def _render(
    articles: list[dict[str, Any]], language: str, version: str, numbers: dict[int, int]
) -> str:
    date = "2024-01-01" if version == "v1" else "2025-01-01"
    head = (
        f"---\ntitle: Synthetic {version}\ndocument: synthetic\nversion: {version}\ndate: {date}\n"
        f"language: {language}\nstage: test\nstatus: unofficial-restatement\n"
        "source:\n  url: https://example.org/synthetic\n---\n\n"
    )
    out = [head]
    for number, article in enumerate(articles, start=1):
        paragraphs = [_refs(p, numbers, language) for p in article["paragraphs"]]
        if language == "ja":
            out.append(f"## 第{to_kanji(number)}条（{article['caption']}）\n")
            full_width = str.maketrans("0123456789", "０１２３４５６７８９")
            body = [paragraphs[0]] + [
                f"{str(i).translate(full_width)}　{p}"
                for i, p in enumerate(paragraphs[1:], start=2)
            ]
        else:
            out.append(f"## Article {number} ({article['caption']})\n")
            body = [f"({i}) {p}" for i, p in enumerate(paragraphs, start=1)]
        out.append("\n".join(body) + "\n")
    return "\n".join(out)


_REF = re.compile(r"\{(\d+)\}")


def _refs(text: str, numbers: dict[int, int], language: str) -> str:
    """Render `{n}` placeholders as the article number n has in this version."""

    def shown(match: re.Match[str]) -> str:
        old = int(match.group(1))
        new = numbers.get(old, old)
        return to_kanji(new) if language == "ja" else str(new)

    return _REF.sub(shown, text)


def synthetic_texts(
    articles: int, language: str, seed: int = 1
) -> tuple[str, str, dict[str, int], set[tuple[frozenset[str], frozenset[str]]]]:
    """Two versions of a synthetic bill as draft files, the edits made, and the true changes.

    The true changes are (old ids, new ids) pairs, as an alignment should find them.
    """
    rng = random.Random(f"{seed}-{language}")
    old = [_article(rng, language, i) for i in range(1, articles + 1)]
    new, made = _edit(rng, language, old)
    numbers: dict[int, int] = {}
    successors: dict[int, set[str]] = {i: set() for i in range(1, articles + 1)}
    truth: set[tuple[frozenset[str], frozenset[str]]] = set()
    for position, article in enumerate(new, start=1):
        for origin in article["origin"]:
            numbers.setdefault(origin, position)
            successors[origin].add(f"art-{position}")
        if not article["origin"]:
            truth.add((frozenset(), frozenset({f"art-{position}"})))
    groups: dict[frozenset[str], set[str]] = {}
    for origin, news in successors.items():
        if not news:
            truth.add((frozenset({f"art-{origin}"}), frozenset()))
        else:
            groups.setdefault(frozenset(news), set()).add(f"art-{origin}")
    truth.update((frozenset(olds), news) for news, olds in groups.items())
    identity = {i: i for i in range(1, articles + 1)}
    return (
        _render(old, language, "v1", identity),
        _render(new, language, "v2", numbers),
        made,
        truth,
    )


def parse(text: str, language: str, version: str) -> Draft:
    """Parse a generated draft file (it is always valid)."""
    parsed, problems, _ = read_draft(
        text.encode(), f"synthetic-{version}.{language}.md", DocumentKind.BILL
    )
    if parsed is None:
        raise ValueError("\n".join(str(p) for p in problems))
    return parsed


def synthetic_pair(
    articles: int, language: str, seed: int = 1
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The (id, text) units of a synthetic version pair, for tests."""
    old_text, new_text, _, _ = synthetic_texts(articles, language, seed)
    old, new = parse(old_text, language, "v1"), parse(new_text, language, "v2")
    return [(u.id, u.text) for u in units(old.provisions)], [
        (u.id, u.text) for u in units(new.provisions)
    ]
