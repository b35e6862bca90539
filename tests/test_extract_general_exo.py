"""Ex officio phrasings written for these tests (not taken from any corpus): complaint and request
conditions, public and private offences, bills, pronouns, other countries' agencies, distractors."""
from __future__ import annotations

import pytest

from warehouse.extract import DocContext, extract_facts

CTX = DocContext(country_iso3="IDN", kind="cable")


def exo(text: str, ctx: DocContext = CTX) -> set[tuple[str, str]]:
    """(feature, value) of every ex officio fact in the text."""
    return {(f.feature, f.value) for f in extract_facts(text, ctx) if f.feature.startswith("ex_officio_")}


C, P = "ex_officio_customs", "ex_officio_police"


@pytest.mark.parametrize("text,expected", [
    # a complaint, request or court order needed before acting: no ex officio power
    ("Police need a formal complaint from the rights holder before they can act.", {(P, "lacks")}),
    ("Police still need a formal complaint to act.", {(P, "lacks")}),
    ("Police action requires a complaint from the rights holder.", {(P, "lacks")}),
    ("Criminal IPR investigations require a complaint by the right holder.", {(P, "lacks")}),
    ("A complaint from the right holder is still required before police can open a case.", {(P, "lacks")}),
    ("Customs officers cannot detain goods without a court order or a complaint from the rights holder.", {(C, "lacks")}),
    ("Customs may act only at the request of the rights holder.", {(C, "lacks")}),
    ("Customs still requires a formal application from right holders before detaining goods.", {(C, "lacks")}),
    ("Right holders must file an application with customs before customs can detain shipments.", {(C, "lacks")}),
    ("Customs will not detain goods unless the right holder files an application.", {(C, "lacks")}),
    ("Ministry officials said police could not act until a rights holder filed a complaint.", {(P, "lacks")}),
    ("The police will not act without a complaint.", {(P, "lacks")}),
    ("Police cannot raid without a written complaint.", {(P, "lacks")}),
    ("Under the Copyright Law, infringement is prosecuted only upon complaint.", {(P, "lacks")}),
    ("Criminal cases under Article 184 of the Criminal Code are initiated only on the basis of a statement by the "
     "right holder.", {(P, "lacks")}),
    ("Police act only when rights holders complain.", {(P, "lacks")}),
    ("Police raids depend on complaints from rights holders.", {(P, "lacks")}),
    # the need denied: the power is there
    ("The police do not need a complaint from the right holder to open a criminal case.", {(P, "has")}),
    ("Police do not require a complaint from rights holders to initiate raids.", {(P, "has")}),
    ("Police no longer need a complaint from the rights holder to initiate an investigation.", {(P, "has")}),
    ("A complaint from the right holder is no longer required for police to open a case.", {(P, "has")}),
    ("Prosecutors told us they could open cases without waiting for a complaint.", {(P, "has")}),
    ("Prosecutors can initiate cases on their own.", {(P, "has")}),
    ("Prosecutors may file charges independently of the rights holder.", {(P, "has")}),
    ("Bodies of internal affairs shall institute criminal proceedings irrespective of the wishes of the victim.",
     {(P, "has")}),
    ("No complaint from the right holder is required for police to act.", {(P, "has")}),
    ("Police don\u2019t need a complaint from the right holder to open a case.", {(P, "has")}),
    # a habit is not the power; the law's permission is
    ("Rights holders report that police generally wait for a complaint before acting, although the law allows them "
     "to act ex officio.", {(P, "has")}),
    # two agents in two clauses
    ("Customs authorities do not have ex officio authority, and police require a complaint from the rights holder.",
     {(C, "lacks"), (P, "lacks")}),
    # a future law removing the need
    ("Under the new law, police will be able to take action without a complaint from rights holders.", {(P, "pending")}),
])
def test_complaint_and_request_conditions(text, expected):
    assert exo(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("IPR crimes are private offenses.", {(P, "lacks")}),
    ("Copyright infringement is no longer a complaint-based offense under the 2002 Copyright Law.", {(P, "has")}),
    ("Copyright crimes remain complaint-based offenses.", {(P, "lacks")}),
    ("Since 2006 trademark counterfeiting has been a public offense.", {(P, "has")}),
    ("The 2009 amendments made copyright infringement a public offense.", {(P, "has")}),
    ("The amendments changed copyright crimes from private to public offenses.", {(P, "has")}),
    ("The draft law would make IPR violations public offenses.", {(P, "pending")}),
    ("Trademark crimes are public offenses, while copyright crimes remain private offenses.", {(P, "has"), (P, "lacks")}),
    ("IIPA urges Indonesia to make copyright infringement a public offense.", {(P, "lacks")}),
    ("Copyright infringement remains a compoundable offense.", {(P, "lacks")}),
    ("Piracy is now a non-compoundable offense.", {(P, "has")}),
    # items of a recommendation are lacking, even in their own clause
    ("IIPA recommends that the government: (1) provide ex officio authority to customs; (2) amend the Copyright Act "
     "to make piracy a public offense; and (3) establish an IPR court.", {(C, "lacks"), (P, "lacks")}),
])
def test_public_and_private_offences(text, expected):
    assert exo(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Customs has the legal authority to seize counterfeit goods but rarely uses it.", {(C, "has")}),
    ("In theory customs can seize suspect shipments ex officio, but in practice they never do.", {(C, "has")}),
    ("The new customs code, in force since January, grants ex officio powers to customs officers.", {(C, "has")}),
    ("Parliament passed amendments in 2008 giving customs ex officio authority.", {(C, "has")}),
    ("Customs was given ex officio powers in 2006.", {(C, "has")}),
    ("In 2008, a new regulation gave customs officials the authority to detain suspected infringing goods ex officio.",
     {(C, "has")}),
    ("Police are now able to act ex officio.", {(P, "has")}),
    ("Police began acting ex officio in 2007.", {(P, "has")}),
    ("Customs detained 40 shipments ex officio and 12 at the request of right holders.", {(C, "has")}),
    ("The Attorney General's Office can open investigations ex officio.", {(P, "has")}),
    ("Both customs and police have ex officio authority.", {(C, "has"), (P, "has")}),
    ("According to the Ministry, neither customs nor police can act ex officio.", {(C, "lacks"), (P, "lacks")}),
    ("Customs has yet to receive ex officio authority.", {(C, "lacks")}),
    ("The Government has not yet granted customs ex officio authority.", {(C, "lacks")}),
    ("The customs code was amended in 2007 to give customs ex officio authority.", {(C, "has")}),
    ("Border guards lack the authority to seize counterfeit goods.", {(C, "lacks")}),
    ("If customs had ex officio authority, seizures would increase.", {(C, "lacks")}),
    ("Customs should be able to act ex officio.", {(C, "lacks")}),
    ("The absence of ex officio authority for customs hampers border enforcement.", {(C, "lacks")}),
    ("Police officers told EconOff they lacked the authority to act without a complaint from the rights holder.",
     {(P, "lacks")}),
    ("The new Customs Code contains ex officio provisions.", {(C, "has")}),
    ("Customs authority to act ex officio was introduced in 2004.", {(C, "has")}),
    ("The Federal Customs Service does not use its ex officio authority.", {(C, "has")}),
    ("The MVD can initiate criminal cases ex officio, whereas the Prosecutor's Office requires a complaint from the "
     "rights holder.", {(P, "has"), (P, "lacks")}),
    # what was lacking before is there now; what will be lacking until a law passes is lacking
    ("Customs lacked ex officio authority until the 2008 amendments.", {(C, "has")}),
    ("Customs will lack ex officio authority until the law is passed.", {(C, "lacks")}),
    ("Whereas police previously needed a complaint, they can now act ex officio.", {(P, "has")}),
    # "it" here is not the power
    ("Customs officials lack ex officio authority. The Ministry wants to give it more staff.", {(C, "lacks")}),
])
def test_has_and_lacks_phrasings(text, expected):
    assert exo(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Draft amendments to the Customs Code would give customs officers ex officio authority.", {(C, "pending")}),
    ("The GOI has drafted a regulation that would allow customs to act ex officio.", {(C, "pending")}),
    ("Amendments giving customs ex officio powers are expected to be adopted later this year.", {(C, "pending")}),
    ("Parliament is considering amendments that would give customs ex officio authority.", {(C, "pending")}),
    ("Ex officio authority for customs is expected to be included in amendments to the Customs Code this year.",
     {(C, "pending")}),
    ("Customs still lacks ex officio authority, although a draft amendment is pending in the DPR.",
     {(C, "lacks"), (C, "pending")}),
    ("A bill granting ex officio powers to police passed its second reading in the Rada in February 2009 and awaits "
     "the President's signature.", {(P, "pending")}),
    # a bill rejected or vetoed: the power is still lacking; signed: it is there
    ("The Rada rejected a bill that would have given customs ex officio authority.", {(C, "lacks")}),
    ("The President vetoed amendments granting customs ex officio authority.", {(C, "lacks")}),
    ("The President signed amendments granting customs ex officio authority in May 2009.", {(C, "has")}),
    ("Customs lacks ex officio authority, but the draft law would give it.", {(C, "lacks"), (C, "pending")}),
    # a pronoun standing for the power named in the sentence before
    ("Customs officials lack ex officio authority. A bill that would grant it is pending.",
     {(C, "lacks"), (C, "pending")}),
])
def test_pending_bills(text, expected):
    assert exo(text) == expected


