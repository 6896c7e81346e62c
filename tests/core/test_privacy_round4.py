"""The privacy guard's fourth round (issue 11): the forms a third independent check found missed or wrongly flagged,
each in sentences of our own, with a near-miss for every rule (the corpus part is privacy_corpus_patterns4.txt)."""

from __future__ import annotations

from datetime import date

import pytest

from workshop.core import privacy
from workshop.core.privacy import is_functional_mailbox, scan

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module", autouse=True)
def lists_loaded() -> None:
    privacy.warm_up().result()


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start : f.end]) for f in scan(text, today=TODAY)]


# ----- e-mail ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "r.vanderhoek@ziggo.nl",  # an initial and a surname whose parts are words
        "p.j.vanderlaan@xs4all.nl",
        "a.vandijk@gmail.com",
        "m.vandenberg@zorggroep-oost.nl",  # an initial makes it a person's at work too
        "j.terhorst@kpnmail.nl",
        "vandersluis@delinde.nl",  # interfix and word, no initial
        "mariekevandijk@hotmail.com",  # a first name before it
        "s.tuinman@delinde.nl",  # an initial before a word
        "kalkman@delinde.nl",  # a surname made of words
        "tuinkabouter@ziggo.nl",  # a consumer provider: always a person's
        "oma.bloemetje@kpnmail.nl",
    ],
)
def test_a_personal_address_is_no_desk(address):
    assert not is_functional_mailbox(address)
    assert found(f"Mail {address} vandaag.") == [("email", address)]


@pytest.mark.parametrize(
    "address",
    [
        "familie@dehooge-weide.nl",
        "tevredenheid@zorggroep.nl",
        "vervoer@zorggroep-oost.nl",
        "roosterplanning@dehooge-weide.nl",
        "vandaag@zorggroep.nl",  # begins like "van", but is a word
        "tentoonstelling@zorggroep.nl",
        "info@ziggo.nl",  # the provider's own desk
        "ombudsman@zorggroep.nl",
        "vertrouwensman@zorggroep.nl",
        "terugbelverzoek@zorggroep.nl",  # begins like "ter", but is a word
        "termijnbewaking@zorggroep.nl",
        "wijkzorg@vanderhoekzorg.nl",  # the organisation's domain holds a name, the mailbox does not
    ],
)
def test_a_desk_stays_a_desk(address):
    assert is_functional_mailbox(address)
    assert found(f"Mail {address} vandaag.") == []


def test_spoken_addresses_follow_the_same_rules():
    assert found("Mail r punt vanderhoek apenstaartje ziggo punt nl.") == [
        ("email", "r punt vanderhoek apenstaartje ziggo punt nl")
    ]
    assert found("Mail familie apenstaartje dehooge-weide punt nl.") == []


def test_no_name_is_read_inside_an_address():
    assert found("Kijk op www.dehooge-weide.nl of mail familie@dehooge-weide.nl.") == []
    assert found("Kijk op Anna-Zorg.nl voor de tijden.") == []  # a host is an organisation's


def test_a_name_in_the_path_of_a_web_address_is_still_a_name():
    assert found("Zie https://zorggroep.nl/Sanne-de-Vries voor meer.") == [("name", "Sanne-de-Vries")]


# ----- names -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("Meneer Van Gogh wil niet naar buiten.", "Meneer Van Gogh"),
        ("meneer Van der Valk heeft slecht geslapen.", "meneer Van der Valk"),
        ("Mevrouw Van der Valk-Jansen belde.", "Mevrouw Van der Valk-Jansen"),
        ("Van der Valk-Jansen belde.", "Van der Valk-Jansen"),  # half of a double surname is no hotel
        ("Mevr. de Vries-Van der Valk belde.", "Mevr. de Vries-Van der Valk"),
        ("Van Haren-Smit kwam binnen.", "Van Haren-Smit"),  # half of a double surname is no shop
        ("Jansen-van der Meer belde.", "Jansen-van der Meer"),  # the first half ends in an interfix
        ("Ik sprak Jansen-Van der Valk gisteren.", "Jansen-Van der Valk"),
        ("Mw. Tuinman loopt met de rollator.", "Mw. Tuinman"),  # "loopt" after a surname's shape
        ("Mw. Kalkman is na de lunch gevallen.", "Mw. Kalkman"),  # a word, with a verb after it
        ("Ik sprak met mw. Tuinman over haar zoon.", "mw. Tuinman"),  # a surname's shape
        ("Dhr. Stoker, die altijd belt.", "Dhr. Stoker"),  # a pause after it
        ("Mevrouw Timmerman zit bij het raam.", "Mevrouw Timmerman"),  # no dot: no phone's capital
        ("Meneer Heineken drinkt geen bier.", "Meneer Heineken"),  # a brand, with a verb
        ("Mevrouw Frans zat in de hal.", "Mevrouw Frans"),
        ("Mevrouw d'Hondt wil bellen.", "Mevrouw d'Hondt"),
        ("Dhr. O'Brien wil een deken.", "Dhr. O'Brien"),
        ("O'Brien zei dat hij pijn had.", "O'Brien"),
        ("De Haan heeft vannacht gebeld.", "De Haan"),
        ("De Jong is vandaag ziek.", "De Jong"),
        ("Kok heeft zijn medicatie geweigerd.", "Kok"),
        ("Frans zei dat hij pijn had.", "Frans"),
        ("Ik heb Frans geholpen met douchen.", "Frans"),
        ("Jansens dochter belde.", "Jansens"),
        ("Pietersens zoon kwam langs.", "Pietersens"),
        ("Jan B. heeft geruild.", "Jan B."),
        ("Jan C. de Vries viel.", "Jan C. de Vries"),
        ("De overdracht aan Mo was onduidelijk.", "Mo"),  # a two-letter short form (facilitator trial)
        ("Ed had de bel niet gehoord.", "Ed"),
    ],
)
def test_the_fourth_round_names_are_found(text, name):
    assert found(text) == [("name", name)]


