"""Recommendation and placement phrasings written for these tests (none is from the corpus): the post's
own recommendation must come out exactly right or not at all -- an option it turns down, industry's or
USTR's view, a hypothetical, a question or another country's recommendation is never the label."""
from __future__ import annotations

import pytest

from warehouse.extract import DocContext, extract_facts

CTX = DocContext(country_iso3="PER", kind="cable")


def recs(text: str, ctx: DocContext = CTX) -> set[tuple]:
    return {(f.value, f.qualifier) for f in extract_facts(text, ctx) if f.feature == "recommended_status"}


def listed(text: str, ctx: DocContext = CTX) -> set[tuple]:
    return {(f.value, f.ref_year) for f in extract_facts(text, ctx) if f.feature == "listed_status_mentioned"}


@pytest.mark.parametrize("text,expected", [
    # the option turned down is not the recommendation; the positive one is
    ("Post does not believe Peru should be elevated to the Priority Watch List and recommends it remain on the "
     "Watch List.", ("WL", "maintain")),
    ("Post does not believe that Peru merits elevation to the Priority Watch List, and recommends that it remain "
     "on the Watch List.", ("WL", "maintain")),
    ("Post recommends against moving Peru to the Priority Watch List; it should remain on the Watch List.",
     ("WL", "maintain")),
    ("Post recommends that Peru stay on the Watch List rather than be moved to the Priority Watch List.",
     ("WL", "maintain")),
    ("Post recommends that Peru be kept on the Watch List, not elevated to the Priority Watch List.", ("WL", "maintain")),
    ("Post recommends that Peru remain on the Priority Watch List, and not be designated a Priority Foreign Country.",
     ("PWL", "maintain")),
    # alone, a turned-down option says where the country stays
    ("Post recommends against elevating Peru to the Priority Watch List.", ("WL", "maintain")),
    ("Post does not recommend elevating Peru to the Priority Watch List.", ("WL", "maintain")),
    ("Post does not support moving Peru to the Priority Watch List.", ("WL", "maintain")),
    ("Post cannot recommend removing Peru from the Watch List at this time.", ("WL", "maintain")),
    ("Post recommends that Peru not be removed from the Watch List.", ("WL", "maintain")),
    ("Post would oppose any move to elevate Peru to the Priority Watch List.", ("WL", "maintain")),
    ("Post recommends neither elevation to the Priority Watch List nor removal from the Watch List.", ("WL", "maintain")),
    ("Post recommends that Peru be neither removed from the Watch List nor elevated.", ("WL", "maintain")),
    ("We see no reason to change Peru's Watch List status this year.", ("WL", "maintain")),
    ("We see no justification for elevating Peru to the Priority Watch List.", ("WL", "maintain")),
    ("We do not recommend any change to Peru's placement on the Watch List.", ("WL", "maintain")),
    # industry's view reported beside the post's: only the post's counts
    ("IIPA recommends that Peru be elevated to the Priority Watch List; post disagrees and recommends that Peru "
     "remain on the Watch List.", ("WL", "maintain")),
    ("Post disagrees with industry's recommendation to elevate Peru to the Priority Watch List and recommends Peru "
     "remain on the Watch List.", ("WL", "maintain")),
    ("Post does not support IIPA's call to elevate Peru to the Priority Watch List, and instead recommends that "
     "Peru remain on the Watch List.", ("WL", "maintain")),
    ("Contrary to IIPA, which recommends the Priority Watch List, post recommends the Watch List for Peru.",
     ("WL", "maintain")),
    ("Post recommends that Peru remain on the Watch List, noting that IIPA favors the Priority Watch List.",
     ("WL", "maintain")),
    # other verbs and forms of the post's voice
    ("Embassy endorses continued Watch List status for Peru.", ("WL", "maintain")),
    ("Embassy urges that Peru be maintained on the Watch List.", ("WL", "maintain")),
    ("Embassy proposes that Peru be moved to the Priority Watch List.", ("PWL", "elevate")),
    ("EMBASSY LIMA RECOMMENDS THAT PERU REMAIN ON THE WATCH LIST.", ("WL", "maintain")),
    ("Post, like IIPA, recommends that Peru remain on the Watch List.", ("WL", "maintain")),
    ("Embassy Lima's recommendation is that Peru remain on the Watch List.", ("WL", "maintain")),
    ("Our recommendation is that Peru remain on the Watch List.", ("WL", "maintain")),
    ("Post continues to believe that Peru belongs on the Watch List.", ("WL", "maintain")),
    ("Post does not believe that Peru has made enough progress to be removed from the Watch List and recommends "
     "that it remain there.", ("WL", "maintain")),
    ("Post recommends that Peru remain on the WL.", ("WL", "maintain")),
    # moves: the list left is not the recommendation
    ("Post recommends that Peru be moved from the Watch List (WL) to the Priority Watch List (PWL).", ("PWL", "elevate")),
    ("Post recommends that Peru be dropped from the Priority Watch List to the Watch List.", ("WL", "lower")),
    ("Post recommends that Peru be removed from the Priority Watch List and placed on the Watch List.", ("WL", "lower")),
    ("Post recommends that Peru, which has been on the Watch List since 2001, be elevated to the Priority Watch List.",
     ("PWL", "elevate")),
    ("Post recommends that Peru, currently on the Priority Watch List, be moved to the Watch List.", ("WL", "lower")),
    ("Post recommends Peru be designated a Priority Foreign Country.", ("PFC", "elevate")),
    ("Post recommends that Peru be returned to the Watch List.", ("WL", "add")),
    ("Post recommends that USTR keep Peru off the Watch List.", ("none", "maintain")),
    ("Post recommends that Peru remain off the Special 301 lists.", ("none", "maintain")),
    # several verbs or countries: this year's, the document country's
    ("Last year post recommended that Peru be elevated to the Priority Watch List; this year post recommends that "
     "it remain on the Watch List.", ("WL", "maintain")),
    ("Post recommends that Peru remain on the Watch List; if the bill stalls, post would support elevation to the "
     "Priority Watch List next year.", ("WL", "maintain")),
    ("Post recommends that Ecuador be added to the Watch List and that Peru remain on the Priority Watch List.",
     ("PWL", "maintain")),
    ("Post recommends the following: Peru - Watch List; Ecuador - Priority Watch List.", ("WL", "maintain")),
    ("Post recommends removing Peru from the Watch List; IIPA favors the Priority Watch List.", ("none", "remove")),
    # the action from the clause's own verb, never from the list's name
    ("Embassy recommends the Priority Watch List for Peru in 2010.", ("PWL", "maintain")),
    ("Post recommends that Peru be watchlisted.", ("WL", "add")),
    ("Post recommends that Peru be downgraded from the Priority Watch List.", ("WL", "lower")),
    ("Post recommends that Peru not be lowered from the Priority Watch List.", ("PWL", "maintain")),
    ("Post recommends that USTR not lower Peru to the Watch List.", ("PWL", "maintain")),
    ("Post recommends keeping Peru on the Priority Watch List instead of downgrading it to the Watch List.",
     ("PWL", "maintain")),
    ("Post recommends that Peru be dropped to the Watch List.", ("WL", "lower")),
    ("Post recommends that Peru be removed from the \"Watch List\".", ("none", "remove")),
    ("POST RECOMMENDS THAT PERU REMAIN ON THE SPECIAL 301 PRIORITY WATCH LIST (PWL) FOR 2005.", ("PWL", "maintain")),
    ("In our view, Peru should remain on the Watch List.", ("WL", "maintain")),
    ("Post recommends that USTR raise Peru to the Priority Watch List.", ("PWL", "elevate")),
    ("Post recommends that the Department note Peru's progress and keep it on the Watch List.", ("WL", "maintain")),
    ("Post recommends that Peru, which can do more, remain on the Watch List.", ("WL", "maintain")),
    ("Post recommends that Peru graduate from the Watch List.", ("none", "remove")),
    ("We do not believe that Peru should be removed from the Watch List at this time.", ("WL", "maintain")),
])
def test_posts_recommendation(text, expected):
    assert recs(text) == {(expected[0], f"action={expected[1]}")}


