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
    """(automaton or None, regex): the automaton matches every case variant of each keyword."""
    kws = _keyword_modules()
    regex = re.compile("|".join(re.escape(k) for k in sorted(kws, key=len, reverse=True)))
    try:
        import ahocorasick
    except ImportError:
        return None, regex, kws
    auto = ahocorasick.Automaton()
    for k, mask in kws.items():
        for form in {k, k.upper(), k.title(), k.capitalize()}:
            auto.add_word(form, (len(form), mask))
    auto.make_automaton()
    return auto, regex, kws


def keyword_hits(text: str):
    """(position, extractor mask) of every keyword in the text, in order of position."""
    auto, regex, kws = _automaton()
    if auto is not None:
        hits = [(end - ln + 1, mask) for end, (ln, mask) in auto.iter(text)]
        # mixed case ("Watch list") is not among the automaton's variants: the lower-cased
        # text is searched as well only when the first pass found nothing at all
        if hits:
            hits.sort()
            return hits
    low = text.lower()
    return [(m.start(), kws[m.group(0)]) for m in regex.finditer(low)] if len(low) == len(text) else \
        [(m.start(), kws[m.group(0)]) for m in regex.finditer(text.lower()) if m.start() < len(text)]


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
