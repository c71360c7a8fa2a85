"""Similarity tiers of the alignment: pair the units that ids and concordance left unmatched.

Candidates come first, similarity second, so no tier compares all pairs: an exact hash of the
masked text, then the position a matched neighbour implies, then a shingle index over the
leftovers; containment finds the parts of splits and merges near their other parts.
Pure functions; no I/O.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from rapidfuzz import fuzz

NEIGHBOUR_MIN = 0.55
"""Least similarity for a pair whose position a matched neighbour confirms."""
SHINGLE_MIN = 0.7
"""Least similarity for a pair found through the shingle index alone (moved units)."""
CONTAINED_MIN = 0.6
"""Least share of a part's shingles found in the whole, for split and merge parts."""
MARGIN = 0.2
"""A part must share this much more with the whole than with the whole's continuation (else
it is common wording or a copy, not a split-off part)."""
MIN_SHINGLES = 6
"""Parts with fewer shingles are too short to be recognised as split or merge parts."""
WINDOW = 3
"""How far from the implied position split and merge parts are looked for."""
CANDIDATES = 5
"""How many shingle-index candidates are checked per unit."""


def similarity(a: str, b: str) -> float:
    """Similarity of two comparable texts, 0 to 1 (normalised Indel distance)."""
    if not a and not b:
        return 1.0
    return float(fuzz.ratio(a, b)) / 100.0


def shingles(key: str, size: int) -> frozenset[str]:
    """The character n-grams of a comparable text (the whole text if shorter)."""
    if len(key) <= size:
        return frozenset((key,)) if key else frozenset()
    return frozenset(key[i : i + size] for i in range(len(key) - size + 1))


@dataclass(slots=True)
class State:
    """The matching so far between old units 0..n-1 and new units 0..m-1 (mutable, local)."""

    old: list[str]
    """Comparable texts of the old units, in document order."""
    new: list[str]
    pairs: dict[int, int] = field(default_factory=dict)
    """One-to-one matches, old index → new index."""
    free_old: set[int] = field(default_factory=set)
    free_new: set[int] = field(default_factory=set)
    shingle_size: int = 3
    _cache: dict[tuple[str, int], frozenset[str]] = field(default_factory=dict)
    _anchors: list[tuple[int, int]] | None = None

    def match(self, o: int, n: int) -> None:
        """Record a one-to-one match."""
        self.pairs[o] = n
        self.free_old.discard(o)
        self.free_new.discard(n)
        self._anchors = None

    def anchors(self) -> list[tuple[int, int]]:
        """The matches as (new, old), sorted by new position."""
        if self._anchors is None or len(self._anchors) != len(self.pairs):
            self._anchors = sorted((new, old) for old, new in self.pairs.items())
        return self._anchors

    def shingles_of(self, side: str, index: int) -> frozenset[str]:
        """Shingles of one unit, computed once."""
        cached = self._cache.get((side, index))
        if cached is None:
            key = self.old[index] if side == "o" else self.new[index]
            cached = shingles(key, self.shingle_size)
            self._cache[(side, index)] = cached
        return cached

    def guesses(self, n: int) -> list[int]:
        """Old positions the nearest matched neighbours of new unit `n` imply."""
        anchors = self.anchors()
        at = bisect.bisect_left(anchors, (n, -1))
        out = []
        if at > 0:
            prev_new, prev_old = anchors[at - 1]
            out.append(prev_old + (n - prev_new))
        else:
            out.append(n)
        if at < len(anchors):
            next_new, next_old = anchors[at]
            out.append(next_old - (next_new - n))
        return out


def hash_tier(state: State) -> None:
    """Match units whose masked texts are equal, non-empty and unique on both sides.

    Texts that occur more than once are left to the neighbour tier, where position decides.
    """
    olds: dict[str, list[int]] = {}
    news: dict[str, list[int]] = {}
    for o in sorted(state.free_old):
        if state.old[o]:
            olds.setdefault(state.old[o], []).append(o)
    for n in sorted(state.free_new):
        if state.new[n]:
            news.setdefault(state.new[n], []).append(n)
    for key, found in news.items():
        if len(found) == 1 and len(olds.get(key, ())) == 1:
            state.match(olds[key][0], found[0])


def neighbour_tier(state: State, same_id: dict[int, int]) -> None:
    """Match units at the position matched neighbours imply (or with the same id), best first.

    Args:
        state: The matching so far; updated in place.
        same_id: New index → old index of the unit with the same id, if any.
    """
    while True:
        scored = []
        for n in sorted(state.free_new):
            candidates = {g for g in state.guesses(n) if g in state.free_old}
            if same_id.get(n) in state.free_old:
                candidates.add(same_id[n])
            for o in sorted(candidates):
                score = similarity(state.old[o], state.new[n])
                if score >= NEIGHBOUR_MIN:
                    scored.append((-score, n, o))
        if not _accept(state, scored):
            return


