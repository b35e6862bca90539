"""Sentence segmentation with character spans, tuned to cable formatting.

Only the neighbourhood of keyword hits is segmented (see `SentenceFinder`): a paragraph's
boundaries are read lazily, only as far as the sentences asked for, so a long report costs a
little work around each hit.
"""
from __future__ import annotations

import bisect
import re

# Tokens that end in a full stop without ending the sentence (compared lower-case, no dot).
ABBREVIATIONS = frozenset("""
u.s u.k u.n e.u u.s.a e.o i.e e.g cf vs no nos art arts para paras sec secs ch vol p pp
mr mrs ms dr prof gen gov sen rep amb min dept st jr sr inc co corp ltd bros
jan feb mar apr jun jul aug sep sept oct nov dec approx est fig ref refs ex op
""".split())

# Every alternative starts with one character of a small set, so the engine skips ahead fast;
# the empty named group at the end of each branch says which kind of boundary matched.
_CANDIDATES = re.compile(
    r"""[.!?\n;:\-\u20ac\u00b6](?:
        (?<=[.!?])[.!?]*["'\u201d\u2019)\]]*(?=\s)(?P<stop>)                 # sentence-final punctuation
      | (?<=\n)[ \t\r\f\v]*\n(?P<blank>)                                    # blank line
      | (?<=-)-{3,}[ \t]*(?:\n|$)(?P<rule>)                                  # ruled heading line ------
      | (?<=\n)[ \t]*(?:\u20ac?\u00b6[ \t]*)?\d{1,2}\.[ \t]*(?=\(|[A-Z])(?P<para>)  # "12. (SBU)" at a line start
      | (?<=[\u20ac\u00b6])\u00b6?(?=[ \t]*\d{1,2}\.)(?P<mark>)                # paragraph mark before a number
      | (?<=[;:\n])[ \t]*(?:and[ \t]+)?--[ \t](?P<bullet>)                    # "; -- " / "; and -- " list items
    )""",
    re.X,
)
# what may open a sentence after a stop: a capital, a digit, a paragraph mark or a dash, after a quote
# or a bracket; and (tried only where a quote follows the space) a run of quotes with spaces between
# ('enforcement. " "Singapore has', as the NTE chapters print a quotation's end and the next one's start)
_OPENER = re.compile(r"\s+[\"'(\[\u201c\u2018]?[A-Z0-9\u00b6\u20ac-]")
_OPENER_QUOTES = re.compile(r"\s+(?:[\"'\u201c\u201d\u2018\u2019]\s*)+[(\[]?[A-Z0-9\u00b6\u20ac-]")
_QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019")


_LETTERS_DOT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."


def _cut_iter(text: str, lo: int, hi: int):
    """(start, cut positions) of every sentence boundary found in text[lo:hi], in order."""
    opener, quotes_opener, abbrev = _OPENER.match, _OPENER_QUOTES.match, ABBREVIATIONS
    for m in _CANDIDATES.finditer(text, lo, hi):
        kind = m.lastgroup
        if kind == "stop":
            # a [.!?] ends the sentence unless a lower-case word (or punctuation) follows, or the
            # word before the dot is an abbreviation, an initial or a short dotted form (U.S., e.g.)
            start, end = m.span()
            if not opener(text, end) and not (text[end + 1:end + 2] in _QUOTES and quotes_opener(text, end)):
                continue
            if text[start] == ".":
                # the word before the dot: what ([A-Za-z][A-Za-z.]*)$ finds in the 12 characters
                # before it ($ also matches before a final newline)
                seg = text[max(0, start - 12):start]
                if seg[-1:] == "\n":
                    seg = seg[:-1]
                word = seg[len(seg.rstrip(_LETTERS_DOT)):].lstrip(".")
                if word:
                    word = word.lower().rstrip(".")
                    if word in abbrev or (len(word) == 1 and word.isalpha()) or ("." in word and len(word) <= 6):
                        continue
            yield start, (end,)
        elif kind == "blank":
            # a blank line inside a sentence (page break) is followed by a lower-case word
            j = m.end()
            while j < hi and text[j] in " \t":
                j += 1
            if j >= hi or not text[j].islower():
                yield m.start(), (m.start(), m.end())
        elif kind in ("para", "mark", "bullet"):
            yield m.start(), (m.start() + (1 if text[m.start()] in ";:\n" else 0),)
        else:  # rule
            # the ruled line itself is a heading boundary on both sides
            line_start = text.rfind("\n", lo, m.start()) + 1
            yield m.start(), (max(lo, line_start), m.end())


def _spans(text: str, cuts) -> list[tuple[int, int]]:
    """Whitespace-trimmed, non-empty spans between consecutive distinct cuts."""
    cuts = sorted(set(cuts))
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
    return spans


