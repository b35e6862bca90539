"""Word lists the extraction rules share: one place to add a word, every rule that uses it sees it.

Rules build their patterns from these lists with `alt()`; prefilters and keyword sets are derived
from the compiled patterns (fastmatch.required_words / literal_stems), never written by hand.
Each list is a tuple of lower-case words or short phrases; spaces stand for any white space.
Extend a list in its own section; keep module-specific vocabulary in the module.
"""
from __future__ import annotations

# "about 300", "more than 1200", "a total of 45": words that may stand between a verb and its number
APPROXIMATORS = ("a total of", "some", "about", "approximately", "approx.", "around", "roughly", "over",
                 "more than", "nearly", "almost", "close to", "at least", "up to")

# verbs of possibility and of the future: a figure or act under them is not a reported outcome
MODALS = ("could", "would", "might", "may", "will", "shall", "should", "must")

# plans, promises and expectations: what is intended is not yet done
INTENTIONS = ("plans", "plan", "planned", "pledged", "promised", "intends", "intend", "aims", "aim",
              "expects", "expect", "hopes", "hope", "proposed", "proposes", "propose", "seeks to",
              "expected to", "projected to", "forecast to", "predicted to")

# negation of an act or a power
NEGATIONS = ("not", "no", "never", "cannot", "can not", "could not", "unable", "does not", "do not",
             "did not", "has not", "have not", "had not", "is not", "are not", "was not", "were not",
             "will not", "would not", "may not", "lack", "lacks", "lacked", "lacking", "without")

# what a law provides (a penalty written into a statute is not an outcome)
STATUTE_WORDS = ("maximum", "minimum", "up to", "as high as", "ranging", "punishable", "permits",
                 "permit", "provides for", "provide for", "penalties of", "penalty of", "carries",
                 "imposes", "sets", "raises the", "statutory")


def alt(words, *, boundary: bool = True) -> str:
    """A non-capturing regex alternation of `words` (longest first, spaces match any white space),
    with a word boundary before and after each word unless `boundary` is False (after a word that
    ends in punctuation, such as "approx.", no boundary is needed)."""
    import re
    parts = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        body = re.escape(w).replace(r"\ ", r"\s+")
        parts.append(body + (r"\b" if boundary and w[-1:].isalnum() else ""))
    joined = "|".join(parts)
    return rf"\b(?:{joined})" if boundary else f"(?:{joined})"


# ---- y-enf3 (enforcement, round 7) -------------------------------------------------------------
# adverbs of focus between a verb and its number ("the courts concluded only 19 cases", "fines of
# just 40"): they leave the figure as it is (an approximator may follow: "only about 20")
FOCUS_ADVERBS = ("only", "just", "merely", "a mere")
