"""Ex officio statements as USTR's NTE chapters, IIPA submissions and cables phrase them (written
for these tests, not copied from any report): generic enforcement that waits for right holders,
self-help burdens, absent government-initiated enforcement, cognizable offences, laws allowing
customs to act, the power named under a law beside its unused practice; each construction with
look-alikes that must give nothing. Every phrasing is also tried in the NTE form (commas and the
final full stop stripped). The second half proves that the module's prefilters, derived from its
rules, let every match of every rule through."""
from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings, strategies as st

from warehouse.extract import DocContext, exofficio, extract_facts
from warehouse.extract.common import Sentence
from warehouse.extract.fastmatch import sample_matches
from warehouse.extract.text import SentenceFinder

CTX = DocContext(country_iso3="IDN", kind="other")
C, P = "ex_officio_customs", "ex_officio_police"


def exo(text: str, ctx: DocContext = CTX) -> set[tuple[str, str]]:
    """(feature, value) of every ex officio fact in the text."""
    return {(f.feature, f.value) for f in extract_facts(text, ctx) if f.feature.startswith("ex_officio_")}


def nte_form(text: str) -> str:
    """The text as the NTE package gives it: commas stripped, the final full stop gone."""
    return text.replace(",", "").rstrip(".")


PHRASINGS = [
    # ---- the USTR-voice statements
    ("Customs officials lack authority to seize suspected goods on their own initiative.", {(C, "lacks")}),
    ("Legislation granting customs officials ex officio authority is pending.", {(C, "pending")}),
    ("Legislation that would grant ex officio authority to customs officials remains pending before the "
     "legislature.", {(C, "pending")}),
    ("Police and prosecutors lack ex officio authority.", {(P, "lacks")}),
    ("Enforcement depends on complaints by rights holders.", {(P, "lacks")}),
    # ---- a provision the law does not make, or has not yet made
    ("Indonesia has not yet provided customs with ex officio authority.", {(C, "lacks")}),
    ("The Customs Law does not provide customs officials with ex officio authority.", {(C, "lacks")}),
    ("Current regulations do not give border officials the power to act ex officio.", {(C, "lacks")}),
    # ---- enforcement by a generic agent that waits for right holders: police / prosecutors lack it
    ("IPR enforcement in Indonesia depends largely on complaints filed by right holders.", {(P, "lacks")}),
    ("The authorities act only upon complaints from rights holders.", {(P, "lacks")}),
    ("Enforcement officials take action only after receiving a complaint from the right holder.", {(P, "lacks")}),
    ("The government only responds to infringement cases brought to its attention by right holders.",
     {(P, "lacks")}),
    ("Authorities respond only to complaints brought by trademark owners.", {(P, "lacks")}),
    ("The government acts only on IPR complaints.", {(P, "lacks")}),
    ("It seems the authorities only respond to IP disputes brought before the courts.", {(P, "lacks")}),
    ("Criminal enforcement remains complaint-driven.", {(P, "lacks")}),
    ("Enforcement is no longer complaint-driven.", {(P, "has")}),
    ("The government does not take enforcement action on its own initiative.", {(P, "lacks")}),
    ("Enforcement authorities do not act ex officio against pirated goods.", {(P, "lacks")}),
    ("Under the 2009 law, enforcement authorities may act ex officio against counterfeiters.", {(P, "has")}),
    # ---- self-help: the burden of enforcement left to right holders
    ("The system places the burden of enforcement on right holders, who must bring their own civil actions.",
     {(P, "lacks")}),
    ("The burden of enforcement falls almost entirely on rights holders.", {(P, "lacks")}),
    ("Enforcement is left largely to right holders, who must pursue infringers through the courts.", {(P, "lacks")}),
    ("Right holders must investigate infringements themselves and bring legal actions in the courts.", {(P, "lacks")}),
    ("Brand owners are left to police the market themselves.", {(P, "lacks")}),
    ("The regime places a burden on brand owners to do their own policing of the market.", {(P, "lacks")}),
    # ---- government-initiated enforcement said not to exist (a practice: low confidence)
    ("Government-initiated enforcement is virtually non-existent.", {(P, "lacks")}),
    ("Ex officio enforcement actions by the police are virtually nonexistent.", {(P, "lacks")}),
    ("There is almost no government-initiated enforcement against counterfeit goods.", {(P, "lacks")}),
    # ---- cognizable offences: police may act on their own
    ("Copyright infringement is a cognizable offense, so police may arrest suspects without a warrant.",
     {(P, "has")}),
    ("The 2012 amendments made trademark counterfeiting a \u201ccognizable\u201d offence.", {(P, "has")}),
    ("Copyright infringement remains a non-cognizable offense.", {(P, "lacks")}),
    # ---- a law allowing customs to check imports for infringement
    ("A 2004 decree authorizes customs officials to detain suspected counterfeit imports.", {(C, "has")}),
    ("The new customs regulation allows customs officers to inspect shipments for infringing goods.", {(C, "has")}),
    ("The government adopted a regulation in 2007 empowering Customs to verify whether imports infringe "
     "trademarks.", {(C, "has")}),
    ("In 2003 the government implemented a decree allowing customs to check imports for pirated goods.",
     {(C, "has")}),
    ("Customs officials are now authorized to seize pirated goods at the border.", {(C, "has")}),
    ("A draft law would allow customs officials to detain suspected counterfeit imports.", {(C, "pending")}),
    ("Customs officials are not authorized to seize counterfeit goods.", {(C, "lacks")}),
    ("Customs officials are authorized to detain suspected counterfeit goods for 10 days.", {(C, "has")}),
    # ---- the power named under a law beats the lack of its use; the strong agent beats 'investigations'
    ("Industry reports a lack of ex officio investigations by customs officials, as authorized under "
     "Indonesian law.", {(C, "has")}),
    ("Customs officials rarely exercise the ex officio authority provided under the Customs Law.", {(C, "has")}),
    ("Criminal investigations by customs officers may now be opened ex officio.", {(C, "has")}),
    ("Industry cites the lack of ex officio raids by customs officers as a concern.", {(C, "lacks")}),
    # ---- two agents, two clauses
    ("Customs authorities do not have ex officio authority, and police require a complaint from the rights "
     "holder.", {(C, "lacks"), (P, "lacks")}),
    ("Customs and police lack ex officio authority.", {(C, "lacks"), (P, "lacks")}),
    ("The lack of ex officio authority for customs and police has hampered enforcement.", {(C, "lacks"), (P, "lacks")}),
    # ---- spellings, laws in force and bills on their way
    ("Customs officials lack ex oficio authority.", {(C, "lacks")}),
    ("The United States welcomes the new law granting customs officials ex officio authority.", {(C, "has")}),
    ("A draft law granting customs officials ex officio authority was approved by the Cabinet and sent to "
     "Parliament.", {(C, "pending")}),
    ("Parliament is considering a new law that would give customs ex officio authority.", {(C, "pending")}),
    ("The new regulation provides that police can no longer raid premises without a complaint from the right "
     "holder.", {(P, "lacks")}),
    ("The new Customs Code does not grant customs officials ex officio authority.", {(C, "lacks")}),
    ("Amendments granting customs ex officio authority are awaiting approval by the Council of Ministers.",
     {(C, "pending")}),
    # ---- the power beside a habit of waiting for complaints
    ("Customs officials have the authority to seize counterfeit goods ex officio, but in practice they require a "
     "complaint from the right holder.", {(C, "has")}),
    # ---- prosecution on request, on an ex officio basis
    ("Prosecutors may initiate criminal IPR cases on an ex officio basis.", {(P, "has")}),
    ("Authorities must wait for a complaint from the rights holder before taking action.", {(P, "lacks")}),
    ("IP crimes are prosecuted only at the request of the right holder.", {(P, "lacks")}),
    ("Under the Criminal Procedure Code, IPR crimes are prosecuted only upon the victim\u2019s complaint.", {(P, "lacks")}),
    ("Customs will seize suspect goods only at the right holder's request.", {(C, "lacks")}),
    ("Police may now raid markets without the brand owner's complaint.", {(P, "has")}),
]

