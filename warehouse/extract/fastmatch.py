"""Exact matching made fast on lower-cased ASCII text, shared by the rule modules.

Each helper gives the same matches as the plain regex search it replaces, only cheaper:
- `literal_stems` / `stem_starts` / `finditer_at`: try a regex only where one of the words that
  must start any match of it occurs;
- `lowered_pattern`: a re.I pattern rewritten for lower-cased text (no case folding at run time);
- `has_stem`: whether a word starting with one of a few stems occurs at all;
- `top_alternatives`: a pattern split at its top-level '|'.
"""
from __future__ import annotations

import re
from typing import NamedTuple

_ASCII_SPACE = tuple(ch for ch in map(chr, range(128)) if re.match(r"\s", ch))


def literal_stems(rx: re.Pattern, spaces: bool = False, limit: int = 300, behind: bool = False) -> frozenset[str] | None:
    """Lower-case stems, one of which starts every possible match of `rx` (any case flags); None
    when some match could start otherwise. On ASCII text a caller may then try the pattern only
    where a stem starts (rx.match(text, pos)), with the same outcome as rx.search. Stems are word
    characters; with `spaces`, they may also hold other ASCII characters and end with the first
    character of a run of white space (more, more specific stems). With `behind`, a look-behind
    of known characters where a stem begins ("(?<=[\\s(])WL") puts its character in front of the
    stem (" wl", "(wl"): such stems start one character before the match, so they are for a
    keyword prefilter (a substring every match comes with), never for match positions."""
    try:
        from re import _constants as c, _parser as sre_parse
        items = list(sre_parse.parse(rx.pattern, rx.flags).data)
    except Exception:  # noqa: BLE001 - an unknown regex engine: no stems, callers search as before
        return None
    out: set[str] = set()

    def chars(op, av, cap: int = 12) -> list[str] | None:
        """The ASCII characters (lower-cased) one item matches, when they are few and known."""
        found = []
        for o, a in ([(op, av)] if op is c.LITERAL else av if op is c.IN else ()):
            if o is c.LITERAL:
                ch = chr(a).lower()
                if len(ch) != 1 or not ch.isascii() or not (spaces or ch.isalnum() or ch == "_"):
                    return None
                found.append(ch)
            elif o is c.CATEGORY and a is c.CATEGORY_SPACE and spaces:
                found.extend(_ASCII_SPACE)
            elif o is c.RANGE and a[1] - a[0] < cap and all(chr(x).isascii() and chr(x).isalnum() for x in a):
                found.extend(chr(x).lower() for x in range(a[0], a[1] + 1))
            else:
                return None
        return found if 0 < len(found) <= cap else None

    def walk(items: list, prefix: str) -> bool:
        i = 0
        while i < len(items) and len(prefix) < 12:
            op, av = items[i]
            if behind and not prefix and op is c.ASSERT and av[0] == -1 and len(av[1].data) == 1:
                found = chars(*av[1].data[0], cap=40)   # the one character the look-behind requires
                if found is not None:
                    return all(walk(items[i + 1:], ch) for ch in dict.fromkeys(found))
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):   # zero-width: says nothing about the characters
                i += 1
                continue
            if op is c.SUBPATTERN:
                return walk(list(av[-1].data) + items[i + 1:], prefix)
            if op is c.BRANCH:
                return all(walk(list(alt.data) + items[i + 1:], prefix) for alt in av[1])
            if op in (c.LITERAL, c.IN):
                found = chars(op, av)
                if found is None:
                    break
                if len(found) == 1:
                    prefix += found[0]
                    i += 1
                    continue
                return all(walk(items[i + 1:], prefix + ch) for ch in dict.fromkeys(found))
            if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1 and spaces and len(av[2].data) == 1:
                found = chars(*av[2].data[0])   # the first repetition: one of these, then unknown
                if found is not None:
                    return all(walk([], prefix + ch) for ch in dict.fromkeys(found))
            break
        if not prefix:
            return False
        out.add(prefix)
        return len(out) <= limit

    try:
        return frozenset(out) if walk(items, "") else None
    except Exception:  # noqa: BLE001 - an unexpected parse tree: no stems, callers search as before
        return None


