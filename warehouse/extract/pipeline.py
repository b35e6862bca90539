"""Run every extractor over a document. Never raises.

One pass over the whole text finds the extractors' keywords (a numpy hash of every 4-character
stretch of the lower-cased text against each keyword's rare "anchor" stretch, confirmed with
startswith); only the sentences holding a keyword are segmented, and only the extractors whose
keywords they hold run their detailed rules.

A rule that raises loses only its own facts of that sentence: users never see a traceback from a
broken rule. Under the tests (tests/conftest.py sets S301_STRICT_RULES=1) it raises instead, so
that a broken rule fails the suite rather than silently giving fewer facts.
"""
from __future__ import annotations

import os
from collections import Counter
from functools import lru_cache

import numpy as np

from . import DocContext, Fact
from . import enforcement, exofficio, misc, piracy, status, treaties
from .common import Sentence, find_countries
from .fourgrams import COMMON
from .text import SentenceFinder

EXTRACTORS = (status, treaties, exofficio, enforcement, piracy, misc)
MAX_SENTENCE = 2000
STRICT_ENV = "S301_STRICT_RULES"


def strict() -> bool:
    """Whether a broken rule raises (tests: S301_STRICT_RULES set to anything but '' or '0')."""
    return os.environ.get(STRICT_ENV, "") not in ("", "0")


def _keyword_modules() -> dict[str, int]:
    """keyword -> bit mask of the extractors that want it."""
    out: dict[str, int] = {}
    for i, mod in enumerate(EXTRACTORS):
        for k in mod.KEYWORDS:
            out[k.lower()] = out.get(k.lower(), 0) | (1 << i)
    return out


_COMMON_RANK = {g.replace("_", " "): len(COMMON) - i for i, g in enumerate(COMMON)}
"""4-character stretch -> how common it is in report text (higher: more common)."""
_HASH_MUL = 2654435761
_HASH_SHIFT = 14          # 32-bit hash -> 2**18 table slots (256 KB: stays in cache)


def _anchor_table(kws: dict[str, int]):
    """(slot table, 4-byte key -> [(offset, keyword, mask)], keywords found with str.find).

    Every ASCII keyword of 3+ letters gets one 4-byte anchor at a fixed offset (a 3-letter
    keyword is its own anchor followed by any byte), so each occurrence is a candidate exactly
    once and is then confirmed with startswith."""
    table = np.zeros(1 << (32 - _HASH_SHIFT), dtype=bool)
    anchors: dict[bytes, list] = {}
    rest = []
    for k, mask in kws.items():
        if not k.isascii() or len(k) < 3:
            rest.append((k, mask))
            continue
        if len(k) == 3:
            keys = [k.encode() + bytes([c]) for c in range(128)]
            off = 0
        else:
            offs = range(len(k) - 3)
            # the least common stretch of report text (fourgrams.COMMON; one not listed is rarer
            # still), then the one with the most uncommon letters: fewest false candidates
            off = max(offs, key=lambda o: (-_COMMON_RANK.get(k[o:o + 4], -1),
                                           sum(ch not in "etaoinshr " for ch in k[o:o + 4]), -o))
            keys = [k[off:off + 4].encode()]
        for key in keys:
            anchors.setdefault(key, []).append((off, k, mask))
            h = (int.from_bytes(key, "little") * _HASH_MUL & 0xFFFFFFFF) >> _HASH_SHIFT
            table[h] = True
    return table, anchors, rest


@lru_cache(maxsize=1)
def _anchors():
    """The anchor table of the extractors' keywords."""
    return _anchor_table(_keyword_modules())


