"""World-news place rules (issue 12): the country a headline names, datelines abroad, capital-city
metonymy, countries named as admin1 or inside a city's name, world cities over small namesakes.

Texts are written here in the forms wire and world news use; each rule is a general reading, not a dev row.
"""
from __future__ import annotations

import pytest

from warcount import mainplace, placectx, places


def _main(text: str, title: str | None = None, dateline=(None, None), claim_places=()):
    p = mainplace.main_place(text, title, dateline, list(claim_places))
    assert p is not None
    return p


def test_headline_country_over_a_dateline_abroad() -> None:
    # a wire's dateline with its country ("MANILA, Philippines --") is where the story was filed
    p = _main("MANILA, Philippines - A Myanmar journalist was arrested on Monday, his lawyer said.",
              "Myanmar journalist arrested over his reporting", ("Manila", "Philippines"))
    assert p.country == "Myanmar"


def test_headline_town_of_a_country_name_keeps_the_dateline() -> None:
    p = _main("LEBANON, Ohio - A teenager was accidentally shot in Lebanon on Saturday.",
              "Teen accidentally shot in Lebanon", ("Lebanon", "Ohio"))
    assert p.country == "United States" and p.admin1 == "Ohio"


def test_headline_country_over_demonyms_in_the_text() -> None:
    text = ("Gunmen attacked a mining company and kidnapped five Chinese nationals early on Sunday. The Chinese "
            "embassy urged Chinese citizens to be careful, and Chinese officials said talks were under way.")
    p = _main(text, "5 Chinese mine workers kidnapped in DR Congo")
    assert p.country in ("Democratic Republic of Congo", "DR Congo", "Democratic Republic of the Congo")


def test_a_recalled_happening_abroad_of_the_headline_is_not_the_place() -> None:
    text = ("Police found 41 migrants alive in a truck on Tuesday. The discovery came 10 days after 39 bodies were "
            "found in a truck near London.")
    p = _main(text, "Police find 41 migrants alive in truck in northern Greece", claim_places=["London"])
    assert p.country == "Greece"


@pytest.mark.parametrize("text", [
    "Moscow said on Tuesday that it would respond.",
    "Kyiv denied the report, and Beijing has warned against interference.",
    "Washington accused the group of the attack.",
], ids=["moscow-said", "kyiv-denied", "washington-accused"])
def test_a_capital_that_speaks_is_its_government(text: str) -> None:
    ctx = placectx.context_of(text)
    assert not [n for n, _, _ in mainplace.toponyms(text, ctx) if n in ("Moscow", "Kyiv", "Beijing", "Washington")]


def test_a_city_that_is_named_is_still_a_candidate() -> None:
    text = "Protesters gathered in Moscow on Tuesday."
    assert "Moscow" in [n for n, _, _ in mainplace.toponyms(text, placectx.context_of(text))]


def test_a_country_named_as_a_state_is_the_state() -> None:
    ctx = placectx.context_of("Gunmen abducted 27 students in Kagara, Niger State. The Niger governor said Niger "
                              "would not pay a ransom.")
    assert ctx.country() == "NG" and "NE" not in ctx.countries


def test_a_city_named_after_its_country_is_not_the_country() -> None:
    ctx = placectx.context_of("Police in Benin City detained the chief on Monday.")
    assert "BJ" not in ctx.countries


def test_a_world_city_over_a_small_namesake() -> None:
    text = "US citizens and US officials followed the case of the man held in London."
    assert places.resolve_in("London", placectx.context_of(text), text).country == "United Kingdom"
    # a text that names the state keeps the small one
    text = "The shooting happened in London, a town in Madison County, Ohio."
    assert places.resolve_in("London", placectx.context_of(text), text).admin1 == "Ohio"


# ---- s5-world: how world news writes countries and areas, datelines abroad, uncounted casualties ----

@pytest.mark.parametrize("text, code", [
    ("In Syria, rebels fought government forces.", "SY"),  # a sentence opener is not part of the name
    ("A UK seafarers union condemned the owners.", "GB"),
    ("US Extends Sanctions Waivers To Iran As Tehran Agents Are Indicted", "US"),  # a title-case headline
], ids=["in-syria", "a-uk-union", "title-case"])
def test_country_named_after_an_opener_or_in_title_case(text: str, code: str) -> None:
    assert code in placectx.context_of(text).countries


def test_title_case_pronoun_us_is_no_country() -> None:
    assert "US" not in placectx.context_of("They Won't Shut Us Up, The Town Is Awakening").countries


