"""The home screen says how many check moments the organisation's plans hold this week ("3 checkmomenten deze week"),
driven by the real app's Pilot on the realistic organisation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from textual.widgets import Label

from tests.conftest import FakeClock
from tests.organisation.orgworkspace import TODAY, Org
from workshop.core.agenda import borgcheck
from workshop.core.plan import plan_rows, read_date
from workshop.tui.app import WorkshopApp


def expected_checks(org: Org, today: date) -> int:
    """Check dates still to check from `today` to Sunday, counted from the plan files themselves."""
    sunday = today + timedelta(days=6 - today.weekday())
    count = 0
    for path in org.workspace.exports_dir.glob("pdca-*.md"):
        for row in plan_rows(path.read_text(encoding="utf-8")):
            day = read_date(row.check_date)
            to_check = row.is_open or (row.status_key == "klaar" and not row.result)
            if day and today <= day <= sunday and to_check and row.status_key != "gestopt":
                count += 1
            again = borgcheck(row)  # three months after a check the team decided to keep (borgen)
            if again and today <= again <= sunday and row.status_key != "gestopt":
                count += 1
    return count


async def title_on(org: Org, when: datetime, lang: str = "nl") -> str:
    app = WorkshopApp(org.workspace, clock=FakeClock(when), serve=False, lang=lang)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        return str(app.screen.query_one("#sessions-title", Label).render())


async def test_the_home_screen_counts_this_weeks_check_moments(org: Org):
    monday = datetime(TODAY.year, TODAY.month, TODAY.day, 9, 0, tzinfo=UTC)
    count = expected_checks(org, TODAY)
    assert count >= 2  # the organisation's plans have check dates in the week of 23-11-2026
    assert await title_on(org, monday) == f"Sessies · {count} checkmomenten deze week"
    assert await title_on(org, monday, "en") == f"Sessions · {count} check dates this week"
    # Later in the week the days gone by no longer count; a week without check dates says nothing.
    friday = monday + timedelta(days=4)
    later = expected_checks(org, friday.date())
    assert later <= count
    suffix = {0: "", 1: " · 1 checkmoment deze week"}.get(later, f" · {later} checkmomenten deze week")
    assert await title_on(org, friday) == "Sessies" + suffix
    assert await title_on(org, datetime(2031, 1, 6, 9, 0, tzinfo=UTC)) == "Sessies"
