"""The content of the seven shipped scripts: structure, the guide's depth (issue 15), privacy line, notes."""

from __future__ import annotations

import dataclasses
import re

import pytest

from tests.conftest import ROOT, SCRIPTS
from workshop.core.model import Script
from workshop.core.script import load_script, parse_script, script_warnings

PRIVACY_LINE = "**Geen namen, geen BSN, geen geboortedata: gebruik rollen ('de cliënt', 'een collega').**"

# (kind, minutes) per step. The first four follow the tables of domain.md §2.1–2.4, with what issue 15
# added: every script opens (after its welcome) with a review of the team's open actions, skipped when
# there are none; and the changes noted per script.
STEPS: dict[str, list[tuple[str, int]]] = {
    "visie-leren-ontwikkelen": [
        ("explain", 5),
        ("review", 5),  # open actions
        ("round", 6),  # domain.md: 8
        ("collect", 10),
        ("collect", 15),
        ("group", 10),
        ("vote", 5),
        ("collect", 8),  # domain.md: 10
        ("rate", 12),  # domain.md: 8 — now the full §2.2 set of 14 statements instead of 3
        ("actions", 10),
        ("close", 4),  # domain.md: 5
    ],
    "incidentbespreking-vooruit": [
        ("explain", 4),
        ("review", 3),  # open actions
        ("round", 3),
        ("collect", 8),
        ("collect", 7),  # domain.md: 8
        ("collect", 6),
        ("group", 5),
        ("rate", 4),  # new: the risk (VIM: kans dat het weer gebeurt, ernst)
        ("collect", 5),  # domain.md: 6
        ("collect", 7),
        ("vote", 3),
        ("actions", 7),
        ("close", 3),
    ],
    "mantelzorg-drempelcheck": [
        ("explain", 4),
        ("review", 5),  # open actions
        ("round", 5),  # domain.md: 6
        ("rate", 16),  # domain.md: 15 — 21 statements instead of 14
        ("review", 4),
        ("round", 9),  # domain.md: 10
        ("collect", 6),
        ("vote", 3),
        ("actions", 9),
        ("close", 4),  # domain.md: 3
    ],
    "kwaliteitsbeeld-retrospectief": [
        ("explain", 5),
        ("review", 15),
        ("collect", 10),
        ("collect", 8),  # new: how the Kompas movement was put to work, and zeggenschap
        ("rate", 7),  # domain.md: 10
        # The ODB comparison is a `review` in domain.md; it is a `collect` with categories here,
        # because the facilitator types the ODB numbers in as cards.
        ("collect", 15),
        ("collect", 10),
        ("group", 10),
        ("collect", 10),
        ("vote", 5),
        ("actions", 20),  # domain.md: 15
        ("close", 5),
    ],
    "signaal-naar-verbetering": [
        ("explain", 4),
        ("review", 5),
        ("round", 6),
        ("rate", 12),
        ("review", 4),
        ("collect", 11),
        ("vote", 3),
        ("actions", 11),
        ("close", 4),
    ],
    "netwerkkaart": [
        ("explain", 4),
        ("review", 4),
        ("collect", 12),
        ("round", 8),
        ("collect", 10),
        ("rate", 6),
        ("vote", 3),
        ("actions", 10),
        ("close", 3),
    ],
    "kort-teamoverleg": [
        ("explain", 1),
        ("review", 4),
        ("collect", 4),
        ("vote", 1),
        ("actions", 4),
        ("close", 1),
    ],
}
LENGTH = {
    "visie-leren-ontwikkelen": 90,  # domain.md: 85 (its own table adds up to 86)
    "incidentbespreking-vooruit": 65,  # domain.md: 60
    "mantelzorg-drempelcheck": 65,  # domain.md: 60
    "kwaliteitsbeeld-retrospectief": 120,  # domain.md: 110, or 2 x 55; now 2 x 60
    "signaal-naar-verbetering": 60,
    "netwerkkaart": 60,
    "kort-teamoverleg": 15,
}