DISTRACTORS = [
    # complaints, enforcement, burdens with no condition on acting
    "The government responded to industry complaints by forming an anti-piracy task force.",
    "Enforcement depends on the resources available to local officials.",
    "Rights holders have filed complaints about the slow pace of enforcement.",
    "The government responds to complaints within 30 days.",
    "The government only responds to questions about IPR policy in writing.",
    "The ministry acts only on complaints from importers about tariff classification.",
    "The law places the burden of proof on the defendant.",
    "The new procedures place a heavy burden on right holders to prove ownership of the mark.",
    "Right holders must bring civil actions to recover damages.",
    "Right holders are left to pursue civil remedies, which are slow and costly.",
    "The burden of enforcement has shifted from right holders to the government.",
    "The government requires right holders to submit applications for customs recordation.",
    "Enforcement officials received 45 complaints from rights holders and conducted 30 raids.",
    "Prosecutors dismissed the case because the right holder withdrew its complaint.",
    "The authorities need more resources to act against online piracy.",
    "The high cost of litigation places a heavy burden on right holders seeking to enforce their patents.",
    "The burden on right holders to enforce their rights in court remains high because of delays.",
    "The government on its own initiative amended the IPR law to extend the term of protection.",
    # habits, rarity and practice are not the power
    "Ex officio raids by police remain rare.",
    "Police rarely act ex officio.",
    "Ex officio investigations by customs officials remain rare.",
    "Government-initiated enforcement increased in 2009, with 300 raids.",
    "Counterfeit pharmaceuticals are virtually non-existent in the market.",
    # administrative ex officio acts of an IP office; 'cognizable' not of an offence
    "The trademark office may ex officio refuse registration of marks identical to well-known marks.",
    "The government may ex officio cancel registrations that were obtained in bad faith.",
    "The court found the claim cognizable under the Civil Code.",
    "Cognizable offenses such as theft take priority over IPR cases.",
    # powers that are not acting on one's own initiative, or not about IPR
    "The law allows customs to destroy seized counterfeit goods.",
    "The regulation allows customs officers to inspect shipments for tariff classification.",
    "The regulation allows customs to detain suspected goods upon the application of the right holder.",
    "A 2010 regulation authorizes customs to stop the import of goods infringing patents upon request of the patent owner.",
    "The law allows customs to share information with right holders about suspect shipments of counterfeit goods.",
    "Customs is authorized to collect duties on imported software.",
    # other countries, questions, doubt
    "Thai customs officials have ex officio authority.",
    "The United States will monitor whether the amendments give customs ex officio authority.",
    "It remains unclear whether police can act ex officio under the new law.",
    "Do customs officials have ex officio authority?",
]