@pytest.mark.parametrize("text, area, code", [
    ("Attacks in the northernmost province of Cabo Delgado have grown.", "Cabo Delgado", "MZ"),
    ("Workers blocked a highway in Maharashtra's Aurangabad district.", "Maharashtra", "IN"),
    ("The activist was arrested in Haryana during the protests.", "Haryana", "IN"),
], ids=["province-of", "possessive", "after-a-cue"])
def test_admin1_written_the_other_ways(text: str, area: str, code: str) -> None:
    ctx = placectx.context_of(text)
    assert any(c == code and a.startswith(area) for (c, a) in ctx.admin1)


def test_a_city_name_after_a_cue_is_not_read_as_its_admin1() -> None:
    # "in Beijing" is the city, which resolution places; it does not outvote the headline's country
    assert not placectx.context_of("He was questioned in Beijing on Monday.").admin1


def test_admin1_named_as_province_of_is_the_main_place_admin1() -> None:
    text = ("Investment in gas has grown in Mozambique. Since 2017, attacks in the northernmost province of "
            "Cabo Delgado have displaced thousands, officials in Maputo said.")
    p = _main(text, "The natural resource curse")
    assert p.country == "Mozambique" and p.admin1 and p.admin1.startswith("Cabo Delgado")


def test_a_dateline_in_a_country_the_text_barely_names_is_where_it_was_filed() -> None:
    text = ("MANILA, Philippines - The Malaysian Federal Court heard the case against a Malaysian news portal. "
            "Malaysia's attorney general said Malaysia would appeal. Critics in Malaysia said press freedom in "
            "Malaysia was at stake, and Malaysian journalists protested.")
    p = _main(text, "What the case means for press freedom", ("Manila", "Philippines"))
    assert p.country == "Malaysia"


def test_a_known_city_named_abroad_counts_for_its_country() -> None:
    text = ("Russian forces detained the editor in Melitopol on Monday, Ukrainian officials said. He was held in "
            "Melitopol for a week, and a Russian court charged him.")
    p = _main(text, "Editor held for a week", claim_places=["Melitopol"])
    assert p.country == "Ukraine"


def test_an_admin1_over_a_small_town_of_its_name_elsewhere() -> None:
    # "Sonora" in a Mexican story is the state, not the village of that name in Veracruz
    p = places.resolve("Sonora", "Violence grew in Mexico. Sonora was hit, Mexican police said.")
    assert p.precision == "admin1" and p.admin1 == "Sonora" and p.country == "Mexico"
    k = places.resolve("Kaduna", "Gunmen attacked Kaduna in Nigeria.")  # a city of its own admin1 stays a point
    assert k.precision == "point" and k.country == "Nigeria"


def test_a_town_in_another_country_the_text_names() -> None:
    p = places.resolve("Kilis", "Syrian rebels fled to Kilis in Turkey, Syrian activists in Syria said. Syria said.")
    assert p.country == "Turkey" and p.precision == "point"


def test_a_state_named_by_its_governor() -> None:
    # "Niger Governor Bello" in a Nigerian story: Niger State, so its bare "Niger" is the state's country
    ctx = placectx.context_of("Niger Governor Bello met the parents. The school is in Rafi Local Government Area "
                              "of Niger.")
    assert ("NG", "Niger State") in ctx.admin1 and ctx.country() == "NG"
    assert not placectx.context_of("Bank of England Governor Andrew Bailey spoke.").admin1


def test_a_harbour_is_at_its_city() -> None:
    found = mainplace.toponyms("The ship was detained in Aberdeen Harbour in October.", placectx.Context())
    assert ("Aberdeen", True) in [(n, cue) for n, _, cue in found]


def test_admin1_named_as_often_goes_to_the_first_named() -> None:
    ctx = placectx.context_of("Police in Delhi state arrested two men from Uttar Pradesh state on Monday.")
    assert ctx.admin1_of("IN") == "Delhi"


def test_the_first_casualty_sentence_country_over_a_later_town_abroad() -> None:
    # the lead's casualty sentence names only the country; a later one names someone's home abroad
    text = ("A British man convicted of beheading a journalist is to be freed from prison in Pakistan.\n\n"
            "Omar Sheikh, of Wanstead, in east London, was sentenced to death in 2002 for the murder of the "
            "reporter. He has been in jail in Pakistan for 18 years.")
    p = _main(text, "Man convicted of beheading journalist to be freed", claim_places=["Pakistan", "east London"])
    assert p.country == "Pakistan"