MANTELZORG_STATEMENTS = (
    # Handreiking §3.2, the mantelzorg checklist, phrased so that staff and mantelzorgers can both answer.
    "Over samenwerken met mantelzorgers wordt overal in de organisatie gesproken, van team tot directie.",
    "Het is duidelijk hoe de organisatie met mantelzorgers wil samenwerken.",
    "Medewerkers weten wat hun taak is in de samenwerking met mantelzorgers.",
    "Samenwerken met mantelzorgers komt vast terug in teamoverleg of intervisie.",
    "Het is duidelijk wat leidinggevenden doen om de samenwerking met mantelzorgers te steunen.",
    "Afspraken tussen mantelzorgers en medewerkers zijn voor beide kanten duidelijk.",
    "Het is beschreven wat de cliënt, de mantelzorger en de medewerker ieder doen.",
    "Er is genoeg tijd voor contact tussen medewerkers en mantelzorgers.",
    "Het is duidelijk welke zorgtaken een mantelzorger beter niet zelf doet.",
    "Wil een mantelzorger toch zo'n zorgtaak doen, dan is duidelijk hoe we daar samen afspraken over maken.",
    "Denken mantelzorger en medewerker anders over goede zorg, dan helpt de organisatie om er samen uit te komen.",
    "Het verschil tussen het werk van een vrijwilliger en de hulp van een mantelzorger is duidelijk.",
    "Mantelzorgers kunnen een training of scholing volgen als ze dat willen.",
    "Vrijwilligers kunnen een training of scholing volgen als ze dat willen.",
    "Het is duidelijk welke informatie over de cliënt met welke mantelzorger gedeeld mag worden.",
    "Bijzondere afspraken over wie welke informatie krijgt, staan op een vaste plek in het dossier.",
    "Loopt de samenwerking ergens stroef, voor mantelzorger, cliënt of medewerker, dan pakken we dat samen op.",
    "Mantelzorgers weten waar ze terecht kunnen met een zorg, klacht of compliment.",
    "Mantelzorgers horen terug wat er met hun zorg, klacht of compliment is gedaan.",
    "Het is duidelijk wat het mantelzorgsteunpunt kan doen, voor mantelzorgers en voor medewerkers.",
    "Mantelzorgers worden op tijd gewezen op het mantelzorgsteunpunt.",
)

GROUND_RULES = (
    "We zoeken wat we leren, niet wie schuldig is.",
    "Geen namen of herleidbare details van cliënten of collega's.",
    "Verhalen blijven hier; alleen lessen en acties gaan naar buiten.",
    "Iedereen krijgt een beurt; passen mag.",
    'Vraag "wat" en "hoe", niet "waarom deed je…".',
    "We kijken ook naar wat wél goed ging.",
    'Acties gaan over werkwijze, middelen en afspraken, niet over "beter opletten".',
    "Blijkt het een calamiteit? Dan stoppen we en volgt de formele route.",
)

# Staff-only wording the issue found in the mantelzorg statements: a mantelzorger can only answer ❓.
STAFF_ONLY = ("onze functieomschrijvingen", "we mogen delen", "steunt de organisatie ons", "we weten")


def shipped(script_id: str) -> Script:
    return load_script(SCRIPTS / f"{script_id}.md")


