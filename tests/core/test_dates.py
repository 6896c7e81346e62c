"""Dates on screen come from one formatter (core.dates): "5 dec 2026", never 2026-12-05; the summary and the
plan keep writing 05-12-2026, which the plan reader reads back."""

from __future__ import annotations

from datetime import date

import pytest

from workshop.core.dates import screen_date
from workshop.core.errors import DomainError
from workshop.core.mdtext import format_date
from workshop.core.model import ReviewItem
from workshop.core.plan_words import iso_date
from workshop.core.review import passed_note, warnings


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        ("2026-12-05", "nl", "5 dec 2026"),
        ("2027-03-31", "nl", "31 mrt 2027"),
        ("2027-05-01", "en", "1 May 2027"),
        ("2026-10-15", "en", "15 Oct 2026"),
        ("2026-11-23T09:00:00+00:00", "nl", "23 nov 2026"),  # a stored timestamp: its date
        (date(2026, 6, 9), "nl", "9 jun 2026"),
        ("", "nl", ""),
        ("teamoverleg 12 maart", "nl", "teamoverleg 12 maart"),  # words stay words
        ("05-12-2026", "nl", "05-12-2026"),  # not ISO: shown as written, never guessed
    ],
)
def test_a_date_reads_as_people_write_it(value, lang, shown):
    assert screen_date(value, lang) == shown


def test_a_refusal_names_its_dates_the_same_way_in_the_readers_language():
    err = DomainError("action.check_before_due", check=date(2026, 12, 1), due=date(2027, 1, 10))
    assert err.text("nl") == "De checkdatum (1 dec 2026) ligt vóór de deadline (10 jan 2027)."
    assert err.text("en") == "The check date (1 Dec 2026) is before the due date (10 Jan 2027)."


def test_the_screen_says_a_passed_date_its_way_and_the_summary_keeps_its_own():
    item = ReviewItem(plan_id="v1", what="Plan leertijd", due="2026-10-01", check_date="2026-10-31")
    on = date(2026, 11, 23)
    assert warnings(item, on) == ("De checkdatum (31 okt 2026) is voorbij.",)
    assert passed_note(item, on) == "De checkdatum (31-10-2026) is voorbij."  # the summary's format
    # The plan's format is read back by the plan reader: it stays DD-MM-YYYY.
    assert format_date("2026-10-31") == "31-10-2026" and iso_date("31-10-2026") == "2026-10-31"