@pytest.mark.parametrize("text", [
    "In Malaysia, customs has ex officio authority.",
    "Vietnam's customs service recently gained ex officio authority.",
    "Japanese customs has ex officio authority and seized 30,000 items last year.",
    "U.S. Customs and Border Protection has ex officio authority.",
    "Singapore, by comparison, gave its customs ex officio powers in 2004.",
    # no authority statement
    "Customs collected USD 2 billion in duties in 2008.",
    "Customs officials attended a training seminar on IPR enforcement organized by the embassy.",
    "Customs officials received training on ex officio procedures.",
    "The tax police have no authority to inspect shipments.",
    "Customs officers complained about the lack of storage space for seized goods.",
    "Rights holders filed 120 complaints with police in 2008.",
    "Customs seized goods at the request of the rights holder in 12 cases.",
    "Police raided the market following a complaint from the rights holder.",
    "Customs requires importers to submit applications for tariff exemptions.",
    "Customs cannot destroy seized goods without a court order.",
    "Police cannot hold suspects for more than 48 hours without a court order.",
    "Police must obtain a court order before searching private premises.",
    # acting after a request says nothing of acting without one
    "Customs officials may detain goods for up to 10 days after a right holder files an application.",
    "Once a right holder submits a request, customs officers can suspend the release of the goods.",
    "Once a complaint is filed, police must act within 14 days.",
    "Public prosecution offices in five provinces received IPR training.",
    "Public crimes such as drug trafficking take priority over IPR cases.",
    "The police cannot act on their own budget.",
    "Officials said it was unclear whether customs has ex officio authority.",
    "Customs officials were unsure if they had ex officio authority.",
    "IIPA recommends that police act ex officio against Internet piracy.",
])
def test_distractors_give_nothing(text):
    assert exo(text) == set()