def _anchored_hits(low: str, anchored) -> list[tuple[int, int]]:
    """Keyword hits in the lower-cased text from the 4-byte anchor table (numpy, C speed)."""
    table, anchors, rest = anchored
    n = len(low)
    bs = low.encode("ascii", "replace") + b"\0\0\0"     # one byte per character
    codes = np.ndarray((n,), dtype="<u4", buffer=bs, strides=(1,))
    h = codes * np.uint32(_HASH_MUL)
    h >>= _HASH_SHIFT
    hits = []
    get = anchors.get
    startswith = low.startswith
    for p in table.take(h).nonzero()[0].tolist():
        found = get(bs[p:p + 4])
        if found is not None:
            for off, k, mask in found:
                if p >= off and startswith(k, p - off):
                    hits.append((p - off, mask))
    for k, mask in rest:
        i = low.find(k)
        while i != -1:
            hits.append((i, mask))
            i = low.find(k, i + 1)
    hits.sort()
    return hits


def keyword_hits(text: str) -> list[tuple[int, int]]:
    """(position, extractor mask) of every keyword in the text (any case), in order of position."""
    return _anchored_hits(_lower_keeping_offsets(text), _anchors())


def _lower_keeping_offsets(text: str) -> str:
    """text.lower() with the text's length: a character whose lower case is longer (the Turkish
    dotted capital I) stays as it is (no keyword holds it), so positions in it are the text's."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def run_all(text: str, context: DocContext) -> list[Fact]:
    """Facts from every extractor, deduplicated, in document order."""
    if not isinstance(text, str) or not text:
        return []
    raising = strict()
    try:
        ctx = _with_country(text, context if isinstance(context, DocContext) else DocContext())
        finder = SentenceFinder(text)
        # sentence span -> extractors wanted there
        wanted: dict[tuple[int, int], int] = {}
        cur = None
        for pos, mask in keyword_hits(text):
            if cur is not None and cur[0] <= pos < cur[1]:
                wanted[cur] |= mask
                continue
            try:
                cur = finder.span_at(pos)
            except Exception:  # noqa: BLE001 - a segmentation failure must not stop the document
                if raising:
                    raise
                cur = (pos, min(len(text), pos + 1))
            wanted[cur] = wanted.get(cur, 0) | mask
        facts: list[Fact] = []
        for (a, b), mask in wanted.items():
            if b - a > MAX_SENTENCE:
                b = a + MAX_SENTENCE
            s = Sentence(text, a, b, finder)
            for mod in _modules(EXTRACTORS, mask):
                try:
                    facts.extend(mod.extract(s, ctx))
                except Exception:  # noqa: BLE001 - one bad rule must not lose the document
                    if raising:
                        raise
                    continue
        for mod in EXTRACTORS:
            fin = getattr(mod, "finalize", None)
            if fin is not None:
                try:
                    facts = fin(facts, text, ctx)
                except Exception:  # noqa: BLE001 - nor one bad finishing step
                    if raising:
                        raise
        return _dedupe(facts, len(text))
    except Exception:  # noqa: BLE001 - contract: never raise on any input (outside the tests)
        if raising:
            raise
        return []


@lru_cache(maxsize=256)
def _modules(extractors: tuple, mask: int) -> tuple:
    """The extractors whose bits are set in `mask`, in order."""
    return tuple(mod for i, mod in enumerate(extractors) if mask >> i & 1)


def _with_country(text: str, ctx: DocContext) -> DocContext:
    """Fill in the document's country from its dominant mention when the reader did not know it."""
    if ctx.country_iso3:
        return ctx
    counts = Counter(iso for iso, _, _ in find_countries(text[:200_000]) if iso != "USA")
    if not counts:
        return ctx
    iso = counts.most_common(1)[0][0]
    return DocContext(country_iso3=iso, report_date=ctx.report_date, review_year=ctx.review_year, kind=ctx.kind)


def _dedupe(facts: list[Fact], n: int) -> list[Fact]:
    """One fact per (feature, value, qualifier, ref_year): the most confident (then first) wins."""
    best: dict[tuple, Fact] = {}
    for f in facts:
        if not (0 <= f.char_start < f.char_end <= n):
            continue
        key = (f.feature, f.value, f.qualifier, f.ref_year)
        old = best.get(key)
        if old is None or f.confidence > old.confidence:
            best[key] = f
    return sorted(best.values(), key=lambda f: (f.char_start, f.feature, f.value))
