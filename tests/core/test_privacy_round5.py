"""The privacy guard's fifth round: forms independent tester #4 found missed (titles written short, a "wooneenheid",
a street written short) or flagged wrongly (a standing aid named Sara Stedy), in sentences of our own, each with a
near-miss that must keep its answer."""

from __future__ import annotations

from datetime import date

import pytest

from workshop.core import privacy
from workshop.core.privacy import scan

TODAY = date(2026, 12, 5)


@pytest.fixture(scope="module", autouse=True)
def lists_loaded() -> None:
    privacy.warm_up().result()


def kinds(text: str) -> set[str]:
    return {f.kind for f in scan(text, today=TODAY)}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("mvr. jansen wilde niet uit bed", "name"),  # "mvr", lower-case surname
        ("Mvr Yilmaz had veel pijn vannacht", "name"),
        ("mvrw. de boer vroeg naar haar zoon", "name"),
        ("hr de vries wil zijn dochter spreken", "name"),  # "hr" for "heer"
        ("Hr. Bakker belde over de medicatie", "name"),
        ("op wooneenheid 8 was het erg onrustig", "room"),
        ("de bewoner van wooneenheid twaalf valt vaak", "room"),
        ("haar dochter woont op de kerkstr. 5", "address"),
        ("post naar Dorpsstr. 12a sturen", "address"),
        ("Sara helpt mee bij de transfer", "name"),  # the name alone is still a name
        ("zuster Sara deed de transfer met de Stedy", "name"),
    ],
)
def test_short_titles_units_and_streets_are_found(text: str, kind: str) -> None:
    assert kind in kinds(text), text


@pytest.mark.parametrize(
    "text",
    [
        "HR belt morgen terug over het rooster",  # the department, not a title
        "hr heeft de vacature uitgezet",
        "overleg met HR over het verzuim",
        "de wooneenheid is te klein voor een tillift",
        "de wooneenheden 2 keer per dag luchten",
        "de str. is 5 meter breed",  # not a street name
        "we gebruiken de Sara Stedy bij de transfer",  # a standing aid, not a person
        "De Sara Flex staat nog op de gang",
    ],
)
def test_their_near_misses_stay_quiet(text: str) -> None:
    assert kinds(text) == set(), text