@pytest.mark.parametrize("text,expected", PHRASINGS)
def test_phrasings(text, expected):
    assert exo(text) == expected


@pytest.mark.parametrize("text,expected", PHRASINGS)
def test_phrasings_in_nte_form(text, expected):
    assert exo(nte_form(text)) == expected


@pytest.mark.parametrize("text", DISTRACTORS)
def test_distractors_give_nothing(text):
    assert exo(text) == set()
    assert exo(nte_form(text)) == set()


def test_practice_statements_carry_a_low_confidence():
    """Absent government-initiated enforcement is read as lacking the power, with confidence < 0.5 so
    that a consumer can leave it out; a stated lack of the power keeps its usual confidence."""
    low = extract_facts("Government-initiated enforcement is virtually non-existent.", CTX)
    assert [f.confidence < 0.5 for f in low] == [True]
    high = extract_facts("Police and prosecutors lack ex officio authority.", CTX)
    assert [f.confidence >= 0.6 for f in high] == [True]


def test_other_countrys_agency_in_the_chapter_of_another():
    assert exo("Malaysian customs officials have ex officio authority.") == set()
    assert exo("Malaysian customs officials have ex officio authority.",
               DocContext(country_iso3="MYS", kind="other")) == {(C, "has")}


# ---------------------------------------------------------------- rules as data: the derived gates