def test_other_country_named_but_the_agent_is_ours():
    assert exo("Unlike Thailand, Indonesian customs lacks ex officio authority.") == {(C, "lacks")}
    assert exo("Unlike Singapore, Indonesia has not given its customs ex officio powers.") == {(C, "lacks")}


def test_it_stands_for_the_power_named_earlier_in_the_sentence():
    per = DocContext(country_iso3="PER", kind="cable")
    assert exo("In Chile, customs lacks ex officio authority, whereas Peruvian customs has it.", per) == {(C, "has")}
    assert exo("Unlike Peruvian customs, Chilean customs lacks ex officio authority.", per) == set()
    assert exo("Police lack ex officio authority, while prosecutors have it.") == {(P, "lacks"), (P, "has")}
    assert exo("Police have ex officio powers; customs does not have them.") == {(P, "has"), (C, "lacks")}


# round 2 (issue 11): constructions found in NTE chapters outside the evaluation samples, written anew
@pytest.mark.parametrize("text,expected", [
    # the power denied by a noun: "the inability of ... to act ex officio", "nothing in the code provides"
    ("Problems persist, including light sentences and the inability of police to act ex officio.", {(P, "lacks")}),
    ("Rights holders cite the inability of customs officers to detain suspect shipments ex officio.", {(C, "lacks")}),
    ("There is nothing in the Customs Code to give customs officers ex officio authority over infringing imports.",
     {(C, "lacks")}),
    # IPR crimes as private rather than public offences
    ("A key weakness of the copyright law is the treatment of piracy as a private rather than a public crime.",
     {(P, "lacks")}),
    ("Trademark counterfeiting remains a complaint-based system under the 2010 law.", {(P, "lacks")}),
    # the power named as granted, by a noun or a participle
    ("The main feature of the new decree is the granting of ex officio authority to police to investigate piracy.",
     {(P, "has")}),
    ("Using ex officio powers granted by the 2006 amendments to the Penal Code, prosecutors opened several cases.",
     {(P, "has")}),
])
def test_round2_constructions(text, expected):
    assert exo(text) == expected
    assert exo(text.replace(",", "")) == expected     # NTE form: commas stripped


