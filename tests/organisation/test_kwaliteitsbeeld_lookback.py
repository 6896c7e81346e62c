"""Trial 16, item 4: the kwaliteitsbeeld chapter's look back (terugblik, tellen) counts the previous cycle's
actions from the team's plan: those of earlier sessions, klaar and gestopt ones included and named with their
results; not an action a session of the same day just agreed. A realistic multi-cycle plan: real sessions through
the core, exported with the real command line, the plan edited by hand between them the way teams do."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.cli.runner import workshop
from tests.conftest import FakeClock
from workshop.workspace import Workspace

TEAM, ORG = "Team De Linde", "Zorggroep Oost"


def session(root: Path, script: str, when: datetime, actions: list[tuple[str, str]], review=None) -> str:
    """Run a session of `script` on `when` with `actions` (what, due), closed and exported; return its id."""
    workspace = Workspace(root)
    service = workspace.new_session(workspace.find_script(script), team=TEAM, organisation=ORG, clock=FakeClock(when))
    if review is not None:
        service.go_to("wat-is-er-met-onze-acties-gebeurd")
        workspace.load_open_actions(service)
        review(service)
    service.go_to("acties")
    for what, due in actions:
        service.add_action(what, owner="teamleider", due=due)
    service.close_session()
    session_id = service.state.meta.id
    service.release()
    run = workshop("--workspace", str(root), "export", session_id, "--kwaliteitsbeeld", cwd=root)
    assert run.returncode == 0, run.stderr
    return session_id


def set_cell(text: str, plan_id: str, column: str, value: str) -> str:
    """Write `value` into the `column` cell of `plan_id`'s row, as a person editing the plan does."""
    lines = text.split("\n")
    header: list[str] = []
    for n, line in enumerate(lines):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] == "ID":
            header = cells
        elif cells[0] == plan_id and column in header:
            cells[header.index(column)] = value
            lines[n] = "| " + " | ".join(cells) + " |"
            return "\n".join(lines)
    raise AssertionError((plan_id, column))


def test_the_look_back_counts_the_previous_cycle_from_the_plan(tmp_path: Path) -> None:
    root = tmp_path
    session(
        root,
        "mantelzorg-drempelcheck",
        datetime(2025, 11, 20, 13, 30, tzinfo=UTC),
        [
            ("Vaste plek in het dossier maken voor afspraken met familie", "2026-01-15"),
            ("Folder van het steunpunt geven bij elke opname", "2026-02-01"),
            ("Mantelzorgavond organiseren met het steunpunt", "2026-04-01"),
        ],
    )
    plan = Workspace(root).plan_path(TEAM)
    text = plan.read_text(encoding="utf-8")
    # Between the sessions the team fills in its plan by hand: a1 klaar with its result and decision, a3 stopped.
    text = set_cell(text, "DL-2511-a1", "Status", "klaar op 3 maart")
    text = set_cell(text, "DL-2511-a1", "Resultaat", "12 van 20 dossiers hebben een vaste plek")
    text = set_cell(text, "DL-2511-a1", "Besluit", "bijstellen")
    text = set_cell(text, "DL-2511-a3", "Status", "gestopt")
    plan.write_text(text, encoding="utf-8")
    # A year later: a mantelzorg check in the morning agrees a new action, the kwaliteitsbeeld session that afternoon.
    session(
        root,
        "mantelzorg-drempelcheck",
        datetime(2026, 12, 5, 9, 0, tzinfo=UTC),
        [("Vast belmoment met familie plannen na elke opname", "2026-12-15")],
    )

    def review(service) -> None:
        walked = [i.plan_id for i in service.state.reviews]
        assert walked == ["DL-2511-a2", "DL-2612-a1"]  # the review walks what is open, also this morning's action
        service.review_action("DL-2511-a2", status="bezig", result="folder is besteld")

    kw = session(
        root,
        "kwaliteitsbeeld-retrospectief",
        datetime(2026, 12, 5, 13, 30, tzinfo=UTC),
        [("Cliëntervaring verbeteren met vaste contactmomenten", "2027-06-01")],
        review,
    )
    chapter = (root / "exports" / f"{kw}-kwaliteitsbeeld.md").read_text(encoding="utf-8")
    terugblik = chapter.split("## Terugblik")[1].split("\n## ")[0]
    assert "**Tellen:** 1 van de 3 acties uit de vorige cyclus is klaar, 1 is gestopt en 1 loopt nog." in terugblik
    assert (
        "| DL-2511-a1 Vaste plek in het dossier maken voor afspraken met familie | klaar op 3 maart "
        "| 12 van 20 dossiers hebben een vaste plek | bijstellen |"
    ) in terugblik
    assert "| DL-2511-a3 Mantelzorgavond organiseren met het steunpunt | gestopt | – |" in terugblik
    assert "| DL-2511-a2 Folder van het steunpunt geven bij elke opname | bezig | folder is besteld |" in terugblik
    assert "DL-2612" not in terugblik  # agreed the same day: it starts now, it is not looked back on
    assert "sessies van vóór 05-12-2026" in terugblik


@pytest.mark.parametrize("discussed", [True, False], ids=["discussed", "only-loaded"])
def test_a_row_added_by_hand_counts_when_the_session_discussed_it(tmp_path: Path, discussed: bool) -> None:
    """Trial 2: a row added by hand that the review only loaded ("gepland (niet besproken)") was counted as the
    previous cycle's ("1 van de 4" where the cycle had 3 actions). Only a row the session discussed counts."""
    root = tmp_path
    session(
        root,
        "mantelzorg-drempelcheck",
        datetime(2025, 11, 20, 13, 30, tzinfo=UTC),
        [("Folder van het steunpunt geven bij elke opname", "2026-02-01")],
    )
    plan = Workspace(root).plan_path(TEAM)
    text = plan.read_text(encoding="utf-8")
    own = "| eigen-1 | Steunpunt uitnodigen in het teamoverleg | | teamleider | 1 februari 2027 | | gepland |"
    lines = text.split("\n")
    lines.insert(lines.index(next(x for x in lines if x.startswith("| DL-2511-a1 |"))) + 1, own)
    plan.write_text("\n".join(lines), encoding="utf-8")

    def review(service) -> None:
        assert "eigen-1" in [i.plan_id for i in service.state.reviews]  # loaded either way
        if discussed:
            service.review_action("eigen-1", status="gepland", result="uitnodiging verstuurd")

    kw = session(root, "kwaliteitsbeeld-retrospectief", datetime(2026, 12, 5, 13, 30, tzinfo=UTC), [], review)
    chapter = (root / "exports" / f"{kw}-kwaliteitsbeeld.md").read_text(encoding="utf-8")
    if discussed:
        assert "**Tellen:** 0 van de 2 acties uit de vorige cyclus zijn klaar en 2 lopen nog." in chapter
        assert "| eigen-1 Steunpunt uitnodigen in het teamoverleg | gepland |" in chapter
    else:
        assert "**Tellen:** 0 van de 1 acties uit de vorige cyclus zijn klaar en 1 loopt nog." in chapter
        assert "eigen-1" not in chapter