_BEFORE = "The report said "


def _clauses(rx: re.Pattern, n: int, seed: int, odd: bool = False) -> list[str]:
    """Up to n texts holding a random match of rx, with words around it (with `odd`, some of its
    letters s, i, k written as the long s, dotless i and Kelvin sign re.I matches to them)."""
    return sample_matches(rx, n, seed, before=_BEFORE, after=" in 2009", odd=0.3 if odd else 0.0,
                          fill="   ae")


GATED = [name for name in exofficio._RULES if exofficio._GATES[name]]


def test_gates_are_derived_and_every_path_rule_has_one():
    """No gate word is written by hand: each comes from required_words of a rule or of a part of it.
    Every rule a path needs has a gate (else every sentence would be read) and no look-around (its
    match in a clause is then a match in the whole sentence, where the path is checked)."""
    for name in exofficio._RULES:
        sets = exofficio._GATES[name]
        parts = [exofficio._RULES[name]] + [re.compile(a, re.I) for a in (
            *([exofficio._KEY_ANCHORS[name]] if name in exofficio._KEY_ANCHORS else []),
            *exofficio._MORE_ANCHORS.get(name, ()))]
        derived = {exofficio._part_words(part) for part in parts} - {None}
        assert set(sets) == derived, name
    for rules in exofficio._PATHS.values():
        for name in rules:
            assert exofficio._GATES[name], name
            assert not exofficio._look_arounds(exofficio._RULES[name]), name
    anchors = {w for rules in exofficio._PATHS.values() for w in exofficio._keyword_set(rules[0])}
    assert set(exofficio.KEYWORDS) <= anchors
    assert all(any(k in w for k in exofficio.KEYWORDS) for w in anchors)


@pytest.mark.parametrize("name", GATED)
def test_every_match_of_every_rule_passes_its_gate(name):
    """About 1,650 random draws of each rule (line breaks, odd spacing and case included): every one
    passes the rule's gate, is found by the lowered rule at its start stems, and, for the anchor rule of
    a path, holds one of the pipeline's KEYWORDS."""
    rx = exofficio._RULES[name]
    anchor_of = any(rules[0] == name for rules in exofficio._PATHS.values())
    texts = _clauses(rx, 1650, seed=len(name) * 7 + 1)
    assert len(texts) > 150, name
    low_rule = getattr(exofficio._RULES_LOW, name)
    for text in texts:
        low = text.lower()
        assert exofficio._open(name, low), (name, text)
        want = rx.search(text)
        got = low_rule.search(low)
        assert got is not None and got.span() == want.span(), (name, text)
        long_text = text + " and" * 100          # past _LONG: the rule is tried at its stems
        assert low_rule.search(long_text.lower()).span() == rx.search(long_text).span(), (name, text)
        if anchor_of:
            assert any(k in low for k in exofficio.KEYWORDS), (name, text)


@pytest.mark.parametrize("name", GATED)
def test_gates_hold_on_text_with_odd_case_letters(name):
    """re.I matches long s, dotless i and the Kelvin sign to s, i and k: the gate form folds them."""
    rx = exofficio._RULES[name]
    for text in _clauses(rx, 380, seed=len(name) * 11 + 3, odd=True):
        assert exofficio._open(name, exofficio._gate_form(text)), (name, text)


# ---------------------------------------------------------------- the prefilters lose no fact