@pytest.mark.parametrize("text", [
    # hypotheticals, questions, requests, past cycles
    "If Peru fails to pass the implementing legislation, post would recommend elevation to the Priority Watch List.",
    "Should Peru fail to enact the law by June, post would recommend elevating it to the Priority Watch List.",
    "Were Peru to backslide, post would recommend elevation to the Priority Watch List.",
    "Absent significant progress, post would recommend elevating Peru to the Priority Watch List.",
    "Once the law is passed, post would recommend removing Peru from the Watch List.",
    "Post will recommend elevation to the Priority Watch List if the bill is not passed by March.",
    "Post believes that, if Peru fails to act, it should be elevated to the Priority Watch List.",
    "The Minister asked whether post would recommend removing Peru from the Watch List.",
    "Would post recommend removing Peru from the Watch List?",
    "Minister Garcia asked that post recommend removing Peru from the Watch List.",
    "In 2007 post recommended the Priority Watch List.",
    "Post recommended elevation to the Priority Watch List, but USTR kept Peru on the Watch List.",
    # someone else's recommendation or mission
    "A WIPO mission recommends that Peru be placed on the Priority Watch List.",
    "We note that IIPA recommends that Peru be placed on the Priority Watch List.",
    "IIPA recommends that USTR keep Peru on the Watch List in 2009.",
    # another country, aims, reviews, a removal that names no destination
    "Post recommends that Ecuador be elevated to the Priority Watch List.",
    "Post recommends that the Watch List be expanded to include Ecuador.",
    "Embassy supports the GOP's efforts to be removed from the Watch List.",
    "We urge the GOP to take the steps needed to get off the Watch List.",
    "Post recommends that the GOP avoid Priority Watch List status by passing the law.",
    "Post recommends that the GOP be told that it is at risk of elevation to the Priority Watch List.",
    "Post recommends an out-of-cycle review of Peru's Watch List status.",
    "Post recommends that Washington engage the GOP on IPR before the Special 301 review; Peru is currently on "
    "the Watch List.",
    "Post recommends that Peru be removed from the Priority Watch List.",
    "Post recommends that Peru not be designated a Priority Foreign Country.",
    # the list's name in a sentence that recommends something else
    "We agree with the Minister that the Watch List designation is unfair.",
    "We believe the GOP should focus on enforcement, given its Watch List status.",
    "Post recommends that the Department provide training funds; Peru remains on the Watch List.",
    "We recommend that USTR acknowledge Peru's progress in the Watch List entry.",
    "Post recommends that USTR reference the Priority Watch List countries' experience in its talks with Peru.",
    # a verb the action rules do not know: no guessed action
    "Post recommends that Peru be reinstated on the Watch List.",
    "In our view, the GOP should do more, given its Watch List status.",
    "In the opinion of IIPA, Peru should be elevated to the Priority Watch List.",
    # the list in a message the post recommends delivering, or in a prediction
    "We recommend that the Secretary raise Special 301 concerns, including Peru's Watch List status, with the Minister.",
    "Post recommends that the Ambassador warn the GOP that Peru could be elevated to the Priority Watch List.",
    "Post recommends that Washington remind the GOP that it remains on the Watch List.",
    "Post recommends that USTR explain to the GOP what it must do to be removed from the Watch List.",
    "Post recommends that the Minister be told that Peru will be elevated to the Priority Watch List absent action.",
    "We recommend that USTR brief the GOP on the Special 301 process and Peru's Watch List placement.",
    "Post recommends that the USG use the threat of elevation to the Priority Watch List as leverage.",
])
def test_not_a_recommendation(text):
    assert recs(text) == set()


