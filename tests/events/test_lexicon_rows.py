"""Lexicon rows added after evaluation misses, each with a sentence of our own wording:
the rule must fire on it with the expected code."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventcoder.model import Article
from eventcoder.pipeline import CodingSettings, code_article

pytestmark = pytest.mark.model

CASES = [
    ("The Bolivian president called the Peruvian premier on Sunday.", "041", "v.call.phone"),
    ("Ghana's president pardoned two jailed journalists.", "081", "v.pardon"),
    ("Sudan and the rebel alliance reached a deal on power sharing.", "057", "v.reach.agreement"),
    ("Nepal and Bhutan agreed a new transit treaty.", "057", "v.agree.agreement"),
    # multi-word objects and postures (PLV_train misses, our own sentences)
    ("Belarusian hackers waged cyber warfare against Lithuania.", "176", "v.wag.cyberwarfare.against"),
    ("Azerbaijan launched a cyber attack on Armenian banks.", "176", "v.launch.cyberwarfare.against"),
    ("Greek troops remained on alert on the islands.", "152", "v.remain.on-alert"),
    ("Moldovan border guards went on alert after the blast.", "152", "v.go.on-alert"),
    ("Sudan allowed the Red Crescent to deliver medicine to Darfur.", "0863", "v.allow.deliver"),
    ("The Peruvian congress started an investigation into the mining ministry.", "090", "v.start.investigation"),
    ("The Peruvian president delivered a speech to the Chilean congress.", "010", "v.deliver.speech"),
    ("Chile renewed its negotiations with Bolivia on Monday.", "046", "v.renew.talks"),
    ("Estonia shared its cyber-defence expertise with Moldova.", "061", "v.share.expertise"),
    ("Danish volunteers handed over medicine to the Tunisian Red Crescent.", "073", "v.hand.over.aid"),
    ("The Bolivian court cancelled restrictions on foreign journalists.", "081", "v.cancel.restriction"),
    ("Kenya shortened the nightly curfew in Mombasa.", "0813", "v.shorten.curfew"),
    ("Peru lifted the state of emergency in Puno.", "0814", "v.lift.state.of-emergency"),
    ("The Ecuadorian government accepted the demands of the striking miners.", "080", "v.accept.demand"),
    ("The Georgian premier received a mission of OSCE observers.", "043", "v.receive.mission"),
    ("Armenia strengthened its forces along the border.", "154", "v.strengthen.force"),
    ("Russian hackers defaced Lithuanian government websites.", "176", "v.deface.site"),
    ("The United Nations dispatched inspectors to Libya.", "090", "v.dispatch.inspector"),
    ("The World Food Programme reduced food supplies to Yemen.", "162", "v.reduce.supply"),
    ("Egypt ended its mediation between the Sudanese factions.", "165", "v.end.mediation"),
    ("A Chilean judge opened a hearing into the police shooting.", "091", "v.open.hearing"),
    # spaCy lemmatizes "staged" as "stag", "raped" as "rap" and leaves "retook" alone
    ("Nepalese students staged a rally outside the parliament in Kathmandu.", "141", "v.stag.protest"),
    ("Afghan militants staged an attack on a police checkpoint.", "190", "v.stag.attack"),
    ("Colombian soldiers raped two women in the village.", "1821", "v.rap"),
    ("Syrian troops retook the town of Palmyra.", "192", "v.retook"),
    # taking territory is 192, not 171
    ("Malian troops regained control of the town of Menaka.", "192", "v.regain.town"),
    ("Ethiopian troops seized the airport in Mekelle.", "192", "v.seize.town"),
    ("Libyan rebels took over the oilfield near Brega.", "192", "v.take.over.town"),
    # violent repression of protests
    ("Nigerian police suppressed the protest in Lagos.", "175", "v.suppress.protest"),
    ("Indonesian police quelled the riot in Jakarta.", "175", "v.quell.protest"),
    ("Tunisian police broke up the rally outside the ministry.", "175", "v.break.up.protest"),
    ("Zimbabwean police beat protesters in Harare.", "175", "v.beat.protester"),
    ("Kenyan police beat a journalist in Nairobi.", "182", "v.beat"),
    # thrown and dropped bombs
    ("Pakistani militants lobbed a grenade at a police post in Srinagar.", "183", "v.lob.grenade"),
    ("Gunmen hurled a grenade at Somali soldiers.", "183", "v.hurl.grenade"),
    ("Sudanese warplanes dropped bombs on Kadugli.", "195", "v.drop.bomb"),
    # idioms and restrictions
    ("The Bolivian president took a swipe at Chile over the border dispute.", "111", "v.take.swipe.at"),
    ("Kenyan teachers called off their strike after talks with the government.", "080", "v.call.off.strike"),
    ("Thailand reimposed the curfew in Bangkok.", "1723", "v.reimpose.curfew"),
    ("Thailand extended the curfew in Bangkok.", "1723", "v.extend.curfew"),
    # beginning or intensifying an attack on X is attacking X (190; a future one threatens)
    ("Ethiopian troops began an offensive against the Tigrayan rebels.", "190", "v.begin.attack.on"),
    ("Sudan started a military operation against the rebels in Darfur.", "190", "v.start.attack.on"),
    ("The Malian army intensified its attacks on the jihadist rebels.", "190", "v.intensify.attack.on"),
    # resources given are aid (070)
    ("Japan provided resources to the Philippine coast guard.", "070", "v.provide.aid.to"),
    # sanctions kept in force or ordered are imposed (163)
    ("Canada prolonged its sanctions against the Belarusian government.", "163", "v.prolong.sanction"),
    ("Australia renewed sanctions on the Myanmar military.", "163", "v.renew.sanction"),
    ("The Kenyan president ordered new sanctions on Ugandan officials.", "163", "v.order.sanction"),
    ("Syrian troops inflicted heavy losses on Turkish forces.", "190", "v.inflict.loss"),
    ("Indian soldiers traded fire with Pakistani troops.", "193", "v.trade.fire"),
    # a reported obligation beats the speech verb's own statement row
    ("Peru declared that Chile must withdraw its fishing boats.", "100", "g.demand.must"),
    ("The Thai minister reiterated that Cambodia should reopen the border.", "020", "g.appeal.should"),
    # sums of money in any currency match the dictionaries' "dollar" rows
    ("Japan donated 2 billion yen to Nepal.", "071", "v.donate.loan.to"),
    ("Norway contributed $5 million to the World Food Programme.", "071", "v.contribute.dollar"),
    # returning property and persons; stated support
    ("Italy returned the stolen paintings to Greece.", "0842", "v.return.any.to"),
    ("Uganda returned the prisoners to Kenya.", "0841", "v.return.person.to"),
    ("Turkey reiterated its support for Azerbaijan.", "051", "v.reiterate.support"),
    ("The Croatian minister voiced support for the Slovenian proposal.", "051", "v.voice.support.for"),
    ("Greece expressed its backing for Cyprus.", "051", "v.express.support"),
    # failing to agree or to meet
    ("Serbia and Kosovo failed to reach a deal on the border.", "127", "v.fail.agree"),
    ("The Sudanese envoys failed to attend the talks in Addis Ababa.", "125", "v.fail.meet"),
    # yielding: tariffs, bans, offensives, access; a verbal attack is criticism
    ("The United States reduced tariffs on Mexican steel.", "085", "v.reduce.tariff"),
    ("Canada rolled back tariffs on Chinese goods.", "085", "v.roll.back.tariff"),
    ("Egypt repealed the ban on Qatari newspapers.", "081", "v.repeal.ban"),
    ("Turkish forces halted their offensive in northern Syria.", "087", "v.halt.operation"),
    ("Myanmar granted access to the Red Cross.", "0863", "v.grant.access"),
    ("The Indian minister launched a scathing attack on Pakistan.", "111", "v.launch.verbal-attack.on"),
    ("A Peruvian judge ordered an investigation against the mayor of Cusco.", "090", "v.order.investigation.into"),
    # courts: warrants and ordered arrests are the arrest (173), not a demand
    ("A Kenyan court issued a warrant for the former governor.", "173", "v.issue.warrant"),
    ("France gave a warm welcome to the Senegalese president.", "043", "v.give.welcome"),
    ("A Bolivian judge ordered the arrest of the former interior minister.", "173", "v.order.arrest.of"),
    # transfer verbs share one list of goods per class (aid, money, relief, weapons)
    ("The Korean navy gave medical equipment to Fiji.", "073", "v.give.food.to"),
    ("Cuba shipped vaccines to Venezuela.", "073", "v.ship.food.to"),
    ("Qatar airlifted tents into Gaza.", "073", "v.airlift.food.to"),
    ("Iran supplied military equipment to the Houthis.", "072", "v.supply.weapon.to"),
    ("Japan will provide a loan guarantee to Sri Lanka.", "0331", "v.provide.loan.to"),
    ("Sweden donated 20 million kronor to Somalia.", "071", "v.donate.loan.to"),
    ("Italian prosecutors opened tax investigations against two Swiss banks.", "090", "v.open.investigation.into"),
    # human shields (CAMEO 184), closing the press (1721), verdicts (116)
    ("Boko Haram fighters held Nigerian villagers as human shields.", "184", "v.hold.as-shield"),
    ("The Ugandan government suspended publication of two opposition weeklies.", "1721", "v.suspend.publication.of"),
    ("A Ghanaian court found the former minister guilty of bribery.", "116", "v.find.guilty"),
    ("Norway announced a suspension of aid to Burundi.", "162", "v.announce.suspension.of-aid"),
    ("Uruguay contributed troops to the peacekeeping mission in Haiti.", "074", "v.contribute.to-peacekeeping"),
    ("The junta let free some 40 detained journalists.", "0841", "v.let.free"),
    # reneging on an accord rejects it (both PLOVER gold sets code it 12; TABARI gives 160)
    ("Peru reneged on the border accord with Ecuador.", "120", "v.renege.on-agreement"),
    ("The rebels backed out of the peace deal with the army.", "120", "v.back.out.of-agreement"),
    ("The junta has refused direct talks with the opposition alliance.", "125", "v.refuse.talk.with"),
    ("The rebels spurned an offer by the Colombian government.", "125", "v.spurn.offer"),
    # ordering attacks is the attack by the authority (TABARI and PETRARCH give a threat, 138)
    ("The Kenyan president ordered attacks on the militant camps.", "190", "v.order.attack.on"),
    ("The Turkish president ordered air strikes against Kurdish positions.", "195", "v.order.airstrike.on"),
    # event nouns
    ("Armenia's battle with Azerbaijan lasted four days.", "190", "n.battle.with"),
    ("Haitian riots spread to the capital.", "145", "n.riot"),
    ("Iranian protests grew.", "140", "n.protest"),
    ("Chilean demonstrations continued in Santiago.", "141", "n.demonstration"),
]


@pytest.fixture(scope="module")
def gdelt(resources):
    # The rows are about the verb pattern, and several sentences name no target: keep
    # one-sided events (GDELT-style output) so that a row is seen to fire whatever the
    # target conventions (tested in test_conventions.py) decide.
    return replace(resources, settings=CodingSettings(statements=True))


@pytest.mark.parametrize("text, cameo, rule", CASES, ids=[c[2] for c in CASES])
def test_lexicon_row_fires(gdelt, text, cameo, rule):
    events = code_article(Article(doc_id="t", text=text, published="2021-04-01"), gdelt).events
    assert any(e.evidence.rule == rule and e.cameo == cameo for e in events), [
        (e.evidence.rule, e.cameo) for e in events
    ]
