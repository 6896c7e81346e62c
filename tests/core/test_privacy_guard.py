"""The privacy guard of issue 11: measured recall and false alarms, the kinds per example, known-good words,
"pending" counting as flagged, the name lists loading off the event loop, and the owner-is-a-role check."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from workshop.bench.privacy import FIXTURES, LABELS, PARTS, TARGETS, evaluate, guard, read_corpus
from workshop.core import privacy
from workshop.core.privacy import (
    PENDING,
    ROLE_SUGGESTIONS,
    Finding,
    flags,
    is_pending,
    known_good_words,
    looks_like_person,
    mask,
    notice,
    redact,
    scan,
)

TODAY = date(2026, 11, 23)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", autouse=True)
def lists_loaded() -> None:
    privacy.warm_up().result()


def found(text: str, **kw: object) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start : f.end]) for f in scan(text, today=TODAY, **kw)]  # type: ignore[arg-type]


# ----- the corpus and its targets ----------------------------------------------------------------------------


def test_corpus_is_big_enough_varied_and_has_no_duplicates():
    sentences = [s for part in PARTS.values() for s in read_corpus(FIXTURES / part)]
    texts = [s.text for s in sentences]
    assert len(sentences) >= 600
    assert len(set(texts)) == len(texts)
    with_data = [s for s in sentences if not s.clean]
    assert len(with_data) / len(sentences) >= 0.40
    for label in LABELS:  # every kind, in several forms
        assert sum(1 for s in with_data for e in s.entities if e.label == label) >= 3, label
    held_out = read_corpus(FIXTURES / PARTS["holdout"])
    assert len(held_out) >= 150


@pytest.mark.parametrize("part", sorted(PARTS))
def test_recall_and_false_alarms_meet_the_targets(part):
    result = evaluate(read_corpus(FIXTURES / PARTS[part]), guard(("De Linde", "Zorggroep Oost")))
    for label, target in TARGETS.items():
        assert result.recall(label) >= target, (label, result.recall(label), result.misses)
    assert result.recall() >= 0.90, result.misses
    assert result.false_alarm_rate <= 0.05, result.false_alarms


# ----- the kinds per example ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Jan de Vries viel uit bed.", [("name", "Jan de Vries")]),
        ("Fatima zei dat het niet ging.", [("name", "Fatima")]),
        ("Bij Henk op kamer 12 ging de bel.", [("name", "Henk"), ("room", "kamer 12")]),
        ("Collega Sandra vergat de overdracht.", [("name", "Sandra")]),
        ("Opa Kees en oma Riek wonen samen.", [("name", "Kees"), ("name", "Riek")]),
        ("Zuster Marja heeft de wond verzorgd.", [("name", "Zuster Marja")]),
        ("Dokter Visser kwam laat.", [("name", "Dokter Visser")]),
        ("Marieke Jansen-de Boer stelde de lift af.", [("name", "Marieke Jansen-de Boer")]),
        ("Mevrouw Yılmaz wil een vrouw als verzorgende.", [("name", "Mevrouw Yılmaz")]),
        ("Mevr. Jansen-de Boer is gevallen.", [("name", "Mevr. Jansen-de Boer")]),
        ("collega sandra vergat het", [("name", "sandra")]),
        ("J. de Vries zei dat het klopte.", [("name", "J. de Vries")]),
        ("De familie Jansen is boos.", [("name", "Jansen")]),
        ("In k12 lag de alarmknop achter het bed.", [("room", "k12")]),
        ("De bewoner op kamer 3.14 at niet.", [("room", "kamer 3.14")]),
        ("Appartement 21 had geen warm water.", [("room", "Appartement 21")]),
        ("Ze woont aan de Oude Gracht 12.", [("address", "Oude Gracht 12")]),
        ("De wijkverpleging komt op de Markt 5.", [("address", "Markt 5")]),
        ("Hij woont op de Burgemeester de Withstraat 22.", [("address", "Burgemeester de Withstraat 22")]),
        ("Zij is geboren op 3 april '41.", [("birth_date", "3 april '41")]),
        ("Geboortedatum 1938-07-22.", [("birth_date", "1938-07-22")]),
        ("Hij is jarig op 17 oktober.", [("birth_date", "17 oktober")]),
        ("Geb. 12-03-1941, weduwe.", [("birth_date", "12-03-1941")]),
        ("BSN 908301662 in het verslag.", [("bsn", "908301662")]),
        ("Naar NL30 RABO 6723 2686 56 overgemaakt.", [("iban", "NL30 RABO 6723 2686 56")]),
        ("Bel 06 - 3456 7890 na vijven.", [("phone", "06 - 3456 7890")]),
        ("Mail j.devries@gmail.com niet.", [("email", "j.devries@gmail.com")]),
        ("Ze woont in 3511 AB.", [("postcode", "3511 AB")]),
    ],
)
def test_each_form_is_found_as_its_kind(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We evalueren de nieuwe werkwijze op 3 april in het teamoverleg.",
        "De deadline voor de scholingsplannen is 17 oktober.",
        "Het protocol valpreventie is vastgesteld op 12-03-1975.",
        "Meldingen kunnen naar kwaliteit@zorggroep-oost.nl.",
        "Ze krijgt 1000 IE vitamine D per dag.",
        "De dosis is 500 mg paracetamol.",
        "Dienst na dienst zie je dezelfde fouten.",
        "Markt en overheid vragen steeds meer.",
        "Door de drukte vergeten we de vochtlijst.",
        "Op De Linde werken we met vaste gezichten.",
        "Afdeling Iris krijgt een eigen teamleider.",
        "Mensen met Parkinson hebben hun medicatie op tijd nodig.",
        "Het syndroom van Down en de ziekte van Alzheimer.",
        "De vergaderkamer is gereserveerd voor de intervisie.",
        "Het teamoverleg is in kamer 3 van het hoofdkantoor.",
        "Stap 4 van het plan en week 12 van de audit.",
        "We bestellen de boodschappen bij Albert Heijn.",
        "Volgens de piramide van Maslow komt veiligheid eerst.",
    ],
)
def test_near_misses_are_not_flagged(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # the independent check's patterns (issue 11, second round), in sentences of our own
        ("Kwame kreeg de schuld.", [("name", "Kwame")]),
        ("Toen kwam Tjitske binnen.", [("name", "Tjitske")]),
        ("Henkie heeft niet gegeten.", [("name", "Henkie")]),
        ("mw bakker heeft niet gegeten.", [("name", "mw bakker")]),
        ("ome kees zat te huilen.", [("name", "kees")]),
        ("jan de vries viel.", [("name", "jan de vries")]),
        ("Mevrouw Hoogeveen wil naar bed.", [("name", "Mevrouw Hoogeveen")]),
        ("Koen z'n rolstoel stond los.", [("name", "Koen")]),
        ("Lukt het Jeroen om te komen?", [("name", "Jeroen")]),
        ("Ria van de nachtdienst belde.", [("name", "Ria")]),
        ("Jansen heeft niet gegeten.", [("name", "Jansen")]),
        ("Co de Vos deed de melding.", [("name", "Co de Vos")]),
        ("Huisarts de Graaf kwam laat.", [("name", "de Graaf")]),
        ("K23 heeft niet gegeten.", [("room", "K23")]),
        ("De bewoner (k. 17) viel.", [("room", "k. 17")]),
        ("Mevrouw op 2.07 wil haar kussen.", [("room", "2.07")]),
        ("Ze woont in Assen, Markt 5.", [("address", "Markt 5")]),
        ("Hij is verhuisd naar Zuiderdiep 101.", [("address", "Zuiderdiep 101")]),
        ("Naar 2511CV Den Haag.", [("postcode", "2511CV")]),
        ("Bel 06.55.12.34.09 maar.", [("phone", "06.55.12.34.09")]),
        ("bsn-nr611148936 weg.", [("bsn", "611148936")]),
        ("Her birthday is 12 dec.", [("birth_date", "12 dec")]),
    ],
)
def test_the_second_round_patterns_are_found(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ze ligt in het Antonius ziekenhuis.",
        "De koffie van Douwe Egberts is op.",
        "Het schilderij van Jan Steen hangt in de gang.",
        "Jan Modaal kan dat niet betalen.",
        "Noord, Oost en West ronde gedaan.",
        "Mail facilitair@zorggroep.nl of werkenbij@zorggroep.nl.",
        "We hadden 2500 KJ per dag als doel.",
        "Bestel artikelnummer 2018 AB-4.",
        "Gisteren viel de stroom uit.",
        "Overdracht was rommelig.",
        "Haloperidol werd gestart.",
        "De vitamine K2 is op.",
        "We gaan met de bus naar Hoogeveen.",
        "Mevrouw wilde niet eten.",
    ],
)
def test_the_second_round_near_misses_are_not_flagged(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # the second independent check's patterns (issue 11, third round), in sentences of our own
        ("JAN DE VRIES VIEL UIT BED.", [("name", "JAN DE VRIES")]),
        ("MW BAKKER HEEFT NIET GEGETEN.", [("name", "MW BAKKER")]),
        ("Dhr. de Koning wil naar huis.", [("name", "Dhr. de Koning")]),
        ("Mevrouw Prins heeft pijn.", [("name", "Mevrouw Prins")]),
        ("meneer Winter zat in de stoel.", [("name", "meneer Winter")]),
        ("Mw. Wil heeft pijn in haar rug.", [("name", "Mw. Wil")]),
        ("De Graaf wilde niet douchen.", [("name", "De Graaf")]),
        ("Van Leeuwen-Smit kwam te laat.", [("name", "Van Leeuwen-Smit")]),
        ("ria zei dat de bel stuk was.", [("name", "ria")]),
        ("Ik deed de overdracht met ria.", [("name", "ria")]),
        ("gisteren viel kees twee keer.", [("name", "kees")]),
        ("Overleg Met Anja Over Roosters", [("name", "Anja")]),
        ("Ze ligt op kamer twaalf.", [("room", "kamer twaalf")]),
        ("Hij gaat naar kamer A-12.", [("room", "kamer A-12")]),
        ("De kamers 3 en 5 zijn leeg.", [("room", "kamers 3 en 5")]),
        ("Henk k. 17 viel.", [("name", "Henk"), ("room", "k. 17")]),
        ("De meneer van 17 belde.", [("room", "17")]),
        ("De dame in 104 wil thee.", [("room", "104")]),
        ("Bewoner C14 wilde niet eten.", [("room", "C14")]),
        ("Eerst naar Westeinde 12, dan naar Tjalk 23.", [("address", "Westeinde 12"), ("address", "Tjalk 23")]),
        ("Route: Laan van Meerdervoort 1020.", [("address", "Laan van Meerdervoort 1020")]),
        ("Hij is van 1929.", [("birth_date", "1929")]),
        ("Meneer is een jaargang 1942.", [("birth_date", "1942")]),
        ("Geboren op oudejaarsdag 1935.", [("birth_date", "oudejaarsdag 1935")]),
        ("10-jul-1939 is haar geboortedatum.", [("birth_date", "10-jul-1939")]),
        ("gb 12-3-38", [("birth_date", "12-3-38")]),
        ("Geboren op twaalf maart negentienachtendertig.", [("birth_date", "twaalf maart negentienachtendertig")]),
        (
            "Mail jan punt de vries apenstaartje gmail punt com.",
            [("email", "jan punt de vries apenstaartje gmail punt com")],
        ),
        ("Mail anja[at]hotmail.com.", [("email", "anja[at]hotmail.com")]),
        ("Naar NL91-ABNA-0417-1643-00.", [("iban", "NL91-ABNA-0417-1643-00")]),
        ("3572 kd utrecht", [("postcode", "3572 kd")]),
    ],
)
def test_the_third_round_patterns_are_found(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mw. Heeft pijn in haar been.",
        "Dhr. Wil niet douchen.",
        "Mw. Rustig geslapen.",
        "Dhr. Nee gezegd tegen de fysio.",
        "Ja zuster, nee zuster.",
        "We kopen het bij Dirk van den Broek.",
        "Jan Linders heeft koffie in de aanbieding.",
        "Dr. Oetker pudding is op.",
        "Ze wil Ben & Jerry's.",
        "Mona vla met een koekje.",
        "Ze kocht sokken bij Zeeman.",
        "Bestel Tena Slip Maxi voor de nacht.",
        "Reinier de Graaf belt over de uitslag.",
        "Antoni van Leeuwenhoek stopt de behandeling.",
        "Het Dr. Leo Kannerhuis geeft een cursus.",
        "Pieter van Foreest heeft een locatie in Delft.",
        "Maria Oord zoekt vrijwilligers.",
        "Esdégé-Reigersdaal en Ipse de Bruggen werken samen.",
        "Jan Klaassen en Katrijn in de poppenkast.",
        "We zongen het Ave Maria.",
        "Ze las voor uit Ot en Sien.",
        "Hansje Pansje Kevertje zingen ze nog.",
        "Piet komt ook langs op het sinterklaasfeest.",
        "Inshallah gaat het morgen beter.",
        "Overdracht En Rapportage Verbeteren",
        "Ze komt uit Oost-Groningen.",
        "Mail mdo-secretariaat@zorggroep.nl of wzd@zorggroep.nl.",
        "De meneer van 90 is nog kwiek.",
        "Een vrouw van 40 kwam solliciteren.",
        "Er was file op de A12.",
        "Ze krijgt vitamine B12.",
        "Eerst naar Stap 4, dan naar stap 5.",
        "Medicatieronde: Paracetamol 500, Oxazepam 10.",
        "Het gebouw is van 1929.",
        "De auto is een bouwjaar 2008.",
        "Kerst 1944 was een zware tijd.",
        "Zij is van 1950 tot 1990 hoofdzuster geweest.",
        "Mail info apenstaartje zorggroep punt nl.",
        "De winter was zwaar.",
        "shampoo tegen roos",
    ],
)
def test_the_third_round_near_misses_are_not_flagged(text):
    assert found(text) == []


# ----- known-good words ------------------------------------------------------------------------------------------


def test_known_good_words_of_the_session_are_never_a_name():
    text = "Bij Linde is het rustiger sinds Merel Bos er werkt."
    assert [k for k, _ in found(text)] == ["name", "name"]
    assert found(text, known_good=["Linde"]) == [("name", "Merel Bos")]
    known = known_good_words("Linde", "Zorggroep Oost", "Volgens Kitwood draait het om de persoon.")
    assert found(text, known_good=known) == [("name", "Merel Bos")]


def test_a_known_good_phrase_covers_the_name_inside_it():
    text = "Wij werken samen met Anna Paulowna Zorg."
    assert found(text) != []
    assert found(text, known_good=["Anna Paulowna Zorg"]) == []


def test_flags_takes_known_good_words_too():
    assert flags("Bij Linde ging het goed.", today=TODAY) == ("name",)
    assert flags("Bij Linde ging het goed.", today=TODAY, known_good=["Linde"]) == ()


# ----- pending counts as flagged -----------------------------------------------------------------------------


def test_a_pending_finding_flags_masks_and_redacts_the_whole_text():
    text = "Henk viel."
    pending = (Finding(kind="pending", start=0, end=len(text), severity="high", suggestion=""),)
    assert privacy.kinds(pending) == (PENDING,) and is_pending(privacy.kinds(pending))
    assert mask(text, pending) == "•••"
    assert redact(text, pending) == "[verwijderd: nog niet gecontroleerd]"
    assert redact(text, pending, lang="en") == "[removed: not checked yet]"
    assert notice((PENDING,)).startswith("Je bericht wordt nog gecontroleerd")
    assert notice(("phone", PENDING)).startswith("Je bericht bevat mogelijk een telefoonnummer.")


def test_once_loaded_a_scan_without_waiting_is_complete():
    assert privacy.ready()
    assert found("Fatima zei het.", wait=False) == [("name", "Fatima")]
    assert flags("Fatima zei het.", wait=False) == ("name",)


def _run(code: str, package_root: Path = REPO) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(package_root)!r})\n" + code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def test_importing_the_guard_loads_no_lists_and_warm_up_loads_them_in_another_thread():
    result = _run(
        "import asyncio, json, threading\n"
        "from workshop.core import privacy\n"
        "before = privacy.ready() or 'workshop.core.privacy.engine' in sys.modules\n"
        "where = []\n"
        "record = lambda: where.append(threading.current_thread().name)\n"
        "async def main():\n"
        "    await asyncio.wrap_future(privacy.warm_up(on_ready=record))\n"
        "asyncio.run(main())\n"
        "print(json.dumps({'before': before, 'after': privacy.ready(), 'where': where}))\n"
    )
    assert result == {"before": False, "after": True, "where": ["privacy-lexicon"]}


def test_without_its_lists_the_guard_stays_pending_and_every_text_counts_as_flagged(tmp_path):
    # A real broken install: the package without one of its data files.
    shutil.copytree(REPO / "workshop", tmp_path / "workshop", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "workshop" / "core" / "privacy" / "data" / "first_names.txt").unlink()
    result = _run(
        "import json\n"
        "from workshop.core import privacy\n"
        "assert privacy.__file__.startswith(sys.path[0]), privacy.__file__\n"
        "kinds = privacy.flags('Bel 06-12345678 of vraag het Henk.', wait=False)\n"
        "clean = privacy.flags('De overdracht liep uit.', wait=False)\n"
        "try:\n"
        "    privacy.scan('Henk', wait=True)\n"
        "    error = ''\n"
        "except OSError as e:\n"
        "    error = type(e).__name__\n"
        "print(json.dumps({'kinds': list(kinds), 'clean': list(clean), 'error': error, 'ready': privacy.ready()}))\n",
        package_root=tmp_path,
    )
    assert result == {"kinds": ["phone", "pending"], "clean": ["pending"], "error": "FileNotFoundError", "ready": False}


def test_warm_up_from_the_event_loop_does_not_block_it():
    async def main() -> bool:
        future = privacy.warm_up()
        await asyncio.wrap_future(future)
        return threading.current_thread() is threading.main_thread()

    assert asyncio.run(main())


# ----- the owner of an action is a role ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "owner", ["Anja de Boer", "Fatima", "Jansen", "mevrouw Yılmaz", "Henk en Petra", "anja", "Kees (EVV)", "Roos"]
)
def test_a_person_as_owner_is_noticed(owner):
    assert looks_like_person(owner)


@pytest.mark.parametrize(
    "owner",
    [
        "teamleider",
        "EVV'er",
        "verpleegkundige",
        "de kwaliteitsfunctionaris",
        "teamleider + EVV'er",
        "het hele team",
        "werkgroep valpreventie",
        "HR",
        "Teamleider Zorg",
        "specialist ouderengeneeskunde",
        "",
    ],
)
def test_a_role_as_owner_is_fine(owner):
    assert not looks_like_person(owner)


def test_the_team_is_not_a_person_when_it_is_known_good():
    assert looks_like_person("Linde")
    assert not looks_like_person("Linde", known_good=["Linde"])
    assert not looks_like_person("De Linde")


def test_role_suggestions_are_roles():
    assert "teamleider" in ROLE_SUGGESTIONS and "EVV'er" in ROLE_SUGGESTIONS
    assert not any(looks_like_person(role) for role in ROLE_SUGGESTIONS)