@pytest.mark.parametrize("text", [
    "Nothing in the customs regulations was changed in 2009.",
    "The granting of patents remains slow.",
    "Police inability to control crowds at the market was noted.",
    "The public health system is under strain.",
])
def test_round2_lookalikes_give_nothing(text):
    assert exo(text) == set()


# --- issue 11, round 3: making use of the power presupposes the power ---

@pytest.mark.parametrize("text,expected", [
    ("Prosecutors should make greater use of their ex officio authority to open criminal investigations.", {(P, "has")}),
    ("Enforcement remains weak especially in utilizing ex officio authority to pursue criminal cases", {(P, "has")}),
    ("Customs officials rarely exercise their ex officio powers to seize counterfeit shipments.", {(C, "has")}),
    # look-alikes: a power still to be granted, or one asked for
    ("Customs should be granted ex officio authority and use it to seize counterfeit shipments.", {(C, "lacks")}),
    ("The government should obtain and use ex officio authority for prosecutors.", set()),   # (a wish: no has)
])
def test_using_the_power(text, expected):
    assert exo(text) == expected


# --- round 4: practice, conditions on customs, pronoun agents, USTR voice, false facts (written anew) ---

def exo_conf(text: str, ctx: DocContext = CTX) -> set[tuple[str, str, bool]]:
    """(feature, value, confidence < 0.5) of every ex officio fact in the text."""
    return {(f.feature, f.value, f.confidence < 0.5) for f in extract_facts(text, ctx) if f.feature.startswith("ex_officio_")}


@pytest.mark.parametrize("text,expected", [
    # enforcement that in practice waits for right holders: lacking, at the practice confidence
    ("Authorities rarely act without a complaint from the rights holder.", {(P, "lacks", True)}),
    ("Officials generally wait for complaints from industry before taking action against pirates.", {(P, "lacks", True)}),
    ("Police seldom take action unless a rights holder files a complaint.", {(P, "lacks", True)}),
    ("Enforcement officials lack the resources to pursue cases other than those initiated by rights holders.",
     {(P, "lacks", True)}),
    ("Police lack the manpower to conduct raids beyond those requested by copyright owners.", {(P, "lacks", True)}),
    # (these two were distractors before round 4: a habit of waiting for right holders is now read as a practice)
    ("Authorities generally act only on complaints from rights holders.", {(P, "lacks", True)}),
    ("Authorities are reluctant to take action without a complaint from the right holder.", {(P, "lacks", True)}),
    # the law's permission outweighs the habit in the same sentence
    ("While police can take action against pirates without complaints from right holders, they rarely do so.",
     {(P, "has", False)}),
    ("Police generally wait for a complaint before acting, although the law allows them to act ex officio.",
     {(P, "has", False)}),
])
def test_round4_practice(text, expected):
    assert exo_conf(text) == expected
    assert exo_conf(text.replace(",", "")) == expected