def every_text(script: Script) -> list[str]:
    """Everything of a parsed script that a person can see: titles, prompts, notes, lists, help texts."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("text", "path"):
                    walk(item)

    walk(dataclasses.asdict(script))
    return found


# --- all seven ---------------------------------------------------------------------------------


def test_seven_scripts_ship() -> None:
    assert sorted(p.stem for p in SCRIPTS.glob("*.md")) == sorted(STEPS)


@pytest.mark.parametrize("script_id", sorted(STEPS))
def test_structure_and_length(script_id: str) -> None:
    script = shipped(script_id)
    assert script.id == script_id
    assert [(s.kind, s.minutes) for s in script.steps] == STEPS[script_id]
    assert script.duration == LENGTH[script_id] == sum(s.minutes for s in script.steps)
    assert script_warnings(script) == []


@pytest.mark.parametrize("script_id", sorted(STEPS))
def test_opens_with_the_privacy_line_then_the_open_actions(script_id: str) -> None:
    script = shipped(script_id)
    first, second = script.steps[:2]
    assert first.kind == "explain"
    assert first.prompt.splitlines()[0] == PRIVACY_LINE
    # Last time's actions first, skipped when the team has none.
    assert (second.kind, second.of, second.skip_when_empty) == ("review", "acties", True)


@pytest.mark.parametrize("script_id", sorted(STEPS))
def test_front_matter_and_facilitator_intro(script_id: str) -> None:
    script = shipped(script_id)
    assert script.language == "nl"
    assert script.title and script.audience and script.purpose and script.intro
    assert "### Voor je begint" in script.intro  # the preparation, for the facilitator only


@pytest.mark.parametrize("script_id", sorted(STEPS))
def test_every_prompt_cites_its_source_in_a_comment(script_id: str) -> None:
    """Each step that asks the group something says in a comment where in the guide it comes from."""
    text = (SCRIPTS / f"{script_id}.md").read_text(encoding="utf-8")
    assert re.search(r"<!--\s*\nBron: ", text), "a source note at the top"
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    script = shipped(script_id)
    for step, section in zip(script.steps, sections, strict=True):
        if step.kind in ("explain", "group", "vote"):
            continue  # the welcome, grouping and voting ask nothing of their own
        assert re.search(r"<!--[^>]*(§\d|VIM|Safety-II|Learning Teams|[Hh]erstelgericht)", section), step.title


@pytest.mark.parametrize("script_id", sorted(STEPS))
def test_no_comment_and_no_bewoner_reaches_anyone(script_id: str) -> None:
    texts = every_text(shipped(script_id))
    assert not [t for t in texts if "<!--" in t or "-->" in t or "Handreiking" in t]
    # "de bewoner" is wrong for home care: the scripts speak of "de cliënt".
    assert not [t for t in texts if "bewoner" in t.lower()]


@pytest.mark.parametrize("script_id", sorted(STEPS))
def test_category_help_texts_are_questions_or_examples(script_id: str) -> None:
    for step in shipped(script_id).steps:
        assert {name for name, _help in step.category_help} <= set(step.categories)
        for _name, help_text in step.category_help:
            assert help_text[0].isupper() and help_text[-1] in "?.", help_text


def test_every_script_in_the_folder_parses() -> None:
    paths = sorted(SCRIPTS.glob("*.md"))
    assert {p.stem for p in paths} == set(STEPS)
    for path in paths:
        assert load_script(path).id == path.stem


# --- per script --------------------------------------------------------------------------------


def test_visie_leren_ontwikkelen() -> None:
    script = shipped("visie-leren-ontwikkelen")
    aspects = script.step("over-drie-jaar")
    assert len(aspects.categories) == 11 and aspects.pick == 4
    assert "Zeggenschap" in aspects.categories and "Flexibiliteit" in aspects.categories
    # Every §2.1 aspect carries its guiding questions as a help text.
    assert [name for name, _ in aspects.category_help] == list(aspects.categories)
    assert "mantelzorgers" in aspects.help_for("Behoeften van naasten")
    assert "laten weten wat beter kan" in aspects.help_for("Behoeften van naasten")  # feedback from naasten
    assert "terug" in aspects.help_for("Zeggenschap") and "kwaliteitsbeeld" in aspects.help_for("Zeggenschap")
    assert script.step("wat-moet-leren-opleveren").format == "1-2-4-All"
    group = script.step("themas-maken")
    assert group.source == ("wat-moet-leren-opleveren", "over-drie-jaar")
    vote = script.step("stemmen-op-themas")
    assert (vote.on, vote.dots) == ("themas-maken", 3)
    rate = script.step("randvoorwaarden")
    assert rate.scale == "verkeerslicht" and len(rate.statements) == 14
    prefixes = [s.split(":")[0] for s in rate.statements]
    assert prefixes == ["Ruimte en tijd"] * 4 + ["Structuur"] * 6 + ["Cultuur"] * 4
    # The full §2.2 set, one question each.
    joined = " ".join(rate.statements).lower()
    for topic in ("scholing", "rooster", "cijfers en verhalen", "leermiddelen", "leercoach", "kennissessies"):
        assert topic in joined, topic
    assert any("elk jaar" in s and "cliëntenraad" in s for s in rate.statements)
    assert any("feedback geven en krijgen" in s for s in rate.statements)
    assert "Cultuur: leidinggevenden leren zelf mee." in rate.statements
    assert "Cultuur: fouten bespreken voelt bij ons veilig." in rate.statements
    assert not any(" en fouten " in s for s in rate.statements)  # no statement asks two things
    # Preparation and the fallback where there is no VAR/PAR/cliëntenraad (small-scale care).
    for item in ("strategie", "missie en kernwaarden", "kwaliteitsbeeld"):
        assert item in script.intro.lower()
    assert "Geen VAR, PAR of cliëntenraad?" in script.intro and "kleinschalige zorg" in script.intro
    assert "PVT" in script.step("afsluiting").notes
    assert script.roles and script.min_group == 3


def test_incidentbespreking_vooruit() -> None:
    script = shipped("incidentbespreking-vooruit")
    explain = script.steps[0]
    for number, rule in enumerate(GROUND_RULES, start=1):
        assert f"{number}. {rule}" in explain.prompt
    for text in (script.intro, explain.prompt):
        assert "calamiteit" in text.lower() and "IGJ" in text
        assert "SIRE" in text and "PRISMA" in text
    assert script.intro.startswith("> **Niet voor calamiteiten.**")
    # Preparation for the colleague involved: how they want it discussed, and collegiale opvang.
    assert "Spreek eerst met de collega('s) die erbij betrokken waren" in script.intro
    assert "collegiale opvang" in script.intro.lower()
    group = script.step("mens-organisatie-techniek-of-client")
    assert group.themes == ("Mens", "Organisatie", "Techniek", "Cliënt")
    assert group.source == ("waarom-leek-het-logisch", "wat-ging-er-goed")
    # The VIM questions: chance that it happens again, and how serious.
    risk = script.step("hoe-groot-is-het-risico")
    assert risk.kind == "rate" and risk.scale == "1-5"
    assert [s.split(":")[0] for s in risk.statements] == ["Kans", "Ernst"]
    # Positive signals too.
    assert "compliment" in script.purpose and "compliment" in script.step("wat-ging-er-goed").prompt
    assert script.step("ideeen-voor-de-toekomst").format == "Feedforward"
    vote = script.step("beste-ideeen-kiezen")
    assert (vote.on, vote.dots) == ("ideeen-voor-de-toekomst", 2)
    # "Verhalen blijven hier": the story steps stay out of the team summary.
    private = [s.id for s in script.steps if not s.export]
    assert private == [
        "inchecken",
        "wat-gebeurde-er",
        "waarom-leek-het-logisch",
        "wie-is-geraakt",
        "hoe-veilig-voelde-dit-gesprek",
    ]
    close = script.steps[-1]
    assert close.scale == "1-5" and close.anonymous
    assert close.rated_statements == ("Hoe veilig voelde dit gesprek?",)


def test_mantelzorg_drempelcheck() -> None:
    script = shipped("mantelzorg-drempelcheck")
    rate = script.step("drempelcheck")
    assert rate.statements == MANTELZORG_STATEMENTS
    assert rate.scale == "verkeerslicht" and rate.anonymous
    for statement in rate.statements:
        assert not any(phrase in statement.lower() for phrase in STAFF_ONLY), statement
    review = script.step("rood-of-oneens")
    assert review.of == rate.id == "drempelcheck"
    assert "mantelzorgers spreken eerst" in script.step("wat-zie-jij").prompt.lower()
    vote = script.step("wat-pakken-we-eerst-aan")
    assert (vote.on, vote.dots) == ("drempels", 2)
    # The WGBO cascade (art. 7:465 BW), in the intro and in the rating step's notes.
    for text in (script.intro, rate.notes):
        assert "7:465 BW" in text and "mentor of curator" in text
        assert "partner" in text and "kind" in text
    assert "wettelijk vertegenwoordiger" not in script.intro
    assert script.roles == ("medewerker", "leidinggevende", "mantelzorger of naaste", "cliënt(enraad)", "vrijwilliger")
    assert script.min_group == 3


def test_kwaliteitsbeeld_retrospectief() -> None:
    script = shipped("kwaliteitsbeeld-retrospectief")
    assert script.steps[1].of == "acties"
    bouwstenen = script.step("stand-per-bouwsteen")
    assert bouwstenen.scale == "bouwsteen" and len(bouwstenen.statements) == 5
    assert bouwstenen.statements[3] == "Bouwsteen 4 – Leren en ontwikkelen"
    assert "gaat goed, ook in de praktijk" in bouwstenen.prompt  # the labels of the bouwsteen scale
    assert "bouwsteen 1, 2, 3 en 5" in script.intro and "bouwsteen 1, 2, 3 en 5" in bouwstenen.notes
    kompas = script.step("de-beweging-van-het-kompas")
    assert "Zeggenschap van cliënten en naasten" in kompas.categories
    assert "Zeggenschap van medewerkers" in kompas.categories
    odb = script.step("vergelijken-met-het-odb")
    assert odb.categories == ("Cijfer uit het ODB", "Komt door onze context", "Hier kunnen we leren")
    assert len(script.step("ontwikkelingen-om-ons-heen").categories) == 7
    group = script.step("wat-hoort-bij-elkaar")
    assert group.source == (
        "terugblik",
        "de-beweging-van-het-kompas",
        "vergelijken-met-het-odb",
        "ontwikkelingen-om-ons-heen",
    )
    vote = script.step("onze-leeragenda")
    assert (vote.on, vote.dots) == (group.id, 3) == ("wat-hoort-bij-elkaar", 3)
    # Steps 1-6 and 7-12 are the two halves of the 2 x 60 minutes variant.
    assert sum(s.minutes for s in script.steps[:6]) == sum(s.minutes for s in script.steps[6:]) == 60


def test_kwaliteitsbeeld_ghz_block_from_intro_can_be_pasted() -> None:
    """The intro offers the GHZ bouwstenen as a block to paste over step 5's list; it must parse."""
    path = SCRIPTS / "kwaliteitsbeeld-retrospectief.md"
    text = path.read_text(encoding="utf-8")
    block = re.search(r"```\n(- statements:\n(?:  - .*\n)+)```", text)
    assert block is not None
    vvt = re.search(r"- statements:\n(?:  - Bouwsteen .*\n)+", text[block.end() :])
    assert vvt is not None
    start = block.end() + vvt.start()
    pasted = text[:start] + block.group(1) + text[block.end() + vvt.end() :]
    step = parse_script(pasted, path.name).step("stand-per-bouwsteen")
    assert step.statements == (
        "Bouwsteen 1 – Het zorgproces rond de individuele persoon",
        "Bouwsteen 2 – Onderzoek naar de ervaringen van mensen met een beperking",
        "Bouwsteen 3 – Professionele ontwikkeling",
        "Bouwsteen 4 – Inzicht in kwaliteit",
    )