# s7-places: people's names, organisations and nationalities are no places; the claims' area; admin1 other names

def test_a_given_name_alone_is_the_person_not_a_small_town() -> None:
    text = ("Vigils are to be held for WikiLeaks founder Julian Assange, detained in prison in London. "
            "A bid by the United States to extradite him was rejected. Supporters want the United States to drop "
            "the charges against Julian, and said Julian should be freed. Julian has been held for two years.")
    p = _main(text, "Vigils planned for Julian Assange", claim_places=["London"])
    assert p.country == "United Kingdom"


def test_a_government_branch_is_no_place() -> None:
    text = ("Five men were accused of plotting to kidnap Michigan Governor Gretchen Whitmer. The Justice Department "
            "said the case would go ahead, and the Justice Department asked the Department of Justice lawyers to "
            "respond. Michigan officials declined to comment.")
    p = _main(text, "More trouble for the FBI in the Whitmer kidnapping case")
    assert p.admin1 == "Michigan" and p.name != "Justice"


def test_nationals_and_citizens_are_people_abroad() -> None:
    ctx = placectx.context_of("Police arrested two Chinese nationals and a Saudi citizen on Monday.")
    assert "CN" not in ctx.countries and "SA" not in ctx.countries
    assert "CN" in placectx.context_of("Chinese police arrested two men on Monday.").countries


def test_an_admin1_named_in_passing_does_not_hold_the_lead_city() -> None:
    text = ("Reporters Without Borders called for the release of 12 journalists detained in a wave of arrests in "
            "Ethiopia's capital Addis Ababa. Most were arrested on June 30 in Addis Ababa. Ethiopia has been at "
            "war in its northern Tigray region since November.")
    p = _main(text, "RSF condemns arrest of 12 journalists in Ethiopia")
    assert p.name == "Addis Ababa" and p.country == "Ethiopia"


def test_the_claims_admin1_over_a_town_the_title_names() -> None:
    text = ("A former Royal Marine who runs a charity in Kabul has vowed to stay. He served in Helmand and saw two "
            "of his comrades killed. Afghan staff fear the Taliban.")
    p = _main(text, "Ex Royal Marine refuses to leave his workers behind in Kabul", claim_places=["Helmand"])
    assert p.admin1 == "Helmand" and p.country == "Afghanistan"


@pytest.mark.parametrize("text,country,area", [
    ("Security forces detained three activists in Kashmir's Pulwama district on Monday.", "IN", "Jammu and Kashmir"),
    ("Gunmen kidnapped four aid workers in the province of Hadramaout on Saturday.", "YE", "Muhafazat Hadramaout"),
    ("Police in Kayin State detained a journalist on Friday.", "MM", "Kayin State"),
], ids=["kashmir", "hadramaout", "kayin"])
def test_admin1_by_the_other_names_news_writes(text: str, country: str, area: str) -> None:
    ctx = placectx.context_of(text)
    assert ctx.admin1_of(country) == area


def test_an_admin1_written_by_its_initials_shows_its_full_name() -> None:
    p = places.resolve("Abuja", "Police in Abuja, Nigeria arrested a journalist on Monday.")
    assert p.country == "Nigeria" and p.admin1 == "Federal Capital Territory"
    assert [e.name for e in places.gazetteer().admin_areas("FCT")] == ["Federal Capital Territory"]


def test_an_archive_photo_caption_is_not_the_place() -> None:
    text = ("Police officers stand guard at an entrance to a court in Beijing, on Sept. 11, 2020. (Carlos Garcia "
            "Rawlins/File/Reuters)\n\nA lawyer had his licence revoked after the justice department of Henan Province "
            "served him a notice. He was detained for defending a client in Henan.")
    p = _main(text, "Chinese attorney had license revoked for defending a client")
    assert p.name != "Beijing" and p.admin1 == "Henan"


def test_a_known_city_by_its_short_name_counts_for_its_country() -> None:
    text = ("Two workers who came from Vietnam were kidnapped last month. Officers said on Monday that Cebu police had "
            "arrested two Chinese nationals in a house in the Techwood Subdivision, and that Cebu police expected "
            "more arrests.")
    p = _main(text, "New kidnapping arrests as senators ask about gaming firms")
    assert p.country == "Philippines"