def split_sentences(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) covering text[lo:hi], whitespace trimmed, in order."""
    n = len(text)
    hi = n if hi is None else min(hi, n)
    lo = max(0, min(lo, hi))
    cuts = [lo, hi]
    for _, cs in _cut_iter(text, lo, hi):
        cuts.extend(cs)
    return _spans(text, cuts)


class _Paragraph:
    """A paragraph segmented lazily: boundaries are read only as far as a question needs."""

    __slots__ = ("lo", "hi", "it", "pending", "cuts")

    def __init__(self, text: str, lo: int, hi: int):
        self.lo, self.hi = lo, hi
        self.it = _cut_iter(text, lo, hi)
        self.pending = next(self.it, None)
        self.cuts = [lo, hi]

    def bounds(self, text: str, pos: int) -> tuple[int, int | None]:
        """(last cut <= pos, first cut > pos or None); afterwards every cut up to the second is known.

        Reading stops at a boundary that starts after the first cut above `pos`: its cuts, and
        those of every later one, lie beyond that cut, except a ruled line's cut at its line
        start, so it also stops only past the end of that line or when no '----' (which every
        ruled line holds) is left on it."""
        cuts, hi = self.cuts, self.hi   # kept sorted
        k = bisect.bisect_right(cuts, pos)
        above = cuts[k] if k < len(cuts) else None
        seen = end = ruled = None
        while self.pending is not None:
            if above is not None and self.pending[0] > above:
                if seen != above:   # the end of the line after `above`, and whether a ruled line may follow on it
                    seen = above
                    nl = text.find("\n", above, hi)
                    end = hi if nl == -1 else nl
                    ruled = text.find("----", above, end) != -1
                if self.pending[0] > end or not ruled:
                    break
            for c in self.pending[1]:
                bisect.insort(cuts, c)
            k = bisect.bisect_right(cuts, pos)
            above = cuts[k] if k < len(cuts) else None
            self.pending = next(self.it, None)
        return cuts[bisect.bisect_right(cuts, pos) - 1], above

    def spans(self, text: str, upto: int | None = None) -> list[tuple[int, int]]:
        """The paragraph's sentence spans (all of them, or those between cuts <= upto)."""
        if upto is None:
            while self.pending is not None:
                self.cuts.extend(self.pending[1])
                self.pending = next(self.it, None)
            self.cuts.sort()
            return _spans(text, self.cuts)
        return _spans(text, [c for c in self.cuts if c <= upto])


def _inside_sentence(text: str, blank: int) -> int | None:
    """Where the text resumes after the blank line at `blank` when that blank line is inside a
    sentence (lower case follows it), else None; the same looking forward and backward."""
    j, n = blank + 2, len(text)
    while j < n and text[j] in " \t\n":
        j += 1
    return j if j < n and text[j].islower() else None


class SentenceFinder:
    """Sentence spans on demand: segments the paragraph around a position once and caches it."""

    MAX_PARA = 6000

    def __init__(self, text: str):
        self.text = text
        self._last = None
        self._para_lo: list[int] = []
        self._para_list: list = []

    def _paragraph(self, pos: int) -> tuple[int, int]:
        text, n = self.text, len(self.text)
        floor = max(0, pos - self.MAX_PARA)
        lo = text.rfind("\n\n", floor, pos)
        while lo != -1 and _inside_sentence(text, lo) is not None:
            lo = text.rfind("\n\n", floor, lo)
        lo = floor if lo == -1 else lo
        hi = pos
        while True:
            hi = text.find("\n\n", hi, min(n, pos + self.MAX_PARA))
            if hi == -1:
                hi = min(n, pos + self.MAX_PARA)
                break
            j = _inside_sentence(text, hi)
            if j is None:
                break
            hi = j
        return lo, hi

    def before(self, start: int) -> tuple[int, int] | None:
        """The sentence ending before `start`, from a segmented paragraph (None when not cached)."""
        k = bisect.bisect_right(self._para_lo, start) - 1
        if k < 0:
            return None
        para = self._para_list[k]
        if not (para.lo <= start <= para.hi):
            return None
        _, above = para.bounds(self.text, start)
        spans = para.spans(self.text, above)
        i = bisect.bisect_left([a for a, _ in spans], start) - 1
        return spans[i] if i >= 0 else None

    def span_at(self, pos: int) -> tuple[int, int]:
        """The sentence containing position `pos` (or the nearest one)."""
        para = self._last
        if para is None or not (para.lo <= pos < para.hi):
            lo, hi = self._paragraph(pos)
            para = self._last = _Paragraph(self.text, lo, hi)
            if not self._para_lo or lo > self._para_lo[-1]:
                self._para_lo.append(lo)
                self._para_list.append(para)
        text = self.text
        if para.lo <= pos < para.hi:
            a, b = para.bounds(text, pos)
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a <= pos < b:
                return a, b
        spans = para.spans(text)
        starts = [a for a, _ in spans]
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and spans[i][0] <= pos < spans[i][1]:
            return spans[i]
        if spans:
            return min(spans, key=lambda sp: abs(sp[0] - pos))
        return pos, min(len(self.text), pos + 1)


def previous_sentence(text: str, start: int) -> tuple[int, int] | None:
    """The sentence just before position `start` (within the same paragraph-ish window)."""
    if start <= 0:
        return None
    lo = max(0, start - 1500)
    spans = split_sentences(text, lo, start)
    return spans[-1] if spans else None