def _accept(state: State, scored: list[tuple[float, int, int]]) -> bool:
    """Accept scored candidates best first; True if any was accepted."""
    accepted = False
    for _, n, o in sorted(scored):
        if n in state.free_new and o in state.free_old:
            state.match(o, n)
            accepted = True
    return accepted


def shingle_tier(state: State) -> None:
    """Match leftovers through an inverted index of shingles, verified by similarity."""
    index: dict[str, list[int]] = {}
    for o in sorted(state.free_old):
        for gram in state.shingles_of("o", o):
            index.setdefault(gram, []).append(o)
    limit = max(3, len(state.free_old) // 5)
    scored = []
    for n in sorted(state.free_new):
        counts: dict[int, int] = {}
        for gram in state.shingles_of("n", n):
            olds = index.get(gram, ())
            if len(olds) <= limit:
                for o in olds:
                    counts[o] = counts.get(o, 0) + 1
        best = sorted(counts, key=lambda o: (-counts[o], o))[:CANDIDATES]
        for o in best:
            score = similarity(state.old[o], state.new[n])
            if score >= SHINGLE_MIN:
                scored.append((-score, n, o))
    _accept(state, scored)


def containment(part: frozenset[str], whole: frozenset[str]) -> float:
    """Share of `part`'s shingles found in `whole`."""
    return len(part & whole) / len(part) if part else 0.0


def _near(state: State, guesses: list[int], limit: int) -> list[int]:
    out: set[int] = set()
    for guess in guesses:
        out.update(range(max(0, guess - WINDOW), min(limit, guess + WINDOW + 1)))
    return sorted(out)


def split_parts(state: State, allowed_old: set[int]) -> list[tuple[int, int, float]]:
    """Leftover new units that are parts split off an old unit: (old, new, similarity).

    A part must be mostly contained in the old unit and not in the old unit's continuation.
    """
    found = []
    for n in sorted(state.free_new):
        part = state.shingles_of("n", n)
        if len(part) < MIN_SHINGLES:
            continue
        olds = _near(state, state.guesses(n), len(state.old))
        best = _best_whole(state, part, "o", [o for o in olds if o in allowed_old])
        if best is None:
            continue
        follower = state.pairs.get(best)
        if follower is not None and _shared_more(state, part, ("o", best), ("n", follower)):
            continue
        found.append((best, n, similarity(state.old[best], state.new[n])))
    return found


def merge_parts(state: State, allowed_new: set[int]) -> list[tuple[int, int, float]]:
    """Leftover old units merged into a new unit: (old, new, similarity)."""
    by_new = {n: o for o, n in state.pairs.items()}
    found = []
    for o in sorted(state.free_old):
        part = state.shingles_of("o", o)
        if len(part) < MIN_SHINGLES:
            continue
        guesses = _new_guesses(state, o)
        news = _near(state, guesses, len(state.new))
        best = _best_whole(state, part, "n", [n for n in news if n in allowed_new])
        if best is None:
            continue
        leader = by_new.get(best)
        if leader is not None and _shared_more(state, part, ("n", best), ("o", leader)):
            continue
        found.append((o, best, similarity(state.old[o], state.new[best])))
    return found


def _shared_more(
    state: State, part: frozenset[str], whole: tuple[str, int], other: tuple[str, int]
) -> bool:
    """Whether `part` is about as much in `other` as in `whole` (so not a part of `whole`)."""
    in_whole = containment(part, state.shingles_of(*whole))
    return in_whole - containment(part, state.shingles_of(*other)) < MARGIN


def _new_guesses(state: State, o: int) -> list[int]:
    anchors = sorted(state.pairs.items())
    at = bisect.bisect_left(anchors, (o, -1))
    out = [anchors[at - 1][1] + (o - anchors[at - 1][0])] if at > 0 else [o]
    if at < len(anchors):
        out.append(anchors[at][1] - (anchors[at][0] - o))
    return out


def _best_whole(state: State, part: frozenset[str], side: str, candidates: list[int]) -> int | None:
    best, best_score = None, CONTAINED_MIN
    for index in candidates:
        score = containment(part, state.shingles_of(side, index))
        if score > best_score or (score == best_score and best is None):
            best, best_score = index, score
    return best