def test_signaal_naar_verbetering() -> None:
    script = shipped("signaal-naar-verbetering")
    rate = script.step("waar-kun-je-terecht")
    joined = " ".join(rate.statements)
    for topic in ("klachtenfunctionaris", "vertrouwenspersoon voor medewerkers", "voorrang", "hoort terug"):
        assert topic in joined, topic
    assert any("Cliënten en naasten weten hoe ze een vertrouwenspersoon" in s for s in rate.statements)
    assert any("niet om zo weinig mogelijk meldingen" in s for s in rate.statements)
    assert any("positieve signalen" in s for s in rate.statements)
    assert script.step("rood-of-oneens").of == rate.id
    route = script.step("waar-loopt-een-signaal-vast")
    assert route.categories == (
        "Binnenkomen",
        "Verzamelen en bekijken",
        "Voorrang",
        "Leren en verbeteren",
        "Terugkoppelen",
    )
    assert script.step("wat-pakken-we-eerst-aan").on == route.id
    assert "klachtenfunctionaris" in script.intro and "vertrouwenspersoon" in script.intro


def test_netwerkkaart() -> None:
    script = shipped("netwerkkaart")
    networks = script.step("in-welke-netwerken-zitten-we")
    assert "Mantelzorgsteunpunt" in networks.categories and "Lerend netwerk" in networks.categories
    assert "infectiepreventie" in networks.help_for("Regionaal zorgnetwerk")
    assert script.step("wie-is-ons-aanspreekpunt").kind == "round"
    give_take = script.step("halen-en-brengen")
    assert give_take.categories == ("Wat we halen", "Wat we brengen", "Wat we missen")
    assert script.step("waar-halen-we-meer-uit").on == give_take.id
    assert "functie" in script.steps[0].prompt  # contact persons by role, not by name


def test_kort_teamoverleg() -> None:
    script = shipped("kort-teamoverleg")
    assert script.duration == 15
    signal = script.step("een-signaal")
    assert signal.categories == ("Ging goed", "Kan beter")  # positive signals as much as negative ones
    vote = script.step("welk-signaal-pakken-we-op")
    assert (vote.on, vote.dots) == (signal.id, 1)
    assert "één actie" in script.step("een-actie").prompt.lower()
    assert "calamiteit" in script.intro


def test_the_readme_lists_every_script_with_its_length() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## The scripts that ship", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| *")]
    assert len(rows) == len(STEPS)
    for script_id in STEPS:
        script = shipped(script_id)
        [row] = [r for r in rows if f"(`{script_id}`)" in r]
        assert f"*{script.title}*" in row and f"| {script.duration} min" in row