def _ungated_facts(text: str, ctx: DocContext) -> set[tuple]:
    """The ex officio facts of every sentence of the text, read without the pipeline's KEYWORDS and
    with every gate of the module open (the rules alone decide)."""
    from warehouse.extract.text import SentenceFinder, split_sentences
    finder = SentenceFinder(text)
    out = set()
    saved = (exofficio._open, exofficio._gate_bits, exofficio._some_path, exofficio._RULES_LOW)
    exofficio._open = lambda name, low: True
    exofficio._gate_bits = lambda low: -1
    exofficio._some_path = lambda R, subject, bits, found: True
    exofficio._RULES_LOW = exofficio._Lowered(stems=False)
    try:
        for a, b in split_sentences(text):
            for f in exofficio.extract(Sentence(text, a, b, finder), ctx):
                out.add((f.feature, f.value, f.qualifier, f.ref_year))
    finally:
        exofficio._open, exofficio._gate_bits, exofficio._some_path, exofficio._RULES_LOW = saved
    return out


def _gated_facts(text: str, ctx: DocContext) -> set[tuple]:
    return {(f.feature, f.value, f.qualifier, f.ref_year) for f in extract_facts(text, ctx)
            if f.feature.startswith("ex_officio_")}


def _written_texts() -> list[str]:
    import tests.test_extract_general_exo as general
    texts = [t for t, _ in PHRASINGS] + DISTRACTORS
    for name in dir(general):
        for mark in getattr(getattr(general, name), "pytestmark", []):
            if mark.name == "parametrize":
                texts += [v[0] if isinstance(v, tuple) else v for v in mark.args[1]]
    return texts


def test_keywords_and_gates_lose_no_fact_of_the_written_phrasings():
    texts = _written_texts()
    assert len(texts) > 150
    for text in texts:
        for t in (text, nte_form(text)):
            assert _gated_facts(t, CTX) == _ungated_facts(t, CTX), t


_AGENTS = ["Customs officials", "The police", "Prosecutors", "Border guards", "The authorities", "Enforcement",
           "The government", "Criminal investigators", "It"]


@pytest.mark.parametrize("name", [*dict.fromkeys(rules[0] for rules in exofficio._PATHS.values()), "pronoun", "holds_it"])
def test_keywords_and_gates_lose_no_fact_of_random_rule_matches(name):
    """Sentences built around random matches of each rule a fact can come from, after an agent and
    after a sentence naming the power: the pipeline finds exactly the facts that reading every sentence
    with every gate open finds."""
    rng = random.Random(len(name))
    for clause in _clauses(exofficio._RULES[name], 140, seed=len(name) * 13 + 5):
        body = clause[len(_BEFORE):]
        agent = rng.choice(_AGENTS)
        text = f"{agent} {body}. Customs officers lack ex officio authority. {agent} said {body}."
        assert _gated_facts(text, CTX) == _ungated_facts(text, CTX), text


def test_the_module_raises_nothing_on_the_written_phrasings():
    """The pipeline swallows an extractor's error; called directly, the module must not raise."""
    from warehouse.extract.text import SentenceFinder, split_sentences
    for text in _written_texts():
        for t in (text, nte_form(text), text.upper(), text.replace("s", "\u017f")):
            finder = SentenceFinder(t)
            for a, b in split_sentences(t):
                exofficio.extract(Sentence(t, a, b, finder), CTX)


_PIECES = ["Police seized 40 discs.", "customs lack ex officio authority", "\n\n", "\n\n  ", "The law", "was amended.",
           "and then", " ", "In 2008 raids rose.", "\n", "x", "."]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30).map("".join), st.lists(st.integers(0, 10**6), max_size=6))
def test_sentence_at_a_position_does_not_depend_on_what_was_asked_before(text, earlier):
    """A blank line followed by lower case is inside a sentence looking backward as forward, so the
    sentence found at a position is the same whichever positions a finder was asked first."""
    for pos in range(0, len(text), 7):
        if text[pos].isspace():      # the pipeline asks at keywords, inside words
            continue
        warm = SentenceFinder(text)
        for e in earlier:
            warm.span_at(e % len(text))
        assert warm.span_at(pos) == SentenceFinder(text).span_at(pos)