def test_recommendation_year_is_not_a_side_remark():
    got = {(f.value, f.ref_year) for f in extract_facts(
        "We recommend that Peru remain on the Watch List, as it has been since 1995.", CTX)
        if f.feature == "recommended_status"}
    assert got == {("WL", None)}
    got = {(f.value, f.ref_year) for f in extract_facts(
        "Post recommends that Peru remain on the Watch List for the 2009 Special 301 Report.", CTX)
        if f.feature == "recommended_status"}
    assert got == {("WL", 2009)}


@pytest.mark.parametrize("text,expected", [
    ("In April 2008, USTR placed Peru on the Priority Watch List.", {("PWL", 2008)}),
    ("Peru was elevated to the Priority Watch List in 2004 and returned to the Watch List in 2006.",
     {("PWL", 2004), ("WL", 2006)}),
    ("The 2009 Special 301 Report retained Peru on the Watch List.", {("WL", 2009)}),
    ("In 2008, Peru was on the Watch List; in 2009 it was elevated to the Priority Watch List.",
     {("WL", 2008), ("PWL", 2009)}),
    ("Peru was removed from the Priority Watch List in 2005 and placed on the Watch List.", {("WL", 2005)}),
    ("Peru, unlike Chile, is not on the Priority Watch List.", set()),   # not on the PWL is not 'on no list'
    ("Peru is subject to Section 306 monitoring.", {("306", None)}),
    ("Paraguay has been subject to Section 306 monitoring since 1998.", set()),   # another country
    ("Peru has never been on the Priority Watch List.", set()),
    ("The GOP worries that Peru could be elevated to the Priority Watch List.", set()),
    ("Peru may be moved to the Priority Watch List if the law is not passed.", set()),
])
def test_listed_status_mentions(text, expected):
    assert listed(text) == expected


def test_section_306_for_the_document_country_among_others():
    ctx = DocContext(country_iso3="PRY", kind="cable")
    assert listed("China and Paraguay are subject to Section 306 monitoring.", ctx) == {("306", None)}
    assert recs("Post recommends that Paraguay remain on the Watch List.", ctx) == {("WL", "action=maintain")}


# --- issue 11, round 3: a placement "with an out-of-cycle review" announces one ---

def ocr(text: str, ctx: DocContext = CTX) -> set[str]:
    return {f.value for f in extract_facts(text, ctx) if f.feature == "out_of_cycle_review"}


@pytest.mark.parametrize("text,expected", [
    ("Peru was kept on the Watch List in the 2015 Special 301 Report with an out-of-cycle review to monitor "
     "progress on its new copyright law.", {"announced"}),
    ("USTR placed Peru on the Priority Watch List with an Out-of-Cycle Review focused on pharmaceutical "
     "data protection", {"announced"}),
    # look-alikes: a review someone asks for; concerns with a review
    ("Industry asked that Peru be placed on the Priority Watch List with an out-of-cycle review.", set()),
    ("The Ministry disagreed with an out-of-cycle review of its record.", set()),
])
def test_placement_with_an_out_of_cycle_review(text, expected):
    assert ocr(text) == expected