def test_two_surnames_joined_are_both_names():
    assert found("Visser en De Bruijn hadden nachtdienst.") == [("name", "Visser"), ("name", "De Bruijn")]
    # the rules go on after such a pair: a later name is still read
    assert found("Jan zei tegen Henk dat mevrouw Jansen viel.") == [
        ("name", "Jan"),
        ("name", "Henk"),
        ("name", "mevrouw Jansen"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the phone's capital after a title with a dot: a verb, an adjective, a participle, a note's noun
        "Mw. Heeft pijn.",
        "Dhr. Wil niet douchen.",
        "Dhr. Klaagt over pijn in zijn heup.",
        "Mw. Benauwd na het eten.",
        "Dhr. Mobiliseert goed.",
        "Mw. Gevallen in de gang.",
        "Mw. Vanmorgen goed gegeten.",
        "Mw. Medicatie ingenomen.",
        "Dhr. Bezoek gehad van zijn dochter.",
        "Mw. Sondevoeding loopt.",
        "Dhr. Infuus loopt goed.",  # "loopt" is said of feeds, drips and requests too
        "Mw. Aanvraag loopt nog.",
        "Dhr. Zoon komt vanmiddag.",
        "Dr. Oetker pudding is op.",
        "Dr. Oetker is lekker.",
        "We overnachtten bij Van der Valk in Eindhoven.",
        "In de Albert Heijn-folder staat koffie.",
        # words, wards and languages
        "De Roos heeft een nieuwe teamleider.",
        "De Linde heeft twee nieuwe bewoners.",
        "De kok heeft soep gemaakt.",
        "Groen is de kleur van de gordijnen.",
        "Bos en heide zijn mooi.",
        "Ze spreekt alleen Frans.",
        "In het Frans heet dat anders.",
        "Frans en Duits verstaat hij nog.",
        "Ik heb Frans geleerd op school.",
        "Ik eet graag Frans brood.",
        "Parkinsons ziekte gaat langzaam.",
        "Zo'n dag wil je niet nog eens.",
        "Hij heeft z'n bril weer kwijt.",
        # the third check's false alarms, in sentences of our own
        "We werken volgens Safety II.",
        "Volgens Triple C begin je bij de mens.",
        "Vraag het IBAN van de curator op.",
        "Het protocol Wvggz is aangepast.",
        "Lees het beleidsplan Wzd.",
        "De Wkkgz vraagt een klachtenfunctionaris.",
        "Het beleidsplan Wbtr is klaar.",  # a law no list holds: no vowel after its first letter
        "Huiskamer Roos is gesloten.",
        "Robot Tessa geeft herinneringen.",
        "De zorgrobot Sanne danst met de bewoners.",
        "Op afdeling Willem Drees is het druk.",
        "Bestel de Tena-broekjes op tijd.",
        "We vieren de Anna-dag.",  # a name joined to a noun
        "Ze komt uit Hendrik-Ido-Ambacht.",
        "De leerbijeenkomst is in kamer 1.02.",
        "De training tillen is in kamer 0.12.",
        "Het werkoverleg is in kamer 3.01.",
    ],
)
def test_the_fourth_round_near_misses_are_not_flagged(text):
    assert found(text) == []


def test_a_meeting_about_a_resident_keeps_his_room():
    assert found("Het overleg over meneer in kamer 12 is verplaatst.") == [("room", "kamer 12")]


def test_a_single_capital_after_a_first_name_is_a_surname():
    assert found("Anja K was ziek.") == [("name", "Anja")]


# ----- birth years, addresses, postcodes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Meneer Blom (1932) is gevallen.", [("name", "Meneer Blom"), ("birth_date", "1932")]),
        ("Henk Bosman (1938) zat bij het raam.", [("name", "Henk Bosman"), ("birth_date", "1938")]),
        ("Mevrouw Hendriks (1940-2024) is overleden.", [("name", "Mevrouw Hendriks"), ("birth_date", "1940")]),
        ("Ze woont op nr. 14 op de Julianastraat.", [("address", "nr. 14 op de Julianastraat")]),
        ("Hij woonde op nummer 8 aan de Kerkweg.", [("address", "nummer 8 aan de Kerkweg")]),
        ("De zoon woont op nr. 8 aan het Spui.", [("address", "nr. 8 aan het Spui")]),
        ("Haar adres is woning 9721 TR.", [("postcode", "9721 TR")]),
        ("Ze verhuist naar woning 3512 AB.", [("postcode", "3512 AB")]),
    ],
)
def test_years_addresses_and_postcodes(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Het protocol (2019) is herzien.",
        "De meneer (87) kwam binnen.",
        "Nummer 3 op de lijst is de valpreventie.",
        "Nummer 3 op de Lijst is de valpreventie.",
    ],
)
def test_years_and_numbers_without_a_person_or_a_street(text):
    assert found(text) == []


def test_a_year_after_a_titled_name_counts_while_the_lists_load():
    from workshop.core.privacy.dates import years_after_names
    from workshop.core.privacy.names import scan_titled_names

    text = "Meneer Blom (1932) is gevallen."
    names = scan_titled_names(text)
    assert [(f.kind, text[f.start : f.end]) for f in years_after_names(text, names, 2026)] == [("birth_date", "1932")]
    recent = "Meneer Blom (2019) schreef het."
    assert years_after_names(recent, scan_titled_names(recent), 2026) == []  # too recent for a birth year