@pytest.mark.parametrize("text,expected", [
    # customs acting only after the right holder's bond or an order
    ("Right holders must post a bond equal to the value of the goods before customs will detain a shipment.", {(C, "lacks")}),
    ("The law requires trademark owners to deposit a security of 20 percent before officials will seize a shipment of "
     "counterfeit goods.", {(C, "lacks")}),
    ("Trademark owners seeking border measures must first obtain an order from a judge directing customs to detain "
     "the goods.", {(C, "lacks")}),
    ("Rights holders must obtain an order that instructs customs officers to hold suspect imports.", {(C, "lacks")}),
    # pronoun agents: customs or police named in the sentence before
    ("Customs officials play a limited role in IPR enforcement. They lack the authority to seize counterfeit goods on "
     "their own initiative.", {(C, "lacks")}),
    ("The Customs Service has improved its risk analysis. Its officers cannot seize suspected goods ex officio.",
     {(C, "lacks")}),
    ("Police conducted 200 raids last year. They can now act ex officio.", {(P, "has")}),
    ("The police have set up an IPR unit. They still need a complaint from the right holder before raiding a shop.",
     {(P, "lacks")}),
    # prosecution that does not wait for the right holder
    ("The revised law lets prosecutors bring charges over the objection of the copyright owner.", {(P, "has")}),
    ("Under the amended code, prosecutors have discretion to proceed even over the objections of the right holder.",
     {(P, "has")}),
    # an obligation of the right holder after a treaty sentence is not the treaty's text
    ("Article 51 of the TRIPS Agreement obliges members to provide border measures. Right holders must obtain a court "
     "order before customs will detain suspect goods.", {(C, "lacks")}),
    ("A special police unit was formed to enforce copyright. However, it can only act on a complaint by the copyright "
     "holder; it cannot make arrests on its own initiative.", {(P, "lacks")}),
    # seeking the power: a wish of the agency, the power not there yet
    ("The Ministry of Culture is seeking authority so that it can conduct raids on its own initiative.", {(P, "pending")}),
    ("The prosecutor's office wants the power to investigate piracy on its own initiative.", {(P, "pending")}),
])
def test_round4_constructions(text, expected):
    assert exo(text) == expected
    assert exo(text.replace(",", "")) == expected


@pytest.mark.parametrize("text", [
    # bonds and orders that are not a condition on customs acting
    "Courts require right holders to post a bond before granting a preliminary injunction.",
    "Customs requires importers to post a bond to cover duties.",
    "Raids conducted at the request of right holders rose to 300 in 2008.",
    "Officials generally wait for the court's decision before destroying seized goods.",
    "Police rarely act ex officio.",
    "Prosecutors dropped the case over the objections of the right holder.",
    # a pronoun with no agency before it, or with nothing about the power
    "Rights holders complain about slow courts. They lack the authority to seize goods on their own initiative.",
    "Customs seized 300 shipments in 2009. They lack storage space.",
    # other countries, advice to countries in general, treaty texts
    "Customs authorities in neighboring countries have ex officio authority.",
    "In many countries, police act ex officio against counterfeiters.",
    "Countries should provide customs with ex officio authority.",
    "TRIPS Article 58 permits members to provide customs with ex officio authority.",
    "Under the FTA, Indonesia must empower its customs to act without waiting for a complaint.",
    "The Agreement requires Indonesia to give customs ex officio authority to seize counterfeit goods.",
    "The FTA requires Indonesia to authorize seizure of counterfeit goods. Indonesia also must empower customs to act "
    "without waiting for a formal complaint.",
    # a question or a condition
    "Industry asks whether police can act on their own initiative.",
    "Where customs has ex officio authority, it should use it more aggressively.",
])
def test_round4_lookalikes_give_nothing(text):
    assert exo(text) == set()
    assert exo(text.replace(",", "")) == set()


# --- round 5: self-help policies, private actions, reliance on right holders' evidence, agencies' own investigations,
# powers removed for a complaint-based system, pairs with law enforcement, advice to enact a proposed bill (written anew) ---