def stem_starts(low: str, stems) -> list[int]:
    """Sorted positions where one of the stems starts in `low` (overlapping ones included)."""
    out = set()
    for stem in stems:
        i = low.find(stem)
        while i != -1:
            out.add(i)
            i = low.find(stem, i + 1)
    return sorted(out)


def finditer_at(rx: re.Pattern, text: str, starts) -> list:
    """The matches of rx.finditer(text), given sorted `starts` that hold every position where a
    match may start (as literal_stems guarantees on ASCII text; such matches are never empty)."""
    out = []
    pos = 0
    match = rx.match
    for p in starts:
        if p >= pos:
            m = match(text, p)
            if m is not None:
                out.append(m)
                pos = m.end()
    return out


def lowered_pattern(pattern: str) -> str:
    """The regex with its literal letters lower-cased (escapes, group names and look-around
    syntax untouched). Compiled without re.I and run on lower-cased ASCII text, it matches exactly
    where the re.I original matches the original text (lower() keeps ASCII offsets)."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            e = pattern[i + 1]
            if e.isdigit() or e in "NgpP":
                raise ValueError(f"unsupported escape \\{e}")
            k = {"u": 6, "x": 4, "U": 10}.get(e, 2)
            out.append(pattern[i:i + k])
            i += k
        elif c == "(" and pattern.startswith("(?", i):
            if pattern.startswith("(?P<", i):
                k = pattern.index(">", i) + 1
            elif pattern.startswith(("(?:", "(?=", "(?!"), i):
                k = i + 3
            elif pattern.startswith(("(?<=", "(?<!"), i):
                k = i + 4
            else:
                raise ValueError(f"unsupported group {pattern[i:i + 4]}")
            out.append(pattern[i:k])
            i = k
        else:
            if c.isalpha() and not c.isascii():
                raise ValueError(f"non-ASCII letter {c!r}")
            out.append(c.lower())
            i += 1
    return "".join(out)


def top_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex pattern: split at '|' outside groups and character
    classes ("a|(b|c)|[|^]" -> ["a", "(b|c)", "[|^]"]); a ']' right after '[' or '[^' belongs to
    the class."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                i += 1
            if pattern[i + 1:i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def has_stem(low: str, stems) -> bool:
    """Whether lower-cased ASCII text has a word starting with one of `stems`, (head, closer)
    pairs: the literal head right after a word boundary, then `closer` (a regex matched right
    after the head) unless it is None. With str.find this beats a \\b-led alternation."""
    for head, closer in stems:
        i = low.find(head)
        while i != -1:
            if (i == 0 or low[i - 1] not in _WORD_CHARS) and (closer is None or closer.match(low, i + len(head))):
                return True
            i = low.find(head, i + 1)
    return False


def _longest_shortest(words: set[str]) -> tuple:
    return (min(map(len, words)),)


def digits_first(words: set[str]) -> tuple:
    """A `prefer` for required_words: words holding a digit ('301') before longer plain words
    ('special'): numbers are rarer in text than any common word."""
    return (all(any(ch.isdigit() for ch in w) for w in words), min(map(len, words)))


def contains_any(words):
    """search(text) of one compiled alternation of the words (longest first, escaped): whether the
    text holds one of them, in one pass at C speed (a gate of many derived words)."""
    return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))).search


def reusing(words) -> callable:
    """A `prefer` for required_words: a word the caller already looks for ranks first (a keyword that
    costs nothing more), then the longest."""
    words = frozenset(words)
    return lambda found: (found <= words, min(map(len, found)))


def required_words(rx: re.Pattern, keep_case: bool = False, prefer=_longest_shortest) -> frozenset[str] | None:
    """Lower-case words, one of which occurs in every match of `rx` (None when none is known): of
    a sequence, the item whose shortest word is longest (the later one on a tie; `prefer` may rank
    the items otherwise, e.g. digits_first); of alternatives, all of theirs. A word is a run of
    literal letters and digits. With `keep_case` (only for a case-sensitive regex: ValueError
    otherwise) the words keep the regex's case, so a gate may test the text itself ("Mall" in
    text) rather than its lower-cased twin."""
    from re import _constants as c, _parser as sre_parse

    if keep_case and (rx.flags & re.I or "(?i" in rx.pattern):
        raise ValueError("keep_case needs a case-sensitive regex")
    fold = (lambda ch: ch) if keep_case else str.lower

    def seq(items) -> set[str] | None:
        found, run = [], ""
        for op, av in [*items, (None, None)]:
            if op is c.LITERAL and chr(av).isascii() and chr(av).isalnum():
                run += fold(chr(av))
                continue
            if run:
                found.append({run})
                run = ""
            if op is c.SUBPATTERN:
                found.append(seq(av[-1].data))
            elif op is c.BRANCH:
                alts = [seq(alt.data) for alt in av[1]]
                found.append(None if None in alts else set().union(*alts))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                found.append(seq(av[2].data))
        found = [(prefer(words), i, words) for i, words in enumerate(found) if words]
        return max(found)[2] if found else None

    try:
        words = seq(sre_parse.parse(rx.pattern, rx.flags).data)
    except Exception:  # noqa: BLE001 - an unknown regex engine: no gate, the regex always runs
        return None
    return frozenset(words) if words else None


# ---------------------------------------------------------------- checking a prefilter

_SAMPLE_SPACES = (" ", "  ", "\n", " \n ", "\t")


_ODD_CASE = {"s": "\u017f", "i": "\u0131", "k": "\u212a"}     # re.I matches these to s, i, k


def _category_char(c, a, rng) -> str | None:
    """One character of the category \\s, \\w, \\d or their negations (None: another category)."""
    if a is c.CATEGORY_SPACE:
        return rng.choice(_SAMPLE_SPACES)
    if a is c.CATEGORY_WORD:
        return rng.choice("ae7")
    if a is c.CATEGORY_DIGIT:
        return rng.choice("0123456789")
    if a is c.CATEGORY_NOT_WORD:
        return rng.choice(" ,.(")
    if a is c.CATEGORY_NOT_SPACE:
        return rng.choice("a,7")
    if a is c.CATEGORY_NOT_DIGIT:
        return rng.choice("a ,")
    return None


class _How(NamedTuple):
    """How _sample_items draws: `upper`, the chance a letter is upper-cased; `odd`, the chance a
    literal s, i or k becomes long s, dotless i or the Kelvin sign; `fill`, the characters a '.', a
    negated class or a not-literal draws from (None: the default pools below)."""
    upper: float
    odd: float = 0.0
    fill: str | None = None


def _sample_items(items, rng, out: list[str], how: _How) -> bool:
    """Append to `out` one random string for the parsed regex items (False: an item it cannot
    generate: a back reference, an unknown category, ...). Zero-width items (anchors, look-arounds)
    generate nothing: the caller checks the whole string with the regex."""
    from re import _constants as c

    upper = how.upper
    for op, av in items:
        if op is c.LITERAL:
            ch = chr(av)
            if how.odd and ch in _ODD_CASE and rng.random() < how.odd:
                out.append(_ODD_CASE[ch])
                continue
            out.append(ch.upper() if upper and rng.random() < upper else ch)
        elif op is c.NOT_LITERAL:
            pool = [ch for ch in how.fill or "e x7," if ch != chr(av)]
            if not pool:
                return False
            out.append(rng.choice(pool))
        elif op is c.ANY:
            out.append(rng.choice(how.fill or "ex 7"))
        elif op is c.IN:
            if av and av[0][0] is c.NEGATE:
                banned = set()
                for o, a in av[1:]:
                    if o is c.LITERAL:
                        banned.add(chr(a))
                    elif o is c.RANGE:
                        banned.update(map(chr, range(a[0], a[1] + 1)))
                    elif o is c.CATEGORY:
                        banned.update({c.CATEGORY_SPACE: " \n\t", c.CATEGORY_DIGIT: "0123456789",
                                       c.CATEGORY_WORD: "ex7_"}.get(a, ""))
                pool = [ch for ch in how.fill or "ex 7," if ch not in banned]
                if not pool:
                    return False
                out.append(rng.choice(pool))
                continue
            chars = []
            for o, a in av:
                if o is c.LITERAL:
                    chars.append(chr(a))
                elif o is c.RANGE:
                    chars.append(chr(rng.randint(*a)))
                elif o is c.CATEGORY and (ch := _category_char(c, a, rng)) is not None:
                    chars.append(ch)
                else:
                    return False
            ch = rng.choice(chars)
            out.append(ch.upper() if upper and rng.random() < upper else ch)
        elif op is c.BRANCH:
            if not _sample_items(rng.choice(av[1]).data, rng, out, how):
                return False
        elif op is c.SUBPATTERN:
            if not _sample_items(av[-1].data, rng, out, how):
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            for _ in range(rng.randint(av[0], min(av[1], av[0] + 2))):
                if not _sample_items(av[2].data, rng, out, how):
                    return False
        elif op is getattr(c, "ATOMIC_GROUP", None):
            if not _sample_items(av.data, rng, out, how):
                return False
        elif op is c.CATEGORY and (ch := _category_char(c, av, rng)) is not None:
            out.append(ch)
        elif op is c.ASSERT:
            # a look-ahead (or look-behind) that must hold: its text is drawn where it stands, which is
            # right for a trailing look-ahead ("cycle(?= review)"); the caller's search drops the rest
            if not _sample_items(av[1].data, rng, out, how):
                return False
        elif op not in (c.AT, c.ASSERT_NOT):
            return False
    return True


def sample_matches(rx: re.Pattern, n: int = 1000, seed: int = 0, before: str = "The ministry said ",
                   after: str = " in 2005.", odd: float = 0.0, fill: str | None = None) -> list[str]:
    """Up to `n` random texts `before + m + after` where m is drawn from the regex's own parse tree
    (every alternative, repeat count, character class; white space as spaces, runs, line breaks and
    tabs; letters upper-cased at random when the regex ignores case; a look-ahead's text drawn in
    place) and the text is kept only when
    `rx.search` finds a match in it. With `odd` (for a regex that ignores case), a literal s, i or k
    is drawn as long s, dotless i or the Kelvin sign with that probability (re.I matches them); with
    `fill`, a '.', negated class or not-literal draws from those characters (e.g. mostly spaces, so
    that a word boundary after it holds more often), less any the item leaves out.
    For tests: a prefilter derived from the regex must let every one of them through (see
    `prefilter_misses`)."""
    import random
    from re import _parser as sre_parse

    rng = random.Random(seed)
    tree = sre_parse.parse(rx.pattern, rx.flags).data
    how = _How(0.2 if rx.flags & re.I else 0.0, odd, fill)
    out = []
    for _ in range(n):
        parts: list[str] = []
        if _sample_items(tree, rng, parts, how):
            text = before + "".join(parts) + after
            if rx.search(text):
                out.append(text)
    return out


def prefilter_misses(rx: re.Pattern, passes, n: int = 1000, seed: int = 0, minimum: int = 100,
                     **wrap) -> list[str]:
    """The sampled texts (sample_matches) that `rx` matches but `passes(text)` rejects: a test of a
    rule's prefilter asserts this is empty. Raises AssertionError when fewer than `minimum` texts
    could be generated (the regex holds something the sampler cannot draw): a check that samples
    nothing proves nothing."""
    texts = sample_matches(rx, n, seed, **wrap)
    if len(texts) < minimum:
        raise AssertionError(f"only {len(texts)} of {n} sampled texts match {rx.pattern[:80]!r}")
    return [t for t in texts if not passes(t)]


def keywords_pass(keywords):
    """passes(text) for prefilter_misses: whether the lower-cased text holds one of the module's
    KEYWORDS (the pipeline's one-pass prefilter sends a sentence to a module only then)."""
    kws = tuple(k.lower() for k in keywords)
    return lambda text: any(k in text.lower() for k in kws)
