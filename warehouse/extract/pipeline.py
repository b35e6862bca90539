"""Run every extractor over a document. Never raises.

One pass over the whole text finds the extractors' keywords (Aho-Corasick automaton when
pyahocorasick is installed, else one compiled alternation regex over the lower-cased text); only
the sentences holding a keyword are segmented, and only the extractors whose keywords they hold
run their detailed rules.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from . import DocContext, Fact
from . import enforcement, exofficio, misc, piracy, status, treaties
from .common import Sentence, find_countries
from .text import SentenceFinder
from ..countries import trie_pattern

EXTRACTORS = (status, treaties, exofficio, enforcement, piracy, misc)
MAX_SENTENCE = 2000


def _keyword_modules() -> dict[str, int]:
    """keyword -> bit mask of the extractors that want it."""
    out: dict[str, int] = {}
    for i, mod in enumerate(EXTRACTORS):
        for k in mod.KEYWORDS:
            out[k.lower()] = out.get(k.lower(), 0) | (1 << i)
    return out


@lru_cache(maxsize=1)
def _automaton():
    """(lower-case automaton, case-variant automaton, regex, keywords); automata are None
    without pyahocorasick."""
    kws = _keyword_modules()
    regex = re.compile(trie_pattern(kws))
    try:
        import ahocorasick
    except ImportError:
        return None, None, regex, kws
    lower = ahocorasick.Automaton()
    variants = ahocorasick.Automaton()
    for k, mask in kws.items():
        lower.add_word(k, (len(k), mask))
        for form in {k, k.upper(), k.title(), k.capitalize()}:
            variants.add_word(form, (len(form), mask))
    lower.make_automaton()
    variants.make_automaton()
    return lower, variants, regex, kws


def keyword_hits(text: str) -> list[tuple[int, int]]:
    """(position, extractor mask) of every keyword in the text (any case), in order of position."""
    lower, variants, regex, kws = _automaton()
    low = text.lower()
    same = len(low) == len(text)    # lower() can change the length of a few non-ASCII strings
    if lower is not None:
        auto, src = (lower, low) if same else (variants, text)
        hits = [(end - ln + 1, mask) for end, (ln, mask) in auto.iter(src)]
        hits.sort()   # ends are ordered; starts of overlapping keywords may not be
        return hits
    if same:
        return [(m.start(), kws[m.group(0)]) for m in regex.finditer(low)]
    return [(m.start(), kws[m.group(0)]) for m in re.finditer(regex.pattern, text, re.I)
            if m.group(0).lower() in kws]


def run_all(text: str, context: DocContext) -> list[Fact]:
    """Facts from every extractor, deduplicated, in document order."""
    if not isinstance(text, str) or not text:
        return []
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
                cur = (pos, min(len(text), pos + 1))
            wanted[cur] = wanted.get(cur, 0) | mask
        facts: list[Fact] = []
        for (a, b), mask in wanted.items():
            if b - a > MAX_SENTENCE:
                b = a + MAX_SENTENCE
            s = Sentence(text, a, b, finder)
            for i, mod in enumerate(EXTRACTORS):
                if mask >> i & 1:
                    try:
                        facts.extend(mod.extract(s, ctx))
                    except Exception:  # noqa: BLE001 - one bad rule must not lose the document
                        continue
        for mod in EXTRACTORS:
            fin = getattr(mod, "finalize", None)
            if fin is not None:
                try:
                    facts = fin(facts, text, ctx)
                except Exception:  # noqa: BLE001
                    pass
        return _dedupe(facts, len(text))
    except Exception:  # noqa: BLE001 - contract: never raise on any input
        return []


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