@pytest.mark.parametrize("text,expected", [
    # a self-help / self-policing policy: enforcement left to right holders
    ("The government maintains a \u201cself-help\u201d approach to copyright enforcement, leaving right holders to bear the "
     "cost of raids and prosecutions.", {(P, "lacks")}),
    ("Under its self-policing regime, trademark owners carry most of the cost of enforcement.", {(P, "lacks")}),
    ("Industry continues to press the government to end its self help policy on IPR enforcement.", {(P, "lacks")}),
    ("The ministry has not yet abandoned its \"self-help\" policy toward piracy.", {(P, "lacks")}),
    ("Rights holders under the self-help system must hire private investigators to gather evidence.", {(P, "lacks")}),
    ("The burden of enforcement falls on rights holders.", {(P, "lacks")}),
    # the burden of starting raids or prosecutions placed on right holders
    ("Current practice places a heavy burden on copyright owners to initiate raids and bring prosecutions.", {(P, "lacks")}),
    ("The burden of criminal enforcement still rests with rights holders.", {(P, "lacks")}),
    # right holders having to bring private actions
    ("Because infringement is not a crime, right holders must bring private actions to enforce their rights.", {(P, "lacks")}),
    ("The old statute required trademark owners to file private suits against counterfeiters.", {(P, "lacks")}),
    # enforcement that relies on right holders' evidence
    ("Police rely on right holders to supply evidence of infringement before acting.", {(P, "lacks")}),
    ("Prosecutors depend on music companies to furnish proof of piracy.", {(P, "lacks")}),
    ("Police rely heavily on rights holders to identify infringing products.", {(P, "lacks")}),
    # enforcement left to right holders
    ("The government leaves IPR enforcement largely to right holders.", {(P, "lacks")}),
    # a quote mark before ex officio
    ("The decree's main achievement is the granting of \u201c ex-officio authority to enforcement agencies to investigate "
     "and seize counterfeit goods.", {(P, "has")}),
    ("The new code's key provision is the granting of \"ex officio\" powers to government agencies to raid pirate "
     "warehouses.", {(P, "has")}),
    ("The 2010 law contains \"ex officio\" provisions for customs.", {(C, "has")}),
    ("Customs seized 40 containers in \u201cex officio\u201d actions last year.", {(C, "has")}),
    ("Police conducted several \"ex officio\" raids in 2012.", {(P, "has")}),
    # an agency that runs its own investigations and raids
    ("The Economic Police created a copyright unit that now carries out its own investigations and raids.", {(P, "has")}),
    ("The prosecutor's office initiates its own investigations into trademark counterfeiting.", {(P, "has")}),
    # powers removed in favor of a complaint-based system: had them, lacks them now
    ("However, the 2015 amendments eliminated several enforcement powers that police had long used, in favor of a "
     "complaint-driven system.", {(P, "has"), (P, "lacks")}),
    ("The revised law removed the power of prosecutors to act ex officio.", {(P, "has"), (P, "lacks")}),
    ("The new customs code abolished the ex officio authority of border officials.", {(C, "has"), (C, "lacks")}),
    # the need for a complaint removed: the power is there
    ("The amendments removed the requirement that police wait for a complaint before acting.", {(P, "has")}),
    ("The new law eliminated the need for police to wait for a complaint.", {(P, "has")}),
    # law enforcement and customs named together
    ("Law enforcement and customs officers lack ex officio authority to seize pirated goods.", {(P, "lacks"), (C, "lacks")}),
    ("Customs and law enforcement agencies still lack ex officio powers to act against counterfeits.",
     {(P, "lacks"), (C, "lacks")}),
    # advice to enact a bill that is already drafted: pending
    ("The United States encourages the government to adopt the proposed amendments to strengthen the authority of "
     "customs to act ex officio.", {(C, "pending")}),
    ("The United States urges Indonesia to enact draft legislation enhancing the ex officio authority of customs.",
     {(C, "pending")}),
])
def test_round5_constructions(text, expected):
    assert exo(text) == expected
    assert exo(text.replace(",", "")) == expected


@pytest.mark.parametrize("text", [
    # self-help that is no enforcement policy, a policy said to be gone
    "The ministry published a self-help guide for small businesses on registering trademarks.",
    "In 2004 the government abandoned its self-help policy on IPR enforcement.",
    # a burden that is not enforcement
    "The burden of proof rests with the right holder in civil cases.",
    "Courts place the burden on right holders to prove ownership of the copyright.",
    # private actions that are an option, not a must
    "Right holders may also bring private actions for damages in civil courts.",
    # relying on others than right holders, or courts relying on evidence
    "Police rely on informants to locate pirate factories.",
    "Judges rely on right holders to provide evidence of damages.",
    # costs or judgments left to others
    "The government leaves the cost of storing seized goods to right holders.",
    "The ministry leaves enforcement of court judgments to bailiffs.",
    # right holders running their own investigations
    "Right holders conduct their own investigations and then file complaints with the police.",
    # a removal that is not of the power
    "The law removed obstacles to the registration of trademarks by foreign companies.",
    # a self-help approach of the right holders themselves, not the state's policy
    "The self-help approach adopted by the music industry includes takedown notices.",
    # lacking the means to investigate is not lacking the power
    "Police lack the resources to conduct their own investigations.",
    # customs working from right holders' information says nothing of its power
    "Customs relies on right holders to provide information to identify counterfeit goods.",
    # a removal proposed or turned down
    "Parliament rejected proposals to remove the ex officio powers of customs.",
    "A draft law would remove the ex officio powers of customs.",
])
def test_round5_lookalikes_give_nothing(text):
    assert exo(text) == set()
    assert exo(text.replace(",", "")) == set()


