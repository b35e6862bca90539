"""bench.learned_filter: the candidate generator, the arms and the training/CV path on small inputs."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench import learned_filter as lf


def by_key(cands):
    return {(c.feature, c.value): c for c in cands}


def test_candidates_numbers_as_nte_writes_them():
    text = ("Police conducted 37 300 raids in 2005 and seized 1.5 million discs. "
            "Twelve people were convicted. Customs carried out a dozen inspections.")
    got = by_key(lf.candidates("D", text))
    assert ("raids", "37300") in got
    assert ("seizures", "1500000") in got
    assert ("criminal_convictions", "12") in got
    assert ("raids", "12") in got
    assert got[("raids", "37300")].x["nearest"] == 1 and got[("raids", "37300")].x["cue_after"] == 1
    assert got[("raids", "2005")].x["year_like"] == 1


def test_candidates_only_in_enforcement_sentences_and_context_flags():
    assert lf.candidates("D", "The economy grew 5 percent in 2005.") == []
    text = "The law provides for fines of up to 500 dollars. Courts may not impose 3 fines."
    got = by_key(lf.candidates("D", text))
    assert got[("fines", "500")].x["statute_near"] == 1 and got[("fines", "500")].x["money"] == 1
    assert got[("fines", "3")].x["modal"] == 1 and got[("fines", "3")].x["neg_sent"] == 1


def test_candidates_range_and_rule_features():
    text = "Fines in recent cases ranged from 10,000 to 51,000 dollars."
    rule = {("D", "fines", "10000", "")}
    got = by_key(lf.candidates("D", text, rule))
    assert got[("fines", "10000")].x["rule_same"] == 1 and got[("fines", "51000")].x["rule_same"] == 0
    assert got[("criminal_cases_initiated", "10000")].x["rule_value"] == 1
    assert "rule_same" not in lf._x(got[("fines", "10000")], ctx=True)


def test_arms():
    rules = {("D", "raids", "5", ""), ("D", "fines", "0", "")}
    probs = {("D", "raids", "5", ""): 0.2, ("D", "seizures", "9", ""): 0.9}
    assert lf.arm_keys("rules", 0.5, rules, probs) == rules
    assert lf.arm_keys("classifier", 0.5, rules, probs) == {("D", "seizures", "9", "")}
    assert lf.arm_keys("rules+cls/ctx", 0.5, rules, probs) == rules | {("D", "seizures", "9", "")}
    # a rule fact with no candidate ("no convictions" = 0) is kept by the veto
    assert lf.arm_keys("rules-veto", 0.5, rules, probs) == {("D", "fines", "0", "")}
    assert lf.prf({1, 2}, {2, 3})["f1"] == pytest.approx(0.5)


def _doc(i: int, good: bool) -> lf.Doc:
    if good:
        text = f"Police conducted {10 + i} raids and {i + 2} persons were convicted in the {i + 3} cases."
        gold = {(f"N{i}", "raids", str(10 + i), ""), (f"N{i}", "criminal_convictions", str(i + 2), "")}
        rules = {(f"N{i}", "raids", str(10 + i), "")}
    else:
        text = f"The law sets fines of up to {100 + i} dollars and prison terms of {i + 1} years."
        gold, rules = set(), set()
    return lf.Doc(f"N{i}", "nte", [text], rules, gold)


def test_training_and_cv_on_small_inputs():
    docs = [_doc(i, i % 2 == 0) for i in range(12)]
    cands = {d.id: lf.doc_candidates(d) for d in docs}
    assert sum(c.y for cs in cands.values() for c in cs) == 12   # two gold facts in each of 6 documents
    cv = lf.cross_validate(docs, cands, folds=3, repeats=1)
    assert cv[("all", "rules", 0.5)]["r"] == pytest.approx(0.5) and cv[("all", "rules", 0.5)]["p"] == 1.0
    arm, t = lf.choose(cv)
    assert arm in lf.ARMS and cv[("all", arm, t if arm != "rules" else 0.5)]["f1"] >= cv[("all", "rules", 0.5)]["f1"]
    model = lf.fit([c for cs in cands.values() for c in cs])
    probs = lf.key_probs(model, cands["N0"])
    assert probs[("N0", "criminal_convictions", "2", "")] > probs[("N0", "criminal_convictions", "3", "")]
    assert lf.top_weights(model, 3)


def test_no_shared_corpus_and_held_out_refused(tmp_path: Path):
    assert lf.cable_docs(tmp_path) == []
    with pytest.raises(SystemExit):
        lf.main(["--train-halves", "dev,test"])
    with pytest.raises(SystemExit):          # the held-out enforcement sample of the last round
        lf.main(["--train-halves", "dev,focus2"])
    with pytest.raises(SystemExit):
        lf.main(["--train-halves", "dev", "--score-half", "dev"])


@pytest.mark.parametrize("argv", [["--score-half", "focus4"], ["--train-halves", "dev,focus3"]])
def test_embed_filter_refuses_held_out_halves(argv):
    from bench import embed_filter
    with pytest.raises(SystemExit):
        embed_filter.main(argv)