@pytest.mark.parametrize("sentence,place", [
    ("She was kidnapped in March by unknown men in the Mexican border city of Ciudad Juarez.", "Ciudad Juarez"),
    ("Four seminarians who were kidnapped in January near Kaduna have been freed.", "Kaduna"),
    ("Gunmen killed 12 villagers in the northern province of Cabo Delgado.", "Cabo Delgado"),
    # where the story is handled or someone lives is not where it happened (happened.away)
    ("He died of his wounds in a hospital in Paris after he was shot in Lyon.", "Lyon"),
    ("The journalist, who now lives in the United States, was detained in Shanghai in 2019.", "Shanghai"),
    ("A court in Ankara heard that the activist was abducted in Istanbul.", "Istanbul"),
    ("Prosecutors in Germany said she was last seen in Praia da Luz.", "Praia da Luz"),
], ids=["city-of", "month-then-place", "province-of", "hospital", "home", "court", "prosecutors"])
def test_a_claims_place_words(sentence: str, place: str | None) -> None:
    from warcount import nlp, setting

    sent = next(iter(nlp.pipeline()(sentence).sents))
    assert setting.place_of(sent) == place


def test_a_known_city_counts_for_the_one_named_country_of_its_namesakes() -> None:
    # Aberdeen, Scotland and Aberdeen, Hong Kong are both large: beside "a UK union" it is the Scottish one
    text = ("A UK seafarers union has condemned the owners of a vessel detained in Aberdeen Harbour in October. "
            "It has since been seized by Dutch authorities in Rotterdam.")
    p = _main(text, "Union blasts owners of ship formerly detained in Aberdeen Harbour")
    assert p.country == "United Kingdom"


@pytest.mark.parametrize("title,text", [
    ("Trump boasts about killing commander in Union address",
     "The president boasted about the killing of the commander during his third State of Union address."),
    ("President gives State of the Union",
     "In his State of the Union address, the president spoke of a soldier killed in Iraq."),
])
def test_a_fixed_phrase_is_no_toponym(title: str, text: str) -> None:
    p = mainplace.main_place(text, title, (None, None), [])
    assert p is None or p.name != "Union"


@pytest.mark.parametrize("text,expected", [
    # a hospital or court named for its city, when nothing else places the story
    ("Two more suspects were arrested on Monday over the beating of a driver from Elathur, who died of his "
     "injuries at the Kozhikode Medical College Hospital.", ("Kozhikode", "India")),
    ("The activist was taken to Aleppo University Hospital after the attack.", ("Aleppo", "Syria")),
])
def test_a_facility_named_for_its_city_places_the_story(text: str, expected: tuple[str, str]) -> None:
    p = _main(text, "Driver's death: two more arrested")
    assert (p.name, p.country) == expected


def test_a_hospital_named_for_a_person_is_no_place() -> None:
    p = mainplace.main_place("The man died at Jackson Memorial Hospital after the shooting.", None, (None, None), [])
    assert p is None or p.name != "Jackson"


@pytest.mark.parametrize("org", ["the Independent National Union of Industry and Service Workers",
                                 "the League of Arab States", "the Chamber of Commerce"])
def test_a_name_after_an_organisations_of_is_no_place_cue(org: str) -> None:
    """ "Union of Industry", "League of Arab States": the name after an organisation's "of" is its own, not a
    place the preposition introduces (Industry, New York is no place of a strike in Mexico)."""
    text = (f"Workers at the plant in Matamoros, Mexico, went on strike on Monday, backed by {org}. The plant's "
            "owners said talks would go on.")
    p = _main(text, "Strike at Matamoros plant")
    assert p.country == "Mexico"
    assert not any(name in ("Industry", "Arab States", "Commerce") and cue
                   for name, _, cue in mainplace.toponyms(text, placectx.context_of(text)))


def test_a_world_city_over_a_small_namesake_outside_the_named_state() -> None:
    """ "London" in a story that names Virginia (an indictment there) is London, England: the text names
    no Ohio for London, Ohio. A namesake in the state the text names is kept."""
    text = ("He was indicted in the Eastern District of Virginia. The US says he conspired. Supporters gathered "
            "outside the court in London, where the UK hearing went on.")
    ctx = placectx.context_of(text)
    assert places.resolve_in("London", ctx, text).country == "United Kingdom"
    kept = "A man was shot in London, Ky., on Sunday. Police in Kentucky said London was quiet."
    assert places.resolve_in("London", placectx.context_of(kept), kept).admin1 == "Kentucky"