@pytest.mark.parametrize("text,expected", [
    # relying on right holders is a practice (low confidence), and gives way where the sentence says the power exists
    ("Police rely on right holders to supply evidence of infringement before acting.", {(P, "lacks", True)}),
    ("The police tend to depend on copyright owners to provide evidence of piracy.", {(P, "lacks", True)}),
    ("Police rely on right holders to identify counterfeit goods, although the law allows them to act ex officio.",
     {(P, "has", False)}),
])
def test_round5_reliance_is_a_practice(text, expected):
    assert exo_conf(text) == expected
    assert exo_conf(text.replace(",", "")) == expected


# --- round 6 (generality): advice in a gerund or a "needed" (written anew, not taken from any chapter) ---
@pytest.mark.parametrize("text,expected", [
    # advice whose verb is a gerund ("such as giving ...", "including conferring ...") or a need: not there yet
    ("Indonesia should strengthen enforcement in several ways, such as giving border officers ex officio authority.",
     {(C, "lacks")}),
    ("The United States urges Indonesia to improve enforcement, including conferring ex officio powers on customs inspectors.",
     {(C, "lacks")}),
    ("New legislation is still needed to give customs ex officio authority.", {(C, "lacks")}),
    ("Amendments remain necessary to grant prosecutors ex officio authority in trademark cases.", {(P, "lacks")}),
    # a law in force described by what it grants ("the code's main feature is the granting of ..."): has, not pending
    ("The central element of the 2003 customs code is the granting of ex officio powers to border officers.", {(C, "has")}),
    ("A key feature of the copyright law is the granting of ex officio authority to the police.", {(P, "has")}),
    # ... while a bill, a draft, or a law said to be in preparation stays pending
    ("A draft law granting border officers ex officio powers is being discussed.", {(C, "pending")}),
    ("A law giving customs ex officio authority is being prepared by the finance ministry.", {(C, "pending")}),
    ("Legislation granting the police ex officio authority is reportedly under development.", {(P, "pending")}),
    # advice to draft a bill that does not exist yet: not there yet, not pending
    ("The United States urges the government to draft legislation to give customs ex officio authority.", {(C, "lacks")}),
    # "nothing in the code ... to give": lacks; "nothing in the law limits" the power held: has
    ("There is nothing in the Penal Code or the Procedures Code to give police the ex officio authority to start cases.",
     {(P, "lacks")}),
    ("Customs officers have ex officio authority, and nothing in the law limits its use.", {(C, "has")}),
])
def test_round6_constructions(text, expected):
    assert exo(text) == expected
    assert exo(text.replace(",", "")) == expected


@pytest.mark.parametrize("text", [
    # a need that is not about the power
    "More training is still needed for customs officers to identify counterfeit goods.",
    # the powers a body needs, held: not advice ("the powers necessary to")
    "Customs officers have not received the training necessary to act against counterfeit imports.",
    # a power to inspect and seize with no word on who starts the case: the annotators mostly give no fact, nor do we
    "The national copyright council has the power to inspect premises and seize infringing copies.",
    "Prosecutors now have the legal authority to seize counterfeit goods found during inspections.",
    "The copyright office does not have the authority to seize pirated goods.",
    # a conference is not advice to confer the power
    "Customs officials should attend the conference on ex officio authority next month.",
])
def test_round6_lookalikes_give_nothing(text):
    assert exo(text) == set()
    assert exo(text.replace(",", "")) == set()


# ---- round 8 (y-exo8)

@pytest.mark.parametrize("text,expected", [
    # "nothing in the law gives ... the authority": lacks, wherever the phrase stands in the sentence
    ("Nothing in the law gives customs the authority to seize counterfeit goods on its own initiative.", {(C, "lacks")}),
    ("Nothing in the customs code grants border officers the power to detain suspect shipments ex officio.", {(C, "lacks")}),
    ("Officials told us that nothing in the law gives them the authority to act ex officio against pirates, so police "
     "wait for complaints.", {(P, "lacks")}),
    # look-alikes: a law that gives the power, and nothing that stands in its way
    ("The law gives customs the authority to seize counterfeit goods ex officio.", {(C, "has")}),
    ("Nothing in the law prevents customs from acting ex officio.", {(C, "has")}),
])
def test_round8_nothing_in_the_law(text, expected):
    assert exo(text) == expected
    assert exo(text.replace(",", "")) == expected



# round 8: a body stated to hold a power to inspect, seize or prosecute was tried as a weak "has" (0.45): on the mining
# file it fires on 9 chapters of 2 countries (Kenya's Copyright Board, a Venezuelan police unit), but the development gold
# marks it in 1 of the 6 annotated Kenya chapters (5 false positives against 1 hit): left out, these stay look-alikes
@pytest.mark.parametrize("text", [
    # the power denied, wished for, in a bill, or a court's or right holder's: nothing
    "The copyright office does not have the authority to seize pirated goods.",
    "The inspectorate lacks the power to arrest and rarely works with the police.",
    "The police should have the authority to seize counterfeit goods in markets.",
    "A draft law would give prosecutors the power to seize equipment used for piracy.",
    "Under the bill, police would have the power to raid optical disc plants.",
    "Courts have the authority to order the seizure of infringing goods.",
    "Right holders have the right to request that the police seize pirated goods.",
    # a power held, with no word on acting without a complaint (see above)
    "The police anti-piracy unit has the power to seize infringing goods and arrest suspects.",
    "The Film Board has the authority to inspect premises and seize pirated discs, and to prosecute offenders.",
])
def test_round8_power_statements_give_nothing(text):
    assert exo(text) == set()
    assert exo(text.replace(",", "")) == set()


# ---- round 9 (y-exo9)

@pytest.mark.parametrize("text,expected", [
    # a bill through one chamber and awaiting action, a vote or approval in another: pending, not passed
    ("A bill giving customs ex officio authority was approved by the Senate in May and is awaiting action in the lower "
     "house.", {(C, "pending")}),
    ("An amendment allowing prosecutors to open cases without a complaint from the right holder passed the upper house "
     "and is now awaiting a vote in the National Assembly.", {(P, "pending")}),
    ("Legislation granting border officers ex officio powers cleared the committee and is awaiting final approval.",
     {(C, "pending")}),
    # look-alikes: customs awaiting a right holder's action after acting on their own; a law approved and in force
    ("Customs detained the shipment ex officio and is awaiting action by the right holder.", {(C, "has")}),
    ("The law granting customs ex officio authority was approved by the Senate and took effect in March.", {(C, "has")}),
])
def test_round9_awaiting_a_chamber(text, expected):
    assert exo(text) == expected
    assert exo(text.replace(",", "")) == expected


@pytest.mark.parametrize("text,expected", [
    # the power held, and a lack of skill or means to use it well: the lack is not of the power
    ("Although border officials have the authority to detain counterfeit goods the officers often lack the expertise to "
     "tell them from genuine products.", {(C, "has")}),
    ("Customs officers have the power to seize pirated goods yet lack the equipment to detect them in containers.",
     {(C, "has")}),
    ("Customs inspectors have the authority to inspect and seize fake goods though they frequently lack the ability to "
     "recognize them.", {(C, "has")}),
    # look-alikes: the power itself lacking stays lacks
    ("Customs officers lack the legal authority to seize counterfeit goods without a court order.", {(C, "lacks")}),
    ("Customs lacks the capacity to act ex officio against counterfeit imports.", {(C, "lacks")}),
    ("Customs officials lack the ability to detain suspect goods on their own initiative.", {(C, "lacks")}),
])
def test_round9_lacking_means_is_not_lacking_the_power(text, expected):
    assert exo(text) == expected
    assert exo(text.replace(",", "")) == expected
